/* screens.h - one draw function per screen, as frame.c composes them.
 *
 * Layer: tui. A screen draws rows from the app state and its layout
 * (app/layout.h) with the primitives of draw.h; it never changes the state
 * and never refreshes: the loop calls frame_draw() after erase() and sends
 * one doupdate(). */
#ifndef QS_SCREENS_H
#define QS_SCREENS_H

#include "app/app.h"
#include "app/layout.h"

/* screen_main.c: the main screen (model, slider, numbers, fit). */
void screen_main_draw(const app_state *s, const app_layout *l);

/* screen_main.c: "terminal too small: need 40x12, have WxH". */
void screen_main_draw_small(const app_layout *l);

/* screen_picker.c: the model picker overlay. */
void screen_picker_draw(const app_state *s, const app_layout *l);

/* screen_help.c: the help overlay. */
void screen_help_draw(const app_state *s, const app_layout *l);

/* screen_table.c: the table overlay (the whole screen): every named
 * precision as a row, the devices as columns. */
void screen_table_draw(const app_state *s, const app_layout *l);

/* screen_rig.c: rigs and runtimes on the main screen. Slot `slot` of
 * device d's split as a sub-row at y (its GPU or machine, the layers it
 * holds, its total of its usable GiB, its verdict word); the "+" / "-"
 * that marks device i's row as one that opens; the selected device's
 * runtime and split on l->rt_y; the device prompt on the footer line. */
void screen_rig_slot_row(const app_layout *l, int y, const plan_device *d, int slot);
void screen_rig_marker(const app_state *s, const app_layout *l, int y, size_t i);
void screen_rig_runtime(const app_state *s, const app_layout *l);
void screen_rig_prompt(const app_state *s, const app_layout *l);

/* screen_rig.c: what an offload keeps in RAM, for the detail line
 * ("experts of 24 blocks in RAM", "45 of 80 blocks on the GPU"); returns
 * 1, or 0 (buf "") when d does not run with offload. */
int screen_rig_offload(char *buf, size_t size, const qs_plan *p, const plan_device *d);

/* screen_command.c: the box with the selected row's command line. */
void screen_command_draw(const app_state *s, const app_layout *l);
void screen_rounding_draw(const app_state *s, const app_layout *l); /* the rounding panel (d) */

/* screen_lesson.c: the lesson walk's stop (--lesson), in place of the main
 * screen; and the classic track's names under the slider (c: FP32, FP16,
 * INT8, INT4, INT2 at their columns), as layout_name_ticks gives ticks. */
void screen_lesson_draw(const app_state *s, const app_layout *l);
size_t screen_lesson_classic_ticks(const app_layout *l, layout_tick *out, size_t max);

/* screen_pin.c: with a configuration pinned (p), the pinned one beside
 * the current one on the main screen, with their differences. */
void screen_pin_draw(const app_state *s, const app_layout *l);

#endif
