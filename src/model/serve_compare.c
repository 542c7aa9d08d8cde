/* serve_compare.c - the serving plan of several formats side by side, and
 * the recommendation (serve.h: serve_compare). */
#include "model/serve.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two costs within this share of each other are a tie (a month at the same
 * replicas costs the same to the cent). */
#define SERVE_COST_TIE 1e-9

/* 1 when row a is cheaper than row b: the lower cost a month, then the
 * lower cost a request at capacity (without a price: fewer GPU-hours, then
 * the higher capacity). */
static int serve_cheaper(const serve_result *a, const serve_result *b)
{
    if (a->price_from != SERVE_PRICE_NONE && b->price_from != SERVE_PRICE_NONE) {
        if (fabs(a->cost_per_month - b->cost_per_month) >
            SERVE_COST_TIE * fmax(a->cost_per_month, b->cost_per_month))
            return a->cost_per_month < b->cost_per_month;
        return a->cost_per_request_busy < b->cost_per_request_busy;
    }
    if (a->gpu_hours_per_day != b->gpu_hours_per_day)
        return a->gpu_hours_per_day < b->gpu_hours_per_day;
    return a->replica_rps > b->replica_rps;
}

static int serve_eligible(const serve_row *row, double max_loss)
{
    return row->serve.ok && row->serve.fits && row->loss_pct >= 0.0 &&
           row->loss_pct <= max_loss;
}

static const char *serve_row_name(const serve_row *row)
{
    return row->format != NULL && row->format->name != NULL ? row->format->name : "?";
}

/* The sentence on what sets the cost. */
static void serve_dominant(const qs_query *q, serve_comparison *c)
{
    const serve_row *best = c->recommended >= 0 ? &c->row[c->recommended] : NULL;
    const serve_result *r = best != NULL ? &best->serve : NULL;

    if (r == NULL) {
        (void)snprintf(c->dominant, sizeof c->dominant,
                       "no format is recommended, so no assumption is weighed");
        return;
    }
    if (r->utilisation < SERVE_IDLE_SHARE)
        (void)snprintf(c->dominant, sizeof c->dominant,
                       "the always-on GPU price: the load uses %.1f%% of %d replica%s, so a "
                       "month costs %d x %d GPU(s) x 24 h whatever the format (%.2g USD a "
                       "request always on); the price per GPU-hour (%s) sets it, and a "
                       "format saves only where it frees a GPU or serves more requests",
                       r->utilisation * 100.0, r->replicas, r->replicas == 1 ? "" : "s",
                       r->replicas, r->gpus, r->cost_per_request,
                       r->price_from == SERVE_PRICE_USER ? "--gpu-price" : "the price table's");
    else
        (void)snprintf(c->dominant, sizeof c->dominant,
                       "the peak load: %d replicas for %.3g requests/s at the peak (peak "
                       "factor %g%s); each replica's capacity follows the KV pool and the "
                       "decode roofline",
                       r->replicas, r->peak_rps, q->serve.peak_factor,
                       q->serve.peak_given ? "" : ", assumed");
}

static void serve_recommend(serve_comparison *c)
{
    int best = -1;

    for (size_t k = 0; k < c->n; k++)
        if (serve_eligible(&c->row[k], c->max_loss_pct) &&
            (best < 0 || serve_cheaper(&c->row[k].serve, &c->row[best].serve)))
            best = (int)k;
    c->recommended = best;
    if (best < 0) {
        (void)snprintf(c->recommendation, sizeof c->recommendation,
                       "none of the formats fits with a published quality loss within %g%%",
                       c->max_loss_pct);
        return;
    }
    /* The cheaper format the rule left out, if any. */
    int cheaper = -1;
    for (size_t k = 0; k < c->n; k++)
        if ((int)k != best && c->row[k].serve.ok && c->row[k].serve.fits &&
            serve_cheaper(&c->row[k].serve, &c->row[best].serve))
            cheaper = (int)k;
    if (cheaper >= 0 && c->row[cheaper].loss_pct >= 0.0)
        (void)snprintf(c->recommendation, sizeof c->recommendation,
                       "%s: the cheapest within %g%% quality loss (%.2g%%); %s costs less "
                       "but loses %.3g%%",
                       serve_row_name(&c->row[best]), c->max_loss_pct, c->row[best].loss_pct,
                       serve_row_name(&c->row[cheaper]), c->row[cheaper].loss_pct);
    else if (cheaper >= 0)
        (void)snprintf(c->recommendation, sizeof c->recommendation,
                       "%s: the cheapest within %g%% quality loss (%.2g%%); %s costs less "
                       "but its loss is not published",
                       serve_row_name(&c->row[best]), c->max_loss_pct, c->row[best].loss_pct,
                       serve_row_name(&c->row[cheaper]));
    else
        (void)snprintf(c->recommendation, sizeof c->recommendation,
                       "%s: the cheapest of these, within %g%% quality loss (%.2g%%)",
                       serve_row_name(&c->row[best]), c->max_loss_pct, c->row[best].loss_pct);
}

int serve_compare(const qs_query *q, size_t i, const qs_format *const *f, size_t n,
                  double max_loss_pct, serve_comparison *c)
{
    qs_query *qc;
    qs_plan *pc;

    memset(c, 0, sizeof *c);
    c->recommended = -1;
    c->max_loss_pct = max_loss_pct;
    if (q == NULL || f == NULL || n == 0 || n > SERVE_COMPARE_MAX || !(max_loss_pct >= 0.0))
        return -1;
    qc = malloc(sizeof *qc);
    pc = malloc(sizeof *pc);
    if (qc == NULL || pc == NULL) {
        free(qc);
        free(pc);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        serve_row *row = &c->row[k];
        *qc = *q;
        query_set_weights(qc, f[k], f[k]->bits);
        row->format = f[k];
        row->quality = quality_of(f[k]);
        row->loss_pct = row->quality != NULL ? row->quality->loss_pct : -1.0;
        if (plan_compute(qc, pc) != 0) {
            row->serve.ok = 0;
            (void)snprintf(row->serve.why, sizeof row->serve.why,
                           "the query cannot be evaluated at %s", f[k]->name);
            continue;
        }
        (void)serve_compute(qc, pc, i, &row->serve);
    }
    free(qc);
    free(pc);
    c->n = n;
    c->ok = 1;
    serve_recommend(c);
    serve_dominant(q, c);
    return 0;
}
