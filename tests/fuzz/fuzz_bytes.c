/* fuzz_bytes.c - libFuzzer target for device sizes: parse_bytes
 * (src/model/parse.h) and the device argument built on it: devices_resolve,
 * devices_find and devices_suggest (src/model/devices.h). */
#include <math.h>
#include <strings.h>

#include "model/devices.h"
#include "model/memory.h"
#include "model/parse.h"
#include "fuzz.h"

#define FUZZ_SENTINEL (-12345.0)
#define FUZZ_SUGGEST_MAX 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    const qs_device *out[FUZZ_SUGGEST_MAX];
    const qs_device *found;
    qs_device dev;
    double bytes = FUZZ_SENTINEL;
    size_t n, i, j;
    int rc = parse_bytes(s, &bytes);
    int rc_dev;

    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0)
        FUZZ_ASSERT(isfinite(bytes) && bytes > 0.0);
    else
        FUZZ_ASSERT(bytes == FUZZ_SENTINEL);

    found = devices_find(s);
    if (found != NULL)
        FUZZ_ASSERT(strcasecmp(found->id, s) == 0);

    memset(&dev, 0, sizeof dev);
    rc_dev = devices_resolve(s, &dev);
    FUZZ_ASSERT(rc_dev == 0 || rc_dev == -1);
    if (found != NULL) {
        FUZZ_ASSERT(rc_dev == 0 && strcmp(dev.id, found->id) == 0);
    } else if (rc == 0) {
        FUZZ_ASSERT(rc_dev == 0 && dev.kind == DEV_KIND_CUSTOM && dev.id == s);
        FUZZ_ASSERT(dev.capacity_gib == bytes / MEMORY_BYTES_PER_GIB);
        FUZZ_ASSERT(devices_usable_gib(&dev, 0.0) == dev.capacity_gib);
    } else {
        FUZZ_ASSERT(rc_dev == -1);
    }

    n = devices_suggest(s, out, FUZZ_SUGGEST_MAX);
    FUZZ_ASSERT(n <= FUZZ_SUGGEST_MAX && n <= devices_count());
    FUZZ_ASSERT(s[0] != '\0' || n == 0);
    for (i = 0; i < n; i++) {
        FUZZ_ASSERT(out[i] != NULL);
        for (j = 0; j < i; j++)
            FUZZ_ASSERT(out[j] != out[i]);
    }
    if (n > 0) {
        const qs_device *one[1];
        FUZZ_ASSERT(devices_suggest(s, one, 1) == 1 && one[0] == out[0]);
    }
    free(s);
    return 0;
}
