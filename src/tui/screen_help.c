/* screen_help.c - the help overlay: every key of the mode it was opened
 * from (the main screen) and what it does, from the action table. */
#include "app/keyhelp.h"
#include "tui/draw.h"
#include "tui/screens.h"

#define SCREEN_HELP_KEY_W 22
#define SCREEN_HELP_PAD 2

void screen_help_draw(const app_state *s, const app_layout *l)
{
    int inner = l->help_w - 2 * SCREEN_HELP_PAD, x = l->help_x + SCREEN_HELP_PAD;
    char keys[ACTIONS_TEXT_MAX], text[ACTIONS_TEXT_MAX];
    size_t i, n = keyhelp_count(APP_MODE_MAIN);
    int y = l->help_y + 1;

    (void)s;
    draw_box(l->help_y, l->help_x, l->help_h, l->help_w, " Keys (any key closes) ");
    for (i = 0; i < n && y < l->help_y + l->help_h - 2; i++, y++) {
        if (keyhelp_line(APP_MODE_MAIN, i, keys, sizeof keys, text, sizeof text) != 0)
            break;
        draw_text(y, x, inner < SCREEN_HELP_KEY_W - 1 ? inner : SCREEN_HELP_KEY_W - 1,
                  CRT_LABEL, keys);
        if (inner > SCREEN_HELP_KEY_W)
            draw_text(y, x + SCREEN_HELP_KEY_W, inner - SCREEN_HELP_KEY_W, CRT_NORMAL, text);
    }
    if (y < l->help_y + l->help_h - 1)
        draw_text(y, x, inner, CRT_NORMAL,
                  "mouse: click or drag the track; click a device; the wheel steps");
}
