/* check_app.c - unit tests for the app layer's state: init, stepping the
 * bits, typed values, the baseline, the focus and the context. The model
 * picker: check_app_picker.c; keys and overlays: check_app_keys.c; the
 * mouse: check_app_mouse.c; the plan on screen: check_app_fit.c; the
 * layout: check_layout.c. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"
#include "app/ops.h"
#include "model/fit.h"
#include "model/kvcache.h"
#include "model/memory.h"

/* ---- init ------------------------------------------------------------------ */

START_TEST(test_init_clamps)
{
    app_state s = fresh(64.0);
    qs_query q;

    ck_assert(s.query.bits == 32.0);
    ck_assert_ptr_null(s.query.format);
    s = fresh(0.5);
    ck_assert(s.query.bits == 1.0);
    ck_assert(s.plan.config.bits == 1.0);
    ck_assert_int_eq(s.plan.ok, 1);
    ck_assert_int_eq(s.focus, APP_FOCUS_SLIDER);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.quit, 0);
    ck_assert_int_eq(s.cols, 80);
    ck_assert_int_eq(s.rows, 24);
    ck_assert_uint_eq(s.query.nhost, 1);
    ck_assert_str_eq(s.query.devices[0].name, DEVICES_HOST_LABEL);
    ck_assert_int_eq(s.query.devices[0].kind, DEV_KIND_HOST);
    ck_assert(s.query.devices[0].capacity_gib == 32.0);
    ck_assert(app_clamp_bits(NAN) == 1.0);
    /* no targets in the query: the eight defaults after this machine, the
     * five an 80x24 screen shows first */
    ck_assert_uint_eq(s.query.ndevices, 9);
    ck_assert_str_eq(s.query.devices[1].id, "laptop-8gb");
    ck_assert_str_eq(s.query.devices[2].id, "laptop-16gb");
    ck_assert_str_eq(s.query.devices[3].id, "rtx-4090");
    ck_assert_str_eq(s.query.devices[4].id, "h100-sxm");
    ck_assert_str_eq(s.query.devices[5].id, "h200");
    ck_assert_uint_eq(s.plan.ndevices, 9);
    /* a named format is kept; a baseline out of range is clamped */
    query_for(&q, NULL, 16.0);
    query_set_weights(&q, formats_find("fp32"), 0.0);
    query_set_baseline(&q, NULL, 64.0);
    s = fresh_on(&q);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    ck_assert(s.query.bits == 32.0);
    ck_assert(s.query.baseline_bits == 32.0);
    ck_assert_ptr_null(s.query.baseline_format);
    /* query_init's FP16 stays a named FP16 */
    query_init(&q);
    app_init(&s, &q, 80, 24);
    ck_assert_ptr_eq(s.query.format, formats_find("FP16"));
    ck_assert_ptr_eq(s.query.baseline_format, formats_find("FP16"));
    ck_assert_uint_eq(s.query.nhost, 0);
    ck_assert_uint_eq(s.query.ndevices, 8);
}
END_TEST

/* ---- stepping -------------------------------------------------------------- */

START_TEST(test_fine_steps)
{
    ck_assert(app_step_fine(4.0, 1) == 4.25);
    ck_assert(app_step_fine(4.0, -1) == 3.75);
    ck_assert(app_step_fine(7.75, 1) == 8.0);
    ck_assert(app_step_fine(8.0, 1) == 9.0);
    ck_assert(app_step_fine(8.0, -1) == 7.75);
    ck_assert(app_step_fine(9.0, -1) == 8.0);
    ck_assert(app_step_fine(16.0, 1) == 17.0);
    /* between grid points: to the next grid point */
    ck_assert(app_step_fine(4.8944, 1) == 5.0);
    ck_assert(app_step_fine(4.8944, -1) == 4.75);
    ck_assert(app_step_fine(8.5008, 1) == 9.0);
    ck_assert(app_step_fine(8.5008, -1) == 8.0);
    /* clamping at both ends */
    ck_assert(app_step_fine(1.0, -1) == 1.0);
    ck_assert(app_step_fine(32.0, 1) == 32.0);
    ck_assert(app_step_fine(31.5, 1) == 32.0);
    ck_assert(app_step_fine(4.0, 0) == 4.0);
}
END_TEST

START_TEST(test_named_steps)
{
    app_state s;

    /* A bare size: every format at its own bits. */
    s = fresh(16.0);
    ck_assert_ptr_eq(app_step_named(&s, 16.0, 1), formats_find("FP32"));
    ck_assert_ptr_null(app_step_named(&s, 32.0, 1));             /* none above */
    ck_assert_ptr_eq(app_step_named(&s, 16.0, -1), formats_find("Q8_0"));
    ck_assert_ptr_eq(app_step_named(&s, 4.0, 1), formats_step(4.0, 1));
    ck_assert_ptr_eq(app_step_named(&s, 4.0, -1), formats_step(4.0, -1));
    ck_assert_ptr_null(app_step_named(&s, 1.0, -1));             /* none below */
    ck_assert_ptr_eq(app_step_named(&s, 1.0, 1), formats_find("TERNARY"));
    ck_assert_ptr_eq(app_step_named(&s, 5.0, -1), formats_find("Q4_K_M"));
    ck_assert_ptr_eq(app_step_named(&s, 32.0, -1), formats_find("FP16"));
    ck_assert_ptr_eq(app_step_named(&s, 4.25, -1), formats_find("GPTQ"));
    /* A catalog model: the stops are its exact sizes, so a step from a
     * stop never lands on the same stop. */
    s = fresh_model("qwen3-30b-a3b", 16.0);
    ck_assert(s.query.exact.model == s.query.model);
    ops_set_bits(&s, formats_find("Q4_K_M"), 0.0);
    ck_assert(s.query.bits == exact_bits(&s.query.exact, formats_find("Q4_K_M")));
    ck_assert(s.query.bits != formats_find("Q4_K_M")->bits);
    ck_assert_ptr_ne(app_step_named(&s, s.query.bits, 1), formats_find("Q4_K_M"));
    ck_assert_ptr_ne(app_step_named(&s, s.query.bits, -1), formats_find("Q4_K_M"));
}
END_TEST

START_TEST(test_keys_step_bits)
{
    app_state s = fresh(16.0);

    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.bits == 17.0);
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert(s.query.bits == 15.0);
    type(&s, "l");
    ck_assert(s.query.bits == 16.0);
    type(&s, "h");
    ck_assert(s.query.bits == 15.0);
    key(&s, IN_KEY_HOME, 0);
    ck_assert(s.query.bits == 1.0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert(s.query.bits == 1.0);
    key(&s, IN_KEY_END, 0);
    ck_assert(s.query.bits == 32.0);
    ck_assert_ptr_null(s.query.format);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.bits == 32.0);
    key(&s, IN_KEY_LEFT, IN_MOD_SHIFT);
    ck_assert(s.query.bits == 16.0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP16"));  /* a named step names it */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert(s.query.bits == formats_find("Q8_0")->bits);
    ck_assert_ptr_eq(s.query.format, formats_find("Q8_0"));
    key(&s, IN_KEY_PGUP, 0);
    ck_assert(s.query.bits == 16.0);
    key(&s, IN_KEY_RIGHT, IN_MOD_SHIFT);
    ck_assert(s.query.bits == 32.0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    type(&s, "H");
    ck_assert(s.query.bits == 16.0);
    type(&s, "L");
    ck_assert(s.query.bits == 32.0);
    key(&s, IN_KEY_LEFT, IN_MOD_CTRL);
    ck_assert(s.query.bits == 16.0);
    key(&s, IN_KEY_RIGHT, IN_MOD_CTRL);
    ck_assert(s.query.bits == 32.0);
}
END_TEST

/* A named step keeps the format it lands on; AWQ and GPTQ have the same
 * bits and stay what was chosen; any other change makes the bits plain. */
START_TEST(test_named_keeps_format)
{
    app_state s = fresh(4.25);
    const qs_format *gptq = formats_find("gptq"), *awq = formats_find("awq");
    qs_query q;

    ck_assert_ptr_nonnull(gptq);
    ck_assert_ptr_nonnull(awq);
    ck_assert_ptr_ne(gptq, awq);
    ck_assert(gptq->bits == awq->bits);
    ck_assert_int_eq(key(&s, IN_KEY_PGDN, 0), APP_REDO_DRAW);
    ck_assert_ptr_eq(s.query.format, gptq);
    ck_assert(s.query.bits == 4.16);
    ck_assert_ptr_eq(s.plan.format, gptq);
    ck_assert_ptr_eq(s.plan.quality, gptq);
    ck_assert_int_eq(s.plan.quality_near, 0);
    ck_assert(s.plan.config.bits == 4.16);
    ck_assert_str_eq(query_format_name(&s.query), "GPTQ");
    /* a fine step afterwards: plain bits */
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.bits == 4.25);
    ck_assert_ptr_null(s.query.format);
    ck_assert_ptr_null(s.plan.format);
    ck_assert_int_eq(s.plan.quality_near, 1);
    ck_assert(s.plan.config.bits == 4.25);
    /* AWQ from the query stays AWQ, not the GPTQ of the same size */
    query_for(&q, NULL, 16.0);
    query_set_weights(&q, awq, 0.0);
    s = fresh_on(&q);
    ck_assert_ptr_eq(s.query.format, awq);
    ck_assert(s.query.bits == 4.16);
    ck_assert_ptr_eq(s.plan.format, awq);
    ck_assert_ptr_eq(s.plan.quality, awq);
    ck_assert_str_eq(query_format_name(&s.query), "AWQ");
    /* a change elsewhere keeps it; a fine step drops it */
    type(&s, "b");
    ck_assert_ptr_eq(s.query.format, awq);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert(s.query.bits == 4.0);
    ck_assert_ptr_null(s.query.format);
    ck_assert_ptr_null(query_format_name(&s.query));
    /* a typed value is plain bits, even on a named precision's size */
    type(&s, "16");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 16.0);
    ck_assert_ptr_null(s.query.format);
    /* and so is the End key */
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_ptr_eq(s.query.format, formats_find("FP32"));
    key(&s, IN_KEY_END, 0);
    ck_assert(s.query.bits == 32.0);
    ck_assert_ptr_null(s.query.format);
}
END_TEST

/* ---- typed values ---------------------------------------------------------- */

START_TEST(test_typed_bits)
{
    app_state s = fresh(16.0);

    type(&s, "4.5");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
    ck_assert_str_eq(s.entry_text, "4.5");
    ck_assert(s.query.bits == 16.0);             /* nothing until Enter */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 4.5);
    ck_assert(s.plan.config.bits == 4.5);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_str_eq(s.msg, "");

    type(&s, "40");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 4.5);              /* out of range: no change */
    ck_assert_str_eq(s.msg, "'40' is not a bits value: type a number from 1 to 32, e.g. 4.5");
    type(&s, "1.2.3");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 4.5);
    ck_assert(strstr(s.msg, "'1.2.3'") != NULL);
    type(&s, ".");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 4.5);
    ck_assert_str_eq(s.msg, "'.' is not a bits value: type a number from 1 to 32, e.g. 4.5");

    /* a character of the entry's set that bits do not take: a hint, the
     * entry stays */
    type(&s, "3k");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
    ck_assert_str_eq(s.entry_text, "3");
    ck_assert_str_eq(s.msg, "type a number such as 4.5, then Enter (Esc cancels)");
    ck_assert(s.query.kv_bits == KV_BITS_F16);   /* 'k' was no command */
    ck_assert_int_eq(s.quit, 0);
    /* Backspace edits, Esc cancels without quitting */
    type(&s, "2");
    key(&s, IN_KEY_BACKSPACE, 0);
    ck_assert_str_eq(s.entry_text, "3");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_str_eq(s.entry_text, "");
    ck_assert_int_eq(s.quit, 0);
    ck_assert(s.query.bits == 4.5);
    /* Backspace over the last digit ends the entry */
    type(&s, "7");
    key(&s, IN_KEY_BACKSPACE, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    /* an arrow drops the entry and steps */
    type(&s, "7");
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.query.bits == 4.75);
    /* any other key drops the entry and acts as on the main screen */
    type(&s, "3x");
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.query.bits == 4.75);
    type(&s, "3b");
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.query.baseline_bits == 32.0);
    /* exact edges */
    type(&s, "32");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 32.0);
    type(&s, "1");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 1.0);
    type(&s, "0.99");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 1.0);
    ck_assert_str_eq(s.msg, "'0.99' is not a bits value: type a number from 1 to 32, e.g. 4.5");
}
END_TEST

START_TEST(test_typed_overflow)
{
    app_state s = fresh(16.0);
    char want[APP_MSG_MAX], ones[APP_TEXT_MAX];
    int i;

    for (i = 0; i < 3 * APP_TEXT_MAX; i++)
        type(&s, "1");
    ck_assert_uint_eq(strlen(s.entry_text), APP_TEXT_MAX - 1);
    ck_assert_str_eq(s.msg, "that is as long as it gets: Backspace edits");
    memset(ones, '1', APP_TEXT_MAX - 1);
    ones[APP_TEXT_MAX - 1] = '\0';
    ck_assert_str_eq(s.entry_text, ones);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.bits == 16.0);
    (void)snprintf(want, sizeof want,
                   "'%s' is not a bits value: type a number from 1 to 32, e.g. 4.5", ones);
    ck_assert_str_eq(s.msg, want);
}
END_TEST

/* ---- baseline and focus ---------------------------------------------------- */

START_TEST(test_baseline_cycle)
{
    app_state s = fresh(4.5);

    ck_assert(app_next_baseline(16.0, 4.5) == 32.0);
    ck_assert(app_next_baseline(32.0, 4.5) == 4.5);
    ck_assert(app_next_baseline(4.5, 4.5) == 16.0);
    ck_assert(app_next_baseline(32.0, 16.0) == 16.0);
    ck_assert(app_next_baseline(32.0, 32.0) == 16.0);

    /* The cycle's stops are named: FP32 by name, not looked up by bits. */
    type(&s, "b");
    ck_assert(s.query.baseline_bits == 32.0);
    ck_assert_ptr_eq(s.query.baseline_format, formats_find("fp32"));
    ck_assert(s.plan.savings.before_gib == memory_savings(7e9, 32.0, 4.5).before_gib);
    type(&s, "b");
    ck_assert(s.query.baseline_bits == 4.5);
    ck_assert_ptr_eq(s.query.baseline_format, s.query.format);
    type(&s, "b");
    ck_assert(s.query.baseline_bits == 16.0);
    ck_assert_ptr_eq(s.query.baseline_format, formats_find("fp16"));
    ck_assert(s.query.bits == 4.5);
}
END_TEST

START_TEST(test_focus_and_baseline_keys)
{
    app_state s = fresh(4.0);

    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_BASELINE);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.baseline_bits == 17.0);
    ck_assert(s.query.bits == 4.0);
    key(&s, IN_KEY_END, 0);
    ck_assert(s.query.baseline_bits == 32.0);
    key(&s, IN_KEY_PGDN, 0);                      /* a named step of the baseline */
    ck_assert_ptr_eq(s.query.baseline_format, formats_find("FP16"));
    ck_assert(s.query.baseline_bits == 16.0);
    ck_assert(s.query.bits == 4.0);
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_BASELINE);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.query.baseline_bits == 8.0);
    ck_assert_ptr_null(s.query.baseline_format);
    ck_assert(s.query.bits == 4.0);
    key(&s, IN_KEY_ENTER, 0);                     /* Enter on the baseline cycles */
    ck_assert(s.query.baseline_bits == 16.0);
    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_CONTEXT);
    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_SLIDER);
    key(&s, IN_KEY_BTAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_SLIDER);
    key(&s, IN_KEY_UP, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
}
END_TEST

/* ---- context --------------------------------------------------------------- */

START_TEST(test_ctx_steps)
{
    app_state s = fresh_model("llama-3.1-8b", 16.0);

    ck_assert_int_eq(s.query.ctx, FIT_DEFAULT_CTX);      /* never the model's max */
    ck_assert_int_eq(s.query.ctx, 4096);
    ck_assert_int_eq(app_ctx_max(&s), 131072);
    focus_on(&s, APP_FOCUS_CONTEXT);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.query.ctx, 8192);
    ck_assert_int_eq(s.plan.config.ctx, 8192);
    ck_assert(s.query.bits == 16.0);                      /* the bits stay */
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_int_eq(s.query.ctx, 2048);
    type(&s, "l");
    ck_assert_int_eq(s.query.ctx, 4096);
    type(&s, "h");
    ck_assert_int_eq(s.query.ctx, 2048);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_int_eq(s.query.ctx, APP_CTX_MIN);
    key(&s, IN_KEY_LEFT, 0);                              /* clamped at 256 */
    ck_assert_int_eq(s.query.ctx, 256);
    key(&s, IN_KEY_END, 0);
    ck_assert_int_eq(s.query.ctx, 131072);
    key(&s, IN_KEY_RIGHT, 0);                             /* clamped at the max */
    ck_assert_int_eq(s.query.ctx, 131072);
    /* PgUp/PgDn and Shift+arrows still step the bits */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_ptr_eq(s.query.format, exact_step(&s.query.exact, 16.0, -1));
    ck_assert(s.query.bits == query_format_bits(&s.query, s.query.format));
    key(&s, IN_KEY_RIGHT, IN_MOD_SHIFT);
    ck_assert(s.query.bits == 16.0);
    ck_assert_int_eq(s.query.ctx, 131072);

    ck_assert_int_eq(app_ctx_step(4096, 1, 131072), 8192);
    ck_assert_int_eq(app_ctx_step(4096, -1, 131072), 2048);
    ck_assert_int_eq(app_ctx_step(300, -1, 131072), 256);
    ck_assert_int_eq(app_ctx_step(256, -1, 131072), 256);
    ck_assert_int_eq(app_ctx_step(100000, 1, 131072), 131072);
    ck_assert_int_eq(app_ctx_step(40960, 1, 32768), 32768);
    ck_assert_int_eq(app_ctx_step(4096, 0, 131072), 4096);
    ck_assert_int_eq(app_ctx_step(4096, 1, 128), 128);    /* max below the least */
}
END_TEST

START_TEST(test_ctx_typed)
{
    app_state s = fresh_model("llama-3.1-8b", 16.0);

    focus_on(&s, APP_FOCUS_CONTEXT);
    type(&s, "8k");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    ck_assert_str_eq(s.entry_text, "8k");
    ck_assert_int_eq(s.query.ctx, 4096);                  /* nothing until Enter */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 8192);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.query.kv_bits == KV_BITS_F16);            /* 'k' was text */
    type(&s, "12345");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 12345);
    ck_assert(s.query.bits == 16.0);
    /* out of range or malformed: a message, no change */
    type(&s, "100");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 12345);
    ck_assert_str_eq(s.msg, "'100' is not a context here: type 256 to 131072 tokens, e.g. 8192 "
                            "or 8k");
    type(&s, "200k");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 12345);
    ck_assert(strstr(s.msg, "'200k'") != NULL);
    type(&s, "8kk");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 12345);
    ck_assert(strstr(s.msg, "'8kk'") != NULL);
    /* a dot: a hint, the entry stays */
    type(&s, "4.");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    ck_assert_str_eq(s.entry_text, "4");
    ck_assert_str_eq(s.msg, "type tokens such as 8192 or 8k, then Enter (Esc cancels)");
    key(&s, IN_KEY_ESC, 0);                               /* Esc cancels, no quit */
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.quit, 0);
    ck_assert_int_eq(s.query.ctx, 12345);
    /* the edges */
    type(&s, "256");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 256);
    type(&s, "128k");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.query.ctx, 131072);
    ck_assert_int_eq(s.plan.config.ctx, 131072);
}
END_TEST






static Suite *app_suite(void)
{
    Suite *s = suite_create("app");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_init_clamps);
    tcase_add_test(tc, test_fine_steps);
    tcase_add_test(tc, test_named_steps);
    tcase_add_test(tc, test_keys_step_bits);
    tcase_add_test(tc, test_named_keeps_format);
    tcase_add_test(tc, test_typed_bits);
    tcase_add_test(tc, test_typed_overflow);
    tcase_add_test(tc, test_baseline_cycle);
    tcase_add_test(tc, test_focus_and_baseline_keys);
    tcase_add_test(tc, test_ctx_steps);
    tcase_add_test(tc, test_ctx_typed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
