/* fuzz_precision.c - libFuzzer target for precisions: parse_bits
 * (src/model/parse.h), formats_find, formats_parse and formats_precision
 * (src/model/formats.h). formats_precision takes plain bits first, then a
 * name as formats_parse does: any name formats_find knows (at the row's
 * bits), or a variable-rate format with a rate within its range. */
#include <math.h>
#include <strings.h>

#include "model/formats.h"
#include "model/parse.h"
#include "fuzz.h"

#define FUZZ_SENTINEL (-12345.0)

/* A row no parser can return, to see that a refusal leaves *fmt alone. */
static const qs_format fuzz_no_format;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_string(data, size);
    const qs_format *sentinel_fmt = &fuzz_no_format;
    const qs_format *fmt = sentinel_fmt;
    const qs_format *named, *parsed = sentinel_fmt;
    double bits = FUZZ_SENTINEL, plain = FUZZ_SENTINEL, rate = FUZZ_SENTINEL;
    int rc_bits = parse_bits(s, &plain);
    int rc, rc_parse;

    FUZZ_ASSERT(rc_bits == 0 || rc_bits == -1);
    if (rc_bits == 0)
        FUZZ_ASSERT(isfinite(plain) && plain > 0.0 && plain <= PARSE_BITS_MAX);
    else
        FUZZ_ASSERT(plain == FUZZ_SENTINEL);

    named = formats_find(s);
    if (named != NULL) {
        FUZZ_ASSERT(named->name != NULL && named->bits > 0.0 && named->bits <= PARSE_BITS_MAX);
        FUZZ_ASSERT(s[0] != '\0');
    }

    rc_parse = formats_parse(s, &parsed, &rate);
    FUZZ_ASSERT(rc_parse == 0 || rc_parse == -1);
    if (named != NULL)
        FUZZ_ASSERT(rc_parse == 0 && parsed == named && rate == named->bits);
    if (rc_parse == 0)
        FUZZ_ASSERT(parsed != NULL && parsed != sentinel_fmt &&
                    (rate == parsed->bits ||
                     (parsed->bits_lo < parsed->bits_hi && rate >= parsed->bits_lo &&
                      rate <= parsed->bits_hi)));
    else
        FUZZ_ASSERT(parsed == sentinel_fmt && rate == FUZZ_SENTINEL);

    rc = formats_precision(s, &bits, &fmt);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc_bits == 0) {
        /* Plain bits win over names. */
        FUZZ_ASSERT(rc == 0 && fmt == NULL && bits == plain);
    } else if (rc_parse == 0) {
        FUZZ_ASSERT(rc == 0 && fmt == parsed && bits == rate);
    } else {
        FUZZ_ASSERT(rc == -1 && fmt == sentinel_fmt && bits == FUZZ_SENTINEL);
    }
    /* A name is found under its canonical spelling as well. */
    if (named != NULL)
        FUZZ_ASSERT(formats_find(named->name) == named);
    free(s);
    return 0;
}
