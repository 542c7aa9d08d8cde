/* check_app.c - unit tests for the app layer: state, update, layout,
 * slider mapping and fit rows. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/fitrows.h"
#include "app/layout.h"
#include "model/fit.h"
#include "model/kvcache.h"
#include "model/memory.h"

static app_state fresh(double bits)
{
    app_state s;
    app_config c;

    memset(&c, 0, sizeof c);
    c.params = 7e9;
    c.preset = NULL;
    c.bits = bits;
    c.baseline_bits = 16.0;
    c.host_ram_gib = 32.0;
    c.cols = 80;
    c.rows = 24;
    app_init(&s, &c);
    return s;
}

static void key(app_state *s, in_key k, int mods)
{
    in_event ev = input_key(k, 0, mods);
    app_update(s, &ev);
}

static void type(app_state *s, const char *text)
{
    for (; *text; text++) {
        in_event ev = input_key(IN_KEY_CHAR, *text, 0);
        app_update(s, &ev);
    }
}

static void mouse(app_state *s, in_mouse action, int button, int x, int y)
{
    in_event ev = input_mouse(action, button, x, y, 0);
    app_update(s, &ev);
}

/* ---- stepping ------------------------------------------------------------ */

START_TEST(test_init_clamps)
{
    app_state s = fresh(64.0);

    ck_assert(s.bits == 32.0);
    s = fresh(0.5);
    ck_assert(s.bits == 1.0);
    ck_assert_int_eq(s.focus, APP_FOCUS_SLIDER);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_str_eq(s.host.name, APP_HOST_LABEL);
    ck_assert_int_eq(s.host.kind, DEV_KIND_HOST);
    ck_assert(s.host.capacity_gib == 32.0);
    ck_assert(app_clamp_bits(NAN) == 1.0);
}
END_TEST

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
    ck_assert(app_step_named(16.0, 1) == 32.0);
    ck_assert(app_step_named(32.0, 1) == 32.0);               /* none above */
    ck_assert(app_step_named(16.0, -1) == formats_find("Q8_0")->bits);
    ck_assert(app_step_named(4.0, 1) == formats_step(4.0, 1)->bits);
    ck_assert(app_step_named(4.0, -1) == formats_step(4.0, -1)->bits);
    ck_assert(app_step_named(1.0, -1) == 1.0);                /* none below */
    ck_assert(app_step_named(5.0, -1) == formats_find("Q4_K_M")->bits);
}
END_TEST

START_TEST(test_keys_step_bits)
{
    app_state s = fresh(16.0);

    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.bits == 17.0);
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert(s.bits == 15.0);
    type(&s, "l");
    ck_assert(s.bits == 16.0);
    type(&s, "h");
    ck_assert(s.bits == 15.0);
    key(&s, IN_KEY_HOME, 0);
    ck_assert(s.bits == 1.0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert(s.bits == 1.0);
    key(&s, IN_KEY_END, 0);
    ck_assert(s.bits == 32.0);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.bits == 32.0);
    key(&s, IN_KEY_LEFT, IN_MOD_SHIFT);
    ck_assert(s.bits == 16.0);
    key(&s, IN_KEY_PGDN, 0);
    ck_assert(s.bits == formats_find("Q8_0")->bits);
    key(&s, IN_KEY_PGUP, 0);
    ck_assert(s.bits == 16.0);
    key(&s, IN_KEY_RIGHT, IN_MOD_SHIFT);
    ck_assert(s.bits == 32.0);
    type(&s, "H");
    ck_assert(s.bits == 16.0);
    type(&s, "L");
    ck_assert(s.bits == 32.0);
    key(&s, IN_KEY_LEFT, IN_MOD_CTRL);
    ck_assert(s.bits == 16.0);
}
END_TEST

START_TEST(test_typed_bits)
{
    app_state s = fresh(16.0);

    type(&s, "4.5");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
    ck_assert_str_eq(s.entry_text, "4.5");
    ck_assert(s.bits == 16.0);                 /* nothing until Enter */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 4.5);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_str_eq(s.msg, "");

    type(&s, "40");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 4.5);                  /* out of range: no change */
    ck_assert(strstr(s.msg, "'40'") != NULL);
    type(&s, "1.2.3");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 4.5);
    ck_assert(strstr(s.msg, "1.2.3") != NULL);
    type(&s, ".");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 4.5);
    ck_assert(s.msg[0] != '\0');

    /* a letter while typing: a hint, the entry stays */
    type(&s, "3x");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
    ck_assert(s.msg[0] != '\0');
    ck_assert_int_eq(s.quit, 0);
    /* Backspace edits, Esc cancels without quitting */
    type(&s, "2");
    key(&s, IN_KEY_BACKSPACE, 0);
    ck_assert_str_eq(s.entry_text, "3");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.quit, 0);
    ck_assert(s.bits == 4.5);
    /* Backspace over the last digit ends the entry */
    type(&s, "7");
    key(&s, IN_KEY_BACKSPACE, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    /* an arrow drops the entry and steps */
    type(&s, "7");
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.bits == 4.75);
    /* exact edges */
    type(&s, "32");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 32.0);
    type(&s, "1");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 1.0);
    type(&s, "0.99");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 1.0);
    ck_assert(s.msg[0] != '\0');
}
END_TEST

START_TEST(test_typed_overflow)
{
    app_state s = fresh(16.0);
    int i;

    for (i = 0; i < 3 * APP_TEXT_MAX; i++)
        type(&s, "1");
    ck_assert_uint_eq(strlen(s.entry_text), APP_TEXT_MAX - 1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.bits == 16.0);
    ck_assert(s.msg[0] != '\0');
}
END_TEST

/* ---- baseline ------------------------------------------------------------- */

START_TEST(test_baseline_cycle)
{
    app_state s = fresh(4.5);

    ck_assert(app_next_baseline(16.0, 4.5) == 32.0);
    ck_assert(app_next_baseline(32.0, 4.5) == 4.5);
    ck_assert(app_next_baseline(4.5, 4.5) == 16.0);
    ck_assert(app_next_baseline(32.0, 16.0) == 16.0);
    ck_assert(app_next_baseline(32.0, 32.0) == 16.0);

    type(&s, "b");
    ck_assert(s.baseline_bits == 32.0);
    type(&s, "b");
    ck_assert(s.baseline_bits == 4.5);
    type(&s, "b");
    ck_assert(s.baseline_bits == 16.0);
}
END_TEST

START_TEST(test_focus_and_baseline_keys)
{
    app_state s = fresh(4.0);

    key(&s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_BASELINE);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.baseline_bits == 17.0);
    ck_assert(s.bits == 4.0);
    key(&s, IN_KEY_END, 0);
    ck_assert(s.baseline_bits == 32.0);
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_BASELINE);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.baseline_bits == 8.0);
    ck_assert(s.bits == 4.0);
    key(&s, IN_KEY_ENTER, 0);                 /* Enter on the baseline cycles */
    ck_assert(s.baseline_bits == 16.0);
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

/* ---- model ------------------------------------------------------------- */

START_TEST(test_picker_custom_size)
{
    app_state s = fresh(16.0);
    app_pick_row row;

    type(&s, "m");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    type(&s, "13B");
    ck_assert_int_ge(app_pick_count(&s), 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert(row.preset == NULL);
    ck_assert(row.params == 13e9);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert(s.params == 13e9);
    ck_assert(s.preset == NULL);

    type(&s, "m350M");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.params == 350e6);
    type(&s, "m1.5T");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.params == 1.5e12);
}
END_TEST

START_TEST(test_picker_invalid)
{
    app_state s = fresh(16.0);

    type(&s, "mzzz9");
    ck_assert_uint_eq(app_pick_count(&s), 0);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);   /* stays open */
    ck_assert(strstr(s.msg, "zzz9") != NULL);
    ck_assert(s.params == 7e9);                        /* no change */
    type(&s, "0B");                                   /* "zzz90B" */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.params == 7e9);
    /* 0 parameters is not a size */
    while (s.filter[0] != '\0')
        key(&s, IN_KEY_BACKSPACE, 0);
    type(&s, "0");                                     /* presets with a 0 only */
    if (app_pick_count(&s) > 0) {
        app_pick_row row;
        ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
        ck_assert_ptr_nonnull(row.preset);
    }
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);                       /* Esc closed first */
    ck_assert(s.params == 7e9);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.quit, 1);
}
END_TEST

START_TEST(test_picker_presets)
{
    app_state s = fresh(16.0);
    const qs_model *want = models_find("llama-3.1-8b");
    app_pick_row row;
    size_t n;

    ck_assert_ptr_nonnull(want);
    type(&s, "m");
    ck_assert_uint_eq(app_pick_count(&s), models_count());
    type(&s, "LLAMA-3.1-8");                           /* case-insensitive */
    n = app_pick_count(&s);
    ck_assert_uint_ge(n, 1);
    ck_assert_int_eq(app_pick_get(&s, 0, &row), 0);
    ck_assert_ptr_eq(row.preset, want);
    ck_assert_int_eq(app_pick_get(&s, n, &row), -1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.preset, want);
    ck_assert(s.params == want->params);

    /* arrows move the selection and stay in range */
    type(&s, "m");
    key(&s, IN_KEY_HOME, 0);
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(s.pick, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, 1);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.pick, models_count() - 1);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.pick, models_count() - 1);
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_ptr_eq(s.preset, models_get(models_count() - 1));
    /* 'q' inside the picker is text, not quit */
    type(&s, "mq");
    ck_assert_int_eq(s.quit, 0);
    ck_assert_str_eq(s.filter, "q");
}
END_TEST

START_TEST(test_picker_mouse)
{
    app_state s = fresh(16.0);
    app_layout l;

    layout_compute(80, 24, &l);
    type(&s, "m");
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 40, 10);
    ck_assert_uint_eq(s.pick, 1);
    mouse(&s, IN_MOUSE_PRESS, 0, l.pick_x + 2, l.pick_list_y + 2);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.preset, models_get(2));
    type(&s, "m");
    mouse(&s, IN_MOUSE_PRESS, 0, 0, 0);                /* outside: closes */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.preset, models_get(2));
}
END_TEST

START_TEST(test_model_focus)
{
    app_state s = fresh(16.0);

    key(&s, IN_KEY_BTAB, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    key(&s, IN_KEY_RIGHT, 0);                          /* custom -> first preset */
    ck_assert_ptr_eq(s.preset, models_get(0));
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_ptr_eq(s.preset, models_get(1));
    ck_assert(s.params == models_get(1)->params);
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_ptr_eq(s.preset, models_get(0));
    ck_assert(s.bits == 16.0);
    key(&s, IN_KEY_PGDN, 0);                          /* bits still move */
    ck_assert(s.bits == formats_find("Q8_0")->bits);
    type(&s, "7");                                    /* a digit opens the picker */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    ck_assert_str_eq(s.filter, "7");
    type(&s, "0B");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.params == 70e9);
    key(&s, IN_KEY_ENTER, 0);                         /* Enter on the model: picker */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
}
END_TEST

/* ---- overlays and quitting --------------------------------------------- */

START_TEST(test_help_and_quit)
{
    app_state s = fresh(16.0);

    type(&s, "?");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_HELP);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    type(&s, "?x");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert(s.bits == 16.0);
    type(&s, "?q");
    ck_assert_int_eq(s.quit, 1);

    s = fresh(16.0);
    type(&s, "q");
    ck_assert_int_eq(s.quit, 1);
    s = fresh(16.0);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.quit, 1);
    s = fresh(16.0);
    type(&s, "m");
    key(&s, IN_KEY_CTRL_C, 0);                         /* even in the picker */
    ck_assert_int_eq(s.quit, 1);
    s = fresh(16.0);
    key(&s, IN_KEY_CTRL_L, 0);
    ck_assert_int_eq(s.repaint, 1);
    ck_assert_int_eq(s.quit, 0);
    ck_assert_uint_ge(app_help_count(), 10);
    ck_assert_ptr_nonnull(app_help_key(0));
    ck_assert_ptr_null(app_help_key(app_help_count()));
}
END_TEST

/* The help lines with numbers take them from the constants; every line
 * fits APP_HELP_TEXT_MAX; a small buffer cuts, no buffer gives NULL. */
START_TEST(test_help_text)
{
    char buf[APP_HELP_TEXT_MAX], small[8];
    size_t i;

    ck_assert_str_eq(app_help_key(0), "Left/Right  h/l");
    ck_assert_str_eq(app_help_text(0, buf, sizeof buf), "fine step: 0.25 bit below 8, 1 bit above");
    ck_assert_str_eq(app_help_key(4), "Home/End");
    ck_assert_str_eq(app_help_text(4, buf, sizeof buf),
                     "1 / 32 bits; context 256 / max; first / last device");
    ck_assert_str_eq(app_help_text(app_help_count() - 1, buf, sizeof buf), "quit");
    for (i = 0; i < app_help_count(); i++) {
        ck_assert_ptr_eq(app_help_text(i, buf, sizeof buf), buf);
        ck_assert_uint_lt(strlen(buf), sizeof buf - 1);
    }
    ck_assert_str_eq(app_help_text(0, small, sizeof small), "fine st");
    ck_assert_ptr_null(app_help_text(app_help_count(), buf, sizeof buf));
    ck_assert_ptr_null(app_help_text(0, NULL, sizeof buf));
    ck_assert_ptr_null(app_help_text(0, buf, 0));
}
END_TEST

/* ---- mouse and layout ----------------------------------------------------- */

START_TEST(test_mapping_known_columns)
{
    /* 80 columns: track 2 .. 77, 75 columns for 5 octaves, 15 per octave */
    ck_assert(layout_col_to_bits(2, 2, 77) == 1.0);
    ck_assert(layout_col_to_bits(17, 2, 77) == 2.0);
    ck_assert(layout_col_to_bits(32, 2, 77) == 4.0);
    ck_assert(layout_col_to_bits(47, 2, 77) == 8.0);
    ck_assert(layout_col_to_bits(62, 2, 77) == 16.0);
    ck_assert(layout_col_to_bits(77, 2, 77) == 32.0);
    ck_assert(layout_col_to_bits(0, 2, 77) == 1.0);     /* outside: clamped */
    ck_assert(layout_col_to_bits(200, 2, 77) == 32.0);
    /* between: 2^(5*31/75) rounded to hundredths */
    ck_assert(layout_col_to_bits(33, 2, 77) == round(exp2(5.0 * 31 / 75) * 100) / 100);
    ck_assert_int_eq(layout_bits_to_col(4.0, 2, 77), 32);
    ck_assert_int_eq(layout_bits_to_col(0.1, 2, 77), 2);
    ck_assert_int_eq(layout_bits_to_col(64.0, 2, 77), 77);
    ck_assert_int_eq(layout_bits_to_col(NAN, 2, 77), 2);
    ck_assert_int_eq(layout_bits_to_col(4.0, 5, 5), 5);
    ck_assert(layout_col_to_bits(3, 5, 5) == 1.0);
}
END_TEST

START_TEST(test_mapping_round_trip)
{
    int cols, x;

    for (cols = 1; cols <= 400; cols++) {
        int x0 = 2, x1 = cols - 3;
        if (x1 <= x0)
            continue;
        for (x = x0; x <= x1; x++) {
            double b = layout_col_to_bits(x, x0, x1);
            ck_assert_msg(layout_bits_to_col(b, x0, x1) == x, "cols %d x %d", cols, x);
            ck_assert(b >= 1.0 && b <= 32.0);
        }
    }
}
END_TEST

START_TEST(test_mouse_drag)
{
    app_state s = fresh(16.0);
    app_layout l;

    layout_compute(80, 24, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 32, l.track_y);
    ck_assert(s.bits == 4.0);
    ck_assert_int_eq(s.dragging, 1);
    mouse(&s, IN_MOUSE_DRAG, 0, 62, l.track_y + 5);    /* off the row: still drags */
    ck_assert(s.bits == 16.0);
    mouse(&s, IN_MOUSE_DRAG, 0, 79, l.track_y);        /* past the end: clamped */
    ck_assert(s.bits == 32.0);
    mouse(&s, IN_MOUSE_RELEASE, 0, 47, l.track_y);
    ck_assert(s.bits == 8.0);
    ck_assert_int_eq(s.dragging, 0);
    /* motion off the track without a drag does nothing */
    mouse(&s, IN_MOUSE_DRAG, 0, 17, l.footprint_y);
    ck_assert(s.bits == 8.0);
    /* a lost press: motion with button 1 on the track drags */
    mouse(&s, IN_MOUSE_DRAG, 0, 17, l.track_y);
    ck_assert(s.bits == 2.0);
    ck_assert_int_eq(s.dragging, 1);
    mouse(&s, IN_MOUSE_RELEASE, -1, -1, -1);           /* legacy release, no position */
    ck_assert_int_eq(s.dragging, 0);
    ck_assert(s.bits == 2.0);
    /* other buttons and unknown coordinates are ignored */
    mouse(&s, IN_MOUSE_PRESS, 2, 62, l.track_y);
    mouse(&s, IN_MOUSE_PRESS, 0, -1, l.track_y);
    ck_assert(s.bits == 2.0);
    /* the wheel steps */
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 5, 5);
    ck_assert(s.bits == 2.25);
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 5, 5);
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 5, 5);
    ck_assert(s.bits == 1.75);
}
END_TEST

START_TEST(test_mouse_clicks)
{
    app_state s = fresh(4.0);
    app_layout l;

    layout_compute(80, 24, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.savings_y);
    ck_assert(s.baseline_bits == 32.0);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.model_y);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    key(&s, IN_KEY_ESC, 0);
    type(&s, "?");
    mouse(&s, IN_MOUSE_PRESS, 0, 10, 10);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    /* too small: the mouse does nothing */
    {
        in_event r = input_resize(30, 8);
        app_update(&s, &r);
    }
    mouse(&s, IN_MOUSE_PRESS, 0, 5, 4);
    ck_assert(s.bits == 4.0);
    ck_assert_int_eq(s.cols, 30);
    ck_assert_int_eq(s.rows, 8);
}
END_TEST

START_TEST(test_layout_80x24)
{
    app_layout l;

    layout_compute(80, 24, &l);
    ck_assert_int_eq(l.too_small, 0);
    ck_assert_int_eq(l.title_y, 0);
    ck_assert_int_eq(l.model_y, 1);
    ck_assert_int_eq(l.knob_y, 3);
    ck_assert_int_eq(l.track_y, 4);
    ck_assert_int_eq(l.scale_y, 5);
    ck_assert_int_eq(l.names_y, 6);
    ck_assert_int_eq(l.best_y, 7);
    ck_assert_int_eq(l.footprint_y, 9);
    ck_assert_int_eq(l.savings_y, 10);
    ck_assert_int_eq(l.quality_y, 11);
    ck_assert_int_eq(l.ctx_y, 13);
    ck_assert_int_eq(l.fit_title_y, 14);
    ck_assert_int_eq(l.fit_y, 15);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_MAX);
    ck_assert_int_eq(l.detail_y, 21);
    ck_assert_int_eq(l.footer_y, 23);
    ck_assert_int_eq(l.track_x0, 2);
    ck_assert_int_eq(l.track_x1, 77);
    ck_assert_int_gt(l.fit_bar_w, 0);
    ck_assert_int_le(l.fit_text_x + 30, 80);
    ck_assert_int_le(l.pick_x + l.pick_w, 80);
    ck_assert_int_le(l.pick_y + l.pick_h, 24);
    ck_assert_int_le(l.help_y + l.help_h, 24);
}
END_TEST

START_TEST(test_layout_all_sizes)
{
    int c, r;

    for (c = -1; c <= 260; c++)
        for (r = -1; r <= 80; r++) {
            app_layout l;
            layout_compute(c, r, &l);
            if (c < LAYOUT_MIN_COLS || r < LAYOUT_MIN_ROWS) {
                ck_assert_int_eq(l.too_small, 1);
                continue;
            }
            ck_assert_int_eq(l.too_small, 0);
            /* every row used is on screen and in order */
            ck_assert_int_lt(l.title_y, l.model_y);
            ck_assert_int_lt(l.model_y, l.knob_y);
            ck_assert_int_lt(l.knob_y, l.track_y);
            ck_assert_int_lt(l.track_y, l.scale_y);
            ck_assert_int_lt(l.scale_y, l.footprint_y);
            ck_assert_int_lt(l.quality_y, l.footer_y);
            ck_assert_int_ge(l.fit_n, 1);                /* this machine always */
            ck_assert_int_lt(l.fit_y + l.fit_n - 1, l.footer_y);
            ck_assert_int_lt(l.quality_y, l.ctx_y);      /* the context control always */
            ck_assert_int_lt(l.ctx_y, l.fit_title_y);
            if (l.detail_y >= 0) {
                ck_assert_int_eq(l.detail_y, l.fit_y + l.fit_n);
                ck_assert_int_lt(l.detail_y, l.footer_y);
            }
            if (l.best_y >= 0) {
                ck_assert_int_gt(l.best_y, l.scale_y);
                ck_assert_int_lt(l.best_y, l.footprint_y);
            }
            ck_assert_int_ge(l.table_list_n, 1);
            ck_assert_int_lt(l.table_list_y + l.table_list_n - 1, l.table_legend_y);
            ck_assert_int_lt(l.table_legend_y, l.table_keys_y);
            ck_assert_int_eq(l.table_keys_y, r - 1);
            ck_assert_int_ge(l.table_ncols, 1);
            ck_assert_int_le(l.table_dev_x + l.table_ncols * l.table_col_w, c);
            ck_assert_int_eq(l.footer_y, r - 1);
            ck_assert_int_lt(l.track_x1, c);
            ck_assert_int_gt(l.track_x1, l.track_x0);
            ck_assert_int_ge(l.pick_list_n, 1);
            ck_assert_int_ge(l.pick_x, 0);
            ck_assert_int_le(l.pick_list_y + l.pick_list_n, l.pick_y + l.pick_h);
            ck_assert_int_le(l.fit_bar_x + l.fit_bar_w, c);
        }
}
END_TEST

START_TEST(test_ticks)
{
    app_layout l;
    layout_tick t[16];
    size_t n, i, j;

    layout_compute(80, 24, &l);
    n = layout_scale_ticks(&l, t, 16);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(t[0].x, 2);
    ck_assert_str_eq(t[5].label, "32");
    ck_assert_int_eq(t[5].col, 77);
    ck_assert_int_le(t[5].x + 2, 80);
    n = layout_name_ticks(&l, t, 16);
    ck_assert_uint_ge(n, 4);
    ck_assert_str_eq(t[0].label, "FP32");
    ck_assert_str_eq(t[1].label, "FP16");
    for (i = 0; i < n; i++) {
        ck_assert_int_ge(t[i].x, 0);
        ck_assert_int_le(t[i].x + (int)strlen(t[i].label), 80);
        for (j = 0; j < i; j++)                /* no two labels touch */
            ck_assert(t[i].x > t[j].x + (int)strlen(t[j].label) ||
                      t[j].x > t[i].x + (int)strlen(t[i].label));
    }
    ck_assert_uint_eq(layout_name_ticks(&l, t, 1), 1);
    layout_compute(30, 8, &l);
    ck_assert_uint_eq(layout_scale_ticks(&l, t, 16), 0);
    ck_assert_uint_eq(layout_name_ticks(&l, t, 16), 0);
}
END_TEST

START_TEST(test_pick_top)
{
    ck_assert_uint_eq(layout_pick_top(0, 5, 10), 0);
    ck_assert_uint_eq(layout_pick_top(9, 20, 10), 0);
    ck_assert_uint_eq(layout_pick_top(10, 20, 10), 1);
    ck_assert_uint_eq(layout_pick_top(19, 20, 10), 10);
    ck_assert_uint_eq(layout_pick_top(50, 20, 10), 10);
    ck_assert_uint_eq(layout_pick_top(3, 20, 0), 3);
}
END_TEST

/* ---- fit rows ------------------------------------------------------------- */

START_TEST(test_fit_rows)
{
    app_state s = fresh(16.0);
    fitrows_row rows[FITROWS_MAX];
    fit_config c;
    fit_need need;
    size_t n;

    s.preset = models_find("llama-3.1-8b");
    ck_assert_ptr_nonnull(s.preset);
    s.params = s.preset->params;
    c = fit_config_default(s.params, s.bits, s.preset);
    need = fit_need_of(&c);
    ck_assert(fitrows_need(&s).total_gib == need.total_gib);
    ck_assert(need.weights_gib == memory_footprint_gib(s.params, 16.0));

    n = fitrows_compute(&s, rows, FITROWS_MAX);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(rows[0].name, APP_HOST_LABEL);
    ck_assert_int_eq(rows[0].known, 1);
    ck_assert(rows[0].usable_gib == 32.0);
    ck_assert(rows[0].need_gib == need.total_gib);
    ck_assert(rows[0].share == need.total_gib / 32.0);
    ck_assert_int_eq(rows[5].verdict, FIT_FITS);       /* H200 */
    ck_assert_int_eq(rows[1].verdict, FIT_NO_FIT);     /* 8 GB laptop at FP16 */
    ck_assert_uint_eq(fitrows_compute(&s, rows, 2), 2);
    ck_assert_uint_eq(fitrows_compute(&s, rows, 0), 0);

    /* unknown host RAM: the row says so */
    s.host.capacity_gib = 0.0;
    n = fitrows_compute(&s, rows, FITROWS_MAX);
    ck_assert_int_eq(rows[0].known, 0);
    /* a custom size has no KV cache: weights + overhead */
    s.preset = NULL;
    s.params = 7e9;
    ck_assert(fitrows_need(&s).total_gib ==
              memory_footprint_gib(7e9, 16.0) + 0.0 + FIT_DEFAULT_OVERHEAD_GIB);
}
END_TEST


/* ---- context, KV cache, devices, table (issue 4) ------------------------ */

/* A state on preset `id` at `bits` with a 32 GiB host, 80x24. */
static app_state fresh_preset(const char *id, double bits)
{
    app_state s = fresh(bits);

    s.preset = models_find(id);
    ck_assert_ptr_nonnull(s.preset);
    s.params = s.preset->params;
    return s;
}

static void focus_on(app_state *s, app_focus f)
{
    int i;

    for (i = 0; i < APP_FOCUS_COUNT && s->focus != f; i++)
        key(s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s->focus, f);
}

START_TEST(test_ctx_steps)
{
    app_state s = fresh_preset("llama-3.1-8b", 16.0);

    ck_assert_int_eq(s.ctx, FIT_DEFAULT_CTX);             /* never the model's max */
    ck_assert_int_eq(app_ctx(&s), 4096);
    ck_assert_int_eq(app_ctx_max(&s), 131072);
    focus_on(&s, APP_FOCUS_CONTEXT);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(app_ctx(&s), 8192);
    ck_assert(s.bits == 16.0);                            /* the bits stay */
    key(&s, IN_KEY_LEFT, 0);
    key(&s, IN_KEY_LEFT, 0);
    ck_assert_int_eq(app_ctx(&s), 2048);
    type(&s, "l");
    ck_assert_int_eq(app_ctx(&s), 4096);
    type(&s, "h");
    ck_assert_int_eq(app_ctx(&s), 2048);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_int_eq(app_ctx(&s), APP_CTX_MIN);
    key(&s, IN_KEY_LEFT, 0);                              /* clamped at 256 */
    ck_assert_int_eq(app_ctx(&s), 256);
    key(&s, IN_KEY_END, 0);
    ck_assert_int_eq(app_ctx(&s), 131072);
    key(&s, IN_KEY_RIGHT, 0);                             /* clamped at the max */
    ck_assert_int_eq(app_ctx(&s), 131072);
    /* PgUp/PgDn and Shift+arrows still step the bits */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert(s.bits == formats_find("Q8_0")->bits);
    key(&s, IN_KEY_RIGHT, IN_MOD_SHIFT);
    ck_assert(s.bits == 16.0);
    ck_assert_int_eq(app_ctx(&s), 131072);

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

START_TEST(test_ctx_follows_model)
{
    app_state s = fresh_preset("llama-3.1-8b", 16.0);

    s.ctx = 8192;
    s.preset = models_find("gpt2");                       /* max 1024 */
    s.params = s.preset->params;
    ck_assert_int_eq(app_ctx(&s), 1024);
    ck_assert_int_eq(s.ctx, 8192);                        /* kept for the next */
    ck_assert(fitrows_config(&s).ctx == 1024);
    s.preset = models_find("llama-3.1-8b");
    s.params = s.preset->params;
    ck_assert_int_eq(app_ctx(&s), 8192);
    /* a custom size: up to the cap */
    s.preset = NULL;
    s.params = 7e9;
    ck_assert_int_eq(app_ctx_max(&s), APP_CTX_CAP);
    s.ctx = 10L * APP_CTX_CAP;
    ck_assert_int_eq(app_ctx(&s), APP_CTX_CAP);
    /* from the configuration */
    {
        app_config c;
        memset(&c, 0, sizeof c);
        c.params = models_find("llama-3.1-8b")->params;
        c.preset = models_find("llama-3.1-8b");
        c.bits = 16.0;
        c.ctx = 32768;
        c.cols = 80;
        c.rows = 24;
        app_init(&s, &c);
        ck_assert_int_eq(app_ctx(&s), 32768);
        ck_assert(s.kv_bits == KV_BITS_F16);
        ck_assert(s.overhead_gib == FIT_DEFAULT_OVERHEAD_GIB);
    }
}
END_TEST

START_TEST(test_ctx_typed)
{
    app_state s = fresh_preset("llama-3.1-8b", 16.0);

    focus_on(&s, APP_FOCUS_CONTEXT);
    type(&s, "8k");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    ck_assert_str_eq(s.entry_text, "8k");
    ck_assert_int_eq(app_ctx(&s), 4096);                  /* nothing until Enter */
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 8192);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert(s.kv_bits == KV_BITS_F16);                  /* 'k' was text */
    type(&s, "12345");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 12345);
    ck_assert(s.bits == 16.0);
    /* out of range or malformed: a message, no change */
    type(&s, "100");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 12345);
    ck_assert(strstr(s.msg, "'100'") != NULL);
    type(&s, "200k");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 12345);
    ck_assert(strstr(s.msg, "200k") != NULL);
    type(&s, "8kk");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 12345);
    ck_assert(s.msg[0] != '\0');
    /* a dot or a letter: a hint, the entry stays */
    type(&s, "4.");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    ck_assert_str_eq(s.entry_text, "4");
    ck_assert(s.msg[0] != '\0');
    key(&s, IN_KEY_ESC, 0);                               /* Esc cancels, no quit */
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.quit, 0);
    ck_assert_int_eq(app_ctx(&s), 12345);
    /* the edges */
    type(&s, "256");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 256);
    type(&s, "128k");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_int_eq(app_ctx(&s), 131072);
}
END_TEST

START_TEST(test_kv_cycle)
{
    app_state s = fresh_preset("llama-3.1-8b", 16.0);

    ck_assert(s.kv_bits == KV_BITS_F16);
    s.ctx = 8192;
    /* Llama-3.1-8B at 8192 tokens of f16 cache: exactly 1 GiB */
    ck_assert(fitrows_need(&s).kv_gib == 1.0);
    type(&s, "k");
    ck_assert(s.kv_bits == KV_BITS_Q8_0);
    ck_assert(fitrows_need(&s).kv_gib == 2.0 * 32 * 8 * 128 * 8192 * (8.5 / 8) / 1073741824.0);
    type(&s, "k");
    ck_assert(s.kv_bits == KV_BITS_Q4_0);
    ck_assert(fitrows_need(&s).kv_gib == 2.0 * 32 * 8 * 128 * 8192 * (4.5 / 8) / 1073741824.0);
    type(&s, "k");
    ck_assert(s.kv_bits == KV_BITS_F16);
    ck_assert(app_next_kv(5.5) == KV_BITS_F16);           /* q5_0 from the command line */
    ck_assert(app_next_kv(KV_BITS_Q8_0) == KV_BITS_Q4_0);
    /* the total follows: weights + KV + overhead */
    ck_assert(fitrows_need(&s).total_gib ==
              memory_footprint_gib(s.params, 16.0) + 1.0 + FIT_DEFAULT_OVERHEAD_GIB);
    /* k works from any focus, and in the table */
    focus_on(&s, APP_FOCUS_DEVICES);
    type(&s, "k");
    ck_assert(s.kv_bits == KV_BITS_Q8_0);
    type(&s, "t");
    type(&s, "k");
    ck_assert(s.kv_bits == KV_BITS_Q4_0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
}
END_TEST

START_TEST(test_device_select)
{
    app_state s = fresh_preset("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    app_layout l;

    ck_assert_uint_eq(app_device_count(&s), 6);
    ck_assert_uint_eq(s.sel, 0);
    ck_assert_int_eq(app_device(&s, 0)->kind, DEV_KIND_HOST);
    ck_assert_str_eq(app_device(&s, 1)->id, "laptop-8gb");
    ck_assert_str_eq(app_device(&s, 3)->id, "rtx-4090");
    ck_assert_str_eq(app_device(&s, 5)->id, "h200");
    ck_assert_ptr_null(app_device(&s, 6));
    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.sel, 1);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.sel, 5);
    ck_assert(s.bits == formats_find("Q4_K_M")->bits);    /* End did not move the bits */
    key(&s, IN_KEY_DOWN, 0);                              /* past the end: focus on */
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    ck_assert_uint_eq(s.sel, 5);
    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(s.sel, 4);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_uint_eq(s.sel, 0);
    key(&s, IN_KEY_UP, 0);                                /* past the top: focus back */
    ck_assert_int_eq(s.focus, APP_FOCUS_CONTEXT);
    ck_assert_uint_eq(s.sel, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    /* Left/Right on the devices step the bits */
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.bits == 5.0);
    /* the mouse: a click on a device row selects it, on the context focuses it */
    app_layout_of(&s, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.fit_y + 3);
    ck_assert_uint_eq(s.sel, 3);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.ctx_y);
    ck_assert_int_eq(s.focus, APP_FOCUS_CONTEXT);
    ck_assert_uint_eq(s.sel, 3);
    /* a digit on the context starts a context entry, on the devices a bits one */
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    key(&s, IN_KEY_ESC, 0);
    focus_on(&s, APP_FOCUS_DEVICES);
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
}
END_TEST

START_TEST(test_devices_from_config)
{
    app_state s;
    app_config c;
    qs_device devs[APP_TARGETS_MAX + 3];
    size_t i;

    memset(&c, 0, sizeof c);
    c.params = 7e9;
    c.bits = 4.0;
    c.host_ram_gib = 32.0;
    c.cols = 80;
    c.rows = 24;
    devs[0] = *devices_find("m3-max-64");
    ck_assert_int_eq(devices_from_bytes(24.0 * 1073741824.0, "24GiB", &devs[1]), 0);
    c.devices = devs;
    c.ndevices = 2;
    c.apple_share = 0.5;
    c.overhead_gib = 1.0;
    c.kv_bits = KV_BITS_Q4_0;
    app_init(&s, &c);
    ck_assert_uint_eq(app_device_count(&s), 3);
    ck_assert_int_eq(app_device(&s, 0)->kind, DEV_KIND_HOST);      /* this machine first */
    ck_assert_str_eq(app_device(&s, 1)->id, "m3-max-64");
    ck_assert_str_eq(app_device(&s, 2)->name, "24GiB");
    ck_assert(s.kv_bits == KV_BITS_Q4_0);
    {
        fitrows_row rows[FITROWS_MAX];
        ck_assert_uint_eq(fitrows_compute(&s, rows, FITROWS_MAX), 3);
        ck_assert(rows[1].usable_gib == 64.0 * 0.5);               /* the share given */
        ck_assert(rows[2].usable_gib == 24.0);
        ck_assert(rows[0].need_gib == memory_footprint_gib(7e9, 4.0) + 1.0);
    }
    /* more than fit: the first APP_TARGETS_MAX */
    for (i = 0; i < APP_TARGETS_MAX + 3; i++)
        devs[i] = *devices_get(i);
    c.ndevices = APP_TARGETS_MAX + 3;
    app_init(&s, &c);
    ck_assert_uint_eq(s.ntargets, APP_TARGETS_MAX);
    ck_assert_ptr_eq(app_device(&s, APP_TARGETS_MAX)->id, devices_get(APP_TARGETS_MAX - 1)->id);
    /* a bad share falls back to the device's own */
    c.apple_share = 1.5;
    app_init(&s, &c);
    ck_assert(s.apple_share == 0.0);
}
END_TEST

START_TEST(test_table_keys)
{
    app_state s = fresh_preset("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    app_layout l;
    size_t cur = 0, i, max;

    for (i = 0; i < app_table_rows(); i++)
        if (formats_get(i) == formats_find("Q4_K_M"))
            cur = i;
    app_layout_of(&s, &l);
    ck_assert_uint_eq(app_table_rows(), formats_count());
    max = app_table_top_max(&s);
    ck_assert_uint_eq(max, formats_count() - (size_t)l.table_list_n);
    type(&s, "t");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    /* the current precision's row is in view */
    ck_assert_uint_le(s.table_top, cur);
    ck_assert_uint_lt(cur, s.table_top + (size_t)l.table_list_n);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_uint_eq(s.table_top, 0);
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(s.table_top, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.table_top, 1 < max ? 1 : max);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.table_top, max);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.table_top, max);
    key(&s, IN_KEY_PGUP, 0);
    ck_assert_uint_eq(s.table_top, 0);
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_uint_eq(s.table_top, max);
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 5, 5);
    ck_assert_uint_eq(s.table_top, max - 1);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, 5);                   /* a click does nothing */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    /* the keys of the main screen do nothing here */
    key(&s, IN_KEY_RIGHT, 0);
    type(&s, "m4");
    ck_assert(s.bits == formats_find("Q4_K_M")->bits);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    /* a taller screen: the top is clamped on resize */
    {
        in_event r = input_resize(80, 60);
        app_update(&s, &r);
        ck_assert_uint_eq(app_table_top_max(&s), 0);
        ck_assert_uint_eq(s.table_top, 0);
        r = input_resize(80, 24);
        app_update(&s, &r);
    }
    type(&s, "t");                                        /* t closes */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    type(&s, "t");
    type(&s, "q");                                        /* q quits from the table */
    ck_assert_int_eq(s.quit, 1);
}
END_TEST

START_TEST(test_esc_order)
{
    app_state s = fresh_preset("llama-3.1-8b", 16.0);

    /* an entry first, then the overlay, then quit */
    type(&s, "4");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.quit, 0);
    type(&s, "t");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    /* opening the table drops an entry being typed on the context */
    focus_on(&s, APP_FOCUS_CONTEXT);
    type(&s, "9");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    type(&s, "?");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.quit, 1);
    /* Ctrl-C quits from the table too */
    s = fresh(16.0);
    type(&s, "t");
    key(&s, IN_KEY_CTRL_C, 0);
    ck_assert_int_eq(s.quit, 1);
}
END_TEST

/* The numbers the view shows come from the model layer for the state. */
START_TEST(test_detail_numbers)
{
    app_state s = fresh_preset("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    fitrows_detail d;
    fitrows_row rows[FITROWS_MAX];
    fit_config c;
    fit_need need;
    const qs_device *h100 = devices_find("h100-sxm"), *rtx = devices_find("rtx-4090");

    c = fit_config_default(s.params, s.bits, s.preset);
    need = fit_need_of(&c);
    ck_assert(fitrows_config(&s).ctx == c.ctx);
    /* H100: fits; best, max context and speed ceiling as the model gives them */
    ck_assert_int_eq(fitrows_detail_of(&s, 4, &d), 0);
    ck_assert_ptr_eq(d.row.device, app_device(&s, 4));
    ck_assert_ptr_eq(d.best, fit_best_format(&c, h100, 0.0));
    ck_assert_str_eq(d.best->name, "Q8_0");
    ck_assert_int_eq(d.max_ctx, fit_max_ctx(&c, h100, 0.0));
    ck_assert_int_eq(d.max_ctx, 127622);                  /* quantscope --fit says so too */
    ck_assert_int_eq(d.model_max_ctx, 131072);
    ck_assert(d.tok_s == fit_decode_ceiling(&c, h100));
    ck_assert(d.tok_s > 0.0);
    ck_assert_int_eq(d.row.verdict, FIT_FITS);
    ck_assert(d.row.headroom_gib == devices_usable_gib(h100, 0.0) - need.total_gib);
    /* RTX 4090: no fit, 45 of 80 layers on the GPU with 32 GiB of RAM; no speed */
    ck_assert_int_eq(fitrows_detail_of(&s, 3, &d), 0);
    ck_assert_int_eq(d.row.verdict, FIT_NO_FIT);
    ck_assert_int_eq(d.row.gpu_layers, fit_on_device(&need, &c, rtx, 0.0, 32.0).gpu_layers);
    ck_assert_int_eq(d.row.gpu_layers, 45);
    ck_assert_int_eq(d.row.layers, 80);
    ck_assert(d.tok_s == 0.0);
    ck_assert_int_eq(d.max_ctx, 0);
    ck_assert_ptr_eq(d.best, fit_best_format(&c, rtx, 0.0));
    /* this machine: RAM, no partial offload into itself */
    ck_assert_int_eq(fitrows_detail_of(&s, 0, &d), 0);
    ck_assert_int_eq(d.row.gpu_layers, -1);
    ck_assert_ptr_eq(d.best, fit_best_format(&c, &s.host, 0.0));
    ck_assert(d.tok_s == 0.0);                            /* bandwidth unknown */
    /* the context and KV type change the answers as the model says */
    s.ctx = 32768;
    s.kv_bits = KV_BITS_Q8_0;
    c.ctx = 32768;
    c.kv_bits = KV_BITS_Q8_0;
    ck_assert_int_eq(fitrows_detail_of(&s, 4, &d), 0);
    ck_assert(d.row.need_gib == fit_need_of(&c).total_gib);
    ck_assert_int_eq(d.max_ctx, fit_max_ctx(&c, h100, 0.0));
    ck_assert_ptr_eq(d.best, fit_best_format(&c, h100, 0.0));
    ck_assert(d.tok_s == fit_decode_ceiling(&c, h100));
    ck_assert_uint_eq(fitrows_compute(&s, rows, FITROWS_MAX), 6);
    ck_assert(rows[4].need_gib == fit_need_of(&c).total_gib);
    /* out of range, and unknown RAM */
    ck_assert_int_eq(fitrows_detail_of(&s, 6, &d), -1);
    s.host.capacity_gib = 0.0;
    ck_assert_int_eq(fitrows_detail_of(&s, 0, &d), -1);
    ck_assert_int_eq(d.row.known, 0);
    /* a custom size: no KV cache, so no context answer */
    s = fresh(4.0);
    ck_assert_int_eq(fitrows_detail_of(&s, 4, &d), 0);
    ck_assert_int_eq(d.max_ctx, -1);
    ck_assert_int_eq(d.model_max_ctx, 0);
}
END_TEST

START_TEST(test_table_cells)
{
    app_state s = fresh_preset("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    const qs_format *q8 = formats_find("Q8_0");
    fit_config c = fit_config_default(s.params, q8->bits, s.preset);
    fitrows_cell cell = fitrows_table_cell(&s, q8, 4);    /* H100 */
    fit_need need = fit_need_of(&c);

    ck_assert_int_eq(cell.ok, 1);
    ck_assert(cell.need_gib == need.total_gib);
    ck_assert(cell.share == need.total_gib / devices_find("h100-sxm")->capacity_gib);
    ck_assert_int_eq(cell.verdict, FIT_TIGHT);            /* 71.57 of 79.65 GiB */
    ck_assert_int_eq(fitrows_table_cell(&s, q8, 5).verdict, FIT_FITS);
    ck_assert_int_eq(fitrows_table_cell(&s, q8, 3).verdict, FIT_NO_FIT);
    ck_assert_int_eq(fitrows_table_cell(&s, q8, 6).ok, 0);
    ck_assert_int_eq(fitrows_table_cell(&s, NULL, 0).ok, 0);
    s.host.capacity_gib = 0.0;
    ck_assert_int_eq(fitrows_table_cell(&s, q8, 0).ok, 0);
    ck_assert_str_eq(fitrows_short_verdict(FIT_FITS), "fits");
    ck_assert_str_eq(fitrows_short_verdict(FIT_TIGHT), "tight");
    ck_assert_str_eq(fitrows_short_verdict(FIT_NO_FIT), "NO");
}
END_TEST

START_TEST(test_table_headers)
{
    char a[FITROWS_HEAD_MAX], b[FITROWS_HEAD_MAX];

    fitrows_header("this machine (RAM)", 8, a, b);
    ck_assert_str_eq(a, "this");
    ck_assert_str_eq(b, "machine");
    fitrows_header("RTX 4090", 8, a, b);
    ck_assert_str_eq(a, "RTX 4090");
    ck_assert_str_eq(b, "");
    fitrows_header("Apple M3 Max 64GB", 8, a, b);
    ck_assert_str_eq(a, "Apple M3");
    ck_assert_str_eq(b, "Max 64GB");
    fitrows_header("Laptop, 16GB RAM", 8, a, b);
    ck_assert_str_eq(a, "Laptop,");
    ck_assert_str_eq(b, "16GB RAM");
    fitrows_header("Supercalifragilistic word", 5, a, b);
    ck_assert_str_eq(a, "Super");
    ck_assert_str_eq(b, "word");
    fitrows_header(NULL, 8, a, b);
    ck_assert_str_eq(a, "");
    fitrows_header("x", 0, a, b);
    ck_assert_str_eq(a, "");
    fitrows_header("a very long name indeed, more than sixty-four bytes in all of it", 200, a,
                   b);
    ck_assert_uint_lt(strlen(a), FITROWS_HEAD_MAX);
}
END_TEST

START_TEST(test_layout_table)
{
    app_layout l;

    /* 80x24, this machine + 5 devices: every column fits */
    layout_compute_for(80, 24, 6, &l);
    ck_assert_int_eq(l.table_ncols, 6);
    ck_assert_int_le(l.table_dev_x + 6 * l.table_col_w, 80);
    ck_assert_int_eq(l.table_list_y, 3);
    ck_assert_int_eq(l.table_list_n, 19);
    ck_assert_int_eq(l.table_share, 0);
    /* wider: the share fits in the cells */
    layout_compute_for(120, 40, 6, &l);
    ck_assert_int_eq(l.table_share, 1);
    ck_assert_int_ge(l.table_list_n, (int)formats_count());
    /* nine devices at 80x24: fewer columns, all rows still on the screen */
    layout_compute_for(80, 24, 9, &l);
    ck_assert_int_lt(l.table_ncols, 9);
    ck_assert_int_eq(l.fit_n, 9);
    ck_assert_int_lt(l.detail_y, l.footer_y);
    /* more than the most: clamped */
    layout_compute_for(200, 80, 50, &l);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_ROWS_MAX);
    layout_compute_for(80, 24, 0, &l);
    ck_assert_int_eq(l.fit_n, 1);
    /* 40x12: this machine and the context; no detail line */
    layout_compute_for(40, 12, 6, &l);
    ck_assert_int_eq(l.fit_n, 1);
    ck_assert_int_ge(l.ctx_y, 0);
    ck_assert_int_eq(l.detail_y, -1);
    ck_assert_int_eq(l.best_y, -1);
}
END_TEST


START_TEST(test_picker_keys_edges)
{
    app_state s = fresh(16.0);
    app_layout l;
    size_t page;
    int i;

    layout_compute(80, 24, &l);
    page = (size_t)l.pick_list_n;
    type(&s, "m");
    /* PgDn/PgUp move by a page of rows; Shift-Tab and the wheel go back. */
    key(&s, IN_KEY_PGDN, 0);
    ck_assert_uint_eq(s.pick, page < models_count() ? page : models_count() - 1);
    key(&s, IN_KEY_BTAB, 0);
    ck_assert_uint_eq(s.pick, (page < models_count() ? page : models_count() - 1) - 1);
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
    ck_assert(s.params == 7e9);
    ck_assert_ptr_null(s.preset);
    /* The filter holds APP_TEXT_MAX - 1 bytes; typing past it says so. */
    for (i = 0; i < APP_TEXT_MAX + 4; i++)
        type(&s, "x");
    ck_assert_uint_eq(strlen(s.filter), APP_TEXT_MAX - 1);
    ck_assert_str_eq(s.msg, "the filter is full: Backspace to edit");
}
END_TEST

START_TEST(test_short_verdicts)
{
    ck_assert_str_eq(fitrows_short_verdict(FIT_FITS), "fits");
    ck_assert_str_eq(fitrows_short_verdict(FIT_TIGHT), "tight");
    ck_assert_str_eq(fitrows_short_verdict(FIT_NO_FIT), "NO");
    ck_assert_str_eq(fitrows_short_verdict((fit_verdict)99), "?");
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
    tcase_add_test(tc, test_typed_bits);
    tcase_add_test(tc, test_typed_overflow);
    tcase_add_test(tc, test_baseline_cycle);
    tcase_add_test(tc, test_focus_and_baseline_keys);
    tcase_add_test(tc, test_picker_custom_size);
    tcase_add_test(tc, test_picker_invalid);
    tcase_add_test(tc, test_picker_presets);
    tcase_add_test(tc, test_picker_mouse);
    tcase_add_test(tc, test_picker_keys_edges);
    tcase_add_test(tc, test_short_verdicts);
    tcase_add_test(tc, test_model_focus);
    tcase_add_test(tc, test_help_and_quit);
    tcase_add_test(tc, test_help_text);
    tcase_add_test(tc, test_mapping_known_columns);
    tcase_add_test(tc, test_mapping_round_trip);
    tcase_add_test(tc, test_mouse_drag);
    tcase_add_test(tc, test_mouse_clicks);
    tcase_add_test(tc, test_layout_80x24);
    tcase_add_test(tc, test_layout_all_sizes);
    tcase_add_test(tc, test_ticks);
    tcase_add_test(tc, test_pick_top);
    tcase_add_test(tc, test_fit_rows);
    tcase_add_test(tc, test_ctx_steps);
    tcase_add_test(tc, test_ctx_follows_model);
    tcase_add_test(tc, test_ctx_typed);
    tcase_add_test(tc, test_kv_cycle);
    tcase_add_test(tc, test_device_select);
    tcase_add_test(tc, test_devices_from_config);
    tcase_add_test(tc, test_table_keys);
    tcase_add_test(tc, test_esc_order);
    tcase_add_test(tc, test_detail_numbers);
    tcase_add_test(tc, test_table_cells);
    tcase_add_test(tc, test_table_headers);
    tcase_add_test(tc, test_layout_table);
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
