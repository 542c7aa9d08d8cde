/* mouse.h - what a mouse report does to the state (see app.h's Mouse).
 *
 * Layer 2 (app): pure, inside the app layer. */
#ifndef QS_MOUSE_H
#define QS_MOUSE_H

#include "app/state.h"

/* Applies mouse report ev (IN_EV_MOUSE) to s. */
void mouse_apply(app_state *s, const in_event *ev);

#endif
