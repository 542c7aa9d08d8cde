/* check_catalog.c - unit tests for the model and device catalogs and the
 * "did you mean" suggestions (model/models, model/devices, model/suggest). */
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/devices.h"
#include "model/arch_count.h"
#include "model/catalog_row.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/models.h"
#include "model/suggest.h"

#define GIB 1073741824.0

/* kv_cache_bytes_per_token_fp16 of ../shared/reference/models.tsv. */
static const struct {
    const char *id;
    double params;
    double kv_bytes_per_token;
} tsv_rows[] = {
    { "gpt2", 124439808.0, 36864 },
    { "tinyllama-1.1b", 1100048384.0, 22528 },
    { "llama-2-7b", 6738415616.0, 524288 },
    { "llama-2-13b", 13015864320.0, 819200 },
    { "llama-2-70b", 68976648192.0, 327680 },
    { "llama-3.1-8b", 8030261248.0, 131072 },
    { "llama-3.1-70b", 70553706496.0, 327680 },
    { "llama-3.1-405b", 405853388800.0, 516096 },
    { "llama-3.2-1b", 1235814400.0, 32768 },
    { "llama-3.2-3b", 3212749824.0, 114688 },
    { "mistral-7b", 7241732096.0, 131072 },
    { "mixtral-8x7b", 46702792704.0, 131072 },
    { "qwen2.5-0.5b", 494032768.0, 12288 },
    { "qwen2.5-7b", 7615616512.0, 57344 },
    { "qwen2.5-14b", 14770033664.0, 196608 },
    { "qwen2.5-32b", 32763876352.0, 262144 },
    { "qwen2.5-72b", 72706203648.0, 327680 },
    { "gemma-2-2b", 2614341888.0, 106496 },
    { "gemma-2-9b", 9241705984.0, 344064 },
    { "gemma-2-27b", 27227128320.0, 376832 },
    { "phi-3-mini", 3821079552.0, 393216 },
    { "deepseek-v3", 671026419200.0, 70272 },
    { "falcon-180b", 178557088768.0, 163840 },
    { "bloom-176b", 176247271424.0, 4014080 },
};

#define TSV_N (sizeof tsv_rows / sizeof tsv_rows[0])

static int is_lower_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-' ||
              *s == '.'))
            return 0;
    return 1;
}

/* ---- models -------------------------------------------------------------- */

static const qs_model *find(const char *name)
{
    return models_find(models_builtin(), name);
}

START_TEST(test_models_reference_rows)
{
    size_t i;

    ck_assert_uint_ge(models_count(models_builtin()), TSV_N);
    for (i = 0; i < TSV_N; i++) {
        const qs_model *m = find(tsv_rows[i].id);
        double kv;

        ck_assert_msg(m != NULL, "missing model %s", tsv_rows[i].id);
        ck_assert_msg(m->total == tsv_rows[i].params, "params of %s", m->id);
        /* One token of f16 cache equals the tsv's figure, in bytes. */
        kv = kvarch_size(&m->arch, 1, KV_BITS_F16, 1, NULL);
        ck_assert_msg(kv == tsv_rows[i].kv_bytes_per_token, "KV/token of %s: %.1f", m->id, kv);
    }
}
END_TEST

START_TEST(test_models_rows_sane)
{
    const models_catalog *c = models_builtin();
    size_t i, j;

    ck_assert_uint_ge(models_count(c), 80);
    for (i = 0; i < models_count(c); i++) {
        const qs_model *m = models_get(c, i);

        ck_assert_msg(is_lower_id(m->id), "id %s", m->id);
        ck_assert(m->name != NULL && *m->name != '\0');
        ck_assert(m->family != NULL && *m->family != '\0');
        ck_assert(m->source != NULL && *m->source != '\0');
        ck_assert_ptr_eq(m->arch.name, m->name);
        ck_assert(memory_is_positive(m->total) && m->total == floor(m->total));
        ck_assert(m->total == (double)arch_param_count(&m->arch));
        ck_assert(memory_is_positive(m->active) && m->active <= m->total);
        ck_assert(m->active == (double)arch_active_param_count(&m->arch));
        ck_assert(m->params == 0 || (double)(m->params + m->params_diff) == m->total);
        ck_assert_int_eq(m->user, 0);
        ck_assert_int_ge(m->ctx, 1024);
        for (j = 0; j < i; j++)
            ck_assert_msg(strcasecmp(models_get(c, j)->id, m->id) != 0, "duplicate %s", m->id);
    }
    ck_assert_ptr_null(models_get(c, models_count(c)));
    ck_assert_ptr_null(models_get(NULL, 0));
}
END_TEST

START_TEST(test_models_specifics)
{
    const qs_model *m;

    /* The original ids are kept. */
    ck_assert_ptr_nonnull(find("gpt2"));
    ck_assert_ptr_nonnull(find("llama-2-7b"));
    ck_assert_ptr_nonnull(find("llama-3.1-70b"));
    ck_assert_ptr_nonnull(find("qwen2.5-7b"));
    /* The families of the issue, by the ids people type. */
    ck_assert_ptr_nonnull(find("qwen3-30b-a3b"));
    ck_assert_ptr_nonnull(find("gpt-oss-120b"));
    ck_assert_ptr_nonnull(find("gemma-3-27b"));
    ck_assert_ptr_nonnull(find("deepseek-v3"));
    ck_assert_ptr_nonnull(find("llama-4-scout"));
    /* Case-insensitive, by id or display name. */
    m = find("LLAMA-3.1-8B");
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->id, "llama-3.1-8b");
    ck_assert_ptr_eq(find("Mistral-7B-v0.1"), find("mistral-7b"));
    ck_assert_ptr_null(find("llama-9"));
    ck_assert_ptr_null(find(NULL));
    /* MoE: all experts resident, the active ones read: Mixtral 32 layers x
     * (8 - 2) idle experts x 3 x 4096 x 14336. */
    m = find("mixtral-8x7b");
    ck_assert(m->total == 46702792704.0);
    ck_assert(m->active == 46702792704.0 - 32.0 * 6 * 3 * 4096 * 14336);
    /* DeepSeek-V3: 58 MoE layers x (256 - 8) idle experts x 3 x 7168 x 2048. */
    m = find("deepseek-v3");
    ck_assert(m->active == m->total - 58.0 * 248 * 3 * 7168 * 2048);
    ck_assert_int_eq(m->arch.layers, 61);
    /* Attention words. */
    ck_assert_str_eq(models_attention(find("gpt2")), "MHA");
    ck_assert_str_eq(models_attention(find("llama-3.1-8b")), "GQA");
    ck_assert_str_eq(models_attention(find("gemma-2-9b")), "GQA+SWA");
    ck_assert_str_eq(models_attention(find("deepseek-v3")), "MLA");
    ck_assert_str_eq(models_attention(find("qwen3-next-80b-a3b")), "GQA+linear");
    ck_assert_str_eq(models_attention(find("llama-4-scout")), "GQA+chunked");
    ck_assert_str_eq(models_attention(find("nemotron-3-nano-30b-a3b")), "GQA+SSM");
    ck_assert_str_eq(models_attention(NULL), "?");
}
END_TEST

START_TEST(test_models_layer_kinds)
{
    char buf[128];

    ck_assert_int_eq(models_layer_kinds(find("gpt-oss-120b"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "18 full + 18 swa 128");
    ck_assert_int_eq(models_layer_kinds(find("qwen3-next-80b-a3b"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "12 full + 36 linear");
    ck_assert_int_eq(models_layer_kinds(find("deepseek-v3"), buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "61 mla");
    ck_assert_int_eq(models_layer_kinds(find("deepseek-v3"), buf, 4), -1);
    ck_assert_int_eq(models_layer_kinds(NULL, buf, sizeof buf), -1);
}
END_TEST

START_TEST(test_models_nearest)
{
    const models_catalog *c = models_builtin();
    const qs_model *m;

    /* 70B in the default family: a Llama of about 70B. */
    m = models_nearest(c, NULL, 70e9);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m->family, MODELS_DEFAULT_FAMILY);
    ck_assert(fabs(log(m->total / 70e9)) < 0.02);
    /* A named family; dense first, so qwen3moe still gives an MoE model. */
    m = models_nearest(c, "qwen3moe", 30e9);
    ck_assert_ptr_nonnull(m);
    ck_assert_int_gt(m->arch.moe.experts, 0);
    ck_assert_ptr_null(models_nearest(c, "no-such-family", 7e9));
    ck_assert_ptr_null(models_nearest(c, NULL, 0.0));
    ck_assert_ptr_null(models_nearest(c, NULL, NAN));
}
END_TEST

START_TEST(test_models_user_rows_first)
{
    static const char line[] = "llama-3.1-8b\tMy Llama\tllama\tlayers=2\thidden=64\theads=2"
                               "\tvocab=100\tffn=128\tctx=4096\tverified=0\tsource=me";
    catalog_row row;
    qs_model mine;
    models_catalog c;
    char err[CATALOG_ROW_ERR_SIZE];
    size_t n = models_count(models_builtin());

    ck_assert_int_eq(catalog_row_parse(line, strlen(line), &row, err, sizeof err), 0);
    ck_assert_int_eq(models_from_row(&row, &mine), 0);
    ck_assert_int_eq(mine.user, 1);
    ck_assert(mine.total == (double)arch_param_count(&row.arch));
    models_catalog_init(&c, &mine, 1);
    /* It replaces the built-in row of its id, and comes first. */
    ck_assert_uint_eq(models_count(&c), n);
    ck_assert_ptr_eq(models_get(&c, 0), &mine);
    ck_assert_ptr_eq(models_find(&c, "llama-3.1-8b"), &mine);
    ck_assert_ptr_ne(models_find(&c, "llama-3.1-70b"), NULL);
}
END_TEST

START_TEST(test_models_suggest)
{
    const models_catalog *c = models_builtin();
    const qs_model *out[4];
    size_t n;

    /* Ids containing it first (shortest first), then near ones. */
    n = models_suggest(c, "llama-3.1", out, 4);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(out[0]->id, "llama-3.1-8b");
    ck_assert_str_eq(out[1]->id, "llama-3.1-70b");
    ck_assert_str_eq(out[2]->id, "llama-3.1-405b");
    n = models_suggest(c, "lama-2-7b", out, 4);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(out[0]->id, "llama-2-7b");
    n = models_suggest(c, "MIXTRAL", out, 1);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(out[0]->id, "mixtral-8x7b");
    ck_assert_uint_eq(models_suggest(c, "zzzzzzzz", out, 4), 0);
    ck_assert_uint_eq(models_suggest(c, NULL, out, 4), 0);
    ck_assert_uint_eq(models_suggest(c, "gpt2", NULL, 4), 0);
    ck_assert_uint_eq(models_suggest(c, "gpt2", out, 0), 0);
}
END_TEST

/* ---- devices ------------------------------------------------------------- */

START_TEST(test_devices_capacities)
{
    /* nvidia-smi totals in MiB (notes.md), shown to two decimals there. */
    ck_assert(devices_find("rtx-4090")->capacity_gib == 24564.0 / 1024);
    ck_assert(devices_find("h100-sxm")->capacity_gib == 81559.0 / 1024);
    ck_assert(devices_find("h200")->capacity_gib == 143771.0 / 1024);
    ck_assert(devices_find("b200")->capacity_gib == 183359.0 / 1024);
    ck_assert(fabs(devices_find("rtx-4090")->capacity_gib - 23.99) < 0.005);
    ck_assert(fabs(devices_find("h100-sxm")->capacity_gib - 79.65) < 0.005);
    ck_assert(fabs(devices_find("h200")->capacity_gib - 140.40) < 0.005);
    ck_assert(fabs(devices_find("b200")->capacity_gib - 179.06) < 0.005);
    ck_assert(devices_find("a100-80gb")->capacity_gib == 80.0);
    ck_assert(devices_find("t4")->capacity_gib == 15.0);
    ck_assert(devices_find("rtx-4090")->bandwidth_gbps == 1008.0);
    ck_assert(devices_find("h100-sxm")->bandwidth_gbps == 3350.0);
    ck_assert(devices_find("rpi5-8gb")->bandwidth_gbps == 4267.0 * 4 / 1000);
    /* Apple: one row per memory option, the GPU share by default (64 GiB
     * is above 36: 3/4). */
    ck_assert(devices_find("m3-max-64")->capacity_gib == 64.0);
    ck_assert(devices_find("m2-ultra-192")->capacity_gib == 192.0);
    ck_assert(devices_find("m3-max-64")->gpu_share == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_usable_gib(devices_find("m3-max-64"), 0.0) == 48.0);
    ck_assert(devices_usable_gib(devices_find("m3-max-64"), 0.5) == 32.0);
    ck_assert(devices_usable_gib(devices_find("m3-max-64"), 1.5) == 48.0);
    ck_assert(devices_usable_gib(devices_find("rtx-4090"), 0.0) == 24564.0 / 1024);
    ck_assert(devices_usable_gib(NULL, 0.0) == MEMORY_ERROR);
}
END_TEST

/* The rows of unified memory that is not Apple's (issue 11). */
static int is_unified(const char *id)
{
    static const char *const unified[] = {
        "dgx-spark", "jetson-thor", "jetson-orin-64", "ryzen-ai-395-128",
    };
    size_t i;

    for (i = 0; i < sizeof unified / sizeof unified[0]; i++)
        if (strcmp(unified[i], id) == 0)
            return 1;
    return 0;
}

START_TEST(test_devices_rows_sane)
{
    static const char *const required[] = {
        "rtx-3060", "rtx-3090", "rtx-4060", "rtx-4060-ti-16gb", "rtx-4070", "rtx-4080",
        "rtx-4090", "rtx-5090", "t4", "l4", "a10", "v100-16gb", "v100-32gb", "a100-40gb",
        "a100-80gb", "h100-sxm", "h100-pcie", "h200", "b200", "mi300x", "mi325x", "m1-8",
        "m1-ultra-128", "m2-ultra-192", "m3-max-64", "m3-ultra-512", "m4-max-128",
        "iphone-15-pro", "rpi5-8gb", "laptop-8gb", "laptop-16gb",
    };
    size_t i, j;

    for (i = 0; i < sizeof required / sizeof required[0]; i++)
        ck_assert_msg(devices_find(required[i]) != NULL, "missing device %s", required[i]);
    for (i = 0; i < devices_count(); i++) {
        const qs_device *d = devices_get(i);

        ck_assert_msg(is_lower_id(d->id), "id %s", d->id);
        ck_assert_msg(strlen(d->id) <= 16, "id %s too long for the tables", d->id);
        ck_assert_msg(d->name != NULL && strlen(d->name) <= 20, "name of %s", d->id);
        ck_assert(memory_is_positive(d->capacity_gib));
        ck_assert(d->bandwidth_gbps >= 0.0 && isfinite(d->bandwidth_gbps));
        ck_assert(d->gpu_share > 0.0 && d->gpu_share <= 1.0);
        ck_assert(d->kind != DEV_KIND_HOST && d->kind != DEV_KIND_CUSTOM);
        ck_assert(d->tflops >= 0.0 && isfinite(d->tflops));
        /* Apple: macOS's rule, 2/3 up to 36 GiB and 3/4 above (issue 11;
         * devices-serving-2026.md 1.8), but where a row gives its own. */
        if (d->kind == DEV_KIND_APPLE && strcmp(d->id, "m5-max-128") != 0)
            ck_assert_msg(d->gpu_share == (d->capacity_gib <= 36.0 ? 2.0 / 3.0 : 0.75) &&
                          d->is_gpu, "share of %s", d->id);
        /* One pool shared with the CPU: the GPU gets part of it. */
        if (is_unified(d->id))
            ck_assert(d->gpu_share < 1.0 && d->is_gpu && d->bandwidth_gbps > 0.0);
        else if (d->kind == DEV_KIND_GPU || d->kind == DEV_KIND_DATACENTER)
            ck_assert(d->gpu_share == 1.0 && d->is_gpu && d->bandwidth_gbps > 0.0);
        else if (d->kind == DEV_KIND_BOARD || d->kind == DEV_KIND_LAPTOP)
            ck_assert(!d->is_gpu);
        for (j = 0; j < i; j++)
            ck_assert_msg(strcasecmp(devices_get(j)->id, d->id) != 0, "duplicate %s", d->id);
    }
    ck_assert_ptr_null(devices_get(devices_count()));
}
END_TEST

START_TEST(test_devices_find_case)
{
    ck_assert_ptr_eq(devices_find("RTX-4090"), devices_find("rtx-4090"));
    ck_assert_ptr_eq(devices_find("H100-Sxm"), devices_find("h100-sxm"));
    ck_assert_ptr_eq(devices_find("M3-MAX-64"), devices_find("m3-max-64"));
    ck_assert_ptr_null(devices_find("rtx 4090"));
    ck_assert_ptr_null(devices_find(""));
    ck_assert_ptr_null(devices_find(NULL));
}
END_TEST

START_TEST(test_devices_suggest)
{
    const qs_device *out[8];
    size_t n;

    n = devices_suggest("rtx4090", out, 3);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(out[0]->id, "rtx-4090");
    /* A prefix or part of an id: those ids first, shortest first. */
    n = devices_suggest("h100", out, 8);
    ck_assert_uint_ge(n, 3);
    ck_assert_str_eq(out[0]->id, "h100-sxm");
    ck_assert_str_eq(out[1]->id, "h100-nvl");   /* 8 characters, after h100-sxm in the file */
    ck_assert_str_eq(out[2]->id, "h100-pcie");
    n = devices_suggest("4090", out, 8);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(out[0]->id, "rtx-4090");
    n = devices_suggest("M3-Max", out, 8);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(out[0]->id, "m3-max-36");
    /* A typo. */
    n = devices_suggest("rtx-4009", out, 2);
    ck_assert_uint_eq(n, 2);
    ck_assert(strncmp(out[0]->id, "rtx-40", 6) == 0);
    /* max is respected, and nothing far-fetched is offered. */
    ck_assert_uint_eq(devices_suggest("m", out, 2), 2);
    ck_assert_uint_eq(devices_suggest("quantum-computer", out, 8), 0);
    ck_assert_uint_eq(devices_suggest("", out, 8), 0);
    ck_assert_uint_eq(devices_suggest(NULL, out, 8), 0);
    ck_assert_uint_eq(devices_suggest("h100", NULL, 8), 0);
}
END_TEST

START_TEST(test_devices_sizes)
{
    qs_device d;

    ck_assert_int_eq(devices_from_bytes(24.0 * GIB, "24GiB", &d), 0);
    ck_assert(d.capacity_gib == 24.0);
    ck_assert_str_eq(d.id, "24GiB");
    ck_assert_int_eq(d.kind, DEV_KIND_CUSTOM);
    ck_assert_int_eq(d.is_gpu, 1);
    ck_assert(d.gpu_share == 1.0);
    ck_assert(d.bandwidth_gbps == 0.0);
    ck_assert_int_eq(devices_from_bytes(0.0, "x", &d), -1);
    ck_assert_int_eq(devices_from_bytes(-1.0, "x", &d), -1);
    ck_assert_int_eq(devices_from_bytes(NAN, "x", &d), -1);
    ck_assert_int_eq(devices_from_bytes(INFINITY, "x", &d), -1);
    ck_assert_int_eq(devices_from_bytes(1.0, NULL, &d), -1);
    ck_assert_int_eq(devices_from_bytes(1.0, "x", NULL), -1);

    /* --device NAME or SIZE, both units. */
    ck_assert_int_eq(devices_resolve("24GiB", &d), 0);
    ck_assert(d.capacity_gib == 24.0);
    ck_assert_int_eq(devices_resolve("16GB", &d), 0);
    ck_assert(d.capacity_gib == 16e9 / GIB);
    ck_assert_int_eq(devices_resolve("RTX-4090", &d), 0);
    ck_assert_str_eq(d.id, "rtx-4090");
    ck_assert(d.capacity_gib == 24564.0 / 1024);
    ck_assert_int_eq(devices_resolve("rtx-9999", &d), -1);
    ck_assert_int_eq(devices_resolve("0GiB", &d), -1);
    ck_assert_int_eq(devices_resolve("", &d), -1);
    ck_assert_int_eq(devices_resolve(NULL, &d), -1);

    ck_assert_str_eq(devices_kind_name(DEV_KIND_APPLE), "apple");
    ck_assert_str_eq(devices_kind_name(DEV_KIND_CUSTOM), "custom");
}
END_TEST

START_TEST(test_devices_host_share)
{
    qs_device d;
    const qs_device *m3 = devices_find("m3-max-64");

    ck_assert_int_eq(devices_host(31.5, DEVICES_HOST_LABEL, &d), 0);
    ck_assert_str_eq(d.id, DEVICES_HOST_ID);
    ck_assert_str_eq(d.name, "this machine (RAM)");
    ck_assert_int_eq(d.kind, DEV_KIND_HOST);
    ck_assert_int_eq(d.is_gpu, 0);
    ck_assert(d.capacity_gib == 31.5);
    ck_assert(d.gpu_share == 1.0);
    ck_assert(d.bandwidth_gbps == 0.0);
    ck_assert(devices_usable_gib(&d, 0.0) == 31.5);
    /* 0 is "unknown": accepted; negative, NaN, infinite and NULLs are not. */
    ck_assert_int_eq(devices_host(0.0, "x", &d), 0);
    ck_assert(d.capacity_gib == 0.0);
    ck_assert_int_eq(devices_host(-1.0, "x", &d), -1);
    ck_assert_int_eq(devices_host(NAN, "x", &d), -1);
    ck_assert_int_eq(devices_host(INFINITY, "x", &d), -1);
    ck_assert_int_eq(devices_host(1.0, NULL, &d), -1);
    ck_assert_int_eq(devices_host(1.0, "x", NULL), -1);

    /* The share: an Apple device's is the override when that is in (0, 1];
     * every other device keeps its own. */
    ck_assert_ptr_nonnull(m3);
    ck_assert(devices_share(m3, 0.0) == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_share(m3, -1.0) == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_share(m3, 1.5) == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_share(m3, 0.9) == 0.9);
    ck_assert(devices_share(m3, 1.0) == 1.0);
    ck_assert(devices_share(devices_find("rtx-4090"), 0.5) == 1.0);
    /* The iPhone (8 GiB) follows the Mac's rule, 2/3, and not --apple-share. */
    ck_assert(devices_share(devices_find("iphone-15-pro"), 0.5) == 2.0 / 3.0);
    ck_assert(devices_share(&d, 0.5) == 1.0);
    ck_assert(devices_share(NULL, 0.5) == MEMORY_ERROR);
    ck_assert(devices_apple_share(0.0) == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_apple_share(1.01) == DEVICES_APPLE_GPU_SHARE);
    ck_assert(devices_apple_share(0.9) == 0.9);
    ck_assert(devices_usable_gib(m3, 0.5) == 64.0 * 0.5);
    ck_assert(devices_usable_gib(m3, 0.0) == 64.0 * DEVICES_APPLE_GPU_SHARE);
}
END_TEST

START_TEST(test_suggest_contains)
{
    ck_assert_int_eq(suggest_contains("rtx-4090", "4090"), 1);
    ck_assert_int_eq(suggest_contains("RTX-4090", "rtx"), 1);
    ck_assert_int_eq(suggest_contains("rtx-4090", "TX-4"), 1);
    ck_assert_int_eq(suggest_contains("rtx-4090", "rtx-4090"), 1);
    ck_assert_int_eq(suggest_contains("rtx-4090", "rtx-40900"), 0);
    ck_assert_int_eq(suggest_contains("rtx-4090", "4080"), 0);
    ck_assert_int_eq(suggest_contains("abc", ""), 1);
    ck_assert_int_eq(suggest_contains("", "a"), 0);
    ck_assert_int_eq(suggest_contains(NULL, "a"), 0);
    ck_assert_int_eq(suggest_contains("a", NULL), 0);
}
END_TEST

START_TEST(test_suggest_distance)
{
    ck_assert_int_eq(suggest_distance("kitten", "sitting"), 3);
    ck_assert_int_eq(suggest_distance("RTX", "rtx"), 0);
    ck_assert_int_eq(suggest_distance("", "abc"), 3);
    ck_assert_int_eq(suggest_distance("abc", ""), 3);
    ck_assert_int_eq(suggest_distance(NULL, "a"), -1);
    ck_assert_int_eq(suggest_distance("a", NULL), -1);
    ck_assert_int_eq(suggest_distance("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a"),
                     -1);
}
END_TEST


START_TEST(test_attention_words)
{
    /* No preset uses multi-query attention; the word is still right. */
    static const qs_model mqa = {
        .id = "mqa", .name = "MQA", .family = "test",
        .arch = { .name = "MQA", .layers = 24, .hidden = 1024, .heads = 16, .kv_heads = 1,
                  .head_dim_k = 64, .vocab = 100, .ffn_dim = 4096 },
        .ctx = 2048, .total = 1e9, .active = 1e9 };
    qs_model mqa_swa = mqa;

    mqa_swa.arch.mixer = ARCH_ATTN_SWA;
    mqa_swa.arch.span = 4096;
    mqa_swa.arch.full_period = 2;
    mqa_swa.arch.full_index = 1;

    ck_assert_str_eq(models_attention(&mqa), "MQA");
    ck_assert_str_eq(models_attention(&mqa_swa), "MQA+SWA");
    ck_assert_str_eq(models_attention(find("llama-2-7b")), "MHA");
    ck_assert_str_eq(models_attention(find("llama-3.1-8b")), "GQA");
    ck_assert_str_eq(models_attention(find("deepseek-v3")), "MLA");
}
END_TEST


START_TEST(test_match_gpu_names)
{
    ck_assert_str_eq(devices_match_name("NVIDIA H100 80GB HBM3")->id, "h100-sxm");
    ck_assert_str_eq(devices_match_name("NVIDIA H100 PCIe")->id, "h100-pcie");
    ck_assert_str_eq(devices_match_name("NVIDIA GeForce RTX 4090")->id, "rtx-4090");
    ck_assert_str_eq(devices_match_name("NVIDIA A100-SXM4-80GB")->id, "a100-80gb");
    ck_assert_str_eq(devices_match_name("NVIDIA H200")->id, "h200");
    ck_assert_str_eq(devices_match_name("Tesla T4")->id, "t4");
    ck_assert_str_eq(devices_match_name("NVIDIA A10")->id, "a10");
    ck_assert_str_eq(devices_match_name("AMD Instinct MI300X")->id, "mi300x");
    /* "A10" is not "A100 ...", "L4" is not "L40S". */
    ck_assert_str_eq(devices_match_name("NVIDIA A100 80GB PCIe")->id, "a100-80gb-pcie");
    ck_assert_ptr_null(devices_match_name("NVIDIA A100"));
    /* Catalogued since issue 11; their near names are not. */
    ck_assert_str_eq(devices_match_name("NVIDIA L40S")->id, "l40s");
    ck_assert_str_eq(devices_match_name("Radeon RX 7900 XTX")->id, "rx-7900-xtx");
    ck_assert_ptr_null(devices_match_name("NVIDIA L40"));
    ck_assert_ptr_null(devices_match_name("Radeon RX 7900 XT"));
    ck_assert_ptr_null(devices_match_name(""));
    ck_assert_ptr_null(devices_match_name(NULL));
}
END_TEST

static Suite *catalog_suite(void)
{
    Suite *s = suite_create("catalog");
    TCase *models = tcase_create("models");
    TCase *devices = tcase_create("devices");

    tcase_add_test(models, test_models_reference_rows);
    tcase_add_test(models, test_models_rows_sane);
    tcase_add_test(models, test_models_specifics);
    tcase_add_test(models, test_models_suggest);
    tcase_add_test(models, test_models_layer_kinds);
    tcase_add_test(models, test_models_nearest);
    tcase_add_test(models, test_models_user_rows_first);
    suite_add_tcase(s, models);
    tcase_add_test(devices, test_devices_capacities);
    tcase_add_test(devices, test_devices_rows_sane);
    tcase_add_test(devices, test_devices_find_case);
    tcase_add_test(devices, test_devices_suggest);
    tcase_add_test(devices, test_devices_sizes);
    tcase_add_test(devices, test_devices_host_share);
    tcase_add_test(devices, test_suggest_contains);
    tcase_add_test(devices, test_suggest_distance);
    tcase_add_test(devices, test_attention_words);
    tcase_add_test(devices, test_match_gpu_names);
    suite_add_tcase(s, devices);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(catalog_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
