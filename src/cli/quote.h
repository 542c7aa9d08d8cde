/* quote.h - a value from the command line or the environment, made safe to
 * print in a one-line message.
 *
 * Layer: cli (pure: no I/O; reads only the locale's MB_CUR_MAX). Used for
 * usage errors (options.c), $TERM in terminal messages (main.c) and any
 * other outside value a message repeats. */
#ifndef QS_QUOTE_H
#define QS_QUOTE_H

#include <stddef.h>

/* Most characters of a value kept; a longer one is cut and ends in
 * QUOTE_CUT_MARK. */
#define QUOTE_MAX_CHARS 48
#define QUOTE_CUT_MARK "..."
/* Stands for each character that is not printed as it is. */
#define QUOTE_BAD_CHAR '?'
/* Longest UTF-8 encoding of one character (RFC 3629, section 3). */
#define QUOTE_UTF8_MAX 4
/* Room for QUOTE_MAX_CHARS characters of UTF-8, the cut mark and the NUL
 * (sizeof counts the mark's NUL). */
#define QUOTE_SIZE (QUOTE_MAX_CHARS * QUOTE_UTF8_MAX + sizeof QUOTE_CUT_MARK)

/* Copies value (NULL counts as "") into buf (size bytes) for printing: at
 * most QUOTE_MAX_CHARS characters, then QUOTE_CUT_MARK when some were left
 * off. Each of these becomes one QUOTE_BAD_CHAR, and counts as a character:
 * C0 controls and DEL; C1 controls U+0080..U+009F, as raw bytes 0x80..0x9f
 * or as UTF-8 (C2 80..C2 9F); the Unicode line and paragraph separators
 * and bidirectional controls (U+200E, U+200F, U+2028..U+202E,
 * U+2066..U+2069), which would break or reorder the line; each maximal
 * invalid piece of UTF-8 (a stray continuation byte, a cut-off sequence,
 * an overlong form, a surrogate, a code point above U+10FFFF, the bytes
 * C0, C1, F5..FF). Valid printable UTF-8 is kept. When the locale is not
 * multibyte (MB_CUR_MAX == 1), every byte >= 0x80 is a QUOTE_BAD_CHAR.
 * With size < QUOTE_SIZE it keeps fewer characters, cut on a character
 * boundary, with the mark when there is room for it. Returns buf (a
 * constant "" when size is 0). */
const char *quote_value(char *buf, size_t size, const char *value);

#endif
