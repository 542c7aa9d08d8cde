/* actions.c - the table of actions and the table of their bindings. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/actions.h"
#include "app/actions_lesson.h"
#include "app/actions_rig.h"
#include "app/actions_view.h"
#include "app/ops.h"

#define ACTIONS_N(a) (sizeof(a) / sizeof((a)[0]))

/* Help text with numbers in it: built from the constants it names. */
typedef enum {
    ACTIONS_HELP_PLAIN,        /* the text as it is */
    ACTIONS_HELP_STEP_DOWN,    /* the fine and coarse steps, down */
    ACTIONS_HELP_STEP_UP,      /* and up */
    ACTIONS_HELP_ENDS,         /* where Home/End go */
    ACTIONS_HELP_RUNTIME       /* the runtimes r cycles through */
} actions_help_kind;

typedef struct {
    app_action_id id;
    const char *hint;          /* a word for the footer */
    void (*run)(app_state *s, const in_event *ev, int arg);
    int arg;                   /* passed to run */
    actions_help_kind kind;
    const char *help;          /* the help line (ACTIONS_HELP_PLAIN) */
} app_action;


/* ---- handlers ------------------------------------------------------------ */

/* Each handler takes the event and its action's argument (a direction, a
 * delta or a flag, see the table). */

static void actions_quit(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->quit = 1;
}

static void actions_help(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_entry_drop(s);
    s->overlay = APP_OVERLAY_HELP;
}

/* Esc: an entry is dropped, an overlay closed; on the main screen it
 * changes nothing. */
static void actions_cancel(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    if (s->entry != APP_ENTRY_NONE)
        ops_entry_drop(s);
    else if (s->overlay == APP_OVERLAY_DEVICE)
        actions_rig_cancel(s);
    else if (s->overlay == APP_OVERLAY_PICKER)
        ops_picker_close(s);
    else if (s->overlay == APP_OVERLAY_NONE && s->lesson)
        actions_lesson_leave(s);
    else
        s->overlay = APP_OVERLAY_NONE;
}

static void actions_repaint(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->repaint = 1;
}

/* A fine step (arg the direction). */
static void actions_step(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    ops_step(s, arg, 0);
}

/* A named step (arg the direction). */
static void actions_named(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    ops_step(s, arg, 1);
}

/* Home (arg < 0) / End on the focused control. */
static void actions_ends(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    if (s->focus == APP_FOCUS_CONTEXT)
        s->query.ctx = arg < 0 ? app_ctx_clamp(s, APP_CTX_MIN) : app_ctx_max(s);
    else if (s->focus == APP_FOCUS_DEVICES)
        s->sel = arg < 0 || s->query.ndevices == 0 ? 0 : s->query.ndevices - 1;
    else if (s->focus == APP_FOCUS_BASELINE)
        ops_set_baseline(s, NULL, arg < 0 ? APP_BITS_MIN : APP_BITS_MAX);
    else if (s->focus != APP_FOCUS_MODEL)
        ops_set_bits(s, NULL, arg < 0 ? APP_BITS_MIN : APP_BITS_MAX);
}

static void actions_focus(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    ops_focus_move(s, arg);
}

/* Up (arg < 0) / Down: on the devices the previous / next one, and past
 * either end the focus moves on; elsewhere the focus moves. */
static void actions_vertical(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    if (s->focus != APP_FOCUS_DEVICES)
        ops_focus_move(s, arg);
    else if (arg < 0 && s->sel > 0)
        s->sel--;
    else if (arg > 0 && s->sel + 1 < s->query.ndevices)
        s->sel++;
    else
        ops_focus_move(s, arg);
}

static void actions_baseline(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_cycle_baseline(s);
}

static void actions_enter(app_state *s, const in_event *ev, int arg)
{
    if (s->focus == APP_FOCUS_MODEL)
        ops_picker_open(s, '\0');
    else if (s->focus == APP_FOCUS_BASELINE)
        actions_baseline(s, ev, arg);
    else if (s->focus == APP_FOCUS_DEVICES)
        actions_rig_expand(s, ev, arg);
}

static void actions_type_value(app_state *s, const in_event *ev, int arg)
{
    (void)arg;
    if (isdigit((unsigned char)ev->ch) || ev->ch == '.')
        ops_entry_start(s, ev->ch);
    else if (ev->paste)
        ops_msg(s, "paste a number onto a value, or a name into the picker (m)");
}

static void actions_picker(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_picker_open(s, '\0');
}

static void actions_kv(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->query.kv_bits = app_next_kv(s->query.kv_bits);
}

static void actions_table(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_table_open(s);
}

static void actions_entry_text(app_state *s, const in_event *ev, int arg)
{
    int ctx = s->entry == APP_ENTRY_CTX;
    char c = ev->ch;

    (void)arg;
    if (isdigit((unsigned char)c) || (!ctx && c == '.') || (ctx && (c == 'k' || c == 'K')))
        ops_text_append(s, s->entry_text, c);
    else
        ops_msg(s, ctx ? "type tokens such as 8192 or 8k, then Enter (Esc cancels)"
                       : "type a number such as 4.5, then Enter (Esc cancels)");
}

static void actions_entry_edit(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_text_backspace(s->entry_text);
    if (s->entry_text[0] == '\0')
        s->entry = APP_ENTRY_NONE;
}

static void actions_entry_apply(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_entry_apply(s);
}

static void actions_pick_text(app_state *s, const in_event *ev, int arg)
{
    (void)arg;
    ops_text_append(s, s->filter, ev->ch);
    s->pick = 0;
}

static void actions_pick_edit(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_text_backspace(s->filter);
    s->pick = 0;
}

/* Arguments of the moving actions: one row, a page, or an end. */
#define ACTIONS_PAGE 2
#define ACTIONS_END 3

/* The rows a move of arg goes: +-1, a page (+-ACTIONS_PAGE) or to an end
 * (+-ACTIONS_END), in a list of `count` rows shown `page` at a time. */
static long actions_delta(int arg, long page, long count)
{
    long dir = arg < 0 ? -1 : 1, mag = arg < 0 ? -arg : arg;

    if (mag == ACTIONS_PAGE)
        return dir * page;
    if (mag == ACTIONS_END)
        return dir * (count > 0 ? count : 1);
    return dir;
}

static void actions_pick_move(app_state *s, const in_event *ev, int arg)
{
    app_layout l;

    (void)ev;
    app_layout_of(s, &l);
    ops_picker_move(s, actions_delta(arg, l.pick_list_n, (long)app_pick_count(s)));
}

static void actions_pick_choose(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_picker_choose(s);
}

static void actions_pick_fits(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_picker_fits(s);
}

static void actions_table_move(app_state *s, const in_event *ev, int arg)
{
    app_layout l;

    (void)ev;
    app_layout_of(s, &l);
    ops_table_select(s, actions_delta(arg, l.table_list_n, (long)app_table_rows()));
}

static void actions_table_close(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->overlay = APP_OVERLAY_NONE;
}

/* ---- the tables ---------------------------------------------------------- */

/* Every action, in the order the help lists them (indexed by id). */
static const app_action actions_table_of[ACT_COUNT] = {
    [ACT_QUIT] = { ACT_QUIT, "quit", actions_quit, 0, ACTIONS_HELP_PLAIN, "quit" },
    [ACT_HELP] = { ACT_HELP, "help", actions_help, 0, ACTIONS_HELP_PLAIN, "this help" },
    [ACT_CANCEL] = { ACT_CANCEL, "cancel", actions_cancel, 0, ACTIONS_HELP_PLAIN,
                     "cancel a value being typed; close an overlay" },
    [ACT_REPAINT] = { ACT_REPAINT, "repaint", actions_repaint, 0, ACTIONS_HELP_PLAIN,
                      "repaint the screen" },
    [ACT_STEP_DOWN] = { ACT_STEP_DOWN, "step", actions_step, -1, ACTIONS_HELP_STEP_DOWN,
                        NULL },
    [ACT_STEP_UP] = { ACT_STEP_UP, "step", actions_step, 1, ACTIONS_HELP_STEP_UP, NULL },
    [ACT_NAMED_DOWN] = { ACT_NAMED_DOWN, "named", actions_named, -1, ACTIONS_HELP_PLAIN,
                         "previous named precision" },
    [ACT_NAMED_UP] = { ACT_NAMED_UP, "named", actions_named, 1, ACTIONS_HELP_PLAIN,
                       "next named precision" },
    [ACT_HOME] = { ACT_HOME, "ends", actions_ends, -1, ACTIONS_HELP_ENDS, NULL },
    [ACT_END] = { ACT_END, "ends", actions_ends, 1, ACTIONS_HELP_ENDS, NULL },
    [ACT_FOCUS_NEXT] = { ACT_FOCUS_NEXT, "focus", actions_focus, 1, ACTIONS_HELP_PLAIN,
                         "focus: model, bits, baseline, context, devices" },
    [ACT_FOCUS_PREV] = { ACT_FOCUS_PREV, "focus", actions_focus, -1, ACTIONS_HELP_PLAIN,
                         "focus: model, bits, baseline, context, devices" },
    [ACT_UP] = { ACT_UP, "device", actions_vertical, -1, ACTIONS_HELP_PLAIN,
                 "focus up; on the devices: the one above" },
    [ACT_DOWN] = { ACT_DOWN, "device", actions_vertical, 1, ACTIONS_HELP_PLAIN,
                   "focus down; on the devices: the one below" },
    [ACT_ENTER] = { ACT_ENTER, "pick", actions_enter, 0, ACTIONS_HELP_PLAIN,
                    "on the model: pick one; on the baseline: cycle it; on a rig: its GPUs" },
    [ACT_TYPE_VALUE] = { ACT_TYPE_VALUE, "type", actions_type_value, 0, ACTIONS_HELP_PLAIN,
                         "type an exact value, then Enter (context: 8192, 8k)" },
    [ACT_PICKER] = { ACT_PICKER, "model", actions_picker, 0, ACTIONS_HELP_PLAIN,
                     "choose a model: type to filter, or a size (13B)" },
    [ACT_SEARCH] = { ACT_SEARCH, "search", actions_picker, 0, ACTIONS_HELP_PLAIN,
                     "search the models by name" },
    [ACT_BASELINE] = { ACT_BASELINE, "base", actions_baseline, 0, ACTIONS_HELP_PLAIN,
                       "baseline: FP16 -> FP32 -> current bits" },
    [ACT_KV] = { ACT_KV, "KV", actions_kv, 0, ACTIONS_HELP_PLAIN,
                 "KV cache type: f16 -> q8_0 -> q4_0" },
    [ACT_TABLE] = { ACT_TABLE, "table", actions_table, 0, ACTIONS_HELP_PLAIN,
                    "table: every precision on every device" },
    [ACT_ENTRY_TEXT] = { ACT_ENTRY_TEXT, "type", actions_entry_text, 0, ACTIONS_HELP_PLAIN,
                         "digits and '.' (on the context also k)" },
    [ACT_ENTRY_EDIT] = { ACT_ENTRY_EDIT, "edit", actions_entry_edit, 0, ACTIONS_HELP_PLAIN,
                         "delete the last character" },
    [ACT_ENTRY_APPLY] = { ACT_ENTRY_APPLY, "set", actions_entry_apply, 0, ACTIONS_HELP_PLAIN,
                          "set the value typed" },
    [ACT_PICK_TEXT] = { ACT_PICK_TEXT, "filter", actions_pick_text, 0, ACTIONS_HELP_PLAIN,
                        "filter by name, or type a size such as 13B" },
    [ACT_PICK_EDIT] = { ACT_PICK_EDIT, "edit", actions_pick_edit, 0, ACTIONS_HELP_PLAIN,
                        "delete the last character of the filter" },
    [ACT_PICK_UP] = { ACT_PICK_UP, "move", actions_pick_move, -1, ACTIONS_HELP_PLAIN,
                      "previous / next row" },
    [ACT_PICK_DOWN] = { ACT_PICK_DOWN, "move", actions_pick_move, 1, ACTIONS_HELP_PLAIN,
                        "previous / next row" },
    [ACT_PICK_PAGE_UP] = { ACT_PICK_PAGE_UP, "page", actions_pick_move, -ACTIONS_PAGE, ACTIONS_HELP_PLAIN,
                           "a page up / down" },
    [ACT_PICK_PAGE_DOWN] = { ACT_PICK_PAGE_DOWN, "page", actions_pick_move,
                             ACTIONS_PAGE, ACTIONS_HELP_PLAIN, "a page up / down" },
    [ACT_PICK_FIRST] = { ACT_PICK_FIRST, "ends", actions_pick_move, -ACTIONS_END, ACTIONS_HELP_PLAIN,
                         "first / last row" },
    [ACT_PICK_LAST] = { ACT_PICK_LAST, "ends", actions_pick_move, ACTIONS_END, ACTIONS_HELP_PLAIN,
                        "first / last row" },
    [ACT_PICK_CHOOSE] = { ACT_PICK_CHOOSE, "pick", actions_pick_choose, 0, ACTIONS_HELP_PLAIN,
                          "use the selected model or size" },
    [ACT_PICK_FITS] = { ACT_PICK_FITS, "fits", actions_pick_fits, 0, ACTIONS_HELP_PLAIN,
                        "only the models that fit on the selected device: on / off" },
    [ACT_TABLE_UP] = { ACT_TABLE_UP, "move", actions_table_move, -1, ACTIONS_HELP_PLAIN,
                       "select the previous / next row" },
    [ACT_TABLE_DOWN] = { ACT_TABLE_DOWN, "move", actions_table_move, 1, ACTIONS_HELP_PLAIN,
                         "select the previous / next row" },
    [ACT_TABLE_PAGE_UP] = { ACT_TABLE_PAGE_UP, "page", actions_table_move,
                            -ACTIONS_PAGE, ACTIONS_HELP_PLAIN, "select a page up / down" },
    [ACT_TABLE_PAGE_DOWN] = { ACT_TABLE_PAGE_DOWN, "page", actions_table_move,
                              ACTIONS_PAGE, ACTIONS_HELP_PLAIN, "select a page up / down" },
    [ACT_TABLE_FIRST] = { ACT_TABLE_FIRST, "ends", actions_table_move, -ACTIONS_END, ACTIONS_HELP_PLAIN,
                          "select the first / last row" },
    [ACT_TABLE_LAST] = { ACT_TABLE_LAST, "ends", actions_table_move, ACTIONS_END, ACTIONS_HELP_PLAIN,
                         "select the first / last row" },
    [ACT_TABLE_CLOSE] = { ACT_TABLE_CLOSE, "close", actions_table_close, 0, ACTIONS_HELP_PLAIN,
                          "close the table" },
    [ACT_RIG] = { ACT_RIG, "GPUs", actions_rig_expand, 0, ACTIONS_HELP_PLAIN,
                  "a rig: show / hide a row per GPU (what each holds)" },
    [ACT_RUNTIME] = { ACT_RUNTIME, "runtime", actions_rig_runtime, 0, ACTIONS_HELP_RUNTIME, NULL },
    [ACT_COMMAND] = { ACT_COMMAND, "command", actions_rig_command, 0, ACTIONS_HELP_PLAIN,
                      "the command that runs the selected row (also --print-command)" },
    [ACT_DEVICE_ADD] = { ACT_DEVICE_ADD, "add", actions_rig_add, 0, ACTIONS_HELP_PLAIN,
                         "add a device (rtx-4090, 24GiB, 2xrtx-3090); remove the selected" },
    [ACT_DEVICE_REMOVE] = { ACT_DEVICE_REMOVE, "remove", actions_rig_remove, 0,
                            ACTIONS_HELP_PLAIN,
                            "add a device (rtx-4090, 24GiB, 2xrtx-3090); remove the selected" },
    [ACT_DEVICE_TEXT] = { ACT_DEVICE_TEXT, "type", actions_rig_text, 0, ACTIONS_HELP_PLAIN,
                          "a device id, a size or a rig: rtx-4090+rtx-3090" },
    [ACT_DEVICE_EDIT] = { ACT_DEVICE_EDIT, "edit", actions_rig_edit, 0, ACTIONS_HELP_PLAIN,
                          "delete the last character" },
    [ACT_DEVICE_APPLY] = { ACT_DEVICE_APPLY, "add", actions_rig_apply, 0, ACTIONS_HELP_PLAIN,
                           "add the device typed as a target row" },
    [ACT_CLASSIC] = { ACT_CLASSIC, "classic", actions_lesson_classic, 0, ACTIONS_HELP_PLAIN,
                      "the track's ticks: FP32, FP16, INT8, INT4, INT2 only / all" },
    [ACT_THEME] = { ACT_THEME, "theme", actions_lesson_theme, 0, ACTIONS_HELP_PLAIN,
                    "theme: default -> projector -> light -> mono" },
    [ACT_LESSON_NEXT] = { ACT_LESSON_NEXT, "next", actions_lesson_step, 1, ACTIONS_HELP_PLAIN,
                          "the lesson's next stop" },
    [ACT_LESSON_PREV] = { ACT_LESSON_PREV, "back", actions_lesson_step, -1, ACTIONS_HELP_PLAIN,
                          "the lesson's previous stop" },
    [ACT_PIN] = { ACT_PIN, "pin", actions_view_pin, 0, ACTIONS_HELP_PLAIN,
                  "pin this configuration and compare the next with it / unpin" },
    [ACT_ROUNDING] = { ACT_ROUNDING, "rounding", actions_view_rounding, 0, ACTIONS_HELP_PLAIN,
                       "what rounding does to weights at these bits: open / close" },
    [ACT_TABLE_SORT] = { ACT_TABLE_SORT, "sort", actions_view_table_sort, 0,
                         ACTIONS_HELP_PLAIN,
                         "sort: by bits -> by need on the selected device -> by name" },
    [ACT_TABLE_APPLY] = { ACT_TABLE_APPLY, "use", actions_view_table_apply, 0,
                          ACTIONS_HELP_PLAIN, "use the selected row's precision and close" },
};

static const char *const actions_mode_names[APP_MODE_COUNT] = {
    [APP_MODE_MAIN] = "main screen",
    [APP_MODE_ENTRY] = "typing a value",
    [APP_MODE_PICKER] = "model picker",
    [APP_MODE_TABLE] = "table",
    [APP_MODE_HELP] = "help",
    [APP_MODE_DEVICE] = "typing a device",
    [APP_MODE_COMMAND] = "command box",
    [APP_MODE_LESSON] = "lesson",
    [APP_MODE_ROUNDING] = "rounding panel",
};

/* ---- lookup -------------------------------------------------------------- */

app_mode actions_mode(const app_state *s)
{
    switch (s->overlay) {
    case APP_OVERLAY_PICKER:
        return APP_MODE_PICKER;
    case APP_OVERLAY_HELP:
        return APP_MODE_HELP;
    case APP_OVERLAY_TABLE:
        return APP_MODE_TABLE;
    case APP_OVERLAY_DEVICE:
        return APP_MODE_DEVICE;
    case APP_OVERLAY_COMMAND:
        return APP_MODE_COMMAND;
    case APP_OVERLAY_ROUNDING:
        return APP_MODE_ROUNDING;
    case APP_OVERLAY_NONE:
        break;
    }
    if (s->entry != APP_ENTRY_NONE)
        return APP_MODE_ENTRY;
    return s->lesson ? APP_MODE_LESSON : APP_MODE_MAIN;
}

void actions_run(app_state *s, app_action_id a, const in_event *ev)
{
    if (a < ACT_COUNT && actions_table_of[a].run != NULL)
        actions_table_of[a].run(s, ev, actions_table_of[a].arg);
}

const char *actions_mode_name(app_mode m)
{
    return m < APP_MODE_COUNT ? actions_mode_names[m] : "";
}

/* ---- what the help, the footer and the man page read ------------------- */

const char *actions_hint(app_action_id a)
{
    return a < ACT_COUNT ? actions_table_of[a].hint : "";
}

/* The help text of action a. */
void actions_help_text(app_action_id a, char *buf, size_t size)
{
    const app_action *act = &actions_table_of[a < ACT_COUNT ? a : ACT_QUIT];

    switch (act->kind) {
    case ACTIONS_HELP_STEP_DOWN:
    case ACTIONS_HELP_STEP_UP:
        (void)snprintf(buf, size, "%s %g bit (%g from %g bits); model: %s; context %s",
                       act->kind == ACTIONS_HELP_STEP_UP ? "up" : "down", APP_FINE_STEP,
                       APP_COARSE_STEP, APP_FINE_LIMIT,
                       act->kind == ACTIONS_HELP_STEP_UP ? "next" : "previous",
                       act->kind == ACTIONS_HELP_STEP_UP ? "x2" : "/2");
        break;
    case ACTIONS_HELP_ENDS:
        (void)snprintf(buf, size, "%g / %g bits; context %ld / max; first / last device",
                       APP_BITS_MIN, APP_BITS_MAX, APP_CTX_MIN);
        break;
    case ACTIONS_HELP_RUNTIME:
        (void)snprintf(buf, size, "runtime: auto, %s", runtime_names());
        break;
    case ACTIONS_HELP_PLAIN:
        (void)snprintf(buf, size, "%s", act->help);
        break;
    }
}
