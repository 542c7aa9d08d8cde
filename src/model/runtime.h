/* runtime.h - the programs that run a model, and what each assumes.
 *
 * Layer 1 (model): a compiled-in table (runtime.c), each row with its
 * source, no I/O. A runtime decides which formats it loads (by the format's
 * layout, formats_data.h), how it splits a model over several GPUs, what it
 * keeps per GPU beside the model (overhead, compute buffer, activations),
 * what share of a GPU it takes, and the free margin that "best precision"
 * and "largest context" keep. The default runtime is chosen from the
 * device and the format (runtime_default), and is shown. */
#ifndef QS_RUNTIME_H
#define QS_RUNTIME_H

#include "model/devices.h"
#include "model/formats.h"

typedef enum {
    RUNTIME_LLAMACPP = 0,
    RUNTIME_OLLAMA,
    RUNTIME_VLLM,
    RUNTIME_SGLANG,
    RUNTIME_MLX,
    RUNTIME_TRANSFORMERS,
    RUNTIME_COUNT,
    RUNTIME_AUTO = -1            /* query.h: chosen per target by runtime_default */
} runtime_id;

/* How a runtime spreads a model over the GPUs of one machine. Across
 * machines a tensor-parallel runtime runs pipeline stages (one per
 * machine, tensor parallel inside each); a layer-split runtime keeps
 * splitting by layers (llama.cpp's RPC backend). */
typedef enum {
    RUNTIME_SPLIT_LAYER = 0,     /* whole layers per GPU (llama.cpp, Ollama, accelerate) */
    RUNTIME_SPLIT_TENSOR         /* every layer divided by the TP degree (vLLM, SGLang) */
} runtime_split;

typedef struct {
    runtime_id id;
    const char *name;            /* "llama.cpp" */
    const char *aliases;         /* other accepted names, space-separated, lowercase */
    const char *program;         /* what the reproducing command runs: "llama-server" */
    runtime_split split;
    unsigned layouts;            /* bit (1u << fmt_layout) for each layout it loads */
    int plain_bits;              /* 1: also a bare bit width (no named format) */
    /* Per GPU. */
    double utilization;          /* share of each GPU's usable memory the runtime
                                    takes (vLLM gpu_memory_utilization); 1: all */
    double margin_gib;           /* free memory best precision and largest context
                                    keep on each GPU (llama.cpp --fit target) */
    double min_overhead_gib;     /* the least overhead per GPU it reserves (Ollama's
                                    minimum); 0: the query's overhead alone */
    int embd_in_ram;             /* 1: the token embeddings stay in RAM (llama.cpp
                                    keeps the input layer on the CPU) */
    int activations;             /* 1: a profiled activation peak per GPU (vLLM, SGLang) */
    int verified;                /* 0: a value of the row is UNVERIFIED (source says which) */
    const char *source;
} qs_runtime;

/* Tokens vLLM/SGLang profile the activation peak with (max_num_batched_tokens
 * default of the chunked-prefill scheduler) and the sequences it samples at
 * once (max_num_seqs); llama.cpp's micro-batch (n_ubatch default). Sources
 * in runtime.c. */
#define RUNTIME_PROFILE_TOKENS 8192L
#define RUNTIME_MAX_SEQS 256L
#define RUNTIME_UBATCH 512L

/* The row of id (NULL out of range); the row whose name or alias equals
 * `name` ignoring case (NULL when none). */
const qs_runtime *runtime_get(runtime_id id);
const qs_runtime *runtime_find(const char *name);

/* The names, comma-separated, for a message ("llama.cpp, ollama, ..."). */
const char *runtime_names(void);

/* 1 when r loads weights in format f (f NULL: plain bits, r->plain_bits). */
int runtime_loads(const qs_runtime *r, const qs_format *f);

/* The runtime chosen when none is named, for a target whose first GPU is
 * d, at format f (NULL: plain bits): a llama.cpp file type -> llama.cpp; an
 * MLX quant -> MLX; Apple silicon -> MLX; a data-centre GPU -> vLLM; a
 * consumer GPU with a format only the Python runtimes load (GPTQ, AWQ,
 * FP8, NVFP4, bitsandbytes) -> vLLM; anything else (one consumer GPU at a
 * float or plain bits, the CPU) -> llama.cpp. Never NULL. */
const qs_runtime *runtime_default(const qs_device *d, const qs_format *f);

/* Why runtime_default chose r for d and f, one short phrase ("a datacenter
 * GPU", "a llama.cpp file type"), for the report. */
const char *runtime_default_reason(const qs_device *d, const qs_format *f);

#endif
