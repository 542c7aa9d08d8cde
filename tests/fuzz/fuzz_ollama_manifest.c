/* fuzz_ollama_manifest.c - the Ollama manifest parser (ollama_manifest.h)
 * on arbitrary bytes: it returns 0 with well-formed digests, or -1 with
 * one printable line naming the manifest; never a crash, a leak or a read
 * past the input. */
#include <string.h>

#include "files/ollama_manifest.h"
#include "fuzz.h"

#define FUZZ_MANIFEST_PATH "manifests/registry.ollama.ai/library/m/latest"
#define FUZZ_ERR_SIZE 512

static int fuzz_hex_ok(const char *s)
{
    size_t i;

    if (strlen(s) != OLLAMA_DIGEST_HEX)
        return 0;
    for (i = 0; i < OLLAMA_DIGEST_HEX; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
              (s[i] >= 'A' && s[i] <= 'F')))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = fuzz_bytes(data, size);
    char err[FUZZ_ERR_SIZE];
    ollama_manifest m;
    int rc;

    fuzz_fill(err, sizeof err);
    rc = ollama_manifest_parse(json, size, FUZZ_MANIFEST_PATH, &m, err, sizeof err);
    FUZZ_ASSERT(rc == 0 || rc == -1);
    if (rc == 0) {
        FUZZ_ASSERT(fuzz_hex_ok(m.model_hex));
        FUZZ_ASSERT(m.projector_hex[0] == '\0' || fuzz_hex_ok(m.projector_hex));
        FUZZ_ASSERT(m.model_size >= -1 && m.projector_size >= -1);
    } else {
        fuzz_check_message(err, sizeof err);
        FUZZ_ASSERT(strncmp(err, FUZZ_MANIFEST_PATH ": ", strlen(FUZZ_MANIFEST_PATH) + 2) == 0);
    }
    free(json);
    return 0;
}
