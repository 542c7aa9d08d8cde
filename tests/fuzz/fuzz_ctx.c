/* fuzz_ctx.c - libFuzzer target for context lengths: parse_ctx
 * (src/model/parse.h). */
#include "model/parse.h"
#include "fuzz.h"

#define FUZZ_SENTINEL (-12345L)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    long ctx = FUZZ_SENTINEL, again = FUZZ_SENTINEL;
    int rc = parse_ctx(s, &ctx);

    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0)
        FUZZ_ASSERT(ctx >= 1 && ctx <= PARSE_CTX_MAX);
    else
        FUZZ_ASSERT(ctx == FUZZ_SENTINEL);
    FUZZ_ASSERT(parse_ctx(s, &again) == rc && again == ctx);
    free(s);
    return 0;
}
