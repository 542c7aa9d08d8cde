/* options_row.h - the shape of the options table (options_table.c) that
 * the parser (options.c) reads: a row per option, the modes it applies
 * in, the slot it fills.
 *
 * Layer: cli. Private to options.c and options_table.c. */
#ifndef QS_OPTIONS_ROW_H
#define QS_OPTIONS_ROW_H

#include <stddef.h>

#include "cli/options_types.h"

/* In a help text, '@' stands for the row's next value (optval_num). */
#define OPTIONS_HELP_VALUES 2
/* Rows the table may hold (options_table.c asserts it at build time). */
#define OPTIONS_ROWS_MAX 96

/* The bit of a mode in a row's mask, and the masks rows share. */
#define OPTIONS_IN(m) (1u << (m))
#define OPTIONS_MODES (OPTIONS_MODE_VERSION + 1)
#define OPTIONS_LISTS \
    (OPTIONS_IN(OPTIONS_MODE_LIST_MODELS) | OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES) | \
     OPTIONS_IN(OPTIONS_MODE_LIST_FORMATS) | OPTIONS_IN(OPTIONS_MODE_HOST))
#define OPTIONS_REPORTS \
    (OPTIONS_IN(OPTIONS_MODE_DEFAULT) | OPTIONS_IN(OPTIONS_MODE_TABLE) | \
     OPTIONS_IN(OPTIONS_MODE_FOOTPRINT) | OPTIONS_IN(OPTIONS_MODE_SAVINGS))
/* The serving and fine-tuning plans take the fit's settings too. */
#define OPTIONS_PLANS (OPTIONS_IN(OPTIONS_MODE_SERVE) | OPTIONS_IN(OPTIONS_MODE_TRAIN))
#define OPTIONS_FIT (OPTIONS_IN(OPTIONS_MODE_FIT) | OPTIONS_IN(OPTIONS_MODE_INTERACTIVE) | \
                     OPTIONS_PLANS)
/* The fit's settings also shape --scan's verdicts. */
#define OPTIONS_FIT_SCAN (OPTIONS_FIT | OPTIONS_IN(OPTIONS_MODE_SCAN))
/* -p: every report, the fit and -i; -b/-f: a footprint, the fit and -i;
 * --from/--to: the savings and -i; --json: everything but -i. */
#define OPTIONS_P_MODES (OPTIONS_REPORTS | OPTIONS_FIT)
#define OPTIONS_B_MODES (OPTIONS_IN(OPTIONS_MODE_FOOTPRINT) | OPTIONS_FIT | \
                         OPTIONS_IN(OPTIONS_MODE_ROUNDING))
#define OPTIONS_S_MODES (OPTIONS_IN(OPTIONS_MODE_SAVINGS) | OPTIONS_IN(OPTIONS_MODE_INTERACTIVE))
#define OPTIONS_J_MODES (OPTIONS_REPORTS | OPTIONS_IN(OPTIONS_MODE_FIT) | OPTIONS_LISTS | \
                         OPTIONS_IN(OPTIONS_MODE_SCAN) | OPTIONS_PLANS | \
                         OPTIONS_IN(OPTIONS_MODE_ROUNDING))
/* --markdown and --csv: every report that is a table (not the footprint
 * of one precision, nor the savings, nor --host). */
#define OPTIONS_TAB_MODES \
    (OPTIONS_IN(OPTIONS_MODE_DEFAULT) | OPTIONS_IN(OPTIONS_MODE_TABLE) | \
     OPTIONS_IN(OPTIONS_MODE_FIT) | OPTIONS_IN(OPTIONS_MODE_LIST_MODELS) | \
     OPTIONS_IN(OPTIONS_MODE_LIST_DEVICES) | OPTIONS_IN(OPTIONS_MODE_LIST_FORMATS) | \
     OPTIONS_IN(OPTIONS_MODE_SCAN) | OPTIONS_PLANS | OPTIONS_IN(OPTIONS_MODE_ROUNDING))
/* The front end's own: --lesson, --theme (the default mode starts it on a
 * terminal). */
#define OPTIONS_TUI_MODES (OPTIONS_IN(OPTIONS_MODE_DEFAULT) | OPTIONS_IN(OPTIONS_MODE_INTERACTIVE))

typedef enum {
    OPTIONS_SEC_MODEL, OPTIONS_SEC_REPORTS, OPTIONS_SEC_FIT, OPTIONS_SEC_SERVE,
    OPTIONS_SEC_TRAIN, OPTIONS_SEC_LESSON, OPTIONS_SEC_OTHER, OPTIONS_SEC_COUNT
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
    OPTIONS_SLOT_RAM_BANDWIDTH, OPTIONS_SLOT_PRINT_COMMAND,
    OPTIONS_SLOT_LOAD, OPTIONS_SLOT_PEAK, OPTIONS_SLOT_PROMPT, OPTIONS_SLOT_OUTPUT,
    OPTIONS_SLOT_PRICE, OPTIONS_SLOT_COMPARE, OPTIONS_SLOT_MAX_LOSS, OPTIONS_SLOT_TRAIN,
    OPTIONS_SLOT_RANK, OPTIONS_SLOT_TARGETS, OPTIONS_SLOT_SEQ, OPTIONS_SLOT_MICRO_BATCH,
    OPTIONS_SLOT_CHECKPOINTING, OPTIONS_SLOT_OPTIMIZER, OPTIONS_SLOT_SEED, OPTIONS_SLOT_THEME,
    OPTIONS_SLOT_STYLE, OPTIONS_SLOT_COUNT
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


/* The table, its rows, and the names the messages and --help use. */
extern const options_row options_table[];
extern const size_t options_table_rows;
extern const char *const options_mode_names[OPTIONS_MODES];
extern const char *const options_section_titles[OPTIONS_SEC_COUNT];

#endif
