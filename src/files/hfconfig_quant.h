/* hfconfig_quant.h - config.json's quantization_config into a type word.
 *
 * Layer: files (pure). Sets files_model.type_name to a name formats_parse
 * (model/formats.h) knows where one fits ("gptq", "awq", "nf4", "nf4-dq",
 * "llm.int8", "fp8", "fp8-tensor", "int4", "int8", "mxfp4", "nvfp4"), else
 * a plain description ("gptq-8bit"), and files_model.packed to 1 when
 * tensors pack several weights a storage word. */
#ifndef QS_HFCONFIG_QUANT_H
#define QS_HFCONFIG_QUANT_H

#include <stddef.h>

#include <jansson.h>

#include "files/files_model.h"

/* Reads root.quantization_config (or compression_config); nothing when
 * absent. Returns 0, or -1 with "PATH: quantization_config.FIELD: ..." in err. */
int hfconfig_quant_parse(const json_t *root, const char *path, files_model *out, char *err,
                         size_t errsize);

#endif
