/* app.c - the interactive state and its pure update. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "model/parse.h"

/* Tolerance when comparing bits with the step grid (values set from the
 * grid are exact multiples of a quarter, so this only absorbs rounding of
 * values typed or set by the mouse). */
#define APP_GRID_EPS 1e-9

/* Help overlay: every key, in the order shown. */
static const struct {
    const char *key;
    const char *text;
} app_help[] = {
    { "Left/Right  h/l", "fine step: 0.25 bit below 8 bits, 1 bit above" },
    { "Shift+Left/Right", "previous / next named precision" },
    { "PgDn/PgUp  H/L", "previous / next named precision" },
    { "Home/End", "1 bit / 32 bits" },
    { "4.5 Enter", "type an exact value (Esc cancels)" },
    { "Tab  Up/Down", "focus: model, bits, baseline" },
    { "m", "choose a model: type to filter or a size (13B)" },
    { "b", "baseline: FP16 -> FP32 -> current bits" },
    { "mouse", "click or drag the track; wheel steps" },
    { "Ctrl-L", "repaint the screen" },
    { "?", "this help (any key closes it)" },
    { "q  Esc  Ctrl-C", "quit" },
};

#define APP_N(a) (sizeof(a) / sizeof((a)[0]))

size_t app_help_count(void)
{
    return APP_N(app_help);
}

const char *app_help_key(size_t i)
{
    return i < APP_N(app_help) ? app_help[i].key : NULL;
}

const char *app_help_text(size_t i)
{
    return i < APP_N(app_help) ? app_help[i].text : NULL;
}

double app_clamp_bits(double bits)
{
    if (!(bits >= APP_BITS_MIN))       /* also NaN */
        return APP_BITS_MIN;
    if (bits > APP_BITS_MAX)
        return APP_BITS_MAX;
    return bits;
}

double app_step_fine(double bits, int dir)
{
    double b = app_clamp_bits(bits), r = b;

    if (dir > 0) {
        if (b < APP_FINE_LIMIT - APP_GRID_EPS)
            r = (floor(b / APP_FINE_STEP + APP_GRID_EPS) + 1.0) * APP_FINE_STEP;
        else
            r = (floor(b / APP_COARSE_STEP + APP_GRID_EPS) + 1.0) * APP_COARSE_STEP;
    } else if (dir < 0) {
        if (b <= APP_FINE_LIMIT + APP_GRID_EPS)
            r = (ceil(b / APP_FINE_STEP - APP_GRID_EPS) - 1.0) * APP_FINE_STEP;
        else
            r = (ceil(b / APP_COARSE_STEP - APP_GRID_EPS) - 1.0) * APP_COARSE_STEP;
    }
    return app_clamp_bits(r);
}

double app_step_named(double bits, int dir)
{
    const qs_format *f = formats_step(bits, dir);

    if (f == NULL || f->bits < APP_BITS_MIN || f->bits > APP_BITS_MAX)
        return bits;
    return f->bits;
}

double app_next_baseline(double baseline, double bits)
{
    if (baseline == APP_BASELINE_FP16)
        return APP_BASELINE_FP32;
    if (baseline == APP_BASELINE_FP32)
        return bits != APP_BASELINE_FP16 && bits != APP_BASELINE_FP32 ? bits : APP_BASELINE_FP16;
    return APP_BASELINE_FP16;
}

const qs_format *app_nearest(const app_state *s)
{
    return formats_nearest(s->bits);
}

void app_init(app_state *s, const app_config *cfg)
{
    memset(s, 0, sizeof *s);
    s->params = cfg->params;
    s->preset = cfg->preset;
    s->bits = app_clamp_bits(cfg->bits);
    s->baseline_bits = app_clamp_bits(cfg->baseline_bits);
    s->host.id = "host";
    s->host.name = cfg->host_label != NULL ? cfg->host_label : APP_HOST_LABEL;
    s->host.kind = DEV_KIND_HOST;
    s->host.capacity_gib = cfg->host_ram_gib > 0 ? cfg->host_ram_gib : 0.0;
    s->host.bandwidth_gbps = 0.0;
    s->host.gpu_share = 1.0;
    s->host.is_gpu = 0;
    s->cols = cfg->cols;
    s->rows = cfg->rows;
    s->focus = APP_FOCUS_SLIDER;
    s->overlay = APP_OVERLAY_NONE;
    s->entry = APP_ENTRY_NONE;
}

/* ---- the picker ---------------------------------------------------------- */

/* 1 when `needle` occurs in `hay`, ignoring ASCII case (empty: always). */
static int app_contains(const char *hay, const char *needle)
{
    size_t n = strlen(needle), i, j;

    if (n == 0)
        return 1;
    if (hay == NULL)
        return 0;
    for (i = 0; hay[i] != '\0'; i++) {
        for (j = 0; j < n && hay[i + j] != '\0'; j++)
            if (tolower((unsigned char)hay[i + j]) != tolower((unsigned char)needle[j]))
                break;
        if (j == n)
            return 1;
    }
    return 0;
}

/* The custom size the filter gives, if any. */
static int app_pick_custom(const app_state *s, double *params)
{
    return s->filter[0] != '\0' && parse_params(s->filter, params) == 0;
}

size_t app_pick_count(const app_state *s)
{
    double p;
    size_t i, n = (size_t)app_pick_custom(s, &p);

    for (i = 0; i < models_count(); i++) {
        const qs_model *m = models_get(i);
        if (m != NULL && (app_contains(m->id, s->filter) || app_contains(m->name, s->filter)))
            n++;
    }
    return n;
}

int app_pick_get(const app_state *s, size_t idx, app_pick_row *row)
{
    double p;
    size_t i, n = 0;

    if (app_pick_custom(s, &p)) {
        if (idx == 0) {
            row->preset = NULL;
            row->params = p;
            return 0;
        }
        n = 1;
    }
    for (i = 0; i < models_count(); i++) {
        const qs_model *m = models_get(i);
        if (m == NULL || !(app_contains(m->id, s->filter) || app_contains(m->name, s->filter)))
            continue;
        if (n == idx) {
            row->preset = m;
            row->params = m->params;
            return 0;
        }
        n++;
    }
    return -1;
}

static void app_msg(app_state *s, const char *text)
{
    (void)snprintf(s->msg, sizeof s->msg, "%s", text);
}

static void app_picker_open(app_state *s, char first)
{
    size_t i;

    s->overlay = APP_OVERLAY_PICKER;
    s->entry = APP_ENTRY_NONE;
    s->dragging = 0;
    s->filter[0] = first;
    s->filter[1] = '\0';
    s->pick = 0;
    /* Start on the current preset when the list is unfiltered. */
    if (first == '\0' && s->preset != NULL)
        for (i = 0; i < models_count(); i++)
            if (models_get(i) == s->preset)
                s->pick = i;
}

static void app_picker_choose(app_state *s)
{
    app_pick_row row;

    if (app_pick_get(s, s->pick, &row) != 0) {
        (void)snprintf(s->msg, sizeof s->msg,
                       "no model or size '%s': try a preset name or 13B",
                       s->filter);
        return;
    }
    s->params = row.params;
    s->preset = row.preset;
    s->overlay = APP_OVERLAY_NONE;
    s->filter[0] = '\0';
    s->msg[0] = '\0';
}

static void app_picker_move(app_state *s, long delta)
{
    size_t n = app_pick_count(s);
    long p = (long)s->pick + delta;

    if (n == 0) {
        s->pick = 0;
        return;
    }
    if (p < 0)
        p = 0;
    if (p >= (long)n)
        p = (long)n - 1;
    s->pick = (size_t)p;
}

static void app_text_append(char *text, char c)
{
    size_t len = strlen(text);

    if (len + 1 < APP_TEXT_MAX) {
        text[len] = c;
        text[len + 1] = '\0';
    }
}

static void app_text_backspace(char *text)
{
    size_t len = strlen(text);

    if (len > 0)
        text[len - 1] = '\0';
}

static void app_key_picker(app_state *s, const in_event *ev)
{
    app_layout l;

    layout_compute(s->cols, s->rows, &l);
    switch (ev->key) {
    case IN_KEY_CHAR:
        if (strlen(s->filter) + 1 >= APP_TEXT_MAX)
            app_msg(s, "the filter is full: Backspace to edit");
        app_text_append(s->filter, ev->ch);
        s->pick = 0;
        break;
    case IN_KEY_BACKSPACE:
        app_text_backspace(s->filter);
        s->pick = 0;
        break;
    case IN_KEY_UP:
        app_picker_move(s, -1);
        break;
    case IN_KEY_DOWN:
    case IN_KEY_TAB:
        app_picker_move(s, 1);
        break;
    case IN_KEY_BTAB:
        app_picker_move(s, -1);
        break;
    case IN_KEY_PGUP:
        app_picker_move(s, -(long)l.pick_list_n);
        break;
    case IN_KEY_PGDN:
        app_picker_move(s, (long)l.pick_list_n);
        break;
    case IN_KEY_HOME:
        s->pick = 0;
        break;
    case IN_KEY_END:
        app_picker_move(s, (long)app_pick_count(s));
        break;
    case IN_KEY_ENTER:
        app_picker_choose(s);
        break;
    case IN_KEY_ESC:
        s->overlay = APP_OVERLAY_NONE;
        s->filter[0] = '\0';
        break;
    default:
        break;
    }
}

/* ---- values -------------------------------------------------------------- */

/* The value the stepping keys change: the baseline when it has the focus,
 * else the bits. */
static double *app_target(app_state *s)
{
    return s->focus == APP_FOCUS_BASELINE ? &s->baseline_bits : &s->bits;
}

static void app_preset_step(app_state *s, int dir)
{
    size_t n = models_count(), i, cur = 0;
    int found = 0;

    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        if (models_get(i) == s->preset) {
            cur = i;
            found = 1;
        }
    if (!found)
        cur = dir > 0 ? 0 : n - 1;     /* a custom size: step onto an end */
    else if (dir > 0 && cur + 1 < n)
        cur++;
    else if (dir < 0 && cur > 0)
        cur--;
    if (models_get(cur) == NULL)
        return;
    s->preset = models_get(cur);
    s->params = s->preset->params;
}

static void app_entry_apply(app_state *s)
{
    double v;

    if (parse_bits(s->entry_text, &v) != 0 || v < APP_BITS_MIN || v > APP_BITS_MAX) {
        (void)snprintf(s->msg, sizeof s->msg,
                       "'%s' is not a bits value: type a number from 1 to 32, e.g. 4.5",
                       s->entry_text);
    } else if (s->entry == APP_ENTRY_BASELINE) {
        s->baseline_bits = v;
    } else {
        s->bits = v;
    }
    s->entry = APP_ENTRY_NONE;
    s->entry_text[0] = '\0';
}

/* Keys while a number is being typed; returns 0 to let a key that does not
 * belong to the entry act normally (the entry is dropped). */
static int app_key_entry(app_state *s, const in_event *ev)
{
    switch (ev->key) {
    case IN_KEY_CHAR:
        if (isdigit((unsigned char)ev->ch) || ev->ch == '.') {
            if (strlen(s->entry_text) + 1 >= APP_TEXT_MAX)
                app_msg(s, "that number is too long");
            app_text_append(s->entry_text, ev->ch);
        } else {
            app_msg(s, "type a number such as 4.5, then Enter (Esc cancels)");
        }
        return 1;
    case IN_KEY_BACKSPACE:
        app_text_backspace(s->entry_text);
        if (s->entry_text[0] == '\0')
            s->entry = APP_ENTRY_NONE;
        return 1;
    case IN_KEY_ENTER:
        app_entry_apply(s);
        return 1;
    case IN_KEY_ESC:
        s->entry = APP_ENTRY_NONE;
        s->entry_text[0] = '\0';
        return 1;
    default:
        s->entry = APP_ENTRY_NONE;
        s->entry_text[0] = '\0';
        return 0;
    }
}

static void app_focus_move(app_state *s, int dir)
{
    int f = ((int)s->focus + dir + APP_FOCUS_COUNT) % APP_FOCUS_COUNT;

    s->focus = (app_focus)f;
}

static void app_step_key(app_state *s, int dir, int named)
{
    double *t;

    if (s->focus == APP_FOCUS_MODEL && !named) {
        app_preset_step(s, dir);
        return;
    }
    t = app_target(s);
    *t = named ? app_step_named(*t, dir) : app_step_fine(*t, dir);
}

static void app_key_char(app_state *s, char c)
{
    switch (c) {
    case 'q':
        s->quit = 1;
        return;
    case '?':
        s->overlay = APP_OVERLAY_HELP;
        return;
    case 'm':
        app_picker_open(s, '\0');
        return;
    case 'b':
        s->baseline_bits = app_next_baseline(s->baseline_bits, s->bits);
        return;
    case 'h':
    case 'l':
        app_step_key(s, c == 'l' ? 1 : -1, 0);
        return;
    case 'H':
    case 'L':
        app_step_key(s, c == 'L' ? 1 : -1, 1);
        return;
    default:
        break;
    }
    if (isdigit((unsigned char)c) || c == '.') {
        if (s->focus == APP_FOCUS_MODEL) {
            app_picker_open(s, c);
            return;
        }
        s->entry = s->focus == APP_FOCUS_BASELINE ? APP_ENTRY_BASELINE : APP_ENTRY_BITS;
        s->entry_text[0] = c;
        s->entry_text[1] = '\0';
    }
}

static void app_key_main(app_state *s, const in_event *ev)
{
    int named = (ev->mods & (IN_MOD_SHIFT | IN_MOD_CTRL)) != 0;

    switch (ev->key) {
    case IN_KEY_CHAR:
        app_key_char(s, ev->ch);
        break;
    case IN_KEY_LEFT:
        app_step_key(s, -1, named);
        break;
    case IN_KEY_RIGHT:
        app_step_key(s, 1, named);
        break;
    case IN_KEY_PGDN:
        *app_target(s) = app_step_named(*app_target(s), -1);
        break;
    case IN_KEY_PGUP:
        *app_target(s) = app_step_named(*app_target(s), 1);
        break;
    case IN_KEY_HOME:
        *app_target(s) = APP_BITS_MIN;
        break;
    case IN_KEY_END:
        *app_target(s) = APP_BITS_MAX;
        break;
    case IN_KEY_TAB:
    case IN_KEY_DOWN:
        app_focus_move(s, 1);
        break;
    case IN_KEY_BTAB:
    case IN_KEY_UP:
        app_focus_move(s, -1);
        break;
    case IN_KEY_ENTER:
        if (s->focus == APP_FOCUS_MODEL)
            app_picker_open(s, '\0');
        else if (s->focus == APP_FOCUS_BASELINE)
            s->baseline_bits = app_next_baseline(s->baseline_bits, s->bits);
        break;
    case IN_KEY_ESC:
        s->quit = 1;
        break;
    default:
        break;
    }
}

/* ---- mouse --------------------------------------------------------------- */

static int app_on_track(const app_layout *l, const in_event *ev)
{
    return ev->x >= 0 && (ev->y == l->track_y || ev->y == l->knob_y) &&
           ev->x >= l->track_x0 - 1 && ev->x <= l->track_x1 + 1;
}

static void app_mouse_picker(app_state *s, const app_layout *l, const in_event *ev)
{
    if (ev->action == IN_MOUSE_WHEEL_UP) {
        app_picker_move(s, -1);
    } else if (ev->action == IN_MOUSE_WHEEL_DOWN) {
        app_picker_move(s, 1);
    } else if (ev->action == IN_MOUSE_PRESS && ev->button == 0 && ev->x >= 0 && ev->y >= 0) {
        int inside = ev->x >= l->pick_x && ev->x < l->pick_x + l->pick_w &&
                     ev->y >= l->pick_y && ev->y < l->pick_y + l->pick_h;
        if (!inside) {
            s->overlay = APP_OVERLAY_NONE;
            s->filter[0] = '\0';
        } else if (ev->y >= l->pick_list_y && ev->y < l->pick_list_y + l->pick_list_n) {
            size_t n = app_pick_count(s);
            size_t idx = layout_pick_top(s->pick, n, l->pick_list_n) +
                         (size_t)(ev->y - l->pick_list_y);
            if (idx < n) {
                s->pick = idx;
                app_picker_choose(s);
            }
        }
    }
}

static void app_mouse(app_state *s, const in_event *ev)
{
    app_layout l;

    layout_compute(s->cols, s->rows, &l);
    if (ev->action == IN_MOUSE_RELEASE) {
        if (s->dragging && ev->x >= 0 && !l.too_small && s->overlay == APP_OVERLAY_NONE)
            s->bits = layout_col_to_bits(ev->x, l.track_x0, l.track_x1);
        s->dragging = 0;
        return;
    }
    if (l.too_small)
        return;
    if (s->overlay == APP_OVERLAY_PICKER) {
        app_mouse_picker(s, &l, ev);
        return;
    }
    if (s->overlay == APP_OVERLAY_HELP) {
        if (ev->action == IN_MOUSE_PRESS)
            s->overlay = APP_OVERLAY_NONE;
        return;
    }
    switch (ev->action) {
    case IN_MOUSE_PRESS:
        if (ev->button != 0 || ev->x < 0 || ev->y < 0)
            break;
        s->msg[0] = '\0';
        if (app_on_track(&l, ev)) {
            s->entry = APP_ENTRY_NONE;
            s->focus = APP_FOCUS_SLIDER;
            s->dragging = 1;
            s->bits = layout_col_to_bits(ev->x, l.track_x0, l.track_x1);
        } else if (ev->y == l.model_y) {
            app_picker_open(s, '\0');
        } else if (ev->y == l.savings_y) {
            s->baseline_bits = app_next_baseline(s->baseline_bits, s->bits);
        }
        break;
    case IN_MOUSE_DRAG:
        if (ev->button != 0 || ev->x < 0)
            break;
        if (s->dragging || app_on_track(&l, ev)) {
            s->entry = APP_ENTRY_NONE;
            s->focus = APP_FOCUS_SLIDER;
            s->dragging = 1;
            s->bits = layout_col_to_bits(ev->x, l.track_x0, l.track_x1);
        }
        break;
    case IN_MOUSE_WHEEL_UP:
    case IN_MOUSE_WHEEL_DOWN:
        *app_target(s) = app_step_fine(*app_target(s), ev->action == IN_MOUSE_WHEEL_UP ? 1 : -1);
        break;
    default:
        break;
    }
}

/* ---- dispatch ------------------------------------------------------------ */

void app_update(app_state *s, const in_event *ev)
{
    switch (ev->type) {
    case IN_EV_RESIZE:
        s->cols = ev->cols > 0 ? ev->cols : 0;
        s->rows = ev->rows > 0 ? ev->rows : 0;
        return;
    case IN_EV_MOUSE:
        app_mouse(s, ev);
        return;
    case IN_EV_KEY:
        break;
    }
    if (ev->key == IN_KEY_CTRL_C) {
        s->quit = 1;
        return;
    }
    if (ev->key == IN_KEY_CTRL_L) {
        s->repaint = 1;
        return;
    }
    s->msg[0] = '\0';
    if (s->overlay == APP_OVERLAY_PICKER) {
        app_key_picker(s, ev);
        return;
    }
    if (s->overlay == APP_OVERLAY_HELP) {
        if (ev->key == IN_KEY_CHAR && ev->ch == 'q')
            s->quit = 1;
        s->overlay = APP_OVERLAY_NONE;
        return;
    }
    if (s->entry != APP_ENTRY_NONE && app_key_entry(s, ev))
        return;
    app_key_main(s, ev);
}
