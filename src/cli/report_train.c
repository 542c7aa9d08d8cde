/* report_train.c - --train (report_train.h): the heading with the ask,
 * the table of terms, the fit on each target, the notes and the rules of
 * thumb; or every figure as JSON.
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/json.h"
#include "cli/out.h"
#include "cli/report_train.h"
#include "model/memory.h"
#include "model/train.h"

/* Text tables are indented by this much, as the other reports'. */
#define REPORT_TRAIN_INDENT 2
/* Room for one line of prose before out_wrap breaks it, and for a cell. */
#define REPORT_TRAIN_LINE 1024
#define REPORT_TRAIN_CELL 48
/* Decimals of a bytes-per-parameter figure (0.516, 16). */
#define REPORT_TRAIN_BPP_DECIMALS 3

/* The targets fitted against: the query's devices that are not this
 * machine's. */
static size_t report_train_targets(const qs_query *q, size_t *idx, size_t max)
{
    size_t i, n = 0;

    for (i = q->nhost; i < q->ndevices && n < max; i++)
        idx[n++] = i;
    return n;
}

static double report_train_gib(double bytes)
{
    return bytes / MEMORY_BYTES_PER_GIB;
}

static const char *report_train_mode_label(train_mode m)
{
    switch (m) {
    case TRAIN_FULL:
        return "full fine-tuning (mixed precision)";
    case TRAIN_LORA:
        return "LoRA (16-bit base)";
    case TRAIN_QLORA:
        return "QLoRA (NF4 base with double quantization)";
    case TRAIN_NONE:
    default:
        return "no fine-tuning";
    }
}

static const char *report_train_targets_label(train_targets t)
{
    switch (t) {
    case TRAIN_TARGETS_ATTENTION:
        return "attention (q, k, v, o)";
    case TRAIN_TARGETS_MLP:
        return "MLP (gate, up, down)";
    case TRAIN_TARGETS_DEFAULT:
    case TRAIN_TARGETS_ALL:
    default:
        return "all linear layers (q, k, v, o, gate, up, down)";
    }
}

/* The bytes-per-parameter cell: "16", "0.528", or "-". */
static void report_train_bpp(char *buf, size_t size, const train_term *t)
{
    if (t->per_param < 0.0 || t->params <= 0.0)
        (void)snprintf(buf, size, "-");
    else
        (void)fmt_bits(buf, size, t->per_param, REPORT_TRAIN_BPP_DECIMALS);
}

/* The model states (everything but the working memory) a parameter. */
static double report_train_states_per_param(const train_result *r)
{
    double s = r->term[TRAIN_TERM_FROZEN].bytes + r->term[TRAIN_TERM_WEIGHTS].bytes +
               r->term[TRAIN_TERM_GRADS].bytes + r->term[TRAIN_TERM_MASTER].bytes +
               r->term[TRAIN_TERM_OPTIMIZER].bytes;

    return s / r->params;
}

static void report_train_tab(tab *t, const train_result *r, tab_style style)
{
    char bpp[REPORT_TRAIN_CELL];
    size_t i;
    int text = style == TAB_STYLE_TEXT;

    tab_init(t);
    (void)tab_col(t, "term", TAB_LEFT);
    (void)tab_col(t, "B/param", TAB_RIGHT);
    (void)tab_col(t, "GiB", TAB_RIGHT);
    (void)tab_col(t, "source", TAB_LEFT);
    for (i = 0; i < TRAIN_TERMS; i++) {
        const train_term *m = &r->term[i];

        report_train_bpp(bpp, sizeof bpp, m);
        (void)tab_row(t);
        (void)tab_cell(t, "%s", m->label);
        (void)tab_cell(t, "%s", bpp);
        (void)tab_cell(t, "%.2f", report_train_gib(m->bytes));
        if (text)
            (void)tab_cell(t, "[%zu]", i + 1);
        else
            (void)tab_cell(t, "%s", m->source);
    }
    (void)tab_row(t);
    (void)tab_cell(t, "total");
    (void)tab_cell(t, "-");
    (void)tab_cell(t, "%.2f", report_train_gib(r->total_bytes));
    (void)tab_cell(t, "%s", text ? "" : "the sum of the terms");
}

/* A paragraph: wrapped text, or as it is in Markdown; nothing in CSV. */
static void report_train_para(FILE *fp, tab_style style, const char *text, int indent)
{
    if (style == TAB_STYLE_CSV)
        return;
    if (style == TAB_STYLE_MARKDOWN) {
        for (; *text != '\0'; text++)
            (void)fputc(*text == OUT_NBSP ? ' ' : *text, fp);
        (void)fputs("\n\n", fp);
        return;
    }
    (void)fprintf(fp, "%*s", indent, "");
    out_wrap(fp, text, indent, indent + REPORT_TRAIN_INDENT, OUT_WIDTH);
}

static void report_train_heading(FILE *fp, const qs_query *q, const train_result *r,
                                 tab_style style)
{
    char line[REPORT_TRAIN_LINE], model[REPORT_TRAIN_CELL], tr[REPORT_TRAIN_CELL];

    (void)snprintf(line, sizeof line, "Fine-tuning %s: %s.",
                   fmt_model(model, sizeof model, query_model_label(q), r->params),
                   report_train_mode_label(r->mode));
    report_train_para(fp, style, line, 0);
    if (r->mode == TRAIN_FULL)
        (void)snprintf(line, sizeof line,
                       "Assumptions: every parameter trains; %ld tokens x micro-batch %d; "
                       "gradient checkpointing %s%s; optimizer %s%s.",
                       r->seq, r->micro_batch, r->checkpointing ? "on" : "off",
                       r->checkpointing_default ? " (default)" : "",
                       train_optimizer_name(r->optimizer),
                       r->optimizer_default ? " (default)" : "");
    else
        (void)snprintf(line, sizeof line,
                       "Assumptions: rank %d on %s, %d matrices in all; %ld tokens x "
                       "micro-batch %d; gradient checkpointing %s%s; optimizer %s%s. "
                       "Trainable: %s parameters (%.2f%% of the model).",
                       r->rank, report_train_targets_label(r->targets), r->lora_matrices,
                       r->seq, r->micro_batch, r->checkpointing ? "on" : "off",
                       r->checkpointing_default ? " (default)" : "",
                       train_optimizer_name(r->optimizer),
                       r->optimizer_default ? " (default)" : "",
                       fmt_params(tr, sizeof tr, r->trainable),
                       r->trainable / r->params * FMT_PERCENT);
    report_train_para(fp, style, line, 0);
}

/* The fit line of target device d. */
static void report_train_fit_line(FILE *fp, const qs_query *q, size_t i, const train_result *r,
                                  tab_style style)
{
    const qs_device *d = &q->devices[i];
    train_fit f = train_fit_on(r, d, q->apple_share);
    char line[REPORT_TRAIN_LINE];
    const char *id = d->id != NULL ? d->id : "?";
    const char *name = d->name != NULL ? d->name : id;

    if (!f.ok)
        (void)snprintf(line, sizeof line, "%s: capacity not usable.", id);
    else
        (void)snprintf(line, sizeof line, "%s%s%s%s: %.2f GiB of %.2f GiB usable (%.0f%%): %s%s.",
                       name, strcmp(name, id) != 0 ? " (" : "", strcmp(name, id) != 0 ? id : "",
                       strcmp(name, id) != 0 ? ")" : "", f.need_gib, f.usable_gib,
                       f.share * FMT_PERCENT, fit_verdict_word(f.verdict),
                       q->rigs[i].ngpu > 1 || q->rigs[i].nodes > 1
                           ? " (a rig's memory as one pool, as ZeRO-3 or FSDP shard it; "
                             "their buffers are not counted)"
                           : "");
    report_train_para(fp, style, line, style == TAB_STYLE_TEXT ? REPORT_TRAIN_INDENT : 0);
}

static void report_train_notes(FILE *fp, const train_result *r, tab_style style)
{
    char line[REPORT_TRAIN_LINE], n[REPORT_TRAIN_CELL], k[REPORT_TRAIN_CELL];

    if (r->mode == TRAIN_QLORA) {
        (void)snprintf(line, sizeof line,
                       "Frozen base: %s linear weights at %.10g bits (NF4, blocks of 64, "
                       "double-quantized constants: 4 + 8/64 + 32/(64 x 256), the paper's "
                       "4.127); the "
                       "embeddings, LM head and norms (%s) stay 16-bit, as bitsandbytes "
                       "leaves them.",
                       fmt_params(n, sizeof n, r->quantized), TRAIN_NF4_DQ_BITS,
                       fmt_params(k, sizeof k, r->kept_16bit));
        report_train_para(fp, style, line, 0);
    }
    if (r->mode != TRAIN_FULL) {
        (void)snprintf(line, sizeof line,
                       "Adapter file: %.3f GiB (%s parameters x %g bytes, bf16 safetensors). "
                       "Adapters train in mixed precision: 16-bit copy, gradient and fp32 "
                       "master (PEFT keeps them fp32: 4 + 4, the same %g bytes with AdamW).",
                       report_train_gib(r->adapter_file_bytes),
                       fmt_params(n, sizeof n, r->trainable), TRAIN_BYTES_ADAPTER_FILE,
                       r->per_trainable);
        report_train_para(fp, style, line, 0);
    }
    if (r->pageable_bytes > 0.0) {
        (void)snprintf(line, sizeof line,
                       "Paged AdamW: its %.2f GiB of states are counted, but can page to CPU "
                       "RAM on a memory spike (NVIDIA unified memory).",
                       report_train_gib(r->pageable_bytes));
        report_train_para(fp, style, line, 0);
    }
    if (r->experts_skipped || r->other_mixers) {
        (void)snprintf(line, sizeof line, "Not adapted: %s%s%s.",
                       r->experts_skipped ? "the routed experts" : "",
                       r->experts_skipped && r->other_mixers ? "; " : "",
                       r->other_mixers ? "the linear-attention and SSM layers' projections" : "");
        report_train_para(fp, style, line, 0);
    }
    (void)snprintf(line, sizeof line,
                   "Activations: Korthikanti et al.'s template for a GPT-style layer (4h "
                   "MLP, MHA); SwiGLU and GQA change its 34 (UNVERIFIED by how much), so "
                   "read it as an upper bound.");
    report_train_para(fp, style, line, 0);
}

static void report_train_rules(FILE *fp, const train_result *r, tab_style style)
{
    char line[REPORT_TRAIN_LINE];

    (void)snprintf(line, sizeof line,
                   "Rules of thumb, full fine-tuning before activations: mixed-precision "
                   "Adam, %g\tB/param (ZeRO, arXiv 1910.02054): %.2f GiB; HF accelerate "
                   "estimate-memory, %g x the 16-bit model: %.2f GiB (it leaves out the "
                   "fp32 master copy).",
                   TRAIN_RULE_ADAM_BYTES, report_train_gib(r->rule_adam_bytes),
                   TRAIN_RULE_HF_FACTOR, report_train_gib(r->rule_hf_bytes));
    report_train_para(fp, style, line, 0);
}

static void report_train_text(FILE *fp, const qs_query *q, const train_result *r,
                              tab_style style, tab *t)
{
    size_t idx[QUERY_DEVICES_MAX], n, k;
    char line[REPORT_TRAIN_LINE];
    int text = style == TAB_STYLE_TEXT;

    report_train_heading(fp, q, r, style);
    if (text)
        (void)fputc('\n', fp);
    report_train_tab(t, r, style);
    tab_print(t, style, REPORT_TRAIN_INDENT, fp);
    if (style == TAB_STYLE_CSV)
        return;
    for (k = 0; text && k < TRAIN_TERMS; k++) {
        (void)snprintf(line, sizeof line, "[%zu] %s", k + 1, r->term[k].source);
        (void)fprintf(fp, "%*s", REPORT_TRAIN_INDENT, "");
        out_wrap(fp, line, REPORT_TRAIN_INDENT, REPORT_TRAIN_INDENT * 3, OUT_WIDTH);
    }
    (void)fputc('\n', fp);
    (void)snprintf(line, sizeof line,
                   "Model states (frozen base, weights, gradients, master, optimizer): %.2f\t"
                   "B/param of the model (%.2f GiB); activations, logits and overhead on top: "
                   "%.2f GiB.",
                   report_train_states_per_param(r),
                   report_train_gib(report_train_states_per_param(r) * r->params),
                   report_train_gib(r->term[TRAIN_TERM_ACTIVATIONS].bytes +
                                    r->term[TRAIN_TERM_LOGITS].bytes +
                                    r->term[TRAIN_TERM_OVERHEAD].bytes));
    report_train_para(fp, style, line, 0);
    if (text)
        (void)fputc('\n', fp);
    n = report_train_targets(q, idx, QUERY_DEVICES_MAX);
    if (n == 0)
        report_train_para(fp, style, "No target device: give --device to see the fit.", 0);
    for (k = 0; k < n; k++)
        report_train_fit_line(fp, q, idx[k], r, style);
    if (n > 0) {
        (void)snprintf(line, sizeof line,
                       "fits: total <= %.0f%% of usable memory; tight: <= %.0f%%; no fit: "
                       "above.",
                       FIT_SHARE_FITS * FMT_PERCENT, FIT_SHARE_TIGHT * FMT_PERCENT);
        report_train_para(fp, style, line, text ? REPORT_TRAIN_INDENT : 0);
    }
    if (text)
        (void)fputc('\n', fp);
    report_train_notes(fp, r, style);
    report_train_rules(fp, r, style);
}

static void report_train_json_ask(json_writer *w, const train_result *r)
{
    json_begin_object(w, "assumptions");
    json_string(w, "mode", train_mode_name(r->mode));
    if (r->mode != TRAIN_FULL) {
        json_int(w, "rank", r->rank);
        json_string(w, "targets", train_targets_name(r->targets));
        json_int(w, "lora_matrices", r->lora_matrices);
        json_bool(w, "experts_skipped", r->experts_skipped);
        json_bool(w, "other_mixers_skipped", r->other_mixers);
    }
    json_int(w, "seq", r->seq);
    json_int(w, "micro_batch", r->micro_batch);
    json_bool(w, "grad_checkpointing", r->checkpointing);
    json_bool(w, "grad_checkpointing_default", r->checkpointing_default);
    json_string(w, "optimizer", train_optimizer_name(r->optimizer));
    json_bool(w, "optimizer_default", r->optimizer_default);
    json_end_object(w);
}

static void report_train_json_terms(json_writer *w, const train_result *r)
{
    size_t i;

    json_begin_array(w, "terms");
    for (i = 0; i < TRAIN_TERMS; i++) {
        const train_term *t = &r->term[i];

        json_begin_object(w, NULL);
        json_string(w, "term", t->id);
        json_string(w, "label", t->label);
        json_number(w, "bytes", t->bytes);
        json_number(w, "gib", report_train_gib(t->bytes));
        if (t->per_param < 0.0 || t->params <= 0.0) {
            json_null(w, "bytes_per_param");
            json_null(w, "params");
        } else {
            json_number(w, "bytes_per_param", t->per_param);
            json_number(w, "params", t->params);
        }
        json_string(w, "source", t->source);
        json_end_object(w);
    }
    json_end_array(w);
}

static void report_train_json_rules(json_writer *w, const train_result *r)
{
    json_begin_array(w, "rules_of_thumb");
    json_begin_object(w, NULL);
    json_string(w, "rule", "mixed_precision_adam");
    json_string(w, "label", "mixed-precision Adam, 16 B/param (full fine-tuning)");
    json_number(w, "bytes_per_param", TRAIN_RULE_ADAM_BYTES);
    json_number(w, "bytes", r->rule_adam_bytes);
    json_number(w, "gib", report_train_gib(r->rule_adam_bytes));
    json_string(w, "source", "Rajbhandari et al., ZeRO, arXiv 1910.02054");
    json_end_object(w);
    json_begin_object(w, NULL);
    json_string(w, "rule", "hf_accelerate_4x");
    json_string(w, "label", "HF accelerate estimate-memory, 4 x the 16-bit model");
    json_number(w, "bytes_per_param", TRAIN_RULE_HF_FACTOR * TRAIN_BYTES_16BIT);
    json_number(w, "bytes", r->rule_hf_bytes);
    json_number(w, "gib", report_train_gib(r->rule_hf_bytes));
    json_string(w, "source", "HF accelerate estimate-memory, \"Training using Adam\"");
    json_end_object(w);
    json_end_array(w);
}

static void report_train_json_devices(json_writer *w, const qs_query *q, const train_result *r)
{
    size_t idx[QUERY_DEVICES_MAX], n, k;
    int all = 1;

    n = report_train_targets(q, idx, QUERY_DEVICES_MAX);
    json_begin_array(w, "devices");
    for (k = 0; k < n; k++) {
        const qs_device *d = &q->devices[idx[k]];
        train_fit f = train_fit_on(r, d, q->apple_share);

        json_begin_object(w, NULL);
        json_string(w, "id", d->id);
        json_string(w, "name", d->name);
        json_number(w, "capacity_gib", f.capacity_gib);
        json_number(w, "usable_gib", f.usable_gib);
        json_number(w, "need_gib", f.need_gib);
        json_number(w, "share", f.share);
        json_string(w, "verdict", f.ok ? fit_verdict_word(f.verdict) : NULL);
        json_bool(w, "fits", f.fits);
        json_end_object(w);
        all = all && f.fits;
    }
    json_end_array(w);
    json_bool(w, "fits", n > 0 && all);
}

static void report_train_json(json_writer *w, const qs_query *q, const train_result *r)
{
    json_begin_object(w, NULL);
    json_string(w, "model", query_model_label(q));
    json_number(w, "params", r->params);
    json_string(w, "mode", train_mode_name(r->mode));
    report_train_json_ask(w, r);
    json_number(w, "trainable_params", r->trainable);
    json_number(w, "bytes_per_trainable_param", r->per_trainable);
    json_number(w, "model_states_bytes_per_param", report_train_states_per_param(r));
    if (r->mode == TRAIN_QLORA) {
        json_number(w, "nf4_dq_bits", TRAIN_NF4_DQ_BITS);
        json_number(w, "quantized_params", r->quantized);
        json_number(w, "kept_16bit_params", r->kept_16bit);
    }
    report_train_json_terms(w, r);
    json_number(w, "total_bytes", r->total_bytes);
    json_number(w, "total_gib", report_train_gib(r->total_bytes));
    json_number(w, "pageable_bytes", r->pageable_bytes);
    json_number(w, "adapter_file_bytes", r->adapter_file_bytes);
    json_number(w, "adapter_file_gib", report_train_gib(r->adapter_file_bytes));
    report_train_json_rules(w, r);
    report_train_json_devices(w, q, r);
    json_end_object(w);
}

int report_train(FILE *fp, const qs_query *q, const qs_plan *p, int json, tab_style style)
{
    train_result *r;
    json_writer w;
    tab *t;
    int rc;

    (void)p;
    if (fp == NULL || q == NULL)
        return -1;
    r = malloc(sizeof *r);
    t = json ? NULL : malloc(sizeof *t);
    if (r == NULL || (!json && t == NULL)) {
        free(r);
        free(t);
        (void)fprintf(stderr, "quantscope: --train: out of memory\n");
        return -1;
    }
    if (train_compute(q, r) != 0) {
        (void)fprintf(stderr, "quantscope: --train: %s\n", r->why);
        free(r);
        free(t);
        return 2;
    }
    if (json) {
        json_init(&w, fp);
        report_train_json(&w, q, r);
        rc = out_finish_json(&w, fp);
    } else {
        report_train_text(fp, q, r, style, t);
        rc = out_finish(fp);
    }
    free(r);
    free(t);
    return rc;
}
