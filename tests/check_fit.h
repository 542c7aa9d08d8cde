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
    const qs_model *m = models_find(models_builtin(), id);

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
static const qs_model tiny4 = {
    .id = "tiny4", .name = "Tiny4", .family = "test",
    .arch = { .name = "Tiny4", .layers = 4, .hidden = 64, .vocab = 256, .heads = 1,
              .kv_heads = 1, .head_dim_k = 64, .ffn_dim = 128 },
    .ctx = 2097152L, .total = 4.0 * 1073741824.0, .active = 4.0 * 1073741824.0,
};

#endif
