/* keyhelp.h - what the help overlay, the footer and the man page say of
 * the keys, made from the binding table (actions.h).
 *
 * Layer 2 (app): pure. */
#ifndef QS_KEYHELP_H
#define QS_KEYHELP_H

#include <stddef.h>

#include "app/actions.h"

/* The help lines of mode m: how many there are, and line i's keys (every
 * key bound to the action in that mode, e.g. "Left h") and what it does
 * (numbers taken from the constants). Return 0, or -1 past the end. */
size_t keyhelp_count(app_mode m);
int keyhelp_line(app_mode m, size_t i, char *keys, size_t keys_size, char *text,
                      size_t text_size);

/* The footer hint for the main screen's focus f (or for mode m when it is
 * not APP_MODE_MAIN): "key word" pairs of the actions that matter there,
 * written to buf. */
const char *keyhelp_footer(app_mode m, app_focus f, char *buf, size_t size);

/* A binding's key as the help shows it ("Shift+Left", "0-9 ."); "" for an
 * alias the help does not list. */
void keyhelp_label(const app_binding *b, char *buf, size_t size);

#endif
