/* screen_pin.c - the pinned configuration beside the current one (p): two
 * rows, "Pinned" on the best-precision marker's and "Now" on the selected
 * device's detail line (the rows above the footer when those have no
 * room), each with its model and precision, its footprint and the
 * selected device's verdict, and the ratio of the footprints. Both plans are the model
 * layer's (the pinned one as it was computed when p was pressed); only
 * their ratio is taken here, for display. */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define SCREEN_PIN_BUF 192
/* A configuration's words (two of them and the figures fit in a line). */
#define SCREEN_PIN_NAME 64
/* Columns of a configuration's words, and of a verdict word ("offload"). */
#define SCREEN_PIN_NAME_W 26
#define SCREEN_PIN_VERDICT_W 8
/* Ratios within this of 1 read "the same size". */
#define SCREEN_PIN_SAME 1e-9

/* "70.00B FP16" or "Llama-3.1-70B Q4_K_M": a configuration in a few words. */
static void screen_pin_name(char *buf, size_t size, const qs_query *q)
{
    char p[32], prec[32];

    fmt_params(p, sizeof p, q->params);
    (void)fmt_precision(prec, sizeof prec, q->bits, query_format_name(q));
    (void)snprintf(buf, size, "%s %s", q->model != NULL ? q->model->name : p, prec);
}

/* Plan p's row of the device named `name`; NULL when it has none. */
static const plan_device *screen_pin_device(const qs_plan *p, const char *name)
{
    size_t i;

    for (i = 0; i < p->ndevices; i++)
        if (p->devices[i].device.name != NULL && strcmp(p->devices[i].device.name, name) == 0)
            return &p->devices[i];
    return NULL;
}

/* One configuration's row: its label, its words, its footprint, the
 * verdict on the selected device and a note after it. */
static void screen_pin_row(int y, int cols, const char *label, const qs_query *q,
                           const qs_plan *p, const plan_device *d, const char *note)
{
    char buf[SCREEN_PIN_BUF], name[SCREEN_PIN_NAME];
    int x;

    draw_fill(y, 0, cols, CRT_NORMAL);
    screen_pin_name(name, sizeof name, q);
    x = draw_text(y, 0, -1, CRT_LABEL, label);
    (void)snprintf(buf, sizeof buf, "%-*.*s %8.2f GiB  ", SCREEN_PIN_NAME_W, SCREEN_PIN_NAME_W,
                   name, p->need.weights_gib);
    x = draw_text(y, LAYOUT_LABEL_W > x ? LAYOUT_LABEL_W : x + 1, -1, CRT_VALUE, buf);
    if (d != NULL && d->fit.ok)
        x = draw_text(y, x, SCREEN_PIN_VERDICT_W, draw_verdict_role(d->fit.verdict),
                      fit_verdict_word(d->fit.verdict));
    draw_text(y, x + 2, -1, CRT_NORMAL, note);
}

void screen_pin_draw(const app_state *s, const app_layout *l)
{
    const qs_plan *now = &s->plan, *pin = &s->pin_plan;
    const plan_device *d = NULL, *was = NULL;
    char ratio[SCREEN_PIN_NAME], on[SCREEN_PIN_BUF];
    double r;
    int y2 = l->detail_y >= 0 ? l->detail_y : l->footer_y - 1;
    int y1 = l->best_y >= 0 ? l->best_y : y2 - 1;

    if (!s->pinned || !now->ok || !pin->ok || y1 < 0)
        return;
    if (s->sel < now->ndevices) {
        d = &now->devices[s->sel];
        was = screen_pin_device(pin, d->device.name);
    }
    r = now->need.weights_gib > 0.0 ? pin->need.weights_gib / now->need.weights_gib : 0.0;
    if (r > 1.0 + SCREEN_PIN_SAME)
        (void)snprintf(ratio, sizeof ratio, "%.2fx smaller", r);
    else if (r > 0.0 && r < 1.0 - SCREEN_PIN_SAME)
        (void)snprintf(ratio, sizeof ratio, "%.2fx larger", 1.0 / r);
    else
        (void)snprintf(ratio, sizeof ratio, "same size");
    (void)snprintf(on, sizeof on, "on %s", d != NULL ? d->device.name : "?");
    screen_pin_row(y1, l->cols, "Pinned", &s->pin_query, pin, was, on);
    screen_pin_row(y2, l->cols, "Now", &s->query, now, d, ratio);
}
