/* app_rigs.c - the device list as rows (a rig opens into a row per GPU),
 * the runtime cycle, and targets added and removed while running. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "app/state.h"

/* Ids offered for a device name that is not in the catalog (two keep the
 * message on one 80-column line). */
#define APP_RIGS_SUGGESTIONS 2
/* Room for "; did you mean a, b?". */
#define APP_RIGS_MEAN_MAX 96

int app_rig_expandable(const app_state *s, size_t i)
{
    const plan_device *d;

    if (!s->plan.ok || i >= s->plan.ndevices)
        return 0;
    d = &s->plan.devices[i];
    return d->rig || (d->split.ok && d->split.nslots > 1);
}

/* The sub-rows device i shows: its split's slots when it is open. */
static int app_rigs_open_slots(const app_state *s, size_t i)
{
    if (i >= QUERY_DEVICES_MAX || !s->rig_open[i] || !app_rig_expandable(s, i))
        return 0;
    return s->plan.devices[i].split.nslots;
}

size_t app_rows(const app_state *s, app_row *out, size_t max)
{
    size_t i, n = 0;
    int j, k;

    for (i = 0; i < s->query.ndevices; i++) {
        k = app_rigs_open_slots(s, i);
        for (j = -1; j < k; j++, n++)
            if (out != NULL && n < max) {
                out[n].dev = i;
                out[n].slot = j;
            }
    }
    return n;
}

int app_row_get(const app_state *s, size_t k, app_row *out)
{
    size_t i, n = 0;
    int slots;

    for (i = 0; i < s->query.ndevices; i++) {
        slots = app_rigs_open_slots(s, i);
        if (k < n + 1 + (size_t)slots) {
            out->dev = i;
            out->slot = (int)(k - n) - 1;
            return 0;
        }
        n += 1 + (size_t)slots;
    }
    return -1;
}

size_t app_rows_top(const app_state *s, int visible)
{
    size_t i, at = 0, n = app_rows(s, NULL, 0), last, top;
    size_t v = visible > 0 ? (size_t)visible : 1;

    if (n <= v || s->sel >= s->query.ndevices)
        return 0;
    for (i = 0; i < s->sel; i++)
        at += 1 + (size_t)app_rigs_open_slots(s, i);
    /* The selected row last in view (as the list scrolled before rigs
     * opened), with its sub-rows under it where they fit. */
    last = at + (size_t)app_rigs_open_slots(s, s->sel);
    top = last >= v ? last - v + 1 : 0;
    if (top > at)
        top = at;
    if (top > n - v)
        top = n - v;
    return top;
}

void app_rig_toggle(app_state *s)
{
    if (s->sel >= s->query.ndevices || s->sel >= QUERY_DEVICES_MAX)
        return;
    if (!app_rig_expandable(s, s->sel)) {
        (void)snprintf(s->msg, sizeof s->msg, "%s is one device: it has no GPU rows to show",
                       s->query.devices[s->sel].name);
        return;
    }
    s->rig_open[s->sel] = !s->rig_open[s->sel];
}

runtime_id app_runtime_next(runtime_id r)
{
    if ((int)r < 0)
        return (runtime_id)0;          /* auto, then the table's first */
    if ((int)r + 1 < RUNTIME_COUNT)
        return (runtime_id)((int)r + 1);
    return RUNTIME_AUTO;
}

/* ---- adding and removing targets ----------------------------------------- */

/* 1 when a device of the query keeps a pointer to buf (a label or a size's
 * name point at the start of their text). */
static int app_rigs_label_used(const app_state *s, const char *buf)
{
    const qs_query *q = &s->query;
    size_t i;
    int g;

    for (i = 0; i < q->ndevices; i++) {
        if (q->devices[i].id == buf || q->devices[i].name == buf ||
            (q->rigs[i].ngpu > 0 && q->rigs[i].label == buf))
            return 1;
        for (g = 0; g < q->rigs[i].ngpu && g < RIG_GPUS_MAX; g++)
            if (q->rigs[i].gpu[g].id == buf || q->rigs[i].gpu[g].name == buf)
                return 1;
    }
    return 0;
}

/* A label buffer no device points at; NULL when every one is in use. */
static char *app_rigs_label_free(app_state *s)
{
    size_t k;

    for (k = 0; k < QUERY_TARGETS_MAX; k++)
        if (!app_rigs_label_used(s, s->labels[k]))
            return s->labels[k];
    return NULL;
}

/* "; did you mean a, b?" for a device name not in the catalog; "" when
 * none is near or the name is a size (it starts with a digit). */
static void app_rigs_mean(const app_state *s, const char *name, char *buf, size_t size)
{
    const qs_device *near[APP_RIGS_SUGGESTIONS];
    size_t n = 0, i, len;

    buf[0] = '\0';
    if (!isdigit((unsigned char)name[0]))
        n = devices_catalog_suggest(s->query.device_catalog, name, near, APP_RIGS_SUGGESTIONS);
    for (i = 0; i < n; i++) {
        len = strlen(buf);
        (void)snprintf(buf + len, size - len, "%s%s", i == 0 ? "; did you mean " : ", ",
                       near[i]->id);
    }
    len = strlen(buf);
    if (n > 0)
        (void)snprintf(buf + len, size - len, "?");
}

/* Why rig_parse refused spec: the term at fault (at, len) and, for a
 * device, the nearest ids. */
static void app_rigs_refused(app_state *s, const char *spec, rig_error e, size_t at, size_t len)
{
    char term[APP_DEVICE_TEXT_MAX], mean[APP_RIGS_MEAN_MAX];
    const char *name;
    size_t n = strlen(spec);

    if (at > n)
        at = n;
    if (len > n - at)
        len = n - at;
    (void)snprintf(term, sizeof term, "%.*s", (int)len, spec + at);
    /* The device of the term: after its count ("2x"). */
    name = term;
    while (isdigit((unsigned char)*name))
        name++;
    name = name != term && (*name == 'x' || *name == 'X') ? name + 1 : term;
    mean[0] = '\0';
    if (e == RIG_ERR_DEVICE)
        app_rigs_mean(s, name, mean, sizeof mean);
    if (len == 0 || e == RIG_ERR_EMPTY)
        (void)snprintf(s->msg, sizeof s->msg, "'%s': %s", spec, rig_error_text(e));
    else if (e == RIG_ERR_DEVICE)
        (void)snprintf(s->msg, sizeof s->msg, "'%s': no device '%s'%s", spec, name,
                       mean[0] != '\0' ? mean : " in the catalog, nor a size (24GiB)");
    else if (e == RIG_ERR_NOT_GPU)
        (void)snprintf(s->msg, sizeof s->msg, "'%s': '%s' %s%s", spec, name, rig_error_text(e),
                       mean);
    else
        (void)snprintf(s->msg, sizeof s->msg, "'%s': '%s': %s", spec, term, rig_error_text(e));
}

/* The target spec names, into the query; 0, or -1 with the reason. */
static int app_rigs_add_text(app_state *s, const char *text)
{
    qs_query *q = &s->query;
    char mean[APP_RIGS_MEAN_MAX];
    size_t at = 0, len = 0;
    qs_device d;
    qs_rig r;
    rig_error e;

    memset(&d, 0, sizeof d);           /* app_update compares padding too */
    memset(&r, 0, sizeof r);
    if (rig_is_spec(text)) {
        e = rig_parse(q->device_catalog, text, &r, &at, &len);
        if (e != RIG_OK) {
            app_rigs_refused(s, text, e, at, len);
            return -1;
        }
        return query_add_rig(q, &r, 0);
    }
    if (devices_catalog_resolve(q->device_catalog, text, &d) != 0) {
        app_rigs_mean(s, text, mean, sizeof mean);
        (void)snprintf(s->msg, sizeof s->msg, "no device '%s'%s", text,
                       mean[0] != '\0' ? mean : " in the catalog, nor a size (24GiB)");
        return -1;
    }
    return query_add_device(q, &d, 0);
}

int app_device_add(app_state *s, const char *spec)
{
    qs_query *q = &s->query;
    size_t len;
    char *label;

    while (spec != NULL && *spec == ' ')
        spec++;
    len = spec != NULL ? strlen(spec) : 0;
    while (len > 0 && spec[len - 1] == ' ')
        len--;
    if (len == 0) {
        (void)snprintf(s->msg, sizeof s->msg,
                       "type a device: an id (rtx-4090), a size (24GiB) or a rig (2xrtx-3090)");
        return -1;
    }
    label = app_rigs_label_free(s);
    if (query_targets(q) >= QUERY_TARGETS_MAX || q->ndevices >= QUERY_DEVICES_MAX ||
        label == NULL) {
        (void)snprintf(s->msg, sizeof s->msg, "%d targets at most: x removes the selected one",
                       QUERY_TARGETS_MAX);
        return -1;
    }
    if (len >= APP_DEVICE_TEXT_MAX) {
        (void)snprintf(s->msg, sizeof s->msg, "a device is at most %d characters",
                       APP_DEVICE_TEXT_MAX - 1);
        return -1;
    }
    /* Free: no device points at it, so writing it changes nothing shown. */
    (void)snprintf(label, APP_DEVICE_TEXT_MAX, "%.*s", (int)len, spec);
    if (app_rigs_add_text(s, label) != 0) {
        if (s->msg[0] == '\0')
            (void)snprintf(s->msg, sizeof s->msg, "'%s' cannot be added", label);
        return -1;
    }
    s->sel = q->ndevices - 1;
    s->rig_open[s->sel] = 0;
    s->focus = APP_FOCUS_DEVICES;
    return 0;
}

int app_device_remove(app_state *s)
{
    qs_query *q = &s->query;
    size_t i;

    if (s->sel >= q->ndevices) {
        (void)snprintf(s->msg, sizeof s->msg, "no device is selected");
        return -1;
    }
    if (s->sel < q->nhost) {
        (void)snprintf(s->msg, sizeof s->msg,
                       "this machine's rows stay: x removes a target (a row below them)");
        return -1;
    }
    (void)snprintf(s->msg, sizeof s->msg, "removed %s (a adds a device)",
                   q->devices[s->sel].name);
    for (i = s->sel; i + 1 < q->ndevices; i++) {
        q->devices[i] = q->devices[i + 1];
        q->rigs[i] = q->rigs[i + 1];
        s->rig_open[i] = s->rig_open[i + 1];
    }
    q->ndevices--;
    memset(&q->devices[q->ndevices], 0, sizeof q->devices[q->ndevices]);
    memset(&q->rigs[q->ndevices], 0, sizeof q->rigs[q->ndevices]);
    s->rig_open[q->ndevices] = 0;
    if (s->sel >= q->ndevices && s->sel > 0)
        s->sel--;
    return 0;
}
