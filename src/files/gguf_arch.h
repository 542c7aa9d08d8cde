/* gguf_arch.h - a GGUF file's architecture, from its metadata and tensors.
 *
 * Layer: files. The sizes come from the metadata keys llama.cpp writes
 * (src/llama-arch.cpp LLM_KV_*, prefix general.architecture: block_count,
 * embedding_length, feed_forward_length, attention.head_count(_kv),
 * attention.key_length/value_length, attention.sliding_window(_pattern),
 * expert_*, leading_dense_block_count, attention.kv_lora_rank/q_lora_rank,
 * rope.dimension_count, context_length, vocab_size, ssm.*,
 * nextn_predict_layers); the structural switches a file shows by its
 * tensors (biases, q/k norms, sinks, the norm style, tied embeddings,
 * rope_freqs) come from the tensor list. The result is checked against
 * the tensor list: arch_param_count against the tensors' elements. */
#ifndef QS_GGUF_ARCH_H
#define QS_GGUF_ARCH_H

#include "files/files_model.h"
#include "files/gguf_meta.h"

/* Fills m->arch, m->arch_ok, m->ctx and the provenance lines "layers",
 * "hidden", "heads", "kv_heads", "head_dim", "ffn", "experts", "vocab",
 * "ctx", "architecture" from meta and m's tensors (all of them: the
 * splits already summed). arch_ok 0 when no valid architecture results
 * (the sizes stay exact). */
void gguf_arch_fill(files_model *m, const gguf_meta *meta);

#endif
