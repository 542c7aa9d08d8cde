/* gguf_header.h - the bytes of a GGUF file that are not tensor data, and
 * the whole predicted file.
 *
 * Layer 1 (model): pure C, no I/O. A GGUF v3 file is (ggml/src/gguf.cpp,
 * gguf_write_to_buf; docs/gguf.md of ggml-org/ggml):
 *
 *   magic "GGUF", u32 version, u64 n_tensors, u64 n_kv
 *   n_kv key/value pairs: string key, u32 value type, value
 *   n_tensors tensor infos: string name, u32 n_dims, u64 ne[n_dims],
 *                           u32 ggml type, u64 data offset
 *   padding to general.alignment (32), then the tensor data, each tensor
 *   padded to the alignment (gguf_rules_data_bytes)
 *
 * where a string is a u64 length and its bytes (no NUL), and an array a u32
 * element type, a u64 count and the elements. The tensor infos follow
 * exactly from a tensor list; the metadata is estimated from the keys
 * llama.cpp's converter (convert_hf_to_gguf.py) and llama-quantize write,
 * and is dominated by the tokenizer arrays, whose sizes come from
 * data/tokenizers.tsv (one row per tokenizer, tokenizers_data.h). */
#ifndef QS_GGUF_HEADER_H
#define QS_GGUF_HEADER_H

#include <stddef.h>
#include <stdint.h>

#include "model/arch.h"
#include "model/gguf_rules.h"
#include "model/tensors.h"
#include "model/tokenizers_data.h"

/* The built-in rows (generated from data/tokenizers.tsv); the row type,
 * gguf_tokenizer, is defined in model/tokenizers_data.h. */
size_t gguf_header_tokenizer_count(void);
const gguf_tokenizer *gguf_header_tokenizer_at(size_t i);

/* The row for a catalog model: first a row whose `ids` has a prefix of
 * `id` and that serves `vocab`, then one whose `families` names `family`
 * and serves `vocab`, then one with no families that serves `vocab`.
 * `id` and `family` may be NULL. NULL when no row fits. */
const gguf_tokenizer *gguf_header_tokenizer_find(const char *id, const char *family,
                                                 int64_t vocab);

/* An estimate for a vocabulary no row describes: a BPE tokenizer with the
 * mean string length, merges per token, merge length and chat template of
 * the table's verified BPE rows (every value UNVERIFIED; verified = 0).
 * Fills *out; returns 0, or -1 for vocab <= 0 or a NULL out. */
int gguf_header_tokenizer_estimate(int64_t vocab, gguf_tokenizer *out);

/* The bytes of the GGUF header (everything before the tensor data, the
 * padding to the alignment included) of a file holding the tensors of `l`
 * for model `a` (its name, sizes and layer kinds pick the metadata keys).
 * `family` is the catalog family, standing for general.architecture
 * (llama.cpp names a few differently: "deepseek2", "llama" for Mixtral;
 * the keys then differ by a few bytes each). `tok` NULL: estimated from
 * a->vocab (gguf_header_tokenizer_estimate). `has_imatrix` adds the
 * quantize.imatrix.* keys llama-quantize writes. -1 on a NULL l or a, an
 * invalid tensor, or a vocab the tokenizer row does not reach. */
int64_t gguf_header_bytes(const tensor_list *l, const qs_arch *a, const char *family,
                          const gguf_tokenizer *tok, int has_imatrix);

/* A rules context for model `a` of catalog family `family`
 * (gguf_rules_ctx_init with llama.cpp's architecture: "llama", "mixtral"
 * and "mistral" are LLM_ARCH_LLAMA, "falcon" LLM_ARCH_FALCON; the layer
 * count includes MTP layers). No imatrix. */
void gguf_header_rules_ctx(gguf_rules_ctx *c, const qs_arch *a, const char *family);

/* The predicted size of the whole file: header + tensor data of
 * arch_expand(a) in file type `ft` with the rules of `c` (c->has_imatrix
 * also picks the imatrix keys). `tok` as for gguf_header_bytes.
 * ALLOCATES the tensor list (arch_tensor_count(a) entries) and frees it
 * before returning. -1 on error (invalid arch, unknown ftype, no memory). */
int64_t gguf_header_file_bytes(gguf_ftype ft, const qs_arch *a, const char *family,
                               const gguf_tokenizer *tok, const gguf_rules_ctx *c);

/* One line of a file's make-up: the tensors of one name pattern (the
 * name with "blk.<n>." written "blk.*.") and one ggml type. */
typedef struct {
    char pattern[TENSORS_NAME_MAX];
    int type;                  /* ggml type */
    int count;                 /* tensors */
    int64_t bytes;             /* their data bytes, each padded to the alignment */
} gguf_header_group;

/* The groups of the file gguf_header_file_bytes predicts, in the order of
 * their first tensor in the expansion, into out[0 .. cap). Returns the
 * number of groups, or -1 on error or when they do not fit in cap.
 * ALLOCATES the tensor list and its types, freed before returning. */
int gguf_header_file_groups(gguf_ftype ft, const qs_arch *a, const gguf_rules_ctx *c,
                            gguf_header_group *out, size_t cap);

#endif
