/* fuzz_safetensors.c - the pure safetensors header parser
 * (src/files/safetensors.c safetensors_parse) on arbitrary bytes: it
 * returns 0 with a consistent model, or -1 with a one-line message. */
#include "fuzz.h"

#include "files/files_model.h"
#include "files/safetensors.h"

/* A small bound, so that the bound check is reached too. */
#define FUZZ_ST_BOUND 2048

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[FILES_ERR_MAX];
    files_model m;
    unsigned char *buf = (unsigned char *)fuzz_bytes(data, size);
    int rc;

    files_model_init(&m);
    fuzz_fill(err, sizeof err);
    rc = safetensors_parse(buf, size, size, FUZZ_ST_BOUND, "f.safetensors", &m, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == -1) {
        fuzz_check_message(err, sizeof err);
    } else {
        FUZZ_ASSERT(m.nfiles == 1);
        FUZZ_ASSERT(m.weights_bytes + m.header_bytes == (int64_t)size);
    }
    files_model_free(&m);
    free(buf);
    return 0;
}
