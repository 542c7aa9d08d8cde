/* options.c - the command line: one table of options that builds a query.
 *
 * Each row of options_table is one option: its names, its argument, its
 * help, the modes it applies in and the setter that checks its value and
 * sets the query (optval.h). The parser (GNU style, written here so that
 * every message names the exact word typed), the mode checks and --help
 * are all made from that table.
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize (quoted words are bounded by QUOTE_SIZE); options_usage's write
 * errors show in ferror(fp), which main checks before exiting. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "cli/options_help.h"
#include "cli/optshape.h"
#include "cli/optval.h"
#include "cli/optval_rig.h"
#include "cli/quote.h"
#include "model/kvcache.h"
#include "model/parse.h"
#include "model/split.h"

/* Room for an option as the messages spell it: "--" and the longest long
 * name ("list-devices") with room to spare. */
#define OPTIONS_SPELLED_SIZE 32
/* Room for an option word as typed, before it is quoted: as much as
 * quote_value keeps, so that its cut still shows. */
#define OPTIONS_WORD_SIZE QUOTE_SIZE
/* Room for a limit printed in --help, and for the head of a help row. */
#define OPTIONS_NUM_SIZE 32
#define OPTIONS_HEAD_SIZE 64
/* --help: the column where the help texts start. */
#define OPTIONS_HELP_COLUMN 24
/* In a help text, '@' stands for the row's next value (optval_num). */
#define OPTIONS_HELP_VALUE '@'
#define OPTIONS_HELP_VALUES 2
/* Words that are not options, kept: --scan's folders and one more, to say
 * there are too many. */
#define OPTIONS_STRAYS_MAX (OPTIONS_SCAN_DIRS_MAX + 1)

/* The bit of a mode in a row's mask, and the masks rows share. */
#define OPTIONS_IN(m) (1u << (m))
#define OPTIONS_MODES (OPTIONS_MODE_VERSION + 1)
#define OPTIONS_LISTS \
    (OPTIONS_IN(OPTIONS_MODE_LIST_MODELS) | OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES) | \
     OPTIONS_IN(OPTIONS_MODE_LIST_FORMATS) | OPTIONS_IN(OPTIONS_MODE_HOST))
#define OPTIONS_REPORTS \
    (OPTIONS_IN(OPTIONS_MODE_DEFAULT) | OPTIONS_IN(OPTIONS_MODE_TABLE) | \
     OPTIONS_IN(OPTIONS_MODE_FOOTPRINT) | OPTIONS_IN(OPTIONS_MODE_SAVINGS))
#define OPTIONS_FIT (OPTIONS_IN(OPTIONS_MODE_FIT) | OPTIONS_IN(OPTIONS_MODE_INTERACTIVE))
/* The fit's settings also shape --scan's verdicts. */
#define OPTIONS_FIT_SCAN (OPTIONS_FIT | OPTIONS_IN(OPTIONS_MODE_SCAN))
/* -p: every report, the fit and -i; -b/-f: a footprint, the fit and -i;
 * --from/--to: the savings and -i; --json: everything but -i. */
#define OPTIONS_P_MODES (OPTIONS_REPORTS | OPTIONS_FIT)
#define OPTIONS_B_MODES (OPTIONS_IN(OPTIONS_MODE_FOOTPRINT) | OPTIONS_FIT)
#define OPTIONS_S_MODES (OPTIONS_IN(OPTIONS_MODE_SAVINGS) | OPTIONS_IN(OPTIONS_MODE_INTERACTIVE))
#define OPTIONS_J_MODES (OPTIONS_REPORTS | OPTIONS_IN(OPTIONS_MODE_FIT) | OPTIONS_LISTS | \
                         OPTIONS_IN(OPTIONS_MODE_SCAN))

typedef enum {
    OPTIONS_SEC_MODEL, OPTIONS_SEC_REPORTS, OPTIONS_SEC_FIT, OPTIONS_SEC_OTHER, OPTIONS_SEC_COUNT
} options_section;

/* What a row sets, so that it is given once: rows of one slot (-p and
 * --model; -b, -f and --to; --kv-bits and --kv-format) exclude each other.
 * OPTIONS_SLOT_NONE: a flag, OPTIONS_SLOT_DEVICE: repeats (optval_device counts). */
typedef enum {
    OPTIONS_SLOT_NONE, OPTIONS_SLOT_MODEL, OPTIONS_SLOT_WEIGHTS, OPTIONS_SLOT_BASELINE,
    OPTIONS_SLOT_CTX, OPTIONS_SLOT_BATCH, OPTIONS_SLOT_KV,
    OPTIONS_SLOT_OVERHEAD, OPTIONS_SLOT_SHARE, OPTIONS_SLOT_RAM, OPTIONS_SLOT_DEVICE,
    OPTIONS_SLOT_CATALOG, OPTIONS_SLOT_FAMILY, OPTIONS_SLOT_LAYERS, OPTIONS_SLOT_KV_HEADS,
    OPTIONS_SLOT_HEAD_DIM, OPTIONS_SLOT_HIDDEN, OPTIONS_SLOT_VOCAB, OPTIONS_SLOT_EXPERTS,
    OPTIONS_SLOT_MAX_HEADER, OPTIONS_SLOT_NODES, OPTIONS_SLOT_TENSOR_SPLIT, OPTIONS_SLOT_RUNTIME,
    OPTIONS_SLOT_GPU_MEMORY, OPTIONS_SLOT_MARGIN, OPTIONS_SLOT_N_CPU_MOE,
    OPTIONS_SLOT_RAM_BANDWIDTH, OPTIONS_SLOT_PRINT_COMMAND, OPTIONS_SLOT_COUNT
} options_slot;

/* Checks arg and sets it in *o: 0, or -1 with a message in err. */
typedef int (*options_setter)(options *o, const char *arg, char *err, size_t errsize);

typedef struct {
    char short_name;          /* 0 when none */
    const char *long_name;    /* without "--" */
    const char *arg_name;     /* NULL for a flag */
    const char *help;         /* lines split by '\n'; '@' the next of `values` */
    unsigned modes;           /* OPTIONS_IN() of the modes it applies in */
    options_setter set;       /* NULL for a flag */
    size_t flag;              /* a flag: offsetof the int it sets to 1; 0: none */
    options_mode selects;     /* the mode it asks for; OPTIONS_MODE_DEFAULT: none */
    options_section section;  /* of --help */
    options_slot slot;
    double values[OPTIONS_HELP_VALUES];   /* the constants its help prints */
} options_row;

#define OPTIONS_FLAG(field) offsetof(options, field)

static const options_row options_table[] = {
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
      NULL, OPTIONS_FLAG(json), OPTIONS_MODE_DEFAULT, OPTIONS_SEC_REPORTS, OPTIONS_SLOT_NONE,
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
    { 'h', "help", NULL, "show this help and exit", OPTIONS_IN(OPTIONS_MODE_HELP),
      NULL, 0, OPTIONS_MODE_HELP, OPTIONS_SEC_OTHER, OPTIONS_SLOT_NONE, { 0 } },
    { 'V', "version", NULL, "show the version and exit", OPTIONS_IN(OPTIONS_MODE_VERSION),
      NULL, 0, OPTIONS_MODE_VERSION, OPTIONS_SEC_OTHER, OPTIONS_SLOT_NONE, { 0 } },
};

#define OPTIONS_ROWS (sizeof options_table / sizeof options_table[0])

static const char *const options_mode_names[OPTIONS_MODES] = {
    "the default report", "the footprint table", "a footprint", "the savings",
    "the interactive front end", "the fit", "the model list", "the device list",
    "the format list", "the host report", "--scan", "--help", "--version",
};

static const char *const options_section_titles[OPTIONS_SEC_COUNT] = {
    "Model and precision:", "Reports:",
    "Hardware fit (weights + KV cache + runtime overhead):", "",
};

/* One parse: each row given, in the order first given, as it was spelled
 * ("-p" or "--params"), and the first row of each slot and mode. */
typedef struct {
    options *o;
    char spelled[OPTIONS_ROWS][OPTIONS_SPELLED_SIZE];
    size_t order[OPTIONS_ROWS], ngiven;
    int given[OPTIONS_ROWS];
    int slot_row[OPTIONS_SLOT_COUNT];   /* row index + 1; 0: none yet */
    int mode_row[OPTIONS_MODES];
} options_state;

size_t options_count(void)
{
    return OPTIONS_ROWS;
}

const char *options_long_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].long_name : NULL;
}

char options_short_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].short_name : 0;
}

const char *options_arg_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].arg_name : NULL;
}

/* Row k given as `word` ("-p" or the canonical "--params") with value arg. */
static int options_apply(options_state *st, size_t k, const char *word, const char *arg,
                         char *err, size_t errsize)
{
    const options_row *r = &options_table[k];
    int *first = &st->slot_row[r->slot];

    if (r->slot != OPTIONS_SLOT_NONE && r->slot != OPTIONS_SLOT_DEVICE && *first != 0) {
        if ((size_t)(*first - 1) == k)
            (void)snprintf(err, errsize, "give %s once", word);
        else
            (void)snprintf(err, errsize, "give %s or %s, not both",
                           st->spelled[*first - 1], word);
        return -1;
    }
    if (*first == 0)
        *first = (int)k + 1;
    if (!st->given[k]++) {
        (void)snprintf(st->spelled[k], sizeof st->spelled[k], "%s", word);
        st->order[st->ngiven++] = k;
    }
    if (st->mode_row[r->selects] == 0)
        st->mode_row[r->selects] = (int)k + 1;
    if (r->flag != 0)
        *(int *)(void *)((char *)st->o + r->flag) = 1;
    return r->set != NULL ? r->set(st->o, arg, err, errsize) : 0;
}

/* The value of row k (its word as typed quoted in q): attached, or the
 * next word. */
static int options_value(options_state *st, size_t k, const char *word, const char *q,
                         const char *attached, int argc, char **argv, int *i, char *err,
                         size_t errsize)
{
    if (attached != NULL)
        return options_apply(st, k, word, attached, err, errsize);
    if (*i + 1 >= argc) {
        (void)snprintf(err, errsize, "option '%s' needs a value: %s %s", q, word,
                       options_table[k].arg_name);
        return -1;
    }
    return options_apply(st, k, word, argv[++*i], err, errsize);
}

/* "--name", "--name=value" or "--name value" at argv[*i]; a unique prefix
 * of a name stands for it. */
static int options_long(options_state *st, int argc, char **argv, int *i, char *err,
                        size_t errsize)
{
    const char *w = argv[*i], *name = w + 2, *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name), k, found = 0, matches = 0;
    char typed[OPTIONS_WORD_SIZE], q[QUOTE_SIZE], qw[QUOTE_SIZE], word[OPTIONS_SPELLED_SIZE];

    (void)snprintf(typed, sizeof typed, "%.*s", (int)(len + 2 < sizeof typed ? len + 2
                                                                          : sizeof typed), w);
    (void)quote_value(q, sizeof q, typed);
    for (k = 0; k < OPTIONS_ROWS && len > 0; k++) {
        if (strncmp(options_table[k].long_name, name, len) != 0)
            continue;
        if (options_table[k].long_name[len] == '\0') {
            found = k;
            matches = 1;
            break;
        }
        if (matches++ == 0)
            found = k;
    }
    if (matches == 0) {
        (void)snprintf(err, errsize, "unknown option '%s' (see quantscope --help)", q);
        return -1;
    }
    if (matches > 1) {
        (void)snprintf(err, errsize, "option '%s' is ambiguous:", q);
        for (k = 0, matches = 0; k < OPTIONS_ROWS; k++) {
            size_t used = strlen(err);

            if (strncmp(options_table[k].long_name, name, len) == 0)
                (void)snprintf(err + used, errsize - used, "%s --%s", matches++ > 0 ? "," : "",
                               options_table[k].long_name);
        }
        return -1;
    }
    (void)snprintf(word, sizeof word, "--%s", options_table[found].long_name);
    if (options_table[found].arg_name != NULL)
        return options_value(st, found, word, q, eq != NULL ? eq + 1 : NULL, argc, argv, i,
                             err, errsize);
    if (eq == NULL)
        return options_apply(st, found, word, NULL, err, errsize);
    (void)snprintf(err, errsize, "option '%s' takes no value (got '%s')", q,
                   quote_value(qw, sizeof qw, w));
    return -1;
}

/* An ASCII letter or digit: what a short option may be; for anything else
 * (a UTF-8 byte, punctuation) the message names the whole word. */
static int options_is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* "-x", "-xVALUE", "-x VALUE" or flags clustered as "-tj" at argv[*i]. */
static int options_short(options_state *st, int argc, char **argv, int *i, char *err,
                         size_t errsize)
{
    const char *w = argv[*i];
    char word[] = "-?", q[QUOTE_SIZE], qw[QUOTE_SIZE];
    size_t j, k;

    (void)quote_value(qw, sizeof qw, w);
    for (j = 1; w[j] != '\0'; j++) {
        int cluster = j > 1 || w[j + 1] != '\0';

        for (k = 0; k < OPTIONS_ROWS && options_table[k].short_name != w[j]; k++)
            ;
        word[1] = w[j];
        (void)quote_value(q, sizeof q, word);
        if (w[j] == '=' && j > 1) {
            (void)snprintf(err, errsize, "option '-%c' takes no value (got '%s')", w[j - 1], qw);
            return -1;
        }
        if (k == OPTIONS_ROWS && !options_is_letter(w[j])) {
            (void)snprintf(err, errsize, "unknown option '%s' (see quantscope --help)", qw);
            return -1;
        }
        if (k == OPTIONS_ROWS) {
            (void)snprintf(err, errsize, "unknown option '%s'%s%s%s (see quantscope --help)", q,
                           cluster ? " in '" : "", cluster ? qw : "", cluster ? "'" : "");
            return -1;
        }
        if (options_table[k].arg_name != NULL)
            return options_value(st, k, word, q, w[j + 1] != '\0' ? w + j + 1 : NULL, argc,
                                 argv, i, err, errsize);
        if (options_apply(st, k, word, NULL, err, errsize) != 0)
            return -1;
    }
    return 0;
}

/* The first of the modes lo..hi asked for: -1 when none is, -2 when two
 * are (err set, `what` says what to choose). */
static int options_one_of(const options_state *st, options_mode lo, options_mode hi,
                          const char *what, char *err, size_t errsize)
{
    int m, found = -1;

    for (m = (int)lo; m <= (int)hi; m++) {
        if (st->mode_row[m] == 0)
            continue;
        if (found >= 0) {
            (void)snprintf(err, errsize, "%s and %s do not go together (%s)",
                           st->spelled[st->mode_row[found] - 1], st->spelled[st->mode_row[m] - 1],
                           what);
            return -2;
        }
        found = m;
    }
    return found;
}

/* "--all-formats goes with --table": the options that ask for a mode in
 * row r's mask. */
static int options_goes_with(const options_state *st, size_t given, char *err, size_t errsize)
{
    const options_row *r = &options_table[given];
    size_t k, n = 0, len;

    (void)snprintf(err, errsize, "%s goes with", st->spelled[given]);
    for (k = 0; k < OPTIONS_ROWS; k++) {
        len = strlen(err);
        if (options_table[k].selects != OPTIONS_MODE_DEFAULT &&
            (r->modes & OPTIONS_IN(options_table[k].selects)))
            (void)snprintf(err + len, errsize - len, "%s --%s", n++ > 0 ? " or" : "",
                           options_table[k].long_name);
    }
    return -1;
}

/* Picks the mode (--help, --version; a list; -i; the fit; one report; the
 * default), then checks that every option given applies in it. */
static int options_settle(options_state *st, char *err, size_t errsize)
{
    options *o = st->o;
    int m;
    size_t i;

    if (st->mode_row[OPTIONS_MODE_HELP] || st->mode_row[OPTIONS_MODE_VERSION]) {
        o->mode = st->mode_row[OPTIONS_MODE_HELP] ? OPTIONS_MODE_HELP : OPTIONS_MODE_VERSION;
        return 0;
    }
    m = options_one_of(st, OPTIONS_MODE_LIST_MODELS, OPTIONS_MODE_SCAN,
                       "--list-models, --list-devices, --list-formats, --host and --scan "
                       "stand alone", err, errsize);
    if (m == -1 && st->mode_row[OPTIONS_MODE_INTERACTIVE])
        m = OPTIONS_MODE_INTERACTIVE;
    else if (m == -1 && st->mode_row[OPTIONS_MODE_FIT])
        m = OPTIONS_MODE_FIT;
    else if (m == -1)
        m = options_one_of(st, OPTIONS_MODE_TABLE, OPTIONS_MODE_SAVINGS,
                           "choose one report: --table, -b/-f or --from/--to", err, errsize);
    if (m == -2)
        return -1;
    o->mode = m < 0 ? OPTIONS_MODE_DEFAULT : (options_mode)m;
    for (i = 0; i < st->ngiven; i++) {
        size_t k = st->order[i];

        if (options_table[k].modes & OPTIONS_IN(o->mode))
            continue;
        if (o->mode == OPTIONS_MODE_DEFAULT)
            return options_goes_with(st, k, err, errsize);
        (void)snprintf(err, errsize, "%s does not apply to %s (%s)", st->spelled[k],
                       options_mode_names[o->mode], st->spelled[st->mode_row[o->mode] - 1]);
        return -1;
    }
    if (o->mode == OPTIONS_MODE_SAVINGS && o->have_from != o->have_to) {
        (void)snprintf(err, errsize, "%s needs %s as well (e.g. --from fp16 --to q4_k_m)",
                       o->have_from ? "--from" : "--to", o->have_from ? "--to" : "--from");
        return -1;
    }
    return 0;
}

int options_parse(int argc, char **argv, options *o, char *err, size_t errsize)
{
    options_state st;
    const char *strays[OPTIONS_STRAYS_MAX];
    int i, rc, nstray = 0;

    memset(o, 0, sizeof *o);
    query_init(&o->query);
    memset(&st, 0, sizeof st);
    st.o = o;
    for (i = 1; i < argc; i++) {
        const char *w = argv[i];

        if (strcmp(w, "--") == 0) {
            /* Every word after it is not an option. */
            for (i++; i < argc; i++, nstray++)
                if (nstray < OPTIONS_STRAYS_MAX)
                    strays[nstray] = argv[i];
            break;
        }
        if (w[0] != '-' || w[1] == '\0') {
            if (nstray < OPTIONS_STRAYS_MAX)
                strays[nstray] = argv[i];
            nstray++;
            continue;
        }
        rc = w[1] == '-' ? options_long(&st, argc, argv, &i, err, errsize)
                         : options_short(&st, argc, argv, &i, err, errsize);
        if (rc != 0)
            return -1;
    }
    if (options_settle(&st, err, errsize) != 0)
        return -1;
    return optval_words(o, strays, nstray, err, errsize);
}

int options_resolve(options *o, const models_catalog *c, char *err, size_t errsize)
{
    if (o->mode == OPTIONS_MODE_HELP || o->mode == OPTIONS_MODE_VERSION)
        return 0;
    if (optval_rig_resolve(o, err, errsize) != 0 || optshape_resolve(o, c, err, errsize) != 0)
        return -1;
    return optval_rig_apply(o, err, errsize);
}

/* One row of --help: "  -p, --params SIZE     text", the text's lines
 * after the first indented to OPTIONS_HELP_COLUMN, each '@' replaced by the
 * next of the row's values. */
static void options_usage_row(FILE *fp, const options_row *r)
{
    char head[OPTIONS_HEAD_SIZE], num[OPTIONS_NUM_SIZE];
    const char *c;
    size_t v = 0;

    (void)snprintf(head, sizeof head, "  %c%c%s--%s%s%s", r->short_name ? '-' : ' ',
                   r->short_name ? r->short_name : ' ', r->short_name ? ", " : "  ",
                   r->long_name, r->arg_name != NULL ? " " : "",
                   r->arg_name != NULL ? r->arg_name : "");
    (void)fprintf(fp, "%-*s", OPTIONS_HELP_COLUMN, head);
    if (strlen(head) >= (size_t)OPTIONS_HELP_COLUMN)
        (void)fprintf(fp, "\n%*s", OPTIONS_HELP_COLUMN, "");
    for (c = r->help; *c != '\0'; c++) {
        if (*c == '\n')
            (void)fprintf(fp, "\n%*s", OPTIONS_HELP_COLUMN, "");
        else if (*c == OPTIONS_HELP_VALUE && v < OPTIONS_HELP_VALUES)
            (void)fputs(optval_num(num, sizeof num, r->values[v++]), fp);
        else
            (void)fputc(*c, fp);
    }
    (void)fputc('\n', fp);
}

void options_usage(FILE *fp)
{
    size_t s, k;

    options_help_intro(fp);
    for (s = 0; s < OPTIONS_SEC_COUNT; s++) {
        (void)fprintf(fp, "\n%s%s", options_section_titles[s],
                      options_section_titles[s][0] != '\0' ? "\n" : "");
        for (k = 0; k < OPTIONS_ROWS; k++)
            if ((size_t)options_table[k].section == s)
                options_usage_row(fp, &options_table[k]);
    }
    options_help_outro(fp);
}
