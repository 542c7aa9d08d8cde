/* options_types.h - what the command line asks: the mode and the query.
 *
 * Layer: cli. The type options_parse() (options.h) fills and the value
 * setters (optval.h) write into; apart from both so that neither includes
 * the other. */
#ifndef QS_OPTIONS_TYPES_H
#define QS_OPTIONS_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "model/theme.h"
#include "model/query.h"
#include "model/serve.h"

typedef enum {
    OPTIONS_MODE_DEFAULT,       /* no report option: TUI on a terminal, else the table */
    OPTIONS_MODE_TABLE,         /* --table */
    OPTIONS_MODE_FOOTPRINT,     /* -b BITS or -f FORMAT */
    OPTIONS_MODE_SAVINGS,       /* --from X --to Y */
    OPTIONS_MODE_INTERACTIVE,   /* -i */
    OPTIONS_MODE_FIT,           /* --device, --check, --fit or a fit option */
    OPTIONS_MODE_LIST_MODELS,   /* --list-models */
    OPTIONS_MODE_LIST_DEVICES,  /* --list-devices */
    OPTIONS_MODE_LIST_FORMATS,  /* --list-formats */
    OPTIONS_MODE_HOST,          /* --host */
    OPTIONS_MODE_SCAN,          /* --scan [DIR...]: the models found, by fit */
    OPTIONS_MODE_SERVE,         /* a workload option or --compare: the serving plan */
    OPTIONS_MODE_TRAIN,         /* --train: the fine-tuning memory */
    OPTIONS_MODE_ROUNDING,      /* --demo-rounding */
    OPTIONS_MODE_HELP,
    OPTIONS_MODE_VERSION
} options_mode;

/* The user's own shape for a bare size: --layers, --kv-heads, --head-dim,
 * --hidden, --vocab, --experts (0: not given). */
typedef struct {
    long layers, kv_heads, head_dim, hidden, vocab, experts, active;
} options_shape;

/* Folders one --scan takes. */
#define OPTIONS_SCAN_DIRS_MAX 16

/* Reads the model -p or a bare argument names from the user's files (a
 * path, hf:ORG/NAME, ollama:NAME[:TAG]) with at most max_header bytes of
 * header from each file: 0 with *out set (it lives as long as ctx), 1 when
 * arg names no file or store (the usual message follows), -1 with a
 * message in err. main.c sets it; NULL: no file is read. */
typedef int (*options_loader)(void *ctx, const char *arg, uint64_t max_header,
                              const qs_model **out, char *err, size_t errsize);

/* Room for the name of the user's shape ("custom, from Llama-2-7B"). */
#define OPTIONS_SHAPE_NAME_SIZE 96

typedef struct {
    options_mode mode;
    /* The question: model, weights (-b/-f, or --to), baseline (--from), the
     * fit options and the --device targets (this machine's devices are
     * added by main.c, which detects them). Starts from query_init(). */
    qs_query query;
    int have_bits;              /* -b or -f given */
    int have_from, have_to;     /* --from, --to given */
    int all_formats;            /* --all-formats */
    int json;                   /* --json */
    int check;                  /* --check: exit 1 when it does not fit */
    int tensors;                /* --tensors: a GGUF file's tensor groups */
    const char *model_arg;      /* -p (or the bare argument) as typed:
                                   options_resolve looks it up */
    uint64_t max_header;        /* --max-header: header bytes read from a file
                                   at most; 0: the default (FILES_BOUND_DEFAULT) */
    const char *scan_dirs[OPTIONS_SCAN_DIRS_MAX];   /* --scan's folders */
    size_t nscan_dirs;
    options_loader load;        /* set by the caller before options_resolve */
    void *load_ctx;
    const char *filter;         /* --list-models WORD */
    const char *catalog_path;   /* --catalog FILE */
    const char *family;         /* --family NAME */
    options_shape shape_arg;    /* as given */
    int have_shape;             /* some shape option given */
    /* Rigs and runtimes (issue 11), applied to the targets by
     * options_resolve (optval_rig_apply): --nodes N (0: not given) and
     * --tensor-split's proportions (ntensor_split 0: not given). */
    int nodes;
    double tensor_split[RIG_GPUS_MAX];
    int ntensor_split;
    const char *tensor_split_arg;   /* as typed, for a message */
    /* --print-command: with a fit report, the command that reproduces each
     * target's answer; with -i, the selected row's, printed on exit. */
    int print_command;
    /* Issue 12: --compare's formats (ncompare 0: not given) and its rule
     * (--max-quality-loss, percent); --markdown, --csv; --demo-rounding's
     * --seed (seed_given 0: the demo's own); --lesson and --theme. */
    const qs_format *compare[SERVE_COMPARE_MAX];
    size_t ncompare;
    double max_loss_pct;
    int markdown, csv;
    unsigned long seed;
    int seed_given;
    int lesson;
    qs_theme theme;
    int theme_given;
    /* The user's shape, made by options_resolve (the query points here). */
    qs_model shape;
    char shape_name[OPTIONS_SHAPE_NAME_SIZE];
} options;

#endif
