/* fuzz_catalog_row.c - libFuzzer target for the catalog row parser
 * (src/model/catalog_row.h), on an exact-size buffer with no NUL. Contract:
 * 0, 1 or -1; on -1 a one-line message within CATALOG_ROW_ERR_SIZE; on 0 a
 * valid architecture whose parameter count can be taken. */
#include "model/arch.h"
#include "model/catalog_row.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static catalog_row row;
    char *line = malloc(size > 0 ? size : 1), err[CATALOG_ROW_ERR_SIZE];
    int rc;
    size_t i, n;

    FUZZ_ASSERT(line != NULL);
    if (size > 0)
        memcpy(line, data, size);
    memset(err, 'X', sizeof err);
    err[sizeof err - 1] = '\0';
    rc = catalog_row_parse(line, size, &row, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == 1 || rc == -1);
    if (rc == -1) {
        n = strlen(err);
        FUZZ_ASSERT(n > 0 && n < sizeof err);
        for (i = 0; i < n; i++)
            FUZZ_ASSERT(err[i] != '\n');
    } else if (rc == 0) {
        FUZZ_ASSERT(arch_valid(&row.arch));
        FUZZ_ASSERT(arch_param_count(&row.arch) > 0);
    }
    free(line);
    return 0;
}
