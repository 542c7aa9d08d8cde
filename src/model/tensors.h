/* tensors.h - a model as the list of its tensors, with shapes.
 *
 * Layer 1 (model): plain data, no I/O. An architecture (arch.h) expands
 * into a tensor list; llama.cpp's per-tensor rules (gguf_rules.h) give each
 * tensor a ggml type for a file type; a file read from disk (a later
 * issue) yields the same list with its real types. Names follow GGUF's
 * ("token_embd.weight", "blk.7.attn_v.weight", "blk.3.ffn_down_exps.weight"),
 * shapes ggml's order: ne[0] is the row length (the input dimension of a
 * projection, the one a quantization block runs along), ne[1] the rows,
 * ne[2] the experts of a 3-D expert tensor. */
#ifndef QS_TENSORS_H
#define QS_TENSORS_H

#include <stddef.h>
#include <stdint.h>

/* Dimensions of one tensor, at most (ggml's GGML_MAX_DIMS). */
#define TENSORS_MAX_DIMS 4
/* Longest tensor name, NUL included (GGUF's GGML_MAX_NAME is 64). */
#define TENSORS_NAME_MAX 64

/* What a tensor is for: the quantization rules and the reports group by
 * this, not by parsing names. */
typedef enum {
    TENSOR_TOKEN_EMBD,     /* token_embd.weight */
    TENSOR_OUTPUT,         /* output.weight (the LM head) */
    TENSOR_NORM,           /* any *_norm.weight, 1-D */
    TENSOR_ATTN_Q,
    TENSOR_ATTN_K,
    TENSOR_ATTN_V,
    TENSOR_ATTN_QKV,       /* fused q, k and v */
    TENSOR_ATTN_OUTPUT,
    TENSOR_ATTN_Q_A,       /* MLA: q down-projection */
    TENSOR_ATTN_Q_B,       /* MLA: q up-projection */
    TENSOR_ATTN_KV_A,      /* MLA: kv down-projection (+ rope part) */
    TENSOR_ATTN_KV_B,      /* MLA: kv up-projection (the attn_v class) */
    TENSOR_ATTN_SINKS,     /* per-head sinks (gpt-oss), 1-D */
    TENSOR_FFN_GATE,
    TENSOR_FFN_UP,
    TENSOR_FFN_DOWN,
    TENSOR_FFN_GATE_INP,   /* the MoE router: never quantized */
    TENSOR_FFN_GATE_EXPS,  /* routed experts, 3-D */
    TENSOR_FFN_UP_EXPS,
    TENSOR_FFN_DOWN_EXPS,
    TENSOR_FFN_GATE_SHEXP, /* shared experts */
    TENSOR_FFN_UP_SHEXP,
    TENSOR_FFN_DOWN_SHEXP,
    TENSOR_SSM_IN,         /* Mamba / linear attention in-projection */
    TENSOR_SSM_CONV1D,     /* never quantized */
    TENSOR_SSM_OUT,
    TENSOR_SSM_OTHER,      /* dt, A, D and other small state tensors, 1-D or 2-D */
    TENSOR_BIAS,           /* any bias, 1-D: never quantized */
    TENSOR_OTHER
} tensor_role;

typedef struct {
    char name[TENSORS_NAME_MAX];
    tensor_role role;
    int layer;             /* blk.N, or -1 outside the blocks */
    int n_dims;
    int64_t ne[TENSORS_MAX_DIMS];   /* unused dimensions are 1 */
} qs_tensor;

/* A tensor list: up to `cap` tensors in `t` (the caller's storage). */
typedef struct {
    qs_tensor *t;
    size_t n, cap;
    int overflow;          /* 1 when a tensor did not fit (then n == cap) */
} tensor_list;

/* The elements of a tensor: the product of its dimensions. */
int64_t tensors_elements(const qs_tensor *t);

/* Appends a tensor (name printf-style is the caller's job: name is copied,
 * cut to TENSORS_NAME_MAX - 1). Returns 0, or -1 when the list is full
 * (overflow set). */
int tensors_add(tensor_list *l, const char *name, tensor_role role, int layer, int n_dims,
                int64_t ne0, int64_t ne1, int64_t ne2);

/* The sum of the elements of every tensor in the list. */
int64_t tensors_total(const tensor_list *l);

/* The role of a tensor named as in a GGUF file (llama.cpp's names,
 * src/llama-arch.cpp LLM_TENSOR_NAMES, and every name arch_expand makes):
 * "token_embd.weight" TENSOR_TOKEN_EMBD, "blk.7.attn_v.weight"
 * TENSOR_ATTN_V, "blk.3.ffn_down_exps.weight" TENSOR_FFN_DOWN_EXPS,
 * "output_norm.weight" TENSOR_NORM, any other ".bias" TENSOR_BIAS, a name
 * it does not know TENSOR_OTHER. *layer (may be NULL) is N of a "blk.N."
 * prefix, or -1 outside the blocks (or for an N past INT_MAX). Returns the
 * tensor_role. */
int tensors_role_of_name(const char *name, int *layer);

#endif
