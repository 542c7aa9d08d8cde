/* options.c - the command line: one table of options that builds a query.
 *
 * Each row of options_table is one option: its names, its argument, its
 * help, the modes it applies in and the setter that checks its value and
 * sets the query (optval.h). The parser (GNU style, written here so that
 * every message names the exact word typed), the mode checks and --help
 * are all made from that table.
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize (quoted words are bounded by QUOTE_SIZE); options_usage's write
 * errors show in ferror(fp), which main checks before exiting. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/options.h"
#include "cli/options_help.h"
#include "cli/options_row.h"
#include "cli/optshape.h"
#include "cli/optval.h"
#include "cli/optval_rig.h"
#include "cli/quote.h"
#include "model/kvcache.h"
#include "model/parse.h"
#include "model/split.h"

/* Room for an option as the messages spell it: "--" and the longest long
 * name ("list-devices") with room to spare. */
#define OPTIONS_SPELLED_SIZE 32
/* Room for an option word as typed, before it is quoted: as much as
 * quote_value keeps, so that its cut still shows. */
#define OPTIONS_WORD_SIZE QUOTE_SIZE
/* Room for a limit printed in --help, and for the head of a help row. */
#define OPTIONS_NUM_SIZE 32
#define OPTIONS_HEAD_SIZE 64
/* --help: the column where the help texts start. */
#define OPTIONS_HELP_COLUMN 24
/* In a help text, '@' stands for the row's next value (optval_num). */
#define OPTIONS_HELP_VALUE '@'
/* Words that are not options, kept: --scan's folders and one more, to say
 * there are too many. */
#define OPTIONS_STRAYS_MAX (OPTIONS_SCAN_DIRS_MAX + 1)

#define OPTIONS_ROWS options_table_rows

/* One parse: each row given, in the order first given, as it was spelled
 * ("-p" or "--params"), and the first row of each slot and mode. */
typedef struct {
    options *o;
    char spelled[OPTIONS_ROWS_MAX][OPTIONS_SPELLED_SIZE];
    size_t order[OPTIONS_ROWS_MAX], ngiven;
    int given[OPTIONS_ROWS_MAX];
    int slot_row[OPTIONS_SLOT_COUNT];   /* row index + 1; 0: none yet */
    int mode_row[OPTIONS_MODES];
} options_state;

size_t options_count(void)
{
    return OPTIONS_ROWS;
}

const char *options_long_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].long_name : NULL;
}

char options_short_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].short_name : 0;
}

const char *options_arg_name(size_t i)
{
    return i < OPTIONS_ROWS ? options_table[i].arg_name : NULL;
}

/* Row k given as `word` ("-p" or the canonical "--params") with value arg. */
static int options_apply(options_state *st, size_t k, const char *word, const char *arg,
                         char *err, size_t errsize)
{
    const options_row *r = &options_table[k];
    int *first = &st->slot_row[r->slot];

    if (r->slot != OPTIONS_SLOT_NONE && r->slot != OPTIONS_SLOT_DEVICE && *first != 0) {
        if ((size_t)(*first - 1) == k)
            (void)snprintf(err, errsize, "give %s once", word);
        else
            (void)snprintf(err, errsize, "give %s or %s, not both",
                           st->spelled[*first - 1], word);
        return -1;
    }
    if (*first == 0)
        *first = (int)k + 1;
    if (!st->given[k]++) {
        (void)snprintf(st->spelled[k], sizeof st->spelled[k], "%s", word);
        st->order[st->ngiven++] = k;
    }
    if (st->mode_row[r->selects] == 0)
        st->mode_row[r->selects] = (int)k + 1;
    if (r->flag != 0)
        *(int *)(void *)((char *)st->o + r->flag) = 1;
    return r->set != NULL ? r->set(st->o, arg, err, errsize) : 0;
}

/* The value of row k (its word as typed quoted in q): attached, or the
 * next word. */
static int options_value(options_state *st, size_t k, const char *word, const char *q,
                         const char *attached, int argc, char **argv, int *i, char *err,
                         size_t errsize)
{
    if (attached != NULL)
        return options_apply(st, k, word, attached, err, errsize);
    if (*i + 1 >= argc) {
        (void)snprintf(err, errsize, "option '%s' needs a value: %s %s", q, word,
                       options_table[k].arg_name);
        return -1;
    }
    return options_apply(st, k, word, argv[++*i], err, errsize);
}

/* "--name", "--name=value" or "--name value" at argv[*i]; a unique prefix
 * of a name stands for it. */
static int options_long(options_state *st, int argc, char **argv, int *i, char *err,
                        size_t errsize)
{
    const char *w = argv[*i], *name = w + 2, *eq = strchr(name, '=');
    size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name), k, found = 0, matches = 0;
    char typed[OPTIONS_WORD_SIZE], q[QUOTE_SIZE], qw[QUOTE_SIZE], word[OPTIONS_SPELLED_SIZE];

    (void)snprintf(typed, sizeof typed, "%.*s", (int)(len + 2 < sizeof typed ? len + 2
                                                                          : sizeof typed), w);
    (void)quote_value(q, sizeof q, typed);
    for (k = 0; k < OPTIONS_ROWS && len > 0; k++) {
        if (strncmp(options_table[k].long_name, name, len) != 0)
            continue;
        if (options_table[k].long_name[len] == '\0') {
            found = k;
            matches = 1;
            break;
        }
        if (matches++ == 0)
            found = k;
    }
    if (matches == 0) {
        (void)snprintf(err, errsize, "unknown option '%s' (see quantscope --help)", q);
        return -1;
    }
    if (matches > 1) {
        (void)snprintf(err, errsize, "option '%s' is ambiguous:", q);
        for (k = 0, matches = 0; k < OPTIONS_ROWS; k++) {
            size_t used = strlen(err);

            if (strncmp(options_table[k].long_name, name, len) == 0)
                (void)snprintf(err + used, errsize - used, "%s --%s", matches++ > 0 ? "," : "",
                               options_table[k].long_name);
        }
        return -1;
    }
    (void)snprintf(word, sizeof word, "--%s", options_table[found].long_name);
    if (options_table[found].arg_name != NULL)
        return options_value(st, found, word, q, eq != NULL ? eq + 1 : NULL, argc, argv, i,
                             err, errsize);
    if (eq == NULL)
        return options_apply(st, found, word, NULL, err, errsize);
    (void)snprintf(err, errsize, "option '%s' takes no value (got '%s')", q,
                   quote_value(qw, sizeof qw, w));
    return -1;
}

/* An ASCII letter or digit: what a short option may be; for anything else
 * (a UTF-8 byte, punctuation) the message names the whole word. */
static int options_is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* "-x", "-xVALUE", "-x VALUE" or flags clustered as "-tj" at argv[*i]. */
static int options_short(options_state *st, int argc, char **argv, int *i, char *err,
                         size_t errsize)
{
    const char *w = argv[*i];
    char word[] = "-?", q[QUOTE_SIZE], qw[QUOTE_SIZE];
    size_t j, k;

    (void)quote_value(qw, sizeof qw, w);
    for (j = 1; w[j] != '\0'; j++) {
        int cluster = j > 1 || w[j + 1] != '\0';

        for (k = 0; k < OPTIONS_ROWS && options_table[k].short_name != w[j]; k++)
            ;
        word[1] = w[j];
        (void)quote_value(q, sizeof q, word);
        if (w[j] == '=' && j > 1) {
            (void)snprintf(err, errsize, "option '-%c' takes no value (got '%s')", w[j - 1], qw);
            return -1;
        }
        if (k == OPTIONS_ROWS && !options_is_letter(w[j])) {
            (void)snprintf(err, errsize, "unknown option '%s' (see quantscope --help)", qw);
            return -1;
        }
        if (k == OPTIONS_ROWS) {
            (void)snprintf(err, errsize, "unknown option '%s'%s%s%s (see quantscope --help)", q,
                           cluster ? " in '" : "", cluster ? qw : "", cluster ? "'" : "");
            return -1;
        }
        if (options_table[k].arg_name != NULL)
            return options_value(st, k, word, q, w[j + 1] != '\0' ? w + j + 1 : NULL, argc,
                                 argv, i, err, errsize);
        if (options_apply(st, k, word, NULL, err, errsize) != 0)
            return -1;
    }
    return 0;
}

/* The first of the modes lo..hi asked for: -1 when none is, -2 when two
 * are (err set, `what` says what to choose). */
static int options_one_of(const options_state *st, options_mode lo, options_mode hi,
                          const char *what, char *err, size_t errsize)
{
    int m, found = -1;

    for (m = (int)lo; m <= (int)hi; m++) {
        if (st->mode_row[m] == 0)
            continue;
        if (found >= 0) {
            (void)snprintf(err, errsize, "%s and %s do not go together (%s)",
                           st->spelled[st->mode_row[found] - 1], st->spelled[st->mode_row[m] - 1],
                           what);
            return -2;
        }
        found = m;
    }
    return found;
}

/* "--all-formats goes with --table": the options that ask for a mode in
 * row r's mask. */
static int options_goes_with(const options_state *st, size_t given, char *err, size_t errsize)
{
    const options_row *r = &options_table[given];
    size_t k, n = 0, len;

    (void)snprintf(err, errsize, "%s goes with", st->spelled[given]);
    for (k = 0; k < OPTIONS_ROWS; k++) {
        len = strlen(err);
        if (options_table[k].selects != OPTIONS_MODE_DEFAULT &&
            (r->modes & OPTIONS_IN(options_table[k].selects)))
            (void)snprintf(err + len, errsize - len, "%s --%s", n++ > 0 ? " or" : "",
                           options_table[k].long_name);
    }
    return -1;
}

/* Picks the mode (--help, --version; a list; a plan: serving, training or
 * the rounding demo; -i; the fit; one report; the default), then checks that every option given applies in it. */
static int options_settle(options_state *st, char *err, size_t errsize)
{
    options *o = st->o;
    int m;
    size_t i;

    if (st->mode_row[OPTIONS_MODE_HELP] || st->mode_row[OPTIONS_MODE_VERSION]) {
        o->mode = st->mode_row[OPTIONS_MODE_HELP] ? OPTIONS_MODE_HELP : OPTIONS_MODE_VERSION;
        return 0;
    }
    m = options_one_of(st, OPTIONS_MODE_LIST_MODELS, OPTIONS_MODE_SCAN,
                       "--list-models, --list-devices, --list-formats, --host and --scan "
                       "stand alone", err, errsize);
    if (m == -1)
        m = options_one_of(st, OPTIONS_MODE_SERVE, OPTIONS_MODE_ROUNDING,
                           "choose one plan: serving (--requests-per-day, --rps, --compare), "
                           "--train or --demo-rounding", err, errsize);
    if (m == -1 && st->mode_row[OPTIONS_MODE_INTERACTIVE])
        m = OPTIONS_MODE_INTERACTIVE;
    else if (m == -1 && st->mode_row[OPTIONS_MODE_FIT])
        m = OPTIONS_MODE_FIT;
    else if (m == -1)
        m = options_one_of(st, OPTIONS_MODE_TABLE, OPTIONS_MODE_SAVINGS,
                           "choose one report: --table, -b/-f or --from/--to", err, errsize);
    if (m == -2)
        return -1;
    o->mode = m < 0 ? OPTIONS_MODE_DEFAULT : (options_mode)m;
    for (i = 0; i < st->ngiven; i++) {
        size_t k = st->order[i];

        if (options_table[k].modes & OPTIONS_IN(o->mode))
            continue;
        if (o->mode == OPTIONS_MODE_DEFAULT)
            return options_goes_with(st, k, err, errsize);
        (void)snprintf(err, errsize, "%s does not apply to %s (%s)", st->spelled[k],
                       options_mode_names[o->mode], st->spelled[st->mode_row[o->mode] - 1]);
        return -1;
    }
    if (o->mode == OPTIONS_MODE_SAVINGS && o->have_from != o->have_to) {
        (void)snprintf(err, errsize, "%s needs %s as well (e.g. --from fp16 --to q4_k_m)",
                       o->have_from ? "--from" : "--to", o->have_from ? "--to" : "--from");
        return -1;
    }
    return 0;
}

int options_parse(int argc, char **argv, options *o, char *err, size_t errsize)
{
    options_state st;
    const char *strays[OPTIONS_STRAYS_MAX];
    int i, rc, nstray = 0;

    memset(o, 0, sizeof *o);
    query_init(&o->query);
    o->max_loss_pct = SERVE_MAX_LOSS_DEFAULT_PCT;
    memset(&st, 0, sizeof st);
    st.o = o;
    for (i = 1; i < argc; i++) {
        const char *w = argv[i];

        if (strcmp(w, "--") == 0) {
            /* Every word after it is not an option. */
            for (i++; i < argc; i++, nstray++)
                if (nstray < OPTIONS_STRAYS_MAX)
                    strays[nstray] = argv[i];
            break;
        }
        if (w[0] != '-' || w[1] == '\0') {
            if (nstray < OPTIONS_STRAYS_MAX)
                strays[nstray] = argv[i];
            nstray++;
            continue;
        }
        rc = w[1] == '-' ? options_long(&st, argc, argv, &i, err, errsize)
                         : options_short(&st, argc, argv, &i, err, errsize);
        if (rc != 0)
            return -1;
    }
    if (options_settle(&st, err, errsize) != 0)
        return -1;
    return optval_words(o, strays, nstray, err, errsize);
}

int options_resolve(options *o, const models_catalog *c, char *err, size_t errsize)
{
    if (o->mode == OPTIONS_MODE_HELP || o->mode == OPTIONS_MODE_VERSION)
        return 0;
    if (optval_rig_resolve(o, err, errsize) != 0 || optshape_resolve(o, c, err, errsize) != 0)
        return -1;
    return optval_rig_apply(o, err, errsize);
}

/* One row of --help: "  -p, --params SIZE     text", the text's lines
 * after the first indented to OPTIONS_HELP_COLUMN, each '@' replaced by the
 * next of the row's values. */
static void options_usage_row(FILE *fp, const options_row *r)
{
    char head[OPTIONS_HEAD_SIZE], num[OPTIONS_NUM_SIZE];
    const char *c;
    size_t v = 0;

    (void)snprintf(head, sizeof head, "  %c%c%s--%s%s%s", r->short_name ? '-' : ' ',
                   r->short_name ? r->short_name : ' ', r->short_name ? ", " : "  ",
                   r->long_name, r->arg_name != NULL ? " " : "",
                   r->arg_name != NULL ? r->arg_name : "");
    (void)fprintf(fp, "%-*s", OPTIONS_HELP_COLUMN, head);
    if (strlen(head) >= (size_t)OPTIONS_HELP_COLUMN)
        (void)fprintf(fp, "\n%*s", OPTIONS_HELP_COLUMN, "");
    for (c = r->help; *c != '\0'; c++) {
        if (*c == '\n')
            (void)fprintf(fp, "\n%*s", OPTIONS_HELP_COLUMN, "");
        else if (*c == OPTIONS_HELP_VALUE && v < OPTIONS_HELP_VALUES)
            (void)fputs(optval_num(num, sizeof num, r->values[v++]), fp);
        else
            (void)fputc(*c, fp);
    }
    (void)fputc('\n', fp);
}

void options_usage(FILE *fp)
{
    size_t s, k;

    options_help_intro(fp);
    for (s = 0; s < OPTIONS_SEC_COUNT; s++) {
        (void)fprintf(fp, "\n%s%s", options_section_titles[s],
                      options_section_titles[s][0] != '\0' ? "\n" : "");
        for (k = 0; k < OPTIONS_ROWS; k++)
            if ((size_t)options_table[k].section == s)
                options_usage_row(fp, &options_table[k]);
    }
    options_help_outro(fp);
}
