/* main.c - quantscope's entry point: options, then a report or the front end. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#include "face/options.h"
#include "face/report.h"
#include "face/tui.h"

#define EXIT_USAGE 2
#define EXIT_OUTPUT 1

/* Flushes and closes stdout; a failure means data was lost. */
static int main_close_stdout(void)
{
    int failed;

    errno = 0;
    failed = (fflush(stdout) != 0) | ferror(stdout);

    if (fclose(stdout) != 0)
        failed = 1;
    if (failed) {
        /* A reader that went away (EPIPE) is not worth a message. */
        if (errno != EPIPE)
            fprintf(stderr, "quantscope: write error: %s\n", strerror(errno ? errno : EIO));
        return EXIT_OUTPUT;
    }
    return 0;
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
    default:
        return o->json ? report_table_json(stdout, &m, o->all_formats)
                       : report_table_text(stdout, &m, o->all_formats);
    }
}

static int main_interactive(const options *o)
{
    tui_options t;

    memset(&t, 0, sizeof t);
    t.params = o->params;
    t.preset = o->preset;
    t.bits = o->bits;
    t.baseline_bits = OPTIONS_DEFAULT_BITS;
    return tui_run(&t);
}

int main(int argc, char **argv)
{
    char err[OPTIONS_ERROR_SIZE];
    options o;
    int status;

    /* Only the character type follows the environment: numbers keep the C
     * decimal point for parsing and for JSON. */
    if (setlocale(LC_CTYPE, "") == NULL)
        (void)setlocale(LC_CTYPE, "C");

    if (options_parse(argc, argv, &o, err, sizeof err) != 0) {
        fprintf(stderr, "quantscope: %s\n", err);
        return EXIT_USAGE;
    }
    switch (o.mode) {
    case MODE_HELP:
        options_usage(stdout);
        return main_close_stdout();
    case MODE_VERSION:
        printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
        return main_close_stdout();
    case MODE_INTERACTIVE:
        if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
            fprintf(stderr, "quantscope: -i needs a terminal on stdin and stdout\n");
            return EXIT_USAGE;
        }
        return main_interactive(&o);
    case MODE_DEFAULT:
        if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
            return main_interactive(&o);
        break;
    default:
        break;
    }
    status = main_report(&o);
    if (main_close_stdout() != 0 || status != 0)
        return EXIT_OUTPUT;
    return 0;
}
