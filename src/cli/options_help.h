/* options_help.h - the fixed parts of --help: what comes before the option
 * table's rows and what comes after them.
 *
 * Layer: cli, used by options.c (options_usage), which prints the rows
 * from its table between the two. Write errors show in ferror(fp). */
#ifndef QS_OPTIONS_HELP_H
#define QS_OPTIONS_HELP_H

#include <stdio.h>

/* The usage lines and what quantscope does, the default size from
 * QUERY_DEFAULT_PARAMS. */
void options_help_intro(FILE *fp);

/* The notes, the exit statuses and the examples. */
void options_help_outro(FILE *fp);

#endif
