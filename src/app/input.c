/* input.c - terminal input bytes to key and mouse events.
 *
 * Sequences follow xterm's ctlseqs ("XTerm Control Sequences", sections
 * "PC-Style Function Keys" and "Mouse Tracking"). */
#include <string.h>

#include "app/input.h"

/* Bytes with a meaning of their own. */
#define INPUT_ESC 0x1b
#define INPUT_DEL 0x7f
#define INPUT_BS 0x08
#define INPUT_TAB 0x09
#define INPUT_LF 0x0a
#define INPUT_CR 0x0d
#define INPUT_ETX 0x03     /* Ctrl-C */
#define INPUT_FF 0x0c      /* Ctrl-L */
#define INPUT_ACK 0x06     /* Ctrl-F */
#define INPUT_CSI_INTRO '['
#define INPUT_SS3_INTRO 'O'
/* The linux console's F1-F5: ESC [ [ then A-E (console_codes(4)). */
#define INPUT_LINUX_FKEY '['
#define INPUT_LINUX_F1 'A'
#define INPUT_LINUX_F2 'B'

/* Bracketed paste (xterm ctlseqs "Bracketed Paste Mode"): the text comes
 * between CSI 200 ~ and CSI 201 ~. The parameter bytes after ESC [: */
#define INPUT_PASTE_START "200"
#define INPUT_PASTE_END "201"
#define INPUT_PASTE_FINAL '~'

/* Byte classes inside a CSI sequence (ECMA-48 5.4). */
#define INPUT_CSI_PARAM_LO 0x20    /* parameters and intermediates: 0x20-0x3f */
#define INPUT_CSI_PARAM_HI 0x3f
#define INPUT_CSI_FINAL_LO 0x40    /* final bytes: 0x40-0x7e */
#define INPUT_CSI_FINAL_HI 0x7e
#define INPUT_PRINT_LO 0x20
#define INPUT_PRINT_HI 0x7e

/* Legacy X10 mouse: ESC [ M then three bytes, each value + 32. */
#define INPUT_X10_LEN 6
#define INPUT_X10_OFFSET 32

/* Mouse button code bits (xterm ctlseqs "Mouse Tracking"). */
#define INPUT_MB_LOW 3
#define INPUT_MB_SHIFT 4
#define INPUT_MB_META 8
#define INPUT_MB_CTRL 16
#define INPUT_MB_MOTION 32
#define INPUT_MB_WHEEL 64
#define INPUT_MB_EXTRA 128
#define INPUT_MB_RELEASE 3

/* The modifier bits an event may carry; xterm's Meta (8) and higher are dropped. */
#define INPUT_MODS (IN_MOD_SHIFT | IN_MOD_ALT | IN_MOD_CTRL)

/* Parameters kept from one CSI sequence. */
#define INPUT_PARAMS_MAX 8

/* CSI n ~ key numbers (vt220 / xterm / rxvt). */
typedef struct {
    int num;
    in_key key;
} input_tilde_key;

static const input_tilde_key input_tilde_keys[] = {
    { 1, IN_KEY_HOME }, { 7, IN_KEY_HOME },
    { 4, IN_KEY_END }, { 8, IN_KEY_END },
    { 5, IN_KEY_PGUP }, { 6, IN_KEY_PGDN },
    { 11, IN_KEY_F1 }, { 12, IN_KEY_F2 }, { 21, IN_KEY_F10 },
};

/* CSI and SS3 final letters for cursor keys. */
typedef struct {
    unsigned char final;
    in_key key;
    int mods;
} input_letter_key;

static const input_letter_key input_letter_keys[] = {
    { 'A', IN_KEY_UP, 0 }, { 'B', IN_KEY_DOWN, 0 },
    { 'C', IN_KEY_RIGHT, 0 }, { 'D', IN_KEY_LEFT, 0 },
    { 'H', IN_KEY_HOME, 0 }, { 'F', IN_KEY_END, 0 },
    /* rxvt: Shift+arrows as CSI a-d */
    { 'a', IN_KEY_UP, IN_MOD_SHIFT }, { 'b', IN_KEY_DOWN, IN_MOD_SHIFT },
    { 'c', IN_KEY_RIGHT, IN_MOD_SHIFT }, { 'd', IN_KEY_LEFT, IN_MOD_SHIFT },
    { 'Z', IN_KEY_BTAB, 0 },
    /* F1, F2: SS3 P / Q, and CSI 1;m P / Q with modifiers (xterm) */
    { 'P', IN_KEY_F1, 0 }, { 'Q', IN_KEY_F2, 0 },
};

#define INPUT_N(a) (sizeof(a) / sizeof((a)[0]))

in_event input_key(in_key key, char ch, int mods)
{
    in_event ev;

    memset(&ev, 0, sizeof ev);
    ev.type = IN_EV_KEY;
    ev.key = key;
    ev.ch = ch;
    ev.mods = mods;
    ev.button = -1;
    return ev;
}

in_event input_mouse(in_mouse action, int button, int x, int y, int mods)
{
    in_event ev;

    memset(&ev, 0, sizeof ev);
    ev.type = IN_EV_MOUSE;
    ev.action = action;
    ev.button = button;
    ev.x = x;
    ev.y = y;
    ev.mods = mods;
    return ev;
}

in_event input_resize(int cols, int rows)
{
    in_event ev;

    memset(&ev, 0, sizeof ev);
    ev.type = IN_EV_RESIZE;
    ev.button = -1;
    ev.cols = cols;
    ev.rows = rows;
    return ev;
}

void input_init(input_decoder *d)
{
    memset(d, 0, sizeof *d);
}

int input_pending(const input_decoder *d)
{
    return d->len > 0;
}

int input_in_paste(const input_decoder *d)
{
    return d->paste;
}

/* Ends the sequence held; a paste goes on. */
static void input_reset(input_decoder *d)
{
    d->len = 0;
    d->skipping = 0;
}

/* 1 when the finished CSI seq[0..len) with final byte `final` is ESC [
 * params final with exactly these parameter bytes. */
static int input_csi_is(const unsigned char *seq, size_t len, unsigned char final,
                        const char *params, unsigned char want_final)
{
    size_t n = strlen(params);

    return final == want_final && len == 2 + n && memcmp(seq + 2, params, n) == 0;
}

/* A mouse event from a button code (offset already removed), 1-based
 * coordinates (0 or less: unknown) and whether an SGR 'm' said release.
 * Returns 0 for reports that are ignored (extra buttons, horizontal wheel). */
static int input_mouse_event(int cb, int x1, int y1, int sgr_release, in_event *ev)
{
    int low = cb & INPUT_MB_LOW;
    int mods = 0;
    int x = x1 > 0 ? x1 - 1 : -1;
    int y = y1 > 0 ? y1 - 1 : -1;

    if (cb < 0 || (cb & INPUT_MB_EXTRA))
        return 0;
    if (cb & INPUT_MB_SHIFT)
        mods |= IN_MOD_SHIFT;
    if (cb & INPUT_MB_META)
        mods |= IN_MOD_ALT;
    if (cb & INPUT_MB_CTRL)
        mods |= IN_MOD_CTRL;
    if (cb & INPUT_MB_WHEEL) {
        if (low > 1)
            return 0;      /* horizontal wheel */
        *ev = input_mouse(low == 0 ? IN_MOUSE_WHEEL_UP : IN_MOUSE_WHEEL_DOWN, -1, x, y, mods);
        return 1;
    }
    if (cb & INPUT_MB_MOTION) {
        if (low == INPUT_MB_RELEASE)
            *ev = input_mouse(IN_MOUSE_MOVE, -1, x, y, mods);
        else
            *ev = input_mouse(IN_MOUSE_DRAG, low, x, y, mods);
        return 1;
    }
    if (sgr_release)
        *ev = input_mouse(IN_MOUSE_RELEASE, low == INPUT_MB_RELEASE ? -1 : low, x, y, mods);
    else if (low == INPUT_MB_RELEASE)
        *ev = input_mouse(IN_MOUSE_RELEASE, -1, x, y, mods);
    else
        *ev = input_mouse(IN_MOUSE_PRESS, low, x, y, mods);
    return 1;
}

/* Decodes a complete CSI sequence: seq[0..len) is ESC [ params..., `final`
 * is its final byte. Returns 1 and fills *ev for a known sequence. */
static int input_csi(const unsigned char *seq, size_t len, unsigned char final, in_event *ev)
{
    long params[INPUT_PARAMS_MAX];
    size_t np = 0, i = 2, k;
    unsigned char priv = 0;
    int have_digit = 0, mods;

    memset(params, 0, sizeof params);
    if (i < len && seq[i] >= '<' && seq[i] <= '?')
        priv = seq[i++];
    for (; i < len; i++) {
        unsigned char c = seq[i];
        if (c >= '0' && c <= '9') {
            if (np < INPUT_PARAMS_MAX) {
                params[np] = params[np] * 10 + (c - '0');
                if (params[np] > INPUT_NUM_MAX)
                    params[np] = INPUT_NUM_MAX;
            }
            have_digit = 1;
        } else if (c == ';' || c == ':') {
            np++;
            have_digit = 1;
        } else {
            return 0;      /* an intermediate byte or a private marker in
                              the middle: nothing we know */
        }
    }
    if (have_digit)
        np++;
    if (np > INPUT_PARAMS_MAX)
        np = INPUT_PARAMS_MAX;

    if (priv == '<') {
        if ((final == 'M' || final == 'm') && np >= 3)
            return input_mouse_event((int)params[0], (int)params[1], (int)params[2],
                                     final == 'm', ev);
        return 0;
    }
    if (priv != 0)
        return 0;
    if (final == 'M' && np >= 3)       /* urxvt 1015: CSI b;x;y M */
        return input_mouse_event((int)params[0] - INPUT_X10_OFFSET, (int)params[1],
                                 (int)params[2], 0, ev);
    mods = np >= 2 && params[1] >= 1 ? (int)((params[1] - 1) & INPUT_MODS) : 0;
    if (final == '~') {
        for (k = 0; k < INPUT_N(input_tilde_keys); k++)
            if (input_tilde_keys[k].num == params[0]) {
                *ev = input_key(input_tilde_keys[k].key, 0, mods);
                return 1;
            }
        return 0;
    }
    for (k = 0; k < INPUT_N(input_letter_keys); k++)
        if (input_letter_keys[k].final == final) {
            *ev = input_key(input_letter_keys[k].key, 0, mods | input_letter_keys[k].mods);
            return 1;
        }
    return 0;
}

/* A byte outside any sequence. Returns 1 when it made an event. */
static int input_ground(input_decoder *d, unsigned char b, in_event *ev)
{
    switch (b) {
    case INPUT_ESC:
        d->seq[0] = b;
        d->len = 1;
        d->skipping = 0;
        return 0;
    case INPUT_CR:
    case INPUT_LF:
        *ev = input_key(IN_KEY_ENTER, 0, 0);
        return 1;
    case INPUT_DEL:
    case INPUT_BS:
        *ev = input_key(IN_KEY_BACKSPACE, 0, 0);
        return 1;
    case INPUT_TAB:
        *ev = input_key(IN_KEY_TAB, 0, 0);
        return 1;
    case INPUT_ETX:
        *ev = input_key(IN_KEY_CTRL_C, 0, 0);
        return 1;
    case INPUT_FF:
        *ev = input_key(IN_KEY_CTRL_L, 0, 0);
        return 1;
    case INPUT_ACK:
        *ev = input_key(IN_KEY_CTRL_F, 0, 0);
        return 1;
    default:
        break;
    }
    if (b >= INPUT_PRINT_LO && b <= INPUT_PRINT_HI) {
        *ev = input_key(IN_KEY_CHAR, (char)b, 0);
        return 1;
    }
    return 0;              /* other controls, bytes >= 0x80 */
}

/* A byte inside a paste, outside any sequence: printable ASCII is pasted
 * text, ESC may start the end marker, everything else is dropped. */
static int input_paste_ground(input_decoder *d, unsigned char b, in_event *ev)
{
    if (b == INPUT_ESC) {
        d->seq[0] = b;
        d->len = 1;
        d->skipping = 0;
        return 0;
    }
    if (b >= INPUT_PRINT_LO && b <= INPUT_PRINT_HI) {
        *ev = input_key(IN_KEY_CHAR, (char)b, 0);
        ev->paste = 1;
        return 1;
    }
    return 0;
}

/* A byte outside any sequence, in or out of a paste. */
static size_t input_byte(input_decoder *d, unsigned char b, in_event *ev)
{
    return (size_t)(d->paste ? input_paste_ground(d, b, ev) : input_ground(d, b, ev));
}

/* The byte after a lone ESC (not '[' or 'O'). Outside a paste ESC and a
 * key are that key with Alt; ESC ESC is the Esc key, the second ESC
 * starting over; ESC and a byte that is no key is the Esc key. Inside a
 * paste ESC and the byte are dropped (ESC ESC starts over). */
static size_t input_after_esc(input_decoder *d, unsigned char b, in_event *ev)
{
    input_reset(d);
    if (b == INPUT_ESC) {
        (void)input_paste_ground(d, b, ev);    /* holds the new ESC */
        if (d->paste)
            return 0;
        *ev = input_key(IN_KEY_ESC, 0, 0);
        return 1;
    }
    if (d->paste)
        return 0;
    if (input_ground(d, b, ev)) {
        ev->mods |= IN_MOD_ALT;
        return 1;
    }
    *ev = input_key(IN_KEY_ESC, 0, 0);
    return 1;
}

/* The byte after ESC O: the SS3 final. */
static size_t input_ss3(input_decoder *d, unsigned char b, in_event *ev)
{
    size_t k;

    input_reset(d);
    if (b < INPUT_CSI_FINAL_LO || b > INPUT_CSI_FINAL_HI)
        return input_byte(d, b, ev);
    if (d->paste)
        return 0;
    for (k = 0; k < INPUT_N(input_letter_keys); k++)
        if (input_letter_keys[k].final == b && b <= 'Z') {
            *ev = input_key(input_letter_keys[k].key, 0, 0);
            return 1;
        }
    return 0;
}

/* The byte after ESC [ [ (the linux console's F1-F5; F1 and F2 known). */
static size_t input_linux_fkey(input_decoder *d, unsigned char b, in_event *ev)
{
    input_reset(d);
    if (b < INPUT_CSI_FINAL_LO || b > INPUT_CSI_FINAL_HI)
        return input_byte(d, b, ev);
    if (d->paste || (b != INPUT_LINUX_F1 && b != INPUT_LINUX_F2))
        return 0;
    *ev = input_key(b == INPUT_LINUX_F1 ? IN_KEY_F1 : IN_KEY_F2, 0, 0);
    return 1;
}

/* A finished CSI sequence: the paste markers, else a key or mouse report
 * (none inside a paste). */
static size_t input_csi_done(input_decoder *d, unsigned char b, in_event *ev)
{
    int skipping = d->skipping;
    size_t len = d->len;

    input_reset(d);
    if (skipping)
        return 0;
    if (d->paste) {
        if (input_csi_is(d->seq, len, b, INPUT_PASTE_END, INPUT_PASTE_FINAL))
            d->paste = 0;
        return 0;
    }
    if (input_csi_is(d->seq, len, b, INPUT_PASTE_START, INPUT_PASTE_FINAL)) {
        d->paste = 1;
        return 0;
    }
    return (size_t)input_csi(d->seq, len, b, ev);
}

size_t input_push(input_decoder *d, unsigned char b, in_event out[INPUT_EVENTS_MAX])
{
    if (d->len == 0)
        return input_byte(d, b, &out[0]);

    if (d->len == 1) {                 /* after a lone ESC */
        if (b == INPUT_CSI_INTRO || b == INPUT_SS3_INTRO) {
            d->seq[d->len++] = b;
            return 0;
        }
        return input_after_esc(d, b, &out[0]);
    }

    if (d->seq[1] == INPUT_SS3_INTRO)  /* SS3: one final byte */
        return input_ss3(d, b, &out[0]);

    /* CSI */
    if (d->len == 3 && d->seq[2] == INPUT_LINUX_FKEY)
        return input_linux_fkey(d, b, &out[0]);
    if (d->len >= 3 && d->seq[2] == 'M') {  /* legacy X10 mouse: 3 raw bytes */
        d->seq[d->len++] = b;
        if (d->len < INPUT_X10_LEN)
            return 0;
        {
            int cb = d->seq[3] - INPUT_X10_OFFSET;
            int x = d->seq[4] - INPUT_X10_OFFSET;
            int y = d->seq[5] - INPUT_X10_OFFSET;
            input_reset(d);
            return (size_t)input_mouse_event(cb, x, y, 0, &out[0]);
        }
    }
    if (b >= INPUT_CSI_PARAM_LO && b <= INPUT_CSI_PARAM_HI) {
        if (d->len < INPUT_SEQ_MAX)
            d->seq[d->len++] = b;
        else
            d->skipping = 1;
        return 0;
    }
    if (b >= INPUT_CSI_FINAL_LO && b <= INPUT_CSI_FINAL_HI) {
        /* ESC [ M starts a legacy mouse report, ESC [ [ a linux console
         * F-key; inside a paste both are plain (dropped) sequences. */
        if ((b == 'M' || b == INPUT_LINUX_FKEY) && d->len == 2 && !d->skipping && !d->paste) {
            d->seq[d->len++] = b;
            return 0;
        }
        return input_csi_done(d, b, &out[0]);
    }
    /* A control byte or >= 0x7f cuts the sequence off: drop it, then the
     * byte counts on its own (it may start a new sequence). */
    input_reset(d);
    return input_byte(d, b, &out[0]);
}

size_t input_flush(input_decoder *d, in_event out[INPUT_EVENTS_MAX])
{
    int outside = !d->paste && !d->skipping;
    int lone_esc = outside && d->len == 1;
    int intro = outside && d->len == 2 ? d->seq[1] : 0;

    input_reset(d);
    d->paste = 0;          /* a paste whose end marker was lost ends here */
    if (lone_esc) {
        out[0] = input_key(IN_KEY_ESC, 0, 0);
        return 1;
    }
    if (intro == INPUT_CSI_INTRO || intro == INPUT_SS3_INTRO) {
        out[0] = input_key(IN_KEY_CHAR, (char)intro, IN_MOD_ALT);   /* Alt+[, Alt+O */
        return 1;
    }
    return 0;
}

size_t input_feed(input_decoder *d, const unsigned char *bytes, size_t n,
                  in_event *out, size_t max)
{
    size_t i, total = 0;

    for (i = 0; i < n; i++) {
        in_event evs[INPUT_EVENTS_MAX];
        size_t k, got = input_push(d, bytes[i], evs);
        for (k = 0; k < got; k++, total++)
            if (total < max)
                out[total] = evs[k];
    }
    return total;
}
