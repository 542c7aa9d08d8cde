/* screen_help.c - the help overlay: every key and what it does. */
#include "tui/draw.h"
#include "tui/screens.h"

#define VIEW_HELP_KEY_W 18
#define VIEW_HELP_PAD 2

void screen_help_draw(const app_state *s, const app_layout *l)
{
    int inner = l->help_w - 2 * VIEW_HELP_PAD, x = l->help_x + VIEW_HELP_PAD;
    char text[APP_HELP_TEXT_MAX];
    size_t i;

    (void)s;
    draw_box(l->help_y, l->help_x, l->help_h, l->help_w, " Keys (any key closes) ");
    for (i = 0; i < app_help_count() && (int)i < l->help_h - 2; i++) {
        int y = l->help_y + 1 + (int)i;
        draw_text(y, x, inner, CRT_LABEL, app_help_key(i));
        if (inner > VIEW_HELP_KEY_W)
            draw_text(y, x + VIEW_HELP_KEY_W, inner - VIEW_HELP_KEY_W, CRT_NORMAL,
                     app_help_text(i, text, sizeof text));
    }
}
