/* rig.c - several GPUs in one machine, times a number of machines: see
 * rig.h.
 *
 * rig_parse reads "TERM[+TERM...]" without ever looking past the NUL of
 * its argument: each term is bounded by the next '+' or the end, its count
 * is read digit by digit, and its device is copied into a small
 * NUL-terminated buffer before devices_catalog_resolve sees it. A GPU given
 * as a size keeps the whole spec as its name and id (rig.h), as a term
 * inside the spec is not NUL-terminated. */
#include <string.h>
#include <strings.h>

#include "model/rig.h"

/* The longest device part of a term rig_parse copies (a longer one is
 * RIG_ERR_DEVICE): a catalogued id is at most 31 characters
 * (data/devices.tsv header), a size ("0.5GiB", "24GiB") far less; 63
 * leaves room for a user catalog's ids and for long decimal sizes. */
#define RIG_DEVICE_MAX 63

/* The separator of terms, as a set for strcspn. */
#define RIG_SEP "+"

/* RIG_GPUS_MAX in the messages. */
#define RIG_STR_(x) #x
#define RIG_STR(x) RIG_STR_(x)

/* 1 for an ASCII digit, letter, or the count's 'x'/'X' (locale-free, as
 * the ids of data/devices.tsv are ASCII). */
static int rig_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int rig_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int rig_times(char ch)
{
    return ch == 'x' || ch == 'X';
}

/* The length of the count prefix of s[0 .. len): one or more digits and
 * the 'x' after them; 0 when the term has no count. Reads no further than
 * len, which never goes past the NUL. */
static size_t rig_count_len(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len && rig_digit(s[i]))
        i++;
    if (i == 0 || i >= len || !rig_times(s[i]))
        return 0;
    return i + 1;
}

int rig_is_spec(const char *arg)
{
    size_t n;

    if (arg == NULL)
        return 0;
    if (arg[strcspn(arg, RIG_SEP)] != '\0')
        return 1;
    /* "2xrtx-3090", "8X24GiB": digits, 'x', then a letter or a digit
     * (arg[n] is at most the NUL). "24GiB" and "2e10" have no 'x' after
     * their digits; "2x" alone has nothing after it. */
    n = rig_count_len(arg, strlen(arg));
    return n > 0 && (rig_letter(arg[n]) || rig_digit(arg[n]));
}

/* The count of a term's prefix s[0 .. n) (digits only, then the 'x'):
 * 1 .. RIG_GPUS_MAX, or -1 for 0, a leading zero ("02x") or more than
 * RIG_GPUS_MAX. */
static int rig_count_value(const char *s, size_t n)
{
    size_t i;
    int v = 0;

    if (n < 2 || (s[0] == '0' && n > 2))
        return -1;
    for (i = 0; i + 1 < n; i++) {
        v = v * 10 + (s[i] - '0');
        if (v > RIG_GPUS_MAX)
            return -1;
    }
    return v >= 1 ? v : -1;
}

/* 1 when d is one device that cannot share a machine with others: a Mac
 * (unified memory: several Macs are several machines, --nodes) or a phone. */
static int rig_alone(const qs_device *d)
{
    return d->kind == DEV_KIND_APPLE || d->kind == DEV_KIND_PHONE;
}

/* Resolves the device part s[0 .. n) of a term into *out: a catalogued id
 * (any case), else a size whose name and id are `label` (the whole spec).
 * Returns 0, or -1 when it is neither or longer than RIG_DEVICE_MAX. */
static int rig_device(const devices_catalog *c, const char *s, size_t n, const char *label,
                      qs_device *out)
{
    char buf[RIG_DEVICE_MAX + 1];

    if (n == 0 || n > RIG_DEVICE_MAX)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (devices_catalog_resolve(c, buf, out) != 0)
        return -1;
    /* A size: devices_from_bytes kept buf, which dies here, as the label. */
    if (out->id == buf || out->name == buf)
        out->id = out->name = label;
    return 0;
}

/* Sets the term at fault. */
static rig_error rig_fail(rig_error e, size_t at, size_t len, size_t *bad_at, size_t *bad_len)
{
    if (bad_at != NULL)
        *bad_at = at;
    if (bad_len != NULL)
        *bad_len = len;
    return e;
}

rig_error rig_parse(const devices_catalog *c, const char *arg, qs_rig *out, size_t *bad_at,
                    size_t *bad_len)
{
    qs_rig r;
    qs_device d;
    size_t pos = 0, len, cn, alone_at = 0, alone_len = 0;
    int count, k, alone = 0;

    if (arg == NULL || out == NULL)
        return rig_fail(RIG_ERR_EMPTY, 0, 0, bad_at, bad_len);
    memset(&r, 0, sizeof r);
    r.label = arg;
    r.nodes = 1;
    for (;;) {
        const char *t = arg + pos;

        len = strcspn(t, RIG_SEP);
        if (len == 0)
            return rig_fail(RIG_ERR_EMPTY, pos, 0, bad_at, bad_len);
        cn = rig_count_len(t, len);
        count = 1;
        if (cn > 0) {
            count = rig_count_value(t, cn);
            if (count < 0)
                return rig_fail(RIG_ERR_COUNT, pos, len, bad_at, bad_len);
        }
        if (rig_device(c, t + cn, len - cn, arg, &d) != 0)
            return rig_fail(RIG_ERR_DEVICE, pos, len, bad_at, bad_len);
        if (!d.is_gpu)
            return rig_fail(RIG_ERR_NOT_GPU, pos, len, bad_at, bad_len);
        /* A Mac or a phone is a machine of its own: alone in the rig. */
        if (rig_alone(&d) && (count > 1 || r.ngpu > 0))
            return rig_fail(RIG_ERR_NOT_GPU, pos, len, bad_at, bad_len);
        if (alone)
            return rig_fail(RIG_ERR_NOT_GPU, alone_at, alone_len, bad_at, bad_len);
        if (rig_alone(&d)) {
            alone = 1;
            alone_at = pos;
            alone_len = len;
        }
        if (count > RIG_GPUS_MAX - r.ngpu)
            return rig_fail(RIG_ERR_TOO_MANY, pos, len, bad_at, bad_len);
        for (k = 0; k < count; k++)
            r.gpu[r.ngpu++] = d;
        if (t[len] == '\0')
            break;
        pos += len + 1;     /* past the '+': a '+' at the end leaves "" */
    }
    *out = r;
    return RIG_OK;
}

int rig_of_device(const qs_device *d, qs_rig *out)
{
    if (d == NULL || out == NULL)
        return -1;
    memset(out, 0, sizeof *out);
    out->label = d->id;
    out->gpu[0] = *d;
    out->ngpu = 1;
    out->nodes = 1;
    return 0;
}

int rig_gpu_count(const qs_rig *r)
{
    return r != NULL ? r->ngpu * r->nodes : 0;
}

int rig_uniform(const qs_rig *r)
{
    int i;

    if (r == NULL || r->ngpu < 1 || r->ngpu > RIG_GPUS_MAX)
        return 0;
    for (i = 1; i < r->ngpu; i++) {
        const qs_device *a = &r->gpu[0], *b = &r->gpu[i];

        /* GPUs given as sizes all carry the spec as id: their capacity
         * tells them apart. */
        if (a->id == NULL || b->id == NULL || strcasecmp(a->id, b->id) != 0 ||
            a->capacity_gib != b->capacity_gib)
            return 0;
    }
    return 1;
}

int rig_as_device(const qs_rig *r, qs_device *out)
{
    double sum = 0.0;
    int i;

    if (r == NULL || out == NULL || r->ngpu < 1 || r->ngpu > RIG_GPUS_MAX || r->nodes < 1)
        return -1;
    for (i = 0; i < r->ngpu; i++)
        sum += r->gpu[i].capacity_gib;
    *out = r->gpu[0];
    out->id = out->name = r->label;
    out->capacity_gib = sum * r->nodes;
    return 0;
}

const char *rig_error_text(rig_error e)
{
    switch (e) {
    case RIG_OK:
        return "";
    case RIG_ERR_EMPTY:
        return "empty part between '+'";
    case RIG_ERR_COUNT:
        return "count must be 1 to " RIG_STR(RIG_GPUS_MAX);
    case RIG_ERR_DEVICE:
        return "is not a device of the catalog or a size (24GiB)";
    case RIG_ERR_NOT_GPU:
        return "cannot be part of a rig (a laptop, board or this machine's RAM is not a GPU; "
               "a Mac or phone is one device: several are --nodes)";
    case RIG_ERR_TOO_MANY:
        return "more than " RIG_STR(RIG_GPUS_MAX) " GPUs in one machine";
    }
    return "";
}
