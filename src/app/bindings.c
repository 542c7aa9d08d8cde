/* bindings.c - the keys bound to the actions in each mode (actions.h):
 * one table, read by the lookup, the help, the footer and the man page
 * test. */
#include <string.h>

#include "app/actions.h"

/* The keys every mode shares come first in each mode's list. */
#define BINDINGS_QUIT_KEYS(m)                                                                  \
    { m, IN_KEY_CTRL_C, NULL, 0, ACT_QUIT, NULL }, { m, IN_KEY_F10, NULL, 0, ACT_QUIT, NULL }, \
    { m, IN_KEY_CTRL_L, NULL, 0, ACT_REPAINT, NULL }

static const app_binding bindings_table[] = {
    /* the main screen */
    { APP_MODE_MAIN, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_MAIN),
    { APP_MODE_MAIN, IN_KEY_CHAR, "?", 0, ACT_HELP, NULL },
    { APP_MODE_MAIN, IN_KEY_F1, NULL, 0, ACT_HELP, NULL },
    { APP_MODE_MAIN, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_MAIN, IN_KEY_LEFT, NULL, 0, ACT_STEP_DOWN, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "h", 0, ACT_STEP_DOWN, NULL },
    { APP_MODE_MAIN, IN_KEY_RIGHT, NULL, 0, ACT_STEP_UP, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "l", 0, ACT_STEP_UP, NULL },
    { APP_MODE_MAIN, IN_KEY_PGDN, NULL, 0, ACT_NAMED_DOWN, NULL },
    { APP_MODE_MAIN, IN_KEY_LEFT, NULL, IN_MOD_SHIFT, ACT_NAMED_DOWN, "Shift/Ctrl+Left" },
    { APP_MODE_MAIN, IN_KEY_LEFT, NULL, IN_MOD_CTRL, ACT_NAMED_DOWN, "" },
    { APP_MODE_MAIN, IN_KEY_CHAR, "H", 0, ACT_NAMED_DOWN, NULL },
    { APP_MODE_MAIN, IN_KEY_PGUP, NULL, 0, ACT_NAMED_UP, NULL },
    { APP_MODE_MAIN, IN_KEY_RIGHT, NULL, IN_MOD_SHIFT, ACT_NAMED_UP, "Shift/Ctrl+Right" },
    { APP_MODE_MAIN, IN_KEY_RIGHT, NULL, IN_MOD_CTRL, ACT_NAMED_UP, "" },
    { APP_MODE_MAIN, IN_KEY_CHAR, "L", 0, ACT_NAMED_UP, NULL },
    { APP_MODE_MAIN, IN_KEY_HOME, NULL, 0, ACT_HOME, NULL },
    { APP_MODE_MAIN, IN_KEY_END, NULL, 0, ACT_END, NULL },
    { APP_MODE_MAIN, IN_KEY_TAB, NULL, 0, ACT_FOCUS_NEXT, NULL },
    { APP_MODE_MAIN, IN_KEY_BTAB, NULL, 0, ACT_FOCUS_PREV, NULL },
    { APP_MODE_MAIN, IN_KEY_UP, NULL, 0, ACT_UP, NULL },
    { APP_MODE_MAIN, IN_KEY_DOWN, NULL, 0, ACT_DOWN, NULL },
    { APP_MODE_MAIN, IN_KEY_ENTER, NULL, 0, ACT_ENTER, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "0123456789.", 0, ACT_TYPE_VALUE, "0-9 ." },
    { APP_MODE_MAIN, IN_KEY_CHAR, "m", 0, ACT_PICKER, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "/", 0, ACT_SEARCH, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "b", 0, ACT_BASELINE, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "k", 0, ACT_KV, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "t", 0, ACT_TABLE, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "e", 0, ACT_RIG, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "r", 0, ACT_RUNTIME, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "C", 0, ACT_COMMAND, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "c", 0, ACT_CLASSIC, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "T", 0, ACT_THEME, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "p", 0, ACT_PIN, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "d", 0, ACT_ROUNDING, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "a", 0, ACT_DEVICE_ADD, NULL },
    { APP_MODE_MAIN, IN_KEY_CHAR, "x", 0, ACT_DEVICE_REMOVE, NULL },
    /* a value being typed; any other key drops it and acts as on the main
     * screen (actions_lookup) */
    BINDINGS_QUIT_KEYS(APP_MODE_ENTRY),
    { APP_MODE_ENTRY, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_ENTRY, IN_KEY_ENTER, NULL, 0, ACT_ENTRY_APPLY, NULL },
    { APP_MODE_ENTRY, IN_KEY_BACKSPACE, NULL, 0, ACT_ENTRY_EDIT, NULL },
    { APP_MODE_ENTRY, IN_KEY_CHAR, "0123456789.kK", 0, ACT_ENTRY_TEXT, "0-9 . k" },
    /* the model picker */
    BINDINGS_QUIT_KEYS(APP_MODE_PICKER),
    { APP_MODE_PICKER, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_PICKER, IN_KEY_CHAR, NULL, 0, ACT_PICK_TEXT, "text" },
    { APP_MODE_PICKER, IN_KEY_BACKSPACE, NULL, 0, ACT_PICK_EDIT, NULL },
    { APP_MODE_PICKER, IN_KEY_UP, NULL, 0, ACT_PICK_UP, NULL },
    { APP_MODE_PICKER, IN_KEY_BTAB, NULL, 0, ACT_PICK_UP, NULL },
    { APP_MODE_PICKER, IN_KEY_DOWN, NULL, 0, ACT_PICK_DOWN, NULL },
    { APP_MODE_PICKER, IN_KEY_TAB, NULL, 0, ACT_PICK_DOWN, NULL },
    { APP_MODE_PICKER, IN_KEY_PGUP, NULL, 0, ACT_PICK_PAGE_UP, NULL },
    { APP_MODE_PICKER, IN_KEY_PGDN, NULL, 0, ACT_PICK_PAGE_DOWN, NULL },
    { APP_MODE_PICKER, IN_KEY_HOME, NULL, 0, ACT_PICK_FIRST, NULL },
    { APP_MODE_PICKER, IN_KEY_END, NULL, 0, ACT_PICK_LAST, NULL },
    { APP_MODE_PICKER, IN_KEY_ENTER, NULL, 0, ACT_PICK_CHOOSE, NULL },
    { APP_MODE_PICKER, IN_KEY_CTRL_F, NULL, 0, ACT_PICK_FITS, NULL },
    { APP_MODE_PICKER, IN_KEY_F2, NULL, 0, ACT_PICK_FITS, NULL },
    /* the table overlay */
    { APP_MODE_TABLE, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_TABLE),
    { APP_MODE_TABLE, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_TABLE, IN_KEY_CHAR, "t", 0, ACT_TABLE_CLOSE, NULL },
    { APP_MODE_TABLE, IN_KEY_CHAR, "k", 0, ACT_KV, NULL },
    { APP_MODE_TABLE, IN_KEY_UP, NULL, 0, ACT_TABLE_UP, NULL },
    { APP_MODE_TABLE, IN_KEY_DOWN, NULL, 0, ACT_TABLE_DOWN, NULL },
    { APP_MODE_TABLE, IN_KEY_PGUP, NULL, 0, ACT_TABLE_PAGE_UP, NULL },
    { APP_MODE_TABLE, IN_KEY_PGDN, NULL, 0, ACT_TABLE_PAGE_DOWN, NULL },
    { APP_MODE_TABLE, IN_KEY_HOME, NULL, 0, ACT_TABLE_FIRST, NULL },
    { APP_MODE_TABLE, IN_KEY_END, NULL, 0, ACT_TABLE_LAST, NULL },
    { APP_MODE_TABLE, IN_KEY_CHAR, "s", 0, ACT_TABLE_SORT, NULL },
    { APP_MODE_TABLE, IN_KEY_ENTER, NULL, 0, ACT_TABLE_APPLY, NULL },
    /* the help overlay: any other key closes it too (actions_lookup) */
    { APP_MODE_HELP, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_HELP),
    { APP_MODE_HELP, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_HELP, IN_KEY_CHAR, "?", 0, ACT_CANCEL, NULL },
    { APP_MODE_HELP, IN_KEY_F1, NULL, 0, ACT_CANCEL, NULL },
    /* the device prompt: every printable character is text */
    BINDINGS_QUIT_KEYS(APP_MODE_DEVICE),
    { APP_MODE_DEVICE, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_DEVICE, IN_KEY_ENTER, NULL, 0, ACT_DEVICE_APPLY, NULL },
    { APP_MODE_DEVICE, IN_KEY_BACKSPACE, NULL, 0, ACT_DEVICE_EDIT, NULL },
    { APP_MODE_DEVICE, IN_KEY_CHAR, NULL, 0, ACT_DEVICE_TEXT, "text" },
    /* the command box */
    { APP_MODE_COMMAND, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_COMMAND),
    { APP_MODE_COMMAND, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_COMMAND, IN_KEY_CHAR, "C", 0, ACT_CANCEL, NULL },
    { APP_MODE_COMMAND, IN_KEY_CHAR, "r", 0, ACT_RUNTIME, NULL },
    /* the lesson walk */
    { APP_MODE_LESSON, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_LESSON),
    { APP_MODE_LESSON, IN_KEY_CHAR, " ", 0, ACT_LESSON_NEXT, "Space" },
    { APP_MODE_LESSON, IN_KEY_RIGHT, NULL, 0, ACT_LESSON_NEXT, NULL },
    { APP_MODE_LESSON, IN_KEY_CHAR, "l", 0, ACT_LESSON_NEXT, "" },
    { APP_MODE_LESSON, IN_KEY_LEFT, NULL, 0, ACT_LESSON_PREV, NULL },
    { APP_MODE_LESSON, IN_KEY_BACKSPACE, NULL, 0, ACT_LESSON_PREV, NULL },
    { APP_MODE_LESSON, IN_KEY_CHAR, "h", 0, ACT_LESSON_PREV, "" },
    { APP_MODE_LESSON, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_LESSON, IN_KEY_CHAR, "T", 0, ACT_THEME, NULL },
    { APP_MODE_LESSON, IN_KEY_CHAR, "?", 0, ACT_HELP, NULL },
    { APP_MODE_LESSON, IN_KEY_F1, NULL, 0, ACT_HELP, NULL },
    /* the rounding panel */
    { APP_MODE_ROUNDING, IN_KEY_CHAR, "q", 0, ACT_QUIT, NULL },
    BINDINGS_QUIT_KEYS(APP_MODE_ROUNDING),
    { APP_MODE_ROUNDING, IN_KEY_ESC, NULL, 0, ACT_CANCEL, NULL },
    { APP_MODE_ROUNDING, IN_KEY_CHAR, "d", 0, ACT_ROUNDING, NULL },
    { APP_MODE_ROUNDING, IN_KEY_LEFT, NULL, 0, ACT_STEP_DOWN, NULL },
    { APP_MODE_ROUNDING, IN_KEY_RIGHT, NULL, 0, ACT_STEP_UP, NULL },
    { APP_MODE_ROUNDING, IN_KEY_PGDN, NULL, 0, ACT_NAMED_DOWN, NULL },
    { APP_MODE_ROUNDING, IN_KEY_PGUP, NULL, 0, ACT_NAMED_UP, NULL },
};

#define BINDINGS_N (sizeof bindings_table / sizeof bindings_table[0])

/* 1 when binding b matches ev. A character binding with chars NULL matches
 * any printable character; Shift is part of a character, not a modifier. */
static int bindings_matches(const app_binding *b, const in_event *ev)
{
    int mods = ev->mods;

    if (b->key != ev->key)
        return 0;
    if (ev->key == IN_KEY_CHAR) {
        mods &= ~IN_MOD_SHIFT;
        if (b->chars != NULL && (ev->ch == '\0' || strchr(b->chars, ev->ch) == NULL))
            return 0;
    }
    return mods == b->mods;
}

/* The text actions a paste may reach: nothing else runs from a paste. */
static int bindings_takes_paste(app_action_id a)
{
    return a == ACT_ENTRY_TEXT || a == ACT_PICK_TEXT || a == ACT_DEVICE_TEXT ||
           a == ACT_TYPE_VALUE;
}

app_action_id actions_lookup(app_mode m, const in_event *ev)
{
    const app_binding *any = NULL;
    size_t i;

    for (i = 0; i < BINDINGS_N; i++) {
        const app_binding *b = &bindings_table[i];

        if (b->mode != m || !bindings_matches(b, ev))
            continue;
        if (b->key == IN_KEY_CHAR && b->chars == NULL) {
            any = b;                   /* only when nothing more specific is */
            continue;
        }
        if (ev->paste && !bindings_takes_paste(b->action))
            break;                     /* never a command: only text below */
        return b->action;
    }
    if (any != NULL)
        return any->action;
    if (ev->paste && ev->key == IN_KEY_CHAR && m == APP_MODE_MAIN)
        return ACT_TYPE_VALUE;         /* a paste on a value starts an entry */
    return ACT_COUNT;
}

size_t actions_binding_count(void)
{
    return BINDINGS_N;
}

const app_binding *actions_binding(size_t i)
{
    return i < BINDINGS_N ? &bindings_table[i] : NULL;
}

