/* gen_models.c - the `models` kind of tools/gendata: data/models.tsv into
 * the built-in catalog (models_data.h). Each row goes through the parser a
 * user's catalog goes through (catalog_row_parse); its parameter counts
 * are computed here from the expansion, so the program carries them as
 * constants. */
#include "gendata.h"
#include "model/arch_count.h"
#include "model/catalog_row.h"

/* The most models the catalog takes. */
#define GEN_MODELS_MAX 1024

typedef struct {
    catalog_row row;
    gendata_ids ids;
} gen_models_state;

/* ".member = "text", " with the text as a C literal. */
static void gen_models_string(FILE *out, const char *member, const char *text)
{
    (void)fprintf(out, ".%s = ", member);
    gendata_string(out, text);
    (void)fputs(", ", out);
}

static int gen_models_row(void *state, const char *line, size_t len, FILE *out, char *err,
                          size_t errsize)
{
    gen_models_state *st = state;
    catalog_row *row = &st->row;
    catalog_row_value v;
    int64_t total, active;
    size_t i;
    int rc = catalog_row_parse(line, len, row, err, errsize);

    if (rc != 0)
        return rc;
    if (gendata_new_id(&st->ids, row->id, GEN_MODELS_MAX, err, errsize) != 0)
        return -1;
    total = arch_param_count(&row->arch);
    active = arch_active_param_count(&row->arch);
    if (row->params != 0 && total - row->params != row->params_diff) {
        (void)snprintf(err, errsize,
                       "the expansion has %lld parameters, params says %lld and params_diff %lld",
                       (long long)total, (long long)row->params, (long long)row->params_diff);
        return -1;
    }
    (void)fputs("    { ", out);
    gen_models_string(out, "id", row->id);
    gen_models_string(out, "name", row->name);
    gen_models_string(out, "arch.name", row->name);
    gen_models_string(out, "family", row->family);
    for (i = 0; (rc = catalog_row_field(row, i, &v)) >= 0; i++) {
        if (rc != 0)
            continue;
        if (v.text != NULL)
            gen_models_string(out, v.member, v.text);
        else
            (void)fprintf(out, ".%s = %lld, ", v.member, (long long)v.number);
    }
    (void)fprintf(out, ".total = %lld.0, .active = %lld.0 },\n", (long long)total,
                  (long long)active);
    return 0;
}

static int gen_models_finish(void *state, size_t rows, FILE *out, char *err, size_t errsize)
{
    (void)state;
    if (rows == 0) {
        (void)snprintf(err, errsize, "no models");
        return -1;
    }
    (void)fprintf(out, "const models_catalog models_data_catalog = "
                  "{ models_data, %zu, NULL, 0, NULL, 0 };\n",
                  rows);
    return 0;
}

const gendata_kind gendata_models = {
    "models",
    "#include \"model/models_data.h\"\n\nconst qs_model models_data[] = {\n",
    "};\n\n",
    sizeof(gen_models_state),
    gen_models_row,
    gen_models_finish,
};
