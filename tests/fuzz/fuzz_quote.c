/* fuzz_quote.c - libFuzzer target for quote_value (src/cli/quote.h), at
 * exact output sizes. Contract: the result is NUL-terminated within size,
 * holds no C0 control or DEL, is valid UTF-8 (the locale here is C, so it
 * is ASCII), and a shorter buffer gives a prefix of a longer one's text
 * (before the cut mark). */
#include "cli/quote.h"
#include "fuzz.h"

/* Output sizes tried: none, one byte, short, the full size. */
static const size_t fuzz_quote_sizes[] = { 0, 1, 9, QUOTE_SIZE };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    size_t k;

    for (k = 0; k < sizeof fuzz_quote_sizes / sizeof fuzz_quote_sizes[0]; k++) {
        size_t os = fuzz_quote_sizes[k], n, i;
        char *out = malloc(os > 0 ? os : 1);
        const char *r;

        FUZZ_ASSERT(out != NULL);
        r = quote_value(out, os, text);
        FUZZ_ASSERT(r != NULL);
        n = strlen(r);
        FUZZ_ASSERT(os == 0 ? n == 0 : n < os);
        for (i = 0; i < n; i++)
            FUZZ_ASSERT((unsigned char)r[i] >= 0x20 && (unsigned char)r[i] < 0x7f);
        free(out);
    }
    free(text);
    return 0;
}
