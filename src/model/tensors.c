/* tensors.c - tensor lists. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "model/tensors.h"

int64_t tensors_elements(const qs_tensor *t)
{
    int64_t n = 1;
    int i;

    for (i = 0; i < t->n_dims && i < TENSORS_MAX_DIMS; i++)
        n *= t->ne[i];
    return n;
}

int tensors_add(tensor_list *l, const char *name, tensor_role role, int layer, int n_dims,
                int64_t ne0, int64_t ne1, int64_t ne2)
{
    qs_tensor *t;

    if (l->n >= l->cap) {
        l->overflow = 1;
        return -1;
    }
    t = &l->t[l->n++];
    memset(t, 0, sizeof *t);
    (void)snprintf(t->name, sizeof t->name, "%s", name);
    t->role = role;
    t->layer = layer;
    t->n_dims = n_dims < 1 ? 1 : (n_dims > TENSORS_MAX_DIMS ? TENSORS_MAX_DIMS : n_dims);
    t->ne[0] = ne0;
    t->ne[1] = t->n_dims > 1 ? ne1 : 1;
    t->ne[2] = t->n_dims > 2 ? ne2 : 1;
    t->ne[3] = 1;
    return 0;
}

int64_t tensors_total(const tensor_list *l)
{
    int64_t sum = 0;
    size_t i;

    for (i = 0; i < l->n; i++)
        sum += tensors_elements(&l->t[i]);
    return sum;
}

/* A GGUF tensor name's part that says what it is (after "blk.N.", before
 * ".weight"/".bias"), and the role it has; names of llama.cpp's
 * src/llama-arch.cpp LLM_TENSOR_NAMES and of arch_expand.c. */
typedef struct {
    const char *base;
    tensor_role role;
} tensors_name_role;

static const tensors_name_role tensors_name_roles[] = {
    { "token_embd", TENSOR_TOKEN_EMBD },
    { "output", TENSOR_OUTPUT },
    { "attn_q", TENSOR_ATTN_Q },
    { "attn_k", TENSOR_ATTN_K },
    { "attn_v", TENSOR_ATTN_V },
    { "attn_qkv", TENSOR_ATTN_QKV },
    { "attn_output", TENSOR_ATTN_OUTPUT },
    { "attn_q_a", TENSOR_ATTN_Q_A },
    { "attn_q_b", TENSOR_ATTN_Q_B },
    { "attn_kv_a_mqa", TENSOR_ATTN_KV_A },
    { "attn_kv_b", TENSOR_ATTN_KV_B },
    { "attn_sinks", TENSOR_ATTN_SINKS },
    { "ffn_gate", TENSOR_FFN_GATE },
    { "ffn_up", TENSOR_FFN_UP },
    { "ffn_down", TENSOR_FFN_DOWN },
    { "ffn_gate_inp", TENSOR_FFN_GATE_INP },
    { "ffn_gate_exps", TENSOR_FFN_GATE_EXPS },
    { "ffn_up_exps", TENSOR_FFN_UP_EXPS },
    { "ffn_down_exps", TENSOR_FFN_DOWN_EXPS },
    { "ffn_gate_shexp", TENSOR_FFN_GATE_SHEXP },
    { "ffn_up_shexp", TENSOR_FFN_UP_SHEXP },
    { "ffn_down_shexp", TENSOR_FFN_DOWN_SHEXP },
    { "ssm_in", TENSOR_SSM_IN },
    { "ssm_conv1d", TENSOR_SSM_CONV1D },
    { "ssm_out", TENSOR_SSM_OUT },
    { "ssm_a", TENSOR_SSM_OTHER },
    { "ssm_d", TENSOR_SSM_OTHER },
    { "ssm_dt", TENSOR_SSM_OTHER },
    { "ssm_beta_alpha", TENSOR_SSM_OTHER },
    { "ssm_ba", TENSOR_SSM_OTHER },
    { "ssm_x", TENSOR_SSM_OTHER },
};

/* The suffixes a tensor name ends with ("blk.0.ssm_a" has none). */
#define TENSORS_SUFFIX_WEIGHT ".weight"
#define TENSORS_SUFFIX_BIAS ".bias"
#define TENSORS_SUFFIX_SCALE ".scale"
/* The block prefix, "blk.N.", and the decimal base of N. */
#define TENSORS_BLOCK_PREFIX "blk."
#define TENSORS_DECIMAL 10

/* N of "blk.N.", with *rest after its dot; -1 when name has none. */
static int tensors_block_of(const char *name, const char **rest)
{
    size_t plen = strlen(TENSORS_BLOCK_PREFIX);
    const char *p = name + plen;
    long n = 0;

    *rest = name;
    if (strncmp(name, TENSORS_BLOCK_PREFIX, plen) != 0 || *p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        n = n * TENSORS_DECIMAL + (*p - '0');
        if (n > INT_MAX)
            return -1;
        p++;
    }
    if (*p != '.')
        return -1;
    *rest = p + 1;
    return (int)n;
}

/* 1 when s ends with suffix. */
static int tensors_ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);

    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

int tensors_role_of_name(const char *name, int *layer)
{
    const char *rest;
    int l = tensors_block_of(name, &rest);
    size_t n = strlen(rest), i;
    int bias = 0;

    if (layer != NULL)
        *layer = l;
    if (tensors_ends_with(rest, n, TENSORS_SUFFIX_WEIGHT)) {
        n -= strlen(TENSORS_SUFFIX_WEIGHT);
    } else if (tensors_ends_with(rest, n, TENSORS_SUFFIX_BIAS)) {
        n -= strlen(TENSORS_SUFFIX_BIAS);
        bias = 1;
    } else if (tensors_ends_with(rest, n, TENSORS_SUFFIX_SCALE)) {
        return TENSOR_OTHER;
    }
    /* ssm_dt.bias is Mamba's dt bias, a state tensor (arch_expand). */
    if (bias)
        return n == strlen("ssm_dt") && memcmp(rest, "ssm_dt", n) == 0 ? TENSOR_SSM_OTHER
                                                                        : TENSOR_BIAS;
    for (i = 0; i < sizeof tensors_name_roles / sizeof tensors_name_roles[0]; i++) {
        const tensors_name_role *r = &tensors_name_roles[i];

        if (strlen(r->base) == n && memcmp(rest, r->base, n) == 0) {
            /* token_embd and output are the embeddings only outside the
             * blocks (nextn.embed_tokens is TENSOR_OTHER). */
            if ((r->role == TENSOR_TOKEN_EMBD || r->role == TENSOR_OUTPUT) && l >= 0)
                return TENSOR_OTHER;
            return r->role;
        }
    }
    {
        /* Any norm: output_norm, attn_norm, attn_q_norm, ffn_norm,
         * post_ffw_norm_1, nextn.enorm, indexer.k_norm, ... */
        size_t j;

        for (j = 0; j + strlen("norm") <= n; j++)
            if (memcmp(rest + j, "norm", strlen("norm")) == 0)
                return TENSOR_NORM;
    }
    return TENSOR_OTHER;
}
