/* input.h - a pure decoder from terminal input bytes to key and mouse events.
 *
 * Layer 2 (app): no I/O, no curses. The front end reads stdin itself and
 * feeds every byte here; ncurses is used for output only. The decoder holds
 * at most INPUT_SEQ_MAX bytes of an unfinished escape sequence and survives
 * any byte stream: overlong or cut-off sequences are dropped, coordinates are
 * saturated, and nothing is ever read or written out of bounds.
 *
 * Understood: printable ASCII, Enter (CR, LF), Backspace (DEL, BS), Tab,
 * Shift-Tab (CSI Z), Esc, Ctrl-C, Ctrl-L, arrows (CSI A-D, SS3 A-D, with
 * modifiers as CSI 1;m X, rxvt's CSI a-d as Shift), Home/End (CSI H/F, SS3
 * H/F, CSI 1~ 7~ / 4~ 8~), PgUp/PgDn (CSI 5~ / 6~), F1 (SS3 P, CSI 11~,
 * CSI 1;m P, the linux console's CSI [ A), F10 (CSI 21~), SGR mouse
 * (CSI < b;x;y M/m, mode 1006), urxvt mouse (CSI b;x;y M, mode 1015),
 * legacy X10 mouse (CSI M cb cx cy, each +32) and bracketed paste (mode
 * 2004, below). Other CSI and SS3 sequences are consumed and ignored; other
 * control bytes and bytes >= 0x80 outside a sequence are ignored.
 *
 * ESC: a lone ESC (nothing follows within the loop's ESC timeout, which
 * then calls input_flush()) is the Esc key. ESC followed at once by a byte
 * that is a key on its own (printable, Enter, Tab, Backspace, Ctrl-C,
 * Ctrl-L, Ctrl-F) is that key with IN_MOD_ALT (Alt+x as terminals send it); ESC [
 * and ESC O with nothing after them are Alt+[ and Alt+O. ESC ESC is the
 * Esc key, and the second ESC starts over (so ESC ESC [ C is Esc, Right).
 * ESC and a byte that is no key (e.g. Ctrl-A, >= 0x80) is the Esc key.
 *
 * Bracketed paste: between CSI 200 ~ and CSI 201 ~ every printable ASCII
 * byte is an IN_KEY_CHAR with `paste` set; nothing else inside is a key:
 * Enter, Tab and other controls, bytes >= 0x80 and whole escape sequences
 * (CSI, SS3, ESC x) are dropped. A paste holds no more state than a flag
 * and the sequence buffer; one whose end marker never comes ends at the
 * next input_flush() (the loop calls it after a pause in the input, see
 * input_in_paste()). */
#ifndef QS_INPUT_H
#define QS_INPUT_H

#include <stddef.h>

/* Longest escape sequence kept; longer ones are skipped to their end. */
#define INPUT_SEQ_MAX 32
/* Most events one call to input_push() or input_flush() can produce. */
#define INPUT_EVENTS_MAX 2
/* Numbers inside a sequence saturate here (coordinates, parameters). */
#define INPUT_NUM_MAX 99999

typedef enum {
    IN_EV_KEY,             /* a key: see in_key */
    IN_EV_MOUSE,           /* a mouse report: see in_mouse */
    IN_EV_RESIZE           /* the terminal size changed (made by the loop) */
} in_ev_type;

typedef enum {
    IN_KEY_CHAR,           /* printable ASCII in `ch` */
    IN_KEY_ENTER,
    IN_KEY_BACKSPACE,
    IN_KEY_TAB,
    IN_KEY_BTAB,           /* Shift-Tab */
    IN_KEY_ESC,
    IN_KEY_CTRL_C,
    IN_KEY_CTRL_L,
    IN_KEY_CTRL_F,         /* byte 0x06 */
    IN_KEY_UP,
    IN_KEY_DOWN,
    IN_KEY_LEFT,
    IN_KEY_RIGHT,
    IN_KEY_HOME,
    IN_KEY_END,
    IN_KEY_PGUP,
    IN_KEY_PGDN,
    IN_KEY_F1,             /* SS3 P, CSI 11~, CSI 1;m P, linux console CSI [ A */
    IN_KEY_F2,             /* SS3 Q, CSI 12~, CSI 1;m Q, linux console CSI [ B */
    IN_KEY_F10             /* CSI 21~ */
} in_key;

/* Modifier bits, as xterm encodes them (parameter - 1). */
#define IN_MOD_SHIFT 1
#define IN_MOD_ALT 2
#define IN_MOD_CTRL 4

typedef enum {
    IN_MOUSE_PRESS,
    IN_MOUSE_RELEASE,
    IN_MOUSE_DRAG,         /* motion with a button held (bit 32) */
    IN_MOUSE_MOVE,         /* motion without a button (mode 1003 only) */
    IN_MOUSE_WHEEL_UP,
    IN_MOUSE_WHEEL_DOWN
} in_mouse;

typedef struct {
    in_ev_type type;
    in_key key;            /* IN_EV_KEY */
    char ch;               /* IN_KEY_CHAR: the character */
    int mods;              /* IN_MOD_* bits (keys and mouse) */
    in_mouse action;       /* IN_EV_MOUSE */
    int button;            /* 0 left, 1 middle, 2 right; -1 unknown (legacy release) */
    int x, y;              /* IN_EV_MOUSE: 0-based cell; -1 when the terminal
                              sent 0 or a coordinate it cannot encode */
    int cols, rows;        /* IN_EV_RESIZE: the new size */
    int paste;             /* IN_KEY_CHAR: 1 when the character came inside a
                              bracketed paste (never a command) */
} in_event;

typedef struct {
    unsigned char seq[INPUT_SEQ_MAX];
    size_t len;            /* bytes of the sequence held, starting with ESC */
    int skipping;          /* 1 while discarding an overlong CSI to its end */
    int paste;             /* 1 inside a bracketed paste */
} input_decoder;

/* Empties the decoder. */
void input_init(input_decoder *d);

/* Feeds one byte. Writes 0 to INPUT_EVENTS_MAX events to out and returns
 * how many. */
size_t input_push(input_decoder *d, unsigned char byte, in_event out[INPUT_EVENTS_MAX]);

/* Tells the decoder no byte followed within the timeout: a held lone ESC
 * becomes the Esc key, ESC [ or ESC O Alt+[ or Alt+O, any other unfinished
 * sequence is dropped, and a paste ends (inside one, nothing becomes a
 * key). Returns the number of events written to out (0 or 1). */
size_t input_flush(input_decoder *d, in_event out[INPUT_EVENTS_MAX]);

/* 1 when the decoder holds an unfinished sequence (the loop then waits at
 * most the ESC timeout before calling input_flush()). */
int input_pending(const input_decoder *d);

/* 1 inside a bracketed paste. The loop then waits a longer paste timeout
 * (a paste comes in bursts) before it calls input_flush(), which ends a
 * paste whose end marker was lost. */
int input_in_paste(const input_decoder *d);

/* Decodes a whole buffer as if pushed byte by byte, without a flush:
 * writes at most max events to out and returns how many were produced
 * (events beyond max are counted but dropped). For tests and fuzzing. */
size_t input_feed(input_decoder *d, const unsigned char *bytes, size_t n,
                  in_event *out, size_t max);

/* A key event; a mouse event (for tests and the loop). */
in_event input_key(in_key key, char ch, int mods);
in_event input_mouse(in_mouse action, int button, int x, int y, int mods);

/* A resize event for a cols x rows terminal. */
in_event input_resize(int cols, int rows);

#endif
