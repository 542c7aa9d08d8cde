/* gen_formats.c - the `formats` kind of tools/gendata: data/formats.tsv into
 * the built-in table of named precisions (formats_data.h). Each row goes
 * through format_row_parse, which checks its fields; here the table as a
 * whole is checked (names unique ignoring case, rows in descending order of
 * bits, as formats.h promises) and every row is written as designated
 * initialisers of a qs_format, each number with the fewest digits that the
 * compiler reads back as the same double. */
#include <float.h>
#include <math.h>

#include "gendata.h"
#include "model/format_row.h"
#include "model/formats_data.h"
#include "model/gguf_rules.h"
#include "model/parse.h"

/* Room for a number's text ("%.17g" of a double, sign and exponent). */
#define GEN_FORMATS_NUMBER 40

/* The enumerators, from formats.h's lists. */
#define GEN_FORMATS_ID_(id, word) #id,
static const char *const gen_formats_families[] = { FORMATS_FAMILIES(GEN_FORMATS_ID_) };
static const char *const gen_formats_kinds[] = { FORMATS_BITS_KINDS(GEN_FORMATS_ID_) };
static const char *const gen_formats_layouts[] = { FORMATS_LAYOUTS(GEN_FORMATS_ID_) };
#undef GEN_FORMATS_ID_

typedef struct {
    format_row row;
    gendata_ids ids;
    double last_bits;
} gen_formats_state;

static void gen_formats_text(FILE *out, const char *member, const char *s)
{
    (void)fprintf(out, " .%s = ", member);
    gendata_string(out, s);
    (void)fputc(',', out);
}

/* ".member = x," with the fewest digits (DBL_DIG up to DBL_DECIMAL_DIG)
 * that parse_decimal, correctly rounded like the compiler, reads back as
 * x; NAN for a missing measurement. */
static void gen_formats_number(FILE *out, const char *member, double x)
{
    char text[GEN_FORMATS_NUMBER];
    int digits;

    if (isnan(x)) {
        (void)fprintf(out, " .%s = NAN,", member);
        return;
    }
    for (digits = DBL_DIG; digits <= DBL_DECIMAL_DIG; digits++) {
        double back = 0.0;

        (void)snprintf(text, sizeof text, "%.*g", digits, fabs(x));
        if (parse_decimal(text, &back) == 0 && back == fabs(x))
            break;
    }
    (void)fprintf(out, " .%s = %s%s,", member, x < 0.0 ? "-" : "", text);
}

static void gen_formats_emit(FILE *out, const qs_format *f)
{
    (void)fputs("    {", out);
    gen_formats_text(out, "name", f->name);
    gen_formats_text(out, "aliases", f->aliases);
    gen_formats_number(out, "bits", f->bits);
    gen_formats_number(out, "nominal_bits", f->nominal_bits);
    (void)fprintf(out, "\n      .family = %s,", gen_formats_families[f->family]);
    gen_formats_number(out, "ppl_delta", f->ppl_delta);
    gen_formats_text(out, "ppl_ref", f->ppl_ref);
    (void)fputs("\n     ", out);
    gen_formats_text(out, "quality", f->quality);
    (void)fprintf(out, "\n      .basic = %d, .bits_kind = %s,", f->basic,
                  gen_formats_kinds[f->bits_kind]);
    if (f->gguf == FORMATS_NO_GGUF)
        (void)fputs(" .gguf = FORMATS_NO_GGUF,", out);
    else
        (void)fprintf(out, " .gguf = %d /* %s */,", f->gguf,
                      gguf_rules_ftype((gguf_ftype)f->gguf)->name);
    (void)fprintf(out, " .layout = %s,\n     ", gen_formats_layouts[f->layout]);
    gen_formats_number(out, "bits_lo", f->bits_lo);
    gen_formats_number(out, "bits_hi", f->bits_hi);
    gen_formats_number(out, "ppl_base", f->ppl_base);
    (void)fputs("\n     ", out);
    gen_formats_text(out, "ppl_vs", f->ppl_vs);
    gen_formats_text(out, "ppl_by", f->ppl_by);
    gen_formats_text(out, "ppl_setup", f->ppl_setup);
    (void)fputs("\n     ", out);
    gen_formats_text(out, "scaling", f->scaling);
    (void)fprintf(out, "\n      .ladder = %d, .verified = %d,\n     ", f->ladder, f->verified);
    gen_formats_text(out, "source", f->source);
    (void)fputs(" },\n", out);
}

static int gen_formats_row(void *state, const char *line, size_t len, FILE *out, char *err,
                           size_t errsize)
{
    gen_formats_state *st = state;
    const format_row *row = &st->row;
    int rc = format_row_parse(line, len, &st->row, err, errsize);

    if (rc != 0)
        return rc;
    /* Names are unique ignoring case (gendata_new_id compares so). */
    if (gendata_new_id(&st->ids, row->name, FORMATS_DATA_MAX, err, errsize) != 0)
        return -1;
    if (st->ids.n > 1 && row->fmt.bits > st->last_bits) {
        (void)snprintf(err, errsize, "%s: bits %g above the row before (%g): keep the rows in "
                       "descending order of bits", row->name, row->fmt.bits, st->last_bits);
        return -1;
    }
    st->last_bits = row->fmt.bits;
    gen_formats_emit(out, &row->fmt);
    return 0;
}

static int gen_formats_finish(void *state, size_t rows, FILE *out, char *err, size_t errsize)
{
    (void)state;
    if (rows == 0) {
        (void)snprintf(err, errsize, "no formats");
        return -1;
    }
    (void)fprintf(out, "const size_t formats_data_count = %zu;\n", rows);
    return 0;
}

const gendata_kind gendata_formats = {
    "formats",
    "#include <math.h>\n#include <stddef.h>\n\n#include \"model/formats_data.h\"\n\n"
    "const qs_format formats_data[] = {\n",
    "};\n\n",
    sizeof(gen_formats_state),
    gen_formats_row,
    gen_formats_finish,
};
