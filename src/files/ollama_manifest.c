/* ollama_manifest.c - the parts of an Ollama manifest that locate a model
 * (ollama_manifest.h). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "files/ollama_manifest.h"

static int ollama_manifest_fail(char *err, size_t errsize, const char *path, const char *why)
{
    if (err != NULL && errsize > 0)
        (void)snprintf(err, errsize, "%s: %s", path, why);
    return -1;
}

/* 1 when c is a hex digit. */
static int ollama_manifest_is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Copies the hex part of "sha256:HEX" (or "sha256-HEX") into hex; returns
 * 0, or -1 when the digest is not of that shape. */
static int ollama_manifest_digest(const json_t *d, char hex[OLLAMA_DIGEST_HEX + 1])
{
    const char *s;
    size_t algo = strlen(OLLAMA_DIGEST_ALGO), i;

    if (!json_is_string(d))
        return -1;
    s = json_string_value(d);
    if (json_string_length(d) != algo + 1 + OLLAMA_DIGEST_HEX ||
        strncmp(s, OLLAMA_DIGEST_ALGO, algo) != 0 || (s[algo] != ':' && s[algo] != '-'))
        return -1;
    s += algo + 1;
    for (i = 0; i < OLLAMA_DIGEST_HEX; i++)
        if (!ollama_manifest_is_hex(s[i]))
            return -1;
    memcpy(hex, s, OLLAMA_DIGEST_HEX);
    hex[OLLAMA_DIGEST_HEX] = '\0';
    return 0;
}

static int64_t ollama_manifest_size(const json_t *layer)
{
    const json_t *s = json_object_get(layer, "size");

    if (!json_is_integer(s) || json_integer_value(s) < 0)
        return -1;
    return (int64_t)json_integer_value(s);
}

/* Reads the layers array into out; returns 0 or -1 with err set. */
static int ollama_manifest_layers(const json_t *layers, const char *path, ollama_manifest *out,
                                  char *err, size_t errsize)
{
    size_t i;
    int have_model = 0;

    for (i = 0; i < json_array_size(layers); i++) {
        const json_t *layer = json_array_get(layers, i);
        const json_t *mt = json_object_get(layer, "mediaType");
        const char *media;

        if (!json_is_object(layer))
            return ollama_manifest_fail(err, errsize, path,
                                        "a layer is not an object (expected {\"mediaType\": ..., "
                                        "\"digest\": ...})");
        if (!json_is_string(mt))
            continue;
        media = json_string_value(mt);
        if (strcmp(media, OLLAMA_MEDIA_MODEL) == 0) {
            if (have_model)
                return ollama_manifest_fail(err, errsize, path,
                                            "two model layers (expected one layer of mediaType "
                                            OLLAMA_MEDIA_MODEL ")");
            if (ollama_manifest_digest(json_object_get(layer, "digest"), out->model_hex) != 0)
                return ollama_manifest_fail(err, errsize, path,
                                            "malformed digest in the model layer (expected "
                                            OLLAMA_DIGEST_ALGO ":<64 hex digits>)");
            out->model_size = ollama_manifest_size(layer);
            have_model = 1;
        } else if (strcmp(media, OLLAMA_MEDIA_PROJECTOR) == 0 && out->projector_hex[0] == '\0') {
            if (ollama_manifest_digest(json_object_get(layer, "digest"), out->projector_hex) != 0)
                return ollama_manifest_fail(err, errsize, path,
                                            "malformed digest in the projector layer (expected "
                                            OLLAMA_DIGEST_ALGO ":<64 hex digits>)");
            out->projector_size = ollama_manifest_size(layer);
        }
    }
    if (!have_model)
        return ollama_manifest_fail(err, errsize, path,
                                    "no model layer (expected a layer of mediaType "
                                    OLLAMA_MEDIA_MODEL ")");
    return 0;
}

int ollama_manifest_parse(const char *json, size_t len, const char *path, ollama_manifest *out,
                          char *err, size_t errsize)
{
    json_error_t jerr;
    json_t *root;
    const json_t *layers;
    int rc;

    memset(out, 0, sizeof *out);
    out->model_size = out->projector_size = -1;
    if (len > OLLAMA_MANIFEST_MAX)
        return ollama_manifest_fail(err, errsize, path,
                                    "manifest too large (an Ollama manifest is a few KiB; "
                                    "read at most 1 MiB)");
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        char why[64];

        (void)snprintf(why, sizeof why, "not JSON (line %d, column %d)", jerr.line, jerr.column);
        return ollama_manifest_fail(err, errsize, path, why);
    }
    layers = json_object_get(root, "layers");
    if (!json_is_object(root) || !json_is_array(layers))
        rc = ollama_manifest_fail(err, errsize, path,
                                  "not an Ollama manifest (expected a JSON object with a "
                                  "\"layers\" array)");
    else
        rc = ollama_manifest_layers(layers, path, out, err, errsize);
    json_decref(root);
    if (rc != 0)
        memset(out, 0, sizeof *out);
    return rc;
}
