/* fuzz_gguf_read.c - the GGUF parser over arbitrary bytes (gguf_read.h):
 * it returns 0 with tensors, or -1 with a one-line "PATH: ..." message;
 * never reads past the buffer (an exact-size copy), never leaks. */
#include "files/files_model.h"
#include "files/gguf_read.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_bytes(data, size);
    char err[FILES_ERR_MAX];
    files_model *m = malloc(sizeof *m);
    int rc;

    FUZZ_ASSERT(m != NULL);
    files_model_init(m);
    fuzz_fill(err, sizeof err);
    rc = gguf_read_buffer((const unsigned char *)buf, size, size, 0, "f.gguf", m, err,
                          sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == -1)
        fuzz_check_message(err, sizeof err);
    else
        FUZZ_ASSERT(m->ntensors > 0 && m->weights_bytes > 0);
    files_model_free(m);
    free(m);
    free(buf);
    return 0;
}
