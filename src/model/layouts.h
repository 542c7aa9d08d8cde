/* layouts.h - the exact bytes of a checkpoint's weights in a format.
 *
 * Layer 1 (model): pure, no I/O, no allocation. A format's `bits` is one
 * number for every model; a checkpoint stores each tensor its own way: GPTQ
 * packs int4 with fp16 scales per group of 128 inputs and an int32 g_idx
 * per input row, bitsandbytes keeps an absmax per 64 weights, FP8 a scale
 * per 128x128 block, embeddings and heads often stay 16-bit, routers and
 * norms always do. This module applies each library's layout to a model's
 * tensor list (tensors.h, as arch_expand produces it: llama.cpp names,
 * ggml shapes, ne[0] = the input width) and sums the bytes of the
 * checkpoint's weights, every tensor's data, with no file header or
 * metadata. llama.cpp file types forward to gguf_rules (tensor data padded
 * to the GGUF alignment, no header either).
 *
 * What is stored how (each constant with its source in layouts.c):
 *   quantized  the projections inside the blocks (attention, MLP, routed and
 *              shared experts, MLA, linear-attention and SSM projections),
 *              one checkpoint tensor set per expert;
 *   16-bit     embeddings and the LM head, except MLX (both quantized) and
 *              EXL2/EXL3 (the head at 6 bits); MoE routers, except
 *              bitsandbytes (which converts every nn.Linear but lm_head) and
 *              MLX (8-bit); norms, biases, 1-D tensors, convolutions, the
 *              MTP eh_proj; DeepSeek's routing-score bias is fp32 (FP8);
 *   MXFP4      the routed experts only (gpt-oss): the rest stays 16-bit;
 *   absent     rope_freqs.weight, which llama.cpp's converter computes from
 *              the config (a checkpoint does not hold it).
 * Byte counts are the tensors' data; a safetensors header and
 * bitsandbytes' per-tensor quant_state JSON blob (a few hundred bytes,
 * its length depends on the shape's digits) are not counted. */
#ifndef QS_LAYOUTS_H
#define QS_LAYOUTS_H

#include <stdint.h>

#include "model/formats.h"
#include "model/gguf_rules.h"
#include "model/tensors.h"

/* The checkpoint's weight bytes of the list in format f (see above).
 * `bpw` is the rate of a variable-rate format (EXL2, EXL3: the bits per
 * weight of the quantized projections, which must lie in f's [bits_lo,
 * bits_hi]; NaN or <= 0 takes f->bits) and is ignored elsewhere. A GGUF
 * row is sized by gguf_rules_predict_bytes with a context derived from the
 * list (layouts_gguf_ctx). Returns -1 for a format without a layout (INT4,
 * TERNARY, ...), a NULL argument, a rate out of range, a negative
 * dimension, or a shape the library refuses (AutoAWQ: inputs not a
 * multiple of 128 or outputs not of 8; MXFP4 experts: inputs not a
 * multiple of 32). */
int64_t layouts_weight_bytes(const qs_format *f, const tensor_list *l, double bpw);

/* One tensor's checkpoint bytes in format f: exactly what
 * layouts_weight_bytes adds for it (0 for rope_freqs, which no checkpoint
 * holds), so the figures of a list sum to layouts_weight_bytes. EXL2/EXL3
 * (the rate `bpw` as above is spent over the whole model): the tensor's
 * fixed bytes plus its budgeted weights at the rate, rounded down per
 * tensor, so the sum over a list is below layouts_weight_bytes by at
 * most one byte per budgeted tensor. -1 for a GGUF or layout-less format,
 * a NULL argument, a rate out of range, a negative dimension or a shape
 * the library refuses (as layouts_weight_bytes). */
int64_t layouts_tensor_bytes(const qs_format *f, const qs_tensor *t, double bpw);

/* layouts_weight_bytes with the GGUF rules' context given (NULL: derived
 * from the list); ignored for formats other than GGUF. */
int64_t layouts_weight_bytes_ctx(const qs_format *f, const tensor_list *l,
                                 const gguf_rules_ctx *ctx, double bpw);

/* A GGUF rules context from a list alone: blocks = the highest blk.N + 1,
 * experts = ne[2] of the first routed-expert tensor (0 for a dense model),
 * GQA = layer 0's attn_q rows / attn_k rows (1 without both), architecture
 * GGUF_ARCH_OTHER (so no Llama-70B or Falcon rule), no importance matrix.
 * Pass a context built from the architecture when it is known. */
void layouts_gguf_ctx(const tensor_list *l, gguf_rules_ctx *ctx);

/* Whether format f stores tensor t quantized (1) or at its 16/32-bit width
 * (0); -1 for a GGUF or layout-less format or a NULL argument. */
int layouts_quantized(const qs_format *f, const qs_tensor *t);

#endif
