/* options.c - the command line: GNU-style options into one struct. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "face/options.h"
#include "model/parse.h"

/* Long options without a short form. */
enum {
    OPT_FROM = 256,
    OPT_TO,
    OPT_ALL_FORMATS,
    OPT_JSON
};

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
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

#define OPTIONS_SIZE_HINT "expected e.g. 7B, 350M, 1.5T, 7e9 or a preset such as llama-3.1-8b"
#define OPTIONS_BITS_HINT "expected bits in (0, 64] such as 4 or 4.5"
#define OPTIONS_PRECISION_HINT \
    "expected bits in (0, 64] such as 4 or 4.5, or a name such as fp16, int8, q4_k_m"

void options_usage(FILE *fp)
{
    fputs("Usage: quantscope [OPTION]...\n"
          "What does a model cost in memory at a given precision, and where does it fit?\n"
          "\n"
          "With no report option on a terminal, the interactive front end starts;\n"
          "otherwise the footprint table of a 7B model is printed.\n"
          "\n"
          "Model and precision:\n"
          "  -p, --params SIZE     model size (7B, 350M, 1.5T, 7e9) or preset name\n"
          "                        (llama-3.1-8b, ...); default 7B\n"
          "      --model SIZE      the same as --params\n"
          "  -b, --bits BITS       bits per weight, in (0, 64]\n"
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
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "\n"
          "Footprint in GiB = params x bits / 8 / 1024^3 (weights only).\n"
          "Exit status: 0 success, 1 output could not be written or the terminal failed,\n"
          "2 usage error.\n"
          "\n"
          "Examples:\n"
          "  quantscope --table -p 70B\n"
          "  quantscope -p llama-3.1-8b -f q4_k_m\n"
          "  quantscope -p 7B --from fp16 --to 4 --json\n",
          fp);
}

/* Sets err to a one-line message; returns -1 for convenience. */
static int options_fail(char *err, size_t errsize, const char *what, const char *value,
                        const char *hint)
{
    snprintf(err, errsize, "%s '%s' (%s)", what, value, hint);
    return -1;
}

static int options_model(const char *arg, options *o, char *err, size_t errsize)
{
    const qs_model *m = models_find(arg);

    if (m != NULL) {
        o->preset = m;
        o->params = m->params;
        return 0;
    }
    if (parse_params(arg, &o->params) != 0)
        return options_fail(err, errsize, "invalid model size", arg, OPTIONS_SIZE_HINT);
    o->preset = NULL;
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
        snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
    else if (optopt > ' ' && optopt < 127)
        snprintf(buf, size, "-%c", optopt);
    else
        snprintf(buf, size, "%s", arg);
}

/* Checks that the modes asked for go together, and picks the mode. */
static int options_settle(options *o, int table, int interactive, int help, int version,
                          char *err, size_t errsize)
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
        snprintf(err, errsize, "%s needs %s as well (e.g. --from fp16 --to q4_k_m)",
                 o->have_from ? "--from" : "--to", o->have_from ? "--to" : "--from");
        return -1;
    }
    if (interactive) {
        if (table || o->have_from || o->json) {
            snprintf(err, errsize, "-i takes only -p and -b or -f (not --table, --from/--to, --json)");
            return -1;
        }
        o->mode = MODE_INTERACTIVE;
        return 0;
    }
    if (reports > 1) {
        snprintf(err, errsize, "choose one report: --table, -b/-f, or --from/--to");
        return -1;
    }
    if (o->all_formats && !table) {
        snprintf(err, errsize, "--all-formats goes with --table");
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
    int table = 0, interactive = 0, help = 0, version = 0;
    char seen[64];
    int c;

    memset(o, 0, sizeof *o);
    o->params = OPTIONS_DEFAULT_PARAMS;
    o->bits = OPTIONS_DEFAULT_BITS;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, options_short, options_long, NULL)) != -1) {
        switch (c) {
        case 'p':
            if (options_model(optarg, o, err, errsize) != 0)
                return -1;
            break;
        case 'b':
            if (o->have_bits) {
                snprintf(err, errsize, "give the precision once: -b or -f");
                return -1;
            }
            if (parse_bits(optarg, &o->bits) != 0)
                return options_fail(err, errsize, "invalid bits", optarg, OPTIONS_BITS_HINT);
            o->format = NULL;
            o->have_bits = 1;
            break;
        case 'f':
            if (o->have_bits) {
                snprintf(err, errsize, "give the precision once: -b or -f");
                return -1;
            }
            o->format = formats_find(optarg);
            if (o->format == NULL)
                return options_fail(err, errsize, "unknown format", optarg,
                                    "see quantscope --list-formats; e.g. fp16, int8, q4_k_m");
            o->bits = o->format->bits;
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
        case 'h':
            help = 1;
            break;
        case 'V':
            version = 1;
            break;
        case ':':
            options_seen(seen, sizeof seen, argc, argv);
            snprintf(err, errsize, "option '%s' needs a value (see quantscope --help)", seen);
            return -1;
        default:
            options_seen(seen, sizeof seen, argc, argv);
            snprintf(err, errsize, "unknown option '%s' (see quantscope --help)", seen);
            return -1;
        }
    }
    if (optind < argc) {
        snprintf(err, errsize, "unexpected argument '%s' (a model size goes after -p, e.g. -p %s)",
                 argv[optind], argv[optind]);
        return -1;
    }
    return options_settle(o, table, interactive, help, version, err, errsize);
}
