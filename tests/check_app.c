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
    ck_assert_ptr_nonnull(app_help_text(app_help_count() - 1));
    ck_assert_ptr_null(app_help_key(app_help_count()));
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
    ck_assert_int_eq(l.footprint_y, 8);
    ck_assert_int_eq(l.savings_y, 9);
    ck_assert_int_eq(l.quality_y, 10);
    ck_assert_int_eq(l.fit_title_y, 12);
    ck_assert_int_eq(l.fit_y, 13);
    ck_assert_int_eq(l.fit_n, LAYOUT_FIT_MAX);
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
    ck_assert(need.weights_gib == model_memory(s.params, 16.0));

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
              model_memory(7e9, 16.0) + 0.0 + FIT_DEFAULT_OVERHEAD_GIB);
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
    tcase_add_test(tc, test_model_focus);
    tcase_add_test(tc, test_help_and_quit);
    tcase_add_test(tc, test_mapping_known_columns);
    tcase_add_test(tc, test_mapping_round_trip);
    tcase_add_test(tc, test_mouse_drag);
    tcase_add_test(tc, test_mouse_clicks);
    tcase_add_test(tc, test_layout_80x24);
    tcase_add_test(tc, test_layout_all_sizes);
    tcase_add_test(tc, test_ticks);
    tcase_add_test(tc, test_pick_top);
    tcase_add_test(tc, test_fit_rows);
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
