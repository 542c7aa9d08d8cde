/* report_rig.c - what each GPU of a target holds, in text and JSON (see
 * report_rig.h).
 *
 * fprintf/fputc/snprintf results are ignored: a failed write sets fp's
 * error flag, which out_finish checks at the end of the report, and the
 * cells are cut to their buffers. */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/out.h"
#include "cli/report_command.h"
#include "cli/report_rig.h"
#include "model/memory.h"

/* Bytes in a decimal GB, the unit of bandwidths (GB/s). */
#define REPORT_RIG_BYTES_PER_GB 1e9
/* The table's line: "  GPU " (6; "  node " in pipeline mode, 7), the
 * device and layers cells with a space after each, and the figures
 * ("%7.2f" for the weights, " %5.2f" for KV, compute and overhead, " %6.2f"
 * for total and usable, " %8.2f" for the headroom: 48, each with a space
 * before it); the two text cells share the rest of OUT_WIDTH, and the
 * device's is cut to no less than REPORT_RIG_DEVICE_MIN. */
#define REPORT_RIG_LINE_FIXED (6 + 2 + 48)
#define REPORT_RIG_TEXT_COLS (OUT_WIDTH - REPORT_RIG_LINE_FIXED)
#define REPORT_RIG_DEVICE_MIN 6
#define REPORT_RIG_CELL_SIZE 64
/* Room for a line before out_wrap breaks it, and for a number. */
#define REPORT_RIG_LINE_SIZE 512
#define REPORT_RIG_NUM_SIZE 32
/* Digits between thousands separators. */
#define REPORT_RIG_GROUP 3
/* Where the block's lines and a command's continuation lines start. */
#define REPORT_RIG_INDENT 2
#define REPORT_RIG_CMD_INDENT 7
/* What a command line is broken with, so that sh reads one command. */
#define REPORT_RIG_CONTINUE " \\"

/* What a command names the other machines of a llama.cpp rig with. */
#define REPORT_RIG_RPC " --rpc "

/* What the pipeline mode assumes between GPUs (split.h). */
#define REPORT_RIG_INTERCONNECT "NVLink inside a machine, InfiniBand/RoCE between"

/* "45,000". */
static const char *report_rig_grouped(char *buf, size_t size, long v)
{
    char digits[REPORT_RIG_NUM_SIZE];
    size_t n, i, k = 0;

    (void)snprintf(digits, sizeof digits, "%ld", v < 0 ? -v : v);
    n = strlen(digits);
    if (v < 0 && k + 1 < size)
        buf[k++] = '-';
    for (i = 0; i < n && k + 2 < size; i++) {
        if (i > 0 && (n - i) % REPORT_RIG_GROUP == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

static const char *report_rig_verdict(const split_plan *s)
{
    if (!s->possible)
        return "cannot be split so";
    return s->verdict == FIT_OFFLOAD ? "runs with offload" : fit_verdict_word(s->verdict);
}

/* "layer split", "tensor parallel TP=8", "pipeline 2 x tensor 8", each
 * kept on one line (OUT_NBSP). */
static void report_rig_mode(char *buf, size_t size, const split_plan *s)
{
    if (s->mode == SPLIT_MODE_PIPELINE)
        (void)snprintf(buf, size, "pipeline\t%d\tx\ttensor\t%d", s->pp, s->tp);
    else if (s->mode == SPLIT_MODE_TENSOR)
        (void)snprintf(buf, size, "tensor\tparallel\tTP=%d", s->tp);
    else if (s->nslots > 1)
        (void)snprintf(buf, size, "layer\tsplit");
    else
        (void)snprintf(buf, size, "one\tGPU");
}

/* The end of the word at p: the next space outside single quotes
 * ($'...' escapes a quote as \'). */
static const char *report_rig_word_end(const char *p)
{
    int quoted = 0;

    while (*p != '\0' && (quoted || *p != ' ')) {
        if (*p == '\\' && quoted && p[1] != '\0')
            p++;
        else if (*p == '\'')
            quoted = !quoted;
        p++;
    }
    return p;
}

/* The end of the unit at p: a word, and for an option ("-c") the words
 * after it that are not options (its value), so that a break never parts
 * an option from its value. */
static const char *report_rig_unit_end(const char *p)
{
    const char *end = report_rig_word_end(p), *next;

    if (*p != '-')
        return end;
    for (;;) {
        next = end;
        while (*next == ' ')
            next++;
        if (*next == '\0' || *next == '-')
            return end;
        end = report_rig_word_end(next);
    }
}

void report_rig_command_lines(FILE *fp, const char *lead, const char *cmd, int indent,
                              int width)
{
    const char *p = cmd;
    int col = (int)strlen(lead), first = 1;
    const int cont = (int)strlen(REPORT_RIG_CONTINUE);

    (void)fputs(lead, fp);
    while (*p == ' ')
        p++;
    while (*p != '\0') {
        const char *end = report_rig_unit_end(p);
        int len = (int)(end - p);

        if (!first && col + 1 + len + cont > width) {
            (void)fprintf(fp, "%s\n%*s", REPORT_RIG_CONTINUE, indent, "");
            col = indent;
            first = 1;
        }
        if (!first) {
            (void)fputc(' ', fp);
            col++;
        }
        (void)fwrite(p, 1, (size_t)len, fp);
        col += len;
        first = 0;
        p = end;
        while (*p == ' ')
            p++;
    }
    (void)fputc('\n', fp);
}

/* The "layers" cell of slot t: "40-79 (40)+out", the count left off
 * with counts 0. */
static void report_rig_layers(char *buf, size_t size, const split_plan *s, const split_slot *t,
                              int counts)
{
    size_t n;

    if (s->mode == SPLIT_MODE_TENSOR)
        (void)snprintf(buf, size, "all/TP");
    else if (t->layers <= 0)
        (void)snprintf(buf, size, "-");
    else if (counts)
        (void)snprintf(buf, size, "%d-%d (%d)", t->first_layer, t->first_layer + t->layers - 1,
                       t->layers);
    else
        (void)snprintf(buf, size, "%d-%d", t->first_layer, t->first_layer + t->layers - 1);
    n = strlen(buf);
    if (s->mode != SPLIT_MODE_TENSOR && (t->input || t->output))
        (void)snprintf(buf + n, size - n, " %s%s%s", t->input ? "+in" : "",
                       t->input && t->output ? "/" : "", t->output ? "+out" : "");
}

/* The first two cells of slot t: the GPU ("0", "1.3" on machine 1, the
 * machine in pipeline mode) and the device ("8xh100-sxm" for a slot that
 * stands for several). */
static void report_rig_cells(char *gpu, char *dev, size_t size, const split_plan *s,
                             const split_slot *t, int nodes)
{
    const char *id = t->device.id != NULL ? t->device.id : "?";

    if (s->mode == SPLIT_MODE_PIPELINE || t->gpu < 0)
        (void)snprintf(gpu, size, "%d", t->node);
    else if (nodes)
        (void)snprintf(gpu, size, "%d.%d", t->node, t->gpu);
    else
        (void)snprintf(gpu, size, "%d", t->gpu);
    if (t->count > 1)
        (void)snprintf(dev, size, "%dx%s", t->count, id);
    else
        (void)snprintf(dev, size, "%s", id);
}

/* The widest layers cell of s, with or without the counts. */
static int report_rig_layers_width(const split_plan *s, int counts)
{
    char lay[REPORT_RIG_CELL_SIZE];
    int i, wl = (int)strlen("layers");

    for (i = 0; i < s->nslots; i++) {
        report_rig_layers(lay, sizeof lay, s, &s->slot[i], counts);
        if ((int)strlen(lay) > wl)
            wl = (int)strlen(lay);
    }
    return wl;
}

/* The table: one row per slot. The device and layers cells share what
 * the figures leave of the line: the layers' counts go first, then the
 * device's name is cut. */
static void report_rig_table(FILE *fp, const split_plan *s)
{
    char gpu[REPORT_RIG_CELL_SIZE], dev[REPORT_RIG_CELL_SIZE], lay[REPORT_RIG_CELL_SIZE];
    int pipe = s->mode == SPLIT_MODE_PIPELINE, wg = pipe ? 4 : 3;
    int room = REPORT_RIG_TEXT_COLS - (wg - 3);
    int i, nodes = 0, wd = (int)strlen("device"), wl, counts = 1;

    for (i = 0; i < s->nslots; i++)
        nodes |= s->slot[i].node > 0;
    for (i = 0; i < s->nslots; i++) {
        report_rig_cells(gpu, dev, sizeof gpu, s, &s->slot[i], nodes);
        if ((int)strlen(dev) > wd)
            wd = (int)strlen(dev);
    }
    wl = report_rig_layers_width(s, 1);
    if (wd + wl > room) {
        counts = 0;
        wl = report_rig_layers_width(s, 0);
    }
    if (wd + wl > room)
        wd = room - wl > REPORT_RIG_DEVICE_MIN ? room - wl : REPORT_RIG_DEVICE_MIN;
    (void)fprintf(fp, "  %-*s %-*s %-*s %7s%6s%6s%6s%7s%7s%9s\n", wg, pipe ? "node" : "GPU",
                  wd, "device", wl, "layers",
                  "weights", "KV", "comp", "ovhd", "total", "usable", "headroom");
    for (i = 0; i < s->nslots; i++) {
        const split_slot *t = &s->slot[i];

        report_rig_cells(gpu, dev, sizeof gpu, s, t, nodes);
        report_rig_layers(lay, sizeof lay, s, t, counts);
        (void)fprintf(fp, "  %-*s %-*.*s %-*s %7.2f %5.2f %5.2f %5.2f %6.2f %6.2f %8.2f\n", wg,
                      gpu, wd, wd, dev, wl, lay, t->weights_gib, t->kv_gib, t->compute_gib,
                      t->overhead_gib, t->total_gib, t->usable_gib, t->headroom_gib);
    }
}

/* 1 when the runtime keeps the token embeddings in RAM: no slot holds them. */
static int report_rig_embd_in_ram(const split_plan *s, const qs_runtime *rt)
{
    int i;

    if (rt == NULL || !rt->embd_in_ram)
        return 0;
    for (i = 0; i < s->nslots; i++)
        if (s->slot[i].input)
            return 0;
    return 1;
}

/* What stays in RAM: routed experts (--n-cpu-moe), whole blocks (a layer
 * offload) or only the token embeddings. */
static void report_rig_ram(FILE *fp, const qs_plan *p, const plan_device *d)
{
    const split_plan *s = &d->split;
    const char *rt = d->runtime != NULL ? d->runtime->name : "the runtime";
    int embd = report_rig_embd_in_ram(s, d->runtime);
    int blocks = p->layers_table.ok ? p->layers_table.blocks : p->layers;
    char line[REPORT_RIG_LINE_SIZE];

    if (s->mode != SPLIT_MODE_LAYER || !(s->ram_weights_gib > 0.0))
        return;
    if (s->n_cpu_moe > 0)
        (void)snprintf(line, sizeof line, "in RAM: experts of %d blocks (--n-cpu-moe %d)%s: "
                       "%.2f\tGiB", s->n_cpu_moe, s->n_cpu_moe,
                       embd ? " and the token embeddings" : "", s->ram_weights_gib);
    else if (s->gpu_layers < blocks)
        (void)snprintf(line, sizeof line, "in RAM: %d of %d blocks with their KV cache, the "
                       "output layer%s: %.2f\tGiB (%d blocks on the GPU%s)",
                       blocks - s->gpu_layers, blocks, embd ? " and the token embeddings" : "",
                       s->ram_weights_gib, s->gpu_layers, s->nslots > 1 ? "s" : "");
    else
        (void)snprintf(line, sizeof line, "in RAM: token embeddings %.2f\tGiB (%s keeps them on "
                       "the CPU)", s->ram_weights_gib, rt);
    (void)fprintf(fp, "%*s", REPORT_RIG_INDENT, "");
    out_wrap(fp, line, REPORT_RIG_INDENT, REPORT_RIG_INDENT + 2, OUT_WIDTH);
}

/* The decode ceiling (with both bandwidths when some bytes come from RAM)
 * and the margin kept. */
static void report_rig_speed(FILE *fp, const qs_query *q, const plan_device *d)
{
    const split_plan *s = &d->split;
    const qs_device *g = s->nslots > 0 ? &s->slot[0].device : NULL;
    double ram_bw = q->ram_bandwidth_gbs > 0.0 ? q->ram_bandwidth_gbs : SPLIT_RAM_BANDWIDTH_GBS;
    char line[REPORT_RIG_LINE_SIZE];
    size_t n;

    line[0] = '\0';
    if (s->tok_s > 0.0)
        (void)snprintf(line, sizeof line, "decode <= %.1f tok/s", s->tok_s);
    n = strlen(line);
    if (s->tok_s > 0.0 && s->ram_bytes_per_token > 0.0)
        (void)snprintf(line + n, sizeof line - n, " (%.2f\tGB a token from GPU memory at "
                       "%.0f\tGB/s, %.2f\tGB from RAM at %.1f\tGB/s%s)",
                       s->gpu_bytes_per_token / REPORT_RIG_BYTES_PER_GB,
                       g != NULL ? g->bandwidth_gbps : 0.0,
                       s->ram_bytes_per_token / REPORT_RIG_BYTES_PER_GB, ram_bw,
                       q->ram_bandwidth_gbs > 0.0 ? "" : ", assumed");
    n = strlen(line);
    (void)snprintf(line + n, sizeof line - n, "%smargin kept for best/max ctx: %.2f\tGiB per "
                   "GPU", n > 0 ? "; " : "", s->margin_gib);
    n = strlen(line);
    if (d->runtime != NULL && d->runtime->utilization < 1.0)
        (void)snprintf(line + n, sizeof line - n, " (%s takes %.0f%% of each)", d->runtime->name,
                       d->runtime->utilization * FMT_PERCENT);
    (void)fprintf(fp, "%*s", REPORT_RIG_INDENT, "");
    out_wrap(fp, line, REPORT_RIG_INDENT, REPORT_RIG_INDENT + 2, OUT_WIDTH);
}

/* "  run: CMD" and, for a placeholder, what the model's word stands for. */
static void report_rig_run(FILE *fp, const qs_query *q, const plan_device *d)
{
    char cmd[REPORT_COMMAND_SIZE];

    if (report_command(cmd, sizeof cmd, q, d) != 0)
        return;
    report_rig_command_lines(fp, "  run: ", cmd, REPORT_RIG_CMD_INDENT, OUT_WIDTH);
    if (report_command_placeholder(q, d))
        (void)fprintf(fp, "%*s(the model's name is a placeholder: give your file or "
                      "repository)\n", REPORT_RIG_CMD_INDENT, "");
    if (strstr(cmd, REPORT_RIG_RPC) != NULL)
        (void)fprintf(fp, "%*s(HOST1, ...: the other machines, each running rpc-server)\n",
                      REPORT_RIG_CMD_INDENT, "");
}

void report_rig_legend(FILE *fp, const qs_plan *p)
{
    size_t i;

    for (i = 0; i < p->ndevices; i++)
        if (p->devices[i].fit.ok && p->devices[i].fit.verdict == FIT_OFFLOAD) {
            (void)fprintf(fp, "offload: runs with part of the model in RAM (see below).\n");
            return;
        }
}

/* The heading: "ID: RUNTIME (why), SPLIT: VERDICT". */
static void report_rig_heading(FILE *fp, const qs_query *q, const plan_device *d)
{
    const split_plan *s = &d->split;
    const qs_device *g = s->nslots > 0 ? &s->slot[0].device : &d->device;
    char mode[REPORT_RIG_CELL_SIZE], line[REPORT_RIG_LINE_SIZE];

    report_rig_mode(mode, sizeof mode, s);
    if (d->runtime_chosen)
        (void)snprintf(line, sizeof line, "%s: %s (chosen for %s; --runtime to change), %s: %s",
                       d->device.id, d->runtime->name, runtime_default_reason(g, q->format),
                       mode, report_rig_verdict(s));
    else
        (void)snprintf(line, sizeof line, "%s: %s (--runtime), %s: %s", d->device.id,
                       d->runtime->name, mode, report_rig_verdict(s));
    out_wrap(fp, line, 0, REPORT_RIG_INDENT, OUT_WIDTH);
    /* A runtime named for a format it does not load still gets an answer:
     * its memory at that size; it says so. */
    if (!runtime_loads(d->runtime, q->format)) {
        if (q->format != NULL)
            (void)snprintf(line, sizeof line, "note: %s does not load %s; this is its memory "
                           "at that size", d->runtime->name, q->format->name);
        else
            (void)snprintf(line, sizeof line, "note: %s takes named formats, not a bare bit "
                           "width; this is its memory at that size", d->runtime->name);
        (void)fprintf(fp, "%*s", REPORT_RIG_INDENT, "");
        out_wrap(fp, line, REPORT_RIG_INDENT, REPORT_RIG_INDENT + 2, OUT_WIDTH);
    }
}

void report_rig_text(FILE *fp, const qs_query *q, const qs_plan *p, size_t i, int print_command)
{
    const plan_device *d;
    const split_plan *s;
    char line[REPORT_RIG_LINE_SIZE], num[REPORT_RIG_NUM_SIZE];

    if (fp == NULL || q == NULL || p == NULL || i >= p->ndevices)
        return;
    d = &p->devices[i];
    s = &d->split;
    if (!s->ok || d->runtime == NULL) {
        const qs_runtime *rt = report_command_runtime(q, d);

        if (!print_command || rt == NULL)
            return;
        if (q->runtime == RUNTIME_AUTO)
            (void)snprintf(line, sizeof line, "%s: %s (chosen for %s)", d->device.id, rt->name,
                           runtime_default_reason(&d->device, q->format));
        else
            (void)snprintf(line, sizeof line, "%s: %s (--runtime)", d->device.id, rt->name);
        (void)fputc('\n', fp);
        out_wrap(fp, line, 0, REPORT_RIG_INDENT, OUT_WIDTH);
        report_rig_run(fp, q, d);
        return;
    }
    (void)fputc('\n', fp);
    report_rig_heading(fp, q, d);
    if (!s->possible) {
        (void)snprintf(line, sizeof line, "why: %s", s->why);
        (void)fprintf(fp, "%*s", REPORT_RIG_INDENT, "");
        out_wrap(fp, line, REPORT_RIG_INDENT, REPORT_RIG_INDENT + 2, OUT_WIDTH);
        return;
    }
    if (s->mode == SPLIT_MODE_PIPELINE) {
        (void)snprintf(line, sizeof line, "%d machines x %d GPUs: pipeline %d x tensor %d, per "
                       "GPU; assumed interconnect: " REPORT_RIG_INTERCONNECT, s->pp, s->tp,
                       s->pp, s->tp);
        (void)fprintf(fp, "%*s", REPORT_RIG_INDENT, "");
        out_wrap(fp, line, REPORT_RIG_INDENT, REPORT_RIG_INDENT + 2, OUT_WIDTH);
    }
    report_rig_table(fp, s);
    if (s->kv_replicas > 1 && p->layers_table.latent_kv)
        (void)fprintf(fp, "  KV cache replicated x%d (MLA: one latent per token, on every GPU "
                      "of TP=%d)\n", s->kv_replicas, s->tp);
    else if (s->kv_replicas > 1)
        (void)fprintf(fp, "  KV heads replicated x%d (%d KV heads, TP=%d)\n", s->kv_replicas,
                      p->layers_table.kv_heads, s->tp);
    if (s->kv_pool_gib > 0.0)
        (void)fprintf(fp, "  KV pool %.1f GiB: %s tokens\n", s->kv_pool_gib,
                      report_rig_grouped(num, sizeof num, s->kv_pool_tokens));
    report_rig_ram(fp, p, d);
    report_rig_speed(fp, q, d);
    if (print_command || d->rig || s->verdict == FIT_OFFLOAD || s->n_cpu_moe > 0)
        report_rig_run(fp, q, d);
}

static void report_rig_json_slot(json_writer *w, const split_slot *t)
{
    json_begin_object(w, NULL);
    json_int(w, "node", t->node);
    if (t->gpu >= 0)
        json_int(w, "gpu", t->gpu);
    else
        json_null(w, "gpu");
    json_int(w, "count", t->count);
    json_string(w, "device", t->device.id);
    json_int(w, "first_layer", t->first_layer);
    json_int(w, "layers", t->layers);
    json_bool(w, "output", t->output);
    json_bool(w, "input", t->input);
    json_int(w, "expert_layers_ram", t->expert_layers_ram);
    json_number(w, "weights_gib", t->weights_gib);
    json_number(w, "kv_gib", t->kv_gib);
    json_number(w, "compute_gib", t->compute_gib);
    json_number(w, "overhead_gib", t->overhead_gib);
    json_number(w, "total_gib", t->total_gib);
    json_number(w, "usable_gib", t->usable_gib);
    json_number(w, "headroom_gib", t->headroom_gib);
    json_number(w, "share", t->share);
    json_string(w, "verdict", fit_verdict_word(t->verdict));
    json_end_object(w);
}

static void report_rig_json_split(json_writer *w, const split_plan *s)
{
    int i;

    json_begin_object(w, "split");
    json_string(w, "mode", split_mode_name(s->mode));
    json_int(w, "tp", s->tp);
    json_int(w, "pp", s->pp);
    json_int(w, "kv_replicas", s->kv_replicas);
    json_bool(w, "possible", s->possible);
    json_string(w, "why", s->possible ? NULL : s->why);
    json_string(w, "verdict", fit_verdict_word(s->verdict));
    json_number(w, "headroom_gib", s->headroom_gib);
    json_number(w, "margin_gib", s->margin_gib);
    json_int(w, "gpu_layers", s->gpu_layers);
    json_int(w, "n_cpu_moe", s->n_cpu_moe);
    json_number(w, "ram_weights_gib", s->ram_weights_gib);
    json_bool(w, "offload_fits", s->offload_fits);
    json_number(w, "tok_s", s->tok_s);
    json_number(w, "gpu_bytes_per_token", s->gpu_bytes_per_token);
    json_number(w, "ram_bytes_per_token", s->ram_bytes_per_token);
    json_number(w, "kv_pool_gib", s->kv_pool_gib);
    json_int(w, "kv_pool_tokens", s->kv_pool_tokens);
    json_begin_array(w, "gpus");
    for (i = 0; i < s->nslots && i < SPLIT_SLOTS_MAX; i++)
        report_rig_json_slot(w, &s->slot[i]);
    json_end_array(w);
    json_end_object(w);
}

void report_rig_json(json_writer *w, const qs_query *q, const qs_plan *p, size_t i)
{
    const plan_device *d;
    const qs_rig *r;
    qs_rig tmp;
    char cmd[REPORT_COMMAND_SIZE];

    if (w == NULL || q == NULL || p == NULL || i >= p->ndevices)
        return;
    d = &p->devices[i];
    /* A rig is made of GPUs: this machine's RAM and a CPU have none. */
    r = i < q->ndevices && d->device.is_gpu ? query_rig(q, i, &tmp) : NULL;
    json_string(w, "runtime", d->runtime != NULL ? d->runtime->name : NULL);
    json_bool(w, "runtime_chosen", d->runtime != NULL && d->runtime_chosen);
    json_bool(w, "runtime_loads_format", d->runtime != NULL && runtime_loads(d->runtime, q->format));
    if (r != NULL) {
        json_begin_object(w, "rig");
        json_int(w, "gpus", r->ngpu);
        json_int(w, "nodes", r->nodes);
        json_end_object(w);
    } else {
        json_null(w, "rig");
    }
    if (d->split.ok)
        report_rig_json_split(w, &d->split);
    else
        json_null(w, "split");
    json_string(w, "command", report_command(cmd, sizeof cmd, q, d) == 0 ? cmd : NULL);
    json_bool(w, "command_model_placeholder", report_command_placeholder(q, d));
}
