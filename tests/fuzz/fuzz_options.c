/* fuzz_options.c - libFuzzer target for the command-line parser
 * (src/cli/options.h): the input split at NUL bytes is argv. Contract:
 * options_parse returns 0 or -1; on -1 the message is one line, NUL-
 * terminated within its size, printable ASCII or UTF-8 with no control
 * characters; on 0 the query is evaluable or plan_compute says it is not
 * (never a crash), and its devices fit in the query. */
#include "cli/options.h"
#include "model/plan.h"
#include "fuzz.h"

/* Most words an input is split into. */
#define FUZZ_OPTIONS_ARGS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), *argv[FUZZ_OPTIONS_ARGS + 2], err[OPTIONS_ERROR_SIZE];
    int argc = 1, rc;
    size_t i, start = 0;
    options o;
    qs_plan p;

    FUZZ_ASSERT(text != NULL);
    if (size > 0)
        memcpy(text, data, size);
    text[size] = '\0';
    argv[0] = (char *)"quantscope";
    for (i = 0; i <= size && argc <= FUZZ_OPTIONS_ARGS; i++) {
        if (i == size || text[i] == '\0') {
            text[i] = '\0';
            argv[argc++] = text + start;
            start = i + 1;
        }
    }
    argv[argc] = NULL;
    memset(err, 'X', sizeof err);
    err[sizeof err - 1] = '\0';
    rc = options_parse(argc, argv, &o, err, sizeof err);
    if (rc == 0)
        rc = options_resolve(&o, models_builtin(), err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc != 0) {
        size_t n = strlen(err);

        FUZZ_ASSERT(n > 0 && n < sizeof err);
        for (i = 0; i < n; i++)
            FUZZ_ASSERT((unsigned char)err[i] >= 0x20 && err[i] != 0x7f);
    } else {
        FUZZ_ASSERT(o.query.ndevices <= QUERY_DEVICES_MAX);
        (void)plan_compute(&o.query, &p);
    }
    free(text);
    return 0;
}
