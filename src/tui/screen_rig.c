/* screen_rig.c - what the main screen shows of rigs and runtimes: a rig's
 * row per GPU (or per machine of a pipeline), the selected device's
 * runtime and split, what an offload keeps in RAM, and the device prompt
 * on the footer line. Numbers come from the plan; they are rounded here,
 * for display, as the --fit report rounds them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "tui/draw.h"
#include "tui/screens.h"

#define SCREEN_RIG_BUF 160
/* Columns a sub-row's name is indented by inside the name column. */
#define SCREEN_RIG_INDENT 2

/* Appends "  piece" at *x on row y when the whole piece fits before cols. */
static void screen_rig_piece(int y, int *x, int cols, crt_role role, const char *piece)
{
    int len = (int)strlen(piece) + 2;

    if (*x + len > cols)
        return;
    *x = draw_text(y, *x + 2, -1, role, piece);
}

/* Which GPU or machine a slot is: "GPU 1 rtx-3090", "node 2: 8x h100-sxm". */
static void screen_rig_slot_name(char *buf, size_t size, const split_plan *sp,
                                 const split_slot *g)
{
    if (g->gpu < 0)
        (void)snprintf(buf, size, "node %d: %dx %s", g->node, g->count, g->device.id);
    else if (sp->pp > 1 || g->node > 0)
        (void)snprintf(buf, size, "%d.%d %s", g->node, g->gpu, g->device.id);
    else
        (void)snprintf(buf, size, "GPU %d %s", g->gpu, g->device.id);
}

/* The blocks a slot holds: "layers 0-40 +out", "1/8 of 80 layers", and the
 * routed experts it leaves in RAM. */
static void screen_rig_slot_layers(char *buf, size_t size, const split_plan *sp,
                                   const split_slot *g)
{
    char ram[SCREEN_RIG_BUF / 4] = "";
    int n;

    if (g->expert_layers_ram > 0)
        (void)snprintf(ram, sizeof ram, ", experts of %d in RAM", g->expert_layers_ram);
    if (sp->mode == SPLIT_MODE_TENSOR && g->layers > 0)
        n = snprintf(buf, size, "1/%d of %d layers", sp->tp, g->layers);
    else if (g->layers > 1)
        n = snprintf(buf, size, "layers %d-%d", g->first_layer, g->first_layer + g->layers - 1);
    else if (g->layers == 1)
        n = snprintf(buf, size, "layer %d", g->first_layer);
    else
        n = snprintf(buf, size, "no layers");
    if (n > 0 && (size_t)n < size)
        (void)snprintf(buf + n, size - (size_t)n, "%s%s",
                       g->output && sp->mode != SPLIT_MODE_TENSOR ? " +out" : "", ram);
}

void screen_rig_slot_row(const app_layout *l, int y, const plan_device *d, int slot)
{
    /* the layers and a 64-byte rest in one line */
    char name[SCREEN_RIG_BUF], layers[SCREEN_RIG_BUF], buf[SCREEN_RIG_BUF + SCREEN_RIG_BUF / 2];
    const split_plan *sp = &d->split;
    const split_slot *g;
    crt_role verdict;
    int x;

    if (slot < 0 || slot >= sp->nslots || slot >= SPLIT_SLOTS_MAX)
        return;
    g = &sp->slot[slot];
    verdict = draw_verdict_role(g->verdict);
    screen_rig_slot_name(name, sizeof name, sp, g);
    screen_rig_slot_layers(layers, sizeof layers, sp, g);
    draw_text(y, 2 + SCREEN_RIG_INDENT, l->fit_name_w - SCREEN_RIG_INDENT, CRT_NORMAL, name);
    if (l->fit_bar_w > 0) {
        /* the layers from the bar's left, the total at its right end */
        int tw = snprintf(buf, sizeof buf, "%.2f GiB", g->total_gib);

        draw_text(y, l->fit_bar_x, l->fit_bar_w - tw - 2, CRT_NORMAL, layers);
        draw_text(y, l->fit_bar_x + l->fit_bar_w - tw, tw, CRT_NORMAL, buf);
        (void)snprintf(buf, sizeof buf, "of %6.2f GiB  ", g->usable_gib);
        x = draw_text(y, l->fit_text_x, -1, CRT_NORMAL, buf);
        draw_text(y, x, -1, verdict, fit_verdict_word(g->verdict));
    } else {
        /* narrow: the verdict first, so that it is never cut off */
        x = draw_text(y, l->fit_text_x, -1, verdict, fit_verdict_word(g->verdict));
        (void)snprintf(buf, sizeof buf, " %.2f/%.2f GiB %s", g->total_gib, g->usable_gib, layers);
        draw_text(y, x, -1, CRT_NORMAL, buf);
    }
}

void screen_rig_marker(const app_state *s, const app_layout *l, int y, size_t i)
{
    if (!app_rig_expandable(s, i))
        return;
    /* over the name's last two columns: a blank and the sign */
    draw_text(y, 2 + l->fit_name_w - 2, 2, CRT_DIM,
              i < QUERY_DEVICES_MAX && s->rig_open[i] ? " -" : " +");
}

int screen_rig_offload(char *buf, size_t size, const qs_plan *p, const plan_device *d)
{
    const split_plan *sp = &d->split;
    const char *gpus = sp->nslots > 1 || (sp->nslots == 1 && sp->slot[0].count > 1) ? "GPUs"
                                                                                    : "GPU";

    buf[0] = '\0';
    if (!d->fit.ok || d->fit.verdict != FIT_OFFLOAD || !sp->ok)
        return 0;
    if (sp->n_cpu_moe > 0)
        (void)snprintf(buf, size, "experts of %d blocks in RAM", sp->n_cpu_moe);
    else
        (void)snprintf(buf, size, "%d of %d blocks on the %s", sp->gpu_layers,
                       p->layers_table.blocks, gpus);
    return 1;
}

/* The split in words: "layer split over 2 GPUs", "tensor parallel TP=8",
 * "pipeline PP=2 x TP=8 (InfiniBand between machines, assumed)". */
static void screen_rig_split(char *buf, size_t size, const plan_device *d)
{
    const split_plan *sp = &d->split;
    int i, gpus = 0;

    for (i = 0; i < sp->nslots && i < SPLIT_SLOTS_MAX; i++)
        gpus += sp->slot[i].count;
    if (!sp->possible)
        (void)snprintf(buf, size, "%s split impossible: %s", split_mode_name(sp->mode), sp->why);
    else if (sp->mode == SPLIT_MODE_PIPELINE)
        (void)snprintf(buf, size, "%s PP=%d x TP=%d (NVLink inside, InfiniBand between, assumed)",
                       split_mode_name(sp->mode), sp->pp, sp->tp);
    else if (sp->mode == SPLIT_MODE_TENSOR)
        (void)snprintf(buf, size, "%s parallel TP=%d", split_mode_name(sp->mode), sp->tp);
    else if (gpus > 1)
        (void)snprintf(buf, size, "%s split over %d GPUs", split_mode_name(sp->mode), gpus);
    else
        (void)snprintf(buf, size, "one GPU");
}

void screen_rig_runtime(const app_state *s, const app_layout *l)
{
    char buf[SCREEN_RIG_BUF];
    const plan_device *d;
    int x, y = l->rt_y;
    static const char hint[] = "[r] runtime  [c] command";

    if (y < 0 || s->sel >= s->plan.ndevices)
        return;
    d = &s->plan.devices[s->sel];
    x = draw_text(y, 2, l->cols - 2, CRT_LABEL, "runtime");
    if (d->runtime == NULL || !d->split.ok) {
        screen_rig_piece(y, &x, l->cols, CRT_NORMAL,
                         d->device.is_gpu ? "none: the whole need (no architecture to split)"
                                          : "none: the whole need against this memory");
    } else {
        (void)snprintf(buf, sizeof buf, "%s (%s)", d->runtime->name,
                       d->runtime_chosen ? "chosen" : "set");
        screen_rig_piece(y, &x, l->cols, CRT_VALUE, buf);
        screen_rig_split(buf, sizeof buf, d);
        /* the assumption is cut before the split itself is */
        if (x + 2 + (int)strlen(buf) > l->cols && strstr(buf, " (") != NULL)
            *strstr(buf, " (") = '\0';
        screen_rig_piece(y, &x, l->cols, CRT_NORMAL, buf);
    }
    if (x + 2 + (int)strlen(hint) <= l->cols)
        draw_text(y, l->cols - (int)strlen(hint), -1, CRT_DIM, hint);
}

void screen_rig_prompt(const app_state *s, const app_layout *l)
{
    char buf[SCREEN_RIG_BUF];
    int x;

    draw_fill(l->footer_y, 0, l->cols, CRT_NORMAL);
    x = draw_text(l->footer_y, 0, -1, CRT_FOCUS, "add device:");
    (void)snprintf(buf, sizeof buf, " %s_", s->device_text);
    x = draw_text(l->footer_y, x, -1, CRT_VALUE, buf);
    draw_text(l->footer_y, x + 2, -1, CRT_DIM, "id, 24GiB or 2xrtx-3090; Enter adds, Esc cancels");
}
