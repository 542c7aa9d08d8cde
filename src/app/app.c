/* app.c - the interactive state and its pure update. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "model/fit.h"
#include "model/kvcache.h"
#include "model/parse.h"
#include "model/suggest.h"

/* Tolerance when comparing bits with the step grid (values set from the
 * grid are exact multiples of a quarter, so this only absorbs rounding of
 * values typed or set by the mouse). */
#define APP_GRID_EPS 1e-9

/* Help overlay: every key, in the order shown. Lines that carry numbers
 * are built from the constants they name (app_help_text). */
typedef enum {
    APP_HELP_PLAIN,            /* the text as it is */
    APP_HELP_STEPS,            /* the fine and coarse steps */
    APP_HELP_ENDS              /* where Home/End go */
} app_help_kind;

static const struct {
    const char *key;
    app_help_kind kind;
    const char *text;          /* APP_HELP_PLAIN only */
} app_help[] = {
    { "Left/Right  h/l", APP_HELP_STEPS, NULL },
    { "", APP_HELP_PLAIN, "on Context: halve / double the tokens" },
    { "Shift+Left/Right", APP_HELP_PLAIN, "previous / next named precision" },
    { "PgDn/PgUp  H/L", APP_HELP_PLAIN, "previous / next named precision" },
    { "Home/End", APP_HELP_ENDS, NULL },
    { "4.5 Enter", APP_HELP_PLAIN, "type an exact value; on Context tokens: 8192, 8k" },
    { "Tab  Up/Down", APP_HELP_PLAIN, "focus: model, bits, baseline, context, devices" },
    { "Up/Down", APP_HELP_PLAIN, "on the devices: select one (its details below)" },
    { "m", APP_HELP_PLAIN, "choose a model: type to filter or a size (13B)" },
    { "b", APP_HELP_PLAIN, "baseline: FP16 -> FP32 -> current bits" },
    { "k", APP_HELP_PLAIN, "KV cache type: f16 -> q8_0 -> q4_0" },
    { "t", APP_HELP_PLAIN, "table: every precision on every device (t/Esc close)" },
    { "mouse", APP_HELP_PLAIN, "click or drag the track; click a device; wheel steps" },
    { "Ctrl-L", APP_HELP_PLAIN, "repaint the screen" },
    { "?", APP_HELP_PLAIN, "this help (any key closes it)" },
    { "q  Esc  Ctrl-C", APP_HELP_PLAIN, "quit" },
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

const char *app_help_text(size_t i, char *buf, size_t size)
{
    if (i >= APP_N(app_help) || buf == NULL || size == 0)
        return NULL;
    switch (app_help[i].kind) {
    case APP_HELP_STEPS:
        (void)snprintf(buf, size, "fine step: %g bit below %g, %g bit above", APP_FINE_STEP,
                       APP_FINE_LIMIT, APP_COARSE_STEP);
        break;
    case APP_HELP_ENDS:
        (void)snprintf(buf, size, "%g / %g bits; context %ld / max; first / last device",
                       APP_BITS_MIN, APP_BITS_MAX, APP_CTX_MIN);
        break;
    case APP_HELP_PLAIN:
        (void)snprintf(buf, size, "%s", app_help[i].text);
        break;
    }
    return buf;
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

/* ---- context, KV cache, devices ------------------------------------------ */

/* Targets after this machine when the command line names none (device
 * catalog ids, issue 3): an 8 GB and a 16 GB laptop, a 24 GB consumer GPU,
 * an 80 GB and a 141 GB data-centre GPU. */
static const char *const app_default_targets[] = {
    "laptop-8gb", "laptop-16gb", "rtx-4090", "h100-sxm", "h200",
};

long app_ctx_max(const app_state *s)
{
    if (s->preset != NULL && s->preset->max_ctx > 0)
        return s->preset->max_ctx < APP_CTX_CAP ? s->preset->max_ctx : APP_CTX_CAP;
    return APP_CTX_CAP;
}

static long app_clamp_ctx(long ctx, long max)
{
    long lo = APP_CTX_MIN < max ? APP_CTX_MIN : max;

    if (ctx < lo)
        return lo;
    return ctx > max ? max : ctx;
}

long app_ctx(const app_state *s)
{
    return app_clamp_ctx(s->ctx, app_ctx_max(s));
}

long app_ctx_step(long ctx, int dir, long max)
{
    long c = app_clamp_ctx(ctx, max);

    if (dir > 0)
        c = c > max / 2 ? max : c * 2;
    else if (dir < 0)
        c /= 2;
    return app_clamp_ctx(c, max);
}

/* The KV cache types `k` cycles through: llama.cpp's default and its two
 * common quantized caches (kvcache.h lists more; the command line takes
 * them all). */
static const double app_kv_cycle[] = { KV_BITS_F16, KV_BITS_Q8_0, KV_BITS_Q4_0 };

double app_next_kv(double kv_bits)
{
    size_t i, n = APP_N(app_kv_cycle);

    for (i = 0; i < n; i++)
        if (app_kv_cycle[i] == kv_bits)
            return app_kv_cycle[(i + 1) % n];
    return app_kv_cycle[0];
}

size_t app_device_count(const app_state *s)
{
    return 1 + s->ntargets;
}

const qs_device *app_device(const app_state *s, size_t i)
{
    if (i == 0)
        return &s->host;
    return i <= s->ntargets ? &s->targets[i - 1] : NULL;
}

void app_layout_of(const app_state *s, app_layout *l)
{
    layout_compute_for(s->cols, s->rows, (int)app_device_count(s), l);
}

size_t app_table_rows(void)
{
    return formats_count();
}

size_t app_table_top_max(const app_state *s)
{
    app_layout l;
    size_t n = app_table_rows(), v;

    app_layout_of(s, &l);
    v = l.table_list_n > 0 ? (size_t)l.table_list_n : 1;
    return n > v ? n - v : 0;
}

/* Scrolls the table by delta rows, within 0 .. app_table_top_max(). */
static void app_table_scroll(app_state *s, long delta)
{
    long top = (long)s->table_top + delta, max = (long)app_table_top_max(s);

    if (top > max)
        top = max;
    if (top < 0)
        top = 0;
    s->table_top = (size_t)top;
}

/* Opens the table with the current precision's row in view (centred). */
static void app_table_open(app_state *s)
{
    app_layout l;
    const qs_format *near = app_nearest(s);
    size_t i, cur = 0;

    s->overlay = APP_OVERLAY_TABLE;
    s->entry = APP_ENTRY_NONE;
    s->entry_text[0] = '\0';
    s->dragging = 0;
    for (i = 0; i < app_table_rows(); i++)
        if (formats_get(i) == near)
            cur = i;
    app_layout_of(s, &l);
    s->table_top = 0;
    app_table_scroll(s, (long)cur - (long)(l.table_list_n / 2));
}

void app_init(app_state *s, const app_config *cfg)
{
    double ram = cfg->host_ram_gib;
    size_t i;

    memset(s, 0, sizeof *s);
    s->params = cfg->params;
    s->preset = cfg->preset;
    s->bits = app_clamp_bits(cfg->bits);
    s->baseline_bits = app_clamp_bits(cfg->baseline_bits);
    /* RAM 0 is "unknown"; with a finite RAM >= 0 and a label it cannot fail */
    (void)devices_host(ram > 0.0 && isfinite(ram) ? ram : 0.0,
                       cfg->host_label != NULL ? cfg->host_label : APP_HOST_LABEL, &s->host);
    s->cols = cfg->cols;
    s->rows = cfg->rows;
    s->ctx = cfg->ctx > 0 ? cfg->ctx : FIT_DEFAULT_CTX;
    s->kv_bits = cfg->kv_bits > 0 ? cfg->kv_bits : KV_BITS_F16;
    /* 0 asks for the default; a negative value for no overhead at all. */
    if (cfg->overhead_gib > 0)
        s->overhead_gib = cfg->overhead_gib;
    else
        s->overhead_gib = cfg->overhead_gib < 0 ? 0.0 : FIT_DEFAULT_OVERHEAD_GIB;
    s->apple_share = cfg->apple_share > 0 && cfg->apple_share <= 1.0 ? cfg->apple_share : 0.0;
    if (cfg->devices != NULL && cfg->ndevices > 0) {
        for (i = 0; i < cfg->ndevices && s->ntargets < APP_TARGETS_MAX; i++)
            s->targets[s->ntargets++] = cfg->devices[i];
    } else {
        for (i = 0; i < APP_N(app_default_targets); i++) {
            const qs_device *d = devices_find(app_default_targets[i]);
            if (d != NULL && s->ntargets < APP_TARGETS_MAX)
                s->targets[s->ntargets++] = *d;
        }
    }
    s->sel = 0;
    s->focus = APP_FOCUS_SLIDER;
    s->overlay = APP_OVERLAY_NONE;
    s->entry = APP_ENTRY_NONE;
}

/* ---- the picker ---------------------------------------------------------- */

/* 1 when the preset's id or name contains the filter (any case; an empty
 * filter matches every preset). */
static int app_pick_matches(const app_state *s, const qs_model *m)
{
    return m != NULL &&
           (suggest_contains(m->id, s->filter) || suggest_contains(m->name, s->filter));
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
        if (app_pick_matches(s, models_get(i)))
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
        if (!app_pick_matches(s, m))
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

    app_layout_of(s, &l);
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
    long ctx;

    if (s->entry == APP_ENTRY_CTX) {
        if (parse_ctx(s->entry_text, &ctx) != 0 || ctx < APP_CTX_MIN || ctx > app_ctx_max(s))
            (void)snprintf(s->msg, sizeof s->msg,
                           "'%s' is not a context here: type %ld to %ld tokens, e.g. 8192 or 8k",
                           s->entry_text, APP_CTX_MIN, app_ctx_max(s));
        else
            s->ctx = ctx;
    } else if (parse_bits(s->entry_text, &v) != 0 || v < APP_BITS_MIN || v > APP_BITS_MAX) {
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
    int ctx = s->entry == APP_ENTRY_CTX;

    switch (ev->key) {
    case IN_KEY_CHAR:
        if (isdigit((unsigned char)ev->ch) || (!ctx && ev->ch == '.') ||
            (ctx && (ev->ch == 'k' || ev->ch == 'K'))) {
            if (strlen(s->entry_text) + 1 >= APP_TEXT_MAX)
                app_msg(s, "that number is too long");
            app_text_append(s->entry_text, ev->ch);
        } else {
            app_msg(s, ctx ? "type tokens such as 8192 or 8k, then Enter (Esc cancels)"
                           : "type a number such as 4.5, then Enter (Esc cancels)");
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
    if (s->focus == APP_FOCUS_CONTEXT && !named) {
        s->ctx = app_ctx_step(app_ctx(s), dir, app_ctx_max(s));
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
    case 'k':
        s->kv_bits = app_next_kv(s->kv_bits);
        return;
    case 't':
        app_table_open(s);
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
        if (s->focus == APP_FOCUS_BASELINE)
            s->entry = APP_ENTRY_BASELINE;
        else if (s->focus == APP_FOCUS_CONTEXT)
            s->entry = APP_ENTRY_CTX;
        else
            s->entry = APP_ENTRY_BITS;
        s->entry_text[0] = c;
        s->entry_text[1] = '\0';
    }
}

/* Up (dir < 0) / Down on the device list: the previous / next device, and
 * past either end the focus moves on. */
static void app_device_move(app_state *s, int dir)
{
    size_t n = app_device_count(s);

    if (dir < 0 && s->sel > 0)
        s->sel--;
    else if (dir > 0 && s->sel + 1 < n)
        s->sel++;
    else
        app_focus_move(s, dir);
}

/* Home (dir < 0) / End on the focused control. */
static void app_home_end(app_state *s, int dir)
{
    if (s->focus == APP_FOCUS_CONTEXT)
        s->ctx = dir < 0 ? APP_CTX_MIN : app_ctx_max(s);
    else if (s->focus == APP_FOCUS_DEVICES)
        s->sel = dir < 0 ? 0 : app_device_count(s) - 1;
    else
        *app_target(s) = dir < 0 ? APP_BITS_MIN : APP_BITS_MAX;
}

static void app_key_table(app_state *s, const in_event *ev)
{
    app_layout l;

    app_layout_of(s, &l);
    switch (ev->key) {
    case IN_KEY_CHAR:
        if (ev->ch == 'q')
            s->quit = 1;
        else if (ev->ch == 't')
            s->overlay = APP_OVERLAY_NONE;
        else if (ev->ch == 'k')
            s->kv_bits = app_next_kv(s->kv_bits);
        break;
    case IN_KEY_ESC:
        s->overlay = APP_OVERLAY_NONE;
        break;
    case IN_KEY_UP:
        app_table_scroll(s, -1);
        break;
    case IN_KEY_DOWN:
        app_table_scroll(s, 1);
        break;
    case IN_KEY_PGUP:
        app_table_scroll(s, -(long)l.table_list_n);
        break;
    case IN_KEY_PGDN:
        app_table_scroll(s, (long)l.table_list_n);
        break;
    case IN_KEY_HOME:
        s->table_top = 0;
        break;
    case IN_KEY_END:
        s->table_top = app_table_top_max(s);
        break;
    default:
        break;
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
        app_home_end(s, -1);
        break;
    case IN_KEY_END:
        app_home_end(s, 1);
        break;
    case IN_KEY_TAB:
        app_focus_move(s, 1);
        break;
    case IN_KEY_BTAB:
        app_focus_move(s, -1);
        break;
    case IN_KEY_DOWN:
        if (s->focus == APP_FOCUS_DEVICES)
            app_device_move(s, 1);
        else
            app_focus_move(s, 1);
        break;
    case IN_KEY_UP:
        if (s->focus == APP_FOCUS_DEVICES)
            app_device_move(s, -1);
        else
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

    app_layout_of(s, &l);
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
    if (s->overlay == APP_OVERLAY_TABLE) {
        if (ev->action == IN_MOUSE_WHEEL_UP || ev->action == IN_MOUSE_WHEEL_DOWN)
            app_table_scroll(s, ev->action == IN_MOUSE_WHEEL_UP ? -1 : 1);
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
        } else if (ev->y == l.ctx_y) {
            s->entry = APP_ENTRY_NONE;
            s->focus = APP_FOCUS_CONTEXT;
        } else if (l.fit_n > 0 && ev->y >= l.fit_y && ev->y < l.fit_y + l.fit_n) {
            size_t n = app_device_count(s);
            size_t idx = layout_pick_top(s->sel, n, l.fit_n) + (size_t)(ev->y - l.fit_y);
            if (idx < n) {
                s->entry = APP_ENTRY_NONE;
                s->focus = APP_FOCUS_DEVICES;
                s->sel = idx;
            }
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

void app_resumed(app_state *s)
{
    s->dragging = 0;
}

void app_update(app_state *s, const in_event *ev)
{
    switch (ev->type) {
    case IN_EV_RESIZE:
        s->cols = ev->cols > 0 ? ev->cols : 0;
        s->rows = ev->rows > 0 ? ev->rows : 0;
        if (s->table_top > app_table_top_max(s))
            s->table_top = app_table_top_max(s);
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
    if (s->overlay == APP_OVERLAY_TABLE) {
        app_key_table(s, ev);
        return;
    }
    if (s->entry != APP_ENTRY_NONE && app_key_entry(s, ev))
        return;
    app_key_main(s, ev);
}
