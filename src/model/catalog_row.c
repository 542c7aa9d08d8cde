/* catalog_row.c - a catalog row (a line of data/models.tsv) into a
 * catalog_row: the fixed columns, then key=value fields looked up in one
 * table of keys, each with its place in the struct and its range. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model/catalog_row.h"

/* Ranges of the values. Widths follow arch.c's bound on a tensor
 * dimension (2^20); larger sizes would be refused by arch_valid anyway. */
#define CR_MAX_DIM (INT64_C(1) << 20)
#define CR_MAX_EXPERTS (1 << 11)
/* Contexts and windows: up to 2^30 tokens (Llama 4 Scout: 10485760). */
#define CR_MAX_CTX (INT64_C(1) << 30)
/* Parameter counts: up to 10^14 (the largest models have about 10^12). */
#define CR_MAX_PARAMS INT64_C(100000000000000)
/* How much of a bad value a message quotes. */
#define CR_QUOTE_MAX 32
#define CR_DECIMAL 10
/* The three fixed columns before the key=value fields. */
#define CR_FIXED_COLUMNS 3

typedef enum {
    CR_INT,      /* int */
    CR_I64,      /* int64_t */
    CR_LONG,     /* long */
    CR_NORMS,    /* arch_norm_style by name */
    CR_MIXER,    /* arch_attn_kind by name */
    CR_TEXT      /* a char array of `hi` + 1 bytes */
} cr_kind;

typedef struct {
    const char *key;
    cr_kind kind;
    size_t offset;       /* into catalog_row */
    const char *member;  /* the same field's designator in a qs_model
                            (models.h), for the build's generator */
    int64_t lo, hi;      /* numbers: the range; CR_TEXT: hi is the longest */
    int required;
} cr_key;

#define AT(member) offsetof(catalog_row, member), #member
#define DIM(k, member) { k, CR_INT, AT(member), 1, CR_MAX_DIM, 0 }
#define DIM64(k, member) { k, CR_I64, AT(member), 1, CR_MAX_DIM, 0 }
#define FLAG(k, member) { k, CR_INT, AT(member), 0, 1, 0 }
#define LAYERS(k, member, lo) { k, CR_INT, AT(member), lo, CATALOG_ROW_MAX_LAYERS, 0 }

static const cr_key cr_keys[] = {
    { "layers", CR_INT, AT(arch.layers), 1, CATALOG_ROW_MAX_LAYERS, 1 },
    { "hidden", CR_I64, AT(arch.hidden), 1, CR_MAX_DIM, 1 },
    { "heads", CR_INT, AT(arch.heads), 1, CR_MAX_DIM, 1 },
    { "vocab", CR_I64, AT(arch.vocab), 1, CR_MAX_DIM, 1 },
    { "ctx", CR_LONG, AT(ctx), 1, CR_MAX_CTX, 1 },
    DIM("kv_heads", arch.kv_heads),
    DIM("head_dim", arch.head_dim_k),
    DIM("head_dim_v", arch.head_dim_v),
    DIM("full_kv_heads", arch.full_kv_heads),
    DIM("full_head_dim", arch.full_head_dim),
    FLAG("tied_embeddings", arch.tied_embeddings),
    DIM64("pos_embd", arch.pos_embd),
    FLAG("embd_norm", arch.embd_norm),
    FLAG("norm_bias", arch.norm_bias),
    FLAG("attn_norm_2", arch.attn_norm_2),
    FLAG("norms_after", arch.norms_after),
    FLAG("layer_scale", arch.layer_scale),
    FLAG("rope_freqs", arch.rope_freqs),
    { "norms", CR_NORMS, AT(arch.norms), 0, 0, 0 },
    FLAG("qk_norm", arch.qk_norm),
    FLAG("qk_norm_full", arch.qk_norm_full),
    FLAG("fused_qkv", arch.fused_qkv),
    FLAG("full_k_eq_v", arch.full_k_eq_v),
    FLAG("qkv_bias", arch.qkv_bias),
    FLAG("out_bias", arch.out_bias),
    FLAG("sinks", arch.sinks),
    FLAG("q_gate", arch.q_gate),
    { "mixer", CR_MIXER, AT(arch.mixer), 0, 0, 0 },
    { "span", CR_LONG, AT(arch.span), 1, CR_MAX_CTX, 0 },
    LAYERS("full_period", arch.full_period, 1),
    { "full_index", CR_INT, AT(arch.full_index), 0, CATALOG_ROW_MAX_LAYERS - 1, 0 },
    { "pattern", CR_TEXT, offsetof(catalog_row, pattern), "arch.pattern", 0,
      CATALOG_ROW_MAX_LAYERS, 0 },
    DIM("mla.q_lora_rank", arch.mla.q_lora_rank),
    DIM("mla.kv_lora_rank", arch.mla.kv_lora_rank),
    DIM("mla.qk_nope_head_dim", arch.mla.qk_nope_head_dim),
    DIM("mla.qk_rope_head_dim", arch.mla.qk_rope_head_dim),
    DIM("mla.v_head_dim", arch.mla.v_head_dim),
    FLAG("mla.fused_kv_b", arch.mla.fused_kv_b),
    DIM("mla.index_heads", arch.mla.index_heads),
    DIM("mla.index_head_dim", arch.mla.index_head_dim),
    DIM("linear.k_heads", arch.linear.k_heads),
    DIM("linear.v_heads", arch.linear.v_heads),
    DIM("linear.k_head_dim", arch.linear.k_head_dim),
    DIM("linear.v_head_dim", arch.linear.v_head_dim),
    DIM("linear.conv_kernel", arch.linear.conv_kernel),
    FLAG("linear.split_qkv", arch.linear.split_qkv),
    DIM("ssm.heads", arch.ssm.heads),
    DIM("ssm.head_dim", arch.ssm.head_dim),
    DIM("ssm.groups", arch.ssm.groups),
    DIM("ssm.state", arch.ssm.state),
    DIM("ssm.conv_kernel", arch.ssm.conv_kernel),
    FLAG("ssm.conv_bias", arch.ssm.conv_bias),
    DIM64("ffn", arch.ffn_dim),
    FLAG("ffn_ungated", arch.ffn_ungated),
    FLAG("ffn_bias", arch.ffn_bias),
    LAYERS("dense_first", arch.dense_first, 1),
    LAYERS("moe_step", arch.moe_step, 1),
    { "moe.experts", CR_INT, AT(arch.moe.experts), 1, CR_MAX_EXPERTS, 0 },
    { "moe.active", CR_INT, AT(arch.moe.active), 1, CR_MAX_EXPERTS, 0 },
    { "moe.shared", CR_INT, AT(arch.moe.shared), 1, CR_MAX_EXPERTS, 0 },
    DIM64("moe.expert_dim", arch.moe.expert_dim),
    DIM64("moe.shared_dim", arch.moe.shared_dim),
    FLAG("moe.router_bias", arch.moe.router_bias),
    FLAG("moe.score_bias", arch.moe.score_bias),
    FLAG("moe.expert_bias", arch.moe.expert_bias),
    FLAG("moe.shared_gate", arch.moe.shared_gate),
    DIM64("moe.latent", arch.moe.latent),
    FLAG("moe.dense_parallel", arch.moe.dense_parallel),
    LAYERS("nextn_layers", arch.nextn_layers, 1),
    FLAG("nextn_own_head", arch.nextn_own_head),
    { "vision_params", CR_I64, AT(arch.vision_params), 1, CR_MAX_PARAMS, 0 },
    { "params", CR_I64, AT(params), 1, CR_MAX_PARAMS, 0 },
    { "params_diff", CR_I64, AT(params_diff), -CR_MAX_PARAMS, CR_MAX_PARAMS, 0 },
    { "params_note", CR_TEXT, AT(params_note), 1, CATALOG_ROW_NOTE_MAX, 0 },
    { "verified", CR_INT, AT(verified), 0, 1, 1 },
    { "source", CR_TEXT, AT(source), 1, CATALOG_ROW_SOURCE_MAX, 1 },
};

#define CR_NKEYS (sizeof cr_keys / sizeof cr_keys[0])

/* Names of the enums, in enum order. */
static const char *const cr_norms[] = { "pre", "pre_post", "sandwich", "single" };
static const char *const cr_mixers[] = { "full", "swa", "chunked", "linear", "ssm", "mla" };

#define CR_NNORMS (sizeof cr_norms / sizeof cr_norms[0])
#define CR_NMIXERS (sizeof cr_mixers / sizeof cr_mixers[0])

/* A piece of the line. */
typedef struct {
    const char *s;
    size_t n;
} cr_span;

/* Control bytes (below a space, and DEL) in a message become this. */
#define CR_ASCII_SPACE 0x20
#define CR_ASCII_DEL 0x7f
#define CR_CONTROL_MARK '?'

static void cr_fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void cr_fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    char *p;

    if (err == NULL || errsize == 0)
        return;
    va_start(ap, fmt);
    (void)vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    /* A value quoted from the line may hold control bytes (a tab, a
     * newline): the message stays one line. */
    for (p = err; *p != '\0'; p++)
        if ((unsigned char)*p < CR_ASCII_SPACE || (unsigned char)*p == CR_ASCII_DEL)
            *p = CR_CONTROL_MARK;
}

static int cr_quote_len(cr_span v)
{
    return (int)(v.n < CR_QUOTE_MAX ? v.n : CR_QUOTE_MAX);
}

static int cr_eq(cr_span v, const char *word)
{
    return strlen(word) == v.n && memcmp(v.s, word, v.n) == 0;
}

/* A whole number in [lo, hi]: an optional '-' and decimal digits. */
static int cr_number(cr_span v, int64_t lo, int64_t hi, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    int64_t x = 0;
    int64_t lim;

    if (v.n > 0 && v.s[0] == '-') {
        neg = 1;
        i = 1;
    }
    if (i == v.n)
        return -1;
    lim = neg ? -lo : hi;
    if (lim < 0)
        return -1;
    for (; i < v.n; i++) {
        int d = v.s[i] - '0';

        if (d < 0 || d >= CR_DECIMAL || x > (lim - d) / CR_DECIMAL)
            return -1;
        x = x * CR_DECIMAL + d;
    }
    x = neg ? -x : x;
    if (x < lo || x > hi)
        return -1;
    *out = x;
    return 0;
}

static int cr_enum(cr_span v, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (cr_eq(v, names[i]))
            return (int)i;
    return -1;
}

static void cr_text(char *dst, cr_span v)
{
    memcpy(dst, v.s, v.n);
    dst[v.n] = '\0';
}

/* Stores one value; -1 with a message naming the key. */
static int cr_store(catalog_row *row, const cr_key *k, cr_span v, char *err, size_t errsize)
{
    char *p = (char *)row + k->offset;
    int64_t x = 0;
    int e;

    switch (k->kind) {
    case CR_INT:
    case CR_I64:
    case CR_LONG:
        if (cr_number(v, k->lo, k->hi, &x) != 0) {
            cr_fail(err, errsize, "%s: expected a whole number from %lld to %lld, got '%.*s'",
                    k->key, (long long)k->lo, (long long)k->hi, cr_quote_len(v), v.s);
            return -1;
        }
        if (k->kind == CR_INT)
            *(int *)(void *)p = (int)x;
        else if (k->kind == CR_I64)
            *(int64_t *)(void *)p = x;
        else
            *(long *)(void *)p = (long)x;
        return 0;
    case CR_NORMS:
        e = cr_enum(v, cr_norms, CR_NNORMS);
        if (e < 0) {
            cr_fail(err, errsize, "%s: expected pre, pre_post, sandwich or single, got '%.*s'",
                    k->key, cr_quote_len(v), v.s);
            return -1;
        }
        *(arch_norm_style *)(void *)p = (arch_norm_style)e;
        return 0;
    case CR_MIXER:
        e = cr_enum(v, cr_mixers, CR_NMIXERS);
        if (e < 0) {
            cr_fail(err, errsize,
                    "%s: expected full, swa, chunked, linear, ssm or mla, got '%.*s'", k->key,
                    cr_quote_len(v), v.s);
            return -1;
        }
        *(arch_attn_kind *)(void *)p = (arch_attn_kind)e;
        return 0;
    case CR_TEXT:
        if (v.n == 0) {
            cr_fail(err, errsize, "%s: empty", k->key);
            return -1;
        }
        if (v.n > (size_t)k->hi) {
            cr_fail(err, errsize, "%s: longer than %lld characters", k->key, (long long)k->hi);
            return -1;
        }
        cr_text(p, v);
        return 0;
    }
    return -1;
}

/* A fixed column: non-empty, at most `max` characters; `word` restricts
 * it to lowercase letters, digits, '.', '-' and '_'. */
static int cr_column(char *dst, cr_span v, size_t max, int word, const char *what, char *err,
                     size_t errsize)
{
    size_t i;

    if (v.n == 0) {
        cr_fail(err, errsize, "%s: empty", what);
        return -1;
    }
    if (v.n > max) {
        cr_fail(err, errsize, "%s: longer than %zu characters", what, max);
        return -1;
    }
    for (i = 0; word && i < v.n; i++) {
        char c = v.s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_')) {
            cr_fail(err, errsize,
                    "%s: expected lowercase letters, digits, '.', '-' or '_', got '%.*s'", what,
                    cr_quote_len(v), v.s);
            return -1;
        }
    }
    cr_text(dst, v);
    return 0;
}

/* One key=value field. */
static int cr_field(catalog_row *row, cr_span f, unsigned char *seen, char *err,
                    size_t errsize)
{
    const char *eq = memchr(f.s, '=', f.n);
    cr_span key, val;
    size_t i;

    if (f.n == 0) {
        cr_fail(err, errsize, "an empty field (two tabs in a row)");
        return -1;
    }
    if (eq == NULL) {
        cr_fail(err, errsize, "field '%.*s' is not key=value", cr_quote_len(f), f.s);
        return -1;
    }
    key.s = f.s;
    key.n = (size_t)(eq - f.s);
    val.s = eq + 1;
    val.n = f.n - key.n - 1;
    for (i = 0; i < CR_NKEYS; i++) {
        if (!cr_eq(key, cr_keys[i].key))
            continue;
        if (seen[i]) {
            cr_fail(err, errsize, "duplicate key '%s'", cr_keys[i].key);
            return -1;
        }
        seen[i] = 1;
        return cr_store(row, &cr_keys[i], val, err, errsize);
    }
    cr_fail(err, errsize, "unknown key '%.*s'", cr_quote_len(key), key.s);
    return -1;
}

/* Why arch_valid refused the row, as far as a common cause can be named. */
static const char *cr_invalid_reason(const catalog_row *row)
{
    const qs_arch *a = &row->arch;
    int dense = a->moe.experts == 0 || a->dense_first > 0 || a->moe_step > 1 ||
                (a->pattern != NULL && strchr(a->pattern, ARCH_PAT_MLP) != NULL);

    if (a->pattern != NULL && strlen(a->pattern) != (size_t)a->layers)
        return "pattern needs one character per layer";
    if (a->pattern != NULL && strspn(a->pattern, "ME*-") != strlen(a->pattern))
        return "pattern takes only 'M', 'E', '*' and '-'";
    if ((a->mixer == ARCH_ATTN_SWA || a->mixer == ARCH_ATTN_CHUNKED) && a->span == 0)
        return "mixer swa or chunked needs span";
    if (a->full_period > 0 && a->full_index >= a->full_period)
        return "full_index must be below full_period";
    if (a->moe.experts > 0 && (a->moe.active == 0 || a->moe.active > a->moe.experts))
        return "moe.active must be from 1 to moe.experts";
    if (a->moe.experts > 0 && a->moe.expert_dim == 0)
        return "moe.experts needs moe.expert_dim";
    if (dense && a->ffn_dim == 0)
        return "dense layers need ffn";
    if (a->head_dim_k == 0 && a->hidden % a->heads != 0)
        return "hidden is not a multiple of heads: give head_dim";
    if (a->mixer == ARCH_ATTN_LINEAR && a->linear.k_heads == 0)
        return "mixer linear needs the linear.* keys";
    if (a->pattern != NULL && strchr(a->pattern, ARCH_PAT_MAMBA) != NULL && a->ssm.heads == 0)
        return "pattern 'M' layers need the ssm.* keys";
    if (a->mixer == ARCH_ATTN_MLA && a->mla.kv_lora_rank == 0)
        return "mixer mla needs the mla.* keys";
    return "a size is missing, out of range or too large in product";
}

/* Drops a trailing "\n" or "\r\n". */
static size_t cr_strip_eol(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

/* 1 for a blank line or one whose first visible character is '#'. */
static int cr_is_comment(const char *line, size_t len)
{
    size_t i;

    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    return i == len || line[i] == '#';
}

static int cr_fixed(catalog_row *out, cr_span *col, char *err, size_t errsize)
{
    return cr_column(out->id, col[0], CATALOG_ROW_ID_MAX, 1, "id", err, errsize) != 0 ||
           cr_column(out->name, col[1], CATALOG_ROW_NAME_MAX, 0, "name", err, errsize) != 0 ||
           cr_column(out->family, col[2], CATALOG_ROW_FAMILY_MAX, 1, "family", err,
                     errsize) != 0 ? -1 : 0;
}

static int cr_finish(catalog_row *out, const unsigned char *seen, char *err, size_t errsize)
{
    size_t i;

    for (i = 0; i < CR_NKEYS; i++) {
        if (cr_keys[i].required && !seen[i]) {
            cr_fail(err, errsize, "missing field '%s'", cr_keys[i].key);
            return -1;
        }
    }
    if (out->params_diff != 0 && out->params == 0) {
        cr_fail(err, errsize, "params_diff: needs params");
        return -1;
    }
    if (out->params_diff != 0 && out->params_note[0] == '\0') {
        cr_fail(err, errsize, "params_diff: needs params_note");
        return -1;
    }
    out->arch.name = out->name;
    out->arch.pattern = out->pattern[0] != '\0' ? out->pattern : NULL;
    /* Without kv_heads, every query head has its own (multi-head attention). */
    if (out->arch.kv_heads == 0)
        out->arch.kv_heads = out->arch.heads;
    if (!arch_valid(&out->arch)) {
        cr_fail(err, errsize, "the architecture is not valid: %s", cr_invalid_reason(out));
        return -1;
    }
    return 0;
}

int catalog_row_parse(const char *line, size_t len, catalog_row *out, char *err,
                      size_t errsize)
{
    static const char *const fixed_names[CR_FIXED_COLUMNS] = { "id", "name", "family" };
    unsigned char seen[CR_NKEYS];
    cr_span col[CR_FIXED_COLUMNS];
    size_t pos = 0;
    int n = 0;

    if (err != NULL && errsize > 0)
        err[0] = '\0';
    if (line == NULL || out == NULL) {
        cr_fail(err, errsize, "no line");
        return -1;
    }
    len = cr_strip_eol(line, len);
    if (len > CATALOG_ROW_MAX_LINE) {
        cr_fail(err, errsize, "line longer than %d characters", CATALOG_ROW_MAX_LINE);
        return -1;
    }
    if (cr_is_comment(line, len))
        return 1;
    if (memchr(line, '\0', len) != NULL) {
        cr_fail(err, errsize, "a NUL byte in the line");
        return -1;
    }
    memset(out, 0, sizeof *out);
    memset(seen, 0, sizeof seen);
    while (pos <= len) {
        const char *tab = memchr(line + pos, '\t', len - pos);
        size_t end = tab != NULL ? (size_t)(tab - line) : len;
        cr_span f = { line + pos, end - pos };

        if (n < CR_FIXED_COLUMNS)
            col[n] = f;
        else if (cr_field(out, f, seen, err, errsize) != 0)
            return -1;
        if (++n == CR_FIXED_COLUMNS && cr_fixed(out, col, err, errsize) != 0)
            return -1;
        pos = end + 1;
    }
    if (n < CR_FIXED_COLUMNS) {
        cr_fail(err, errsize, "missing field '%s'", fixed_names[n]);
        return -1;
    }
    return cr_finish(out, seen, err, errsize);
}

void catalog_row_copy(catalog_row *dst, const catalog_row *src)
{
    if (dst == NULL || src == NULL || dst == src)
        return;
    *dst = *src;
    dst->arch.name = dst->name;
    dst->arch.pattern = dst->pattern[0] != '\0' ? dst->pattern : NULL;
}

/* The emitter's output so far: `pos` may run past `size` (then the
 * result is refused), as with snprintf. */
typedef struct {
    char *buf;
    size_t size, pos;
} cr_out;

static void cr_put(cr_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void cr_put(cr_out *o, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(o->pos < o->size ? o->buf + o->pos : NULL, o->pos < o->size ? o->size - o->pos : 0,
                  fmt, ap);
    va_end(ap);
    o->pos += n > 0 ? (size_t)n : 0;
}

/* A C string literal: quotes and backslashes escaped, any other byte
 * outside printable ASCII as an octal escape. */
static void cr_put_string(cr_out *o, const char *member, const char *s)
{
    cr_put(o, ".%s = \"", member);
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            cr_put(o, "\\%c", c);
        else if (c < CR_ASCII_SPACE || c >= CR_ASCII_DEL)
            cr_put(o, "\\%03o", c);
        else
            cr_put(o, "%c", c);
    }
    cr_put(o, "\", ");
}

int catalog_row_emit(const catalog_row *r, char *buf, size_t size)
{
    cr_out o = { buf, size, 0 };
    size_t i;

    if (r == NULL || buf == NULL || size == 0)
        return -1;
    buf[0] = '\0';
    cr_put_string(&o, "id", r->id);
    cr_put_string(&o, "name", r->name);
    cr_put_string(&o, "arch.name", r->name);
    cr_put_string(&o, "family", r->family);
    for (i = 0; i < CR_NKEYS; i++) {
        const cr_key *k = &cr_keys[i];
        const char *p = (const char *)r + k->offset;

        switch (k->kind) {
        case CR_INT:
        case CR_NORMS:
        case CR_MIXER:
            if (*(const int *)(const void *)p != 0)
                cr_put(&o, ".%s = %d, ", k->member, *(const int *)(const void *)p);
            break;
        case CR_I64:
            if (*(const int64_t *)(const void *)p != 0)
                cr_put(&o, ".%s = %lld, ", k->member,
                       (long long)*(const int64_t *)(const void *)p);
            break;
        case CR_LONG:
            if (*(const long *)(const void *)p != 0)
                cr_put(&o, ".%s = %ld, ", k->member, *(const long *)(const void *)p);
            break;
        case CR_TEXT:
            if (*p != '\0')
                cr_put_string(&o, k->member, p);
            break;
        }
    }
    return o.pos < size ? 0 : -1;
}
