/* check_input.c - unit tests for app/input: terminal bytes to events. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "app/input.h"

#define EVMAX 64

/* Decodes a string (no flush); returns the number of events. */
static size_t feed(const char *bytes, size_t n, in_event *out)
{
    input_decoder d;

    input_init(&d);
    return input_feed(&d, (const unsigned char *)bytes, n, out, EVMAX);
}

static size_t feeds(const char *s, in_event *out)
{
    return feed(s, strlen(s), out);
}

static void assert_key(const char *bytes, in_key key, int mods)
{
    in_event ev[EVMAX];
    size_t n = feeds(bytes, ev);

    ck_assert_msg(n == 1, "%zu events for a key sequence", n);
    ck_assert_int_eq(ev[0].type, IN_EV_KEY);
    ck_assert_int_eq(ev[0].key, key);
    ck_assert_int_eq(ev[0].mods, mods);
}

START_TEST(test_printable_and_controls)
{
    in_event ev[EVMAX];
    size_t n = feeds("q4.5", ev);

    ck_assert_uint_eq(n, 4);
    ck_assert_int_eq(ev[0].key, IN_KEY_CHAR);
    ck_assert_int_eq(ev[0].ch, 'q');
    ck_assert_int_eq(ev[2].ch, '.');
    assert_key("\r", IN_KEY_ENTER, 0);
    assert_key("\n", IN_KEY_ENTER, 0);
    assert_key("\x7f", IN_KEY_BACKSPACE, 0);
    assert_key("\b", IN_KEY_BACKSPACE, 0);
    assert_key("\t", IN_KEY_TAB, 0);
    assert_key("\x03", IN_KEY_CTRL_C, 0);
    assert_key("\x0c", IN_KEY_CTRL_L, 0);
    assert_key("\x06", IN_KEY_CTRL_F, 0);
    /* other controls and non-ASCII bytes are ignored */
    ck_assert_uint_eq(feeds("\x01\x02\x80\xff\xc3\xa9", ev), 0);
}
END_TEST

START_TEST(test_cursor_keys)
{
    assert_key("\x1b[A", IN_KEY_UP, 0);
    assert_key("\x1b[B", IN_KEY_DOWN, 0);
    assert_key("\x1b[C", IN_KEY_RIGHT, 0);
    assert_key("\x1b[D", IN_KEY_LEFT, 0);
    assert_key("\x1bOA", IN_KEY_UP, 0);
    assert_key("\x1bOC", IN_KEY_RIGHT, 0);
    assert_key("\x1bOD", IN_KEY_LEFT, 0);
    assert_key("\x1b[1;2C", IN_KEY_RIGHT, IN_MOD_SHIFT);
    assert_key("\x1b[1;2D", IN_KEY_LEFT, IN_MOD_SHIFT);
    assert_key("\x1b[1;5D", IN_KEY_LEFT, IN_MOD_CTRL);
    assert_key("\x1b[c", IN_KEY_RIGHT, IN_MOD_SHIFT);
    assert_key("\x1b[d", IN_KEY_LEFT, IN_MOD_SHIFT);
    assert_key("\x1b[Z", IN_KEY_BTAB, 0);
}
END_TEST

START_TEST(test_home_end_pages)
{
    assert_key("\x1b[H", IN_KEY_HOME, 0);
    assert_key("\x1b[F", IN_KEY_END, 0);
    assert_key("\x1bOH", IN_KEY_HOME, 0);
    assert_key("\x1bOF", IN_KEY_END, 0);
    assert_key("\x1b[1~", IN_KEY_HOME, 0);
    assert_key("\x1b[7~", IN_KEY_HOME, 0);
    assert_key("\x1b[4~", IN_KEY_END, 0);
    assert_key("\x1b[8~", IN_KEY_END, 0);
    assert_key("\x1b[5~", IN_KEY_PGUP, 0);
    assert_key("\x1b[6~", IN_KEY_PGDN, 0);
    assert_key("\x1b[5;2~", IN_KEY_PGUP, IN_MOD_SHIFT);
}
END_TEST

START_TEST(test_unknown_sequences_ignored)
{
    in_event ev[EVMAX];
    size_t n;

    /* F5, Insert, Delete, focus-in, a private CSI, SS3 F3, linux F3: consumed */
    ck_assert_uint_eq(feeds("\x1b[15~\x1b[2~\x1b[3~\x1b[I\x1b[?1;2c\x1bOR\x1b[[C", ev), 0);
    /* and the byte after them is read normally */
    n = feeds("\x1b[15~x", ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].ch, 'x');
    /* intermediates make a sequence unknown */
    ck_assert_uint_eq(feeds("\x1b[1 q", ev), 0);
}
END_TEST

START_TEST(test_lone_esc_and_flush)
{
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];

    input_init(&d);
    ck_assert_uint_eq(input_push(&d, 0x1b, ev), 0);
    ck_assert_int_eq(input_pending(&d), 1);
    ck_assert_uint_eq(input_flush(&d, ev), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
    ck_assert_int_eq(input_pending(&d), 0);
    /* nothing held: a flush gives nothing */
    ck_assert_uint_eq(input_flush(&d, ev), 0);
    /* a cut-off sequence is dropped by the flush */
    ck_assert_uint_eq(input_push(&d, 0x1b, ev), 0);
    ck_assert_uint_eq(input_push(&d, '[', ev), 0);
    ck_assert_uint_eq(input_push(&d, '1', ev), 0);
    ck_assert_uint_eq(input_flush(&d, ev), 0);
    ck_assert_int_eq(input_pending(&d), 0);
}
END_TEST

START_TEST(test_esc_then_key)
{
    in_event ev[EVMAX];
    size_t n;

    /* ESC then a key before the timeout is Alt+key (test_alt_keys); ESC,
     * the timeout, then the key is Esc and the key */
    input_decoder d;
    input_init(&d);
    ck_assert_uint_eq(input_push(&d, 0x1b, ev), 0);
    ck_assert_uint_eq(input_flush(&d, ev), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
    ck_assert_uint_eq(input_push(&d, 'q', ev), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_CHAR);
    ck_assert_int_eq(ev[0].ch, 'q');
    ck_assert_int_eq(ev[0].mods, 0);
    /* ESC ESC [ C: Esc, then Right */
    n = feeds("\x1b\x1b[C", ev);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
    ck_assert_int_eq(ev[1].key, IN_KEY_RIGHT);
    /* a control byte cuts a CSI off and counts on its own */
    n = feeds("\x1b[1\x03", ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_CTRL_C);
    /* a new ESC inside a CSI starts over */
    n = feeds("\x1b[1;\x1b[D", ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_LEFT);
}
END_TEST

START_TEST(test_sgr_mouse)
{
    in_event ev[EVMAX];
    size_t n = feeds("\x1b[<0;10;5M\x1b[<32;12;5M\x1b[<0;14;6m", ev);

    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(ev[0].type, IN_EV_MOUSE);
    ck_assert_int_eq(ev[0].action, IN_MOUSE_PRESS);
    ck_assert_int_eq(ev[0].button, 0);
    ck_assert_int_eq(ev[0].x, 9);
    ck_assert_int_eq(ev[0].y, 4);
    ck_assert_int_eq(ev[1].action, IN_MOUSE_DRAG);
    ck_assert_int_eq(ev[1].button, 0);
    ck_assert_int_eq(ev[1].x, 11);
    ck_assert_int_eq(ev[2].action, IN_MOUSE_RELEASE);
    ck_assert_int_eq(ev[2].x, 13);
    ck_assert_int_eq(ev[2].y, 5);

    n = feeds("\x1b[<64;3;3M\x1b[<65;3;3M\x1b[<66;3;3M\x1b[<2;1;1M\x1b[<35;4;4M", ev);
    ck_assert_uint_eq(n, 4);       /* the horizontal wheel is dropped */
    ck_assert_int_eq(ev[0].action, IN_MOUSE_WHEEL_UP);
    ck_assert_int_eq(ev[1].action, IN_MOUSE_WHEEL_DOWN);
    ck_assert_int_eq(ev[2].action, IN_MOUSE_PRESS);
    ck_assert_int_eq(ev[2].button, 2);
    ck_assert_int_eq(ev[2].x, 0);
    ck_assert_int_eq(ev[3].action, IN_MOUSE_MOVE);

    /* modifiers: shift 4, meta 8, ctrl 16 */
    n = feeds("\x1b[<28;2;2M", ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].mods, IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL);
}
END_TEST

START_TEST(test_mouse_bad_coordinates)
{
    in_event ev[EVMAX];
    size_t n = feeds("\x1b[<0;0;0M\x1b[<0;9999999999;99999999999M\x1b[<0;5M", ev);

    ck_assert_uint_eq(n, 2);       /* two parameters are not a report */
    ck_assert_int_eq(ev[0].x, -1);
    ck_assert_int_eq(ev[0].y, -1);
    ck_assert_int_eq(ev[1].x, INPUT_NUM_MAX - 1);
    ck_assert_int_eq(ev[1].y, INPUT_NUM_MAX - 1);
}
END_TEST

START_TEST(test_legacy_mouse)
{
    /* press button 1 at (10, 5), drag to (12, 5), release: +32 offsets */
    const char bytes[] = "\x1b[M" " *%" "\x1b[M" "@,%" "\x1b[M" "#.&";
    in_event ev[EVMAX];
    size_t n = feed(bytes, sizeof bytes - 1, ev);

    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(ev[0].action, IN_MOUSE_PRESS);
    ck_assert_int_eq(ev[0].button, 0);
    ck_assert_int_eq(ev[0].x, 9);
    ck_assert_int_eq(ev[0].y, 4);
    ck_assert_int_eq(ev[1].action, IN_MOUSE_DRAG);
    ck_assert_int_eq(ev[1].x, 11);
    ck_assert_int_eq(ev[2].action, IN_MOUSE_RELEASE);
    ck_assert_int_eq(ev[2].button, -1);
    ck_assert_int_eq(ev[2].x, 13);
    ck_assert_int_eq(ev[2].y, 5);
}
END_TEST

START_TEST(test_legacy_mouse_extremes)
{
    /* coordinates 223 (byte 255) and out of range (bytes below 33), and
     * raw bytes that look like controls: all inside the report */
    const char bytes[] = "\x1b[M \xff\xff" "\x1b[M \x20\x1b" "\x1b[M`!!";
    in_event ev[EVMAX];
    size_t n = feed(bytes, sizeof bytes - 1, ev);

    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(ev[0].x, 222);
    ck_assert_int_eq(ev[0].y, 222);
    ck_assert_int_eq(ev[1].x, -1);
    ck_assert_int_eq(ev[1].y, -1);
    ck_assert_int_eq(ev[2].action, IN_MOUSE_WHEEL_UP);
    ck_assert_int_eq(ev[2].x, 0);
}
END_TEST

START_TEST(test_urxvt_mouse)
{
    in_event ev[EVMAX];
    size_t n = feeds("\x1b[32;10;5M", ev);

    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].action, IN_MOUSE_PRESS);
    ck_assert_int_eq(ev[0].x, 9);
    ck_assert_int_eq(ev[0].y, 4);
}
END_TEST

START_TEST(test_overlong_sequence)
{
    char buf[INPUT_SEQ_MAX * 4 + 8];
    in_event ev[EVMAX];
    size_t n;

    /* ESC [ then far too many parameter bytes, then a final: skipped
     * whole, and the next key is decoded */
    memset(buf, '1', sizeof buf);
    buf[0] = 0x1b;
    buf[1] = '[';
    buf[sizeof buf - 3] = 'C';
    buf[sizeof buf - 2] = 'z';
    buf[sizeof buf - 1] = '\0';
    n = feeds(buf, ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_CHAR);
    ck_assert_int_eq(ev[0].ch, 'z');
}
END_TEST

START_TEST(test_split_across_reads)
{
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];
    const char *s = "\x1b[<0;10;5M";
    size_t i, total = 0;

    input_init(&d);
    for (i = 0; s[i] != '\0'; i++) {
        size_t got = input_push(&d, (unsigned char)s[i], ev);
        total += got;
        if (got == 1)
            ck_assert_int_eq(ev[0].action, IN_MOUSE_PRESS);
    }
    ck_assert_uint_eq(total, 1);
}
END_TEST

START_TEST(test_random_bytes_survive)
{
    /* A deterministic stream of pseudo-random bytes (an LCG, so that a
     * failure repeats): never more events than bytes + 1, coordinates in
     * range, and a key still decodes afterwards. */
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];
    unsigned long x = 12345;
    size_t i, k;

    input_init(&d);
    for (i = 0; i < 200000; i++) {
        size_t got;
        x = x * 1103515245UL + 12345UL;
        got = input_push(&d, (unsigned char)(x >> 16), ev);
        ck_assert_uint_le(got, INPUT_EVENTS_MAX);
        for (k = 0; k < got; k++)
            if (ev[k].type == IN_EV_MOUSE) {
                ck_assert_int_ge(ev[k].x, -1);
                ck_assert_int_lt(ev[k].x, INPUT_NUM_MAX);
                ck_assert_int_ge(ev[k].y, -1);
                ck_assert_int_lt(ev[k].y, INPUT_NUM_MAX);
            }
        ck_assert_uint_le(d.len, INPUT_SEQ_MAX);
    }
    (void)input_flush(&d, ev);
    ck_assert_uint_eq(input_push(&d, 'q', ev), 1);
    ck_assert_int_eq(ev[0].ch, 'q');
}
END_TEST

START_TEST(test_feed_counts_beyond_max)
{
    input_decoder d;
    in_event ev[2];

    input_init(&d);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"abcd", 4, ev, 2), 4);
    ck_assert_int_eq(ev[1].ch, 'b');
}
END_TEST

START_TEST(test_constructors)
{
    in_event e = input_resize(80, 24);

    ck_assert_int_eq(e.type, IN_EV_RESIZE);
    ck_assert_int_eq(e.cols, 80);
    ck_assert_int_eq(e.rows, 24);
    e = input_mouse(IN_MOUSE_DRAG, 0, 3, 4, 0);
    ck_assert_int_eq(e.type, IN_EV_MOUSE);
    ck_assert_int_eq(e.x, 3);
    e = input_key(IN_KEY_CHAR, 'a', 0);
    ck_assert_int_eq(e.ch, 'a');
}
END_TEST

/* A modifier parameter out of xterm's range (1 + bits, at most 16) gave mods
 * outside the IN_MOD_* bits: CSI 1;99999 A came out with mods 99998. */
START_TEST(test_modifier_out_of_range)
{
    assert_key("\x1b[1;99999A", IN_KEY_UP, (99999 - 1) & (IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL));
    assert_key("\x1b[5;99999~", IN_KEY_PGUP,
               (99999 - 1) & (IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL));
    /* xterm's Meta (8) has no IN_MOD bit: Meta+Right is a plain Right. */
    assert_key("\x1b[1;9C", IN_KEY_RIGHT, 0);
    assert_key("\x1b[1;16D", IN_KEY_LEFT, IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL);
}
END_TEST

/* ESC and a key in one burst (before the ESC timeout) was Esc, then the
 * key: Alt+q quit twice over. It is one key with IN_MOD_ALT. */
START_TEST(test_alt_keys)
{
    input_decoder d;
    in_event ev[EVMAX];
    size_t n = feeds("\x1bq", ev);

    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].type, IN_EV_KEY);
    ck_assert_int_eq(ev[0].key, IN_KEY_CHAR);
    ck_assert_int_eq(ev[0].ch, 'q');
    ck_assert_int_eq(ev[0].mods, IN_MOD_ALT);
    n = feeds("\x1bx\x1b" "5", ev);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(ev[0].ch, 'x');
    ck_assert_int_eq(ev[0].mods, IN_MOD_ALT);
    ck_assert_int_eq(ev[1].ch, '5');
    ck_assert_int_eq(ev[1].mods, IN_MOD_ALT);
    /* Alt+Enter, Alt+Backspace, Alt+Tab */
    assert_key("\x1b\r", IN_KEY_ENTER, IN_MOD_ALT);
    assert_key("\x1b\x7f", IN_KEY_BACKSPACE, IN_MOD_ALT);
    assert_key("\x1b\t", IN_KEY_TAB, IN_MOD_ALT);
    /* Alt+[ and Alt+O: the sequence starts are keys when nothing follows */
    input_init(&d);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"\x1b[", 2, ev, EVMAX), 0);
    ck_assert_uint_eq(input_flush(&d, ev), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_CHAR);
    ck_assert_int_eq(ev[0].ch, '[');
    ck_assert_int_eq(ev[0].mods, IN_MOD_ALT);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"\x1bO", 2, ev, EVMAX), 0);
    ck_assert_uint_eq(input_flush(&d, ev), 1);
    ck_assert_int_eq(ev[0].ch, 'O');
    ck_assert_int_eq(ev[0].mods, IN_MOD_ALT);
    /* ESC ESC: Esc, and the second ESC waits for what follows */
    input_init(&d);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"\x1b\x1b", 2, ev, EVMAX), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
    ck_assert_int_eq(ev[0].mods, 0);
    ck_assert_int_eq(input_pending(&d), 1);
    ck_assert_uint_eq(input_flush(&d, ev), 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
    /* ESC and a byte that is no key: nothing but the Esc */
    n = feeds("\x1b\x01", ev);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ev[0].key, IN_KEY_ESC);
}
END_TEST

/* F1, F2 and F10 were consumed as unknown sequences. */
START_TEST(test_function_keys)
{
    assert_key("\x1bOP", IN_KEY_F1, 0);
    assert_key("\x1b[11~", IN_KEY_F1, 0);
    assert_key("\x1b[[A", IN_KEY_F1, 0);          /* linux console */
    assert_key("\x1b[1;2P", IN_KEY_F1, IN_MOD_SHIFT);
    assert_key("\x1b[11;5~", IN_KEY_F1, IN_MOD_CTRL);
    assert_key("\x1b[21~", IN_KEY_F10, 0);
    assert_key("\x1b[21;2~", IN_KEY_F10, IN_MOD_SHIFT);
    /* F2: xterm's SS3 Q and CSI 1;m Q, vt220's CSI 12~, the linux console's */
    assert_key("\x1bOQ", IN_KEY_F2, 0);
    assert_key("\x1b[1;5Q", IN_KEY_F2, IN_MOD_CTRL);
    assert_key("\x1b[12~", IN_KEY_F2, 0);
    assert_key("\x1b[[B", IN_KEY_F2, 0);
}
END_TEST

static void assert_pasted(const in_event *ev, char ch)
{
    ck_assert_int_eq(ev->type, IN_EV_KEY);
    ck_assert_int_eq(ev->key, IN_KEY_CHAR);
    ck_assert_int_eq(ev->ch, ch);
    ck_assert_int_eq(ev->paste, 1);
}

/* Bracketed paste (xterm mode 2004): the markers were unknown sequences,
 * so pasted text ran as commands (q quit, Enter applied an entry). */
START_TEST(test_bracketed_paste)
{
    in_event ev[EVMAX];
    size_t n = feeds("\x1b[200~q1\r\n.\x1b[201~q", ev);

    ck_assert_uint_eq(n, 4);
    assert_pasted(&ev[0], 'q');
    assert_pasted(&ev[1], '1');
    assert_pasted(&ev[2], '.');
    /* after the end marker, keys are keys again */
    ck_assert_int_eq(ev[3].ch, 'q');
    ck_assert_int_eq(ev[3].paste, 0);
    /* typed keys are not flagged */
    n = feeds("q", ev);
    ck_assert_int_eq(ev[0].paste, 0);
    /* escape sequences and controls inside a paste are no keys */
    n = feeds("\x1b[200~a\x1b[A\x1bq\x03\t\x7f\x1b[<0;5;5M\x1b[M !!\x1bOPb\x1b[201~", ev);
    ck_assert_uint_eq(n, 5);
    assert_pasted(&ev[0], 'a');
    assert_pasted(&ev[1], ' ');       /* ESC [ M is only a sequence; its raw */
    assert_pasted(&ev[2], '!');       /* bytes are pasted text */
    assert_pasted(&ev[3], '!');
    assert_pasted(&ev[4], 'b');
    /* bytes >= 0x80 are dropped (IN_KEY_CHAR is ASCII) */
    ck_assert_uint_eq(feeds("\x1b[200~\xc3\xa9\x1b[201~", ev), 0);
    /* a stray end marker is nothing */
    ck_assert_uint_eq(feeds("\x1b[201~", ev), 0);
}
END_TEST

/* A paste split across reads, its end marker too. */
START_TEST(test_paste_split)
{
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];
    const char *s = "\x1b[200~xy\x1b[201~z";
    size_t i, n = 0, got;
    char chars[8];
    int pasted[8];

    input_init(&d);
    for (i = 0; s[i] != '\0'; i++) {
        got = input_push(&d, (unsigned char)s[i], ev);
        ck_assert_uint_le(got, 1);
        if (got == 1) {
            chars[n] = ev[0].ch;
            pasted[n++] = ev[0].paste;
        }
    }
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(chars[0], 'x');
    ck_assert_int_eq(pasted[0], 1);
    ck_assert_int_eq(chars[1], 'y');
    ck_assert_int_eq(pasted[1], 1);
    ck_assert_int_eq(chars[2], 'z');
    ck_assert_int_eq(pasted[2], 0);
    ck_assert_int_eq(input_in_paste(&d), 0);
}
END_TEST

/* A paste whose end marker never comes holds no more than the sequence
 * buffer, and the flush after the paste timeout ends it. */
START_TEST(test_paste_unterminated)
{
    input_decoder d;
    in_event ev[INPUT_EVENTS_MAX];
    size_t i;

    input_init(&d);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"\x1b[200~", 6, ev, 0), 0);
    ck_assert_int_eq(input_in_paste(&d), 1);
    ck_assert_int_eq(input_pending(&d), 0);
    for (i = 0; i < 100000; i++) {
        ck_assert_uint_le(input_push(&d, (unsigned char)(i % 3 == 0 ? 0x1b : '['), ev), 1);
        ck_assert_uint_le(d.len, INPUT_SEQ_MAX);
    }
    ck_assert_int_eq(input_in_paste(&d), 1);
    (void)input_flush(&d, ev);
    ck_assert_int_eq(input_in_paste(&d), 0);
    ck_assert_int_eq(input_pending(&d), 0);
    ck_assert_uint_eq(input_push(&d, 'q', ev), 1);
    ck_assert_int_eq(ev[0].ch, 'q');
    ck_assert_int_eq(ev[0].paste, 0);
    /* a flush in the middle of a paste's sequence: no Esc key */
    input_init(&d);
    ck_assert_uint_eq(input_feed(&d, (const unsigned char *)"\x1b[200~\x1b", 7, ev, 0), 0);
    ck_assert_uint_eq(input_flush(&d, ev), 0);
}
END_TEST

static Suite *input_suite(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("core");

    /* Check's default 4 s is too short on a loaded machine (make -j, the
     * sanitizers): these loops run about a second alone. */
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_printable_and_controls);
    tcase_add_test(tc, test_cursor_keys);
    tcase_add_test(tc, test_home_end_pages);
    tcase_add_test(tc, test_unknown_sequences_ignored);
    tcase_add_test(tc, test_lone_esc_and_flush);
    tcase_add_test(tc, test_esc_then_key);
    tcase_add_test(tc, test_sgr_mouse);
    tcase_add_test(tc, test_mouse_bad_coordinates);
    tcase_add_test(tc, test_legacy_mouse);
    tcase_add_test(tc, test_legacy_mouse_extremes);
    tcase_add_test(tc, test_urxvt_mouse);
    tcase_add_test(tc, test_overlong_sequence);
    tcase_add_test(tc, test_split_across_reads);
    tcase_add_test(tc, test_random_bytes_survive);
    tcase_add_test(tc, test_feed_counts_beyond_max);
    tcase_add_test(tc, test_constructors);
    tcase_add_test(tc, test_modifier_out_of_range);
    tcase_add_test(tc, test_alt_keys);
    tcase_add_test(tc, test_function_keys);
    tcase_add_test(tc, test_bracketed_paste);
    tcase_add_test(tc, test_paste_split);
    tcase_add_test(tc, test_paste_unterminated);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(input_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
