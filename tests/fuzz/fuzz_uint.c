/* fuzz_uint.c - libFuzzer target for sysfs numbers: host_parse_uint
 * (src/platform/host_parse.h), checked against strtoull. */
#include <errno.h>

#include "platform/host_parse.h"
#include "fuzz.h"

#define FUZZ_ERR_SIZE 200
#define FUZZ_SPACE " \t\n\r\v\f"

/* The reference: whitespace, one or more digits, whitespace; value by
 * strtoull, refused on overflow. Returns 0 with *value, or -1. */
static int fuzz_ref_uint(const char *text, size_t len, unsigned long long *value)
{
    size_t i = 0, end = len, k;
    char *copy, *e;
    int rc = -1;

    while (i < end && text[i] != '\0' && strchr(FUZZ_SPACE, text[i]))
        i++;
    while (end > i && text[end - 1] != '\0' && strchr(FUZZ_SPACE, text[end - 1]))
        end--;
    if (i == end)
        return -1;
    for (k = i; k < end; k++)
        if (text[k] < '0' || text[k] > '9')
            return -1;
    copy = fuzz_string((const uint8_t *)text + i, end - i);
    errno = 0;
    *value = strtoull(copy, &e, 10);
    if (errno == 0 && *e == '\0')
        rc = 0;
    free(copy);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    char err[FUZZ_ERR_SIZE];
    unsigned long long v = 1, ref = 0;
    int rc = host_parse_uint(text, size, &v, err, sizeof err);
    int ref_rc = fuzz_ref_uint(text, size, &ref);

    FUZZ_ASSERT(rc == 0 || rc == -1);
    FUZZ_ASSERT(fuzz_terminated(err, sizeof err));
    FUZZ_ASSERT(rc == ref_rc);
    if (rc == 0)
        FUZZ_ASSERT(v == ref && err[0] == '\0');
    else
        FUZZ_ASSERT(v == 0 && err[0] != '\0');
    free(text);
    return 0;
}
