/* check_app_picker.c - unit tests for the app layer's model: the picker
 * (filter, sizes, keys), the model focus, and the context a model change
 * brings within range. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"
#include "model/fit.h"
#include "model/kvcache.h"

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
