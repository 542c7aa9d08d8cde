/* screen_picker.c - the model picker: a filter line and the matching rows
 * (a custom size first when the filter is one, then the models, the ones
 * read from the user's files first), each with its verdict on the selected
 * device as the app layer says it (app_pick_verdict). */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "model/fit.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define VIEW_PICKER_BUF 160
#define VIEW_PICKER_PAD 2
/* A row: the selection mark and a space, the name, a space, the
 * parameters (VIEW_PICKER_PARAMS_W), a space, "local" or blank
 * (VIEW_PICKER_LOCAL_W), a space, the verdict (VIEW_PICKER_VERDICT_W:
 * "offload", the longest word); the name takes what is left, at least
 * VIEW_PICKER_NAME_MIN. */
#define VIEW_PICKER_PARAMS_W 10
#define VIEW_PICKER_LOCAL_W 5
#define VIEW_PICKER_VERDICT_W 7
#define VIEW_PICKER_FIXED_W (2 + 1 + VIEW_PICKER_PARAMS_W + 1 + VIEW_PICKER_LOCAL_W + 1 + \
                             VIEW_PICKER_VERDICT_W)
#define VIEW_PICKER_NAME_MIN 8
/* Rows drawn at most (the layout's list is shorter: LAYOUT_PICK_H_MAX). */
#define VIEW_PICKER_ROWS_MAX 64
/* The row marker of a model read from the user's files, and the verdict
 * shown when there is none (no device, or it cannot be said). */
#define VIEW_PICKER_LOCAL "local"
#define VIEW_PICKER_NO_VERDICT "-"

static const char screen_picker_hint[] = "a name or a size (13B, 350M); Enter picks, Esc closes";

/* The title: the box's name and the device the verdicts are on. */
static void screen_picker_title(const app_state *s, char *buf, size_t size)
{
    const char *dev = app_pick_device_name(s);

    if (dev != NULL)
        (void)snprintf(buf, size, " Model: verdicts on %s ", dev);
    else
        (void)snprintf(buf, size, " Model ");
}

/* One row's text into buf. */
static void screen_picker_row(const app_state *s, const app_pick_row *row, int selected,
                              int inner, char *buf, size_t size)
{
    char p[32];
    fit_verdict v;
    int name_w = inner - VIEW_PICKER_FIXED_W;
    const char *verdict = app_pick_verdict(s, row, &v) == 0 ? fit_verdict_word(v)
                                                             : VIEW_PICKER_NO_VERDICT;

    if (name_w < VIEW_PICKER_NAME_MIN)
        name_w = VIEW_PICKER_NAME_MIN;
    fmt_params(p, sizeof p, row->params);
    (void)snprintf(buf, size, "%c %-*.*s %*s %-*s %s", selected ? '>' : ' ', name_w, name_w,
                   row->model != NULL ? row->model->name : "custom size",
                   VIEW_PICKER_PARAMS_W, p, VIEW_PICKER_LOCAL_W,
                   row->local ? VIEW_PICKER_LOCAL : "", verdict);
}

void screen_picker_draw(const app_state *s, const app_layout *l)
{
    char buf[VIEW_PICKER_BUF], title[VIEW_PICKER_BUF];
    int inner = l->pick_w - 2 * VIEW_PICKER_PAD, x = l->pick_x + VIEW_PICKER_PAD;
    app_pick_row rows[VIEW_PICKER_ROWS_MAX];
    size_t n = app_pick_count(s), top, shown, k;

    screen_picker_title(s, title, sizeof title);
    draw_box(l->pick_y, l->pick_x, l->pick_h, l->pick_w, title);
    (void)snprintf(buf, sizeof buf, "Filter: %s_%s", s->filter,
                   s->pick_fits ? "  [fits only]" : "");
    draw_text(l->pick_y + 1, x, inner, CRT_VALUE, buf);
    if (s->msg[0] != '\0')
        draw_text(l->pick_y + 2, x, inner, CRT_ERROR, s->msg);
    else if (n == 0 && s->pick_fits)
        draw_text(l->pick_y + 2, x, inner, CRT_ERROR,
                  "no model that fits matches: Backspace, or fits only off");
    else if (n == 0)
        draw_text(l->pick_y + 2, x, inner, CRT_ERROR, "no match: Backspace, or type a size");
    else
        draw_text(l->pick_y + 2, x, inner, CRT_DIM, screen_picker_hint);

    top = layout_pick_top(s->pick, n, l->pick_list_n);
    shown = app_pick_window(s, top, rows,
                            l->pick_list_n < VIEW_PICKER_ROWS_MAX ? (size_t)l->pick_list_n
                                                                  : VIEW_PICKER_ROWS_MAX,
                            NULL);
    for (k = 0; k < shown; k++) {
        size_t i = top + k;
        int y = l->pick_list_y + (int)k;
        crt_role role = i == s->pick ? CRT_SELECTED : CRT_NORMAL;

        screen_picker_row(s, &rows[k], i == s->pick, inner, buf, sizeof buf);
        /* pad the selected row across the box so it reads as a bar */
        if (i == s->pick && (int)strlen(buf) < inner) {
            size_t len = strlen(buf);
            while ((int)len < inner && len + 1 < sizeof buf)
                buf[len++] = ' ';
            buf[len] = '\0';
        }
        draw_text(y, x, inner, role, buf);
    }
}
