/* reproduce.h - the quantscope command line that reproduces a question.
 *
 * Layer: cli. For the front end's exit (printed once the terminal is
 * restored, so that a slide or a ticket can reproduce the screen) and for
 * tests: the model (-p with its catalog id or the file path as given,
 * --params for a bare size), the weights (-f NAME, or -b BITS; neither
 * for a file's own weights), the context (--ctx, always), the batch and
 * the KV cache type when not the default, the targets (--device: a rig's
 * spec, a size as typed, a catalog id), the runtime when one was chosen
 * and the theme when not the default; every word that needs it is
 * shell-quoted ('...', or $'\xHH' for a byte that is no printable ASCII). */
#ifndef QS_REPRODUCE_H
#define QS_REPRODUCE_H

#include <stddef.h>

#include "model/query.h"

/* Room for a command. */
#define REPRODUCE_SIZE 1024

/* Writes the command for q into buf. Returns 0, or -1 when it does not
 * fit in size (buf then holds "" ). */
int reproduce_command(char *buf, size_t size, const qs_query *q);

/* reproduce_command with the front end's theme: --theme NAME unless NAME
 * is NULL or "default". */
int reproduce_command_theme(char *buf, size_t size, const qs_query *q, const char *theme);

#endif
