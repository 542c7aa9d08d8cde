/* format_row.c - a format row (a line of data/formats.tsv) into a
 * format_row: the two fixed columns, then key=value fields looked up in one
 * table of keys, each with its place in the struct and its range. Calls
 * nothing of formats.c (see format_row.h). */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model/format_row.h"
#include "model/gguf_rules.h"
#include "model/parse.h"

/* Bits per weight: above 0 and at most FP32's 32 (no catalogued format
 * stores more). Written so that the messages can quote them. */
#define FR_MAX_BITS 32
/* A perplexity, or its change: far beyond any published one (IQ1_S on
 * Llama-3-8B: +54.46); it catches a typo, not a real measurement. */
#define FR_MAX_PPL 1000000
#define FR_STR(x) #x
#define FR_XSTR(x) FR_STR(x)
/* The longest number read (digits, sign, '.', exponent). */
#define FR_NUMBER_MAX 32
/* How much of a bad value a message quotes. */
#define FR_QUOTE_MAX 32
/* The two fixed columns before the key=value fields. */
#define FR_FIXED_COLUMNS 2
/* Control bytes (below a space, and DEL) are refused; in a message they
 * become FR_CONTROL_MARK. */
#define FR_ASCII_SPACE 0x20
#define FR_ASCII_DEL 0x7f
#define FR_CONTROL_MARK '?'

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
    const char *range;   /* numbers: the range as the message states it */
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
      "above 0 and at most " FR_XSTR(FR_MAX_BITS), req }
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
                   "from -" FR_XSTR(FR_MAX_PPL) " to " FR_XSTR(FR_MAX_PPL), 0 },
    [FR_K_PPL_BASE] = { "ppl_base", FR_NUMBER, FR_AT(fmt.ppl_base), FR_MAX_PPL,
                        "above 0 and at most " FR_XSTR(FR_MAX_PPL), 0 },
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

/* A piece of the line. */
typedef struct {
    const char *s;
    size_t n;
} fr_span;

static void fr_fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fr_fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    char *p;

    if (err == NULL || errsize == 0)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    /* A value quoted from the line may hold control bytes: the message
     * stays one line. */
    for (p = err; *p != '\0'; p++)
        if ((unsigned char)*p < FR_ASCII_SPACE || (unsigned char)*p == FR_ASCII_DEL)
            *p = FR_CONTROL_MARK;
}

static int fr_quote_len(fr_span v)
{
    return (int)(v.n < FR_QUOTE_MAX ? v.n : FR_QUOTE_MAX);
}

static int fr_eq(fr_span v, const char *word)
{
    return strlen(word) == v.n && memcmp(v.s, word, v.n) == 0;
}

static int fr_has_control(fr_span v)
{
    size_t i;

    for (i = 0; i < v.n; i++)
        if ((unsigned char)v.s[i] < FR_ASCII_SPACE || (unsigned char)v.s[i] == FR_ASCII_DEL)
            return 1;
    return 0;
}

/* The index of v in words[0 .. n), or -1. */
static int fr_word(fr_span v, const char *const *words, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (fr_eq(v, words[i]))
            return (int)i;
    return -1;
}

/* A number as parse_decimal reads it (correctly rounded, as the compiler
 * reads a literal), with an optional sign when `sign` is 1. */
static int fr_number(fr_span v, int sign, double *out)
{
    char buf[FR_NUMBER_MAX + 1];
    double x;
    size_t skip = 0;

    if (v.n == 0 || v.n > FR_NUMBER_MAX)
        return -1;
    if (sign && (v.s[0] == '+' || v.s[0] == '-'))
        skip = 1;
    memcpy(buf, v.s + skip, v.n - skip);
    buf[v.n - skip] = '\0';
    if (parse_decimal(buf, &x) != 0)
        return -1;
    *out = skip == 1 && v.s[0] == '-' ? -x : x;
    return 0;
}

/* Lowercase words of letters, digits, '.', '-' and '_', one space apart. */
static int fr_aliases_ok(fr_span v)
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

static int fr_store_text(format_row *row, const fr_key *k, fr_span v, char *err,
                         size_t errsize)
{
    char *dst = (char *)row + k->offset;

    if (v.n == 0) {
        fr_fail(err, errsize, "%s: empty", k->key);
        return -1;
    }
    if (v.n > (size_t)k->hi) {
        fr_fail(err, errsize, "%s: longer than %zu characters", k->key, (size_t)k->hi);
        return -1;
    }
    if (fr_has_control(v)) {
        fr_fail(err, errsize, "%s: expected printable characters, got '%.*s'", k->key,
                fr_quote_len(v), v.s);
        return -1;
    }
    if (k->kind == FR_ALIASES && !fr_aliases_ok(v)) {
        fr_fail(err, errsize, "%s: expected lowercase names (letters, digits, '.', '-', '_') "
                "one space apart, got '%.*s'", k->key, fr_quote_len(v), v.s);
        return -1;
    }
    memcpy(dst, v.s, v.n);
    dst[v.n] = '\0';
    return 0;
}

/* Stores one value; -1 with a message naming the key. */
static int fr_store(format_row *row, const fr_key *k, fr_span v, char *err, size_t errsize)
{
    void *at = (char *)row + k->offset;
    char name[FORMAT_ROW_NAME_MAX + 1];
    double x = 0.0;
    int i;

    switch (k->kind) {
    case FR_NUMBER:
    case FR_SIGNED:
        if (fr_number(v, k->kind == FR_SIGNED, &x) != 0 || fabs(x) > k->hi ||
            (k->kind == FR_NUMBER && !(x > 0.0))) {
            fr_fail(err, errsize, "%s: expected a number %s, got '%.*s'", k->key, k->range,
                    fr_quote_len(v), v.s);
            return -1;
        }
        *(double *)at = x;
        return 0;
    case FR_FLAG:
        if (!fr_eq(v, "0") && !fr_eq(v, "1")) {
            fr_fail(err, errsize, "%s: expected 0 or 1, got '%.*s'", k->key, fr_quote_len(v),
                    v.s);
            return -1;
        }
        *(int *)at = v.s[0] - '0';
        return 0;
    case FR_TEXT:
    case FR_ALIASES:
        return fr_store_text(row, k, v, err, errsize);
    case FR_KIND:
        i = fr_word(v, fr_kind_words, FMT_BITS_KIND_COUNT);
        if (i < 0) {
            fr_fail(err, errsize, "bits_kind: expected measured, derived, block or default, "
                    "got '%.*s'", fr_quote_len(v), v.s);
            return -1;
        }
        *(fmt_bits_kind *)at = (fmt_bits_kind)i;
        return 0;
    case FR_LAYOUT:
        i = fr_word(v, fr_layout_words, FMT_LAYOUT_COUNT);
        if (i < 0) {
            fr_fail(err, errsize, "layout: unknown layout '%.*s'", fr_quote_len(v), v.s);
            return -1;
        }
        *(fmt_layout *)at = (fmt_layout)i;
        return 0;
    case FR_GGUF:
        i = -1;
        if (v.n < sizeof name) {
            memcpy(name, v.s, v.n);
            name[v.n] = '\0';
            i = gguf_rules_ftype_find(name);
        }
        if (i < 0 || strcmp(gguf_rules_ftype((gguf_ftype)i)->name, name) != 0) {
            fr_fail(err, errsize, "gguf: unknown file type '%.*s' (give its name, e.g. Q4_K_M)",
                    fr_quote_len(v), v.s);
            return -1;
        }
        *(int *)at = i;
        return 0;
    }
    return -1;
}

/* One key=value field. */
static int fr_field(format_row *row, fr_span f, unsigned char *seen, char *err, size_t errsize)
{
    const char *eq = memchr(f.s, '=', f.n);
    fr_span key, val;
    size_t i;

    if (f.n == 0) {
        fr_fail(err, errsize, "an empty field (two tabs in a row)");
        return -1;
    }
    if (eq == NULL) {
        fr_fail(err, errsize, "field '%.*s' is not key=value", fr_quote_len(f), f.s);
        return -1;
    }
    key.s = f.s;
    key.n = (size_t)(eq - f.s);
    val.s = eq + 1;
    val.n = f.n - key.n - 1;
    for (i = 0; i < FR_NKEYS; i++) {
        if (!fr_eq(key, fr_keys[i].key))
            continue;
        if (seen[i]) {
            fr_fail(err, errsize, "duplicate key '%s'", fr_keys[i].key);
            return -1;
        }
        seen[i] = 1;
        return fr_store(row, &fr_keys[i], val, err, errsize);
    }
    fr_fail(err, errsize, "unknown key '%.*s'", fr_quote_len(key), key.s);
    return -1;
}

/* The name column: a letter, then letters, digits, '.', '-' or '_'. */
static int fr_name(format_row *out, fr_span v, char *err, size_t errsize)
{
    size_t i;

    if (v.n == 0 || v.n > FORMAT_ROW_NAME_MAX) {
        fr_fail(err, errsize, "name: expected 1 to %d characters", FORMAT_ROW_NAME_MAX);
        return -1;
    }
    for (i = 0; i < v.n; i++) {
        char c = v.s[i];
        int letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

        if (!letter && (i == 0 || !((c >= '0' && c <= '9') || c == '.' || c == '-' ||
                                    c == '_'))) {
            fr_fail(err, errsize, "name: expected a letter, then letters, digits, '.', '-' or "
                    "'_', got '%.*s'", fr_quote_len(v), v.s);
            return -1;
        }
    }
    memcpy(out->name, v.s, v.n);
    out->name[v.n] = '\0';
    return 0;
}

static int fr_family(format_row *out, fr_span v, char *err, size_t errsize)
{
    int i = fr_word(v, fr_family_words, FMT_FAMILY_COUNT);

    if (i < 0) {
        fr_fail(err, errsize, "family: expected float, int, gguf, group or ternary, got '%.*s'",
                fr_quote_len(v), v.s);
        return -1;
    }
    out->fmt.family = (fmt_family)i;
    return 0;
}

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
    size_t i;

    for (i = 0; i < FR_NKEYS; i++) {
        if (fr_keys[i].required && !seen[i]) {
            fr_fail(err, errsize, "missing field '%s'", fr_keys[i].key);
            return -1;
        }
    }
    if (seen[FR_K_PPL] && (!seen[FR_K_PPL_MODEL] || !seen[FR_K_PPL_BY])) {
        fr_fail(err, errsize, "ppl needs ppl_model and ppl_by");
        return -1;
    }
    if ((seen[FR_K_PPL_BASE] || seen[FR_K_PPL_SETUP] || seen[FR_K_PPL_VS]) && !seen[FR_K_PPL]) {
        fr_fail(err, errsize, "ppl_base, ppl_vs and ppl_setup need ppl");
        return -1;
    }
    if (seen[FR_K_PPL_BASE] && !seen[FR_K_PPL_VS]) {
        fr_fail(err, errsize, "ppl_base needs ppl and ppl_vs");
        return -1;
    }
    if (seen[FR_K_BITS_LO] != seen[FR_K_BITS_HI] ||
        (seen[FR_K_BITS_LO] && !(f->bits_lo < f->bits_hi && f->bits_lo <= f->bits &&
                                 f->bits <= f->bits_hi))) {
        fr_fail(err, errsize, "bits_lo and bits_hi: give both, bits_lo <= bits <= bits_hi");
        return -1;
    }
    if ((f->bits_kind == FMT_BITS_DEFAULT) != (seen[FR_K_BITS_LO] != 0)) {
        fr_fail(err, errsize,
                "bits_kind default goes with bits_lo and bits_hi, and only with them");
        return -1;
    }
    if (f->layout == FMT_LAYOUT_GGUF && !seen[FR_K_GGUF]) {
        fr_fail(err, errsize, "layout gguf needs gguf");
        return -1;
    }
    if (f->basic && !f->ladder) {
        fr_fail(err, errsize, "basic needs ladder=1");
        return -1;
    }
    fr_point(out);
    return 0;
}

/* Drops a trailing "\n" or "\r\n". */
static size_t fr_strip_eol(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

/* 1 for a blank line or one whose first visible character is '#'. */
static int fr_is_comment(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    return i == len || line[i] == '#';
}

int format_row_parse(const char *line, size_t len, format_row *out, char *err,
                     size_t errsize)
{
    unsigned char seen[FR_NKEYS];
    fr_span f;
    size_t pos = 0, col = 0;

    if (err != NULL && errsize > 0)
        err[0] = '\0';
    if (line == NULL || out == NULL) {
        fr_fail(err, errsize, "no line");
        return -1;
    }
    len = fr_strip_eol(line, len);
    if (fr_is_comment(line, len))
        return 1;
    if (len > FORMAT_ROW_MAX_LINE) {
        fr_fail(err, errsize, "the line is longer than %d bytes", FORMAT_ROW_MAX_LINE);
        return -1;
    }
    memset(out, 0, sizeof *out);
    memset(seen, 0, sizeof seen);
    out->fmt.ppl_delta = NAN;
    out->fmt.ppl_base = NAN;
    out->fmt.gguf = FORMATS_NO_GGUF;
    out->fmt.layout = FMT_LAYOUT_NONE;
    for (;;) {
        const char *tab = memchr(line + pos, '\t', len - pos);
        int rc;

        f.s = line + pos;
        f.n = tab != NULL ? (size_t)(tab - f.s) : len - pos;
        if (col == 0)
            rc = fr_name(out, f, err, errsize);
        else if (col == 1)
            rc = fr_family(out, f, err, errsize);
        else
            rc = fr_field(out, f, seen, err, errsize);
        if (rc != 0)
            return -1;
        col++;
        if (tab == NULL)
            break;
        pos = (size_t)(tab - line) + 1;
    }
    if (col < FR_FIXED_COLUMNS) {
        fr_fail(err, errsize, "missing field 'family'");
        return -1;
    }
    return fr_finish(out, seen, err, errsize);
}

void format_row_copy(format_row *dst, const format_row *src)
{
    *dst = *src;
    fr_point(dst);
}
