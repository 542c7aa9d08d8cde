/* actions.h - every action of the front end, declared once, and the keys
 * bound to them in each mode.
 *
 * Layer 2 (app): pure. One table of actions (id, name, handler, help text)
 * and one of bindings (mode, key, characters, modifiers, action), as vis'
 * config.def.h and tig's request list declare theirs. The help overlay,
 * the footer hints and the man page's key list are made from these tables
 * (tests/check_keys.c fails when the man page drifts); the handlers of the
 * rig, runtime, command and device actions are actions_rig.c's.
 * Conventions: q, F10 and Ctrl-C quit; Esc cancels an entry or closes an
 * overlay and never quits; ? and F1 open the help; / opens the model
 * search; Alt+key is no binding; pasted text only ever lands in an entry,
 * the filter or the device prompt. */
#ifndef QS_ACTIONS_H
#define QS_ACTIONS_H

#include <stddef.h>

#include "app/state.h"
#include "app/input.h"

typedef enum {
    APP_MODE_MAIN,             /* the main screen */
    APP_MODE_ENTRY,            /* a number being typed */
    APP_MODE_PICKER,           /* the model picker */
    APP_MODE_TABLE,            /* the table overlay */
    APP_MODE_HELP,             /* the help overlay */
    APP_MODE_DEVICE,           /* a device being typed (the prompt) */
    APP_MODE_COMMAND,          /* the command box */
    APP_MODE_LESSON,           /* the lesson walk (--lesson) */
    APP_MODE_ROUNDING,         /* the rounding panel */
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
    ACT_PICK_FITS,
    ACT_TABLE_UP,
    ACT_TABLE_DOWN,
    ACT_TABLE_PAGE_UP,
    ACT_TABLE_PAGE_DOWN,
    ACT_TABLE_FIRST,
    ACT_TABLE_LAST,
    ACT_TABLE_CLOSE,
    ACT_RIG,                   /* a rig's row per GPU: open / close */
    ACT_RUNTIME,               /* the next runtime */
    ACT_COMMAND,               /* the command box */
    ACT_DEVICE_ADD,            /* the prompt for a device */
    ACT_DEVICE_REMOVE,
    ACT_DEVICE_TEXT,
    ACT_DEVICE_EDIT,
    ACT_DEVICE_APPLY,
    /* Issue 12: the lesson (actions_lesson.c) and the views (actions_view.c). */
    ACT_CLASSIC,               /* the classic track: FP32 .. INT2 only */
    ACT_THEME,                 /* the next theme */
    ACT_LESSON_NEXT,           /* the lesson's next / previous stop */
    ACT_LESSON_PREV,
    ACT_PIN,                   /* pin the configuration / unpin */
    ACT_ROUNDING,              /* the rounding panel: open / close */
    ACT_TABLE_SORT,            /* the table's next sort order */
    ACT_TABLE_APPLY,           /* the table's row becomes the precision */
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
 * ACT_PICK_TEXT, ACT_DEVICE_TEXT, ACT_TYPE_VALUE). */
app_action_id actions_lookup(app_mode m, const in_event *ev);

/* Runs action a on s. */
void actions_run(app_state *s, app_action_id a, const in_event *ev);

/* A mode's name for the help and the man page: "main screen", ... */
const char *actions_mode_name(app_mode m);

/* A binding: in mode `mode`, key `key` (with `chars` for characters) and
 * modifiers `mods` run `action`. */
typedef struct {
    app_mode mode;
    in_key key;
    const char *chars;         /* IN_KEY_CHAR: the characters bound; NULL: any
                                  printable character not bound otherwise */
    int mods;                  /* modifiers that must be held (IN_MOD_*) */
    app_action_id action;
    const char *label;         /* how the help shows the key; NULL: made
                                  from key, chars and mods; "": an alias
                                  the help does not list */
} app_binding;

/* The bindings, in the order the help lists them; NULL past the end. */
size_t actions_binding_count(void);
const app_binding *actions_binding(size_t i);

/* An action's word for the footer, and its help line (numbers taken from
 * the constants they name). */
const char *actions_hint(app_action_id a);
void actions_help_text(app_action_id a, char *buf, size_t size);

#endif
