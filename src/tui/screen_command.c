/* screen_command.c - the command box: the command line that reproduces the
 * selected row's answer in its runtime (cli/report_command.c), wrapped at
 * the box's width with " \" continuations between whole words (never
 * inside a quoted one), so that it reads as it would be pasted into sh. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>

#include "cli/report_command.h"
#include "tui/draw.h"
#include "tui/screens.h"

/* Box margin from the screen's sides, padding inside it, and the rows
 * around the command (border, blank, notes, keys, border). */
#define SCREEN_COMMAND_MARGIN 2
#define SCREEN_COMMAND_PAD 2
#define SCREEN_COMMAND_CHROME 6
/* Continuation lines are indented by this much, as the --fit report does. */
#define SCREEN_COMMAND_INDENT 4
/* Room for the title. */
#define SCREEN_COMMAND_TITLE_MAX 96

/* Where the word that starts at cmd[i] ends (the next space outside
 * quotes, or the end): '...' and $'...' are one word with their spaces,
 * a backslash keeps the byte after it. */
static size_t screen_command_word_end(const char *cmd, size_t i)
{
    int quote = 0;                     /* 1 in '...', 2 in $'...' */

    for (; cmd[i] != '\0'; i++) {
        char c = cmd[i];

        if (quote == 1) {
            quote = c == '\'' ? 0 : 1;
        } else if (quote == 2) {
            if (c == '\\' && cmd[i + 1] != '\0')
                i++;
            else if (c == '\'')
                quote = 0;
        } else if (c == ' ') {
            break;
        } else if (c == '\\' && cmd[i + 1] != '\0') {
            i++;
        } else if (c == '$' && cmd[i + 1] == '\'') {
            quote = 2;
            i++;
        } else if (c == '\'') {
            quote = 1;
        }
    }
    return i;
}

/* Draws cmd from row y, `w` columns from x, at most `rows` rows; returns
 * the rows it took (counted past `rows` too, so that the caller can size
 * the box: with rows 0 nothing is drawn). */
static int screen_command_wrap(int y, int x, int w, int rows, const char *cmd)
{
    char line[REPORT_COMMAND_SIZE];
    size_t i = 0, len = 0;
    int n = 0;

    line[0] = '\0';
    while (cmd[i] != '\0') {
        size_t end = screen_command_word_end(cmd, i), wl = end - i;
        /* room on this line, with " \" after it when more follows */
        size_t room = (size_t)(w > 4 ? w : 4) - 2;

        if (len > 0 && len + 1 + wl > room) {
            (void)snprintf(line + len, sizeof line - len, " \\");
            if (n < rows)
                draw_text(y + n, x, w, CRT_VALUE, line);
            n++;
            len = (size_t)snprintf(line, sizeof line, "%*s", SCREEN_COMMAND_INDENT, "");
        }
        if (len + wl + 1 >= sizeof line)
            break;
        if (len > 0 && line[len - 1] != ' ')
            line[len++] = ' ';
        memcpy(line + len, cmd + i, wl);
        len += wl;
        line[len] = '\0';
        i = end;
        while (cmd[i] == ' ')
            i++;
    }
    if (len > 0) {
        if (n < rows)
            draw_text(y + n, x, w, CRT_VALUE, line);
        n++;
    }
    return n;
}

void screen_command_draw(const app_state *s, const app_layout *l)
{
    char cmd[REPORT_COMMAND_SIZE], title[SCREEN_COMMAND_TITLE_MAX];
    const plan_device *d;
    int w = l->cols - 2 * SCREEN_COMMAND_MARGIN, inner, h, y, x, n, room;
    int ok;

    if (s->sel >= s->plan.ndevices || w < 2 * SCREEN_COMMAND_PAD + 8)
        return;
    d = &s->plan.devices[s->sel];
    ok = report_command(cmd, sizeof cmd, &s->query, d) == 0;
    if (!ok)
        (void)snprintf(cmd, sizeof cmd, "no command: it does not fit in %d bytes",
                       REPORT_COMMAND_SIZE);
    inner = w - 2 * SCREEN_COMMAND_PAD;
    n = screen_command_wrap(0, 0, inner, 0, cmd);
    room = l->rows - 2 - SCREEN_COMMAND_CHROME;
    if (n > room)
        n = room > 1 ? room : 1;
    h = n + SCREEN_COMMAND_CHROME;
    y = (l->rows - h) / 2;
    x = SCREEN_COMMAND_MARGIN;
    (void)snprintf(title, sizeof title, " Command: %s, %s ", d->device.name,
                   d->runtime != NULL ? d->runtime->name : "its runtime");
    draw_box(y, x, h, w, title);
    (void)screen_command_wrap(y + 2, x + SCREEN_COMMAND_PAD, inner, n, cmd);
    if (ok && report_command_placeholder(&s->query, d))
        draw_text(y + h - 3, x + SCREEN_COMMAND_PAD, inner, CRT_DIM,
                  "the model's name is a placeholder: give your file or repository");
    draw_text(y + h - 2, x + SCREEN_COMMAND_PAD, inner, CRT_DIM,
              "Esc or c closes; --print-command prints it when you quit");
}
