/* st_msg.h - one-line messages of the safetensors and config.json readers.
 *
 * Layer: files (pure). A message quotes tensor names, JSON keys and the
 * JSON parser's own text, all of which come from the user's file: each
 * byte that could reach a terminal as a control (below a space, DEL and
 * above) is shown as '?', so the message stays one printable line. */
#ifndef QS_ST_MSG_H
#define QS_ST_MSG_H

#include <stddef.h>

/* ASCII space and DEL: the printable range is [space, DEL). */
#define ST_MSG_SPACE 0x20
#define ST_MSG_DEL 0x7f

/* Writes "PATH: " and the printf-style rest into err, then replaces every
 * non-printable byte with '?'. Returns -1 (for `return st_msg_fail(...)`). */
int st_msg_fail(char *err, size_t errsize, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Replaces every non-printable byte of s with '?'. */
void st_msg_clean(char *s);

#endif
