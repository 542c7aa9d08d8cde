/* exact.c - every named format's exact size for one model (exact.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/exact.h"
#include "model/gguf_header.h"
#include "model/layouts.h"
#include "model/memory.h"
#include "model/stored.h"

void exact_clear(exact_table *t)
{
    memset(t, 0, sizeof *t);
}

/* The model's tensors, allocated; NULL when they cannot be made. */
static qs_tensor *exact_expand(const qs_model *m, tensor_list *l)
{
    size_t n = arch_tensor_count(&m->arch);
    qs_tensor *t;

    if (n == 0)
        return NULL;
    t = calloc(n, sizeof *t);
    if (t == NULL)
        return NULL;
    l->t = t;
    l->n = 0;
    l->cap = n;
    l->overflow = 0;
    if (arch_expand(&m->arch, l) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

/* The bits of f at `rate` over the list: bytes x 8 / the model's total;
 * 0 when f has no layout. */
static double exact_of(const qs_model *m, const tensor_list *l, const gguf_rules_ctx *c,
                       const qs_format *f, double rate)
{
    int64_t bytes = layouts_weight_bytes_ctx(f, l, c, rate);

    if (bytes <= 0 || !memory_is_positive(m->total))
        return 0.0;
    return (double)bytes * MEMORY_BITS_PER_BYTE / m->total;
}

/* A model read from files weighs, in its own type, what the files hold. */
static void exact_stored(exact_table *t, const qs_model *m)
{
    size_t i;

    if (m->stored == NULL || m->stored->format == NULL)
        return;
    for (i = 0; i < t->n; i++)
        if (formats_all_get(i) == m->stored->format)
            t->bits[i] = stored_bits(m->stored, m->total);
}

int exact_fill(exact_table *t, const qs_model *m)
{
    tensor_list l;
    gguf_rules_ctx c;
    qs_tensor *buf;
    size_t i, n = formats_all_count();

    exact_clear(t);
    if (m == NULL)
        return 0;
    if (n > EXACT_FORMATS_MAX)
        return -1;
    buf = exact_expand(m, &l);
    if (buf == NULL && m->stored == NULL)
        return -1;
    if (buf != NULL) {
        /* The names are tested once for all the file types. */
        unsigned char *names = malloc(l.n > 0 ? l.n : 1);

        gguf_header_rules_ctx(&c, &m->arch, m->family);
        if (names != NULL)
            gguf_rules_names(&c, &l, names);
        for (i = 0; i < n; i++) {
            const qs_format *f = formats_all_get(i);

            t->bits[i] = exact_of(m, &l, &c, f, f->bits);
        }
        free(names);
        free(buf);
    }
    t->model = m;
    t->n = n;
    exact_stored(t, m);
    return 0;
}

double exact_bits(const exact_table *t, const qs_format *f)
{
    size_t i;

    if (f == NULL)
        return NAN;
    if (t == NULL || t->model == NULL)
        return f->bits;
    for (i = 0; i < t->n; i++)
        if (formats_all_get(i) == f)
            return t->bits[i] > 0.0 ? t->bits[i] : f->bits;
    return f->bits;
}

int64_t exact_bytes(const qs_model *m, const qs_format *f)
{
    tensor_list l;
    gguf_rules_ctx c;
    qs_tensor *buf;
    double bits;

    if (m == NULL || f == NULL)
        return 0;
    /* One format: its own layout over the tensors, not the whole table. */
    buf = exact_expand(m, &l);
    if (buf == NULL)
        return 0;
    gguf_header_rules_ctx(&c, &m->arch, m->family);
    bits = exact_of(m, &l, &c, f, f->bits);
    free(buf);
    if (!memory_is_positive(bits) || !memory_is_positive(m->total))
        return 0;
    return (int64_t)floor(m->total * bits / MEMORY_BITS_PER_BYTE + 0.5);
}

double exact_rate_bits(const qs_model *m, const qs_format *f, double rate)
{
    tensor_list l;
    gguf_rules_ctx c;
    qs_tensor *buf;
    double bits;

    if (m == NULL || f == NULL)
        return rate;
    buf = exact_expand(m, &l);
    if (buf == NULL)
        return rate;
    gguf_header_rules_ctx(&c, &m->arch, m->family);
    bits = exact_of(m, &l, &c, f, rate);
    free(buf);
    return bits > 0.0 ? bits : rate;
}

const qs_format *exact_step(const exact_table *t, double bits, int dir)
{
    const qs_format *best = NULL;
    double best_bits = 0.0;
    size_t i;

    if (isnan(bits) || dir == 0)
        return NULL;
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double b = exact_bits(t, f);

        if (dir > 0 ? !(b > bits) : !(b < bits))
            continue;
        if (best == NULL || (dir > 0 ? b < best_bits : b > best_bits)) {
            best = f;
            best_bits = b;
        }
    }
    return best;
}

const qs_format *exact_nearest(const exact_table *t, double bits)
{
    const qs_format *best = NULL;
    double best_d = 0.0;
    size_t i;

    if (isnan(bits))
        return NULL;
    for (i = 0; i < formats_count(); i++) {
        const qs_format *f = formats_get(i);
        double d = fabs(exact_bits(t, f) - bits);

        if (best == NULL || d < best_d) {
            best = f;
            best_d = d;
        }
    }
    return best;
}
