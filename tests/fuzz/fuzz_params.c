/* fuzz_params.c - libFuzzer target for model sizes: parse_params
 * (src/model/parse.h) and the preset names a model argument may be instead
 * (models_find, models_suggest in src/model/models.h). */
#include <math.h>
#include <strings.h>

#include "model/models.h"
#include "model/parse.h"
#include "fuzz.h"

/* A value no parser can produce, to see that a refusal leaves *out alone. */
#define FUZZ_SENTINEL (-12345.0)
/* How many suggestions are asked for (more than the front end shows). */
#define FUZZ_SUGGEST_MAX 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    double v = FUZZ_SENTINEL, again = FUZZ_SENTINEL;
    const qs_model *out[FUZZ_SUGGEST_MAX];
    const qs_model *m;
    size_t n, i, j;
    int rc = parse_params(s, &v);

    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        FUZZ_ASSERT(isfinite(v));
        FUZZ_ASSERT(v >= PARSE_PARAMS_MIN && v <= PARSE_PARAMS_MAX);
    } else {
        FUZZ_ASSERT(v == FUZZ_SENTINEL);
    }
    /* Pure: the same answer twice. */
    FUZZ_ASSERT(parse_params(s, &again) == rc);
    FUZZ_ASSERT(rc != 0 || again == v);

    m = models_find(models_builtin(), s);
    if (m != NULL)
        FUZZ_ASSERT(strcasecmp(m->id, s) == 0 || strcasecmp(m->name, s) == 0);
    n = models_suggest(models_builtin(), s, out, FUZZ_SUGGEST_MAX);
    FUZZ_ASSERT(n <= FUZZ_SUGGEST_MAX && n <= models_count(models_builtin()));
    FUZZ_ASSERT(s[0] != '\0' || n == 0);
    for (i = 0; i < n; i++) {
        FUZZ_ASSERT(out[i] != NULL);
        for (j = 0; j < i; j++)
            FUZZ_ASSERT(out[j] != out[i]);
    }
    /* Asking for fewer gives a prefix of the longer answer. */
    if (n > 0) {
        const qs_model *one[1];
        FUZZ_ASSERT(models_suggest(models_builtin(), s, one, 1) == 1 && one[0] == out[0]);
    }
    FUZZ_ASSERT(models_suggest(models_builtin(), s, out, 0) == 0);
    free(s);
    return 0;
}
