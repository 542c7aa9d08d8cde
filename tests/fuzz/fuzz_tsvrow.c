/* fuzz_tsvrow.c - libFuzzer target for the shared row machinery
 * (src/model/tsvrow.h), on an exact-size buffer. The input is both a row of
 * a small layout (two fixed columns, five keys) and one value for each
 * primitive. Contract: every failure is -1 with a one-line message without
 * control bytes (fuzz_check_message); a row read holds values within the
 * layout's ranges, a key left out stays zero, and the required key was
 * seen; tsvrow_whole agrees with strtoll and
 * tsvrow_decimal with strtod on the same text; a text copied is the value,
 * no longer than its limit and of the kind its flags ask for. */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>

#include "model/tsvrow.h"
#include "fuzz.h"

/* The small layout's limits. */
#define FZ_TEXT_MAX 8
#define FZ_FIXED_COLUMNS 2
#define FZ_WHOLE_MAX 1000
#define FZ_DECIMAL_MAX 1e6
#define FZ_ERR_SIZE 160
/* Below run.sh's longest input, so that long lines are refused too. */
#define FZ_MAX_LINE 1024
#define FZ_BASE 10

typedef struct {
    char id[FZ_TEXT_MAX + 1], name[FZ_TEXT_MAX + 1], text[FZ_TEXT_MAX + 1];
    int64_t whole;
    double decimal, positive;
    int flag;
} fz_row;

typedef struct {
    const char *key;
    int required;
} fz_key;

enum { FZ_K_WHOLE, FZ_K_DECIMAL, FZ_K_POSITIVE, FZ_K_TEXT, FZ_K_FLAG, FZ_NKEYS };

static const fz_key fz_keys[FZ_NKEYS] = {
    [FZ_K_WHOLE] = { "n", 0 }, [FZ_K_DECIMAL] = { "x", 0 }, [FZ_K_POSITIVE] = { "p", 0 },
    [FZ_K_TEXT] = { "t", 1 }, [FZ_K_FLAG] = { "f", 0 },
};

static int fz_fixed(void *rowp, const tsvrow_span *col, char *err, size_t errsize)
{
    fz_row *r = rowp;

    return tsvrow_text(r->id, col[0], FZ_TEXT_MAX, TSVROW_WORD, "id", err, errsize) != 0 ||
           tsvrow_text(r->name, col[1], FZ_TEXT_MAX, TSVROW_PRINTABLE, "name", err,
                       errsize) != 0 ? -1 : 0;
}

static int fz_value(void *rowp, const unsigned char *seen, size_t key, tsvrow_span v, char *err,
                    size_t errsize)
{
    fz_row *r = rowp;

    FUZZ_ASSERT(key < FZ_NKEYS && seen[key] == 1);
    switch (key) {
    case FZ_K_WHOLE:
        return tsvrow_whole(v, -FZ_WHOLE_MAX, FZ_WHOLE_MAX, "n", &r->whole, err, errsize);
    case FZ_K_DECIMAL:
        if (tsvrow_decimal(v, TSVROW_SIGNED, FZ_DECIMAL_MAX, &r->decimal) != 0)
            return tsvrow_expected(err, errsize, "x", "a number from -1e6 to 1e6", v);
        return 0;
    case FZ_K_POSITIVE:
        if (tsvrow_decimal(v, TSVROW_ABOVE_ZERO, FZ_DECIMAL_MAX, &r->positive) != 0)
            return tsvrow_expected(err, errsize, "p", "a number above 0", v);
        return 0;
    case FZ_K_TEXT:
        return tsvrow_text(r->text, v, FZ_TEXT_MAX, TSVROW_PRINTABLE, "t", err, errsize);
    default:
        r->flag = tsvrow_flag(v);
        return r->flag < 0 ? tsvrow_expected(err, errsize, "f", "0 or 1", v) : 0;
    }
}

static const char *const fz_fixed_names[FZ_FIXED_COLUMNS] = { "id", "name" };

static const tsvrow_layout fz_layout = {
    .max_line = FZ_MAX_LINE, .nfixed = FZ_FIXED_COLUMNS, .fixed_names = fz_fixed_names,
    .keys = fz_keys, .nkeys = FZ_NKEYS, .key_size = sizeof fz_keys[0],
    .required_at = offsetof(fz_key, required), .fixed = fz_fixed, .value = fz_value,
};

/* The input as a row of the layout, step by step and through tsvrow_parse
 * (the same answer). */
static void fuzz_row(const char *line, size_t size)
{
    static fz_row row, whole;
    unsigned char seen[FZ_NKEYS], seen2[FZ_NKEYS];
    char err[FZ_ERR_SIZE], err2[FZ_ERR_SIZE];
    size_t len = size;
    int rc, rc2;

    fuzz_fill(err2, sizeof err2);
    rc2 = tsvrow_parse(&fz_layout, line, size, &whole, sizeof whole, seen2, err2, sizeof err2);
    fuzz_check_parse(rc2, err2, sizeof err2);

    fuzz_fill(err, sizeof err);
    rc = tsvrow_start(line, &len, &row, FZ_MAX_LINE, err, sizeof err);
    fuzz_check_parse(rc, err, sizeof err);
    FUZZ_ASSERT(rc == -1 || err[0] == '\0');
    FUZZ_ASSERT(len <= size && size - len <= 2);
    FUZZ_ASSERT(rc != 1 || tsvrow_is_comment(line, len));
    if (rc != 0) {
        FUZZ_ASSERT(rc2 == rc && strcmp(err, err2) == 0);
        return;
    }
    memset(&row, 0, sizeof row);
    rc = tsvrow_fields(&fz_layout, line, len, &row, seen, err, sizeof err);
    FUZZ_ASSERT(rc2 == rc && strcmp(err, err2) == 0);
    if (rc != 0)
        return;
    FUZZ_ASSERT(memcmp(&row, &whole, sizeof row) == 0 && memcmp(seen, seen2, sizeof seen) == 0);
    if (tsvrow_missing(&fz_layout, seen, err, sizeof err) != 0) {
        fuzz_check_message(err, sizeof err);
        return;
    }
    FUZZ_ASSERT(seen[FZ_K_TEXT] && row.text[0] != '\0');
    FUZZ_ASSERT(row.id[0] != '\0' && strlen(row.id) <= FZ_TEXT_MAX);
    FUZZ_ASSERT(row.whole >= -FZ_WHOLE_MAX && row.whole <= FZ_WHOLE_MAX);
    FUZZ_ASSERT(seen[FZ_K_WHOLE] || row.whole == 0);
    FUZZ_ASSERT(isfinite(row.decimal) && fabs(row.decimal) <= FZ_DECIMAL_MAX);
    FUZZ_ASSERT(seen[FZ_K_POSITIVE] ? row.positive > 0.0 : row.positive == 0.0);
    FUZZ_ASSERT(row.flag == 0 || row.flag == 1);
}

/* 1 when s (n bytes) is an optional '-' and at least one digit. */
static int fuzz_is_whole(const char *s, size_t n)
{
    size_t i = n > 0 && s[0] == '-' ? 1 : 0;

    if (i == n)
        return 0;
    for (; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The input as one value of each primitive. */
static void fuzz_values(const char *text, size_t size)
{
    tsvrow_span v = { text, size };
    char err[FZ_ERR_SIZE], dst[FZ_TEXT_MAX + 1];
    int64_t w = 0;
    double x = 0.0;
    unsigned flags = size > 0 ? (unsigned char)text[0] & (TSVROW_PRINTABLE | TSVROW_WORD) : 0;
    int whole = fuzz_is_whole(text, size) && memchr(text, '\0', size) == NULL;
    char *end;
    long long ref;

    /* Whole numbers: the full range of int64_t, against strtoll. */
    errno = 0;
    ref = whole ? strtoll(text, &end, FZ_BASE) : 0;
    if (tsvrow_whole(v, INT64_MIN, INT64_MAX, "w", &w, err, sizeof err) == 0) {
        FUZZ_ASSERT(whole && errno == 0 && ref == (long long)w);
    } else {
        FUZZ_ASSERT(!whole || errno == ERANGE);
        fuzz_check_message(err, sizeof err);
    }
    /* Decimals: what strtod reads of the same text. */
    if (tsvrow_decimal(v, TSVROW_SIGNED, DBL_MAX, &x) == 0) {
        FUZZ_ASSERT(isfinite(x) && size <= TSVROW_NUMBER_MAX);
        FUZZ_ASSERT(strtod(text, &end) == x && end == text + size);
    }
    /* Texts of at most FZ_TEXT_MAX characters, with the flags of the first byte. */
    if (tsvrow_text(dst, v, FZ_TEXT_MAX, flags, "t", err, sizeof err) == 0) {
        FUZZ_ASSERT(size > 0 && size <= FZ_TEXT_MAX && memcmp(dst, text, size) == 0 &&
                    dst[size] == '\0');
        FUZZ_ASSERT(!(flags & TSVROW_PRINTABLE) || !tsvrow_has_control(v));
    } else {
        fuzz_check_message(err, sizeof err);
    }
    FUZZ_ASSERT(tsvrow_quote_len(v) >= 0 && tsvrow_quote_len(v) <= TSVROW_QUOTE_MAX);
    FUZZ_ASSERT(tsvrow_flag(v) == -1 || (size == 1 && (text[0] == '0' || text[0] == '1')));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = fuzz_bytes(data, size), *text = fuzz_string(data, size);

    fuzz_row(line, size);
    fuzz_values(text, size);
    free(line);
    free(text);
    return 0;
}
