/* fuzz_meminfo.c - libFuzzer target for /proc/meminfo: host_parse_meminfo
 * (src/platform/host_parse.h), with error buffers of several sizes. */
#include <math.h>

#include "platform/host_parse.h"
#include "fuzz.h"

/* Error buffer sizes tried: the smallest allowed, a short one, a roomy one. */
static const size_t fuzz_err_sizes[] = { 1, 12, 200 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    double first_total = 0.0, first_avail = 0.0;
    int first_rc = 0;
    size_t k;

    for (k = 0; k < sizeof fuzz_err_sizes / sizeof fuzz_err_sizes[0]; k++) {
        size_t es = fuzz_err_sizes[k];
        char *err = malloc(es);
        double total = 0.0, avail = 0.0;
        int rc;

        FUZZ_ASSERT(err != NULL);
        rc = host_parse_meminfo(text, size, &total, &avail, err, es);
        FUZZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
        FUZZ_ASSERT(fuzz_terminated(err, es));
        if (rc == -1) {
            FUZZ_ASSERT(total == -1.0 && avail == -1.0);
        } else {
            FUZZ_ASSERT(isfinite(total) && total > 0.0);
            FUZZ_ASSERT(fmod(total, (double)HOST_PARSE_BYTES_PER_KB) == 0.0);
            if (rc == 1)
                FUZZ_ASSERT(avail == -1.0);
            else
                FUZZ_ASSERT(isfinite(avail) && avail >= 0.0 && err[0] == '\0');
        }
        /* A refusal or a missing field always says why (when there is room). */
        if (rc != 0 && es > 1)
            FUZZ_ASSERT(err[0] != '\0');
        /* The error buffer's size changes nothing else. */
        if (k == 0) {
            first_rc = rc;
            first_total = total;
            first_avail = avail;
        } else {
            FUZZ_ASSERT(rc == first_rc && total == first_total && avail == first_avail);
        }
        free(err);
    }
    free(text);
    return 0;
}
