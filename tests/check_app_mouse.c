/* check_app_mouse.c - unit tests for the app layer's mouse: the slider's
 * press and drag, a drag whose press or release was lost, the wheel, the
 * clicks on the main screen and in the picker and the help. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"

START_TEST(test_mouse_drag)
{
    app_state s = fresh(16.0);
    app_layout l;

    app_layout_of(&s, &l);
    ck_assert_int_eq(mouse(&s, IN_MOUSE_PRESS, 0, 32, l.track_y), APP_REDO_DRAW);
    ck_assert(s.query.bits == 4.0);
    ck_assert_ptr_null(s.query.format);
    ck_assert(s.plan.config.bits == 4.0);
    ck_assert_int_eq(s.dragging, 1);
    /* the same column again: nothing to draw */
    ck_assert_int_eq(mouse(&s, IN_MOUSE_DRAG, 0, 32, l.track_y), APP_REDO_NOTHING);
    mouse(&s, IN_MOUSE_DRAG, 0, 62, l.track_y + 5);    /* off the row: still drags */
    ck_assert(s.query.bits == 16.0);
    mouse(&s, IN_MOUSE_DRAG, 0, 79, l.track_y);        /* past the end: clamped */
    ck_assert(s.query.bits == 32.0);
    mouse(&s, IN_MOUSE_RELEASE, 0, 47, l.track_y);
    ck_assert(s.query.bits == 8.0);
    ck_assert_int_eq(s.dragging, 0);
    /* motion off the track without a drag does nothing */
    ck_assert_int_eq(mouse(&s, IN_MOUSE_DRAG, 0, 17, l.footprint_y), APP_REDO_NOTHING);
    ck_assert(s.query.bits == 8.0);
    /* a lost press: motion with button 1 on the track drags */
    mouse(&s, IN_MOUSE_DRAG, 0, 17, l.track_y);
    ck_assert(s.query.bits == 2.0);
    ck_assert_int_eq(s.dragging, 1);
    mouse(&s, IN_MOUSE_RELEASE, -1, -1, -1);           /* legacy release, no position */
    ck_assert_int_eq(s.dragging, 0);
    ck_assert(s.query.bits == 2.0);
    /* the knob's label row is part of the track */
    mouse(&s, IN_MOUSE_PRESS, 0, 62, l.knob_y);
    ck_assert(s.query.bits == 16.0);
    mouse(&s, IN_MOUSE_RELEASE, 0, 17, l.knob_y);
    ck_assert(s.query.bits == 2.0);
    /* other buttons and unknown coordinates are ignored */
    mouse(&s, IN_MOUSE_PRESS, 2, 62, l.track_y);
    mouse(&s, IN_MOUSE_PRESS, 0, -1, l.track_y);
    ck_assert(s.query.bits == 2.0);
    /* the wheel steps */
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 5, 5);
    ck_assert(s.query.bits == 2.25);
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 5, 5);
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 5, 5);
    ck_assert(s.query.bits == 1.75);
    ck_assert(s.plan.config.bits == 1.75);
}
END_TEST

/* A press on the track moves the focus to the slider and drops an entry;
 * the wheel steps the baseline when it has the focus. */
START_TEST(test_mouse_focus)
{
    app_state s = fresh(16.0);
    app_layout l;

    app_layout_of(&s, &l);
    focus_on(&s, APP_FOCUS_BASELINE);
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 5, 5);
    ck_assert(s.query.baseline_bits == 15.0);
    ck_assert(s.query.bits == 16.0);
    type(&s, "9");
    ck_assert_int_eq(s.entry, APP_ENTRY_BASELINE);
    mouse(&s, IN_MOUSE_PRESS, 0, 32, l.track_y);
    ck_assert_int_eq(s.entry, APP_ENTRY_NONE);
    ck_assert_int_eq(s.focus, APP_FOCUS_SLIDER);
    ck_assert(s.query.bits == 4.0);
    ck_assert(s.query.baseline_bits == 15.0);
    mouse(&s, IN_MOUSE_RELEASE, 0, 32, l.track_y);
    ck_assert_int_eq(s.dragging, 0);
}
END_TEST

/* After a resume (Ctrl-Z, fg) a drag whose release was lost is over: a
 * motion away from the track no longer moves the knob. */
START_TEST(test_mouse_resumed)
{
    app_state s = fresh(16.0);
    app_layout l;

    app_layout_of(&s, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 32, l.track_y);
    ck_assert(s.query.bits == 4.0);
    ck_assert_int_eq(s.dragging, 1);
    app_resumed(&s);
    ck_assert_int_eq(s.dragging, 0);
    ck_assert_int_eq(mouse(&s, IN_MOUSE_DRAG, 0, 62, l.footprint_y), APP_REDO_NOTHING);
    ck_assert(s.query.bits == 4.0);
    ck_assert_int_eq(s.dragging, 0);
    /* a release without a drag does not move it either */
    mouse(&s, IN_MOUSE_RELEASE, 0, 77, l.track_y);
    ck_assert(s.query.bits == 4.0);
    /* on the track, motion with button 1 still drags (a lost press) */
    mouse(&s, IN_MOUSE_DRAG, 0, 62, l.track_y);
    ck_assert(s.query.bits == 16.0);
    ck_assert_int_eq(s.dragging, 1);
}
END_TEST

START_TEST(test_mouse_clicks)
{
    app_state s = fresh(4.0);
    app_layout l;

    app_layout_of(&s, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.savings_y);
    ck_assert(s.query.baseline_bits == 32.0);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.model_y);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    key(&s, IN_KEY_ESC, 0);
    type(&s, "?");
    ck_assert_int_eq(s.overlay, APP_OVERLAY_HELP);
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 10, 10);           /* the wheel does not close it */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_HELP);
    ck_assert(s.query.bits == 4.0);
    mouse(&s, IN_MOUSE_PRESS, 0, 10, 10);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_int_eq(s.quit, 0);
    /* a click clears a message */
    type(&s, "40");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert_str_ne(s.msg, "");
    mouse(&s, IN_MOUSE_PRESS, 0, 10, l.footprint_y);
    ck_assert_str_eq(s.msg, "");
    /* too small: the mouse does nothing */
    ck_assert_int_eq(resize(&s, 30, 8), APP_REDO_DRAW);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, 4);
    mouse(&s, IN_MOUSE_WHEEL_UP, -1, 5, 4);
    ck_assert(s.query.bits == 4.0);
    ck_assert_int_eq(s.dragging, 0);
    ck_assert_int_eq(s.cols, 30);
    ck_assert_int_eq(s.rows, 8);
}
END_TEST

START_TEST(test_picker_mouse)
{
    app_state s = fresh(16.0);
    app_layout l;

    app_layout_of(&s, &l);
    type(&s, "m");
    mouse(&s, IN_MOUSE_WHEEL_DOWN, -1, 40, 10);
    ck_assert_uint_eq(s.pick, 1);
    mouse(&s, IN_MOUSE_PRESS, 0, l.pick_x + 2, l.pick_list_y + 2);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 2));
    ck_assert(s.query.params == models_get(models_builtin(), 2)->total);
    type(&s, "m");
    mouse(&s, IN_MOUSE_PRESS, 0, 0, 0);                /* outside: closes */
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_str_eq(s.filter, "");
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 2));
    /* a click on the box but off the list leaves it open */
    type(&s, "m");
    mouse(&s, IN_MOUSE_PRESS, 0, l.pick_x + 2, l.pick_y);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    /* a click below the rows that match picks nothing */
    type(&s, "gpt2");
    ck_assert_uint_eq(app_pick_count(&s), 1);
    mouse(&s, IN_MOUSE_PRESS, 0, l.pick_x + 2, l.pick_list_y + 1);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_PICKER);
    ck_assert_ptr_eq(s.query.model, models_get(models_builtin(), 2));
    mouse(&s, IN_MOUSE_PRESS, 0, l.pick_x + 2, l.pick_list_y);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_NONE);
    ck_assert_ptr_eq(s.query.model, models_find(models_builtin(), "gpt2"));
    ck_assert_int_eq(s.query.ctx, 1024);
}
END_TEST

static Suite *app_mouse_suite(void)
{
    Suite *s = suite_create("app_mouse");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_mouse_drag);
    tcase_add_test(tc, test_mouse_focus);
    tcase_add_test(tc, test_mouse_resumed);
    tcase_add_test(tc, test_mouse_clicks);
    tcase_add_test(tc, test_picker_mouse);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_mouse_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
