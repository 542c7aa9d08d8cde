/* format_row.c - a format row (a line of data/formats.tsv) into a
 * format_row: the two fixed columns, then key=value fields looked up in one
 * table of keys, each with its place in the struct and its range, read
 * with tsvrow.h. Calls nothing of formats.c (see format_row.h). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/format_row.h"
#include "model/gguf_rules.h"
#include "model/tsvrow.h"

/* Bits per weight: above 0 and at most FP32's 32 (no catalogued format
 * stores more). Written so that the messages can quote them. */
#define FR_MAX_BITS 32
/* A perplexity, or its change: far beyond any published one (IQ1_S on
 * Llama-3-8B: +54.46); it catches a typo, not a real measurement. */
#define FR_MAX_PPL 1000000
#define FR_STR(x) #x
#define FR_XSTR(x) FR_STR(x)
/* The two fixed columns before the key=value fields. */
#define FR_FIXED_COLUMNS 2

typedef enum {
    FR_NUMBER,   /* a double above 0 and at most `hi` */
    FR_SIGNED,   /* a double with an optional sign, |x| at most `hi` */
    FR_FLAG,     /* an int, 0 or 1 */
    FR_TEXT,     /* a char array of `hi` + 1 bytes */
    FR_ALIASES,  /* FR_TEXT of lowercase words separated by single spaces */
    FR_KIND,     /* fmt_bits_kind by word */
    FR_LAYOUT,   /* fmt_layout by word */
    FR_GGUF      /* a gguf_ftype by name */
} fr_kind;

typedef struct {
    const char *key;
    fr_kind kind;
    size_t offset;       /* into format_row */
    double hi;           /* numbers: the largest value; texts: the longest */
    const char *range;   /* numbers: what the message says the value must be */
    int required;
} fr_key;

enum {
    FR_K_ALIASES, FR_K_BITS, FR_K_BITS_KIND, FR_K_NOMINAL, FR_K_BITS_LO, FR_K_BITS_HI,
    FR_K_GGUF, FR_K_LAYOUT, FR_K_PPL, FR_K_PPL_BASE, FR_K_PPL_MODEL, FR_K_PPL_VS,
    FR_K_PPL_BY, FR_K_PPL_SETUP, FR_K_SCALING, FR_K_QUALITY, FR_K_BASIC, FR_K_LADDER,
    FR_K_VERIFIED, FR_K_SOURCE, FR_NKEYS
};

#define FR_AT(member) offsetof(format_row, member)
#define FR_BITS(k, member, req) \
    { k, FR_NUMBER, FR_AT(fmt.member), FR_MAX_BITS, \
      "a number above 0 and at most " FR_XSTR(FR_MAX_BITS), req }
#define FR_TEXTK(k, member, max, req) { k, FR_TEXT, FR_AT(member), max, NULL, req }
#define FR_FLAGK(k, member, req) { k, FR_FLAG, FR_AT(fmt.member), 1, NULL, req }

static const fr_key fr_keys[FR_NKEYS] = {
    [FR_K_ALIASES] = { "aliases", FR_ALIASES, FR_AT(aliases), FORMAT_ROW_ALIASES_MAX, NULL, 0 },
    [FR_K_BITS] = FR_BITS("bits", bits, 1),
    [FR_K_BITS_KIND] = { "bits_kind", FR_KIND, FR_AT(fmt.bits_kind), 0, NULL, 1 },
    [FR_K_NOMINAL] = FR_BITS("nominal", nominal_bits, 1),
    [FR_K_BITS_LO] = FR_BITS("bits_lo", bits_lo, 0),
    [FR_K_BITS_HI] = FR_BITS("bits_hi", bits_hi, 0),
    [FR_K_GGUF] = { "gguf", FR_GGUF, FR_AT(fmt.gguf), 0, NULL, 0 },
    [FR_K_LAYOUT] = { "layout", FR_LAYOUT, FR_AT(fmt.layout), 0, NULL, 0 },
    [FR_K_PPL] = { "ppl", FR_SIGNED, FR_AT(fmt.ppl_delta), FR_MAX_PPL,
                   "a number from -" FR_XSTR(FR_MAX_PPL) " to " FR_XSTR(FR_MAX_PPL), 0 },
    [FR_K_PPL_BASE] = { "ppl_base", FR_NUMBER, FR_AT(fmt.ppl_base), FR_MAX_PPL,
                        "a number above 0 and at most " FR_XSTR(FR_MAX_PPL), 0 },
    [FR_K_PPL_MODEL] = FR_TEXTK("ppl_model", ppl_model, FORMAT_ROW_SHORT_MAX, 0),
    [FR_K_PPL_VS] = FR_TEXTK("ppl_vs", ppl_vs, FORMAT_ROW_SHORT_MAX, 0),
    [FR_K_PPL_BY] = FR_TEXTK("ppl_by", ppl_by, FORMAT_ROW_SHORT_MAX, 0),
    [FR_K_PPL_SETUP] = FR_TEXTK("ppl_setup", ppl_setup, FORMAT_ROW_SHORT_MAX, 0),
    [FR_K_SCALING] = FR_TEXTK("scaling", scaling, FORMAT_ROW_SCALING_MAX, 0),
    [FR_K_QUALITY] = FR_TEXTK("quality", quality, FORMAT_ROW_QUALITY_MAX, 1),
    [FR_K_BASIC] = FR_FLAGK("basic", basic, 0),
    [FR_K_LADDER] = FR_FLAGK("ladder", ladder, 0),
    [FR_K_VERIFIED] = FR_FLAGK("verified", verified, 1),
    [FR_K_SOURCE] = FR_TEXTK("source", source, FORMAT_ROW_SOURCE_MAX, 1),
};

/* The words of the enums, from formats.h's lists. */
#define FR_WORD_(id, word) word,
static const char *const fr_family_words[] = { FORMATS_FAMILIES(FR_WORD_) };
static const char *const fr_kind_words[] = { FORMATS_BITS_KINDS(FR_WORD_) };
static const char *const fr_layout_words[] = { FORMATS_LAYOUTS(FR_WORD_) };
#undef FR_WORD_

/* Lowercase words of letters, digits, '.', '-' and '_', one space apart. */
static int fr_aliases_ok(tsvrow_span v)
{
    size_t i;

    if (v.s[0] == ' ' || v.s[v.n - 1] == ' ')
        return 0;
    for (i = 0; i < v.n; i++) {
        char c = v.s[i];

        if (c == ' ' && v.s[i - 1] == ' ')
            return 0;
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_' || c == ' '))
            return 0;
    }
    return 1;
}

/* The index of a gguf_rules file type by its exact name, or -1. */
static int fr_gguf(tsvrow_span v)
{
    char name[FORMAT_ROW_NAME_MAX + 1];
    int i;

    if (v.n >= sizeof name)
        return -1;
    tsvrow_copy(name, v);
    i = gguf_rules_ftype_find(name);
    return i >= 0 && strcmp(gguf_rules_ftype((gguf_ftype)i)->name, name) == 0 ? i : -1;
}

/* Stores one value; -1 with a message naming the key. */
static int fr_value(void *rowp, const unsigned char *seen, size_t key, tsvrow_span v, char *err,
                    size_t errsize)
{
    const fr_key *k = &fr_keys[key];
    void *at = (char *)rowp + k->offset;
    double x = 0.0;
    int i;

    (void)seen;
    switch (k->kind) {
    case FR_NUMBER:
    case FR_SIGNED:
        if (tsvrow_decimal(v, k->kind == FR_SIGNED ? TSVROW_SIGNED : TSVROW_ABOVE_ZERO, k->hi,
                           &x) != 0)
            return tsvrow_expected(err, errsize, k->key, k->range, v);
        *(double *)at = x;
        return 0;
    case FR_FLAG:
        i = tsvrow_flag(v);
        if (i < 0)
            return tsvrow_expected(err, errsize, k->key, "0 or 1", v);
        *(int *)at = i;
        return 0;
    case FR_TEXT:
    case FR_ALIASES:
        if (tsvrow_text(at, v, (size_t)k->hi, TSVROW_PRINTABLE, k->key, err, errsize) != 0)
            return -1;
        if (k->kind == FR_ALIASES && !fr_aliases_ok(v))
            return tsvrow_expected(err, errsize, k->key, "lowercase names (letters, digits, '.', "
                                   "'-', '_') one space apart", v);
        return 0;
    case FR_KIND:
        i = tsvrow_word(v, fr_kind_words, FMT_BITS_KIND_COUNT);
        if (i < 0)
            return tsvrow_expected(err, errsize, "bits_kind",
                                   "measured, derived, block or default", v);
        *(fmt_bits_kind *)at = (fmt_bits_kind)i;
        return 0;
    case FR_LAYOUT:
        i = tsvrow_word(v, fr_layout_words, FMT_LAYOUT_COUNT);
        if (i < 0)
            return tsvrow_fail(err, errsize, "layout: unknown layout '%.*s'",
                               tsvrow_quote_len(v), v.s);
        *(fmt_layout *)at = (fmt_layout)i;
        return 0;
    case FR_GGUF:
        i = fr_gguf(v);
        if (i < 0)
            return tsvrow_fail(err, errsize,
                               "gguf: unknown file type '%.*s' (give its name, e.g. Q4_K_M)",
                               tsvrow_quote_len(v), v.s);
        *(int *)at = i;
        return 0;
    }
    return -1;
}

/* The name column (a letter, then letters, digits, '.', '-' or '_') and
 * the family column. */
static int fr_fixed(void *rowp, const tsvrow_span *col, char *err, size_t errsize)
{
    format_row *out = rowp;
    tsvrow_span v = col[0];
    size_t i;
    int family;

    if (v.n == 0 || v.n > FORMAT_ROW_NAME_MAX)
        return tsvrow_fail(err, errsize, "name: expected 1 to %d characters",
                           FORMAT_ROW_NAME_MAX);
    for (i = 0; i < v.n; i++) {
        char c = v.s[i];
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

        if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-' ||
                                    c == '_')))
            return tsvrow_expected(err, errsize, "name",
                                   "a letter, then letters, digits, '.', '-' or '_'", v);
    }
    tsvrow_copy(out->name, v);
    family = tsvrow_word(col[1], fr_family_words, FMT_FAMILY_COUNT);
    if (family < 0)
        return tsvrow_expected(err, errsize, "family", "float, int, gguf, group or ternary",
                               col[1]);
    out->fmt.family = (fmt_family)family;
    return 0;
}

static const char *const fr_fixed_names[FR_FIXED_COLUMNS] = { "name", "family" };

/* max_line: format_row_parse checks the length itself, after the comment
 * test (an over-long comment is still a comment). */
static const tsvrow_layout fr_layout = {
    .max_line = SIZE_MAX, .nfixed = FR_FIXED_COLUMNS, .fixed_names = fr_fixed_names,
    .keys = fr_keys, .nkeys = FR_NKEYS, .key_size = sizeof fr_keys[0],
    .required_at = offsetof(fr_key, required), .fixed = fr_fixed, .value = fr_value,
};

/* Points the strings of r->fmt at r's texts; an optional text left out is NULL. */
static void fr_point(format_row *r)
{
    r->fmt.name = r->name;
    r->fmt.aliases = r->aliases;
    r->fmt.quality = r->quality;
    r->fmt.source = r->source;
    r->fmt.ppl_ref = r->ppl_model[0] != '\0' ? r->ppl_model : NULL;
    r->fmt.ppl_vs = r->ppl_vs[0] != '\0' ? r->ppl_vs : NULL;
    r->fmt.ppl_by = r->ppl_by[0] != '\0' ? r->ppl_by : NULL;
    r->fmt.ppl_setup = r->ppl_setup[0] != '\0' ? r->ppl_setup : NULL;
    r->fmt.scaling = r->scaling[0] != '\0' ? r->scaling : NULL;
}

/* The checks that span keys. */
static int fr_finish(format_row *out, const unsigned char *seen, char *err, size_t errsize)
{
    const qs_format *f = &out->fmt;

    if (tsvrow_missing(&fr_layout, seen, err, errsize) != 0)
        return -1;
    if (seen[FR_K_PPL] && (!seen[FR_K_PPL_MODEL] || !seen[FR_K_PPL_BY]))
        return tsvrow_fail(err, errsize, "ppl needs ppl_model and ppl_by");
    if ((seen[FR_K_PPL_BASE] || seen[FR_K_PPL_SETUP] || seen[FR_K_PPL_VS]) && !seen[FR_K_PPL])
        return tsvrow_fail(err, errsize, "ppl_base, ppl_vs and ppl_setup need ppl");
    if (seen[FR_K_PPL_BASE] && !seen[FR_K_PPL_VS])
        return tsvrow_fail(err, errsize, "ppl_base needs ppl and ppl_vs");
    if (seen[FR_K_BITS_LO] != seen[FR_K_BITS_HI] ||
        (seen[FR_K_BITS_LO] && !(f->bits_lo < f->bits_hi && f->bits_lo <= f->bits &&
                                 f->bits <= f->bits_hi)))
        return tsvrow_fail(err, errsize,
                           "bits_lo and bits_hi: give both, bits_lo <= bits <= bits_hi");
    if ((f->bits_kind == FMT_BITS_DEFAULT) != (seen[FR_K_BITS_LO] != 0))
        return tsvrow_fail(err, errsize,
                           "bits_kind default goes with bits_lo and bits_hi, and only with them");
    if (f->layout == FMT_LAYOUT_GGUF && !seen[FR_K_GGUF])
        return tsvrow_fail(err, errsize, "layout gguf needs gguf");
    if (f->basic && !f->ladder)
        return tsvrow_fail(err, errsize, "basic needs ladder=1");
    fr_point(out);
    return 0;
}

int format_row_parse(const char *line, size_t len, format_row *out, char *err,
                     size_t errsize)
{
    unsigned char seen[FR_NKEYS];
    int rc = tsvrow_start(line, &len, out, fr_layout.max_line, err, errsize);

    if (rc != 0)
        return rc;
    if (len > FORMAT_ROW_MAX_LINE)
        return tsvrow_fail(err, errsize, "the line is longer than %d bytes", FORMAT_ROW_MAX_LINE);
    memset(out, 0, sizeof *out);
    out->fmt.ppl_delta = NAN;
    out->fmt.ppl_base = NAN;
    out->fmt.gguf = FORMATS_NO_GGUF;
    out->fmt.layout = FMT_LAYOUT_NONE;
    if (tsvrow_fields(&fr_layout, line, len, out, seen, err, errsize) != 0)
        return -1;
    return fr_finish(out, seen, err, errsize);
}

void format_row_copy(format_row *dst, const format_row *src)
{
    *dst = *src;
    fr_point(dst);
}
