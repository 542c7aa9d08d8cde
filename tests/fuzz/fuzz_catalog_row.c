/* fuzz_catalog_row.c - libFuzzer target for the catalog row parser
 * (src/model/catalog_row.h), on an exact-size buffer with no NUL. Contract:
 * 0, 1 or -1; on -1 a one-line message within CATALOG_ROW_ERR_SIZE, with no
 * control byte; on 0 a valid architecture whose parameter count can be
 * taken. */
#include "model/arch.h"
#include "model/catalog_row.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static catalog_row row;
    char *line = fuzz_bytes(data, size), err[CATALOG_ROW_ERR_SIZE];
    int rc;

    fuzz_fill(err, sizeof err);
    rc = catalog_row_parse(line, size, &row, err, sizeof err);
    fuzz_check_parse(rc, err, sizeof err);
    if (rc == 0) {
        FUZZ_ASSERT(arch_valid(&row.arch));
        FUZZ_ASSERT(arch_param_count(&row.arch) > 0);
    }
    free(line);
    return 0;
}
