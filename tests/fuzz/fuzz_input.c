/* fuzz_input.c - libFuzzer target for the terminal input decoder
 * (src/app/input.h): every byte through input_push(), then input_flush();
 * every event must be well formed, and the decoder must still answer a key. */
#include "app/input.h"
#include "fuzz.h"

/* Events kept by the input_feed() cross-check. */
#define FUZZ_FEED_MAX 8192
#define FUZZ_ALL_MODS (IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL)
/* The key sent at the end, as a user would press q to quit. */
#define FUZZ_QUIT_KEY 'q'

static void fuzz_check_event(const in_event *ev)
{
    FUZZ_ASSERT(ev->mods >= 0 && (ev->mods & ~FUZZ_ALL_MODS) == 0);
    switch (ev->type) {
    case IN_EV_KEY:
        FUZZ_ASSERT(ev->key >= IN_KEY_CHAR && ev->key <= IN_KEY_F10);
        if (ev->key == IN_KEY_CHAR)
            FUZZ_ASSERT(ev->ch >= 0x20 && ev->ch <= 0x7e);
        else
            FUZZ_ASSERT(ev->ch == 0);
        break;
    case IN_EV_MOUSE:
        FUZZ_ASSERT(ev->action >= IN_MOUSE_PRESS && ev->action <= IN_MOUSE_WHEEL_DOWN);
        FUZZ_ASSERT(ev->button >= -1 && ev->button <= 2);
        if (ev->action == IN_MOUSE_WHEEL_UP || ev->action == IN_MOUSE_WHEEL_DOWN
            || ev->action == IN_MOUSE_MOVE)
            FUZZ_ASSERT(ev->button == -1);
        if (ev->action == IN_MOUSE_PRESS || ev->action == IN_MOUSE_DRAG)
            FUZZ_ASSERT(ev->button >= 0);
        FUZZ_ASSERT(ev->x >= -1 && ev->x < INPUT_NUM_MAX);
        FUZZ_ASSERT(ev->y >= -1 && ev->y < INPUT_NUM_MAX);
        break;
    default:
        /* The decoder never makes resize events: the loop does. */
        FUZZ_ASSERT(!"event type out of range");
    }
}

static int fuzz_same(const in_event *a, const in_event *b)
{
    return a->type == b->type && a->key == b->key && a->ch == b->ch && a->mods == b->mods
        && a->action == b->action && a->button == b->button && a->x == b->x
        && a->y == b->y && a->cols == b->cols && a->rows == b->rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static in_event fed[FUZZ_FEED_MAX];
    input_decoder d, d2;
    in_event ev[INPUT_EVENTS_MAX];
    size_t i, k, n, total = 0, fed_n;

    input_init(&d);
    input_init(&d2);
    fed_n = input_feed(&d2, data, size, fed, FUZZ_FEED_MAX);
    for (i = 0; i < size; i++) {
        n = input_push(&d, data[i], ev);
        FUZZ_ASSERT(n <= INPUT_EVENTS_MAX);
        FUZZ_ASSERT(d.len <= INPUT_SEQ_MAX);
        FUZZ_ASSERT(input_pending(&d) == (d.len > 0));
        for (k = 0; k < n; k++, total++) {
            fuzz_check_event(&ev[k]);
            /* input_feed() decodes the same events. */
            if (total < FUZZ_FEED_MAX)
                FUZZ_ASSERT(fuzz_same(&ev[k], &fed[total]));
        }
    }
    FUZZ_ASSERT(fed_n == total);
    FUZZ_ASSERT(d.len == d2.len && d.skipping == d2.skipping);

    n = input_flush(&d, ev);
    FUZZ_ASSERT(n <= 1);
    for (k = 0; k < n; k++) {
        fuzz_check_event(&ev[k]);
        /* A held ESC is Esc; ESC and one more byte (ESC [, ESC O) is that
         * byte with Alt (input.h). */
        FUZZ_ASSERT(ev[k].type == IN_EV_KEY &&
                    (ev[k].key == IN_KEY_ESC ||
                     (ev[k].key == IN_KEY_CHAR && ev[k].mods == IN_MOD_ALT)));
    }
    FUZZ_ASSERT(!input_pending(&d));

    /* Whatever came before, a flushed decoder answers the next key. */
    n = input_push(&d, FUZZ_QUIT_KEY, ev);
    FUZZ_ASSERT(n == 1 && ev[0].type == IN_EV_KEY && ev[0].key == IN_KEY_CHAR
                && ev[0].ch == FUZZ_QUIT_KEY);
    return 0;
}
