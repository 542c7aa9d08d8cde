/* keyhelp.c - the help lines, the footer hints and the key labels, all
 * made from the binding table (actions.c). */
#include <stdio.h>
#include <string.h>

#include "app/keyhelp.h"

/* A footer hint: the first key of one action, or of two ("Left/Right"),
 * and a word for what they do there (NULL: the action's own hint). */
typedef struct {
    app_action_id a, b;        /* b ACT_COUNT: one action */
    const char *word;
} keyhelp_hint;

/* The hints the footer gives for each focus of the main screen, and for
 * the other modes; a row ends at a = ACT_COUNT. */
#define KEYHELP_FOOTER_MAX 8
#define KEYHELP_END { ACT_COUNT, ACT_COUNT, NULL }
static const keyhelp_hint keyhelp_footer_main[APP_FOCUS_COUNT][KEYHELP_FOOTER_MAX] = {
    [APP_FOCUS_MODEL] = { { ACT_STEP_DOWN, ACT_STEP_UP, "model" },
                          { ACT_PICKER, ACT_COUNT, "pick" },
                          { ACT_SEARCH, ACT_COUNT, NULL }, { ACT_FOCUS_NEXT, ACT_COUNT, NULL },
                          { ACT_TABLE, ACT_COUNT, NULL }, { ACT_HELP, ACT_COUNT, NULL },
                          KEYHELP_END },
    [APP_FOCUS_SLIDER] = { { ACT_STEP_DOWN, ACT_STEP_UP, "step" },
                           { ACT_NAMED_DOWN, ACT_NAMED_UP, "named" },
                           { ACT_TYPE_VALUE, ACT_COUNT, "type" },
                           { ACT_FOCUS_NEXT, ACT_COUNT, NULL },
                           { ACT_TABLE, ACT_COUNT, NULL },
                           { ACT_HELP, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_FOCUS_BASELINE] = { { ACT_STEP_DOWN, ACT_STEP_UP, "base" },
                             { ACT_BASELINE, ACT_COUNT, "cycle" },
                             { ACT_TYPE_VALUE, ACT_COUNT, "type" },
                             { ACT_FOCUS_NEXT, ACT_COUNT, NULL }, { ACT_TABLE, ACT_COUNT, NULL },
                             { ACT_HELP, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_FOCUS_CONTEXT] = { { ACT_STEP_DOWN, ACT_STEP_UP, "halve/double" },
                            { ACT_TYPE_VALUE, ACT_COUNT, "type" }, { ACT_KV, ACT_COUNT, NULL },
                            { ACT_FOCUS_NEXT, ACT_COUNT, NULL }, { ACT_TABLE, ACT_COUNT, NULL },
                            { ACT_HELP, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_FOCUS_DEVICES] = { { ACT_UP, ACT_DOWN, "device" }, { ACT_RIG, ACT_COUNT, NULL },
                            { ACT_DEVICE_ADD, ACT_DEVICE_REMOVE, "add/remove" },
                            { ACT_RUNTIME, ACT_COUNT, NULL }, { ACT_COMMAND, ACT_COUNT, NULL },
                            { ACT_FOCUS_NEXT, ACT_COUNT, NULL },
                            { ACT_HELP, ACT_COUNT, NULL }, KEYHELP_END },
};
static const keyhelp_hint keyhelp_footer_modes[APP_MODE_COUNT][KEYHELP_FOOTER_MAX] = {
    [APP_MODE_MAIN] = { KEYHELP_END },
    [APP_MODE_ENTRY] = { { ACT_ENTRY_APPLY, ACT_COUNT, NULL }, { ACT_CANCEL, ACT_COUNT, NULL },
                         { ACT_ENTRY_EDIT, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_MODE_PICKER] = { { ACT_PICK_CHOOSE, ACT_COUNT, NULL }, { ACT_CANCEL, ACT_COUNT, NULL },
                          { ACT_PICK_UP, ACT_PICK_DOWN, NULL },
                          { ACT_PICK_FITS, ACT_COUNT, "fits only" }, KEYHELP_END },
    [APP_MODE_TABLE] = { { ACT_TABLE_UP, ACT_TABLE_DOWN, NULL },
                         { ACT_TABLE_APPLY, ACT_COUNT, NULL }, { ACT_TABLE_SORT, ACT_COUNT, NULL },
                         { ACT_KV, ACT_COUNT, NULL }, { ACT_TABLE_CLOSE, ACT_COUNT, NULL },
                         KEYHELP_END },
    [APP_MODE_HELP] = { { ACT_CANCEL, ACT_COUNT, NULL }, { ACT_QUIT, ACT_COUNT, NULL },
                        KEYHELP_END },
    [APP_MODE_DEVICE] = { { ACT_DEVICE_APPLY, ACT_COUNT, NULL }, { ACT_CANCEL, ACT_COUNT, NULL },
                          { ACT_DEVICE_EDIT, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_MODE_COMMAND] = { { ACT_CANCEL, ACT_COUNT, "close" }, { ACT_RUNTIME, ACT_COUNT, NULL },
                           { ACT_QUIT, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_MODE_LESSON] = { { ACT_LESSON_NEXT, ACT_COUNT, "next" }, { ACT_LESSON_PREV, ACT_COUNT, "back" },
                          { ACT_THEME, ACT_COUNT, NULL }, { ACT_CANCEL, ACT_COUNT, "leave" },
                          { ACT_QUIT, ACT_COUNT, NULL }, KEYHELP_END },
    [APP_MODE_ROUNDING] = { { ACT_STEP_DOWN, ACT_STEP_UP, "bits" }, { ACT_CANCEL, ACT_COUNT, "close" },
                            { ACT_QUIT, ACT_COUNT, NULL }, KEYHELP_END },
};

/* The name of a key for the help. */
static const char *keyhelp_key_name(in_key k)
{
    switch (k) {
    case IN_KEY_ENTER:
        return "Enter";
    case IN_KEY_BACKSPACE:
        return "Backspace";
    case IN_KEY_TAB:
        return "Tab";
    case IN_KEY_BTAB:
        return "Shift+Tab";
    case IN_KEY_ESC:
        return "Esc";
    case IN_KEY_CTRL_C:
        return "Ctrl+C";
    case IN_KEY_CTRL_L:
        return "Ctrl+L";
    case IN_KEY_CTRL_F:
        return "Ctrl+F";
    case IN_KEY_UP:
        return "Up";
    case IN_KEY_DOWN:
        return "Down";
    case IN_KEY_LEFT:
        return "Left";
    case IN_KEY_RIGHT:
        return "Right";
    case IN_KEY_HOME:
        return "Home";
    case IN_KEY_END:
        return "End";
    case IN_KEY_PGUP:
        return "PgUp";
    case IN_KEY_PGDN:
        return "PgDn";
    case IN_KEY_F1:
        return "F1";
    case IN_KEY_F2:
        return "F2";
    case IN_KEY_F10:
        return "F10";
    case IN_KEY_CHAR:
        break;
    }
    return "";
}

void keyhelp_label(const app_binding *b, char *buf, size_t size)
{
    if (b->label != NULL)
        (void)snprintf(buf, size, "%s", b->label);
    else if (b->key == IN_KEY_CHAR)
        (void)snprintf(buf, size, "%s", b->chars != NULL ? b->chars : "");
    else
        (void)snprintf(buf, size, "%s%s%s", (b->mods & IN_MOD_CTRL) ? "Ctrl+" : "",
                       (b->mods & IN_MOD_SHIFT) ? "Shift+" : "", keyhelp_key_name(b->key));
}

/* Lines are the distinct help texts of a mode's bindings, in binding
 * order: actions that share a text (Left and Right) share a line. Writes
 * the i-th line's text to text and returns its first binding index, or
 * -1 past the end. */
static long keyhelp_nth_line(app_mode m, size_t i, char *text, size_t size)
{
    char seen[ACTIONS_TEXT_MAX], cur[ACTIONS_TEXT_MAX];
    size_t b, c, n = 0;

    for (b = 0; b < actions_binding_count(); b++) {
        int repeat = 0;

        if ((*actions_binding(b)).mode != m)
            continue;
        actions_help_text((*actions_binding(b)).action, cur, sizeof cur);
        for (c = 0; c < b && !repeat; c++) {
            if ((*actions_binding(c)).mode != m)
                continue;
            actions_help_text((*actions_binding(c)).action, seen, sizeof seen);
            repeat = strcmp(seen, cur) == 0;
        }
        if (repeat)
            continue;
        if (n++ == i) {
            if (size > 0)
                (void)snprintf(text, size, "%s", cur);
            return (long)b;
        }
    }
    return -1;
}

size_t keyhelp_count(app_mode m)
{
    char text[ACTIONS_TEXT_MAX];
    size_t n = 0;

    while (keyhelp_nth_line(m, n, text, sizeof text) >= 0)
        n++;
    return n;
}

int keyhelp_line(app_mode m, size_t i, char *keys, size_t keys_size, char *text,
                      size_t text_size)
{
    char line[ACTIONS_TEXT_MAX], cur[ACTIONS_TEXT_MAX], label[ACTIONS_LABEL_MAX];
    long first = keyhelp_nth_line(m, i, line, sizeof line);
    size_t b, len;

    if (first < 0 || keys_size == 0)
        return -1;
    /* The full text is compared; the caller's copy may be cut. */
    if (text_size > 0)
        (void)snprintf(text, text_size, "%s", line);
    keys[0] = '\0';
    for (b = (size_t)first; b < actions_binding_count(); b++) {
        if ((*actions_binding(b)).mode != m)
            continue;
        actions_help_text((*actions_binding(b)).action, cur, sizeof cur);
        if (strcmp(cur, line) != 0)
            continue;
        keyhelp_label(actions_binding(b), label, sizeof label);
        if (label[0] == '\0')
            continue;                  /* an alias the help does not list */
        len = strlen(keys);
        (void)snprintf(keys + len, keys_size - len, "%s%s", len > 0 ? " " : "", label);
    }
    return 0;
}

/* The label of the first listed key of action a in mode m into buf; 0,
 * or -1 when a has no key there. */
static int keyhelp_first_key(app_mode m, app_action_id a, char *buf, size_t size)
{
    size_t b;

    for (b = 0; b < actions_binding_count(); b++) {
        const app_binding *k = actions_binding(b);

        if (k->mode != m || k->action != a)
            continue;
        keyhelp_label(k, buf, size);
        if (buf[0] != '\0')
            return 0;
    }
    return -1;
}

const char *keyhelp_footer(app_mode m, app_focus f, char *buf, size_t size)
{
    const keyhelp_hint *h =
        m == APP_MODE_MAIN ? keyhelp_footer_main[f < APP_FOCUS_COUNT ? f : 0]
                           : keyhelp_footer_modes[m < APP_MODE_COUNT ? m : 0];
    char one[ACTIONS_LABEL_MAX], two[ACTIONS_LABEL_MAX];
    size_t i, len;

    buf[0] = '\0';
    for (i = 0; i < KEYHELP_FOOTER_MAX && h[i].a != ACT_COUNT; i++) {
        if (keyhelp_first_key(m, h[i].a, one, sizeof one) != 0)
            continue;
        if (h[i].b != ACT_COUNT && keyhelp_first_key(m, h[i].b, two, sizeof two) != 0)
            continue;
        len = strlen(buf);
        (void)snprintf(buf + len, size - len, "%s%s%s%s %s", len > 0 ? "  " : "", one,
                       h[i].b != ACT_COUNT ? "/" : "", h[i].b != ACT_COUNT ? two : "",
                       h[i].word != NULL ? h[i].word : actions_hint(h[i].a));
    }
    return buf;
}
