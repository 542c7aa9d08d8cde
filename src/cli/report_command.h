/* report_command.h - the command line that reproduces a fit answer in its
 * runtime: llama-server, ollama, vllm serve, sglang, mlx_lm.server or a
 * transformers one-liner, with the context, the batch, the KV cache type,
 * the GPUs' split and the offload the plan chose.
 *
 * Layer: cli, pure (no stdio: the text report and the front end both print
 * it). Every word of the model's path or name is shell-quoted, so the line
 * can be pasted into sh as it is; a byte that is no printable ASCII is
 * written as $'\xHH', never raw. */
#ifndef QS_REPORT_COMMAND_H
#define QS_REPORT_COMMAND_H

#include <stddef.h>

#include "model/plan.h"
#include "model/query.h"

/* Room for any command report_command writes with a model path of up to
 * 1 KiB (a path longer than that does not fit: -1). */
#define REPORT_COMMAND_SIZE 2048

/* The command that runs q's model as plan device d answers it, in its
 * runtime (report_command_runtime), into buf. The model is the file q read when the weights are
 * its own (q->stored), else a placeholder from the catalog id and the
 * format ("llama-3.1-70b-Q4_K_M.gguf" for llama.cpp, "llama-3.1-70b:q4_k_m"
 * for Ollama, "llama-3.1-70b" for the others; "MODEL" for a bare size).
 * Returns 0, or -1 (buf "" when size > 0) for a NULL argument or a command
 * longer than size - 1. */
int report_command(char *buf, size_t size, const qs_query *q, const plan_device *d);

/* The runtime report_command writes for d: d->runtime, else the query's
 * --runtime, else runtime_default for d's device and q's format; NULL for
 * a NULL argument. */
const qs_runtime *report_command_runtime(const qs_query *q, const plan_device *d);

/* 1 when report_command's model for q and d is a placeholder (not the
 * path of a model read from files), 0 when it is the path. */
int report_command_placeholder(const qs_query *q, const plan_device *d);

/* The proportions `--tensor-split` gets for split s (layer mode, two GPU
 * slots or more), so that llama.cpp assigns each GPU the blocks s gives
 * it: each slot's blocks plus one for the output layer (llama.cpp counts
 * it as a layer: src/llama-model.cpp, the layer of `il` is the upper bound
 * of (il - first GPU layer) / GPU layers in the cumulative proportions),
 * divided by their greatest common divisor ("40,41"). Returns 0, or -1
 * (buf "") when s has no such split or buf is too small. */
int report_command_tensor_split(char *buf, size_t size, const split_plan *s);

#endif
