/* report_serve.c - the serving plan in text and JSON (see report_serve.h).
 *
 * fprintf/snprintf results are ignored: a failed write sets fp's error
 * flag, which out_finish checks at the end of the report, and the cells
 * are cut to their buffers. Every figure is serve_compute's; only the
 * units change here (bytes to KiB, seconds to ms) and the rounding. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/out.h"
#include "cli/report_serve.h"
#include "model/runtime.h"

/* Unit changes for display only. */
#define REPORT_SERVE_MS_PER_S 1000.0
#define REPORT_SERVE_BYTES_PER_KIB 1024.0
#define REPORT_SERVE_BYTES_PER_GB 1e9     /* decimal GB, the unit of GB/s */
#define REPORT_SERVE_S_PER_DAY 86400.0    /* 24 x 3600 */
/* Room for a line before out_wrap breaks it, and for a number. */
#define REPORT_SERVE_LINE_SIZE 512
#define REPORT_SERVE_NUM_SIZE 48
/* Where a block's lines start, and where their continuation lines do. */
#define REPORT_SERVE_INDENT 2
#define REPORT_SERVE_ITEM 4
#define REPORT_SERVE_CONT 6
/* A dollar figure below 1 keeps this many significant digits, with at
 * most REPORT_SERVE_USD_DECIMALS_MAX decimals. */
#define REPORT_SERVE_USD_DIGITS 2
#define REPORT_SERVE_USD_DECIMALS_MAX 8
/* Dollar figures at or above this are shown without cents. */
#define REPORT_SERVE_USD_WHOLE 100.0

const char *report_serve_usd(char *buf, size_t size, double v)
{
    int decimals = REPORT_SERVE_USD_DIGITS;
    double t = 1.0;

    if (isnan(v)) {
        (void)snprintf(buf, size, "-");
        return buf;
    }
    if (v >= REPORT_SERVE_USD_WHOLE) {
        (void)snprintf(buf, size, "$%.0f", v);
        return buf;
    }
    if (v > 0.0 && v < 1.0) {
        decimals = 0;
        while (v < t && decimals < REPORT_SERVE_USD_DECIMALS_MAX) {
            t /= 10.0;
            decimals++;
        }
        decimals += REPORT_SERVE_USD_DIGITS - 1;
        if (decimals > REPORT_SERVE_USD_DECIMALS_MAX)
            decimals = REPORT_SERVE_USD_DECIMALS_MAX;
    }
    (void)snprintf(buf, size, "$%.*f", decimals, v);
    return buf;
}

/* One "label  text" line of a block, wrapped within OUT_WIDTH. */
static void report_serve_line(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void report_serve_line(FILE *fp, const char *fmt, ...)
{
    char line[REPORT_SERVE_LINE_SIZE];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    (void)fprintf(fp, "%*s", REPORT_SERVE_ITEM, "");
    out_wrap(fp, line, REPORT_SERVE_ITEM, REPORT_SERVE_CONT, OUT_WIDTH);
}

/* Requests a day on average: the user's, else from the average rate. */
static double report_serve_per_day(const qs_query *q, const serve_result *r)
{
    if (q->serve.requests_per_day > 0.0)
        return q->serve.requests_per_day;
    return (r != NULL ? r->avg_rps : q->serve.rps) * REPORT_SERVE_S_PER_DAY;
}

void report_serve_workload_text(FILE *fp, const qs_query *q, const serve_result *r)
{
    const qs_serve_ask *s = &q->serve;
    char line[REPORT_SERVE_LINE_SIZE];
    double avg = r != NULL ? r->avg_rps : s->rps;
    double peak = r != NULL ? r->peak_rps : s->rps * s->peak_factor;

    (void)snprintf(line, sizeof line,
                   "Workload: %.0f requests/day, %.3g rps average, %.3g rps at the peak "
                   "(peak factor %g%s); %ld prompt + %ld output tokens a request%s",
                   report_serve_per_day(q, r), avg, peak, s->peak_factor,
                   s->peak_given ? "" : ", assumed", s->prompt_tokens, s->output_tokens,
                   s->tokens_given ? "" : " (ShareGPT averages, default)");
    out_wrap(fp, line, 0, REPORT_SERVE_INDENT, OUT_WIDTH);
}

void report_serve_workload_json(json_writer *w, const qs_query *q, const serve_result *r)
{
    const qs_serve_ask *s = &q->serve;

    json_number(w, "requests_per_day", report_serve_per_day(q, r));
    json_number(w, "avg_rps", r != NULL ? r->avg_rps : s->rps);
    json_number(w, "peak_rps", r != NULL ? r->peak_rps : s->rps * s->peak_factor);
    json_number(w, "peak_factor", s->peak_factor);
    json_bool(w, "peak_factor_assumed", !s->peak_given);
    json_int(w, "prompt_tokens", s->prompt_tokens);
    json_int(w, "output_tokens", s->output_tokens);
    json_bool(w, "tokens_default", !s->tokens_given);
    if (s->gpu_price > 0.0)
        json_number(w, "gpu_price_usd_per_hour", s->gpu_price);
    else
        json_null(w, "gpu_price_usd_per_hour");
}

static const char *report_serve_runtime(const plan_device *d)
{
    return d != NULL && d->runtime != NULL ? d->runtime->name : "runtime unknown";
}

static void report_serve_heading(FILE *fp, const plan_device *d, const serve_result *r)
{
    char line[REPORT_SERVE_LINE_SIZE];
    const char *id = d != NULL && d->device.id != NULL ? d->device.id : "?";
    const char *name = d != NULL && d->device.name != NULL ? d->device.name : id;

    (void)snprintf(line, sizeof line, "%s (%s): %s%s, %d GPU%s a replica", name, id,
                   report_serve_runtime(d), d != NULL && d->runtime_chosen ? " (default)" : "",
                   r->gpus, r->gpus == 1 ? "" : "s");
    out_wrap(fp, line, 0, REPORT_SERVE_INDENT, OUT_WIDTH);
}

static void report_serve_memory(FILE *fp, const serve_result *r)
{
    (void)fprintf(fp, "%*sMemory\n", REPORT_SERVE_INDENT, "");
    report_serve_line(fp, "weights %.2f GiB a replica", r->weights_gib);
    report_serve_line(fp, "KV cache %.1f KiB a token (layers x 2 x KV heads x head dim x "
                          "bytes), %.3f GiB a request = kv/token x (prompt + output)",
                      r->kv_per_token_bytes / REPORT_SERVE_BYTES_PER_KIB,
                      r->kv_per_request_gib);
    report_serve_line(fp, "KV pool %.2f GiB = util x capacity %.2f - weights %.2f - "
                          "activation %.2f - overhead %.2f",
                      r->kv_pool_gib, r->usable_gib, r->weights_gib, r->activation_gib,
                      r->overhead_gib);
    if (r->concurrency_capped)
        report_serve_line(fp, "max concurrency %ld requests (capped by max_num_seqs %ld)",
                          r->max_concurrency, RUNTIME_MAX_SEQS);
    else
        report_serve_line(fp, "max concurrency %ld requests", r->max_concurrency);
}

static void report_serve_speed(FILE *fp, const serve_result *r)
{
    (void)fprintf(fp, "%*sSpeed\n", REPORT_SERVE_INDENT, "");
    report_serve_line(fp, "decode step at batch %ld: %.2f ms (%s-bound)", r->batch,
                      r->step_s * REPORT_SERVE_MS_PER_S,
                      r->compute_bound ? "compute" : "memory");
    report_serve_line(fp, "memory bound %.2f ms = (W + B x KV) / (eta x BW) = %.2f GB / "
                          "(eta x %.0f GB/s)",
                      r->step_memory_s * REPORT_SERVE_MS_PER_S,
                      r->bytes_per_step / REPORT_SERVE_BYTES_PER_GB, r->bandwidth_gbs);
    if (r->tflops > 0.0)
        report_serve_line(fp, "compute bound %.2f ms = 2 x N x B / (eta x FLOPS), N = %.3g "
                              "active parameters, %.0f TFLOPS",
                          r->step_compute_s * REPORT_SERVE_MS_PER_S, r->active_params,
                          r->tflops);
    else
        report_serve_line(fp, "compute bound not applied (peak TFLOPS unknown)");
    if (r->tflops > 0.0)
        report_serve_line(fp, "prompts admitted meanwhile %.2f ms = compute bound x prompt "
                              "/ output (%.3g), added to the step",
                          r->step_prefill_s * REPORT_SERVE_MS_PER_S, r->prompt_per_output);
    report_serve_line(fp, "at the peak: %.1f tokens/s a request, %.0f tokens/s in aggregate",
                      r->tok_s_per_request, r->tok_s_aggregate);
    report_serve_line(fp, "at capacity (%ld at once): step %.2f ms, %.1f tokens/s a request, "
                          "%.0f tokens/s in aggregate, %.2f s a request",
                      r->max_concurrency, r->step_capacity_s * REPORT_SERVE_MS_PER_S,
                      r->tok_s_per_request_capacity, r->tok_s_capacity, r->request_capacity_s);
    report_serve_line(fp, "prefill %.1f ms = max(2 x N x prompt / (eta x FLOPS), W / (eta x "
                          "BW)); time to first token %.1f ms = prefill + one step; %.2f s a "
                          "request = TTFT + (output - 1) x step",
                      r->prefill_s * REPORT_SERVE_MS_PER_S, r->ttft_s * REPORT_SERVE_MS_PER_S,
                      r->request_s);
    report_serve_line(fp, "assumed: eta %.2f of peak bandwidth, %.0f ms a step, eta %.2f of "
                          "peak FLOPS (UNVERIFIED fits of published runs)",
                      SERVE_BW_EFFICIENCY, SERVE_STEP_OVERHEAD_S * REPORT_SERVE_MS_PER_S,
                      SERVE_COMPUTE_EFFICIENCY);
}

static void report_serve_load(FILE *fp, const serve_result *r)
{
    (void)fprintf(fp, "%*sLoad\n", REPORT_SERVE_INDENT, "");
    report_serve_line(fp, "one replica sustains %.3g requests/s; %d replica%s for %.3g rps "
                          "at the peak; utilisation %.1f%%",
                      r->replica_rps, r->replicas, r->replicas == 1 ? "" : "s", r->peak_rps,
                      r->utilisation * FMT_PERCENT);
}

static void report_serve_price(char *buf, size_t size, const serve_result *r)
{
    char usd[REPORT_SERVE_NUM_SIZE];

    if (r->price_from == SERVE_PRICE_USER)
        (void)snprintf(buf, size, "%s/GPU-hour (--gpu-price)",
                       report_serve_usd(usd, sizeof usd, r->gpu_price));
    else if (r->price_from == SERVE_PRICE_TABLE)
        (void)snprintf(buf, size, "%s/GPU-hour, %s, %s (price table)",
                       report_serve_usd(usd, sizeof usd, r->gpu_price),
                       r->price_source != NULL ? r->price_source : "source unknown",
                       r->price_date != NULL ? r->price_date : "undated");
    else
        (void)snprintf(buf, size, "no price known: give --gpu-price");
}

static void report_serve_cost(FILE *fp, const serve_result *r)
{
    char price[REPORT_SERVE_LINE_SIZE], a[REPORT_SERVE_NUM_SIZE], b[REPORT_SERVE_NUM_SIZE],
        c[REPORT_SERVE_NUM_SIZE], m[REPORT_SERVE_NUM_SIZE];

    (void)fprintf(fp, "%*sCost\n", REPORT_SERVE_INDENT, "");
    report_serve_price(price, sizeof price, r);
    report_serve_line(fp, "price %s", price);
    report_serve_line(fp, "%.0f GPU-hours a day (always on)", r->gpu_hours_per_day);
    if (r->price_from == SERVE_PRICE_NONE)
        return;
    report_serve_line(fp, "%s a month; %s a request always on, %s at capacity; %s per "
                          "million output tokens",
                      report_serve_usd(m, sizeof m, r->cost_per_month),
                      report_serve_usd(a, sizeof a, r->cost_per_request),
                      report_serve_usd(b, sizeof b, r->cost_per_request_busy),
                      report_serve_usd(c, sizeof c, r->cost_per_mtok));
}

void report_serve_device_text(FILE *fp, const plan_device *d, const serve_result *r)
{
    report_serve_heading(fp, d, r);
    if (!r->ok) {
        (void)fprintf(fp, "%*s", REPORT_SERVE_INDENT, "");
        out_wrap(fp, r->why[0] != '\0' ? r->why : "no serving plan", REPORT_SERVE_INDENT,
                 REPORT_SERVE_INDENT, OUT_WIDTH);
        return;
    }
    if (!r->fits) {
        (void)fprintf(fp, "%*s", REPORT_SERVE_INDENT, "");
        out_wrap(fp, r->why, REPORT_SERVE_INDENT, REPORT_SERVE_INDENT, OUT_WIDTH);
        report_serve_memory(fp, r);
        return;
    }
    report_serve_memory(fp, r);
    report_serve_speed(fp, r);
    report_serve_load(fp, r);
    report_serve_cost(fp, r);
}

static const char *report_serve_price_word(serve_price_from f)
{
    return f == SERVE_PRICE_USER ? "user" : f == SERVE_PRICE_TABLE ? "table" : NULL;
}

void report_serve_device_json(json_writer *w, const plan_device *d, const serve_result *r)
{
    int priced = r->ok && r->price_from != SERVE_PRICE_NONE;

    json_string(w, "device", d != NULL ? d->device.id : NULL);
    json_string(w, "device_name", d != NULL ? d->device.name : NULL);
    json_string(w, "runtime", r->runtime != NULL ? r->runtime->name
                              : d != NULL && d->runtime != NULL ? d->runtime->name : NULL);
    json_bool(w, "ok", r->ok);
    json_string(w, "why", r->ok ? NULL : r->why);
    json_bool(w, "fits", r->fits);
    json_int(w, "gpus", r->gpus);
    json_number(w, "weights_gib", r->weights_gib);
    json_number(w, "kv_per_token_bytes", r->kv_per_token_bytes);
    json_number(w, "kv_per_request_gib", r->kv_per_request_gib);
    json_number(w, "kv_pool_gib", r->kv_pool_gib);
    json_number(w, "activation_gib", r->activation_gib);
    json_number(w, "overhead_gib", r->overhead_gib);
    json_number(w, "usable_gib", r->usable_gib);
    json_int(w, "max_concurrency", r->max_concurrency);
    json_bool(w, "concurrency_capped", r->concurrency_capped);
    json_number(w, "bandwidth_gbs", r->bandwidth_gbs);
    json_number(w, "tflops", r->tflops);
    json_number(w, "active_params", r->active_params);
    json_number(w, "bytes_per_step", r->bytes_per_step);
    json_number(w, "step_memory_s", r->step_memory_s);
    json_number(w, "step_compute_s", r->step_compute_s);
    json_number(w, "step_prefill_s", r->step_prefill_s);
    json_number(w, "prompt_per_output", r->prompt_per_output);
    json_number(w, "step_s", r->step_s);
    json_bool(w, "compute_bound", r->compute_bound);
    json_number(w, "tok_s_per_request", r->tok_s_per_request);
    json_number(w, "tok_s_aggregate", r->tok_s_aggregate);
    json_number(w, "step_capacity_s", r->step_capacity_s);
    json_number(w, "tok_s_per_request_capacity", r->tok_s_per_request_capacity);
    json_number(w, "tok_s_capacity", r->tok_s_capacity);
    json_number(w, "request_capacity_s", r->request_capacity_s);
    json_number(w, "bw_efficiency", SERVE_BW_EFFICIENCY);
    json_number(w, "step_overhead_s", SERVE_STEP_OVERHEAD_S);
    json_number(w, "compute_efficiency", SERVE_COMPUTE_EFFICIENCY);
    json_number(w, "prefill_s", r->prefill_s);
    json_number(w, "ttft_s", r->ttft_s);
    json_number(w, "request_s", r->request_s);
    json_int(w, "batch", r->batch);
    json_number(w, "avg_rps", r->avg_rps);
    json_number(w, "peak_rps", r->peak_rps);
    json_number(w, "replica_rps", r->replica_rps);
    json_int(w, "replicas", r->replicas);
    json_number(w, "utilisation", r->utilisation);
    json_string(w, "price_from", report_serve_price_word(r->price_from));
    if (priced)
        json_number(w, "gpu_price_usd_per_hour", r->gpu_price);
    else
        json_null(w, "gpu_price_usd_per_hour");
    json_string(w, "price_source", r->price_source);
    json_string(w, "price_date", r->price_date);
    json_number(w, "gpu_hours_per_day", r->gpu_hours_per_day);
    if (priced) {
        json_number(w, "cost_per_month_usd", r->cost_per_month);
        json_number(w, "cost_per_request_usd", r->cost_per_request);
        json_number(w, "cost_per_request_busy_usd", r->cost_per_request_busy);
        json_number(w, "cost_per_mtok_usd", r->cost_per_mtok);
    } else {
        json_null(w, "cost_per_month_usd");
        json_null(w, "cost_per_request_usd");
        json_null(w, "cost_per_request_busy_usd");
        json_null(w, "cost_per_mtok_usd");
    }
}

size_t report_serve_targets(const qs_plan *p, size_t *idx, size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < p->ndevices && n < max; i++)
        if (!p->devices[i].host)
            idx[n++] = i;
    for (i = 0; n == 0 && i < p->ndevices; i++)
        if (p->devices[i].device.is_gpu && p->devices[i].device.kind != DEV_KIND_HOST)
            idx[n++] = i;
    return n;
}

int report_serve(FILE *fp, const qs_query *q, const qs_plan *p, int json, tab_style style)
{
    size_t idx[QUERY_DEVICES_MAX], n, k;
    serve_result first;
    json_writer w;

    (void)style;
    if (fp == NULL || q == NULL || p == NULL)
        return -1;
    n = report_serve_targets(p, idx, QUERY_DEVICES_MAX);
    memset(&first, 0, sizeof first);
    if (n > 0)
        (void)serve_compute(q, p, idx[0], &first);
    if (json) {
        json_init(&w, fp);
        json_begin_object(&w, NULL);
        json_string(&w, "model", query_model_label(q));
        json_string(&w, "format", query_format_name(q));
        json_begin_object(&w, "workload");
        report_serve_workload_json(&w, q, n > 0 && first.ok ? &first : NULL);
        json_end_object(&w);
        json_begin_array(&w, "devices");
    } else {
        report_serve_workload_text(fp, q, n > 0 && first.ok ? &first : NULL);
        if (n == 0)
            (void)fprintf(fp, "No GPU to serve on: give --device.\n");
    }
    for (k = 0; k < n; k++) {
        serve_result r;

        if (k == 0)
            r = first;
        else
            (void)serve_compute(q, p, idx[k], &r);
        if (json) {
            json_begin_object(&w, NULL);
            report_serve_device_json(&w, &p->devices[idx[k]], &r);
            json_end_object(&w);
        } else {
            (void)fputc('\n', fp);
            report_serve_device_text(fp, &p->devices[idx[k]], &r);
        }
    }
    if (!json)
        return out_finish(fp);
    json_end_array(&w);
    json_end_object(&w);
    return out_finish_json(&w, fp);
}
