/* catalog_row.c - a catalog row (a line of data/models.tsv) into a
 * catalog_row: the fixed columns, then key=value fields looked up in one
 * table of keys, each with its place in the struct and its range, read
 * with tsvrow.h. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "model/catalog_row.h"
#include "model/tsvrow.h"

/* Ranges of the values. Widths follow arch.c's bound on a tensor
 * dimension (2^20); larger sizes would be refused by arch_valid anyway. */
#define CR_MAX_DIM (INT64_C(1) << 20)
#define CR_MAX_EXPERTS (1 << 11)
/* Contexts and windows: up to 2^30 tokens (Llama 4 Scout: 10485760). */
#define CR_MAX_CTX (INT64_C(1) << 30)
/* Parameter counts: up to 10^14 (the largest models have about 10^12). */
#define CR_MAX_PARAMS INT64_C(100000000000000)
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

/* Stores one value; -1 with a message naming the key. */
static int cr_value(void *rowp, const unsigned char *seen, size_t i, tsvrow_span v, char *err,
                    size_t errsize)
{
    const cr_key *k = &cr_keys[i];
    char *p = (char *)rowp + k->offset;
    int64_t x = 0;
    int e;

    (void)seen;
    switch (k->kind) {
    case CR_INT:
    case CR_I64:
    case CR_LONG:
        if (tsvrow_whole(v, k->lo, k->hi, k->key, &x, err, errsize) != 0)
            return -1;
        if (k->kind == CR_INT)
            *(int *)(void *)p = (int)x;
        else if (k->kind == CR_I64)
            *(int64_t *)(void *)p = x;
        else
            *(long *)(void *)p = (long)x;
        return 0;
    case CR_NORMS:
        e = tsvrow_word(v, cr_norms, CR_NNORMS);
        if (e < 0)
            return tsvrow_expected(err, errsize, k->key, "pre, pre_post, sandwich or single", v);
        *(arch_norm_style *)(void *)p = (arch_norm_style)e;
        return 0;
    case CR_MIXER:
        e = tsvrow_word(v, cr_mixers, CR_NMIXERS);
        if (e < 0)
            return tsvrow_expected(err, errsize, k->key,
                                   "full, swa, chunked, linear, ssm or mla", v);
        *(arch_attn_kind *)(void *)p = (arch_attn_kind)e;
        return 0;
    case CR_TEXT:
        return tsvrow_text(p, v, (size_t)k->hi, TSVROW_PRINTABLE, k->key, err, errsize);
    }
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

/* The fixed columns: id and family are lowercase words. */
static int cr_fixed(void *rowp, const tsvrow_span *col, char *err, size_t errsize)
{
    catalog_row *out = rowp;

    return tsvrow_text(out->id, col[0], CATALOG_ROW_ID_MAX, TSVROW_WORD, "id", err, errsize) != 0 ||
           tsvrow_text(out->name, col[1], CATALOG_ROW_NAME_MAX, TSVROW_PRINTABLE, "name", err,
                       errsize) != 0 ||
           tsvrow_text(out->family, col[2], CATALOG_ROW_FAMILY_MAX, TSVROW_WORD, "family", err,
                       errsize) != 0 ? -1 : 0;
}

static const char *const cr_fixed_names[CR_FIXED_COLUMNS] = { "id", "name", "family" };

static const tsvrow_layout cr_layout = {
    .max_line = CATALOG_ROW_MAX_LINE, .nfixed = CR_FIXED_COLUMNS, .fixed_names = cr_fixed_names,
    .keys = cr_keys, .nkeys = CR_NKEYS, .key_size = sizeof cr_keys[0],
    .required_at = offsetof(cr_key, required), .fixed = cr_fixed, .value = cr_value,
};

static int cr_finish(catalog_row *out, const unsigned char *seen, char *err, size_t errsize)
{
    if (tsvrow_missing(&cr_layout, seen, err, errsize) != 0)
        return -1;
    if (out->params_diff != 0 && out->params == 0)
        return tsvrow_fail(err, errsize, "params_diff: needs params");
    if (out->params_diff != 0 && out->params_note[0] == '\0')
        return tsvrow_fail(err, errsize, "params_diff: needs params_note");
    out->arch.name = out->name;
    out->arch.pattern = out->pattern[0] != '\0' ? out->pattern : NULL;
    /* Without kv_heads, every query head has its own (multi-head attention). */
    if (out->arch.kv_heads == 0)
        out->arch.kv_heads = out->arch.heads;
    if (!arch_valid(&out->arch))
        return tsvrow_fail(err, errsize, "the architecture is not valid: %s",
                           cr_invalid_reason(out));
    return 0;
}

int catalog_row_parse(const char *line, size_t len, catalog_row *out, char *err,
                      size_t errsize)
{
    unsigned char seen[CR_NKEYS];
    int rc = tsvrow_parse(&cr_layout, line, len, out, sizeof *out, seen, err, errsize);

    return rc != 0 ? rc : cr_finish(out, seen, err, errsize);
}

void catalog_row_copy(catalog_row *dst, const catalog_row *src)
{
    if (dst == NULL || src == NULL || dst == src)
        return;
    *dst = *src;
    dst->arch.name = dst->name;
    dst->arch.pattern = dst->pattern[0] != '\0' ? dst->pattern : NULL;
}

int catalog_row_field(const catalog_row *r, size_t i, catalog_row_value *v)
{
    const cr_key *k;
    const char *p;

    if (r == NULL || v == NULL || i >= CR_NKEYS)
        return -1;
    k = &cr_keys[i];
    p = (const char *)r + k->offset;
    v->member = k->member;
    v->text = NULL;
    v->number = 0;
    switch (k->kind) {
    case CR_INT:
    case CR_NORMS:
    case CR_MIXER:
        v->number = *(const int *)(const void *)p;
        break;
    case CR_I64:
        v->number = *(const int64_t *)(const void *)p;
        break;
    case CR_LONG:
        v->number = *(const long *)(const void *)p;
        break;
    case CR_TEXT:
        v->text = p;
        return *p != '\0' ? 0 : 1;
    }
    return v->number != 0 ? 0 : 1;
}
