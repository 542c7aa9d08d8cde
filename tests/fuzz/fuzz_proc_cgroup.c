/* fuzz_proc_cgroup.c - libFuzzer target for /proc/self/cgroup:
 * host_parse_proc_cgroup (src/platform/host_parse.h), with roomy and tight
 * exact-size output buffers. */
#include "platform/host_parse.h"
#include "fuzz.h"

#define FUZZ_ROOMY 4096
#define FUZZ_TIGHT 16

/* 1 when path is a safe cgroup path as the header promises: absolute, no
 * "." or ".." component, no newline, and found in the input. */
static int fuzz_safe(const char *path, const char *text, size_t len)
{
    size_t n = strlen(path), i = 0;

    if (n == 0 || path[0] != '/' || strchr(path, '\n') != NULL)
        return 0;
    while (i < n) {
        size_t start;
        while (i < n && path[i] == '/')
            i++;
        start = i;
        while (i < n && path[i] != '/')
            i++;
        if ((i - start == 1 && path[start] == '.')
            || (i - start == 2 && path[start] == '.' && path[start + 1] == '.'))
            return 0;
    }
    return len >= n && memmem(text, len, path, n) != NULL;
}

/* Runs the parser with exact-size buffers and checks what it wrote. */
static int fuzz_run(const char *text, size_t len, size_t v2_size, size_t v1_size,
                    char **v2_out, char **v1_out)
{
    char *v2 = malloc(v2_size), *v1 = malloc(v1_size);
    int found;

    FUZZ_ASSERT(v2 != NULL && v1 != NULL);
    memset(v2, 'X', v2_size);
    memset(v1, 'X', v1_size);
    found = host_parse_proc_cgroup(text, len, v2, v2_size, v1, v1_size);
    FUZZ_ASSERT((found & ~(HOST_PARSE_CGROUP_V2 | HOST_PARSE_CGROUP_V1)) == 0);
    FUZZ_ASSERT(fuzz_terminated(v2, v2_size) && fuzz_terminated(v1, v1_size));
    if (found & HOST_PARSE_CGROUP_V2)
        FUZZ_ASSERT(fuzz_safe(v2, text, len));
    else
        FUZZ_ASSERT(v2[0] == '\0');
    if (found & HOST_PARSE_CGROUP_V1)
        FUZZ_ASSERT(fuzz_safe(v1, text, len));
    else
        FUZZ_ASSERT(v1[0] == '\0');
    *v2_out = v2;
    *v1_out = v1;
    return found;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    char *v2, *v1, *t2, *t1;
    int found = fuzz_run(text, size, FUZZ_ROOMY, FUZZ_ROOMY, &v2, &v1);
    int tight = fuzz_run(text, size, FUZZ_TIGHT, 1, &t2, &t1);

    /* Nothing fits in one byte; a path found with a tight buffer is found
     * with a roomy one too, and a path that fits both is the same in both
     * (a later v2 line that fits may stand in for a first one too long). */
    FUZZ_ASSERT((tight & HOST_PARSE_CGROUP_V1) == 0);
    if (tight & HOST_PARSE_CGROUP_V2)
        FUZZ_ASSERT(found & HOST_PARSE_CGROUP_V2);
    if ((found & HOST_PARSE_CGROUP_V2) && strlen(v2) < FUZZ_TIGHT)
        FUZZ_ASSERT((tight & HOST_PARSE_CGROUP_V2) && strcmp(t2, v2) == 0);
    /* NULL outputs are allowed and change nothing about what is found. */
    FUZZ_ASSERT(host_parse_proc_cgroup(text, size, NULL, 0, NULL, 0) == 0);
    free(v2);
    free(v1);
    free(t2);
    free(t1);
    free(text);
    return 0;
}
