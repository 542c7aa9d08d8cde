/* mouse.c - what a mouse report does to the state. */
#include "app/mouse.h"
#include "app/ops.h"

static int mouse_on_track(const app_layout *l, const in_event *ev)
{
    return ev->x >= 0 && (ev->y == l->track_y || ev->y == l->knob_y) &&
           ev->x >= l->track_x0 - 1 && ev->x <= l->track_x1 + 1;
}

static void mouse_drag_to(app_state *s, const app_layout *l, int x)
{
    ops_entry_drop(s);
    s->focus = APP_FOCUS_SLIDER;
    s->dragging = 1;
    ops_set_bits(s, NULL, layout_col_to_bits(x, l->track_x0, l->track_x1));
}

static void mouse_picker(app_state *s, const app_layout *l, const in_event *ev)
{
    if (ev->action == IN_MOUSE_WHEEL_UP) {
        ops_picker_move(s, -1);
    } else if (ev->action == IN_MOUSE_WHEEL_DOWN) {
        ops_picker_move(s, 1);
    } else if (ev->action == IN_MOUSE_PRESS && ev->button == 0 && ev->x >= 0 && ev->y >= 0) {
        int inside = ev->x >= l->pick_x && ev->x < l->pick_x + l->pick_w &&
                     ev->y >= l->pick_y && ev->y < l->pick_y + l->pick_h;
        if (!inside) {
            ops_picker_close(s);
        } else if (ev->y >= l->pick_list_y && ev->y < l->pick_list_y + l->pick_list_n) {
            size_t n = app_pick_count(s);
            size_t idx = layout_pick_top(s->pick, n, l->pick_list_n) +
                         (size_t)(ev->y - l->pick_list_y);
            if (idx < n) {
                s->pick = idx;
                ops_picker_choose(s);
            }
        }
    }
}

/* The table: the wheel moves the selection, a click on a row selects it. */
static void mouse_table(app_state *s, const app_layout *l, const in_event *ev)
{
    if (ev->action == IN_MOUSE_WHEEL_UP || ev->action == IN_MOUSE_WHEEL_DOWN)
        ops_table_select(s, ev->action == IN_MOUSE_WHEEL_UP ? -1 : 1);
    else if (ev->action == IN_MOUSE_PRESS && ev->button == 0 && ev->x >= 0 &&
             ev->y >= l->table_list_y && ev->y < l->table_list_y + l->table_list_n)
        ops_table_select_at(s, app_table_first(s) + (size_t)(ev->y - l->table_list_y));
}

/* A press of button 1 on the main screen. */
static void mouse_press(app_state *s, const app_layout *l, const in_event *ev)
{
    if (ev->button != 0 || ev->x < 0 || ev->y < 0)
        return;
    s->msg[0] = '\0';
    if (mouse_on_track(l, ev)) {
        mouse_drag_to(s, l, ev->x);
    } else if (ev->y == l->model_y) {
        ops_picker_open(s, '\0');
    } else if (ev->y == l->savings_y) {
        ops_cycle_baseline(s);
    } else if (ev->y == l->ctx_y) {
        ops_entry_drop(s);
        s->focus = APP_FOCUS_CONTEXT;
    } else if (l->fit_n > 0 && ev->y >= l->fit_y && ev->y < l->fit_y + l->fit_n) {
        /* A device's row or one of its GPU rows selects the device. */
        app_row row;

        if (app_row_get(s, app_rows_top(s, l->fit_n) + (size_t)(ev->y - l->fit_y), &row) == 0) {
            ops_entry_drop(s);
            s->focus = APP_FOCUS_DEVICES;
            s->sel = row.dev;
        }
    }
}

/* The wheel steps the baseline when it has the focus, else the bits. */
static void mouse_wheel(app_state *s, int dir)
{
    if (s->focus == APP_FOCUS_BASELINE)
        ops_set_baseline(s, NULL, app_step_fine(s->query.baseline_bits, dir));
    else
        ops_set_bits(s, NULL, app_step_fine(s->query.bits, dir));
}

void mouse_apply(app_state *s, const in_event *ev)
{
    app_layout l;

    app_layout_of(s, &l);
    if (ev->action == IN_MOUSE_RELEASE) {
        if (s->dragging && ev->x >= 0 && !l.too_small && s->overlay == APP_OVERLAY_NONE)
            ops_set_bits(s, NULL, layout_col_to_bits(ev->x, l.track_x0, l.track_x1));
        s->dragging = 0;
        return;
    }
    if (l.too_small)
        return;
    switch (s->overlay) {
    case APP_OVERLAY_PICKER:
        mouse_picker(s, &l, ev);
        return;
    case APP_OVERLAY_HELP:
    case APP_OVERLAY_COMMAND:
    case APP_OVERLAY_ROUNDING:
        if (ev->action == IN_MOUSE_PRESS)
            s->overlay = APP_OVERLAY_NONE;
        return;
    case APP_OVERLAY_DEVICE:
        return;                        /* the prompt takes keys only */
    case APP_OVERLAY_TABLE:
        mouse_table(s, &l, ev);
        return;
    case APP_OVERLAY_NONE:
        break;
    }
    switch (ev->action) {
    case IN_MOUSE_PRESS:
        mouse_press(s, &l, ev);
        break;
    case IN_MOUSE_DRAG:
        if (ev->button == 0 && ev->x >= 0 && (s->dragging || mouse_on_track(&l, ev)))
            mouse_drag_to(s, &l, ev->x);
        break;
    case IN_MOUSE_WHEEL_UP:
    case IN_MOUSE_WHEEL_DOWN:
        mouse_wheel(s, ev->action == IN_MOUSE_WHEEL_UP ? 1 : -1);
        break;
    default:
        break;
    }
}
