/* frame.c - one frame: the main screen, or the size message, with the open
 * overlay on top. */
#include "tui/frame.h"
#include "tui/screens.h"

void frame_draw(const app_state *s)
{
    app_layout l;

    app_layout_of(s, &l);
    if (l.too_small) {
        screen_main_draw_small(&l);
        return;
    }
    if (s->overlay == APP_OVERLAY_TABLE) {
        screen_table_draw(s, &l);        /* the whole screen */
        return;
    }
    if (s->lesson)
        screen_lesson_draw(s, &l);       /* the lesson walk, in place of the main screen */
    else
        screen_main_draw(s, &l);
    if (s->overlay == APP_OVERLAY_ROUNDING)
        screen_rounding_draw(s, &l);
    else if (s->overlay == APP_OVERLAY_PICKER)
        screen_picker_draw(s, &l);
    else if (s->overlay == APP_OVERLAY_HELP)
        screen_help_draw(s, &l);
    else if (s->overlay == APP_OVERLAY_COMMAND)
        screen_command_draw(s, &l);
    else if (s->overlay == APP_OVERLAY_DEVICE)
        screen_rig_prompt(s, &l);
}

