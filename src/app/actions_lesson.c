/* actions_lesson.c - the lesson's actions (actions_lesson.h). */
#include "app/actions_lesson.h"

void actions_lesson_classic(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->classic = !s->classic;
}

void actions_lesson_theme(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    (void)arg;
    s->theme = app_theme_next(s->theme);
}

void actions_lesson_step(app_state *s, const in_event *ev, int arg)
{
    (void)ev;
    s->lesson_stop += arg;
}

void actions_lesson_start(app_state *s)
{
    s->lesson = 1;
    s->lesson_stop = 0;
}

void actions_lesson_leave(app_state *s)
{
    s->lesson = 0;
}
