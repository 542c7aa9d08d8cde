/* check_host.h - what the host tests share: fixture trees
 * (tests/fixtures/host/CASE, found through $TESTS_SRCDIR), host_detect on
 * one, message look-ups, and a fake NVML.
 *
 * Every helper is static inline so that a test program that does not use
 * one gets no unused-function warning. */
#ifndef QS_CHECK_HOST_H
#define QS_CHECK_HOST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform/host.h"
#include "platform/nvml.h"
#include "platform/rootfs.h"

#define GIB 1073741824.0

/* ---- helpers ------------------------------------------------------------ */

static inline void fixture_root(char *buf, size_t size, const char *name)
{
    const char *src = getenv("TESTS_SRCDIR");
    int n;

#ifdef TESTS_SRCDIR
    if (!src || !*src)
        src = TESTS_SRCDIR;
#endif
    if (!src || !*src)
        src = "tests";
    n = snprintf(buf, size, "%s/fixtures/host/%s", src, name);
    ck_assert(n > 0 && (size_t)n < size);
}

/* Runs host_detect on fixture `name` with nvml (NULL: none, root is not /). */
static inline int detect(const char *name, const nvml_api *nvml, host_info *info, char *root,
                  size_t root_size)
{
    host_options opt;

    memset(&opt, 0, sizeof opt);
    fixture_root(root, root_size, name);
    opt.root = root;
    opt.nvml = nvml;
    return host_detect(&opt, info);
}

/* 1 when one of the messages equals the text. */
static inline int has_message(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strcmp(info->messages[i], text))
            return 1;
    return 0;
}

/* 1 when one of the messages starts with the text. */
static inline int has_message_prefix(const host_info *info, const char *text)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        if (!strncmp(info->messages[i], text, strlen(text)))
            return 1;
    return 0;
}

/* The message "FMT" with %s = root. */
static inline int has_root_message(const host_info *info, const char *root, const char *before,
                            const char *after)
{
    char exp[HOST_MSG_LEN * 2];
    int n = snprintf(exp, sizeof exp, "%s%s%s", before, root, after);

    ck_assert(n > 0 && (size_t)n < sizeof exp);
    return has_message(info, exp);
}

static inline int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);

    return a >= b && !strcmp(s + a - b, tail);
}

static inline void dump_messages(const host_info *info)
{
    int i;

    for (i = 0; i < info->n_messages; i++)
        fprintf(stderr, "  message: %s\n", info->messages[i]);
}

/* ---- a fake NVML ----------------------------------------------------------
 * Handles point at these records; the *_fail fields make one call fail. */
struct nvml_device_st {
    const char *name;
    unsigned long long total, free;
    int fail_memory;
    int fail_name;
};

/* nvidia-smi totals: RTX 4090 24564 MiB, H100 80GB HBM3 81559 MiB (notes.md). */
static struct nvml_device_st fake_gpus[4] = {
    { "NVIDIA GeForce RTX 4090", 24564ULL * 1048576, 20000ULL * 1048576, 0, 0 },
    { "NVIDIA H100 80GB HBM3", 81559ULL * 1048576, 81000ULL * 1048576, 0, 0 },
    { "broken memory", 1, 1, 1, 0 },
    { "broken name", 8192ULL * 1048576, 8000ULL * 1048576, 0, 1 },
};

static inline int fake_init_ok(void) { return 0; }
static inline int fake_init_fail(void) { return 9; }    /* NVML_ERROR_DRIVER_NOT_LOADED */
static inline int fake_shutdown(void) { return 0; }
static inline int fake_count_0(unsigned int *c) { *c = 0; return 0; }
static inline int fake_count_1(unsigned int *c) { *c = 1; return 0; }
static inline int fake_count_2(unsigned int *c) { *c = 2; return 0; }
static inline int fake_count_4(unsigned int *c) { *c = 4; return 0; }
static inline int fake_count_40(unsigned int *c) { *c = 40; return 0; }
static inline int fake_count_fail(unsigned int *c) { *c = 0; return 999; }

static inline int fake_handle(unsigned int i, nvml_device *dev)
{
    *dev = &fake_gpus[i % 2];
    return 0;
}

/* GPUs 0..3 are the four records; 4 and up are invalid. */
static inline int fake_handle_all(unsigned int i, nvml_device *dev)
{
    if (i >= 4)
        return 2;    /* NVML_ERROR_INVALID_ARGUMENT */
    *dev = &fake_gpus[i];
    return 0;
}

static inline int fake_name(nvml_device dev, char *name, unsigned int length)
{
    int n;

    if (dev->fail_name)
        return 3;    /* NVML_ERROR_NOT_SUPPORTED */
    n = snprintf(name, length, "%s", dev->name);
    return (n < 0 || (unsigned)n >= length) ? 7 : 0;
}

static inline int fake_memory(nvml_device dev, nvml_memory *mem)
{
    if (dev->fail_memory)
        return 15;   /* NVML_ERROR_GPU_IS_LOST */
    mem->total = dev->total;
    mem->free = dev->free;
    mem->used = dev->total - dev->free;
    return 0;
}

static inline const char *fake_error_string(int rc)
{
    return rc == 9 ? "Driver Not Loaded" : NULL;
}

static inline nvml_api fake_api(int (*init)(void), int (*count)(unsigned int *),
                         int (*handle)(unsigned int, nvml_device *))
{
    nvml_api api;

    memset(&api, 0, sizeof api);
    api.init = init;
    api.get_count = count;
    api.get_handle = handle;
    api.get_name = fake_name;
    api.get_memory = fake_memory;
    api.shutdown = fake_shutdown;
    api.error_string = fake_error_string;
    return api;
}

#endif
