/* options.h - the command line: GNU-style options into one struct.
 *
 * Layer: cli. options_parse() validates every value before anything is
 * printed, so a usage error never leaves half a report on stdout. */
#ifndef QS_OPTIONS_H
#define QS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "model/devices.h"
#include "model/formats.h"
#include "model/models.h"

#define OPTIONS_MAX_DEVICES 8
#define OPTIONS_ERROR_SIZE 256

typedef enum {
    MODE_DEFAULT,       /* no report option: TUI on a terminal, else the table */
    MODE_TABLE,         /* --table */
    MODE_FOOTPRINT,     /* -b BITS or -f FORMAT */
    MODE_SAVINGS,       /* --from X --to Y */
    MODE_INTERACTIVE,   /* -i */
    MODE_FIT,           /* --device, --check, --fit or a fit option */
    MODE_LIST_MODELS,   /* --list-models */
    MODE_LIST_DEVICES,  /* --list-devices */
    MODE_LIST_FORMATS,  /* --list-formats */
    MODE_HOST,          /* --host */
    MODE_HELP,
    MODE_VERSION
} options_mode;

typedef struct {
    options_mode mode;
    double params;              /* -p: parameter count (7B by default) */
    const qs_model *preset;     /* -p named a preset; NULL for a bare size */
    double bits;                /* -b / -f */
    const qs_format *format;    /* -f, or -b given as a name */
    int have_bits;
    double from_bits, to_bits;  /* --from / --to */
    const qs_format *from_format, *to_format;
    int have_from, have_to;
    int all_formats;            /* --all-formats */
    int json;                   /* --json */
    /* the fit (issue 4) */
    long ctx;                   /* --ctx: context tokens */
    int batch;                  /* --batch: sequences */
    double kv_bits;             /* --kv-bits / --kv-format */
    double overhead_gib;        /* --overhead */
    double apple_share;         /* --apple-share; 0 = the catalog's default */
    qs_device devices[OPTIONS_MAX_DEVICES]; /* --device, in order */
    size_t ndevices;
    int check;                  /* --check: exit 1 when it does not fit */
} options;

/* Default parameter count when -p is not given: 7B. */
#define OPTIONS_DEFAULT_PARAMS 7e9
/* Default precision: FP16. */
#define OPTIONS_DEFAULT_BITS 16.0
/* The precision savings are measured from in the front end: FP16. */
#define OPTIONS_DEFAULT_BASELINE_BITS 16.0

/* Parses argv into *o. Returns 0 on success; -1 on a usage error, with a
 * one-line message (no program name, no newline) in err. */
int options_parse(int argc, char **argv, options *o, char *err, size_t errsize);

/* Writes the --help text to fp. */
void options_usage(FILE *fp);

#endif
