/* fuzz_hex_id.c - libFuzzer target for sysfs ids ("0x1002\n"):
 * host_parse_hex_id (src/platform/host_parse.h), checked against strtoull. */
#include <errno.h>

#include "platform/host_parse.h"
#include "fuzz.h"

#define FUZZ_ERR_SIZE 200
#define FUZZ_SPACE " \t\n\r\v\f"
/* The largest id the contract accepts. */
#define FUZZ_HEX_ID_MAX 0xffffffffULL

static int fuzz_is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The reference: whitespace, optional 0x or 0X, one or more hex digits,
 * whitespace; value by strtoull, at most FUZZ_HEX_ID_MAX. */
static int fuzz_ref_hex(const char *text, size_t len, unsigned long *id)
{
    size_t i = 0, end = len, k;
    unsigned long long v;
    char *copy, *e;
    int rc = -1;

    while (i < end && text[i] != '\0' && strchr(FUZZ_SPACE, text[i]))
        i++;
    while (end > i && text[end - 1] != '\0' && strchr(FUZZ_SPACE, text[end - 1]))
        end--;
    if (end - i >= 2 && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        i += 2;
    if (i == end)
        return -1;
    for (k = i; k < end; k++)
        if (!fuzz_is_hex(text[k]))
            return -1;
    copy = fuzz_string((const uint8_t *)text + i, end - i);
    errno = 0;
    v = strtoull(copy, &e, 16);
    if (errno == 0 && *e == '\0' && v <= FUZZ_HEX_ID_MAX) {
        *id = (unsigned long)v;
        rc = 0;
    }
    free(copy);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    char err[FUZZ_ERR_SIZE];
    unsigned long id = 1, ref = 0;
    int rc = host_parse_hex_id(text, size, &id, err, sizeof err);
    int ref_rc = fuzz_ref_hex(text, size, &ref);

    FUZZ_ASSERT(rc == 0 || rc == -1);
    FUZZ_ASSERT(fuzz_terminated(err, sizeof err));
    FUZZ_ASSERT(rc == ref_rc);
    if (rc == 0)
        FUZZ_ASSERT(id == ref && err[0] == '\0');
    else
        FUZZ_ASSERT(id == 0 && err[0] != '\0');
    free(text);
    return 0;
}
