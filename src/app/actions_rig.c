/* actions_rig.c - what the rig, runtime, command and device keys do. */
#include <string.h>

#include "app/actions_rig.h"
#include "app/ops.h"

void actions_rig_expand(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    app_rig_toggle(s);
}

void actions_rig_runtime(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->query.runtime = app_runtime_next(s->query.runtime);
}

void actions_rig_command(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_entry_drop(s);
    s->dragging = 0;
    s->overlay = s->overlay == APP_OVERLAY_COMMAND ? APP_OVERLAY_NONE : APP_OVERLAY_COMMAND;
}

void actions_rig_add(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_entry_drop(s);
    s->dragging = 0;
    s->overlay = APP_OVERLAY_DEVICE;
}

void actions_rig_remove(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    (void)app_device_remove(s);        /* a refusal says why in s->msg */
}

void actions_rig_text(app_state *s, const in_event *ev, int arg)
{
    size_t len = strlen(s->device_text);

    (void)arg;
    if (len + 1 < sizeof s->device_text) {
        s->device_text[len] = ev->ch;
        s->device_text[len + 1] = '\0';
    } else {
        ops_msg(s, "that is as long as a device gets: Backspace edits");
    }
}

void actions_rig_edit(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    ops_text_backspace(s->device_text);
}

void actions_rig_apply(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    /* Closed either way: a refusal's message shows on the footer, and the
     * text stays for the next `a` to mend. */
    s->overlay = APP_OVERLAY_NONE;
    if (app_device_add(s, s->device_text) == 0)
        s->device_text[0] = '\0';
}

void actions_rig_cancel(app_state *s)
{
    s->overlay = APP_OVERLAY_NONE;
    s->device_text[0] = '\0';
}
