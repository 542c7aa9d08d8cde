/* optval.h - the values of the command-line options.
 *
 * Layer: cli, used by options.c only (its table names these setters). Each
 * setter reads one argument whole and sets it in o->query (through the
 * query setters) or in *o; on a refusal it returns -1 and writes one line
 * to err: "invalid WHAT 'VALUE' (what is accepted)" or "WHAT 'VALUE' out of
 * range (the range)", VALUE quoted by quote_value. A catalog suggestion
 * ("did you mean ...") is offered only for a word that looks like a name,
 * never for a number with a unit. */
#ifndef QS_OPTVAL_H
#define QS_OPTVAL_H

#include <stddef.h>

#include "cli/options_types.h"

/* The fewest bits per weight (-b, -f, --from, --to, --kv-bits): one bit per
 * 100 weights, far below any real format (IQ1_S is 1.56, TERNARY 1.58) and
 * still shown by fmt_bits' two decimals (1e-300 was shown as "0 bits").
 * The most is PARSE_BITS_MAX. */
#define OPTVAL_BITS_MIN 0.01
/* Most sequences --batch accepts. */
#define OPTVAL_BATCH_MAX 4096
/* The largest --overhead: 1 TiB, two thousand times the ~0.5 GiB a runtime
 * takes (FIT_DEFAULT_OVERHEAD_GIB). */
#define OPTVAL_OVERHEAD_MAX_TIB 1.0
/* The largest --ram: 64 TiB, as the largest --device SIZE (the biggest
 * single machines sold hold 32 TiB). */
#define OPTVAL_RAM_MAX_TIB 64.0
/* The smallest and largest --device SIZE: 1 MiB, and 64 TiB, over a
 * hundred times the largest catalogued device (512 GiB). */
#define OPTVAL_DEVICE_MIN_MIB 1.0
#define OPTVAL_DEVICE_MAX_TIB 64.0
/* The scales of parse_params' B and T suffixes, for printing its range
 * (PARSE_PARAMS_MIN .. PARSE_PARAMS_MAX) and the default size. */
#define OPTVAL_PARAMS_PER_B 1e9
#define OPTVAL_PARAMS_PER_T 1e12

/* --max-header: the default and the most (FILES_BOUND_DEFAULT is 64 MiB;
 * the largest real headers are about 12 MiB), and the least: 1 MiB, a
 * small model's header. */
#define OPTVAL_MAX_HEADER_DEFAULT_MIB 64.0
#define OPTVAL_MAX_HEADER_MIN_MIB 1.0
#define OPTVAL_MAX_HEADER_MAX_GIB 4.0

/* --max-header SIZE: a size with a unit, 1MiB to 4GiB. */
int optval_max_header(options *o, const char *arg, char *err, size_t errsize);

/* The n words of the command line that are not options (at most
 * OPTIONS_SCAN_DIRS_MAX + 1 of them stored in words): --list-models'
 * filter, --scan's folders, or the one bare argument, the model (as -p).
 * Any other is refused. */
int optval_words(options *o, const char *const *words, int n, char *err, size_t errsize);

/* -p/--params/--model: kept as typed in o->model_arg for options_resolve. */
int optval_model(options *o, const char *arg, char *err, size_t errsize);
/* -p's value looked up in o->query.catalog (options_resolve): a catalog
 * model, else a bare size, else (through o->load) a model file or store;
 * a refusal names the word and offers the nearest ids ("did you mean
 * ..."). */
int optval_resolve_model(options *o, const char *arg, char *err, size_t errsize);
/* -b, -f and --to: bits or a named precision (query_set_weights keeps the
 * format the user named); each sets have_bits or have_to. --from: the
 * baseline, likewise (have_from). */
int optval_bits(options *o, const char *arg, char *err, size_t errsize);
int optval_format(options *o, const char *arg, char *err, size_t errsize);
int optval_to(options *o, const char *arg, char *err, size_t errsize);
int optval_from(options *o, const char *arg, char *err, size_t errsize);
/* The fit: --ctx, --batch, --kv-bits, --kv-format, --overhead (0: none),
 * --device (a catalog name or a size, appended as a target; at most
 * QUERY_TARGETS_MAX) and --apple-share (a fraction or a percentage). */
int optval_ctx(options *o, const char *arg, char *err, size_t errsize);
int optval_batch(options *o, const char *arg, char *err, size_t errsize);
int optval_kv_bits(options *o, const char *arg, char *err, size_t errsize);
int optval_kv_format(options *o, const char *arg, char *err, size_t errsize);
int optval_overhead(options *o, const char *arg, char *err, size_t errsize);
int optval_device(options *o, const char *arg, char *err, size_t errsize);
int optval_share(options *o, const char *arg, char *err, size_t errsize);
/* Then, with the user's catalogs loaded (options_resolve, through
 * optshape_resolve; the rigs parsed before, optval_rig_resolve, and
 * left as they are): each --device name looked up in
 * o->query.device_catalog, so that a user's device is found and a user
 * row replaces a built-in device of its id. A name that is in no catalog
 * is refused: "unknown device 'NAME' (did you mean ...? expected ...)",
 * the names offered from the user's devices and the built-in ones. Sizes
 * are kept as given. */
int optval_resolve_devices(options *o, char *err, size_t errsize);
/* --ram: the RAM a GPU's partial offload may spill into, instead of this
 * machine's detected RAM (0: none). */
int optval_ram(options *o, const char *arg, char *err, size_t errsize);

/* Shared with optval_rig.c (the rig and runtime options).
 * "WHAT 'VALUE' (HINT)" and "WHAT 'VALUE' out of range (HINT)" in err,
 * VALUE quoted; each returns -1. */
int optval_fail(char *err, size_t errsize, const char *what, const char *value,
                const char *hint);
int optval_range(char *err, size_t errsize, const char *what, const char *value,
                 const char *hint);
/* Reads arg as [-]NUMBER UNIT, where UNIT is a suffix that `unit` accepts
 * after a 1 ("GiB" for parse_bytes, "B" or "" for parse_params). Returns -1
 * when arg does not have that shape; 1 when it has it but the number does
 * not read (an exponent out of a double's range); 0 with *value = the number
 * times the unit's scale (perhaps 0 or infinite) and *negative set. */
int optval_magnitude(const char *arg, int (*unit)(const char *, double *), double *value,
                     int *negative);
/* Writes "did you mean a, b, c? " for the n ids (nothing when n is 0). */
void optval_did_you_mean(char *buf, size_t size, const char *const *ids, size_t n);
/* A size that may be 0 ("0", "0GiB"), at most max_tib TiB, into *gib.
 * Returns 0, 1 when it is a size out of range, -1 when it is no size. */
int optval_size_or_none(const char *arg, double max_tib, double *gib);
/* The message for a refused size-or-none option called what (why: what
 * optval_size_or_none returned); returns -1. */
int optval_size_refused(int why, const char *what, double max_tib, const char *arg,
                        const char *examples, char *err, size_t errsize);

/* A limit as messages and --help print it: at most two decimals, no
 * trailing zeros ("0.01", "64", "4096"); returns buf. */
const char *optval_num(char *buf, size_t size, double v);

#endif
