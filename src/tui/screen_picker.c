/* screen_picker.c - the model picker: a filter line and the matching rows
 * (a custom size first when the filter is one, then the presets). */
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define VIEW_PICKER_BUF 128
#define VIEW_PICKER_PAD 2

static const char screen_picker_hint[] = "a name or a size (13B, 350M); Enter picks, Esc closes";

void screen_picker_draw(const app_state *s, const app_layout *l)
{
    char buf[VIEW_PICKER_BUF], p[32];
    int inner = l->pick_w - 2 * VIEW_PICKER_PAD, x = l->pick_x + VIEW_PICKER_PAD;
    size_t n = app_pick_count(s), top, i;

    draw_box(l->pick_y, l->pick_x, l->pick_h, l->pick_w, " Model ");
    (void)snprintf(buf, sizeof buf, "Filter: %s_", s->filter);
    draw_text(l->pick_y + 1, x, inner, CRT_VALUE, buf);
    if (s->msg[0] != '\0')
        draw_text(l->pick_y + 2, x, inner, CRT_ERROR, s->msg);
    else if (n == 0)
        draw_text(l->pick_y + 2, x, inner, CRT_ERROR, "no match: Backspace, or type a size");
    else
        draw_text(l->pick_y + 2, x, inner, CRT_DIM, screen_picker_hint);

    top = layout_pick_top(s->pick, n, l->pick_list_n);
    for (i = top; i < n && (int)(i - top) < l->pick_list_n; i++) {
        app_pick_row row;
        int y = l->pick_list_y + (int)(i - top);
        crt_role role = i == s->pick ? CRT_SELECTED : CRT_NORMAL;

        if (app_pick_get(s, i, &row) != 0)
            break;
        fmt_params(p, sizeof p, row.params);
        if (row.model != NULL)
            (void)snprintf(buf, sizeof buf, "%c %-24s %10s", i == s->pick ? '>' : ' ',
                           row.model->name, p);
        else
            (void)snprintf(buf, sizeof buf, "%c %-24s %10s", i == s->pick ? '>' : ' ',
                           "custom size", p);
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
