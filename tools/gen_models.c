/* gen_models.c - the `models` kind of tools/gendata: data/models.tsv into
 * the built-in catalog (models_data.h). Each row goes through the parser a
 * user's catalog goes through (catalog_row_parse); its parameter counts
 * are computed here from the expansion, so the program carries them as
 * constants. */
#include "gendata.h"
#include "model/arch_count.h"
#include "model/catalog_row.h"

/* Room for one row's initialisers (every key set, plus the long strings). */
#define GEN_MODELS_BUF (4 * GENDATA_MAX_LINE)
/* The most models the catalog takes. */
#define GEN_MODELS_MAX 1024

typedef struct {
    catalog_row row;
    char buf[GEN_MODELS_BUF];
    gendata_ids ids;
} gen_models_state;

static int gen_models_row(void *state, const char *line, size_t len, FILE *out, char *err,
                          size_t errsize)
{
    gen_models_state *st = state;
    catalog_row *row = &st->row;
    int64_t total, active;
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
    if (catalog_row_emit(row, st->buf, sizeof st->buf) != 0) {
        (void)snprintf(err, errsize, "the row is too long to emit");
        return -1;
    }
    (void)fprintf(out, "    { %s.total = %lld.0, .active = %lld.0 },\n", st->buf, (long long)total,
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
    (void)fprintf(out, "const models_catalog models_data_catalog = { models_data, %zu, NULL, 0 };\n",
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
