/* st_names.h - what a Hugging Face tensor name is for.
 *
 * Layer: files (pure). Maps transformers' parameter names
 * ("model.layers.3.self_attn.q_proj.weight") to the tensor roles of
 * model/tensors.h and a layer number. */
#ifndef QS_ST_NAMES_H
#define QS_ST_NAMES_H

#include "model/tensors.h"

/* The role and layer of a Hugging Face tensor name
 * ("model.layers.3.self_attn.q_proj.weight": TENSOR_ATTN_Q, 3;
 * "lm_head.weight": TENSOR_OUTPUT, -1). Quantization side tensors
 * (qzeros, scales, g_idx, weight_scale_inv, absmax, ...) are TENSOR_OTHER;
 * a packed qweight / weight_packed has the role of its projection. Vision
 * tower and projector tensors are TENSOR_OTHER with layer -1. */
void st_names_role(const char *name, tensor_role *role, int *layer);

#endif
