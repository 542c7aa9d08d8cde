/* optshape.h - the options that shape a bare size and name the catalogs:
 * --family, --layers, --kv-heads, --head-dim, --hidden, --vocab,
 * --experts and --catalog, and the resolution of -p once every catalog is
 * loaded.
 *
 * Layer: cli, used by options.c (its table names these setters) and by
 * main.c (options_resolve). Messages as optval.h's. */
#ifndef QS_OPTSHAPE_H
#define QS_OPTSHAPE_H

#include <stddef.h>

#include "cli/options_types.h"

/* The largest --layers, and the largest width --kv-heads, --head-dim,
 * --hidden and --vocab accept: the catalog's own bounds
 * (CATALOG_ROW_MAX_LAYERS, and 2^20 for a dimension, catalog_row.c). */
#define OPTSHAPE_MAX_LAYERS 1024L
#define OPTSHAPE_MAX_DIM 1048576L
/* The most routed experts --experts accepts (catalog_row.c's bound). */
#define OPTSHAPE_MAX_EXPERTS 2048L

int optshape_family(options *o, const char *arg, char *err, size_t errsize);
int optshape_layers(options *o, const char *arg, char *err, size_t errsize);
int optshape_kv_heads(options *o, const char *arg, char *err, size_t errsize);
int optshape_head_dim(options *o, const char *arg, char *err, size_t errsize);
int optshape_hidden(options *o, const char *arg, char *err, size_t errsize);
int optshape_vocab(options *o, const char *arg, char *err, size_t errsize);
/* "E" or "E/K": E routed experts, K of them per token (default 2). */
int optshape_experts(options *o, const char *arg, char *err, size_t errsize);
int optshape_catalog(options *o, const char *arg, char *err, size_t errsize);

/* After the catalogs are loaded: sets o->query.catalog to c, looks -p up
 * in it (a catalog model, else a bare size shaped like the nearest model of
 * --family, or by the shape options), and checks the family and the shape;
 * first the --device names are looked up in o->query.device_catalog
 * (optval_resolve_devices).
 * Returns 0, or -1 with one line in err. */
int optshape_resolve(options *o, const models_catalog *c, char *err, size_t errsize);

#endif
