/* check_app_picker.c - unit tests for the app layer's model: the picker
 * (filter, sizes, keys; models read from files first; each row's verdict
 * on the selected device; the fits-only filter), the model focus, and the
 * context a model change brings within range. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"
#include "model/fit.h"
#include "model/kvcache.h"
#include "model/stored.h"

START_TEST(test_picker_custom_size)
{
    app_state s = fresh(16.0);
    app_pick_row row;

    type(&s, "m");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    type(&s, "13B");
    ck_assert_int_ge(app_pick_count(&s), 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_null(row.model);
    ck_assert(row.params == 13e9);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_str_eq(s.filter, "");
    ck_assert(s.query.params == 13e9);
    ck_assert_ptr_null(s.query.model);
    ck_assert(s.plan.config.params == 13e9);

    type(&s, "m350M");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.params == 350e6);
    type(&s, "m1.5T");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.params == 1.5e12);
}
END_TEST

START_TEST(test_picker_invalid)
{
    app_state s = fresh(16.0);

    type(&s, "mzzz9");
    ck_assert_uint_eq(app_pick_count(&s), 0);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);   /* stays open */
    ck_assert_str_eq(s.msg, "no model or size 'zzz9': try a name or 13B");
    ck_assert(s.query.params == 7e9);                  /* no change */
    type(&s, "0B");                                    /* "zzz90B" */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.params == 7e9);
    /* 0 parameters is not a size */
    while (s.filter[0] != '\0')
        key(&s, IN_KEY_BACKSPACE, 0);
    type(&s, "0");                                     /* catalog models with a 0 only */
    if (app_pick_count(&s) > 0) {
        app_pick_row row;
        ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
        ck_assert_ptr_nonnull(row.model);
    }
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    ck_assert(s.query.params == 7e9);
    key(&s, IN_KEY_ESC, 0);                            /* Esc never quits */
    ck_assert_int_eq(s.quit, 0);
}
END_TEST

START_TEST(test_picker_presets)
{
    app_state s = fresh(16.0);
    const qs_model *want = models_find(models_builtin(), "llama-3.1-8b");
    app_pick_row row;
    size_t n;

    ck_assert_ptr_nonnull(want);
    type(&s, "m");
    ck_assert_uint_eq(app_pick_count(&s), models_count(models_builtin()));
    type(&s, "LLAMA-3.1-8");                           /* case-insensitive */
    n = app_pick_count(&s);
    ck_assert_uint_ge(n, 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_eq(row.model, want);
    ck_assert_int_eq(app_pick_get(&s, n, &row), -1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.model, want);
    ck_assert(s.query.params == want->total);
    ck_assert_int_eq(s.plan.layers, want->arch.layers);

    /* reopened unfiltered, the selection starts on the current model */
    type(&s, "m");
    ck_assert_ptr_eq(models_get(models_builtin(), s.pick), want);
    /* arrows move the selection and stay in range */
    key(&s, IN_KEY_HOME, 0);
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(s.pick, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, 1);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.pick, models_count(models_builtin()) - 1);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, models_count(models_builtin()) - 1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), models_count(models_builtin()) - 1));
    /* 'q' inside the picker is text, not quit */
    type(&s, "mq");
    ck_assert_int_eq(s.quit, 0);
    ck_assert_str_eq(s.filter, "q");
    /* so are the main screen's letters */
    type(&s, "tkb?");
    ck_assert_str_eq(s.filter, "qtkb?");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
}
END_TEST

START_TEST(test_picker_keys_edges)
{
    app_state s = fresh(16.0);
    app_layout l;
    size_t page, last;
    int i;

    app_layout_of(&s, &l);
    page = (size_t)l.pick_list_n;
    last = page < models_count(models_builtin()) ? page : models_count(models_builtin()) - 1;
    type(&s, "/");                                     /* / opens it too */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    ck_assert_str_eq(s.filter, "");
    /* PgDn/PgUp move by a page of rows; Shift-Tab and the wheel go back. */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_uint_eq(s.pick, last);
    key(&s, IN_KEY_BTAB, 0);
    ck_assert_uint_eq(s.pick, last - 1);
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_uint_eq(s.pick, 0);
    key(&s, IN_KEY_TAB, 0);
    ck_assert_uint_eq(s.pick, 1);
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 40, 10);
    ck_assert_uint_eq(s.pick, 0);
    /* A filter that matches nothing: moving stays at 0, Enter changes nothing. */
    type(&s, "zzz");
    ck_assert_uint_eq(app_pick_count(&s), 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, 0);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.params == 7e9);
    ck_assert_ptr_null(s.query.model);
    /* The filter holds APP_TEXT_MAX - 1 bytes; typing past it says so. */
    for (i = 0; i < APP_TEXT_MAX + 4; i++)
        type(&s, "x");
    ck_assert_uint_eq(strlen(s.filter), APP_TEXT_MAX - 1);
    ck_assert_str_eq(s.msg, "that is as long as it gets: Backspace edits");
}
END_TEST

START_TEST(test_model_focus)
{
    app_state s = fresh(16.0);

    key(&s, IN_KEY_BTAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    key(&s, IN_KEY_RIGHT, 0);                          /* a bare size -> the first model */
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 0));
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 1));
    ck_assert(s.query.params == models_get(models_builtin(), 1)->total);
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 0));
    ck_assert(s.query.bits == 16.0);
    /* Bits still move, to the next named stop at its exact size for this
     * model: an FP8 checkpoint keeps the embeddings and the head in 16 bits,
     * so on Llama-3.1-8B it is larger than Q8_0 (the next stop below 16). */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP8"));
    ck_assert(s.query.bits == query_format_bits(&s.query, formats_find("FP8")));
    ck_assert(s.query.bits > query_format_bits(&s.query, formats_find("Q8_0")));
    type(&s, "7");                                    /* a digit opens the picker */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    ck_assert_str_eq(s.filter, "7");
    type(&s, "0B");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.params == 70e9);
    ck_assert_ptr_null(s.query.model);
    key(&s, IN_KEY_ENTER, 0);                         /* Enter on the model: picker */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
}
END_TEST

/* A model change brings the context within the new model's range (and the
 * context does not come back with the next model). */
START_TEST(test_ctx_follows_model)
{
    app_state s;
    app_pick_row row;
    qs_query q;

    query_for(&q, "llama-3.1-8b", 16.0);
    q.ctx = 8192;
    s = fresh_on(&q);
    ck_assert_int_eq(s.query.ctx, 8192);
    ck_assert_int_eq(s.plan.config.ctx, 8192);
    type(&s, "mgpt2");
    ck_assert_uint_eq(app_pick_count(&s), 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_eq(row.model, models_find(models_builtin(), "gpt2"));
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.model, models_find(models_builtin(), "gpt2"));
    ck_assert_int_eq(s.query.ctx, 1024);                  /* GPT-2's maximum */
    ck_assert_int_eq(s.plan.config.ctx, 1024);
    type(&s, "mllama-3.1-405b");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.model, models_find(models_builtin(), "llama-3.1-405b"));
    ck_assert_int_eq(s.query.ctx, 1024);                  /* within range: kept */
    /* stepping the model on its focus clamps too */
    focus_on(&s, APP_FOCUS_CONTEXT);
    key(&s, IN_KEY_END, 0);
    ck_assert_int_eq(s.query.ctx, 131072);
    focus_on(&s, APP_FOCUS_MODEL);
    key(&s, IN_KEY_LEFT, 0);           /* the row before: Llama-2-70B, 4096 */
    ck_assert_ptr_eq(s.query.model, models_find(models_builtin(), "llama-2-70b"));
    ck_assert_int_eq(s.query.ctx, 4096);
    ck_assert_int_eq(s.plan.config.ctx, 4096);
    /* a bare size: up to the cap */
    type(&s, "m13B");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_null(s.query.model);
    ck_assert(s.query.params == 13e9);
    ck_assert_int_eq(s.query.ctx, 4096);
    ck_assert_int_eq(app_ctx_max(&s), APP_CTX_CAP);
    ck_assert_int_eq(app_ctx_clamp(&s, 10L * APP_CTX_CAP), APP_CTX_CAP);
    ck_assert_int_eq(app_ctx_clamp(&s, 1), APP_CTX_MIN);
    /* from the query, with its defaults */
    query_for(&q, "llama-3.1-8b", 16.0);
    q.ctx = 32768;
    s = fresh_on(&q);
    ck_assert_int_eq(s.query.ctx, 32768);
    ck_assert(s.query.kv_bits == KV_BITS_F16);
    ck_assert(s.query.overhead_gib == FIT_DEFAULT_OVERHEAD_GIB);
    ck_assert_int_eq(s.query.batch, FIT_DEFAULT_BATCH);
}
END_TEST

/* ---- models read from files, verdicts, fits only ------------------------ */

#define GIB 1073741824.0
/* The device the verdicts are on: 24 GiB, all of it usable (this machine's
 * RAM row: gpu_share 1). */
#define TEST_DEVICE_GIB 24.0
/* Llama-3.1-8B and -70B: parameters (Hugging Face, shared/reference/
 * models-2026.md; tests/check_arch.c counts the same) and the f16 KV cache
 * at 4096 tokens: layers x kv_heads x head_dim 128 x 2 (K, V) x 2 bytes x
 * 4096 (8 KV heads each; 32 and 80 layers). */
#define P_8B 8030261248.0
#define P_70B 70553706496.0
#define KV_8B_GIB (32.0 * 8 * 128 * 2 * 2 * 4096 / GIB)    /* 0.5 */
#define KV_70B_GIB (80.0 * 8 * 128 * 2 * 2 * 4096 / GIB)   /* 1.25 */

/* Two models as a reader of the user's files makes them: no known
 * architecture (so no KV cache), weights of exactly 4 GiB and 22 GiB. */
typedef struct {
    qs_stored stored[2];
    qs_model model[2];
    const qs_model *ptr[2];
    models_catalog catalog;
} local_set;

static void local_init(local_set *l)
{
    static const struct {
        const char *id, *name, *family;
        double params, gib;
    } rows[2] = {
        { "my-llama-q4", "My Llama Q4", "llama", 7e9, 4.0 },
        { "mine-big", "Mine Big", "mine", 40e9, 22.0 },
    };
    size_t i;

    memset(l, 0, sizeof *l);
    for (i = 0; i < 2; i++) {
        l->stored[i].path = rows[i].id;
        l->stored[i].container = "GGUF v3";
        l->stored[i].type_name = "";
        l->stored[i].weights_bytes = (int64_t)(rows[i].gib * GIB);
        l->stored[i].file_bytes = l->stored[i].weights_bytes;
        l->stored[i].nfiles = 1;
        l->model[i].id = rows[i].id;
        l->model[i].name = rows[i].name;
        l->model[i].family = rows[i].family;
        l->model[i].total = l->model[i].active = rows[i].params;
        l->model[i].stored = &l->stored[i];
        l->ptr[i] = &l->model[i];
    }
    models_catalog_init(&l->catalog, NULL, 0);
    models_catalog_set_local(&l->catalog, l->ptr, 2);
}

/* A state on a bare 7B at plain `bits` over catalog c, whose first device
 * (selected) has TEST_DEVICE_GIB. */
static app_state fresh_local(const models_catalog *c, double bits)
{
    qs_query q;
    qs_device d;

    memset(&d, 0, sizeof d);
    query_init(&q);
    q.catalog = c;
    query_set_model(&q, NULL, 7e9);
    query_set_weights(&q, NULL, bits);
    q.ram_gib = 32.0;
    ck_assert_int_eq(devices_host(TEST_DEVICE_GIB, DEVICES_HOST_LABEL, &d), 0);
    ck_assert_int_eq(query_add_device(&q, &d, 1), 0);
    return fresh_on(&q);
}

/* The verdict of catalog model `id` (or of local model m when id is NULL). */
static fit_verdict verdict_of(const app_state *s, const char *id, const qs_model *m)
{
    app_pick_row row;
    fit_verdict v = FIT_FITS;

    row.model = id != NULL ? models_find(s->query.catalog, id) : m;
    ck_assert_ptr_nonnull(row.model);
    row.params = row.model->total;
    row.local = row.model->stored != NULL;
    ck_assert_int_eq(app_pick_verdict(s, &row, &v), 0);
    return v;
}

START_TEST(test_picker_local_first)
{
    local_set l;
    app_state s;
    app_pick_row row;

    local_init(&l);
    s = fresh_local(&l.catalog, 4.5);
    type(&s, "m");
    ck_assert_uint_eq(app_pick_count(&s), models_count(models_builtin()) + 2);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_eq(row.model, &l.model[0]);
    ck_assert_int_eq(row.local, 1);
    ck_assert(row.params == 7e9);
    ck_assert_int_eq(app_pick_get(&s, 1, &row), 0);
    ck_assert_ptr_eq(row.model, &l.model[1]);
    ck_assert_int_eq(row.local, 1);
    ck_assert_int_eq(app_pick_get(&s, 2, &row), 0);
    ck_assert_ptr_eq(row.model, models_get(models_builtin(), 0));
    ck_assert_int_eq(row.local, 0);
    /* "llama" is the first local model's family and catalog models' ids:
     * the local one first, then the catalog's; "Mine Big" is not listed */
    type(&s, "llama");
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_eq(row.model, &l.model[0]);
    ck_assert_int_eq(app_pick_get(&s, 1, &row), 0);
    ck_assert_ptr_null(row.model->stored);
    ck_assert_int_eq(row.local, 0);
    ck_assert_int_eq(app_pick_index_of(&s, &l.model[1]), -1);
    ck_assert_int_ge(app_pick_index_of(&s, models_find(models_builtin(), "llama-3.1-8b")), 1);
    /* a name of the second only */
    while (s.filter[0] != '\0')
        key(&s, IN_KEY_BACKSPACE, 0);
    type(&s, "mine b");
    ck_assert_uint_eq(app_pick_count(&s), 1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.query.model, &l.model[1]);
    ck_assert_int_eq(s.query.stored, 1);
    /* reopened, the selection starts on it (row 1) */
    type(&s, "m");
    ck_assert_uint_eq(s.pick, 1);
}
END_TEST

START_TEST(test_picker_verdicts)
{
    local_set l;
    app_state s;
    app_pick_row row;
    fit_verdict v;
    /* By hand, on 24 GiB (fits up to 0.85 of it, tight up to all of it):
     * 8B at 4.5 bits: 8030261248 x 4.5 / 8 B = 4.207 GiB + 0.5 KV + 0.5
     * overhead = 5.207 GiB, 0.217 of 24: fits; 70B at 4.5 bits: 36.963 +
     * 1.25 + 0.5 = 38.713, 1.613: no fit; at FP16 (2 bytes a weight) 8B
     * 14.957 + 1 = 15.957, 0.665: fits; 70B 131.417 + 1.75 = 133.167: no
     * fit. The local ones at their bytes whatever the bits: 4 + 0.5 =
     * 4.5, 0.1875: fits; 22 + 0.5 = 22.5, 0.9375: tight. */
    const double need_8b_45 = P_8B * 4.5 / 8 / GIB + KV_8B_GIB + 0.5;
    const double need_70b_45 = P_70B * 4.5 / 8 / GIB + KV_70B_GIB + 0.5;
    const double need_8b_16 = P_8B * 2 / GIB + KV_8B_GIB + 0.5;
    const double need_70b_16 = P_70B * 2 / GIB + KV_70B_GIB + 0.5;

    ck_assert(need_8b_45 / TEST_DEVICE_GIB <= FIT_SHARE_FITS);
    ck_assert(need_70b_45 / TEST_DEVICE_GIB > FIT_SHARE_TIGHT);
    ck_assert(need_8b_16 / TEST_DEVICE_GIB <= FIT_SHARE_FITS);
    ck_assert(need_70b_16 / TEST_DEVICE_GIB > FIT_SHARE_TIGHT);
    ck_assert((22.0 + 0.5) / TEST_DEVICE_GIB > FIT_SHARE_FITS);
    ck_assert((22.0 + 0.5) / TEST_DEVICE_GIB <= FIT_SHARE_TIGHT);

    local_init(&l);
    s = fresh_local(&l.catalog, 4.5);
    ck_assert_uint_eq(s.sel, 0);
    ck_assert(s.query.devices[0].capacity_gib == TEST_DEVICE_GIB);
    ck_assert_str_eq(app_pick_device_name(&s), DEVICES_HOST_LABEL);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-8b", NULL), FIT_FITS);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-70b", NULL), FIT_NO_FIT);
    ck_assert_int_eq(verdict_of(&s, NULL, &l.model[0]), FIT_FITS);
    ck_assert_int_eq(verdict_of(&s, NULL, &l.model[1]), FIT_TIGHT);
    /* the bare 7B of the query: the plan's own verdict */
    row.model = NULL;
    row.params = 7e9;
    row.local = 0;
    ck_assert_int_eq(app_pick_verdict(&s, &row, &v), 0);
    ck_assert_int_eq(v, s.plan.devices[0].fit.verdict);

    /* At FP16 the catalog rows follow; the local ones keep their bytes. */
    query_set_weights(&s.query, formats_find("fp16"), 0.0);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-8b", NULL), FIT_FITS);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-70b", NULL), FIT_NO_FIT);
    ck_assert_int_eq(verdict_of(&s, NULL, &l.model[0]), FIT_FITS);
    ck_assert_int_eq(verdict_of(&s, NULL, &l.model[1]), FIT_TIGHT);

    /* The verdict follows the selected device: on H200 141GB (143771 MiB,
     * data/devices.tsv: 140.40 GiB) 70B at FP16 is 133.167 / 140.40 =
     * 0.948 of it: tight; 8B fits; no device, no verdict. */
    for (s.sel = 0; s.sel < s.query.ndevices; s.sel++)
        if (strcmp(s.query.devices[s.sel].id, "h200") == 0)
            break;
    ck_assert_uint_lt(s.sel, s.query.ndevices);
    ck_assert(s.query.devices[s.sel].capacity_gib == 143771.0 / 1024);
    ck_assert(need_70b_16 / (143771.0 / 1024) > FIT_SHARE_FITS);
    ck_assert(need_70b_16 / (143771.0 / 1024) <= FIT_SHARE_TIGHT);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-70b", NULL), FIT_TIGHT);
    ck_assert_int_eq(verdict_of(&s, "llama-3.1-8b", NULL), FIT_FITS);
    s.sel = s.query.ndevices;
    ck_assert_ptr_null(app_pick_device_name(&s));
    ck_assert_int_eq(app_pick_verdict(&s, &row, &v), -1);
}
END_TEST

/* Bytes through the terminal decoder, each event into the state. */
static void feed_bytes(app_state *s, const char *bytes)
{
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];
    size_t i, n;

    input_init(&d);
    for (; *bytes; bytes++) {
        n = input_push(&d, (unsigned char)*bytes, ev);
        for (i = 0; i < n; i++)
            (void)app_update(s, &ev[i]);
    }
}

START_TEST(test_picker_fits_only)
{
    local_set l;
    app_state s;
    app_pick_row row;
    size_t all;

    local_init(&l);
    s = fresh_local(&l.catalog, 4.5);
    type(&s, "m");
    all = app_pick_count(&s);
    /* Ctrl-F: on; the mode's keys are the picker's, not text */
    key(&s, IN_KEY_CTRL_F, 0);
    ck_assert_int_eq(s.pick_fits, 1);
    ck_assert_str_eq(s.filter, "");
    ck_assert_uint_lt(app_pick_count(&s), all);
    /* both local ones stay (fits, tight) */
    ck_assert_int_eq(app_pick_index_of(&s, &l.model[0]), 0);
    ck_assert_int_eq(app_pick_index_of(&s, &l.model[1]), 1);
    /* of Llama-3.1-8B, -70B and -405B at 4.5 bits on 24 GiB only 8B */
    type(&s, "llama-3.1-");
    ck_assert_uint_eq(app_pick_count(&s), 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_str_eq(row.model->id, "llama-3.1-8b");
    ck_assert_int_eq(app_pick_get(&s, 1, &row), -1);
    /* F2 (xterm's SS3 Q, through the decoder): off again, all three, and
     * the selected row stays selected */
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, 0);
    feed_bytes(&s, "\x1bOQ");
    ck_assert_int_eq(s.pick_fits, 0);
    ck_assert_uint_eq(app_pick_count(&s), 3);
    ck_assert_int_eq(app_pick_get(&s, s.pick, &row), 0);
    ck_assert_str_eq(row.model->id, "llama-3.1-8b");
    key(&s, IN_KEY_END, 0);
    ck_assert_int_eq(app_pick_get(&s, s.pick, &row), 0);
    ck_assert_str_eq(row.model->id, "llama-3.1-405b");
    /* on again from a row it removes: the first row is selected */
    feed_bytes(&s, "\x06");
    ck_assert_int_eq(s.pick_fits, 1);
    ck_assert_uint_eq(s.pick, 0);
    /* a bare size stays, whatever it needs */
    while (s.filter[0] != '\0')
        key(&s, IN_KEY_BACKSPACE, 0);
    type(&s, "70B");
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_null(row.model);
    ck_assert(row.params == 70e9);
    /* the filter stays on when the picker closes and opens again */
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    type(&s, "m");
    ck_assert_int_eq(s.pick_fits, 1);
    ck_assert_uint_lt(app_pick_count(&s), all);
    /* on the main screen Ctrl-F and F2 do nothing */
    key(&s, IN_KEY_ESC, 0);
    key(&s, IN_KEY_CTRL_F, 0);
    key(&s, IN_KEY_F2, 0);
    ck_assert_int_eq(s.pick_fits, 1);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
}
END_TEST

static Suite *app_picker_suite(void)
{
    Suite *s = suite_create("app_picker");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_picker_custom_size);
    tcase_add_test(tc, test_picker_invalid);
    tcase_add_test(tc, test_picker_presets);
    tcase_add_test(tc, test_picker_keys_edges);
    tcase_add_test(tc, test_model_focus);
    tcase_add_test(tc, test_ctx_follows_model);
    tcase_add_test(tc, test_picker_local_first);
    tcase_add_test(tc, test_picker_verdicts);
    tcase_add_test(tc, test_picker_fits_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_picker_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
