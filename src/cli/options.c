/* options.c - the command line: GNU-style options into one struct.
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize (the quoted values are bounded, so the hint always fits in
 * OPTIONS_ERROR_SIZE); options_usage's fputs error shows in ferror(fp),
 * which main checks before exiting. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/fmt.h"
#include "cli/options.h"
#include "model/fit.h"
#include "model/kvcache.h"
#include "model/memory.h"
#include "model/parse.h"

/* Long options without a short form. */
enum {
    OPT_FROM = 256,
    OPT_TO,
    OPT_ALL_FORMATS,
    OPT_JSON,
    OPT_CTX,
    OPT_BATCH,
    OPT_KV_BITS,
    OPT_KV_FORMAT,
    OPT_OVERHEAD,
    OPT_DEVICE,
    OPT_APPLE_SHARE,
    OPT_CHECK,
    OPT_FIT,
    OPT_LIST_MODELS,
    OPT_LIST_DEVICES,
    OPT_LIST_FORMATS,
    OPT_HOST
};

/* Suggestions offered for an unknown preset or device name. */
#define OPTIONS_SUGGESTIONS 3
/* Most sequences --batch accepts. */
#define OPTIONS_BATCH_MAX 4096
/* Most characters of a value quoted in a message; longer ones are cut and
 * end in OPTIONS_CUT_MARK. */
#define OPTIONS_QUOTE_MAX 48
#define OPTIONS_CUT_MARK "..."
/* Room for a quoted value with its cut mark and NUL. */
#define OPTIONS_QUOTE_SIZE (OPTIONS_QUOTE_MAX + sizeof OPTIONS_CUT_MARK)
/* ASCII: bytes below this are control characters, as is DEL. */
#define OPTIONS_ASCII_SPACE ' '
#define OPTIONS_ASCII_DEL 127
/* Stands for a control byte in a quoted value. */
#define OPTIONS_CONTROL_MARK '?'
/* Room for the "did you mean ..." part of a message, and for a hint. */
#define OPTIONS_HINT_SIZE 192

static const char options_short[] = ":p:b:f:tijhV";

static const struct option options_long[] = {
    { "params", required_argument, NULL, 'p' },
    { "model", required_argument, NULL, 'p' },
    { "bits", required_argument, NULL, 'b' },
    { "format", required_argument, NULL, 'f' },
    { "from", required_argument, NULL, OPT_FROM },
    { "to", required_argument, NULL, OPT_TO },
    { "table", no_argument, NULL, 't' },
    { "all-formats", no_argument, NULL, OPT_ALL_FORMATS },
    { "json", no_argument, NULL, OPT_JSON },
    { "interactive", no_argument, NULL, 'i' },
    { "ctx", required_argument, NULL, OPT_CTX },
    { "batch", required_argument, NULL, OPT_BATCH },
    { "kv-bits", required_argument, NULL, OPT_KV_BITS },
    { "kv-format", required_argument, NULL, OPT_KV_FORMAT },
    { "overhead", required_argument, NULL, OPT_OVERHEAD },
    { "device", required_argument, NULL, OPT_DEVICE },
    { "apple-share", required_argument, NULL, OPT_APPLE_SHARE },
    { "check", no_argument, NULL, OPT_CHECK },
    { "fit", no_argument, NULL, OPT_FIT },
    { "list-models", no_argument, NULL, OPT_LIST_MODELS },
    { "list-devices", no_argument, NULL, OPT_LIST_DEVICES },
    { "list-formats", no_argument, NULL, OPT_LIST_FORMATS },
    { "host", no_argument, NULL, OPT_HOST },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

#define OPTIONS_SIZE_HINT "expected e.g. 7B, 350M, 1.5T, 7e9 or a preset such as llama-3.1-8b"
#define OPTIONS_PRECISION_HINT \
    "expected bits in (0, 64] such as 4 or 4.5, or a name from --list-formats such as q4_k_m"

void options_usage(FILE *fp)
{
    (void)fputs("Usage: quantscope [OPTION]...\n"
                "What does a model cost in memory at a given precision, and where does it fit?\n"
                "\n"
                "With no report option on a terminal, the interactive front end starts;\n"
                "otherwise the footprint table of a 7B model is printed.\n"
                "\n"
                "Model and precision:\n"
                "  -p, --params SIZE     model size (7B, 350M, 1.5T, 7e9) or preset name\n"
                "                        (llama-3.1-8b, ...); default 7B\n"
                "      --model SIZE      the same as --params\n"
                "  -b, --bits BITS       bits per weight, in (0, 64] (or a name, as -f)\n"
                "  -f, --format NAME     a named precision: fp32, fp16, bf16, fp8, int8, int4,\n"
                "                        int2, q8_0, q6_k, q5_k_m, q4_k_m, q4_0, iq4_xs, ...\n"
                "\n"
                "Reports:\n"
                "  -t, --table           footprint at FP32, FP16, INT8, INT4 and INT2\n"
                "      --all-formats     with --table: every named precision\n"
                "      --from X --to Y   savings from one precision (bits or name) to another\n"
                "      --json            print JSON instead of text (full-precision numbers)\n"
                "  -i, --interactive     start the front end at the given model and precision\n"
                "\n"
                "Hardware fit (weights + KV cache + runtime overhead):\n"
                "      --fit             the fit on this machine (RAM and each GPU found)\n"
                "      --device D        a device by name (rtx-4090, h100-sxm, m3-max-64, ...)\n"
                "                        or size (24GiB, 16GB); repeatable, implies --fit\n"
                "      --check           exit 0 when it fits on the first device (this machine\n"
                "                        when none is named), 1 when it does not\n"
                "      --ctx N           context tokens (4096, 8k, 128k; default 4096)\n"
                "      --batch N         sequences sharing the device (1 to 4096; default 1)\n"
                "      --kv-format T     KV cache type: f16 (default), q8_0, q4_0, ...\n"
                "      --kv-bits B       KV cache bits per element instead (e.g. 8.5)\n"
                "      --overhead SIZE   runtime overhead (default 0.5GiB; e.g. 1GiB, 800MB)\n"
                "      --apple-share F   share of unified memory Apple's GPU may use\n"
                "                        (0.75 by default; e.g. 0.9 or 90%)\n"
                "      --list-models     the model presets\n"
                "      --list-devices    the device catalog\n"
                "      --list-formats    the named precisions\n"
                "      --host            what was found on this machine, and where\n"
                "\n"
                "  -h, --help            show this help and exit\n"
                "  -V, --version         show the version and exit\n"
                "\n"
                "Footprint in GiB = params x bits / 8 / 1024^3 (weights only).\n"
                "Exit status: 0 success, 1 output could not be written, the terminal failed, or\n"
                "(with --check) it does not fit; 2 usage error.\n"
                "\n"
                "Examples:\n"
                "  quantscope --table -p 70B\n"
                "  quantscope -p llama-3.1-8b -f q4_k_m\n"
                "  quantscope -p 7B --from fp16 --to 4 --json\n"
                "  quantscope -p llama-3.1-70b -f q4_k_m --device rtx-4090 --device h100-sxm\n"
                "  quantscope -p llama-3.1-8b -f q4_k_m --ctx 32k --check --device 8GB\n",
                fp);
}

/* value as a message may quote it: at most OPTIONS_QUOTE_MAX characters
 * (then OPTIONS_CUT_MARK), each control byte replaced by
 * OPTIONS_CONTROL_MARK, so the message stays one short line. buf must hold
 * OPTIONS_QUOTE_SIZE bytes; returns buf. */
static const char *options_quote(char buf[OPTIONS_QUOTE_SIZE], const char *value)
{
    size_t i;

    for (i = 0; value[i] != '\0' && i < OPTIONS_QUOTE_MAX; i++) {
        unsigned char c = (unsigned char)value[i];
        buf[i] = (c < OPTIONS_ASCII_SPACE || c == OPTIONS_ASCII_DEL) ? OPTIONS_CONTROL_MARK
                                                                     : value[i];
    }
    buf[i] = '\0';
    if (value[i] != '\0')
        memcpy(buf + i, OPTIONS_CUT_MARK, sizeof OPTIONS_CUT_MARK);
    return buf;
}

/* Sets err to "WHAT 'VALUE' (HINT)" with VALUE quoted by options_quote;
 * returns -1 for convenience. */
static int options_fail(char *err, size_t errsize, const char *what, const char *value,
                        const char *hint)
{
    char q[OPTIONS_QUOTE_SIZE];

    (void)snprintf(err, errsize, "%s '%s' (%s)", what, options_quote(q, value), hint);
    return -1;
}

/* Writes "did you mean a, b, c? " for the n ids (nothing when n is 0) to
 * buf; returns buf. */
static const char *options_did_you_mean(char *buf, size_t size, const char *const *ids,
                                        size_t n)
{
    size_t i, len;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        len = strlen(buf);
        (void)snprintf(buf + len, size - len, "%s%s", i == 0 ? "did you mean " : ", ", ids[i]);
    }
    len = strlen(buf);
    if (n > 0)
        (void)snprintf(buf + len, size - len, "? ");
    return buf;
}

static int options_model(const char *arg, options *o, char *err, size_t errsize)
{
    const qs_model *m = models_find(arg);

    if (m != NULL) {
        o->preset = m;
        o->params = m->params;
        return 0;
    }
    if (parse_params(arg, &o->params) != 0) {
        const qs_model *near[OPTIONS_SUGGESTIONS];
        const char *ids[OPTIONS_SUGGESTIONS];
        char mean[OPTIONS_HINT_SIZE], hint[OPTIONS_HINT_SIZE];
        size_t n = models_suggest(arg, near, OPTIONS_SUGGESTIONS), i;

        for (i = 0; i < n; i++)
            ids[i] = near[i]->id;
        (void)snprintf(hint, sizeof hint, "%s%s", options_did_you_mean(mean, sizeof mean, ids, n),
                       OPTIONS_SIZE_HINT);
        return options_fail(err, errsize, "invalid model size", arg, hint);
    }
    o->preset = NULL;
    return 0;
}

static int options_device(const char *arg, options *o, char *err, size_t errsize)
{
    const qs_device *near[OPTIONS_SUGGESTIONS];
    const char *ids[OPTIONS_SUGGESTIONS];
    char mean[OPTIONS_HINT_SIZE], hint[OPTIONS_HINT_SIZE];
    size_t n, i;

    if (o->ndevices >= OPTIONS_MAX_DEVICES) {
        (void)snprintf(hint, sizeof hint, "at most %d --device options", OPTIONS_MAX_DEVICES);
        return options_fail(err, errsize, "too many devices at", arg, hint);
    }
    if (devices_resolve(arg, &o->devices[o->ndevices]) == 0) {
        o->ndevices++;
        return 0;
    }
    n = devices_suggest(arg, near, OPTIONS_SUGGESTIONS);
    for (i = 0; i < n; i++)
        ids[i] = near[i]->id;
    (void)snprintf(hint, sizeof hint,
                   "%sexpected a name from --list-devices or a size such as 24GiB or 16GB",
                   options_did_you_mean(mean, sizeof mean, ids, n));
    return options_fail(err, errsize, "unknown device", arg, hint);
}

/* The accepted --kv-format names, for its message: "expected one of f32,
 * f16, ...". */
static const char *options_kv_hint(char *buf, size_t size)
{
    size_t i, len;

    (void)snprintf(buf, size, "expected one of");
    for (i = 0; i < kvcache_type_count(); i++) {
        len = strlen(buf);
        (void)snprintf(buf + len, size - len, "%s %s", i == 0 ? "" : ",", kvcache_type_name(i));
    }
    return buf;
}

/* A share of memory: a fraction in (0, 1] or a percentage in (0, 100]
 * such as "90%". */
static int options_share(const char *arg, double *out)
{
    char buf[32];
    size_t len = strlen(arg);
    double v;

    if (len > 1 && len < sizeof buf && arg[len - 1] == '%') {
        memcpy(buf, arg, len - 1);
        buf[len - 1] = '\0';
        if (parse_decimal(buf, &v) != 0 || !(v > 0.0) || v > FMT_PERCENT)
            return -1;
        *out = v / FMT_PERCENT;
        return 0;
    }
    if (parse_decimal(arg, &v) != 0 || !(v > 0.0) || v > 1.0)
        return -1;
    *out = v;
    return 0;
}

static int options_precision(const char *arg, double *bits, const qs_format **fmt,
                             char *err, size_t errsize)
{
    if (parse_precision(arg, bits, fmt) != 0)
        return options_fail(err, errsize, "invalid precision", arg, OPTIONS_PRECISION_HINT);
    return 0;
}

/* The option as the user wrote it, for messages about it: a long option
 * from argv (without any "=value"), else the short option character. */
static void options_seen(char *buf, size_t size, int argc, char **argv)
{
    const char *arg = (optind >= 1 && optind - 1 < argc) ? argv[optind - 1] : "";

    if (strncmp(arg, "--", 2) == 0)
        (void)snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
    else if (optopt > OPTIONS_ASCII_SPACE && optopt < OPTIONS_ASCII_DEL)
        (void)snprintf(buf, size, "-%c", optopt);
    else
        (void)snprintf(buf, size, "%s", arg);
}

/* Checks that the modes asked for go together, and picks the mode. */
static int options_settle(options *o, int table, int interactive, int help, int version,
                          int fit, int list, char *err, size_t errsize)
{
    int reports = table + (o->have_bits ? 1 : 0) + ((o->have_from || o->have_to) ? 1 : 0);

    if (help) {
        o->mode = MODE_HELP;
        return 0;
    }
    if (version) {
        o->mode = MODE_VERSION;
        return 0;
    }
    if (o->have_from != o->have_to) {
        (void)snprintf(err, errsize, "%s needs %s as well (e.g. --from fp16 --to q4_k_m)",
                       o->have_from ? "--from" : "--to", o->have_from ? "--to" : "--from");
        return -1;
    }
    if (list) {
        if (list > 1 || table || o->have_from || o->have_bits || fit || interactive) {
            (void)snprintf(err, errsize, "--list-models, --list-devices, --list-formats and "
                           "--host each stand alone (with --json at most)");
            return -1;
        }
        return 0;
    }
    if (interactive) {
        if (table || o->have_from || o->json || o->check) {
            (void)snprintf(err, errsize, "-i takes -p, -b or -f and the fit options, not "
                           "--table, --from/--to, --json or --check");
            return -1;
        }
        o->mode = MODE_INTERACTIVE;
        return 0;
    }
    if (fit) {
        if (table || o->have_from) {
            (void)snprintf(err, errsize,
                           "the fit takes -p and -b or -f, not --table or --from/--to");
            return -1;
        }
        o->mode = MODE_FIT;
        return 0;
    }
    if (reports > 1) {
        (void)snprintf(err, errsize, "choose one report: --table, -b/-f, or --from/--to");
        return -1;
    }
    if (o->all_formats && !table) {
        (void)snprintf(err, errsize, "--all-formats goes with --table");
        return -1;
    }
    if (table)
        o->mode = MODE_TABLE;
    else if (o->have_bits)
        o->mode = MODE_FOOTPRINT;
    else if (o->have_from)
        o->mode = MODE_SAVINGS;
    else
        o->mode = o->json ? MODE_TABLE : MODE_DEFAULT;
    return 0;
}

int options_parse(int argc, char **argv, options *o, char *err, size_t errsize)
{
    int table = 0, interactive = 0, help = 0, version = 0, fit = 0, list = 0;
    char seen[64], hint[OPTIONS_HINT_SIZE], q[OPTIONS_QUOTE_SIZE];
    double v;
    long whole;
    int c;

    memset(o, 0, sizeof *o);
    o->params = OPTIONS_DEFAULT_PARAMS;
    o->bits = OPTIONS_DEFAULT_BITS;
    o->ctx = FIT_DEFAULT_CTX;
    o->batch = FIT_DEFAULT_BATCH;
    o->kv_bits = KV_BITS_F16;
    o->overhead_gib = FIT_DEFAULT_OVERHEAD_GIB;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, options_short, options_long, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (options_model(optarg, o, err, errsize) != 0)
                return -1;
            break;
        case 'b':
        case 'f':
            /* Either takes bits or a name; -b says bits first, -f a name. */
            if (o->have_bits) {
                (void)snprintf(err, errsize, "give the precision once: -b or -f");
                return -1;
            }
            if (parse_precision(optarg, &o->bits, &o->format) != 0)
                return options_fail(err, errsize, c == 'b' ? "invalid bits" : "unknown format",
                                    optarg, OPTIONS_PRECISION_HINT);
            o->have_bits = 1;
            break;
        case OPT_FROM:
            if (options_precision(optarg, &o->from_bits, &o->from_format, err, errsize) != 0)
                return -1;
            o->have_from = 1;
            break;
        case OPT_TO:
            if (options_precision(optarg, &o->to_bits, &o->to_format, err, errsize) != 0)
                return -1;
            o->have_to = 1;
            break;
        case 't':
            table = 1;
            break;
        case OPT_ALL_FORMATS:
            o->all_formats = 1;
            break;
        case OPT_JSON:
            o->json = 1;
            break;
        case 'i':
            interactive = 1;
            break;
        case OPT_CTX:
            if (parse_ctx(optarg, &o->ctx) != 0) {
                (void)snprintf(hint, sizeof hint, "expected tokens from 1 to %ld, such as 4096, "
                               "8k or 128k", PARSE_CTX_MAX);
                return options_fail(err, errsize, "invalid context", optarg, hint);
            }
            fit = 1;
            break;
        case OPT_BATCH:
            if (parse_whole(optarg, &whole) != 0 || whole < 1 || whole > OPTIONS_BATCH_MAX) {
                (void)snprintf(hint, sizeof hint, "expected a whole number of sequences from 1 "
                               "to %d", OPTIONS_BATCH_MAX);
                return options_fail(err, errsize, "invalid batch", optarg, hint);
            }
            o->batch = (int)whole;
            fit = 1;
            break;
        case OPT_KV_BITS:
            if (parse_bits(optarg, &o->kv_bits) != 0)
                return options_fail(err, errsize, "invalid KV cache bits", optarg,
                                    "expected bits in (0, 64] such as 16, 8.5 or 4.5");
            fit = 1;
            break;
        case OPT_KV_FORMAT:
            if (kvcache_bits_from_name(optarg, &o->kv_bits) != 0)
                return options_fail(err, errsize, "unknown KV cache type", optarg,
                                    options_kv_hint(hint, sizeof hint));
            fit = 1;
            break;
        case OPT_OVERHEAD:
            if (strcmp(optarg, "0") == 0) {
                o->overhead_gib = 0.0;
            } else if (parse_bytes(optarg, &v) != 0) {
                return options_fail(err, errsize, "invalid overhead", optarg,
                                    "expected 0 or a size with a unit such as 0.5GiB, "
                                    "800MB or 1GiB");
            } else {
                o->overhead_gib = v / MEMORY_BYTES_PER_GIB;
            }
            fit = 1;
            break;
        case OPT_DEVICE:
            if (options_device(optarg, o, err, errsize) != 0)
                return -1;
            fit = 1;
            break;
        case OPT_APPLE_SHARE:
            if (options_share(optarg, &o->apple_share) != 0)
                return options_fail(err, errsize, "invalid Apple GPU share", optarg,
                                    "expected a fraction in (0, 1] such as 0.75, or a "
                                    "percentage in (0, 100] such as 90%");
            break;
        case OPT_CHECK:
            o->check = 1;
            fit = 1;
            break;
        case OPT_FIT:
            fit = 1;
            break;
        case OPT_LIST_MODELS:
            o->mode = MODE_LIST_MODELS;
            list++;
            break;
        case OPT_LIST_DEVICES:
            o->mode = MODE_LIST_DEVICES;
            list++;
            break;
        case OPT_LIST_FORMATS:
            o->mode = MODE_LIST_FORMATS;
            list++;
            break;
        case OPT_HOST:
            o->mode = MODE_HOST;
            list++;
            break;
        case 'h':
            help = 1;
            break;
        case 'V':
            version = 1;
            break;
        case ':':
            options_seen(seen, sizeof seen, argc, argv);
            (void)snprintf(err, errsize, "option '%s' needs a value (see quantscope --help)",
                           options_quote(q, seen));
            return -1;
        default:
            options_seen(seen, sizeof seen, argc, argv);
            return options_fail(err, errsize, "unknown option", seen, "see quantscope --help");
        }
    }
    if (optind < argc) {
        (void)snprintf(hint, sizeof hint, "a model size goes after -p, e.g. -p %s",
                       options_quote(q, argv[optind]));
        return options_fail(err, errsize, "unexpected argument", argv[optind], hint);
    }
    return options_settle(o, table, interactive, help, version, fit, list, err, errsize);
}
