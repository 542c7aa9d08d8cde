/* ops.h - the operations actions and the mouse perform on the state.
 *
 * Layer 2 (app): pure, inside the app layer only (actions.c, mouse.c,
 * app.c). Each changes the query or the front end's own state; none
 * recomputes the plan (app_update does, once, after the event). */
#ifndef QS_OPS_H
#define QS_OPS_H

#include "app/state.h"

/* Sets the bits: to the named format f (its bits), or with f NULL to plain
 * `bits` clamped to the slider's range. */
void ops_set_bits(app_state *s, const qs_format *f, double bits);

/* Sets the baseline likewise. */
void ops_set_baseline(app_state *s, const qs_format *f, double bits);

/* `b`: the next baseline of the cycle (state.h), named FP16 / FP32 at
 * those stops and the current format at the current bits. */
void ops_cycle_baseline(app_state *s);

/* Sets the model (a catalog entry, or a bare size with m NULL) and brings
 * the context within its range. */
void ops_set_model(app_state *s, const qs_model *m, double params);

/* The previous (dir < 0) / next catalog model; from a bare size, onto an end. */
void ops_step_model(app_state *s, int dir);

/* A fine (named 0) or named step of the focused value: the model, the
 * bits, the baseline or the context. On the classic track (s->classic)
 * a step of the bits, fine or named, goes to the next classic precision
 * (lesson_classic_step). */
void ops_step(app_state *s, int dir, int named);

/* Moves the focus by dir controls, round. */
void ops_focus_move(app_state *s, int dir);

/* Ends an entry without applying it. */
void ops_entry_drop(app_state *s);

/* Starts an entry for the focused value with its first character. */
void ops_entry_start(app_state *s, char first);

/* Appends c to text (APP_TEXT_MAX bytes) with a message when it is full;
 * removes the last character. */
void ops_text_append(app_state *s, char *text, char c);
void ops_text_backspace(char *text);

/* Applies the entry being typed, or says why it cannot. */
void ops_entry_apply(app_state *s);

/* Opens the picker (with a first filter character, or '\0'), moves its
 * selection, picks the selected row, closes it. */
void ops_picker_open(app_state *s, char first);
void ops_picker_move(app_state *s, long delta);
void ops_picker_choose(app_state *s);
void ops_picker_close(app_state *s);

/* Toggles the picker's fits-only filter (pick_fits), keeping the selected
 * row when it is still listed (else the first row). */
void ops_picker_fits(app_state *s);

/* Opens the table with the current precision's row selected and in view. */
void ops_table_open(app_state *s);

/* Moves the table's selection by delta rows of the order shown (clamped
 * to the first and the last), or onto place pos of that order (nothing
 * past the end); the rows shown follow it. */
void ops_table_select(app_state *s, long delta);
void ops_table_select_at(app_state *s, size_t pos);

/* The table's next sort (state.h's cycle), the selection kept in view. */
void ops_table_sort(app_state *s);

/* The selected row's precision becomes the query's (as a named step of
 * the slider sets it: ops_set_bits) and the table closes; a format outside
 * the slider's range stays a message. */
void ops_table_apply(app_state *s);

/* An inline message. */
void ops_msg(app_state *s, const char *text);

#endif
