/* check_report_fit.c - unit tests for cli/report_fit and cli/report_list:
 * the fit and catalog reports in text (80 columns) and JSON (full precision), and their errors. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/json.h"
#include "cli/report_fit.h"
#include "cli/report_list.h"
#include "model/devices.h"
#include "model/fit.h"
#include "model/formats.h"
#include "model/memory.h"
#include "model/models.h"
#include "model/plan.h"
#include "model/query.h"

/* Longest line the text reports may write. */
#define MAX_COLS 79
#define BUF_SIZE (1 << 20)

typedef int (*render_fn)(FILE *fp, const void *arg);

static char out_buf[BUF_SIZE];

/* Runs fn on a temporary file; returns its status, the text in out_buf. */
static int render(render_fn fn, const void *arg)
{
    FILE *fp = tmpfile();
    size_t n;
    int rc;

    ck_assert_ptr_nonnull(fp);
    rc = fn(fp, arg);
    rewind(fp);
    n = fread(out_buf, 1, BUF_SIZE - 1, fp);
    out_buf[n] = '\0';
    fclose(fp);
    return rc;
}

/* out_buf with every run of spaces and newlines as one space, so that a
 * phrase reads the same wherever out_wrap broke the line. */
static const char *squeezed(void)
{
    static char flat[BUF_SIZE];
    size_t i, n = 0;

    for (i = 0; out_buf[i] != '\0' && n + 1 < sizeof flat; i++) {
        int space = out_buf[i] == ' ' || out_buf[i] == '\n';

        if (space && n > 0 && flat[n - 1] == ' ')
            continue;
        flat[n++] = space ? ' ' : out_buf[i];
    }
    flat[n] = '\0';
    return flat;
}

static void assert_narrow(const char *text)
{
    const char *p = text;
    int line = 1;

    while (*p) {
        size_t len = strcspn(p, "\n");
        ck_assert_msg(len <= MAX_COLS, "line %d has %zu columns: %.*s", line, len, (int)len, p);
        ck_assert_msg(memchr(p, '\t', len) == NULL, "tab on line %d", line);
        p += len;
        if (*p == '\n')
            p++;
        line++;
    }
}

/* Brackets balance outside strings, and the document ends with a newline. */
static void assert_json_shape(const char *text)
{
    int depth = 0, in_str = 0;
    const char *p;

    for (p = text; *p; p++) {
        if (in_str) {
            if (*p == '\\')
                p++;
            else if (*p == '"')
                in_str = 0;
            continue;
        }
        if (*p == '"')
            in_str = 1;
        else if (*p == '{' || *p == '[')
            depth++;
        else if (*p == '}' || *p == ']')
            ck_assert_int_ge(--depth, 0);
    }
    ck_assert_int_eq(depth, 0);
    ck_assert_int_eq(in_str, 0);
    ck_assert(strlen(text) > 0 && text[strlen(text) - 1] == '\n');
}

/* A fit report renders the plan of a query. */
static int fit_text(FILE *fp, const void *arg)
{
    const qs_query *q = arg;
    qs_plan p;

    (void)plan_compute(q, &p);
    return report_fit_text(fp, q, &p);
}

static int fit_json(FILE *fp, const void *arg)
{
    const qs_query *q = arg;
    qs_plan p;

    (void)plan_compute(q, &p);
    return report_fit_json(fp, q, &p);
}

/* A query for model id at bits (no named format), on the devices named. */
static qs_query query_of(const char *id, double params, double bits, const char *const *devs,
                         size_t ndev, double ram_gib)
{
    qs_query q;
    size_t i;

    query_init(&q);
    query_set_model(&q, id != NULL ? models_find(models_builtin(), id) : NULL, params);
    query_set_weights(&q, NULL, bits);
    q.ram_gib = ram_gib;
    for (i = 0; i < ndev; i++)
        ck_assert_int_eq(query_add_device(&q, devices_find(devs[i]), 0), 0);
    return q;
}

static int models_text(FILE *fp, const void *arg)
{
    (void)arg;
    return report_list_models_text(fp, models_builtin(), arg);
}

static int models_json(FILE *fp, const void *arg)
{
    return report_list_models_json(fp, models_builtin(), arg);
}

static int devices_text(FILE *fp, const void *arg)
{
    return report_list_devices_text(fp, *(const double *)arg);
}

static int devices_json(FILE *fp, const void *arg)
{
    return report_list_devices_json(fp, *(const double *)arg);
}

static int formats_text(FILE *fp, const void *arg)
{
    (void)arg;
    return report_list_formats_text(fp);
}

static int formats_json(FILE *fp, const void *arg)
{
    (void)arg;
    return report_list_formats_json(fp);
}

START_TEST(test_fit_text)
{
    const char *devs[] = { "rtx-4090", "rtx-4060", "m3-max-64" };
    /* Llama-3.1-8B FP16 with 8192 tokens: exactly 1 GiB of cache. */
    qs_query q = query_of("llama-3.1-8b", 0, 16.0, devs, 3, 16.0);

    q.ctx = 8192;
    ck_assert_int_eq(render(fit_text, &q), 0);
    assert_narrow(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "Llama-3.1-8B"));
    ck_assert_ptr_nonnull(strstr(out_buf, "weights     14.96 GiB"));
    ck_assert_ptr_nonnull(strstr(out_buf, "KV cache     1.00 GiB"));
    ck_assert_ptr_nonnull(
        strstr(squeezed(), "= 32 full layers x 8192 tokens x 2 x 8 KV heads x 128 x 2 B"));
    ck_assert_ptr_nonnull(strstr(out_buf, "overhead     0.50 GiB"));
    ck_assert_ptr_nonnull(strstr(out_buf, "total       16.46 GiB"));
    /* Per device: verdicts, partial offload on the 4060, the answers. */
    ck_assert_ptr_nonnull(strstr(out_buf, "rtx-4090"));
    ck_assert_ptr_nonnull(strstr(out_buf, " fits "));
    /* The 4060 (8 GiB) runs it with offload under llama.cpp: each FP16
     * block is 2 x (2 x 4096^2 + 2 x 4096 x 1024 + 3 x 4096 x 14336 + 2 x
     * 4096) B = 0.40626 GiB, with 1/32 GiB of the 8192-token cache; the GPU
     * keeps its 1 GiB margin and 0.5 GiB of overhead: floor(6.5 / 0.43751)
     * = 14 blocks, the rest in the 16 GiB of RAM. */
    ck_assert_ptr_nonnull(strstr(out_buf, " offload "));
    ck_assert_ptr_nonnull(strstr(out_buf, "14/32"));
    ck_assert_ptr_nonnull(strstr(out_buf, "FP16"));
    ck_assert_ptr_nonnull(strstr(out_buf, "upper bound"));
    /* macOS's rule: 2/3 up to 36 GiB (8 GiB x 2/3 = 5.33 GiB), 3/4 above. */
    ck_assert_ptr_nonnull(strstr(out_buf, "Apple: macOS lets the GPU use 67% of unified memory"));
    ck_assert_ptr_nonnull(strstr(out_buf, "8 GB Mac offers 5.33 GiB"));
    /* Plain bits are not named after the format of the same size. */
    ck_assert_ptr_nonnull(strstr(out_buf, "8.03B parameters at 16 bits"));
    /* The Apple share given is shown. */
    q.apple_share = 0.9;
    ck_assert_int_eq(render(fit_text, &q), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "Apple: the GPU may use 90%"));
}
END_TEST

START_TEST(test_fit_text_variants)
{
    qs_query q = query_of("gpt-oss-120b", 0, 16.0, NULL, 0, 0.0);

    /* Layers of two kinds: one line each, the window capping its own. */
    q.ctx = 32768;
    ck_assert_int_eq(render(fit_text, &q), 0);
    assert_narrow(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "KV cache     1.15 GiB  by layer kind:"));
    ck_assert_ptr_nonnull(
        strstr(squeezed(), "1.125 GiB = 18 full layers x 32768 tokens x 2 x 8 KV heads x 64 x 2 B"));
    ck_assert_ptr_nonnull(strstr(
        squeezed(), "0.026 GiB = 18 sliding-window layers x 768 tokens x 2 x 8 KV heads x 64 x 2 B"));
    ck_assert_ptr_null(strstr(out_buf, "device"));
    /* A bare size: shaped like the nearest Llama, and said so; the format
     * is the one named. */
    q = query_of(NULL, 7e9, 4.0, NULL, 0, 0.0);
    query_set_weights(&q, formats_find("int4"), 0.0);
    ck_assert_int_eq(render(fit_text, &q), 0);
    assert_narrow(out_buf);
    ck_assert(strncmp(out_buf, "custom model:", 13) == 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "architecture: assumed, shaped like "));
    ck_assert_ptr_nonnull(strstr(out_buf, "(the nearest llama model)"));
    ck_assert_ptr_nonnull(strstr(out_buf, "custom model: 7.00B parameters at INT4, 4 bits"));
    /* AWQ stays AWQ, though GPTQ has the same size. */
    query_set_weights(&q, formats_find("awq"), 0.0);
    ck_assert_int_eq(render(fit_text, &q), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "at AWQ, "));
    /* 999.96M rounds up to the next unit, not to "1000.0M". */
    q = query_of(NULL, 999.96e6, 4.25, NULL, 0, 0.0);
    ck_assert_int_eq(render(fit_text, &q), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "custom model: 1.00B parameters at 4.25 bits"));
    /* MLA working. */
    q = query_of("deepseek-v3", 0, 8.0, NULL, 0, 0.0);
    q.ctx = 32768;
    ck_assert_int_eq(render(fit_text, &q), 0);
    ck_assert_ptr_nonnull(strstr(squeezed(), "= 61 MLA layers x 32768 tokens x 576 latent x 2 B"));
    /* A KV type without a name is shown by its bits. */
    q = query_of("llama-3.1-8b", 0, 16.0, NULL, 0, 0.0);
    q.kv_bits = 8.0;
    ck_assert_int_eq(render(fit_text, &q), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "KV cache 8-bit, batch 1"));
}
END_TEST

START_TEST(test_fit_json)
{
    const char *devs[] = { "rtx-4090", "rtx-4060" };
    qs_query q = query_of("llama-3.1-8b", 0, 16.0, devs, 2, 16.0);
    char num[40], key[80];

    q.ctx = 8192;
    ck_assert_int_eq(render(fit_json, &q), 0);
    assert_json_shape(out_buf);
    /* Each part in GiB at full precision. */
    json_format_number(num, sizeof num, 8030261248.0 * 16 / 8 / 1073741824.0);
    snprintf(key, sizeof key, "\"weights_gib\":%s,", num);
    ck_assert_ptr_nonnull(strstr(out_buf, key));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"kv_cache_gib\":1,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"overhead_gib\":0.5,"));
    json_format_number(num, sizeof num, 8030261248.0 * 16 / 8 / 1073741824.0 + 1.0 + 0.5);
    snprintf(key, sizeof key, "\"total_gib\":%s,", num);
    ck_assert_ptr_nonnull(strstr(out_buf, key));
    /* Whole numbers as integers: 8192, not 8.192e+03. */
    ck_assert_ptr_nonnull(strstr(out_buf, "\"params\":8030261248,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"bits\":16,"));
    /* And the verdict per device. */
    ck_assert_ptr_nonnull(strstr(out_buf, "\"id\":\"rtx-4090\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"verdict\":\"fits\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"verdict\":\"offload\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"gpu_layers\":14"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"best_format\":\"FP16\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"decode_tokens_per_s_upper_bound\":"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"kv_format\":\"f16\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"format\":null"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"architecture\":{\"from\":\"llama-3.1-8b\","
                                          "\"assumed\":false,\"custom\":false,"
                                          "\"verified\":true,\"source\":\""));
    /* A custom size: the shape of the nearest Llama, said to be assumed. */
    q = query_of(NULL, 7e9, 4.0, devs, 2, 16.0);
    ck_assert_int_eq(render(fit_json, &q), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"preset\":null"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"assumed\":true,\"custom\":false,"));
    ck_assert_ptr_null(strstr(out_buf, "\"kv_cache_gib\":null"));
    /* No shape at all (a query without a catalog model near it): null. */
    q.shape = NULL;
    q.shape_assumed = 0;
    ck_assert_int_eq(render(fit_json, &q), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"kv_cache_gib\":null"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"kv_cache_layers\":null"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"max_ctx\":null"));
}
END_TEST

START_TEST(test_fit_errors)
{
    const char *devs[] = { "rtx-4090" };
    qs_query q = query_of("llama-3.1-8b", 0, 16.0, devs, 1, 0.0);
    qs_plan p;
    FILE *full;

    /* An invalid configuration: -1 and nothing written. */
    q.bits = 0.0;
    ck_assert_int_eq(render(fit_text, &q), -1);
    ck_assert_str_eq(out_buf, "");
    ck_assert_int_eq(render(fit_json, &q), -1);
    ck_assert_str_eq(out_buf, "");
    ck_assert_int_eq(report_fit_text(stdout, &q, NULL), -1);
    ck_assert_int_eq(report_fit_text(NULL, &q, &p), -1);
    ck_assert_int_eq(report_list_models_text(NULL, models_builtin(), NULL), -1);

    /* Write errors are reported. */
    full = fopen("/dev/full", "w");
    if (full != NULL) {
        q = query_of("llama-3.1-8b", 0, 16.0, devs, 1, 0.0);
        ck_assert_int_eq(plan_compute(&q, &p), 0);
        ck_assert_int_eq(report_fit_text(full, &q, &p), -1);
        clearerr(full);
        ck_assert_int_eq(report_fit_json(full, &q, &p), -1);
        clearerr(full);
        ck_assert_int_eq(report_list_models_text(full, models_builtin(), NULL), -1);
        clearerr(full);
        ck_assert_int_eq(report_list_devices_json(full, 0.0), -1);
        clearerr(full);
        ck_assert_int_eq(report_list_formats_text(full), -1);
        fclose(full);
    }
}
END_TEST

/* JSON numbers: the shortest digits that read back, laid out as
 * JavaScript does (fixed from 1e-6 to below 1e21). */
START_TEST(test_json_numbers)
{
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        { 80.0, "80" },           { 7e10, "70000000000" }, { 0.1, "0.1" },
        { 1e21, "1e+21" },        { 1e-7, "1e-7" },        { 0.000001, "0.000001" },
        { -0.5, "-0.5" },         { 0.0, "0" },            { 1.5e-7, "1.5e-7" },
        { 23.98828125, "23.98828125" }, { 2.5e20, "250000000000000000000" },
        { 5e-324, "5e-324" },     { 1.7976931348623157e308, "1.7976931348623157e+308" },
    };
    char buf[40];
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_format_number(buf, sizeof buf, cases[i].v);
        ck_assert_str_eq(buf, cases[i].text);
        ck_assert(strtod(buf, NULL) == cases[i].v);
    }
    json_format_number(buf, sizeof buf, 1.0 / 0.0);
    ck_assert_str_eq(buf, "null");
}
END_TEST

START_TEST(test_lists)
{
    double share = 0.0, share_half = 0.5;
    size_t i;
    char key[96];

    ck_assert_int_eq(render(models_text, NULL), 0);
    assert_narrow(out_buf);
    for (i = 0; i < models_count(models_builtin()); i++)
        ck_assert_ptr_nonnull(strstr(out_buf, models_get(models_builtin(), i)->id));
    ck_assert_ptr_nonnull(strstr(out_buf, "12.88B"));
    /* Counts as fmt_params writes them everywhere: two decimals. */
    ck_assert_ptr_nonnull(strstr(out_buf, "\ngpt2                       gpt2       124.44M 124.44M "));
    ck_assert_ptr_nonnull(strstr(out_buf, "\ndeepseek-v3                deepseek   671.03B  37.55B "
                                          "  163840  MLA         ok\n"));
    /* A filter keeps the models whose id, name or family holds it. */
    ck_assert_int_eq(render(models_text, "gpt-oss"), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "\ngpt-oss-120b "));
    ck_assert_ptr_nonnull(strstr(out_buf, "\ngpt-oss-20b "));
    ck_assert_ptr_null(strstr(out_buf, "llama"));
    ck_assert_int_eq(render(models_text, "no-such-model"), 0);
    ck_assert_str_eq(out_buf, "no model matches 'no-such-model'\n");
    ck_assert_int_eq(render(models_json, "qwen3-next"), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"layer_kinds\":\"12 full + 36 linear\""));
    ck_assert_ptr_null(strstr(out_buf, "\"id\":\"llama"));
    ck_assert_int_eq(render(models_json, NULL), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"id\":\"deepseek-v3\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"kv_bytes_per_token_f16\":70272"));

    ck_assert_int_eq(render(devices_text, &share), 0);
    assert_narrow(out_buf);
    for (i = 0; i < devices_count(); i++) {
        snprintf(key, sizeof key, "\n%s ", devices_get(i)->id);
        ck_assert_ptr_nonnull(strstr(out_buf, key));
    }
    ck_assert_ptr_nonnull(strstr(out_buf, "23.99"));
    /* Issue 11: the compute column (dense BF16 TFLOPS, "-" unknown) and
     * macOS's rule: 2/3 of 16 GiB = 10.67 GiB on an M1 16GB, 3/4 of 64 =
     * 48 on an M3 Max 64GB; 68.25 GB/s in three digits reads 68.2. */
    ck_assert_ptr_nonnull(strstr(out_buf, "\nrtx-4090         gpu         23.99 100%  23.99 1008"
                                          "    165 RTX 4090\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nrtx-5090         gpu         31.84 100%  31.84 1792"
                                          "  209.5 RTX 5090\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nm1-16            apple       16.00  67%  10.67 68.2"
                                          "      - Apple M1 16GB\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nm3-max-64        apple       64.00  75%  48.00  400"
                                          "      - Apple M3 Max 64GB\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "Apple GPU: macOS's rule, 67% of unified memory up to "
                                          "36 GiB, 75% above\n"));
    ck_assert_int_eq(render(devices_text, &share_half), 0);
    assert_narrow(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\nm3-max-64        apple       64.00  50%  32.00"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nm1-16            apple       16.00  50%   8.00"));
    /* The override is Apple's alone. */
    ck_assert_ptr_nonnull(strstr(out_buf, "\nh100-sxm         datacenter  79.65 100%  79.65 3350"
                                          "    989 H100 SXM 80GB\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "Apple GPU: 50% of unified memory (--apple-share)"));
    ck_assert_int_eq(render(devices_json, &share_half), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"id\":\"m3-max-64\",\"name\":\"Apple M3 Max 64GB\","
                                          "\"kind\":\"apple\",\"capacity_gib\":64,"
                                          "\"gpu_share\":0.5,\"usable_gib\":32,"
                                          "\"bandwidth_gbps\":400,\"tflops\":null,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"bandwidth_gbps\":3350,\"tflops\":989,"));

    ck_assert_int_eq(render(formats_text, NULL), 0);
    assert_narrow(out_buf);
    for (i = 0; i < formats_count(); i++) {
        snprintf(key, sizeof key, "%s ", formats_get(i)->name);
        ck_assert_ptr_nonnull(strstr(out_buf, key));
    }
    ck_assert_ptr_nonnull(strstr(out_buf, "+0.1754"));
    ck_assert_int_eq(render(formats_json, NULL), 0);
    assert_json_shape(out_buf);
    ck_assert_ptr_nonnull(strstr(out_buf, "\"name\":\"Q4_K_M\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"ppl_delta\":null"));
}
END_TEST

static Suite *report_fit_suite(void)
{
    Suite *s = suite_create("report_fit");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_fit_text);
    tcase_add_test(tc, test_fit_text_variants);
    tcase_add_test(tc, test_fit_json);
    tcase_add_test(tc, test_fit_errors);
    tcase_add_test(tc, test_lists);
    tcase_add_test(tc, test_json_numbers);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_fit_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
