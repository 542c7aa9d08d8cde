/* fuzz_name.c - libFuzzer target for one-line names (sysfs product_name):
 * host_parse_name (src/platform/host_parse.h), with exact-size outputs. */
#include "platform/host_parse.h"
#include "fuzz.h"

/* Output sizes tried: the smallest allowed, a short one, a roomy one. */
static const size_t fuzz_out_sizes[] = { 1, 7, 256 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_bytes(data, size);
    char *shorter = NULL;
    size_t k;

    for (k = 0; k < sizeof fuzz_out_sizes / sizeof fuzz_out_sizes[0]; k++) {
        size_t os = fuzz_out_sizes[k], n, i;
        char *out = malloc(os);

        FUZZ_ASSERT(out != NULL);
        memset(out, 'X', os);
        host_parse_name(text, size, out, os);
        FUZZ_ASSERT(fuzz_terminated(out, os));
        n = strlen(out);
        /* Printable ASCII only, one line, trimmed. */
        for (i = 0; i < n; i++)
            FUZZ_ASSERT(out[i] >= 0x20 && out[i] < 0x7f);
        FUZZ_ASSERT(n == 0 || (out[0] != ' ' && out[n - 1] != ' '));
        if (os == 1)
            FUZZ_ASSERT(n == 0);
        /* A shorter output is the start of a longer one. */
        if (shorter != NULL)
            FUZZ_ASSERT(strncmp(shorter, out, strlen(shorter)) == 0);
        free(shorter);
        shorter = out;
    }
    free(shorter);
    free(text);
    return 0;
}
