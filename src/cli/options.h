/* options.h - the command line: one table of options that builds a query.
 *
 * Layer: cli. Every option is one row of the table in options.c (short
 * name, long name, argument, help text, the modes it applies in, and how it
 * sets the query); --help and the checks are made from that table.
 * options_parse() validates every value before anything is printed, so a
 * usage error never leaves half a report on stdout. */
#ifndef QS_OPTIONS_H
#define QS_OPTIONS_H

#include <stddef.h>
#include <stdio.h>

#include "cli/options_types.h"

#define OPTIONS_ERROR_SIZE 256

/* Parses argv into *o. Returns 0 on success; -1 on a usage error, with a
 * one-line message (no program name, no newline) in err that names the
 * exact word at fault and what is accepted. */
int options_parse(int argc, char **argv, options *o, char *err, size_t errsize);

/* Then, with every catalog loaded (the built-in one and a user's): parses
 * the rigs --device named (optval_rig_resolve), looks -p up in c and makes
 * the shape of a bare size (optshape_resolve), then applies --nodes and
 * --tensor-split to the targets (optval_rig_apply). Returns
 * 0, or -1 with one line in err. Nothing to do for --help and --version. */
int options_resolve(options *o, const models_catalog *c, char *err, size_t errsize);

/* Writes the --help text (made from the table; defaults printed from the
 * constants the code uses) to fp. */
void options_usage(FILE *fp);

/* The option table, for the test that compares it with the man page: the
 * number of rows, and row i's long name (without "--"), its short letter
 * (0 when none) and its argument name (NULL when it takes none); NULL /
 * 0 past the end. */
size_t options_count(void);
const char *options_long_name(size_t i);
char options_short_name(size_t i);
const char *options_arg_name(size_t i);

#endif
