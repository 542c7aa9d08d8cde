/* gguf_rules.h - llama.cpp's file types and its per-tensor quantization rules.
 *
 * Layer 1 (model): pure C, no I/O. A GGUF file named Q4_K_M is not Q4_K
 * everywhere: llama-quantize picks a ggml type per tensor (output Q6_K,
 * about half of attn_v and ffn_down Q6_K, norms and routers F32). These
 * rules reproduce llama_tensor_get_type (src/llama-quant.cpp@007dbbf) on a
 * tensor list, so the size of a file can be predicted tensor by tensor.
 *
 * The size predicted here is the tensor DATA only: the sum of each tensor's
 * bytes padded to the GGUF alignment. A file also holds its header (magic,
 * metadata including the tokenizer arrays, tensor infos, and the padding
 * up to the data section); that is not part of this module. */
#ifndef QS_GGUF_RULES_H
#define QS_GGUF_RULES_H

#include <stdint.h>

#include "model/ggml.h"
#include "model/tensors.h"

/* GGUF's default general.alignment: every tensor's data starts at a multiple
 * of it (GGUF_DEFAULT_ALIGNMENT, ggml/include/gguf.h; gguf_add_tensor pads
 * each tensor's size with GGML_PAD(ggml_nbytes, alignment)). */
#define GGUF_RULES_ALIGNMENT 32

/* The file types: llama.cpp's enum llama_ftype (include/llama.h) as
 * llama-quantize names them, then the uploaders' variants. One row each:
 * X(id, name, alias, llama_id, default ggml type, needs imatrix, rules as,
 *   forced token_embd/output type).
 * The uploader rows are a llama.cpp ftype with token_embd and output forced
 * to Q8_0 (llama-quantize --token-embedding-type q8_0 --output-tensor-type
 * q8_0). bartowski's _L / _XL files are described that way on his model
 * cards; unsloth's UD-*_XL "dynamic" files pick types per tensor by their
 * own method, so their rows only approximate them. UNVERIFIED against a
 * real file's tensor list. An uploader row keeps its base's
 * general.file_type (llama-quantize writes the ftype it ran). */
#define GGUF_FTYPE_TABLE(X) \
    X(F32, "F32", "fp32", 0, GGML_TYPE_F32, 0, F32, GGUF_NO_OVERRIDE) \
    X(F16, "F16", "fp16", 1, GGML_TYPE_F16, 0, F16, GGUF_NO_OVERRIDE) \
    X(BF16, "BF16", "bfloat16", 32, GGML_TYPE_BF16, 0, BF16, GGUF_NO_OVERRIDE) \
    X(Q8_0, "Q8_0", "", 7, GGML_TYPE_Q8_0, 0, Q8_0, GGUF_NO_OVERRIDE) \
    X(Q6_K, "Q6_K", "", 18, GGML_TYPE_Q6_K, 0, Q6_K, GGUF_NO_OVERRIDE) \
    X(Q5_K_M, "Q5_K_M", "q5_k", 17, GGML_TYPE_Q5_K, 0, Q5_K_M, GGUF_NO_OVERRIDE) \
    X(Q5_K_S, "Q5_K_S", "", 16, GGML_TYPE_Q5_K, 0, Q5_K_S, GGUF_NO_OVERRIDE) \
    X(Q5_1, "Q5_1", "", 9, GGML_TYPE_Q5_1, 0, Q5_1, GGUF_NO_OVERRIDE) \
    X(Q5_0, "Q5_0", "", 8, GGML_TYPE_Q5_0, 0, Q5_0, GGUF_NO_OVERRIDE) \
    X(Q4_K_M, "Q4_K_M", "q4_k", 15, GGML_TYPE_Q4_K, 0, Q4_K_M, GGUF_NO_OVERRIDE) \
    X(Q4_K_S, "Q4_K_S", "", 14, GGML_TYPE_Q4_K, 0, Q4_K_S, GGUF_NO_OVERRIDE) \
    X(Q4_1, "Q4_1", "", 3, GGML_TYPE_Q4_1, 0, Q4_1, GGUF_NO_OVERRIDE) \
    X(Q4_0, "Q4_0", "", 2, GGML_TYPE_Q4_0, 0, Q4_0, GGUF_NO_OVERRIDE) \
    X(Q3_K_L, "Q3_K_L", "", 13, GGML_TYPE_Q3_K, 0, Q3_K_L, GGUF_NO_OVERRIDE) \
    X(Q3_K_M, "Q3_K_M", "q3_k", 12, GGML_TYPE_Q3_K, 0, Q3_K_M, GGUF_NO_OVERRIDE) \
    X(Q3_K_S, "Q3_K_S", "", 11, GGML_TYPE_Q3_K, 0, Q3_K_S, GGUF_NO_OVERRIDE) \
    X(Q2_K, "Q2_K", "", 10, GGML_TYPE_Q2_K, 0, Q2_K, GGUF_NO_OVERRIDE) \
    X(Q2_K_S, "Q2_K_S", "", 21, GGML_TYPE_Q2_K, 1, Q2_K_S, GGUF_NO_OVERRIDE) \
    X(IQ4_XS, "IQ4_XS", "", 30, GGML_TYPE_IQ4_XS, 0, IQ4_XS, GGUF_NO_OVERRIDE) \
    X(IQ4_NL, "IQ4_NL", "", 25, GGML_TYPE_IQ4_NL, 0, IQ4_NL, GGUF_NO_OVERRIDE) \
    X(IQ3_M, "IQ3_M", "", 27, GGML_TYPE_IQ3_S, 0, IQ3_M, GGUF_NO_OVERRIDE) \
    X(IQ3_S, "IQ3_S", "", 26, GGML_TYPE_IQ3_S, 0, IQ3_S, GGUF_NO_OVERRIDE) \
    X(IQ3_XS, "IQ3_XS", "", 22, GGML_TYPE_IQ3_S, 0, IQ3_XS, GGUF_NO_OVERRIDE) \
    X(IQ3_XXS, "IQ3_XXS", "", 23, GGML_TYPE_IQ3_XXS, 1, IQ3_XXS, GGUF_NO_OVERRIDE) \
    X(IQ2_M, "IQ2_M", "", 29, GGML_TYPE_IQ2_S, 1, IQ2_M, GGUF_NO_OVERRIDE) \
    /* sic: llama.cpp's IQ2_S files default to IQ2_XS */ \
    X(IQ2_S, "IQ2_S", "", 28, GGML_TYPE_IQ2_XS, 1, IQ2_S, GGUF_NO_OVERRIDE) \
    X(IQ2_XS, "IQ2_XS", "", 20, GGML_TYPE_IQ2_XS, 1, IQ2_XS, GGUF_NO_OVERRIDE) \
    X(IQ2_XXS, "IQ2_XXS", "", 19, GGML_TYPE_IQ2_XXS, 1, IQ2_XXS, GGUF_NO_OVERRIDE) \
    X(IQ1_M, "IQ1_M", "", 31, GGML_TYPE_IQ1_M, 1, IQ1_M, GGUF_NO_OVERRIDE) \
    X(IQ1_S, "IQ1_S", "", 24, GGML_TYPE_IQ1_S, 1, IQ1_S, GGUF_NO_OVERRIDE) \
    X(TQ1_0, "TQ1_0", "", 36, GGML_TYPE_TQ1_0, 0, TQ1_0, GGUF_NO_OVERRIDE) \
    X(TQ2_0, "TQ2_0", "", 37, GGML_TYPE_TQ2_0, 0, TQ2_0, GGUF_NO_OVERRIDE) \
    X(MXFP4_MOE, "MXFP4_MOE", "mxfp4", 38, GGML_TYPE_MXFP4, 0, MXFP4_MOE, GGUF_NO_OVERRIDE) \
    /* bartowski */ \
    X(Q6_K_L, "Q6_K_L", "", 18, GGML_TYPE_Q6_K, 0, Q6_K, GGML_TYPE_Q8_0) \
    X(Q5_K_L, "Q5_K_L", "", 17, GGML_TYPE_Q5_K, 0, Q5_K_M, GGML_TYPE_Q8_0) \
    X(Q4_K_L, "Q4_K_L", "", 15, GGML_TYPE_Q4_K, 0, Q4_K_M, GGML_TYPE_Q8_0) \
    X(Q3_K_XL, "Q3_K_XL", "", 13, GGML_TYPE_Q3_K, 0, Q3_K_L, GGML_TYPE_Q8_0) \
    X(Q2_K_L, "Q2_K_L", "", 10, GGML_TYPE_Q2_K, 0, Q2_K, GGML_TYPE_Q8_0) \
    /* unsloth, approximated */ \
    X(UD_Q6_K_XL, "UD-Q6_K_XL", "q6_k_xl", 18, GGML_TYPE_Q6_K, 0, Q6_K, GGML_TYPE_Q8_0) \
    X(UD_Q5_K_XL, "UD-Q5_K_XL", "q5_k_xl", 17, GGML_TYPE_Q5_K, 0, Q5_K_M, GGML_TYPE_Q8_0) \
    X(UD_Q4_K_XL, "UD-Q4_K_XL", "q4_k_xl", 15, GGML_TYPE_Q4_K, 0, Q4_K_M, GGML_TYPE_Q8_0) \
    X(UD_Q3_K_XL, "UD-Q3_K_XL", "", 12, GGML_TYPE_Q3_K, 0, Q3_K_M, GGML_TYPE_Q8_0) \
    X(UD_Q2_K_XL, "UD-Q2_K_XL", "q2_k_xl", 10, GGML_TYPE_Q2_K, 0, Q2_K, GGML_TYPE_Q8_0)

/* No forced token_embd/output type. */
#define GGUF_NO_OVERRIDE (-1)

#define GGUF_FTYPE_ENUM_(id, ...) GGUF_FTYPE_##id,
typedef enum {
    GGUF_FTYPE_TABLE(GGUF_FTYPE_ENUM_)
    GGUF_FTYPE_COUNT
} gguf_ftype;
#undef GGUF_FTYPE_ENUM_

typedef struct {
    gguf_ftype id;
    const char *name;      /* "Q4_K_M", "Q4_K_L", "UD-Q4_K_XL" */
    const char *alias;     /* another accepted name, or "" */
    int llama_id;          /* LLAMA_FTYPE_* value (general.file_type in the file) */
    int default_type;      /* ggml type of a tensor no rule moves (llama_ftype_get_default_type) */
    int needs_imatrix;     /* llama-quantize refuses it without an importance matrix */
    gguf_ftype rules_as;   /* the llama.cpp ftype whose rules apply (itself for those) */
    int embd_out_type;     /* forced type of token_embd and output, or GGUF_NO_OVERRIDE */
} gguf_ftype_info;

/* The row of a file type, or NULL when out of range. */
const gguf_ftype_info *gguf_rules_ftype(gguf_ftype ft);

/* The file type named `name` or its alias, case-insensitively ("q4_k_m",
 * "Q4_K_M", "UD-Q4_K_XL", "q4_k_xl"); -1 when none. */
int gguf_rules_ftype_find(const char *name);

/* Architectures the rules single out. */
typedef enum {
    GGUF_ARCH_OTHER,
    GGUF_ARCH_LLAMA,       /* with 80 layers and GQA: llama.cpp's LLM_TYPE_70B */
    GGUF_ARCH_FALCON,      /* output Q8_0; milder ffn_down / attn_output rules */
    GGUF_ARCH_BAILINGMOE3  /* MXFP4_MOE: only its 3-D FFN experts go to MXFP4 */
} gguf_rules_arch;

/* What the rules know of the model (llama.cpp reads these from hparams). */
typedef struct {
    int n_layer;           /* blocks, MTP/nextn included (hparams.n_layer_all) */
    int n_expert;          /* routed experts per layer; 0 for a dense model */
    int n_gqa;             /* n_head / n_head_kv of layer 0 (hparams.n_gqa()) */
    gguf_rules_arch arch;
    int is_70b;            /* llama.cpp's LLM_TYPE_70B: attn_v Q3_K/Q4_K -> Q5_K */
    int has_imatrix;       /* quantized with an importance matrix (a few rules differ) */
    int src_type;          /* ggml type of the source's 2-D weights, kept by the tensors
                            * never quantized that are not forced to F32 */
    /* Optional, for speed: the name tests of every tensor of one list,
     * made once by gguf_rules_names (names[i] for names_of[i]); NULL: each
     * name is tested at each call. Same answers either way. */
    const unsigned char *names;
    const qs_tensor *names_of;
    size_t names_n;
} gguf_rules_ctx;

/* The name tests of the tensors of l (the parts that keep a tensor out of
 * quantization, and those the converter writes as F32) into out[0 ..
 * l->n), and ctx set to use them while l and out live. */
void gguf_rules_names(gguf_rules_ctx *ctx, const tensor_list *l, unsigned char *out);

/* Fills a context: n_gqa = n_head / n_head_kv (0 when n_head_kv <= 0),
 * is_70b for GGUF_ARCH_LLAMA with 80 layers and n_head != n_head_kv (as
 * llama-model.cpp types Llama), no imatrix, src_type F16 (the default
 * --outtype of convert_hf_to_gguf.py). */
void gguf_rules_ctx_init(gguf_rules_ctx *ctx, gguf_rules_arch arch, int n_layer, int n_head,
                         int n_head_kv, int n_expert);

/* The rules' running counters over one tensor list, in llama-quantize's
 * visiting order (by layer, tensors outside the blocks first). Caller-owned:
 * gguf_rules_apply keeps one on its stack; gguf_rules_type advances one. */
typedef struct {
    int n_attention_wv;    /* attn_v-class tensors in the list (attn_v, attn_qkv, attn_kv_b) */
    int i_attention_wv;    /* attn_v-class tensors seen so far */
    int i_ffn_down, i_ffn_gate, i_ffn_up;   /* ffn_* tensors seen so far */
    int tied;              /* no output tensor: token_embd takes the output's rule */
    int n_fallback;        /* tensors moved because the block did not divide ne[0] */
} gguf_rules_state;

/* Counts the list's attn_v-class tensors and whether it has an output
 * tensor; zeroes the running counters. A NULL list gives an empty state
 * (no attn_v seen, untied). */
void gguf_rules_state_init(gguf_rules_state *st, const tensor_list *l);

/* The ggml type llama-quantize gives tensor `t` in file type `ft`, in
 * llama.cpp's order (first match wins): tensors never quantized keep their
 * source type; the embd/output override of the uploader rows; output (and
 * tied token_embd); MXFP4_MOE; untied token_embd; the IQ1/IQ2 family; the
 * attn_v class; attn_k; attn_q; ffn_down; attn_output; ffn_gate/up; then the
 * fallback when the type's block does not divide ne[0] (IQ 256-blocks ->
 * IQ4_NL; Q2_0, Q2_K, Q3_K, TQ* -> Q4_0; Q4_K -> Q5_0; Q5_K -> Q5_1;
 * Q6_K -> Q8_0; anything else, or a fallback that still does not divide,
 * -> F16).
 * `st` must be the state of the tensor's list, advanced by the earlier
 * tensors in visiting order (gguf_rules_apply does this). With st NULL the
 * tensor is judged alone: its layer stands for the attn_v / ffn counters,
 * n_layer for their totals, and embeddings count as untied.
 * Returns the type, or -1 for an unknown ftype, a NULL argument, or an
 * expert tensor (n_expert > 1) whose layer is outside [0, n_layer)
 * (llama-quantize stops there too). */
int gguf_rules_type(gguf_ftype ft, const qs_tensor *t, const gguf_rules_ctx *ctx,
                    gguf_rules_state *st);

/* The types of a whole list: types_out[i] for l->t[i]. The tensors are
 * visited as llama-quantize does (by layer, -1 first, list order within a
 * layer) so the counters advance as they do there. Returns 0, or -1 on
 * any error (then types_out is partly written). */
int gguf_rules_apply(gguf_ftype ft, const tensor_list *l, const gguf_rules_ctx *ctx,
                     int *types_out);

/* The tensor data bytes of a list whose types are known (types[i] for
 * l->t[i]): the sum of ggml_tensor_bytes, each padded to
 * GGUF_RULES_ALIGNMENT. Header and metadata NOT included. -1 on error. */
int64_t gguf_rules_data_bytes(const tensor_list *l, const int *types);

/* gguf_rules_apply then gguf_rules_data_bytes, without a types array: the
 * predicted tensor data of the list in file type `ft` (header NOT
 * included). -1 on error. */
int64_t gguf_rules_predict_bytes(gguf_ftype ft, const tensor_list *l, const gguf_rules_ctx *ctx);

#endif
