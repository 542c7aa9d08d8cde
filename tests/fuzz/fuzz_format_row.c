/* fuzz_format_row.c - libFuzzer target for the format row parser
 * (src/model/format_row.h), on an exact-size buffer with no NUL. Contract:
 * 0, 1 or -1; on -1 a one-line message within FORMAT_ROW_ERR_SIZE with no
 * control byte; on 0 a name that starts with a letter, bits and nominal
 * bits in (0, 32], enums within their lists, a file type gguf_rules names,
 * perplexities NAN or within 1e6, bits_lo < bits_hi around bits or both 0,
 * flags 0 or 1, and every string of fmt pointing into the row (NULL for an
 * optional one left out; after format_row_copy, into the copy). */
#include <math.h>

#include "model/format_row.h"
#include "model/gguf_rules.h"
#include "fuzz.h"

/* The ranges format_row.c documents (data/formats.tsv). */
#define FUZZ_MAX_BITS 32.0
#define FUZZ_MAX_PPL 1e6

/* s is NULL (only for an optional text) or the row's own buffer: a
 * terminated string, empty only for an optional text. */
static void fuzz_check_text(const char *s, const char *buf, size_t size, int optional)
{
    if (s == NULL) {
        FUZZ_ASSERT(optional);
        return;
    }
    FUZZ_ASSERT(s == buf);
    FUZZ_ASSERT(fuzz_terminated(buf, size));
    FUZZ_ASSERT(optional || buf[0] != '\0');
}

static void fuzz_check_row(const format_row *r)
{
    const qs_format *f = &r->fmt;
    char c = r->name[0];

    fuzz_check_text(f->name, r->name, sizeof r->name, 0);
    FUZZ_ASSERT((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    fuzz_check_text(f->aliases, r->aliases, sizeof r->aliases, 1);
    FUZZ_ASSERT(f->aliases != NULL);
    fuzz_check_text(f->quality, r->quality, sizeof r->quality, 0);
    fuzz_check_text(f->source, r->source, sizeof r->source, 0);
    fuzz_check_text(f->ppl_ref, r->ppl_model, sizeof r->ppl_model, 1);
    fuzz_check_text(f->ppl_vs, r->ppl_vs, sizeof r->ppl_vs, 1);
    fuzz_check_text(f->ppl_by, r->ppl_by, sizeof r->ppl_by, 1);
    fuzz_check_text(f->ppl_setup, r->ppl_setup, sizeof r->ppl_setup, 1);
    fuzz_check_text(f->scaling, r->scaling, sizeof r->scaling, 1);
    FUZZ_ASSERT(f->bits > 0.0 && f->bits <= FUZZ_MAX_BITS);
    FUZZ_ASSERT(f->nominal_bits > 0.0 && f->nominal_bits <= FUZZ_MAX_BITS);
    FUZZ_ASSERT((int)f->family >= 0 && (int)f->family < (int)FMT_FAMILY_COUNT);
    FUZZ_ASSERT((int)f->bits_kind >= 0 && (int)f->bits_kind < (int)FMT_BITS_KIND_COUNT);
    FUZZ_ASSERT((int)f->layout >= 0 && (int)f->layout < (int)FMT_LAYOUT_COUNT);
    FUZZ_ASSERT(f->gguf == FORMATS_NO_GGUF ||
                (f->gguf >= 0 && f->gguf < (int)GGUF_FTYPE_COUNT &&
                 gguf_rules_ftype((gguf_ftype)f->gguf) != NULL));
    FUZZ_ASSERT(isnan(f->ppl_delta) || fabs(f->ppl_delta) <= FUZZ_MAX_PPL);
    FUZZ_ASSERT(isnan(f->ppl_base) || (f->ppl_base > 0.0 && f->ppl_base <= FUZZ_MAX_PPL));
    FUZZ_ASSERT((f->bits_lo == 0.0 && f->bits_hi == 0.0) ||
                (f->bits_lo < f->bits_hi && f->bits_lo <= f->bits && f->bits <= f->bits_hi));
    FUZZ_ASSERT(f->basic == 0 || f->basic == 1);
    FUZZ_ASSERT(f->ladder == 0 || f->ladder == 1);
    FUZZ_ASSERT(f->verified == 0 || f->verified == 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static format_row row, copy;
    char *line = fuzz_bytes(data, size), err[FORMAT_ROW_ERR_SIZE];
    int rc;

    fuzz_fill(err, sizeof err);
    rc = format_row_parse(line, size, &row, err, sizeof err);
    fuzz_check_parse(rc, err, sizeof err);
    if (rc == 0) {
        fuzz_check_row(&row);
        format_row_copy(&copy, &row);
        fuzz_check_row(&copy);
    }
    free(line);
    return 0;
}
