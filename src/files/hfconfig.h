/* hfconfig.h - a Hugging Face config.json into a files_model's architecture.
 *
 * Layer: files (pure: parses a buffer with jansson). Reads the fields
 * transformers' configuration_<arch>.py classes define (num_hidden_layers,
 * hidden_size, ..., text_config for multimodal models, layer_types, MoE,
 * MLA and linear-attention fields) into out->arch (arch_ok when the result
 * is a valid qs_arch), out->ctx, out->arch_name, and quantization_config
 * into out->type_name / out->packed, each with a provenance line. */
#ifndef QS_HFCONFIG_H
#define QS_HFCONFIG_H

#include <stddef.h>

#include "files/files_model.h"

/* Parses config.json's `len` bytes (`path` names it in messages). A field
 * of the wrong type or range is an error naming the field; a config that
 * lacks the core fields leaves arch_ok 0 and says so in the provenance
 * line "architecture". Returns 0, or -1 with "PATH: ..." in err. */
int hfconfig_parse(const char *json, size_t len, const char *path, files_model *out, char *err,
                   size_t errsize);

#endif
