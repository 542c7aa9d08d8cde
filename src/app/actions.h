/* actions.h - every action of the front end, declared once, and the keys
 * bound to them in each mode.
 *
 * Layer 2 (app): pure. One table of actions (id, name, handler, help text)
 * and one of bindings (mode, key, characters, modifiers, action), as vis'
 * config.def.h and tig's request list declare theirs. The help overlay,
 * the footer hints and the man page's key list are made from these tables
 * (tests/check_keys.c fails when the man page drifts). Conventions: q, F10
 * and Ctrl-C quit; Esc cancels an entry or closes an overlay and never
 * quits; ? and F1 open the help; / opens the model search; Alt+key is no
 * binding; pasted text only ever lands in an entry or the filter. */
#ifndef QS_ACTIONS_H
#define QS_ACTIONS_H

#include <stddef.h>

#include "app/app.h"
#include "app/input.h"

typedef enum {
    APP_MODE_MAIN,             /* the main screen */
    APP_MODE_ENTRY,            /* a number being typed */
    APP_MODE_PICKER,           /* the model picker */
    APP_MODE_TABLE,            /* the table overlay */
    APP_MODE_HELP,             /* the help overlay */
    APP_MODE_COUNT
} app_mode;

typedef enum {
    ACT_QUIT,
    ACT_HELP,
    ACT_CANCEL,
    ACT_REPAINT,
    ACT_STEP_DOWN,
    ACT_STEP_UP,
    ACT_NAMED_DOWN,
    ACT_NAMED_UP,
    ACT_HOME,
    ACT_END,
    ACT_FOCUS_NEXT,
    ACT_FOCUS_PREV,
    ACT_UP,
    ACT_DOWN,
    ACT_ENTER,
    ACT_TYPE_VALUE,
    ACT_PICKER,
    ACT_SEARCH,
    ACT_BASELINE,
    ACT_KV,
    ACT_TABLE,
    ACT_ENTRY_TEXT,
    ACT_ENTRY_EDIT,
    ACT_ENTRY_APPLY,
    ACT_PICK_TEXT,
    ACT_PICK_EDIT,
    ACT_PICK_UP,
    ACT_PICK_DOWN,
    ACT_PICK_PAGE_UP,
    ACT_PICK_PAGE_DOWN,
    ACT_PICK_FIRST,
    ACT_PICK_LAST,
    ACT_PICK_CHOOSE,
    ACT_TABLE_UP,
    ACT_TABLE_DOWN,
    ACT_TABLE_PAGE_UP,
    ACT_TABLE_PAGE_DOWN,
    ACT_TABLE_FIRST,
    ACT_TABLE_LAST,
    ACT_TABLE_CLOSE,
    ACT_COUNT
} app_action_id;

/* Help lines longer than this are cut. */
#define ACTIONS_TEXT_MAX 96
/* A binding's key label, such as "Shift+Left" or "0-9 .". */
#define ACTIONS_LABEL_MAX 24

/* The mode the state is in (the open overlay, else an entry, else main). */
app_mode actions_mode(const app_state *s);

/* The action bound to ev in mode m; ACT_COUNT when none is. Pasted
 * characters only ever match the text actions (ACT_ENTRY_TEXT,
 * ACT_PICK_TEXT, ACT_TYPE_VALUE). */
app_action_id actions_lookup(app_mode m, const in_event *ev);

/* Runs action a on s. */
void actions_run(app_state *s, app_action_id a, const in_event *ev);

/* A mode's name for the help and the man page: "main screen", ... */
const char *actions_mode_name(app_mode m);

/* The help lines of mode m: how many there are, and line i's keys (every
 * key bound to the action in that mode, e.g. "Left h") and what it does
 * (numbers taken from the constants). Return 0, or -1 past the end. */
size_t actions_help_count(app_mode m);
int actions_help_line(app_mode m, size_t i, char *keys, size_t keys_size, char *text,
                      size_t text_size);

/* The footer hint for the main screen's focus f (or for mode m when it is
 * not APP_MODE_MAIN): "key word" pairs of the actions that matter there,
 * written to buf. */
const char *actions_footer(app_mode m, app_focus f, char *buf, size_t size);

#endif
