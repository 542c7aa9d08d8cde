/* reproduce.h - the quantscope command line that reproduces a question.
 *
 * Layer: cli. For the front end's exit (printed once the terminal is
 * restored, so that a slide or a ticket can reproduce the screen) and for
 * tests: the model (its catalog id, a size, or the file path as given),
 * the weights (-f NAME or -b BITS), the baseline when it is not FP16, the
 * context, batch, KV type, overhead and the targets (--device, a rig's
 * spec) with the runtime when chosen, each only when not the default;
 * words that need quoting are shell-quoted. */
#ifndef QS_REPRODUCE_H
#define QS_REPRODUCE_H

#include <stddef.h>

#include "model/query.h"

/* Room for a command. */
#define REPRODUCE_SIZE 1024

/* Writes the command for q into buf. Returns 0, or -1 when it does not
 * fit in size (buf then holds "" ). */
int reproduce_command(char *buf, size_t size, const qs_query *q);

#endif
