/* fuzz_hfconfig.c - the config.json parser (src/files/hfconfig.c) on
 * arbitrary bytes: 0, or -1 with a one-line message. */
#include "fuzz.h"

#include "files/files_model.h"
#include "files/hfconfig.h"
#include "model/arch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[FILES_ERR_MAX];
    files_model m;
    char *buf = fuzz_bytes(data, size);
    int rc;

    files_model_init(&m);
    fuzz_fill(err, sizeof err);
    rc = hfconfig_parse(buf, size, "config.json", &m, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == -1)
        fuzz_check_message(err, sizeof err);
    else if (m.arch_ok)
        FUZZ_ASSERT(arch_param_count(&m.arch) >= 0);
    files_model_free(&m);
    free(buf);
    return 0;
}
