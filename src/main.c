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

#include "app/app.h"
#include "cli/hostdev.h"
#include "cli/options.h"
#include "cli/report.h"
#include "cli/report_fit.h"
#include "cli/report_list.h"
#include "cli/report_host.h"
#include "tui/tui.h"
#include "model/fit.h"
#include "platform/host.h"

#define EXIT_USAGE 2
#define EXIT_OUTPUT 1
/* --check: the configuration does not fit on the first device. */
#define EXIT_NO_FIT 1

/* tui_options.overhead_gib for "no overhead at all" (--overhead 0): any
 * negative value, as tui.h documents (0 there asks for the default). */
#define MAIN_TUI_NO_OVERHEAD (-1.0)

/* main_fit's *fits when there is no device to judge the fit on. */
#define MAIN_NO_DEVICE (-1)

/* The front end shows every --device the command line accepts. */
_Static_assert(OPTIONS_MAX_DEVICES <= APP_TARGETS_MAX,
               "more --device options are accepted than the front end can show");

/* $TERM for messages. */
static const char *main_term(void)
{
    const char *term = getenv("TERM");

    return term != NULL && *term != '\0' ? term : "unset";
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

/* Detects this machine; problems are only reported by --host. */
static void main_detect(host_info *info)
{
    if (host_detect(NULL, info) < 0)
        memset(info, 0, sizeof *info);
}

/* The fit report; *fits gets 1 when the first device is not "no fit", 0
 * when it is, MAIN_NO_DEVICE when there is no device (named or found):
 * then, with --check, nothing is written. Returns 0, or -1 on a write
 * error. */
static int main_fit(const options *o, int *fits)
{
    host_info info;
    hostdev_set host;
    const qs_device *devs[OPTIONS_MAX_DEVICES + HOSTDEV_MAX];
    size_t n = 0, i;
    fit_config c = fit_config_default(o->params, o->bits, o->preset);
    fit_need need;
    fit_result r;

    c.ctx = o->ctx;
    c.batch = o->batch;
    c.kv_bits = o->kv_bits;
    c.overhead_gib = o->overhead_gib;
    main_detect(&info);
    (void)hostdev_from_info(&info, &host);
    for (i = 0; i < o->ndevices; i++)
        devs[n++] = &o->devices[i];
    if (n == 0)
        for (i = 0; i < host.n; i++)
            devs[n++] = &host.devs[i];
    *fits = MAIN_NO_DEVICE;
    if (n == 0 && o->check)
        return 0;
    if (n > 0) {
        need = fit_need_of(&c);
        r = fit_on_device(&need, &c, devs[0], o->apple_share, host.ram_gib);
        *fits = need.ok && r.ok && r.verdict != FIT_NO_FIT;
    }
    if (o->json)
        return report_fit_json(stdout, &c, o->preset ? o->preset->name : NULL, devs, n,
                               o->apple_share, host.ram_gib);
    return report_fit_text(stdout, &c, o->preset ? o->preset->name : NULL, devs, n,
                           o->apple_share, host.ram_gib);
}

static int main_host(const options *o)
{
    host_info info;

    main_detect(&info);
    return o->json ? report_host_json(stdout, &info) : report_host_text(stdout, &info);
}

static int main_report(const options *o)
{
    report_model m = { o->params, o->preset ? o->preset->name : NULL };

    switch (o->mode) {
    case MODE_FOOTPRINT:
        return o->json ? report_footprint_json(stdout, &m, o->bits, o->format)
                       : report_footprint_text(stdout, &m, o->bits, o->format);
    case MODE_SAVINGS:
        return o->json ? report_savings_json(stdout, &m, o->from_bits, o->to_bits)
                       : report_savings_text(stdout, &m, o->from_bits, o->from_format,
                                             o->to_bits, o->to_format);
    case MODE_LIST_MODELS:
        return o->json ? report_list_models_json(stdout) : report_list_models_text(stdout);
    case MODE_LIST_DEVICES:
        return o->json ? report_list_devices_json(stdout, o->apple_share)
                       : report_list_devices_text(stdout, o->apple_share);
    case MODE_LIST_FORMATS:
        return o->json ? report_list_formats_json(stdout) : report_list_formats_text(stdout);
    case MODE_HOST:
        return main_host(o);
    default:
        return o->json ? report_table_json(stdout, &m, o->all_formats)
                       : report_table_text(stdout, &m, o->all_formats);
    }
}

static int main_interactive(const options *o)
{
    host_info info;
    tui_options t;

    main_detect(&info);
    memset(&t, 0, sizeof t);
    t.host_ram_gib = hostdev_ram_gib(&info);
    t.params = o->params;
    t.preset = o->preset;
    t.bits = o->bits;
    t.baseline_bits = OPTIONS_DEFAULT_BASELINE_BITS;
    t.ctx = o->ctx;
    t.kv_bits = o->kv_bits;
    t.overhead_gib = o->overhead_gib > 0 ? o->overhead_gib : MAIN_TUI_NO_OVERHEAD;
    t.apple_share = o->apple_share;
    t.devices = o->devices;
    t.ndevices = o->ndevices;
    return tui_run(&t);
}

int main(int argc, char **argv)
{
    char err[OPTIONS_ERROR_SIZE];
    options o;
    int status, fits = 1;

    /* Only the character type follows the environment: numbers keep the C
     * decimal point for parsing and for JSON. */
    if (setlocale(LC_CTYPE, "") == NULL)
        (void)setlocale(LC_CTYPE, "C");

    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        (void)fprintf(stderr, "quantscope: %s\n", err);
        return EXIT_USAGE;
    }
    switch (o.mode) {
    case MODE_HELP:
        options_usage(stdout);
        return main_close_stdout();
    case MODE_VERSION:
        (void)printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return main_close_stdout();
    case MODE_INTERACTIVE:
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            (void)fprintf(stderr, "quantscope: -i needs a terminal on stdin and stdout\n");
            return EXIT_USAGE;
        }
        status = main_interactive(&o);
        if (status == TUI_EXIT_SETUP)
            (void)fprintf(stderr, "quantscope: cannot show a screen on this terminal (TERM=%s); "
                          "use a report option such as --table\n", main_term());
        return status;
    case MODE_DEFAULT:
        if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO)) {
            status = main_interactive(&o);
            if (status != TUI_EXIT_SETUP)
                return status;
            /* No screen on this terminal: the table, as without one. */
            (void)fprintf(stderr, "quantscope: no interactive screen on this terminal (TERM=%s); "
                          "printing the table\n", main_term());
        }
        break;
    default:
        break;
    }
    errno = 0;
    status = o.mode == MODE_FIT ? main_fit(&o, &fits) : main_report(&o);
    if (o.mode == MODE_FIT && o.check && fits == MAIN_NO_DEVICE) {
        (void)fprintf(stderr, "quantscope: nothing to check on this machine (no RAM or GPU "
                              "found): name a device with --device, e.g. --device 24GiB\n");
        return EXIT_USAGE;
    }
    if (main_close_stdout() != 0 || status != 0)
        return EXIT_OUTPUT;
    if (o.mode == MODE_FIT && o.check && !fits)
        return EXIT_NO_FIT;
    return 0;
}
