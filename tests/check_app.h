/* check_app.h - what the app tests share: a state on a query, and events.
 *
 * Every helper is static inline so that a test program that does not use
 * one gets no unused-function warning. */
#ifndef QS_CHECK_APP_H
#define QS_CHECK_APP_H

#include <check.h>
#include <string.h>

#include "app/app.h"
#include "model/query.h"

/* A query on catalog model `id` (NULL: a bare 7B) at plain `bits`, with
 * 32 GiB of RAM and this machine's RAM as its one host device. */
static inline void query_for(qs_query *q, const char *id, double bits)
{
    qs_device d;

    /* Zeroed first: app_update() compares the state byte by byte, padding
     * included, and devices_host() leaves the padding as it finds it. */
    memset(&d, 0, sizeof d);
    query_init(q);
    if (id != NULL) {
        const qs_model *m = models_find(models_builtin(), id);

        ck_assert_ptr_nonnull(m);
        query_set_model(q, m, 0.0);
    } else {
        query_set_model(q, NULL, 7e9);
    }
    query_set_weights(q, NULL, bits);
    q->ram_gib = 32.0;
    ck_assert_int_eq(devices_host(32.0, DEVICES_HOST_LABEL, &d), 0);
    ck_assert_int_eq(query_add_device(q, &d, 1), 0);
}

/* A state for query q on an 80x24 terminal. */
static inline app_state fresh_on(const qs_query *q)
{
    app_state s;

    app_init(&s, q, 80, 24);
    return s;
}

/* A state on a bare 7B at plain `bits`. */
static inline app_state fresh(double bits)
{
    qs_query q;

    query_for(&q, NULL, bits);
    return fresh_on(&q);
}

/* A state on catalog model `id` at plain `bits`. */
static inline app_state fresh_model(const char *id, double bits)
{
    qs_query q;

    query_for(&q, id, bits);
    return fresh_on(&q);
}

static inline app_redo key(app_state *s, in_key k, int mods)
{
    in_event ev = input_key(k, 0, mods);

    return app_update(s, &ev);
}

/* Types text key by key (pasted with paste 1); APP_REDO_DRAW when any key
 * asked for a frame. */
static inline app_redo type_as(app_state *s, const char *text, int paste)
{
    app_redo r = APP_REDO_NOTHING;

    for (; *text; text++) {
        in_event ev = input_key(IN_KEY_CHAR, *text, 0);

        ev.paste = paste;
        if (app_update(s, &ev) == APP_REDO_DRAW)
            r = APP_REDO_DRAW;
    }
    return r;
}

static inline app_redo type(app_state *s, const char *text)
{
    return type_as(s, text, 0);
}

static inline app_redo paste(app_state *s, const char *text)
{
    return type_as(s, text, 1);
}

static inline app_redo mouse(app_state *s, in_mouse action, int button, int x, int y)
{
    in_event ev = input_mouse(action, button, x, y, 0);

    return app_update(s, &ev);
}

static inline app_redo resize(app_state *s, int cols, int rows)
{
    in_event ev = input_resize(cols, rows);

    return app_update(s, &ev);
}

/* Tabs until the focus is f. */
static inline void focus_on(app_state *s, app_focus f)
{
    int i;

    for (i = 0; i < APP_FOCUS_COUNT && s->focus != f; i++)
        key(s, IN_KEY_TAB, 0);
    ck_assert_int_eq(s->focus, f);
}

/* The table row of format f (app_table_rows() when it has none). */
static inline size_t table_row_of(const qs_format *f)
{
    size_t i;

    for (i = 0; i < app_table_rows(); i++)
        if (formats_get(i) == f)
            return i;
    return app_table_rows();
}

#endif
