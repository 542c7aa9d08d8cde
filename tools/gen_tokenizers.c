/* gen_tokenizers.c - the `tokenizers` kind of tools/gendata:
 * data/tokenizers.tsv into the built-in tokenizer table (the gguf_tokenizer
 * rows of model/tokenizers_data.h, read through model/gguf_header.h).
 *
 * A row is 14 tab-separated columns (data/tokenizers.tsv documents them):
 * id, families, ids, vocab, tokens, token_bytes, merges, merge_bytes,
 * scores, template_bytes, model, pre, verified, source. "-" is an empty
 * families, ids or pre. The row is checked here, the only parser of the
 * file, so the library holds no parser (and gendata links no module that
 * reads the generated table). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gendata.h"
#include "model/tokenizers_data.h"

#define GEN_TOKENIZERS_COLUMNS 14
#define GEN_TOKENIZERS_ID_MAX 31
/* Rows accepted. */
#define GEN_TOKENIZERS_MAX 256
/* The shortest merge string: two one-byte halves and the space, "a b". */
#define GEN_TOKENIZERS_MIN_MERGE 3
/* Column indexes. */
enum {
    COL_ID, COL_FAMILIES, COL_IDS, COL_VOCAB, COL_TOKENS, COL_TOKEN_BYTES, COL_MERGES,
    COL_MERGE_BYTES, COL_SCORES, COL_TEMPLATE, COL_MODEL, COL_PRE, COL_VERIFIED, COL_SOURCE
};

static const char *const gen_tokenizers_names[GEN_TOKENIZERS_COLUMNS] = {
    "id", "families", "ids", "vocab", "tokens", "token_bytes", "merges", "merge_bytes",
    "scores", "template_bytes", "model", "pre", "verified", "source"
};

typedef struct {
    char line[GENDATA_MAX_LINE + 1];
    char *col[GEN_TOKENIZERS_COLUMNS];
    gendata_ids ids;
} gen_tokenizers_state;

/* 1 when every character of s is a lowercase letter, a digit or in extra. */
static int gen_tokenizers_word(const char *s, const char *extra)
{
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(extra, *s)))
            return 0;
    return 1;
}

/* A whole number from 0 to INT64_MAX; -1 when the text is not one. */
static int64_t gen_tokenizers_number(const char *s)
{
    char *end;
    long long v;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return -1;
    return (int64_t)v;
}

static int gen_tokenizers_bad(char *err, size_t errsize, int col, const char *why)
{
    (void)snprintf(err, errsize, "%s: %s", gen_tokenizers_names[col], why);
    return -1;
}

/* Splits st->line into its columns; -1 unless there are exactly 14. */
static int gen_tokenizers_split(gen_tokenizers_state *st)
{
    char *p = st->line;
    int n = 0;

    for (;;) {
        char *tab = strchr(p, '\t');

        if (n == GEN_TOKENIZERS_COLUMNS)
            return -1;
        st->col[n++] = p;
        if (tab == NULL)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n == GEN_TOKENIZERS_COLUMNS ? 0 : -1;
}

/* The vocab column: 1 to GGUF_TOKENIZER_MAX_VOCABS sizes, each >= tokens. */
static int gen_tokenizers_vocab(char *text, int64_t tokens, int64_t *vocab, int *n)
{
    char *p = text;

    *n = 0;
    while (p != NULL) {
        char *comma = strchr(p, ',');
        int64_t v;

        if (comma != NULL)
            *comma = '\0';
        v = gen_tokenizers_number(p);
        if (v <= 0 || v < tokens || *n == GGUF_TOKENIZER_MAX_VOCABS)
            return -1;
        vocab[(*n)++] = v;
        p = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

/* "-" is the empty list; otherwise a comma-separated list of words. */
static const char *gen_tokenizers_list(const char *s)
{
    return strcmp(s, "-") == 0 ? "" : s;
}

static int gen_tokenizers_row(void *state, const char *line, size_t len, FILE *out, char *err,
                              size_t errsize)
{
    gen_tokenizers_state *st = state;
    int64_t num[GEN_TOKENIZERS_COLUMNS] = { 0 }, vocab[GGUF_TOKENIZER_MAX_VOCABS] = { 0 };
    static const int numeric[] = { COL_TOKENS, COL_TOKEN_BYTES, COL_MERGES, COL_MERGE_BYTES,
                                   COL_SCORES, COL_TEMPLATE, COL_VERIFIED };
    size_t i;
    int nv;

    if (len == 0 || line[0] == '#')
        return 1;
    if (len > GENDATA_MAX_LINE) {
        (void)snprintf(err, errsize, "the line is too long");
        return -1;
    }
    memcpy(st->line, line, len);
    st->line[len] = '\0';
    if (gen_tokenizers_split(st) != 0) {
        (void)snprintf(err, errsize, "expected %d tab-separated columns", GEN_TOKENIZERS_COLUMNS);
        return -1;
    }
    if (!gen_tokenizers_word(st->col[COL_ID], "._-") ||
        strlen(st->col[COL_ID]) > GEN_TOKENIZERS_ID_MAX)
        return gen_tokenizers_bad(err, errsize, COL_ID, "expected a lowercase id");
    if (gendata_new_id(&st->ids, st->col[COL_ID], GEN_TOKENIZERS_MAX, err, errsize) != 0)
        return -1;
    if (!gen_tokenizers_word(st->col[COL_FAMILIES], "._,-"))
        return gen_tokenizers_bad(err, errsize, COL_FAMILIES, "expected '-' or a list");
    if (!gen_tokenizers_word(st->col[COL_IDS], "._,-"))
        return gen_tokenizers_bad(err, errsize, COL_IDS, "expected '-' or a list");
    for (i = 0; i < sizeof numeric / sizeof numeric[0]; i++) {
        num[numeric[i]] = gen_tokenizers_number(st->col[numeric[i]]);
        if (num[numeric[i]] < 0)
            return gen_tokenizers_bad(err, errsize, numeric[i], "expected a whole number");
    }
    if (num[COL_TOKENS] == 0 || num[COL_TOKEN_BYTES] < num[COL_TOKENS])
        return gen_tokenizers_bad(err, errsize, COL_TOKEN_BYTES,
                                  "expected tokens > 0 and at least a byte each");
    if (num[COL_MERGE_BYTES] < GEN_TOKENIZERS_MIN_MERGE * num[COL_MERGES] ||
        (num[COL_MERGES] == 0 && num[COL_MERGE_BYTES] != 0))
        return gen_tokenizers_bad(err, errsize, COL_MERGE_BYTES,
                                  "expected at least 3 bytes per merge, 0 without merges");
    if (num[COL_SCORES] > 1)
        return gen_tokenizers_bad(err, errsize, COL_SCORES, "expected 0 or 1");
    if (num[COL_VERIFIED] > 1)
        return gen_tokenizers_bad(err, errsize, COL_VERIFIED, "expected 0 or 1");
    if (gen_tokenizers_vocab(st->col[COL_VOCAB], num[COL_TOKENS], vocab, &nv) != 0)
        return gen_tokenizers_bad(err, errsize, COL_VOCAB,
                                  "expected 1 to 4 sizes, each at least tokens");
    if (!gen_tokenizers_word(st->col[COL_MODEL], "-"))
        return gen_tokenizers_bad(err, errsize, COL_MODEL, "expected a tokenizer model name");
    if (!gen_tokenizers_word(st->col[COL_PRE], "._-"))
        return gen_tokenizers_bad(err, errsize, COL_PRE, "expected '-' or a name");
    if (st->col[COL_SOURCE][0] == '\0' ||
        (num[COL_VERIFIED] == 0 && strstr(st->col[COL_SOURCE], "UNVERIFIED") == NULL))
        return gen_tokenizers_bad(err, errsize, COL_SOURCE,
                                  "expected a source, saying UNVERIFIED when verified=0");
    (void)fputs("    { .id = ", out);
    gendata_string(out, st->col[COL_ID]);
    (void)fputs(", .families = ", out);
    gendata_string(out, gen_tokenizers_list(st->col[COL_FAMILIES]));
    (void)fputs(", .ids = ", out);
    gendata_string(out, gen_tokenizers_list(st->col[COL_IDS]));
    (void)fputs(",\n      .vocab = {", out);
    for (i = 0; i < (size_t)nv; i++)
        (void)fprintf(out, " %lld,", (long long)vocab[i]);
    (void)fprintf(out, " }, .n_vocab = %d, .tokens = %lld, .token_bytes = %lld,\n", nv,
                  (long long)num[COL_TOKENS], (long long)num[COL_TOKEN_BYTES]);
    (void)fprintf(out, "      .merges = %lld, .merge_bytes = %lld, .scores = %d, "
                       ".template_bytes = %lld,\n      .model = ",
                  (long long)num[COL_MERGES], (long long)num[COL_MERGE_BYTES],
                  (int)num[COL_SCORES], (long long)num[COL_TEMPLATE]);
    gendata_string(out, st->col[COL_MODEL]);
    (void)fputs(", .pre = ", out);
    gendata_string(out, gen_tokenizers_list(st->col[COL_PRE]));
    (void)fprintf(out, ", .verified = %d,\n      .source = ", (int)num[COL_VERIFIED]);
    gendata_string(out, st->col[COL_SOURCE]);
    (void)fputs(" },\n", out);
    return 0;
}

static int gen_tokenizers_finish(void *state, size_t rows, FILE *out, char *err,
                                 size_t errsize)
{
    (void)state;
    if (rows == 0) {
        (void)snprintf(err, errsize, "no tokenizers");
        return -1;
    }
    (void)fprintf(out, "const size_t tokenizers_data_count = %zu;\n", rows);
    return 0;
}

const gendata_kind gendata_tokenizers = {
    "tokenizers",
    "#include \"model/tokenizers_data.h\"\n\nconst gguf_tokenizer tokenizers_data_rows[] = {\n",
    "};\n\n",
    sizeof(gen_tokenizers_state),
    gen_tokenizers_row,
    gen_tokenizers_finish,
};
