/* fuzz_cgroup_limit.c - libFuzzer target for cgroup memory limits (v2
 * memory.max, v1 memory.limit_in_bytes): host_parse_cgroup_limit
 * (src/platform/host_parse.h), checked against host_parse_uint and "max". */
#include <math.h>

#include "platform/host_parse.h"
#include "fuzz.h"

#define FUZZ_ERR_SIZE 200

/* 1 when text[0..len) is "max" with optional whitespace around it. */
static int fuzz_is_max(const char *text, size_t len)
{
    size_t i = 0, end = len;

    while (i < end && strchr(" \t\n\r\v\f", text[i]) != NULL && text[i] != '\0')
        i++;
    while (end > i && strchr(" \t\n\r\v\f", text[end - 1]) != NULL && text[end - 1] != '\0')
        end--;
    return end - i == 3 && memcmp(text + i, "max", 3) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    char err[FUZZ_ERR_SIZE], uerr[FUZZ_ERR_SIZE];
    double limit = -1.0;
    unsigned long long v = 0;
    int rc = host_parse_cgroup_limit(text, size, &limit, err, sizeof err);
    int urc = host_parse_uint(text, size, &v, uerr, sizeof uerr);

    FUZZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
    FUZZ_ASSERT(fuzz_terminated(err, sizeof err));
    if (rc != 0)
        FUZZ_ASSERT(limit == 0.0);
    if (rc == -1)
        FUZZ_ASSERT(err[0] != '\0');
    if (urc == 0) {
        /* A byte count: a limit below the "unlimited" line, else no limit. */
        if (v >= HOST_PARSE_CGROUP_UNLIMITED)
            FUZZ_ASSERT(rc == 1);
        else
            FUZZ_ASSERT(rc == 0 && limit == (double)v);
    } else {
        FUZZ_ASSERT(rc == (fuzz_is_max(text, size) ? 1 : -1));
    }
    free(text);
    return 0;
}
