/* arch.h - a model architecture as data, and its expansion into tensors.
 *
 * Layer 1 (model): plain data, no I/O. A qs_arch holds what a model's
 * config.json says about its shape (layers, widths, heads, experts, the
 * layer pattern); arch_expand() turns it into the list of the model's
 * tensors with llama.cpp's GGUF names and ggml shapes (tensors.h), so the
 * parameter count, a GGUF size and a file read from disk all come from one
 * list. The struct holds no pointers except strings, so a catalog row can
 * fill it field by field. Zero means "absent" or "default" for every
 * optional field, so a designated initialiser names only what a model has.
 *
 * Names and shapes follow ggml-org/llama.cpp (src/llama-arch.cpp names,
 * src/models/<arch>.cpp load_arch_tensors shapes; convert_hf_to_gguf.py for
 * which tensors a converted file holds). */
#ifndef QS_ARCH_H
#define QS_ARCH_H

#include <stdint.h>

#include "model/tensors.h"

/* Structural factors of the architectures (llama.cpp load_arch_tensors). */
/* Qwen3-Next attn_q yields the query and an output gate of the same size. */
#define ARCH_Q_GATE_WIDTH 2
/* Gated DeltaNet: q and k are key_dim wide each, so conv channels are
 * 2 x key_dim + value_dim, and the fused ssm_in is 2 x (key_dim + value_dim)
 * (q, k, v, z). One beta and one alpha per value head: ssm_beta_alpha has
 * 2 x v_heads rows (qwen3next ba_dim). */
#define ARCH_LINEAR_QK 2
#define ARCH_LINEAR_BA 2
/* Mamba2: ssm_in yields z and x (d_inner each), B and C (n_group x d_state
 * each) and one dt per head: 2 x d_inner + 2 x n_group x d_state + heads;
 * the convolution runs over x, B and C (nemotron_h d_in_proj). */
#define ARCH_SSM_ZX 2
#define ARCH_SSM_BC 2
/* MTP nextn.eh_proj maps [embedding; hidden state] (2 x hidden) to hidden
 * (DeepSeek-V3 eh_proj, llama.cpp {2 * n_embd, n_embd}). */
#define ARCH_NEXTN_EH_IN 2
/* rope_freqs.weight holds one factor per rotated pair: head_dim / 2
 * (llama.cpp LLM_TENSOR_ROPE_FREQS {n_rot / 2}). */
#define ARCH_ROPE_PAIR 2

/* The Nemotron-H hybrid_override_pattern alphabet. */
#define ARCH_PAT_MAMBA 'M'
#define ARCH_PAT_ATTN '*'
#define ARCH_PAT_MOE 'E'
#define ARCH_PAT_MLP '-'

/* The token mixer of one layer. */
typedef enum {
    ARCH_ATTN_FULL = 0,    /* softmax attention over the whole context */
    ARCH_ATTN_SWA,         /* sliding window: the last `span` tokens */
    ARCH_ATTN_CHUNKED,     /* attention inside chunks of `span` tokens (Llama 4) */
    ARCH_ATTN_LINEAR,      /* linear attention, Gated DeltaNet (Qwen3-Next, Qwen3.5): fixed state */
    ARCH_ATTN_SSM,         /* state-space mixer, Mamba2 (Nemotron-H): fixed state */
    ARCH_ATTN_MLA,         /* multi-head latent attention (DeepSeek-V3): full context, latent cache */
    ARCH_ATTN_NONE         /* no mixer in this layer (Nemotron-H FFN-only blocks) */
} arch_attn_kind;

/* The feed-forward part of one layer. */
typedef enum {
    ARCH_FFN_DENSE = 0,    /* one MLP of ffn_dim */
    ARCH_FFN_MOE,          /* routed experts, plus shared experts if any */
    ARCH_FFN_NONE          /* no FFN in this layer (Nemotron-H mixer-only blocks) */
} arch_ffn_kind;

/* Which norms a block has and what llama.cpp calls the FFN's pre-norm. */
typedef enum {
    ARCH_NORM_PRE = 0,     /* attn_norm + ffn_norm (Llama, Qwen, Mixtral, DeepSeek) */
    ARCH_NORM_PRE_POST,    /* attn_norm + post_attention_norm as the FFN pre-norm
                              (gpt-oss, Qwen3-Next: HF post_attention_layernorm) */
    ARCH_NORM_SANDWICH,    /* attn_norm, post_attention_norm, ffn_norm, post_ffw_norm (Gemma 2/3) */
    ARCH_NORM_SINGLE       /* one attn_norm per block (Nemotron-H; Falcon, whose attention
                              and MLP run in parallel on the same normed input) */
} arch_norm_style;

/* Multi-head latent attention (DeepSeek-V2/V3, Kimi-K2): config.json names. */
typedef struct {
    int q_lora_rank;       /* 0: a plain attn_q instead of attn_q_a/attn_q_b */
    int kv_lora_rank;      /* > 0 turns every attention layer into MLA */
    int qk_nope_head_dim;
    int qk_rope_head_dim;
    int v_head_dim;
    int fused_kv_b;        /* 1: one attn_kv_b (files converted before llama.cpp
                              split it); 0: attn_k_b + attn_v_b (current converter) */
    /* DeepSeek sparse attention's lightning indexer (DeepSeek-V3.2
     * index_n_heads, index_head_dim): per MLA layer indexer.attn_q_b
     * {q_lora_rank, heads x dim}, indexer.attn_k {hidden, dim}, indexer.k_norm
     * (LayerNorm: weight and bias of dim) and indexer.proj {hidden, heads}
     * (llama.cpp LLM_TENSOR_INDEXER_*). 0: no indexer. Needs q_lora_rank. */
    int index_heads;
    int index_head_dim;
} arch_mla;

/* Gated DeltaNet linear attention (Qwen3-Next): config.json linear_* fields. */
typedef struct {
    int k_heads;           /* linear_num_key_heads */
    int v_heads;           /* linear_num_value_heads */
    int k_head_dim;        /* linear_key_head_dim */
    int v_head_dim;        /* linear_value_head_dim */
    int conv_kernel;       /* linear_conv_kernel_dim */
    int split_qkv;         /* 1: attn_qkv + attn_gate (newer llama.cpp files);
                              0: one fused ssm_in (q, k, v and z) */
} arch_linear;

/* Mamba2 (Nemotron-H): config.json mamba_* / ssm_* fields. */
typedef struct {
    int heads;             /* mamba_num_heads */
    int head_dim;          /* mamba_head_dim (d_inner = heads x head_dim) */
    int groups;            /* n_groups */
    int state;             /* ssm_state_size */
    int conv_kernel;       /* conv_kernel */
    int conv_bias;         /* use_conv_bias: an ssm_conv1d.bias */
} arch_ssm;

/* Mixture of experts: config.json names. */
typedef struct {
    int experts;           /* routed experts (num_experts, n_routed_experts); 0: dense model */
    int active;            /* experts per token (num_experts_per_tok) */
    int shared;            /* shared experts (n_shared_experts; 1 where a
                              shared_expert_intermediate_size is given) */
    int64_t expert_dim;    /* moe_intermediate_size (one routed expert) */
    int64_t shared_dim;    /* the whole shared MLP's width; 0: shared x expert_dim */
    int router_bias;       /* ffn_gate_inp.bias (gpt-oss) */
    int score_bias;        /* exp_probs_b.bias, the routing-score correction
                              (DeepSeek-V3 e_score_correction_bias, Nemotron-H) */
    int expert_bias;       /* biases on the expert projections (gpt-oss) */
    int shared_gate;       /* ffn_gate_inp_shexp, a gate on the shared expert (Qwen2-MoE, Qwen3-Next) */
    int64_t latent;        /* LatentMoE (Nemotron-3 Super moe_latent_size): the routed
                              experts work in this width, between ffn_latent_down
                              {hidden, latent} and ffn_latent_up {latent, hidden}; 0: hidden */
    int dense_parallel;    /* Gemma 4's MoE block: the dense MLP (ffn_dim) runs beside the
                              experts, with pre_ffw_norm_2, post_ffw_norm_1, post_ffw_norm_2,
                              a router input scale ffn_gate_inp.scale {hidden} and a scale
                              per expert ffn_down_exps.scale {experts} */
} arch_moe;

typedef struct {
    const char *name;      /* display name, e.g. "Llama-3.1-8B" */

    /* The trunk. */
    int layers;            /* num_hidden_layers, without MTP layers */
    int64_t hidden;        /* hidden_size */
    int64_t vocab;         /* vocab_size */
    int tied_embeddings;   /* tie_word_embeddings: no output.weight */
    int64_t pos_embd;      /* learned absolute positions (GPT-2 n_positions): the
                              rows of position_embd.weight {hidden, pos_embd}; 0: none */
    int embd_norm;         /* token_embd_norm after the embedding (BLOOM
                              word_embeddings_layernorm) */
    int norm_bias;         /* LayerNorm: every block norm, output_norm and
                              token_embd_norm also has a .bias (GPT-2, BLOOM, Falcon) */
    int attn_norm_2;       /* a second norm beside attn_norm, attn_norm_2 (Falcon-40B/180B
                              ln_attn + ln_mlp feeding the parallel attention and MLP) */
    int norms_after;       /* with norms pre: the two block norms sit after the attention
                              and after the FFN, post_attention_norm and post_ffw_norm,
                              none before (OLMo 2) */
    int layer_scale;       /* one learned scalar per block, layer_output_scale {1} (Gemma 4) */
    int rope_freqs;        /* llama.cpp writes rope_freqs.weight (head_dim/2 F32
                              factors) for Llama 3.1-style rope scaling */
    arch_norm_style norms;

    /* Softmax attention (full, SWA, chunked); MLA below replaces it. */
    int heads;             /* num_attention_heads */
    int kv_heads;          /* num_key_value_heads */
    int head_dim_k;        /* head_dim; 0: hidden / heads */
    int head_dim_v;        /* 0: head_dim_k */
    int full_kv_heads;     /* full layers' KV heads where they differ from the
                              windowed ones (Gemma 4 global layers); 0: kv_heads */
    int full_head_dim;     /* full layers' head size where it differs; 0: same */
    int qk_norm;           /* attn_q_norm / attn_k_norm of one head (Qwen3, Gemma 3) */
    int qk_norm_full;      /* the q/k norms span all heads: heads x head_dim and
                              kv_heads x head_dim (OLMo 2, OLMoE, MiniMax-M2); implies qk_norm */
    int fused_qkv;         /* one attn_qkv {hidden, q + k + v} (GPT-2, BLOOM, Falcon);
                              qkv_bias then is attn_qkv.bias */
    int full_k_eq_v;       /* full-attention layers have no attn_v: V is K
                              (Gemma 4 attention_k_eq_v) */
    int qkv_bias;          /* attn_q/k/v biases (Qwen2, gpt-oss) */
    int out_bias;          /* attn_output bias (gpt-oss) */
    int sinks;             /* attn_sinks, one per head (gpt-oss) */
    int q_gate;            /* attn_q also yields an output gate, twice as wide
                              (Qwen3-Next attn_output_gate) */

    /* The layer pattern. Without `pattern`: layer l is full attention when
     * full_period > 0 and l % full_period == full_index, else of kind
     * `mixer` (ARCH_ATTN_FULL: every layer full). With `pattern`, one
     * character per layer in Nemotron-H's hybrid_override_pattern alphabet:
     * 'M' Mamba2, '*' attention, 'E' MoE FFN, '-' dense MLP; each block has
     * one of them and one norm. */
    arch_attn_kind mixer;  /* kind of the layers that are not full */
    long span;             /* window (SWA) or chunk (CHUNKED) in tokens */
    int full_period;       /* e.g. 2 (gpt-oss), 4 (Qwen3-Next full_attention_interval) */
    int full_index;        /* e.g. 1 (gpt-oss: odd layers full), 3 (Qwen3-Next) */
    const char *pattern;   /* NULL, or exactly `layers` characters */

    arch_mla mla;
    arch_linear linear;
    arch_ssm ssm;

    /* The FFN. Layer l is MoE when moe.experts > 0, l >= dense_first and,
     * with moe_step > 1, (l + 1) % moe_step == 0 (Qwen2-MoE decoder_sparse_step,
     * Llama 4 interleave_moe_layer_step); otherwise dense. */
    int64_t ffn_dim;       /* intermediate_size of the dense MLP */
    int ffn_ungated;       /* 1: up + down only (relu2, Nemotron-H; GELU, GPT-2); 0: gate, up, down */
    int ffn_bias;          /* the dense MLP's projections have biases (GPT-2, BLOOM) */
    int dense_first;       /* first_k_dense_replace (DeepSeek-V3: 3) */
    int moe_step;          /* 0 or 1: every layer past dense_first */
    arch_moe moe;

    /* Multi-token prediction (num_nextn_predict_layers): extra blocks
     * blk.<layers + i>, each a full-attention + FFN layer with
     * nextn.eh_proj, enorm, hnorm and shared_head_norm. */
    int nextn_layers;
    int nextn_own_head;    /* each also stores nextn.embed_tokens and
                              nextn.shared_head_head (DeepSeek-V3 checkpoints) */

    /* A vision tower + projector, counted apart from the text model. */
    int64_t vision_params;
} qs_arch;

/* One layer's mixer, with what its cache will need (for the KV step). */
typedef struct {
    arch_attn_kind kind;
    long span;             /* SWA window / chunk in tokens; 0: the whole context */
    int heads, kv_heads;   /* softmax attention and MLA (kv_heads = heads for MLA) */
    int head_dim_k, head_dim_v;
    int64_t latent;        /* MLA: elements cached per token (kv_lora_rank + rope) */
    int64_t state;         /* LINEAR / SSM: recurrent state elements per sequence */
    int64_t conv_state;    /* LINEAR / SSM: convolution state elements per sequence */
} arch_layer_attn;

/* 1 when the description can be expanded (positive sizes, a pattern of
 * the right length and alphabet, MLA/linear/SSM fields where used). */
int arch_valid(const qs_arch *a);

/* Layers including MTP layers: the `blk.N` count of the expansion. */
int arch_block_count(const qs_arch *a);

/* Layer `layer`'s mixer (0 <= layer < arch_block_count; MTP layers are
 * full attention, or MLA). An invalid arch or layer gives kind ARCH_ATTN_NONE
 * with zeros. */
arch_layer_attn arch_layer_attention(const qs_arch *a, int layer);

/* Layer `layer`'s FFN; ARCH_FFN_NONE for an invalid arch or layer. */
arch_ffn_kind arch_layer_ffn(const qs_arch *a, int layer);

/* The same two for an arch the caller has checked with arch_valid: the
 * arch is not checked again (each check walks every layer), only the
 * layer's range. */
arch_layer_attn arch_layer_attention_valid(const qs_arch *a, int layer);
arch_ffn_kind arch_layer_ffn_valid(const qs_arch *a, int layer);

/* Appends the model's tensors to `out` (GGUF names, ggml shapes). Returns 0,
 * or -1 when the arch is invalid (nothing added) or `out` filled up (then
 * out->overflow is set; size it with arch_tensor_count). */
int arch_expand(const qs_arch *a, tensor_list *out);

/* The number of tensors arch_expand adds; 0 for an invalid arch. */
size_t arch_tensor_count(const qs_arch *a);

/* The sum of the elements of the expansion, computed without a buffer;
 * -1 for an invalid arch. Excludes vision_params. */
int64_t arch_param_count(const qs_arch *a);

#endif
