/* check_fit.h - what the fit tests share: catalog look-ups that must
 * succeed, a custom device of a given size, and a tiny test architecture.
 *
 * Every helper is static inline so that a test program that does not use
 * one gets no unused-function warning. */
#ifndef QS_CHECK_FIT_H
#define QS_CHECK_FIT_H

#include <check.h>

#include "model/devices.h"
#include "model/models.h"

#define GIB 1073741824.0

static inline const qs_model *model(const char *id)
{
    const qs_model *m = models_find(id);

    ck_assert_ptr_nonnull(m);
    return m;
}

static inline const qs_device *device(const char *id)
{
    const qs_device *d = devices_find(id);

    ck_assert_ptr_nonnull(d);
    return d;
}

/* A custom device of `gib` GiB. */
static inline qs_device sized(double gib)
{
    qs_device d;

    ck_assert_int_eq(devices_from_bytes(gib * GIB, "test", &d), 0);
    return d;
}

/* A 4-layer test architecture whose f16 cache is 1 KiB per token:
 * 2 x 1 KV head x 64 x 4 layers x 2 B = 1024 B. */
static const qs_model tiny4 = { "tiny4", "Tiny4", 4.0 * 1073741824.0,
                                4.0 * 1073741824.0, 4, 1, 64, 2097152L, 1, 0, 0L, 0 };

#endif
