/* models.h - the model catalog: architectures as data.
 *
 * Layer 1 (model): no I/O, no allocation. The built-in models are the rows
 * of data/models.tsv, turned into a C table by the build (tools/gendata
 * models, models_data.h); a user's own rows (their models.tsv, --catalog)
 * come through catalog_row_parse and models_from_row and are looked up
 * before the built-in ones, so a user row replaces a built-in model of the
 * same id. Parameter counts are exact: the elements of the model's tensor
 * list (arch_expand), which equal the published total where one exists
 * (params_diff says by how much they differ where a publisher counts
 * otherwise). */
#ifndef QS_MODELS_H
#define QS_MODELS_H

#include <stddef.h>
#include <stdint.h>

#include "model/catalog_row.h"
#include "model/models_data.h"

/* The family a bare size (-p 7B) borrows its architecture from when none
 * is named: Llama, the lesson's family (dense, GQA or MHA). */
#define MODELS_DEFAULT_FAMILY "llama"

/* The built-in catalog alone. */
const models_catalog *models_builtin(void);

/* *c = the built-in catalog with `nuser` user models before it (kept by
 * pointer; user may be NULL when nuser is 0). */
void models_catalog_init(models_catalog *c, const qs_model *user, size_t nuser);

/* Puts `nlocal` models read from the user's files (kept by pointer, as is
 * the array) before every other model of *c. */
void models_catalog_set_local(models_catalog *c, const qs_model *const *local, size_t nlocal);

/* The number of models: the local ones, the user's, then the built-in
 * ones no user row replaces. */
size_t models_count(const models_catalog *c);

/* The i-th model in that order, or NULL when out of range. */
const qs_model *models_get(const models_catalog *c, size_t i);

/* The model whose id or display name equals `name`, ignoring case (a user
 * row first); NULL if none. */
const qs_model *models_find(const models_catalog *c, const char *name);

/* Up to `max` models whose ids are closest to `name` (ids containing it
 * first, then by edit distance, within a small distance); returns the count. */
size_t models_suggest(const models_catalog *c, const char *name, const qs_model **out,
                      size_t max);

/* 1 when `filter` (any case) is part of m's id, name or family, or is
 * NULL or empty. */
int models_matches(const qs_model *m, const char *filter);

/* The catalog model of `family` (MODELS_DEFAULT_FAMILY when NULL) whose
 * total is nearest to `params` in ratio (ties: the earlier); among dense
 * models only unless the family has none; never a local model. NULL when the family has no
 * model or params is not positive. */
const qs_model *models_nearest(const models_catalog *c, const char *family, double params);

/* A short word for the attention: "MHA", "GQA", "MQA" or "MLA", with the
 * other kinds of its layers after a '+' ("GQA+SWA", "GQA+linear",
 * "GQA+SSM", "GQA+chunked"). */
const char *models_attention(const qs_model *m);

/* The layers by kind, e.g. "18 full + 18 swa 128", "12 full + 36 linear",
 * "61 mla", into buf; returns 0, or -1 when it does not fit. */
int models_layer_kinds(const qs_model *m, char *buf, size_t size);

/* A model from a parsed user row: strings and arch point into *r, which
 * must outlive *out; total and active computed, user = 1. Returns 0, or -1
 * for an invalid arch. */
int models_from_row(const catalog_row *r, qs_model *out);

#endif
