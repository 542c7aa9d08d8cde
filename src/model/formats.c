/* formats.c - the functions over the table of named precisions.
 *
 * The table itself is data: data/formats.tsv, one row per format with its
 * source (quantize.cpp's perplexities, Llama-3.1-8B file sizes, the block
 * layouts, each library's storage layout), generated into formats_data.c
 * by the build (formats_data.h). Quality notes follow the usual guidance:
 * FP16 almost no loss (the default), INT8 minimal loss, INT4 noticeable but
 * acceptable, INT2 experiments only. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/formats.h"
#include "model/formats_data.h"
#include "model/parse.h"
#include "model/suggest.h"

/* What may stand between a variable-rate format's name and its rate
 * ("exl2-4.65", "exl2:4.65", "exl2_4.65", "exl2@4.65", "exl2 4.65"), and
 * what may follow the rate ("4.65bpw", "4.65b"), longest first. */
#define FORMATS_RATE_SEPS "-:_@ "
static const char *const formats_rate_units[] = { "bpw", "b", "" };
#define FORMATS_NUNITS (sizeof formats_rate_units / sizeof formats_rate_units[0])
/* The longest rate read ("4.6500"), and the longest name compared once
 * its separators are dropped (formats_suggest). */
#define FORMATS_RATE_MAX 16
#define FORMATS_NAME_MAX 64
/* Characters formats_suggest ignores when it compares names. */
#define FORMATS_SUGGEST_SEPS "_-.: "
/* A relative change is printed in percent, with one decimal, or two below
 * FORMATS_PCT_FINE percent (Q8_0's +0.04%). */
#define FORMATS_PERCENT 100.0
#define FORMATS_PCT_FINE 0.1
#define FORMATS_PCT_DIGITS 1
#define FORMATS_PCT_DIGITS_FINE 2
/* Room for " (+873.98%)". */
#define FORMATS_REL_SIZE 32

#define FORMATS_N formats_data_count

/* The words of the enums, from formats.h's lists. */
#define FORMATS_WORD_(id, word) word,
static const char *const formats_family_words[] = { FORMATS_FAMILIES(FORMATS_WORD_) };
static const char *const formats_layout_words[] = { FORMATS_LAYOUTS(FORMATS_WORD_) };
static const char *const formats_kind_words[] = { FORMATS_BITS_KINDS(FORMATS_WORD_) };
#undef FORMATS_WORD_

size_t formats_count(void)
{
    size_t i, n = 0;

    for (i = 0; i < FORMATS_N; i++)
        n += formats_data[i].ladder != 0;
    return n;
}

const qs_format *formats_get(size_t i)
{
    size_t k;

    for (k = 0; k < FORMATS_N; k++) {
        if (!formats_data[k].ladder)
            continue;
        if (i == 0)
            return &formats_data[k];
        i--;
    }
    return NULL;
}

size_t formats_all_count(void)
{
    return FORMATS_N;
}

const qs_format *formats_all_get(size_t i)
{
    return i < FORMATS_N ? &formats_data[i] : NULL;
}

/* The length of the next space-separated word of `list` at *p, moving *p
 * past it and the spaces after it; 0 at the end. */
static size_t formats_next_word(const char **p, const char **word)
{
    size_t w;

    while (**p == ' ')
        (*p)++;
    *word = *p;
    w = strcspn(*p, " ");
    *p += w;
    return w;
}

/* 1 when `name` equals one of the space-separated words of `list`,
 * ignoring case. */
static int formats_alias_match(const char *list, const char *name)
{
    size_t len = strlen(name), w;
    const char *p = list, *word;

    while ((w = formats_next_word(&p, &word)) > 0)
        if (w == len && strncasecmp(word, name, len) == 0)
            return 1;
    return 0;
}

const qs_format *formats_find(const char *name)
{
    size_t i;

    if (name == NULL || *name == '\0')
        return NULL;
    for (i = 0; i < FORMATS_N; i++)
        if (strcasecmp(formats_data[i].name, name) == 0)
            return &formats_data[i];
    for (i = 0; i < FORMATS_N; i++)
        if (formats_alias_match(formats_data[i].aliases, name))
            return &formats_data[i];
    return NULL;
}

/* `name` as `word` (wlen bytes), a separator, a rate in [bits_lo, bits_hi]
 * and an optional unit: 0 with *bits set, or -1. */
static int formats_rate(const qs_format *f, const char *word, size_t wlen, const char *name,
                        double *bits)
{
    const char *rate;
    size_t n, k;

    if (wlen == 0 || strncasecmp(name, word, wlen) != 0 || name[wlen] == '\0' ||
        strchr(FORMATS_RATE_SEPS, name[wlen]) == NULL)
        return -1;
    rate = name + wlen + 1;
    n = strlen(rate);
    for (k = 0; k < FORMATS_NUNITS; k++) {
        size_t u = strlen(formats_rate_units[k]);
        char buf[FORMATS_RATE_MAX + 1];
        double v;

        if (n <= u || n - u > FORMATS_RATE_MAX ||
            strcasecmp(rate + n - u, formats_rate_units[k]) != 0)
            continue;
        memcpy(buf, rate, n - u);
        buf[n - u] = '\0';
        if (parse_decimal(buf, &v) == 0 && v >= f->bits_lo && v <= f->bits_hi) {
            *bits = v;
            return 0;
        }
    }
    return -1;
}

int formats_parse(const char *name, const qs_format **f, double *bits)
{
    const qs_format *x;
    size_t i;

    if (name == NULL || f == NULL || bits == NULL)
        return -1;
    x = formats_find(name);
    if (x != NULL) {
        *f = x;
        *bits = x->bits;
        return 0;
    }
    for (i = 0; i < FORMATS_N; i++) {
        const qs_format *r = &formats_data[i];
        const char *p = r->aliases, *word;
        size_t w;

        if (!(r->bits_hi > 0.0))
            continue;
        if (formats_rate(r, r->name, strlen(r->name), name, bits) == 0) {
            *f = r;
            return 0;
        }
        while ((w = formats_next_word(&p, &word)) > 0) {
            if (formats_rate(r, word, w, name, bits) == 0) {
                *f = r;
                return 0;
            }
        }
    }
    return -1;
}

/* s (n bytes) in lowercase without FORMATS_SUGGEST_SEPS into out (at
 * least FORMATS_NAME_MAX + 1 bytes); 0 when it is longer than that. */
static size_t formats_norm(const char *s, size_t n, char *out)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        char c = s[i];

        if (strchr(FORMATS_SUGGEST_SEPS, c) != NULL)
            continue;
        if (k == FORMATS_NAME_MAX)
            return 0;
        out[k++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[k] = '\0';
    return k;
}

/* 1 when the row's name or one of its aliases normalises to `norm`. */
static int formats_norm_match(const qs_format *r, const char *norm)
{
    char buf[FORMATS_NAME_MAX + 1];
    const char *p = r->aliases, *word;
    size_t w;

    if (formats_norm(r->name, strlen(r->name), buf) > 0 && strcmp(buf, norm) == 0)
        return 1;
    while ((w = formats_next_word(&p, &word)) > 0)
        if (formats_norm(word, w, buf) > 0 && strcmp(buf, norm) == 0)
            return 1;
    return 0;
}

static const char *formats_id_at(size_t i)
{
    return formats_data[i].name;
}

/* Appends r to out[0 .. *n) unless it is there already or out is full. */
static void formats_add(const qs_format **out, size_t *n, size_t max, const qs_format *r)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (out[i] == r)
            return;
    if (*n < max)
        out[(*n)++] = r;
}

size_t formats_suggest(const char *name, const qs_format **out, size_t max)
{
    char norm[FORMATS_NAME_MAX + 1];
    size_t idx[FORMATS_DATA_MAX];
    size_t i, n = 0, k;

    if (name == NULL || *name == '\0' || out == NULL || max == 0)
        return 0;
    if (formats_norm(name, strlen(name), norm) > 0)
        for (i = 0; i < FORMATS_N; i++)
            if (formats_norm_match(&formats_data[i], norm))
                formats_add(out, &n, max, &formats_data[i]);
    k = suggest_best(name, FORMATS_N < FORMATS_DATA_MAX ? FORMATS_N : FORMATS_DATA_MAX,
                     formats_id_at, idx, max < FORMATS_DATA_MAX ? max : FORMATS_DATA_MAX);
    for (i = 0; i < k; i++)
        formats_add(out, &n, max, &formats_data[idx[i]]);
    return n;
}

int formats_quality_line(const qs_format *f, char *buf, size_t size)
{
    char rel[FORMATS_REL_SIZE] = "";
    int n;

    if (f == NULL || buf == NULL || size == 0)
        return -1;
    if (isnan(f->ppl_delta) || f->ppl_by == NULL) {
        n = snprintf(buf, size, "no perplexity measurement published for %s", f->name);
        return n < 0 || (size_t)n >= size ? -1 : 0;
    }
    if (f->ppl_vs != NULL && f->ppl_base > 0.0) {
        double pct = f->ppl_delta / f->ppl_base * FORMATS_PERCENT;

        (void)snprintf(rel, sizeof rel, " (%+.*f%%)",
                       fabs(pct) < FORMATS_PCT_FINE ? FORMATS_PCT_DIGITS_FINE : FORMATS_PCT_DIGITS,
                       pct);
    }
    n = snprintf(buf, size, "%+.4f ppl%s%s%s, measured by %s on %s%s%s%s%s%s", f->ppl_delta, rel,
                 f->ppl_vs != NULL ? " vs " : "", f->ppl_vs != NULL ? f->ppl_vs : "",
                 f->ppl_by, f->ppl_ref != NULL ? f->ppl_ref : "an unnamed model",
                 f->ppl_setup != NULL ? " " : "", f->ppl_setup != NULL ? f->ppl_setup : "",
                 f->ppl_vs == NULL ? " (its reference and base perplexity are not published)"
                                   : "",
                 f->scaling != NULL ? "; " : "", f->scaling != NULL ? f->scaling : "");
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

const qs_format *formats_of_gguf(int ftype)
{
    size_t i;

    if (ftype == FORMATS_NO_GGUF)
        return NULL;
    for (i = 0; i < FORMATS_N; i++)
        if (formats_data[i].gguf == ftype)
            return &formats_data[i];
    return NULL;
}

const qs_format *formats_nearest(double bits)
{
    const qs_format *best = NULL;
    double best_d = INFINITY;
    size_t i;

    if (isnan(bits))
        return NULL;
    for (i = 0; i < FORMATS_N; i++) {
        double d = fabs(formats_data[i].bits - bits);
        if (formats_data[i].ladder && d < best_d) {
            best_d = d;
            best = &formats_data[i];
        }
    }
    return best;
}

const qs_format *formats_step(double bits, int dir)
{
    const qs_format *best = NULL;
    size_t i;

    if (isnan(bits) || dir == 0)
        return NULL;
    for (i = 0; i < FORMATS_N; i++) {
        const qs_format *f = &formats_data[i];
        if (!f->ladder)
            continue;
        if (dir > 0 && f->bits > bits && (best == NULL || f->bits < best->bits))
            best = f;
        if (dir < 0 && f->bits < bits && (best == NULL || f->bits > best->bits))
            best = f;
    }
    return best;
}

const char *formats_family_name(fmt_family family)
{
    return (unsigned)family < FMT_FAMILY_COUNT ? formats_family_words[family] : "unknown";
}

const char *formats_layout_name(fmt_layout layout)
{
    return (unsigned)layout < FMT_LAYOUT_COUNT ? formats_layout_words[layout] : "unknown";
}

const char *formats_bits_kind_name(fmt_bits_kind kind)
{
    return (unsigned)kind < FMT_BITS_KIND_COUNT ? formats_kind_words[kind] : "unknown";
}

int formats_precision(const char *s, double *bits, const qs_format **fmt)
{
    const qs_format *f;
    double v;

    if (s == NULL)
        return -1;
    if (parse_bits(s, &v) == 0) {
        *bits = v;
        *fmt = NULL;
        return 0;
    }
    if (formats_parse(s, &f, &v) != 0)
        return -1;
    *bits = v;
    *fmt = f;
    return 0;
}
