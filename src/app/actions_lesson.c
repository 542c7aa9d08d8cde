/* actions_lesson.c - the lesson's actions (actions_lesson.h). */
#include <stdio.h>

#include "app/actions_lesson.h"
#include "app/lesson.h"
#include "app/ops.h"

void actions_lesson_classic(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->classic = !s->classic;
    ops_msg(s, s->classic ? "classic track: FP32, FP16, INT8, INT4, INT2 (c: all)"
                          : "track: every named precision (c: classic)");
}

void actions_lesson_theme(app_state *s, const in_event *ev, int arg)
{
    char buf[APP_MSG_MAX];

    (void)ev;
    (void)arg;
    s->theme = theme_next(s->theme);
    (void)snprintf(buf, sizeof buf, "theme: %s (T: next)", theme_name(s->theme));
    ops_msg(s, buf);
}

/* The query of stop i: its model as a bare size at its format. */
static void actions_lesson_apply(app_state *s, size_t i)
{
    const lesson_stop *st = lesson_stop_get(i);
    const qs_format *f = st != NULL ? formats_find(st->format) : NULL;

    if (st == NULL || f == NULL)
        return;
    s->lesson_stop = (int)i;
    ops_set_model(s, NULL, st->params);
    ops_set_bits(s, f, f->bits);
}

void actions_lesson_step(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    actions_lesson_apply(s, lesson_stop_clamp((long)s->lesson_stop + arg));
}

void actions_lesson_start(app_state *s)
{
    s->lesson = 1;
    actions_lesson_apply(s, 0);
}

void actions_lesson_leave(app_state *s)
{
    s->lesson = 0;
}
