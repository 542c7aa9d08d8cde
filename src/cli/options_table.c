/* options_table.c - the command line's options, one row each (see
 * options_row.h for the fields and options.c for the parser that reads
 * them; --help and the man page's option list are made from this table). */
#include <stddef.h>

#include "cli/options_row.h"
#include "cli/optshape.h"
#include "cli/optval.h"
#include "cli/optval_plan.h"
#include "cli/optval_rig.h"
#include "model/kvcache.h"
#include "model/parse.h"
#include "model/split.h"

const options_row options_table[] = {
    { 'p', "params", "SIZE", "model size (7B, 350M, 1.5T, 7e9), preset name\n"
      "(llama-3.1-8b, ...) or your own: a .gguf or\n"
      ".safetensors file, a model folder, hf:ORG/NAME,\n"
      "ollama:NAME[:TAG]; also the one bare argument;\ndefault @B", OPTIONS_P_MODES, optval_model, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_MODEL, OPTIONS_SLOT_MODEL, { QUERY_DEFAULT_PARAMS / OPTVAL_PARAMS_PER_B } },
    { 0, "model", "SIZE", "the same as --params",
      OPTIONS_P_MODES, optval_model, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL,
      OPTIONS_SLOT_MODEL, { 0 } },
    { 0, "family", "NAME", "a bare size takes the shape (layers, KV heads, ...) of\n"
      "the nearest model of this family (default " MODELS_DEFAULT_FAMILY ")", OPTIONS_P_MODES,
      optshape_family, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_FAMILY, { 0 } },
    { 0, "layers", "N", "a bare size's own shape: layers (1 to @), with", OPTIONS_P_MODES,
      optshape_layers, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_LAYERS,
      { OPTSHAPE_MAX_LAYERS } },
    { 0, "kv-heads", "N", "  key/value heads,", OPTIONS_P_MODES, optshape_kv_heads, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_KV_HEADS, { 0 } },
    { 0, "head-dim", "N", "  the size of a head,", OPTIONS_P_MODES, optshape_head_dim, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_HEAD_DIM, { 0 } },
    { 0, "hidden", "N", "  the hidden size,", OPTIONS_P_MODES, optshape_hidden, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_HIDDEN, { 0 } },
    { 0, "vocab", "N", "  the vocabulary,", OPTIONS_P_MODES, optshape_vocab, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_VOCAB, { 0 } },
    { 0, "experts", "E[/K]", "  E routed experts, K per token; the rest as the\n"
      "  nearest model (--family)", OPTIONS_P_MODES, optshape_experts, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_MODEL, OPTIONS_SLOT_EXPERTS, { 0 } },
    { 0, "catalog", "FILE", "your own models and devices, one row each, before\n"
      "the built-in ones (format: quantscope(1) CATALOG FILES)", OPTIONS_P_MODES |
      OPTIONS_IN(OPTIONS_MODE_LIST_MODELS) | OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES),
      optshape_catalog, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_MODEL, OPTIONS_SLOT_CATALOG, { 0 } },
    { 0, "max-header", "SIZE", "read at most SIZE of header from a model file\n"
      "(default @MiB, up to @GiB)", OPTIONS_P_MODES | OPTIONS_IN(OPTIONS_MODE_SCAN),
      optval_max_header, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_MAX_HEADER,
      { OPTVAL_MAX_HEADER_DEFAULT_MIB, OPTVAL_MAX_HEADER_MAX_GIB } },
    { 'b', "bits", "BITS", "bits per weight, @ to @ (or a name, as -f)", OPTIONS_B_MODES,
      optval_bits, 0, OPTIONS_MODE_FOOTPRINT, OPTIONS_SEC_MODEL, OPTIONS_SLOT_WEIGHTS,
      { OPTVAL_BITS_MIN, PARSE_BITS_MAX } },
    { 'f', "format", "NAME", "a named precision: fp32, fp16, bf16, fp8, int8, int4,\n"
      "int2, q8_0, q6_k, q5_k_m, q4_k_m, iq4_xs, awq, ...",
      OPTIONS_B_MODES, optval_format, 0, OPTIONS_MODE_FOOTPRINT, OPTIONS_SEC_MODEL,
      OPTIONS_SLOT_WEIGHTS, { 0 } },
    { 't', "table", NULL, "footprint at FP32, FP16, INT8, INT4 and INT2",
      OPTIONS_IN(OPTIONS_MODE_TABLE), NULL, 0, OPTIONS_MODE_TABLE, OPTIONS_SEC_REPORTS,
      OPTIONS_SLOT_NONE, { 0 } },
    { 0, "all-formats", NULL, "with --table: every named precision", OPTIONS_IN(OPTIONS_MODE_TABLE),
      NULL, OPTIONS_FLAG(all_formats), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS,
      OPTIONS_SLOT_NONE, { 0 } },
    { 0, "tensors", NULL, "with -f and a llama.cpp file type on a catalog model:\n"
      "the GGUF file's tensor groups and their types", OPTIONS_IN(OPTIONS_MODE_FOOTPRINT),
      NULL, OPTIONS_FLAG(tensors), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS, OPTIONS_SLOT_NONE,
      { 0 } },
    { 0, "from", "X", "savings from precision X (bits or name) to --to;\n"
      "with -i: the baseline", OPTIONS_S_MODES, optval_from, 0, OPTIONS_MODE_SAVINGS,
      OPTIONS_SEC_REPORTS,
      OPTIONS_SLOT_BASELINE, { 0 } },
    { 0, "to", "Y", "savings to precision Y, with --from; with -i: the\nprecision",
      OPTIONS_S_MODES, optval_to, 0, OPTIONS_MODE_SAVINGS, OPTIONS_SEC_REPORTS,
      OPTIONS_SLOT_WEIGHTS, { 0 } },
    { 'j', "json", NULL, "print JSON instead of text (full-precision numbers)", OPTIONS_J_MODES,
      NULL, OPTIONS_FLAG(json), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS, OPTIONS_SLOT_STYLE,
      { 0 } },
    { 0, "markdown", NULL, "print each table as a Markdown table", OPTIONS_TAB_MODES, NULL,
      OPTIONS_FLAG(markdown), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS, OPTIONS_SLOT_STYLE,
      { 0 } },
    { 0, "csv", NULL, "print each table as CSV (RFC 4180)", OPTIONS_TAB_MODES, NULL,
      OPTIONS_FLAG(csv), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS, OPTIONS_SLOT_STYLE,
      { 0 } },
    { 'i', "interactive", NULL, "start the front end at the given model, precision\n"
      "and fit options", OPTIONS_IN(OPTIONS_MODE_INTERACTIVE), NULL, 0,
      OPTIONS_MODE_INTERACTIVE, OPTIONS_SEC_REPORTS,
      OPTIONS_SLOT_NONE, { 0 } },
    { 0, "fit", NULL, "the fit on this machine (RAM and each GPU found)",
      OPTIONS_FIT, NULL, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "device", "D", "a device by name (rtx-4090, h100-sxm, m3-max-64, ...)\n"
      "or size (24GiB, 16GB, up to @TiB), or a rig of GPUs in\none machine: 2xrtx-3090, "
      "rtx-4090+rtx-3090; implies\n--fit; repeatable, up to @ devices",
      OPTIONS_FIT_SCAN, optval_device, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_DEVICE,
      { OPTVAL_DEVICE_MAX_TIB, QUERY_TARGETS_MAX } },
    { 0, "nodes", "N", "each --device is a rig of N such machines (1 to @;\n"
      "pipeline stages across them)", OPTIONS_FIT_SCAN, optval_rig_nodes, 0, OPTIONS_MODE_FIT,
      OPTIONS_SEC_FIT, OPTIONS_SLOT_NODES, { RIG_NODES_MAX } },
    { 0, "tensor-split", "A,B", "each GPU's share of the layers, for the rigs of that\n"
      "many GPUs (as llama.cpp's, e.g. 3,1)", OPTIONS_FIT_SCAN, optval_rig_tensor_split, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_TENSOR_SPLIT, { 0 } },
    { 0, "runtime", "NAME", "what runs it: llama.cpp, ollama, vllm, sglang, mlx,\n"
      "transformers (default: chosen per device, and shown)", OPTIONS_FIT_SCAN,
      optval_rig_runtime, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_RUNTIME, { 0 } },
    { 0, "check", NULL, "exit 0 when it fits (fits or tight) on the first\n"
      "device, on every GPU of a rig (this machine when none\nis named), 1 when it does not "
      "or only with offload", OPTIONS_IN(OPTIONS_MODE_FIT), NULL,
      OPTIONS_FLAG(check), OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "print-command", NULL, "the command that reproduces each answer (always\n"
      "shown for rigs and offload; with -i: on exit)", OPTIONS_FIT, NULL,
      OPTIONS_FLAG(print_command), OPTIONS_MODE_FIT, OPTIONS_SEC_FIT,
      OPTIONS_SLOT_PRINT_COMMAND, { 0 } },
    { 0, "ctx", "N", "context tokens (4096, 8k, 128k; default @)", OPTIONS_FIT_SCAN, optval_ctx, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_CTX, { FIT_DEFAULT_CTX } },
    { 0, "batch", "N", "sequences sharing the device (1 to @; default @)", OPTIONS_FIT_SCAN,
      optval_batch, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_BATCH,
      { OPTVAL_BATCH_MAX, FIT_DEFAULT_BATCH } },
    { 0, "kv-format", "T", "KV cache type: f16 (default, @ bits), q8_0, q4_0, ...",
      OPTIONS_FIT_SCAN, optval_kv_format, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_KV,
      { KV_BITS_F16 } },
    { 0, "kv-bits", "B", "KV cache bits per element instead (@ to @)", OPTIONS_FIT_SCAN,
      optval_kv_bits, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_KV, { OPTVAL_BITS_MIN,
      PARSE_BITS_MAX } },
    { 0, "overhead", "SIZE", "runtime overhead per device (default @GiB; 0: none;\n"
      "e.g. 1GiB, 800MB; at most @TiB)", OPTIONS_FIT_SCAN, optval_overhead, 0, OPTIONS_MODE_FIT,
      OPTIONS_SEC_FIT,
      OPTIONS_SLOT_OVERHEAD, { FIT_DEFAULT_OVERHEAD_GIB, OPTVAL_OVERHEAD_MAX_TIB } },
    { 0, "ram", "SIZE", "RAM a GPU's partial offload may spill into (default:\n"
      "this machine's usable RAM; 0: none; at most @TiB)", OPTIONS_FIT_SCAN, optval_ram, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_RAM, { OPTVAL_RAM_MAX_TIB } },
    { 0, "gpu-memory", "SIZE", "each GPU's usable memory instead of its own (e.g.\n"
      "26000MiB, as Apple's iogpu.wired_limit_mb)", OPTIONS_FIT_SCAN, optval_rig_gpu_memory, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_GPU_MEMORY, { 0 } },
    { 0, "margin", "SIZE", "memory best precision and largest context leave free\n"
      "on each GPU (default: the runtime's; 0: none)", OPTIONS_FIT_SCAN, optval_rig_margin, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_MARGIN, { 0 } },
    { 0, "n-cpu-moe", "N", "the routed experts of N blocks in RAM (0 to @;\n"
      "default: the fewest that fit)", OPTIONS_FIT_SCAN, optval_rig_n_cpu_moe, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_N_CPU_MOE, { OPTVAL_RIG_N_CPU_MOE_MAX } },
    { 0, "ram-bandwidth", "GBS", "RAM bandwidth in GB/s for what an offload keeps in\n"
      "RAM (default @, DDR5-5600 dual channel)", OPTIONS_FIT_SCAN, optval_rig_ram_bandwidth, 0,
      OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_RAM_BANDWIDTH, { SPLIT_RAM_BANDWIDTH_GBS } },
    { 0, "apple-share", "F", "share of unified memory Apple's GPU may use\n"
      "(@ by default; e.g. 0.9 or 90%)", OPTIONS_FIT | OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES),
      optval_share, 0, OPTIONS_MODE_FIT, OPTIONS_SEC_FIT, OPTIONS_SLOT_SHARE,
      { DEVICES_APPLE_GPU_SHARE } },
    { 0, "list-models", NULL, "the model catalog; a WORD after it keeps the models\n"
      "whose id, name or family holds it", OPTIONS_IN(OPTIONS_MODE_LIST_MODELS),
      NULL, 0, OPTIONS_MODE_LIST_MODELS, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "list-devices", NULL, "the device catalog (with --apple-share)",
      OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES), NULL, 0, OPTIONS_MODE_LIST_DEVICES,
      OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "list-formats", NULL, "the named precisions", OPTIONS_IN(OPTIONS_MODE_LIST_FORMATS),
      NULL, 0, OPTIONS_MODE_LIST_FORMATS, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "host", NULL, "what was found on this machine, and where", OPTIONS_IN(OPTIONS_MODE_HOST),
      NULL, 0, OPTIONS_MODE_HOST, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "scan", NULL, "the models in the folders after it and in the known\n"
      "stores (Hugging Face, Ollama, LM Studio), by fit", OPTIONS_IN(OPTIONS_MODE_SCAN), NULL, 0,
      OPTIONS_MODE_SCAN, OPTIONS_SEC_FIT, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "requests-per-day", "N", "the serving plan for N requests a day: KV pool,\n"
      "concurrency, speed, replicas and cost per device", OPTIONS_IN(OPTIONS_MODE_SERVE),
      optval_plan_requests_per_day, 0, OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE, OPTIONS_SLOT_LOAD,
      { 0 } },
    { 0, "rps", "R", "the same for R requests a second", OPTIONS_IN(OPTIONS_MODE_SERVE),
      optval_plan_rps, 0, OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE, OPTIONS_SLOT_LOAD, { 0 } },
    { 0, "peak-factor", "F", "the peak load over the average (default @, assumed)",
      OPTIONS_IN(OPTIONS_MODE_SERVE), optval_plan_peak, 0, OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE,
      OPTIONS_SLOT_PEAK, { WORKLOAD_PEAK_FACTOR } },
    { 0, "prompt-tokens", "N", "prompt tokens per request (default @)",
      OPTIONS_IN(OPTIONS_MODE_SERVE), optval_plan_prompt, 0, OPTIONS_MODE_SERVE,
      OPTIONS_SEC_SERVE, OPTIONS_SLOT_PROMPT, { (double)WORKLOAD_PROMPT_TOKENS } },
    { 0, "output-tokens", "N", "output tokens per request (default @)",
      OPTIONS_IN(OPTIONS_MODE_SERVE), optval_plan_output, 0, OPTIONS_MODE_SERVE,
      OPTIONS_SEC_SERVE, OPTIONS_SLOT_OUTPUT, { (double)WORKLOAD_OUTPUT_TOKENS } },
    { 0, "gpu-price", "USD", "price per GPU-hour (default: the dated price table's,\n"
      "shown with its source)", OPTIONS_IN(OPTIONS_MODE_SERVE), optval_plan_price, 0,
      OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE, OPTIONS_SLOT_PRICE, { 0 } },
    { 0, "compare", "LIST", "the lesson's table for these formats on the first\n"
      "device (e.g. fp16,int8,int4), with a recommendation", OPTIONS_IN(OPTIONS_MODE_SERVE),
      optval_plan_compare, 0, OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE, OPTIONS_SLOT_COMPARE,
      { 0 } },
    { 0, "max-quality-loss", "PCT", "--compare recommends the cheapest format within\n"
      "this sourced quality loss (default @%)", OPTIONS_IN(OPTIONS_MODE_SERVE),
      optval_plan_max_loss, 0, OPTIONS_MODE_SERVE, OPTIONS_SEC_SERVE, OPTIONS_SLOT_MAX_LOSS,
      { SERVE_MAX_LOSS_DEFAULT_PCT } },
    { 0, "train", "HOW", "fine-tuning memory: full, lora or qlora (the base at\n"
      "-f/-b; qlora: NF4 with double quantization)", OPTIONS_IN(OPTIONS_MODE_TRAIN),
      optval_plan_train, 0, OPTIONS_MODE_TRAIN, OPTIONS_SEC_TRAIN, OPTIONS_SLOT_TRAIN, { 0 } },
    { 0, "rank", "N", "LoRA rank (1 to @; default @)", OPTIONS_IN(OPTIONS_MODE_TRAIN),
      optval_plan_rank, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_TRAIN, OPTIONS_SLOT_RANK,
      { WORKLOAD_TRAIN_RANK_MAX, WORKLOAD_TRAIN_RANK } },
    { 0, "lora-targets", "T", "the layers adapted: attention, mlp or all (default)",
      OPTIONS_IN(OPTIONS_MODE_TRAIN), optval_plan_targets, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_TRAIN, OPTIONS_SLOT_TARGETS, { 0 } },
    { 0, "seq", "N", "tokens per training sequence (default @)", OPTIONS_IN(OPTIONS_MODE_TRAIN),
      optval_plan_seq, 0, OPTIONS_MODE_DEFAULT, OPTIONS_SEC_TRAIN, OPTIONS_SLOT_SEQ,
      { (double)WORKLOAD_TRAIN_SEQ } },
    { 0, "micro-batch", "N", "sequences per step (1 to @; default @)",
      OPTIONS_IN(OPTIONS_MODE_TRAIN), optval_plan_micro_batch, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_TRAIN, OPTIONS_SLOT_MICRO_BATCH,
      { WORKLOAD_TRAIN_MICRO_BATCH_MAX, WORKLOAD_TRAIN_MICRO_BATCH } },
    { 0, "grad-checkpointing", "on|off", "on or off (default: on for lora and qlora, off\n"
      "for full)", OPTIONS_IN(OPTIONS_MODE_TRAIN), optval_plan_checkpointing, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_TRAIN, OPTIONS_SLOT_CHECKPOINTING, { 0 } },
    { 0, "optimizer", "NAME", "adamw, adamw8bit, paged-adamw or sgd (default:\n"
      "adamw; paged-adamw for qlora)", OPTIONS_IN(OPTIONS_MODE_TRAIN), optval_plan_optimizer, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_TRAIN, OPTIONS_SLOT_OPTIMIZER, { 0 } },
    { 0, "lesson", NULL, "walk FP32, FP16, INT8, INT4 and INT2 for a 70B and a\n"
      "7B model in the front end (Space or Right: next)", OPTIONS_TUI_MODES, NULL,
      OPTIONS_FLAG(lesson), OPTIONS_MODE_INTERACTIVE, OPTIONS_SEC_LESSON, OPTIONS_SLOT_NONE,
      { 0 } },
    { 0, "theme", "NAME", "the front end's colours: default, projector, light or\n"
      "mono (NO_COLOR still wins)", OPTIONS_TUI_MODES, optval_plan_theme, 0,
      OPTIONS_MODE_DEFAULT, OPTIONS_SEC_LESSON, OPTIONS_SLOT_THEME, { 0 } },
    { 0, "demo-rounding", NULL, "what quantization does to 3.14159 and to a block of\n"
      "weights with outliers, at -b bits (default 4)", OPTIONS_IN(OPTIONS_MODE_ROUNDING), NULL,
      0, OPTIONS_MODE_ROUNDING, OPTIONS_SEC_LESSON, OPTIONS_SLOT_NONE, { 0 } },
    { 0, "seed", "N", "the demo's sample of weights (default: a fixed one)",
      OPTIONS_IN(OPTIONS_MODE_ROUNDING), optval_plan_seed, 0, OPTIONS_MODE_DEFAULT,
      OPTIONS_SEC_LESSON, OPTIONS_SLOT_SEED, { 0 } },
    { 'h', "help", NULL, "show this help and exit", OPTIONS_IN(OPTIONS_MODE_HELP),
      NULL, 0, OPTIONS_MODE_HELP, OPTIONS_SEC_OTHER, OPTIONS_SLOT_NONE, { 0 } },
    { 'V', "version", NULL, "show the version and exit", OPTIONS_IN(OPTIONS_MODE_VERSION),
      NULL, 0, OPTIONS_MODE_VERSION, OPTIONS_SEC_OTHER, OPTIONS_SLOT_NONE, { 0 } },
};

const size_t options_table_rows = sizeof options_table / sizeof options_table[0];

_Static_assert(sizeof options_table / sizeof options_table[0] <= OPTIONS_ROWS_MAX,
               "options_table holds more rows than OPTIONS_ROWS_MAX");

const char *const options_mode_names[OPTIONS_MODES] = {
    "the default report", "the footprint table", "a footprint", "the savings",
    "the interactive front end", "the fit", "the model list", "the device list",
    "the format list", "the host report", "--scan", "the serving plan",
    "the fine-tuning plan", "the rounding demo", "--help", "--version",
};

const char *const options_section_titles[OPTIONS_SEC_COUNT] = {
    "Model and precision:", "Reports:",
    "Hardware fit (weights + KV cache + runtime overhead):",
    "Serving plan (KV pool, concurrency, roofline speed, replicas, cost):",
    "Fine-tuning memory (base, adapters, gradients, optimizer, activations):",
    "The lesson and the front end:", "",
};

