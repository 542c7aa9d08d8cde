/* main.c - quantscope's entry point: options, then a report or the front end.
 *
 * Messages to stderr ignore fprintf's result: there is nowhere left to
 * report a failure to write them. stdout's errors are checked once, by
 * main_close_stdout. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#include "cli/catalog_file.h"
#include "cli/hostdev.h"
#include "cli/options.h"
#include "cli/quote.h"
#include "cli/report.h"
#include "cli/report_fit.h"
#include "cli/report_list.h"
#include "cli/report_host.h"
#include "files/files_model.h"
#include "files/load.h"
#include "files/scan.h"
#include "cli/report_scan.h"
#include "cli/report_rounding.h"
#include "cli/report_serve.h"
#include "cli/report_train.h"
#include "model/rounding.h"
#include "platform/fileread.h"
#include "model/plan.h"
#include "model/query.h"
#include "platform/host.h"
#include "tui/tui.h"

/* Exit statuses (the man page's EXIT STATUS, --help's last lines). */
#define EXIT_USAGE 2
#define EXIT_OUTPUT 1
/* --check: the configuration does not fit on the first device. */
#define EXIT_NO_FIT 1
/* -i on a terminal that cannot show a screen: the terminal failed. */
#define EXIT_TERMINAL 1

/* What main_fit found when there is no device to judge the fit on. */
#define MAIN_NO_DEVICE (-1)
/* Room for the path of a user catalog ($XDG_CONFIG_HOME/quantscope/models.tsv
 * or devices.tsv). */
#define MAIN_PATH_SIZE 4096

/* Every device of this machine and every target fit in one query. */
_Static_assert(QUERY_DEVICES_MAX >= HOSTDEV_MAX + QUERY_TARGETS_MAX,
               "a query holds this machine's devices and every target");

/* $TERM for messages, sanitised and cut (buf holds QUOTE_SIZE bytes). */
static const char *main_term(char *buf, size_t size)
{
    const char *term = getenv("TERM");

    return term != NULL && *term != '\0' ? quote_value(buf, size, term) : "unset";
}

/* Flushes and closes stdout; a failure means data was lost. When a write
 * already failed in the report (which flushes at its end, see out_finish),
 * errno still says why: it was cleared before the report began. */
static int main_close_stdout(void)
{
    int failed = ferror(stdout);

    if (!failed)
        errno = 0;
    failed |= fflush(stdout) != 0;

    if (fclose(stdout) != 0)
        failed = 1;
    if (failed) {
        /* A reader that went away (EPIPE) is not worth a message. */
        if (errno != EPIPE)
            (void)fprintf(stderr, "quantscope: write error: %s\n", strerror(errno ? errno : EIO));
        return EXIT_OUTPUT;
    }
    return 0;
}

/* What of this machine an answer needs: its RAM always (a GPU's partial
 * offload spills into it), its GPUs only when they are devices of the
 * answer. */
#define MAIN_PROBE_RAM HOST_PROBE_RAM
#define MAIN_PROBE_ALL (HOST_PROBE_RAM | HOST_PROBE_GPUS)

/* Detects what `probe` asks for; problems are only reported by --host. */
static void main_detect(unsigned probe, host_info *info)
{
    host_options ho;

    memset(&ho, 0, sizeof ho);
    ho.probe = probe;
    if (host_detect(&ho, info) < 0)
        memset(info, 0, sizeof *info);
}

/* Adds this machine to the query: its RAM for offload and, with `devices`,
 * its RAM and GPUs as devices (in front of the targets). set must outlive
 * q: the devices' names point into it. */
static void main_add_host(qs_query *q, const host_info *info, hostdev_set *set, int devices)
{
    (void)hostdev_from_catalog(info, q->device_catalog, set);
    query_set_host_ram(q, set->ram_gib);
    /* Its RAM first, then its GPUs: two or more are one rig, one row. */
    if (devices)
        (void)hostdev_add_to_query(q, set);
}

/* The fit report; *fits gets 1 when the first device fits or is tight
 * (a rig: every GPU of it, the plan's verdict being the worst GPU's), 0
 * when it is "no fit" or runs only with offload, MAIN_NO_DEVICE when there is no device (named or found):
 * then, with --check, nothing is written. Returns 0, or -1 on a write
 * error. */
static int main_fit(options *o, int *fits)
{
    qs_query *q = &o->query;
    int named = q->ndevices > 0;
    host_info info;
    hostdev_set host;
    qs_plan plan;

    main_detect(named ? MAIN_PROBE_RAM : MAIN_PROBE_ALL, &info);
    main_add_host(q, &info, &host, !named);
    *fits = MAIN_NO_DEVICE;
    if (q->ndevices == 0 && o->check)
        return 0;
    if (plan_compute(q, &plan) != 0)
        return -1;
    if (plan.ndevices > 0)
        *fits = plan.devices[0].fit.ok && (plan.devices[0].fit.verdict == FIT_FITS ||
                                           plan.devices[0].fit.verdict == FIT_TIGHT);
    return o->json ? report_fit_json(stdout, q, &plan)
                   : report_fit_tab(stdout, q, &plan, o->print_command,
                                    tab_style_of(o->markdown, o->csv));
}

/* The serving plan (or, with --compare, the comparison of formats) on
 * the named devices, else on this machine's GPUs. Returns 0, -1 on a
 * write error, or EXIT_USAGE (a line on stderr) with nothing to serve on. */
static int main_serve(options *o)
{
    qs_query *q = &o->query;
    int named = q->ndevices > 0, rc;
    host_info info;
    hostdev_set host;
    qs_plan *plan;
    tab_style style = tab_style_of(o->markdown, o->csv);
    size_t first;

    main_detect(named ? MAIN_PROBE_RAM : MAIN_PROBE_ALL, &info);
    main_add_host(q, &info, &host, !named);
    plan = malloc(sizeof *plan);
    if (plan == NULL)
        return -1;
    if (plan_compute(q, plan) != 0) {
        free(plan);
        return -1;
    }
    if (report_serve_targets(plan, &first, 1) == 0) {
        free(plan);
        (void)fprintf(stderr, "quantscope: no GPU to serve on (none named, none found on this "
                              "machine): name one with --device, e.g. --device l4\n");
        return EXIT_USAGE;
    }
    if (o->ncompare > 0)
        rc = report_compare(stdout, q, o->compare, o->ncompare, o->max_loss_pct, o->json, style);
    else
        rc = report_serve(stdout, q, plan, o->json, style);
    free(plan);
    return rc;
}

static int main_host(const options *o)
{
    host_info info;

    main_detect(MAIN_PROBE_ALL, &info);
    return o->json ? report_host_json(stdout, &info) : report_host_text(stdout, &info);
}

static int main_report(const options *o)
{
    const qs_query *q = &o->query;
    report_model m = { q->params, q->model ? q->model->name : NULL, &q->exact, q->model,
                       o->tensors };
    tab_style style = tab_style_of(o->markdown, o->csv);

    switch (o->mode) {
    case OPTIONS_MODE_FOOTPRINT:
        return o->json ? report_footprint_json(stdout, &m, q->bits, q->format)
                       : report_footprint_text(stdout, &m, q->bits, q->format);
    case OPTIONS_MODE_SAVINGS:
        return o->json ? report_savings_json(stdout, &m, q->baseline_bits, q->bits)
                       : report_savings_text(stdout, &m, q->baseline_bits, q->baseline_format,
                                             q->bits, q->format);
    case OPTIONS_MODE_LIST_MODELS:
        return o->json ? report_list_models_json(stdout, q->catalog, o->filter)
                       : report_list_models_tab(stdout, q->catalog, o->filter, style);
    case OPTIONS_MODE_LIST_DEVICES:
        return o->json ? report_list_device_catalog_json(stdout, q->device_catalog, q->apple_share)
                       : report_list_device_catalog_tab(stdout, q->device_catalog,
                                                        q->apple_share, style);
    case OPTIONS_MODE_LIST_FORMATS:
        return o->json ? report_list_formats_json(stdout) : report_list_formats_tab(stdout, style);
    case OPTIONS_MODE_HOST:
        return main_host(o);
    default:
        return o->json ? report_table_json(stdout, &m, o->all_formats)
                       : report_table_tab(stdout, &m, o->all_formats, style);
    }
}

/* What the front end's detection fills: this machine's devices live here
 * while it runs (the query's device names point into `set`), and the
 * models found in the known stores (the catalog's local models point into
 * `scan` and `local`). */
typedef struct {
    host_info info;
    hostdev_set set;
    models_catalog *catalog;    /* the query's, whose local models are set */
    uint64_t bound;             /* --max-header */
    files_scan_result scan;
    const qs_model **local;     /* ALLOCATED: -p's model, then the scan's */
} main_host_ctx;

/* The picker's local models: the one read for -p (if any), then those in
 * the known stores (Hugging Face, Ollama, LM Studio, llama.cpp), the -p
 * file once. Files that cannot be read are left out. Returns the count. */
static size_t main_local_models(main_host_ctx *h, const qs_model *first)
{
    size_t i, n = 0;

    (void)files_scan(NULL, 0, 1, h->bound, &h->scan);
    h->local = calloc(h->scan.n + 1, sizeof *h->local);
    if (h->local == NULL)
        return 0;
    if (first != NULL)
        h->local[n++] = first;
    for (i = 0; i < h->scan.n; i++) {
        const files_model *m = h->scan.entries[i].model;

        if (m == NULL || (first != NULL && strcmp(m->path, first->stored->path) == 0))
            continue;
        h->local[n++] = &m->model;
    }
    models_catalog_set_local(h->catalog, h->local, n);
    return n;
}

/* tui_detect's run: this machine's RAM and GPUs, in front of the targets,
 * and the local models at the head of the picker. */
static int main_detect_host(qs_query *q, void *ctx)
{
    main_host_ctx *h = ctx;
    size_t local;

    main_detect(MAIN_PROBE_ALL, &h->info);
    main_add_host(q, &h->info, &h->set, 1);
    local = main_local_models(h, q->model != NULL && q->model->stored != NULL ? q->model : NULL);
    return h->set.n > 0 || q->ram_gib > 0.0 || local > 0 ? 0 : -1;
}

/* The front end on the query; this machine's RAM and GPUs, and the local
 * models, are added once its first frame is on the screen. */
static int main_interactive(options *o, models_catalog *catalog)
{
    static const tui_detect detect_fn = { main_detect_host, NULL };
    main_host_ctx host;
    tui_detect detect = detect_fn;
    tui_options opt = { 0, 0, THEME_DEFAULT };
    int status;

    memset(&host, 0, sizeof host);
    host.catalog = catalog;
    host.bound = o->max_header;
    detect.ctx = &host;
    opt.print_command = o->print_command;
    opt.lesson = o->lesson;
    opt.theme = o->theme;
    status = tui_run_opts(&o->query, &detect, &opt);
    models_catalog_set_local(catalog, NULL, 0);
    free(host.local);
    files_scan_free(&host.scan);
    return status;
}

/* The user's catalogs: --catalog FILE (model and device rows), then their
 * models.tsv and devices.tsv (if any), the rows read first coming first.
 * Nothing to load for --help and --version. */
static int main_catalogs(const options *o, catalog_file_set *user, char *err, size_t errsize)
{
    char path[MAIN_PATH_SIZE];

    if (o->mode == OPTIONS_MODE_HELP || o->mode == OPTIONS_MODE_VERSION)
        return 0;
    if (o->catalog_path != NULL &&
        catalog_file_load_kinds(user, o->catalog_path, 0, CATALOG_FILE_KIND_ANY, err,
                                errsize) != 0)
        return -1;
    if (catalog_file_user_path(CATALOG_FILE_MODELS, path, sizeof path) == 0 &&
        catalog_file_load(user, path, 1, err, errsize) != 0)
        return -1;
    if (catalog_file_user_path(CATALOG_FILE_DEVICES, path, sizeof path) == 0 &&
        catalog_file_load_kinds(user, path, 1, CATALOG_FILE_KIND_DEVICES, err, errsize) != 0)
        return -1;
    return 0;
}

/* The query with the user's catalogs: -p and the --device names looked up
 * in them (options_resolve). user outlives the query, which points into
 * it. */
static int main_resolve(options *o, const catalog_file_set *user, char *err, size_t errsize)
{
    o->query.device_catalog = &user->devices;
    return options_resolve(o, &user->catalog, err, errsize);
}

/* The rows of a scan: one plan a model read, on the query's devices. */
static int main_scan_rows(const options *o, const files_scan_result *res,
                          report_scan_row *rows, size_t *n)
{
    qs_query *q = malloc(sizeof *q);
    qs_plan *plan = malloc(sizeof *plan);
    size_t i;

    *n = 0;
    if (q == NULL || plan == NULL) {
        free(q);
        free(plan);
        return -1;
    }
    for (i = 0; i < res->n; i++) {
        const files_scan_entry *e = &res->entries[i];
        report_scan_row *r = &rows[(*n)++];

        if (e->model == NULL) {
            report_scan_row_of(r, NULL, NULL);
            r->error = e->failure;
            continue;
        }
        *q = o->query;
        query_set_model(q, &e->model->model, 0.0);
        report_scan_row_of(r, &e->model->model, plan_compute(q, plan) == 0 ? plan : NULL);
    }
    free(q);
    free(plan);
    return 0;
}

/* --scan [DIR...]: the models found there and in the known stores, by fit
 * on this machine or the --device targets. Returns 0, -1 on a write
 * error or no memory, or EXIT_USAGE for a folder named that is not one. */
static int main_scan(options *o)
{
    char err[FILES_ERR_MAX];
    files_scan_result res;
    report_scan_row *rows;
    host_info info;
    hostdev_set host;
    size_t i, n;
    int status, named = o->query.ndevices > 0;

    for (i = 0; i < o->nscan_dirs; i++) {
        int dir = fileread_is_dir(o->scan_dirs[i], err, sizeof err);

        if (dir == 1)
            continue;
        /* 0: it exists but is no folder (err is not set then). */
        if (dir == 0)
            (void)snprintf(err, sizeof err, "%s: not a folder", o->scan_dirs[i]);
        (void)fprintf(stderr, "quantscope: --scan %s (expected folders to search)\n", err);
        return EXIT_USAGE;
    }
    main_detect(named ? MAIN_PROBE_RAM : MAIN_PROBE_ALL, &info);
    main_add_host(&o->query, &info, &host, !named);
    if (files_scan(o->scan_dirs, o->nscan_dirs, 1, o->max_header, &res) != 0) {
        files_scan_free(&res);
        return -1;
    }
    rows = calloc(res.n > 0 ? res.n : 1, sizeof *rows);
    if (rows == NULL || main_scan_rows(o, &res, rows, &n) != 0) {
        free(rows);
        files_scan_free(&res);
        return -1;
    }
    report_scan_sort(rows, n);
    status = o->json ? report_scan_json(stdout, &o->query, rows, n)
                     : report_scan_tab(stdout, &o->query, rows, n,
                                       tab_style_of(o->markdown, o->csv));
    free(rows);
    files_scan_free(&res);
    return status;
}

/* options_loader for -p and the bare argument: a model file or store,
 * read into the files_model ctx (main's, which outlives the query). */
static int main_load(void *ctx, const char *arg, uint64_t max_header, const qs_model **out,
                     char *err, size_t errsize)
{
    files_model *fm = ctx;

    if (!files_is_spec(arg))
        return 1;
    files_model_free(fm);
    if (files_load(arg, max_header > 0 ? max_header : FILES_BOUND_DEFAULT, fm, err,
                   errsize) != 0) {
        files_model_free(fm);
        return -1;
    }
    *out = &fm->model;
    return 0;
}

/* The rest of main, with the catalogs loaded and the query resolved. */
static int main_run(options *o, models_catalog *catalog, char *term, size_t termsize)
{
    int status, fits = 1;

    switch (o->mode) {
    case OPTIONS_MODE_HELP:
        options_usage(stdout);
        return main_close_stdout();
    case OPTIONS_MODE_VERSION:
        (void)printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return main_close_stdout();
    case OPTIONS_MODE_INTERACTIVE:
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            (void)fprintf(stderr, "quantscope: %s needs a terminal on stdin and stdout\n",
                          o->lesson ? "--lesson" : "-i");
            return EXIT_USAGE;
        }
        status = main_interactive(o, catalog);
        if (status == TUI_EXIT_SETUP) {
            (void)fprintf(stderr, "quantscope: cannot show a screen on this terminal (TERM=%s); "
                          "use a report option such as --table\n",
                          main_term(term, termsize));
            return EXIT_TERMINAL;
        }
        return status;
    case OPTIONS_MODE_DEFAULT:
        if (!o->json && !o->markdown && !o->csv && isatty(STDIN_FILENO) &&
            isatty(STDOUT_FILENO)) {
            status = main_interactive(o, catalog);
            if (status != TUI_EXIT_SETUP)
                return status;
            /* No screen on this terminal: the table, as without one. */
            (void)fprintf(stderr, "quantscope: no interactive screen on this terminal (TERM=%s); "
                          "printing the table\n", main_term(term, termsize));
        }
        break;
    default:
        break;
    }
    /* Without a terminal, a model read from files is reported with its fit
     * on this machine; a catalog model or a size with the table. */
    if (o->mode == OPTIONS_MODE_DEFAULT && o->query.model != NULL &&
        o->query.model->stored != NULL)
        o->mode = OPTIONS_MODE_FIT;
    errno = 0;
    if (o->mode == OPTIONS_MODE_SCAN) {
        status = main_scan(o);
        if (status == EXIT_USAGE)
            return status;
        return main_close_stdout() != 0 || status != 0 ? EXIT_OUTPUT : 0;
    }
    if (o->mode == OPTIONS_MODE_ROUNDING) {
        status = report_rounding(stdout, o->have_bits ? o->query.bits : ROUNDING_BITS_DEFAULT,
                                 o->seed_given ? o->seed : ROUNDING_SEED, o->json,
                                 tab_style_of(o->markdown, o->csv));
        if (status == EXIT_USAGE)
            return status;
        return main_close_stdout() != 0 || status != 0 ? EXIT_OUTPUT : 0;
    }
    if (o->mode == OPTIONS_MODE_TRAIN) {
        status = report_train(stdout, &o->query, NULL, o->json,
                              tab_style_of(o->markdown, o->csv));
        if (status == EXIT_USAGE)
            return status;
        return main_close_stdout() != 0 || status != 0 ? EXIT_OUTPUT : 0;
    }
    if (o->mode == OPTIONS_MODE_SERVE) {
        status = main_serve(o);
        if (status == EXIT_USAGE)
            return status;
    } else
        status = o->mode == OPTIONS_MODE_FIT ? main_fit(o, &fits) : main_report(o);
    if (o->mode == OPTIONS_MODE_FIT && o->check && fits == MAIN_NO_DEVICE) {
        (void)fprintf(stderr, "quantscope: nothing to check on this machine (no RAM or GPU "
                              "found): name a device with --device, e.g. --device 24GiB\n");
        return EXIT_USAGE;
    }
    if (main_close_stdout() != 0 || status != 0)
        return EXIT_OUTPUT;
    if (o->mode == OPTIONS_MODE_FIT && o->check && !fits)
        return EXIT_NO_FIT;
    return 0;
}
int main(int argc, char **argv)
{
    char err[OPTIONS_ERROR_SIZE], cerr[FILES_ERR_MAX], term[QUOTE_SIZE];
    const qs_model *local[1];
    catalog_file_set user;
    files_model file;
    options o;
    int status;

    /* Only the character type follows the environment: numbers keep the C
     * decimal point for parsing and for JSON. */
    if (setlocale(LC_CTYPE, "") == NULL)
        (void)setlocale(LC_CTYPE, "C");

    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        (void)fprintf(stderr, "quantscope: %s\n", err);
        return EXIT_USAGE;
    }
    catalog_file_init(&user);
    files_model_init(&file);
    o.load = main_load;
    o.load_ctx = &file;
    if (main_catalogs(&o, &user, cerr, sizeof cerr) != 0 ||
        main_resolve(&o, &user, cerr, sizeof cerr) != 0) {
        (void)fprintf(stderr, "quantscope: %s\n", cerr);
        files_model_free(&file);
        catalog_file_free(&user);
        return EXIT_USAGE;
    }
    /* A model read from files heads the picker's list. */
    if (o.query.model != NULL && o.query.model->stored != NULL) {
        local[0] = o.query.model;
        models_catalog_set_local(&user.catalog, local, 1);
    }
    status = main_run(&o, &user.catalog, term, sizeof term);
    files_model_free(&file);
    catalog_file_free(&user);
    return status;
}
