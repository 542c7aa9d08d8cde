/* gguf_header.c - the GGUF header of a tensor list and the whole predicted
 * file (gguf_header.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/gguf_header.h"
#include "model/tokenizers_data.h"

/* GGUF v3 encoding (ggml-org/llama.cpp ggml/src/gguf.cpp: gguf_write_to_buf,
 * gguf_type_size; ggml-org/ggml docs/gguf.md). */
#define GGUF_HEADER_MAGIC 4         /* "GGUF" */
#define GGUF_HEADER_U32 4           /* GGUF_TYPE_UINT32, INT32, FLOAT32; also the version */
#define GGUF_HEADER_U64 8           /* n_tensors, n_kv, each dimension, each data offset */
#define GGUF_HEADER_BOOL 1          /* GGUF_TYPE_BOOL is one byte */
#define GGUF_HEADER_STR_LEN 8       /* a string is a u64 length and its bytes, no NUL */
#define GGUF_HEADER_VALUE_TYPE 4    /* the u32 gguf_type after each key */
#define GGUF_HEADER_ARRAY_HEAD 12   /* an array: u32 element type + u64 count */
#define GGUF_HEADER_ELEM 4          /* int32 token_type and float32 scores elements */
#define GGUF_HEADER_FIXED (GGUF_HEADER_MAGIC + GGUF_HEADER_U32 + 2 * GGUF_HEADER_U64)

/* The converter's filler for ids the tokenizer does not define:
 * f"[PAD{i}]" (convert_hf_to_gguf.py, TextModel.get_vocab_base). */
#define GGUF_HEADER_PAD_TEXT 5      /* "[PAD" and "]" around the decimal id */
#define GGUF_HEADER_DECIMAL 10
/* Token ids are int32 (llama_token, include/llama.h): no larger vocabulary. */
#define GGUF_HEADER_MAX_VOCAB INT32_MAX

/* String values the metadata estimate cannot read from the catalog.
 * general.type is "model" (gguf-py GGUFWriter, convert_hf_to_gguf.py). */
#define GGUF_HEADER_TYPE_TEXT "model"
/* general.size_label ("8B", "30B-A3B") and general.license ("apache-2.0",
 * "llama3.2"): typical lengths, UNVERIFIED per model. */
#define GGUF_HEADER_SIZE_LABEL_BYTES 4
#define GGUF_HEADER_LICENSE_BYTES 10
/* quantize.imatrix.file + quantize.imatrix.dataset string bytes: bartowski's
 * Llama-3.2-1B-Instruct f16 file (no imatrix) has a header 288 bytes shorter
 * than the imatrix quants of the same revision (data/tokenizers.tsv
 * sources): 288 = the four keys' names and types (152), two string
 * lengths (16), two int32 (8) and 112 bytes of path and dataset name. */
#define GGUF_HEADER_IMATRIX_TEXT 112

/* What a metadata value is. */
typedef enum {
    VAL_U32,        /* also int32 and float32 */
    VAL_BOOL,
    VAL_ARCH,       /* string: the family */
    VAL_NAME,       /* string: the model's display name */
    VAL_TYPE,       /* string: GGUF_HEADER_TYPE_TEXT */
    VAL_SIZE_LABEL, /* string: GGUF_HEADER_SIZE_LABEL_BYTES */
    VAL_LICENSE,    /* string: GGUF_HEADER_LICENSE_BYTES */
    VAL_TOK_MODEL,  /* string: tokenizer.ggml.model */
    VAL_TOK_PRE,    /* string: tokenizer.ggml.pre */
    VAL_TEMPLATE,   /* string: the chat template */
    VAL_IMATRIX     /* strings: GGUF_HEADER_IMATRIX_TEXT between the two */
} val_kind;

/* When a key is written. */
typedef enum {
    WHEN_ALWAYS,
    WHEN_MOE,       /* routed experts */
    WHEN_SHARED,    /* shared experts */
    WHEN_DENSE_FIRST,
    WHEN_WINDOW,    /* sliding-window or chunked layers */
    WHEN_MLA,
    WHEN_SSM,       /* Mamba2 or Gated DeltaNet state */
    WHEN_PRE,       /* the tokenizer names a pre-tokenizer */
    WHEN_TEMPLATE,  /* the tokenizer row has a chat template */
    WHEN_IMATRIX
} when_kind;

typedef struct {
    const char *key;   /* after "<family>." when arch is 1 */
    int arch;
    val_kind val;
    when_kind when;
} meta_key;

/* The keys convert_hf_to_gguf.py and llama-quantize write for a text model
 * (names: gguf-py/gguf/constants.py class Keys; quantize:
 * tools/quantize/quantize.cpp LLM_KV_QUANTIZE_IMATRIX_*). The tokenizer
 * arrays are counted apart. Keys an uploader adds or leaves out
 * (general.finetune, tags, languages, base_model.*) are not modelled. */
static const meta_key meta_keys[] = {
    { "general.architecture", 0, VAL_ARCH, WHEN_ALWAYS },
    { "general.type", 0, VAL_TYPE, WHEN_ALWAYS },
    { "general.name", 0, VAL_NAME, WHEN_ALWAYS },
    { "general.basename", 0, VAL_NAME, WHEN_ALWAYS },
    { "general.size_label", 0, VAL_SIZE_LABEL, WHEN_ALWAYS },
    { "general.license", 0, VAL_LICENSE, WHEN_ALWAYS },
    { "general.file_type", 0, VAL_U32, WHEN_ALWAYS },
    { "general.quantization_version", 0, VAL_U32, WHEN_ALWAYS },
    { "block_count", 1, VAL_U32, WHEN_ALWAYS },
    { "context_length", 1, VAL_U32, WHEN_ALWAYS },
    { "embedding_length", 1, VAL_U32, WHEN_ALWAYS },
    { "feed_forward_length", 1, VAL_U32, WHEN_ALWAYS },
    { "vocab_size", 1, VAL_U32, WHEN_ALWAYS },
    { "attention.head_count", 1, VAL_U32, WHEN_ALWAYS },
    { "attention.head_count_kv", 1, VAL_U32, WHEN_ALWAYS },
    { "attention.key_length", 1, VAL_U32, WHEN_ALWAYS },
    { "attention.value_length", 1, VAL_U32, WHEN_ALWAYS },
    { "attention.layer_norm_rms_epsilon", 1, VAL_U32, WHEN_ALWAYS },
    { "rope.freq_base", 1, VAL_U32, WHEN_ALWAYS },
    { "rope.dimension_count", 1, VAL_U32, WHEN_ALWAYS },
    { "expert_count", 1, VAL_U32, WHEN_MOE },
    { "expert_used_count", 1, VAL_U32, WHEN_MOE },
    { "expert_feed_forward_length", 1, VAL_U32, WHEN_MOE },
    { "expert_shared_count", 1, VAL_U32, WHEN_SHARED },
    { "leading_dense_block_count", 1, VAL_U32, WHEN_DENSE_FIRST },
    { "attention.sliding_window", 1, VAL_U32, WHEN_WINDOW },
    { "attention.q_lora_rank", 1, VAL_U32, WHEN_MLA },
    { "attention.kv_lora_rank", 1, VAL_U32, WHEN_MLA },
    { "ssm.conv_kernel", 1, VAL_U32, WHEN_SSM },
    { "ssm.inner_size", 1, VAL_U32, WHEN_SSM },
    { "ssm.state_size", 1, VAL_U32, WHEN_SSM },
    { "ssm.time_step_rank", 1, VAL_U32, WHEN_SSM },
    { "ssm.group_count", 1, VAL_U32, WHEN_SSM },
    { "tokenizer.ggml.model", 0, VAL_TOK_MODEL, WHEN_ALWAYS },
    { "tokenizer.ggml.pre", 0, VAL_TOK_PRE, WHEN_PRE },
    { "tokenizer.ggml.bos_token_id", 0, VAL_U32, WHEN_ALWAYS },
    { "tokenizer.ggml.eos_token_id", 0, VAL_U32, WHEN_ALWAYS },
    { "tokenizer.ggml.padding_token_id", 0, VAL_U32, WHEN_ALWAYS },
    { "tokenizer.ggml.add_bos_token", 0, VAL_BOOL, WHEN_ALWAYS },
    { "tokenizer.chat_template", 0, VAL_TEMPLATE, WHEN_TEMPLATE },
    { "quantize.imatrix.file", 0, VAL_IMATRIX, WHEN_IMATRIX },
    { "quantize.imatrix.dataset", 0, VAL_IMATRIX, WHEN_IMATRIX },
    { "quantize.imatrix.entries_count", 0, VAL_U32, WHEN_IMATRIX },
    { "quantize.imatrix.chunks_count", 0, VAL_U32, WHEN_IMATRIX },
};

#define META_KEYS (sizeof meta_keys / sizeof meta_keys[0])

/* The tokenizer arrays (gguf-py constants.py Keys.Tokenizer). */
#define KEY_TOKENS "tokenizer.ggml.tokens"
#define KEY_TOKEN_TYPE "tokenizer.ggml.token_type"
#define KEY_SCORES "tokenizer.ggml.scores"
#define KEY_MERGES "tokenizer.ggml.merges"

size_t gguf_header_tokenizer_count(void)
{
    return tokenizers_data_count;
}

const gguf_tokenizer *gguf_header_tokenizer_at(size_t i)
{
    return i < tokenizers_data_count ? &tokenizers_data_rows[i] : NULL;
}

/* 1 when the comma-separated `list` has `word` (exact) or, with prefix
 * set, an entry that is a prefix of `word`. */
static int gguf_header_list_has(const char *list, const char *word, int prefix)
{
    const char *p = list;
    size_t wl = strlen(word);

    while (p != NULL && *p != '\0') {
        const char *end = strchr(p, ',');
        size_t n = end != NULL ? (size_t)(end - p) : strlen(p);

        if (n > 0 && (prefix ? n <= wl && strncmp(p, word, n) == 0
                             : n == wl && strncmp(p, word, n) == 0))
            return 1;
        p = end != NULL ? end + 1 : NULL;
    }
    return 0;
}

static int gguf_header_serves(const gguf_tokenizer *t, int64_t vocab)
{
    int i;

    for (i = 0; i < t->n_vocab && i < GGUF_TOKENIZER_MAX_VOCABS; i++)
        if (t->vocab[i] == vocab)
            return 1;
    return 0;
}

const gguf_tokenizer *gguf_header_tokenizer_find(const char *id, const char *family,
                                                 int64_t vocab)
{
    size_t i, n = gguf_header_tokenizer_count();

    for (i = 0; id != NULL && i < n; i++) {
        const gguf_tokenizer *t = gguf_header_tokenizer_at(i);

        if (gguf_header_serves(t, vocab) && gguf_header_list_has(t->ids, id, 1))
            return t;
    }
    for (i = 0; family != NULL && i < n; i++) {
        const gguf_tokenizer *t = gguf_header_tokenizer_at(i);

        if (gguf_header_serves(t, vocab) && gguf_header_list_has(t->families, family, 0))
            return t;
    }
    for (i = 0; i < n; i++) {
        const gguf_tokenizer *t = gguf_header_tokenizer_at(i);

        if (gguf_header_serves(t, vocab) && t->families[0] == '\0')
            return t;
    }
    return NULL;
}

int gguf_header_tokenizer_estimate(int64_t vocab, gguf_tokenizer *out)
{
    int64_t tokens = 0, token_bytes = 0, merges = 0, merge_bytes = 0, templ = 0, rows = 0;
    size_t i;

    if (vocab <= 0 || vocab > GGUF_HEADER_MAX_VOCAB || out == NULL)
        return -1;
    for (i = 0; i < gguf_header_tokenizer_count(); i++) {
        const gguf_tokenizer *t = gguf_header_tokenizer_at(i);

        if (!t->verified || t->merges <= 0 || t->scores)
            continue;
        tokens += t->tokens;
        token_bytes += t->token_bytes;
        merges += t->merges;
        merge_bytes += t->merge_bytes;
        templ += t->template_bytes;
        rows++;
    }
    if (rows == 0 || tokens <= 0 || merges <= 0)
        return -1;
    memset(out, 0, sizeof *out);
    out->id = "estimate";
    out->families = "";
    out->ids = "";
    out->vocab[0] = vocab;
    out->n_vocab = 1;
    out->tokens = vocab;
    out->token_bytes = vocab * token_bytes / tokens;
    out->merges = vocab * merges / tokens;
    out->merge_bytes = out->merges * merge_bytes / merges;
    out->template_bytes = templ / rows;
    out->model = "gpt2";
    out->pre = "";
    out->verified = 0;
    out->source = "UNVERIFIED: the mean of the verified BPE rows of data/tokenizers.tsv";
    return 0;
}

/* The bytes of the filler strings "[PAD<i>]" for from <= i < to. */
static int64_t gguf_header_pad_bytes(int64_t from, int64_t to)
{
    int64_t bytes = 0, hi = GGUF_HEADER_DECIMAL;
    int digits = 1;

    while (from < to) {
        if (from < hi) {
            int64_t end = to < hi ? to : hi;

            bytes += (end - from) * (GGUF_HEADER_PAD_TEXT + digits);
            from = end;
        }
        if (hi > INT64_MAX / GGUF_HEADER_DECIMAL) {   /* beyond any vocabulary */
            bytes += (to - from) * (GGUF_HEADER_PAD_TEXT + digits + 1);
            break;
        }
        hi *= GGUF_HEADER_DECIMAL;
        digits++;
    }
    return bytes;
}

/* Bytes of a key: its string and the value type. */
static int64_t gguf_header_key(const char *prefix, const char *key)
{
    int64_t n = (int64_t)strlen(key);

    if (prefix != NULL)
        n += (int64_t)strlen(prefix) + 1;   /* "<family>." */
    return GGUF_HEADER_STR_LEN + n + GGUF_HEADER_VALUE_TYPE;
}

static int gguf_header_when(when_kind w, const qs_arch *a, const gguf_tokenizer *tok,
                            int has_imatrix)
{
    switch (w) {
    case WHEN_ALWAYS:
        return 1;
    case WHEN_MOE:
        return a->moe.experts > 0;
    case WHEN_SHARED:
        return a->moe.experts > 0 && a->moe.shared > 0;
    case WHEN_DENSE_FIRST:
        return a->moe.experts > 0 && a->dense_first > 0;
    case WHEN_WINDOW:
        return a->mixer == ARCH_ATTN_SWA || a->mixer == ARCH_ATTN_CHUNKED;
    case WHEN_MLA:
        return a->mla.kv_lora_rank > 0;
    case WHEN_SSM:
        return a->mixer == ARCH_ATTN_LINEAR || a->pattern != NULL;
    case WHEN_PRE:
        return tok->pre[0] != '\0';
    case WHEN_TEMPLATE:
        return tok->template_bytes > 0;
    case WHEN_IMATRIX:
        return has_imatrix;
    }
    return 0;
}

static int64_t gguf_header_string(int64_t len)
{
    return GGUF_HEADER_STR_LEN + len;
}

static int64_t gguf_header_value(val_kind v, const qs_arch *a, const char *family,
                                 const gguf_tokenizer *tok)
{
    switch (v) {
    case VAL_U32:
        return GGUF_HEADER_U32;
    case VAL_BOOL:
        return GGUF_HEADER_BOOL;
    case VAL_ARCH:
        return gguf_header_string((int64_t)strlen(family));
    case VAL_NAME:
        return gguf_header_string(a->name != NULL ? (int64_t)strlen(a->name) : 0);
    case VAL_TYPE:
        return gguf_header_string((int64_t)strlen(GGUF_HEADER_TYPE_TEXT));
    case VAL_SIZE_LABEL:
        return gguf_header_string(GGUF_HEADER_SIZE_LABEL_BYTES);
    case VAL_LICENSE:
        return gguf_header_string(GGUF_HEADER_LICENSE_BYTES);
    case VAL_TOK_MODEL:
        return gguf_header_string((int64_t)strlen(tok->model));
    case VAL_TOK_PRE:
        return gguf_header_string((int64_t)strlen(tok->pre));
    case VAL_TEMPLATE:
        return gguf_header_string(tok->template_bytes);
    case VAL_IMATRIX:
        /* the two strings share GGUF_HEADER_IMATRIX_TEXT: half each */
        return gguf_header_string(GGUF_HEADER_IMATRIX_TEXT / 2);
    }
    return 0;
}

/* The tokenizer arrays of a vocabulary of `vocab` entries. */
static int64_t gguf_header_arrays(const gguf_tokenizer *tok, int64_t vocab)
{
    int64_t bytes = gguf_header_key(NULL, KEY_TOKENS) + GGUF_HEADER_ARRAY_HEAD +
                    vocab * GGUF_HEADER_STR_LEN + tok->token_bytes +
                    gguf_header_pad_bytes(tok->tokens, vocab);

    bytes += gguf_header_key(NULL, KEY_TOKEN_TYPE) + GGUF_HEADER_ARRAY_HEAD +
             vocab * GGUF_HEADER_ELEM;
    if (tok->scores)
        bytes += gguf_header_key(NULL, KEY_SCORES) + GGUF_HEADER_ARRAY_HEAD +
                 vocab * GGUF_HEADER_ELEM;
    if (tok->merges > 0)
        bytes += gguf_header_key(NULL, KEY_MERGES) + GGUF_HEADER_ARRAY_HEAD +
                 tok->merges * GGUF_HEADER_STR_LEN + tok->merge_bytes;
    return bytes;
}

/* ggml_n_dims: the dimensions up to the last one above 1 (at least 1). */
static int gguf_header_n_dims(const qs_tensor *t)
{
    int d = TENSORS_MAX_DIMS;

    while (d > 1 && t->ne[d - 1] == 1)
        d--;
    return d;
}

int64_t gguf_header_bytes(const tensor_list *l, const qs_arch *a, const char *family,
                          const gguf_tokenizer *tok, int has_imatrix)
{
    gguf_tokenizer est;
    int64_t bytes = GGUF_HEADER_FIXED;
    size_t i;

    if (l == NULL || a == NULL || a->vocab <= 0 || a->vocab > GGUF_HEADER_MAX_VOCAB)
        return -1;
    if (family == NULL)
        family = "";
    if (tok == NULL) {
        if (gguf_header_tokenizer_estimate(a->vocab, &est) != 0)
            return -1;
        tok = &est;
    }
    if (tok->tokens > a->vocab || tok->tokens < 0 || tok->token_bytes < 0 ||
        tok->merges < 0 || tok->merge_bytes < 0 || tok->template_bytes < 0)
        return -1;
    for (i = 0; i < META_KEYS; i++) {
        const meta_key *k = &meta_keys[i];

        if (gguf_header_when(k->when, a, tok, has_imatrix))
            bytes += gguf_header_key(k->arch ? family : NULL, k->key) +
                     gguf_header_value(k->val, a, family, tok);
    }
    bytes += gguf_header_arrays(tok, a->vocab);
    for (i = 0; i < l->n; i++) {
        const qs_tensor *t = &l->t[i];
        const char *nul = memchr(t->name, '\0', TENSORS_NAME_MAX);

        if (nul == NULL)
            return -1;
        bytes += gguf_header_string((int64_t)(nul - t->name)) + GGUF_HEADER_U32 +
                 (int64_t)gguf_header_n_dims(t) * GGUF_HEADER_U64 + GGUF_HEADER_U32 +
                 GGUF_HEADER_U64;
    }
    return (bytes + GGUF_RULES_ALIGNMENT - 1) / GGUF_RULES_ALIGNMENT * GGUF_RULES_ALIGNMENT;
}

void gguf_header_rules_ctx(gguf_rules_ctx *c, const qs_arch *a, const char *family)
{
    gguf_rules_arch ga = GGUF_ARCH_OTHER;

    if (family != NULL && (strcmp(family, "llama") == 0 || strcmp(family, "mixtral") == 0 ||
                           strcmp(family, "mistral") == 0))
        ga = GGUF_ARCH_LLAMA;
    else if (family != NULL && strcmp(family, "falcon") == 0)
        ga = GGUF_ARCH_FALCON;
    gguf_rules_ctx_init(c, ga, arch_block_count(a), a->heads, a->kv_heads, a->moe.experts);
}

/* The expansion of `a` in a new list (*buf to free); -1 on error. */
static int gguf_header_expand(const qs_arch *a, tensor_list *l, qs_tensor **buf)
{
    size_t n = arch_tensor_count(a);

    *buf = NULL;
    if (n == 0)
        return -1;
    *buf = calloc(n, sizeof **buf);
    if (*buf == NULL)
        return -1;
    l->t = *buf;
    l->n = 0;
    l->cap = n;
    l->overflow = 0;
    return arch_expand(a, l);
}

int64_t gguf_header_file_bytes(gguf_ftype ft, const qs_arch *a, const char *family,
                               const gguf_tokenizer *tok, const gguf_rules_ctx *c)
{
    tensor_list l;
    qs_tensor *buf;
    int64_t data, header = -1;

    if (a == NULL || c == NULL)
        return -1;
    if (gguf_header_expand(a, &l, &buf) != 0) {
        free(buf);
        return -1;
    }
    data = gguf_rules_predict_bytes(ft, &l, c);
    if (data >= 0)
        header = gguf_header_bytes(&l, a, family, tok, c->has_imatrix);
    free(buf);
    return data < 0 || header < 0 ? -1 : header + data;
}

/* The name pattern of a tensor: "blk.<n>." written "blk.*.". */
static void gguf_header_pattern(const char *name, char *out, size_t size)
{
    static const char blk[] = "blk.";
    const char *p = name + sizeof blk - 1;

    if (strncmp(name, blk, sizeof blk - 1) == 0 && *p >= '0' && *p <= '9') {
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.') {
            (void)snprintf(out, size, "blk.*%s", p);
            return;
        }
    }
    (void)snprintf(out, size, "%s", name);
}

static int gguf_header_group_add(gguf_header_group *out, size_t cap, size_t *n,
                                 const qs_tensor *t, int type)
{
    char pat[TENSORS_NAME_MAX];
    int64_t b = ggml_tensor_bytes(type, t);
    size_t i;

    if (b < 0)
        return -1;
    b = (b + GGUF_RULES_ALIGNMENT - 1) / GGUF_RULES_ALIGNMENT * GGUF_RULES_ALIGNMENT;
    gguf_header_pattern(t->name, pat, sizeof pat);
    for (i = 0; i < *n; i++) {
        if (out[i].type == type && strcmp(out[i].pattern, pat) == 0) {
            out[i].count++;
            out[i].bytes += b;
            return 0;
        }
    }
    if (*n == cap)
        return -1;
    memcpy(out[*n].pattern, pat, sizeof pat);
    out[*n].type = type;
    out[*n].count = 1;
    out[*n].bytes = b;
    (*n)++;
    return 0;
}

int gguf_header_file_groups(gguf_ftype ft, const qs_arch *a, const gguf_rules_ctx *c,
                            gguf_header_group *out, size_t cap)
{
    tensor_list l;
    qs_tensor *buf;
    int *types = NULL;
    size_t i, n = 0;
    int rc = -1;

    if (a == NULL || c == NULL || out == NULL)
        return -1;
    if (gguf_header_expand(a, &l, &buf) == 0)
        types = calloc(l.n > 0 ? l.n : 1, sizeof *types);
    if (types != NULL && gguf_rules_apply(ft, &l, c, types) == 0) {
        rc = 0;
        for (i = 0; i < l.n && rc == 0; i++)
            rc = gguf_header_group_add(out, cap, &n, &l.t[i], types[i]);
    }
    free(types);
    free(buf);
    return rc == 0 ? (int)n : -1;
}
