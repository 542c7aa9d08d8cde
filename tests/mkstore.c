/* mkstore.c - the fixture trees of the files layer's tests (mkstore.h),
 * and the program `mkstore [--bad | --seeds] DIR` that writes one.
 *
 * Layouts: the Ollama store as ollama/ollama server/modelpath.go and
 * server/manifest.go keep it (manifests/HOST/NAMESPACE/MODEL/TAG, a
 * Docker v2 manifest whose layers name blobs/sha256-HEX); the Hugging Face
 * cache as huggingface_hub file_download.py keeps it (models--ORG--NAME/
 * blobs/, refs/main holding the commit, snapshots/COMMIT/FILE -> ../../
 * blobs/HASH). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "files/ollama_manifest.h"
#include "gguf_writer.h"
#include "mkstore.h"
#include "st_writer.h"

#define MKSTORE_PATH 4096
#define MKSTORE_DIR_MODE 0755
/* The media types of the other layers of a real manifest (ollama/ollama
 * server/images.go) and of the manifest itself (Docker image manifest v2
 * schema 2, docs.docker.com/registry/spec/manifest-v2-2). */
#define MKSTORE_MEDIA_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define MKSTORE_MEDIA_CONFIG "application/vnd.docker.container.image.v1+json"
#define MKSTORE_MEDIA_TEMPLATE "application/vnd.ollama.image.template"
#define MKSTORE_MEDIA_PARAMS "application/vnd.ollama.image.params"
#define MKSTORE_SCHEMA_VERSION 2
/* Sizes of the small layers as `ollama pull llama3.1` shows them (the
 * config 485 B, the template 1481 B, the params 96 B); only their shape
 * matters here. */
#define MKSTORE_CONFIG_SIZE 485
#define MKSTORE_TEMPLATE_SIZE 1481
#define MKSTORE_PARAMS_SIZE 96
#define MKSTORE_CONFIG_DIGEST "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a"
#define MKSTORE_SMALL_DIGEST "8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b8b"
/* The safetensors files of the 8B preset and the shards it writes. */
#define MKSTORE_ST_SHARDS 4
/* A truncated GGUF keeps this share of its header: 1/MKSTORE_TRUNC_DIV. */
#define MKSTORE_TRUNC_DIV 2

static int mkstore_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int mkstore_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    (void)fputs("mkstore: ", stderr);
    (void)vfprintf(stderr, fmt, ap);
    (void)fputc('\n', stderr);
    va_end(ap);
    return -1;
}

/* mkdir -p. */
static int mkstore_mkdirs(const char *path)
{
    char buf[MKSTORE_PATH];
    size_t i, n = strlen(path);

    if (n >= sizeof buf)
        return mkstore_fail("%s: path too long", path);
    memcpy(buf, path, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        buf[i] = '\0';
        if (mkdir(buf, MKSTORE_DIR_MODE) != 0 && errno != EEXIST)
            return mkstore_fail("%s: %s", buf, strerror(errno));
        buf[i] = path[i];
    }
    return 0;
}

static int mkstore_path(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int mkstore_path(char *out, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(out, MKSTORE_PATH, fmt, ap);
    va_end(ap);
    return n < 0 || n >= MKSTORE_PATH ? mkstore_fail("path too long") : 0;
}

static int mkstore_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (f == NULL)
        return mkstore_fail("%s: %s", path, strerror(errno));
    if (fputs(text, f) < 0) {
        (void)fclose(f);
        return mkstore_fail("%s: write failed", path);
    }
    return fclose(f) == 0 ? 0 : mkstore_fail("%s: %s", path, strerror(errno));
}

/* A GGUF file of `preset` at path; its size in *size when not NULL. */
static int mkstore_gguf(const char *path, const char *preset, long long *size)
{
    gguf_writer *w = gguf_writer_new(3);
    int64_t header = 0, data = 0;
    int rc;

    if (w == NULL)
        return mkstore_fail("out of memory");
    rc = gguf_writer_preset(w, preset) == 0 && gguf_writer_write(w, path) == 0 &&
                 gguf_writer_bytes(w, &header, &data) == 0
             ? 0
             : mkstore_fail("%s: writing preset %s failed", path, preset);
    gguf_writer_free(w);
    if (size != NULL)
        *size = (long long)(header + data);
    return rc;
}

/* One layer object. */
static json_t *mkstore_layer(const char *media, const char *hex, long long size)
{
    char digest[OLLAMA_DIGEST_HEX + sizeof OLLAMA_DIGEST_ALGO + 1];

    (void)snprintf(digest, sizeof digest, "%s:%s", OLLAMA_DIGEST_ALGO, hex);
    return json_pack("{s:s, s:s, s:I}", "mediaType", media, "digest", digest, "size",
                     (json_int_t)size);
}

/* A manifest as `ollama pull` writes it: config, the model layer, a
 * projector layer when proj_hex is not NULL, a template and params. */
static char *mkstore_manifest_text(const char *model_hex, long long model_size,
                                   const char *proj_hex, long long proj_size)
{
    json_t *layers = json_array(), *root;
    char *text;

    if (layers == NULL)
        return NULL;
    (void)json_array_append_new(layers, mkstore_layer(OLLAMA_MEDIA_MODEL, model_hex, model_size));
    if (proj_hex != NULL)
        (void)json_array_append_new(layers,
                                    mkstore_layer(OLLAMA_MEDIA_PROJECTOR, proj_hex, proj_size));
    (void)json_array_append_new(layers, mkstore_layer(MKSTORE_MEDIA_TEMPLATE,
                                                      MKSTORE_SMALL_DIGEST,
                                                      MKSTORE_TEMPLATE_SIZE));
    (void)json_array_append_new(layers, mkstore_layer(MKSTORE_MEDIA_PARAMS, MKSTORE_SMALL_DIGEST,
                                                      MKSTORE_PARAMS_SIZE));
    root = json_pack("{s:i, s:s, s:o, s:o}", "schemaVersion", MKSTORE_SCHEMA_VERSION,
                     "mediaType", MKSTORE_MEDIA_MANIFEST, "config",
                     mkstore_layer(MKSTORE_MEDIA_CONFIG, MKSTORE_CONFIG_DIGEST,
                                   MKSTORE_CONFIG_SIZE),
                     "layers", layers);
    if (root == NULL)
        return NULL;
    text = json_dumps(root, JSON_COMPACT);
    json_decref(root);
    return text;
}

/* Writes manifests/REL (its folders made) under store with `text`. */
static int mkstore_manifest(const char *store, const char *rel, const char *text)
{
    char path[MKSTORE_PATH], dir[MKSTORE_PATH];
    const char *slash;

    if (text == NULL)
        return mkstore_fail("out of memory");
    if (mkstore_path(path, "%s/manifests/%s", store, rel) != 0)
        return -1;
    slash = strrchr(path, '/');
    (void)snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (mkstore_mkdirs(dir) != 0)
        return -1;
    return mkstore_text(path, text);
}

static int mkstore_manifest_of(const char *store, const char *rel, const char *model_hex,
                               long long model_size, const char *proj_hex, long long proj_size)
{
    char *text = mkstore_manifest_text(model_hex, model_size, proj_hex, proj_size);
    int rc = mkstore_manifest(store, rel, text);

    free(text);
    return rc;
}

static int mkstore_ollama(const char *dir)
{
    char store[MKSTORE_PATH], blob[MKSTORE_PATH];
    long long llama = 0, tiny = 0, proj = 0;

    if (mkstore_path(store, "%s/ollama", dir) != 0 ||
        mkstore_path(blob, "%s/blobs", store) != 0 || mkstore_mkdirs(blob) != 0)
        return -1;
    if (mkstore_path(blob, "%s/blobs/sha256-%s", store, MKSTORE_BLOB_LLAMA) != 0 ||
        mkstore_gguf(blob, "llama-3.1-8b-q4_k_m", &llama) != 0 ||
        mkstore_path(blob, "%s/blobs/sha256-%s", store, MKSTORE_BLOB_TINY) != 0 ||
        mkstore_gguf(blob, "tiny", &tiny) != 0 ||
        mkstore_path(blob, "%s/blobs/sha256-%s", store, MKSTORE_BLOB_PROJ) != 0 ||
        mkstore_gguf(blob, "mmproj", &proj) != 0)
        return -1;
    if (mkstore_manifest_of(store, "registry.ollama.ai/library/llama3.1/latest",
                            MKSTORE_BLOB_LLAMA, llama, NULL, 0) != 0 ||
        mkstore_manifest_of(store, "registry.ollama.ai/library/llama3.1/8b", MKSTORE_BLOB_LLAMA,
                            llama, NULL, 0) != 0 ||
        mkstore_manifest_of(store, "hf.co/tiny-org/Tiny-Vision-GGUF/Q8_0", MKSTORE_BLOB_TINY,
                            tiny, MKSTORE_BLOB_PROJ, proj) != 0)
        return -1;
    return 0;
}

/* The Hugging Face cache: the 8B safetensors folder written into blobs/,
 * each file renamed to a hash and linked from two snapshots. */
static int mkstore_hf(const char *dir)
{
    static const char *const files[] = {
        "config.json", "model.safetensors.index.json", "model-00001-of-00004.safetensors",
        "model-00002-of-00004.safetensors", "model-00003-of-00004.safetensors",
        "model-00004-of-00004.safetensors"
    };
    static const char *const revs[] = { MKSTORE_HF_REV, MKSTORE_HF_REV_OLD };
    char repo[MKSTORE_PATH], tmp[MKSTORE_PATH], from[MKSTORE_PATH], to[MKSTORE_PATH];
    size_t i, r;

    if (mkstore_path(repo, "%s/hf/hub/%s", dir, MKSTORE_HF_FOLDER) != 0 ||
        mkstore_path(tmp, "%s/blobs/tmp", repo) != 0 || mkstore_mkdirs(tmp) != 0 ||
        st_writer_folder(tmp, "llama-3.1-8b") != 0)
        return mkstore_fail("%s: writing the llama-3.1-8b folder failed", tmp);
    for (r = 0; r < sizeof revs / sizeof revs[0]; r++)
        if (mkstore_path(to, "%s/snapshots/%s", repo, revs[r]) != 0 || mkstore_mkdirs(to) != 0)
            return -1;
    for (i = 0; i < sizeof files / sizeof files[0]; i++) {
        /* A blob's name is the file's hash; a made-up 64-digit one each. */
        char hash[OLLAMA_DIGEST_HEX + 1];

        (void)snprintf(hash, sizeof hash, "%064zx", i + 1);
        if (mkstore_path(from, "%s/%s", tmp, files[i]) != 0 ||
            mkstore_path(to, "%s/blobs/%s", repo, hash) != 0)
            return -1;
        if (rename(from, to) != 0)
            return mkstore_fail("%s: %s", from, strerror(errno));
        for (r = 0; r < sizeof revs / sizeof revs[0]; r++) {
            if (mkstore_path(to, "%s/snapshots/%s/%s", repo, revs[r], files[i]) != 0 ||
                mkstore_path(from, "../../blobs/%s", hash) != 0)
                return -1;
            if (symlink(from, to) != 0)
                return mkstore_fail("%s: %s", to, strerror(errno));
        }
    }
    if (rmdir(tmp) != 0)
        return mkstore_fail("%s: %s", tmp, strerror(errno));
    if (mkstore_path(to, "%s/refs", repo) != 0 || mkstore_mkdirs(to) != 0 ||
        mkstore_path(to, "%s/refs/main", repo) != 0)
        return -1;
    return mkstore_text(to, MKSTORE_HF_REV);  /* no newline, as huggingface_hub writes it */
}

int mkstore_tree(const char *dir)
{
    char p[MKSTORE_PATH];
    gguf_writer *w;
    int rc;

    if (mkstore_path(p, "%s/models/split", dir) != 0 || mkstore_mkdirs(p) != 0 ||
        mkstore_path(p, "%s/models/vision", dir) != 0 || mkstore_mkdirs(p) != 0)
        return -1;
    if (mkstore_path(p, "%s/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", dir) != 0 ||
        mkstore_gguf(p, "llama-3.1-8b-q4_k_m", NULL) != 0 ||
        mkstore_path(p, "%s/models/Qwen3-30B-A3B-Q4_K_M.gguf", dir) != 0 ||
        mkstore_gguf(p, "qwen3-30b-a3b-q4_k_m", NULL) != 0 ||
        mkstore_path(p, "%s/models/vision/tiny-vision.gguf", dir) != 0 ||
        mkstore_gguf(p, "tiny", NULL) != 0 ||
        mkstore_path(p, "%s/models/vision/mmproj-tiny-vision-F16.gguf", dir) != 0 ||
        mkstore_gguf(p, "mmproj", NULL) != 0)
        return -1;
    w = gguf_writer_new(3);
    if (w == NULL || mkstore_path(p, "%s/models/split/Llama-3.1-70B-Q4_K_M", dir) != 0)
        return mkstore_fail("out of memory");
    rc = gguf_writer_preset(w, "llama-3.1-70b-q4_k_m") == 0 && gguf_writer_write_split(w, p, 3) == 0
             ? 0
             : mkstore_fail("%s: writing the split set failed", p);
    gguf_writer_free(w);
    if (rc != 0 || mkstore_path(p, "%s/models/Llama-3.1-8B-st", dir) != 0 ||
        mkstore_mkdirs(p) != 0 || st_writer_folder(p, "llama-3.1-8b") != 0)
        return mkstore_fail("%s: writing the models failed", dir);
    return mkstore_ollama(dir) == 0 && mkstore_hf(dir) == 0 ? 0 : -1;
}

/* The bad Ollama store: blobs/ empty, four broken manifests. */
static int mkstore_bad_ollama(const char *dir)
{
    char store[MKSTORE_PATH], p[MKSTORE_PATH], *text;
    int rc;

    if (mkstore_path(store, "%s/ollama", dir) != 0 || mkstore_path(p, "%s/blobs", store) != 0 ||
        mkstore_mkdirs(p) != 0)
        return -1;
    if (mkstore_manifest_of(store, "registry.ollama.ai/library/missing/latest",
                            MKSTORE_BLOB_GONE, 1, NULL, 0) != 0 ||
        mkstore_manifest(store, "registry.ollama.ai/library/notjson/latest",
                         "this is not JSON\n") != 0)
        return -1;
    /* No model layer: the template layer alone. */
    text = mkstore_manifest_text(MKSTORE_SMALL_DIGEST, MKSTORE_TEMPLATE_SIZE, NULL, 0);
    if (text != NULL) {
        char *at = strstr(text, OLLAMA_MEDIA_MODEL);

        if (at != NULL)
            memcpy(at + strlen("application/vnd.ollama.image."), "xxxxx", strlen("model"));
    }
    rc = mkstore_manifest(store, "registry.ollama.ai/library/nolayer/latest", text);
    free(text);
    if (rc != 0)
        return -1;
    /* A digest one hex digit short. */
    return mkstore_manifest_of(store, "registry.ollama.ai/library/baddigest/latest",
                               MKSTORE_BLOB_GONE + 1, 1, NULL, 0);
}

int mkstore_bad(const char *dir)
{
    char p[MKSTORE_PATH];
    gguf_writer *w;
    unsigned char *header;
    size_t len = 0;
    int fd, rc;

    if (mkstore_path(p, "%s/loop", dir) != 0 || mkstore_mkdirs(p) != 0 ||
        mkstore_path(p, "%s/cycle", dir) != 0 || mkstore_mkdirs(p) != 0 ||
        mkstore_path(p, "%s/empty", dir) != 0 || mkstore_mkdirs(p) != 0)
        return -1;
    if (mkstore_path(p, "%s/fifo.gguf", dir) != 0 || mkfifo(p, S_IRUSR | S_IWUSR) != 0)
        return mkstore_fail("%s: mkfifo: %s", p, strerror(errno));
    if (mkstore_path(p, "%s/loop/a.gguf", dir) != 0 || symlink("b.gguf", p) != 0 ||
        mkstore_path(p, "%s/loop/b.gguf", dir) != 0 || symlink("a.gguf", p) != 0 ||
        mkstore_path(p, "%s/cycle/up", dir) != 0 || symlink("..", p) != 0)
        return mkstore_fail("%s: symlink: %s", p, strerror(errno));
    if (mkstore_path(p, "%s/empty/README.md", dir) != 0 ||
        mkstore_text(p, "No weights here.\n") != 0 ||
        mkstore_path(p, "%s/x.gguf", dir) != 0 ||
        mkstore_text(p, "This is a text file named like a GGUF file.\n") != 0 ||
        mkstore_path(p, "%s/noperm.gguf", dir) != 0 || mkstore_gguf(p, "tiny", NULL) != 0)
        return -1;
    if (chmod(p, 0) != 0)
        return mkstore_fail("%s: chmod: %s", p, strerror(errno));
    /* A truncated header: the writer's header cut to half. */
    w = gguf_writer_new(3);
    if (w == NULL || gguf_writer_preset(w, "tiny") != 0 ||
        (header = gguf_writer_header(w, &len)) == NULL) {
        gguf_writer_free(w);
        return mkstore_fail("out of memory");
    }
    gguf_writer_free(w);
    rc = mkstore_path(p, "%s/truncated.gguf", dir);
    fd = rc == 0 ? open(p, O_WRONLY | O_CREAT | O_TRUNC, S_IRUSR | S_IWUSR) : -1;
    rc = fd >= 0 && write(fd, header, len / MKSTORE_TRUNC_DIV) ==
                        (ssize_t)(len / MKSTORE_TRUNC_DIV)
             ? 0
             : mkstore_fail("%s: write failed", p);
    free(header);
    if (fd >= 0 && close(fd) != 0)
        rc = mkstore_fail("%s: close failed", p);
    if (rc != 0 || mkstore_bad_ollama(dir) != 0)
        return -1;
    /* An index naming a missing shard: the 8B folder less its 2nd shard. */
    if (mkstore_path(p, "%s/st-missing", dir) != 0 || mkstore_mkdirs(p) != 0 ||
        st_writer_folder(p, "llama-3.1-8b") != 0 ||
        mkstore_path(p, "%s/st-missing/model-00002-of-00004.safetensors", dir) != 0 ||
        unlink(p) != 0)
        return mkstore_fail("%s: writing st-missing failed", dir);
    return mkstore_bad_formats(dir);
}

int mkstore_seeds(const char *dir)
{
    char p[MKSTORE_PATH], *text;
    int rc;

    if (mkstore_mkdirs(dir) != 0)
        return -1;
    text = mkstore_manifest_text(MKSTORE_BLOB_LLAMA, 1, NULL, 0);
    rc = text != NULL && mkstore_path(p, "%s/llama3.1-latest.json", dir) == 0
             ? mkstore_text(p, text)
             : -1;
    free(text);
    if (rc != 0)
        return -1;
    text = mkstore_manifest_text(MKSTORE_BLOB_TINY, 1, MKSTORE_BLOB_PROJ, 1);
    rc = text != NULL && mkstore_path(p, "%s/projector.json", dir) == 0 ? mkstore_text(p, text)
                                                                        : -1;
    free(text);
    if (rc != 0)
        return -1;
    return mkstore_path(p, "%s/layers-empty.json", dir) == 0
               ? mkstore_text(p, "{\"schemaVersion\":2,\"layers\":[]}")
               : -1;
}

int mkstore_bench(const char *dir)
{
    char p[MKSTORE_PATH];
    int i;

    if (mkstore_mkdirs(dir) != 0 || mkstore_path(p, "%s/scan", dir) != 0 ||
        mkstore_mkdirs(p) != 0 || mkstore_path(p, "%s/Llama-3.1-70B-Q4_K_M.gguf", dir) != 0 ||
        mkstore_gguf(p, "llama-3.1-70b-q4_k_m", NULL) != 0)
        return -1;
    for (i = 0; i < MKSTORE_BENCH_FILES; i++)
        if (mkstore_path(p, "%s/scan/Llama-3.1-8B-%03d-Q4_K_M.gguf", dir, i) != 0 ||
            mkstore_gguf(p, "llama-3.1-8b-q4_k_m", NULL) != 0)
            return -1;
    return 0;
}

#ifndef MKSTORE_NO_MAIN
int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--bench") == 0)
        return mkstore_bench(argv[2]) == 0 ? 0 : 1;
    if (argc == 3 && strcmp(argv[1], "--bad") == 0)
        return mkstore_mkdirs(argv[2]) == 0 && mkstore_bad(argv[2]) == 0 ? 0 : 1;
    if (argc == 3 && strcmp(argv[1], "--seeds") == 0)
        return mkstore_seeds(argv[2]) == 0 ? 0 : 1;
    if (argc == 2 && argv[1][0] != '-')
        return mkstore_tree(argv[1]) == 0 ? 0 : 1;
    (void)fprintf(stderr, "usage: mkstore [--bad | --seeds | --bench] DIR\n");
    return 2;
}
#endif
