/* load.c - what the user names as a model, read into a files_model
 * (load.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "files/files_model.h"
#include "files/folder.h"
#include "files/gguf_read.h"
#include "files/load.h"
#include "files/st_read.h"
#include "files/stores.h"
#include "platform/fileread.h"

/* A safetensors file starts with its header's length, a little-endian u64,
 * then the header's JSON object (huggingface/safetensors docs: "8 bytes:
 * N, an unsigned little-endian 64-bit integer ... N bytes: a JSON UTF-8
 * string"). */
#define LOAD_ST_LEN_BYTES 8
#define LOAD_ST_OPEN '{'
/* Bytes sniffed: the longer of the two signatures. */
#define LOAD_SNIFF (LOAD_ST_LEN_BYTES + 1)

static int files_load_fail(char *err, size_t errsize, const char *path, const char *why)
{
    (void)snprintf(err, errsize, "%s: %s", path, why);
    return -1;
}

/* Sets the file identity from stat when the reader left none. */
static void files_load_identity(files_model *m, const char *path)
{
    struct stat sb;

    if ((m->dev != 0 || m->ino != 0) || stat(path, &sb) != 0)
        return;
    m->dev = (uint64_t)sb.st_dev;
    m->ino = (uint64_t)sb.st_ino;
}

int files_load_gguf(const char *path, const char *mmproj, uint64_t bound, files_model *out,
                    char *err, size_t errsize)
{
    files_model_init(out);
    if (gguf_read_file(path, bound, out, err, errsize) != 0 ||
        (mmproj != NULL && gguf_read_mmproj(mmproj, bound, out, err, errsize) != 0)) {
        files_model_free(out);
        return -1;
    }
    files_load_identity(out, path);
    return 0;
}

int files_load_ollama(const char *root, const char *manifest, const char *display,
                      uint64_t bound, files_model *out, char *err, size_t errsize)
{
    char blob[FILES_PATH_MAX], proj[FILES_PATH_MAX];
    size_t i;

    files_model_init(out);
    if (stores_ollama_blobs(root, manifest, blob, sizeof blob, proj, sizeof proj, err,
                            errsize) != 0)
        return -1;
    if (files_load_gguf(blob, proj[0] != '\0' ? proj : NULL, bound, out, err, errsize) != 0)
        return -1;
    (void)snprintf(out->name, sizeof out->name, "%s", display);
    for (i = 0; display[i] != '\0' && i + 1 < sizeof out->id; i++)
        out->id[i] = (char)tolower((unsigned char)display[i]);
    out->id[i] = '\0';
    (void)snprintf(out->container, sizeof out->container, "Ollama blob (GGUF v%d)",
                   out->version);
    files_model_source(out, "manifest", "%s", manifest);
    if (files_model_finish(out, err, errsize) != 0) {
        files_model_free(out);
        return -1;
    }
    return 0;
}

/* "holds N models (a.gguf, b.gguf, ...); name one". */
static int files_load_many(const char *dir, const folder_list *l, char *err, size_t errsize)
{
    char names[FILES_ERR_MAX / 2];
    size_t i, shown = 0, used = 0, models = l->gguf_models + (l->safetensors > 0 ? 1 : 0);

    names[0] = '\0';
    for (i = 0; i < l->n && shown < LOAD_NAMES_SHOWN; i++) {
        const folder_entry *e = &l->entries[i];
        int n;

        if (e->kind != FOLDER_GGUF && !(e->kind == FOLDER_SAFETENSORS && l->gguf_models > 0 &&
                                         shown == 0 && i == folder_first(l, FOLDER_SAFETENSORS)))
            continue;
        n = snprintf(names + used, sizeof names - used, "%s%s", shown > 0 ? ", " : "", e->name);
        if (n < 0 || (size_t)n >= sizeof names - used)
            break;
        used += (size_t)n;
        shown++;
    }
    (void)snprintf(err, errsize, "%s: holds %zu models (%s%s); name one", dir, models, names,
                   shown < models ? ", ..." : "");
    return -1;
}

int files_load_folder(const char *dir, uint64_t bound, files_model *out, char *err,
                      size_t errsize)
{
    char path[FILES_PATH_MAX], mmproj[FILES_PATH_MAX];
    folder_list l;
    size_t i;
    int rc, n;

    files_model_init(out);
    if (folder_read(dir, LOAD_FOLDER_MAX, &l, err, errsize) != 0)
        return -1;
    if (l.gguf_models + (l.safetensors > 0 ? 1 : 0) > 1) {
        rc = files_load_many(dir, &l, err, errsize);
        folder_free(&l);
        return rc;
    }
    if (l.safetensors > 0 || l.has_index) {
        i = folder_first(&l, FOLDER_SAFETENSORS);
        n = i < l.n ? snprintf(path, sizeof path, "%s/%s", dir, l.entries[i].name) : -1;
        folder_free(&l);
        if (st_read_path(dir, bound, out, err, errsize) != 0) {
            files_model_free(out);
            return -1;
        }
        /* A folder is known by its first shard: one HF blob, two snapshots. */
        if (n >= 0 && (size_t)n < sizeof path)
            files_load_identity(out, path);
        return 0;
    }
    if (l.gguf_models == 0) {
        folder_free(&l);
        return files_load_fail(err, errsize, dir, "no weights (no *.safetensors or *.gguf)");
    }
    i = folder_first(&l, FOLDER_GGUF);
    n = snprintf(path, sizeof path, "%s/%s", dir, l.entries[i].name);
    mmproj[0] = '\0';
    if (n >= 0 && (size_t)n < sizeof path && l.mmproj > 0)
        n = snprintf(mmproj, sizeof mmproj, "%s/%s", dir,
                     l.entries[folder_first(&l, FOLDER_MMPROJ)].name);
    folder_free(&l);
    if (n < 0 || (size_t)n >= sizeof path)
        return files_load_fail(err, errsize, dir, "path too long");
    return files_load_gguf(path, mmproj[0] != '\0' ? mmproj : NULL, bound, out, err, errsize);
}

/* The folder part of path ("." when none) in out. */
static void files_load_dirname(const char *path, char *out, size_t outsize)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        (void)snprintf(out, outsize, ".");
    else if (slash == path)
        (void)snprintf(out, outsize, "/");
    else
        (void)snprintf(out, outsize, "%.*s", (int)(slash - path), path);
}

static const char *files_load_base(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash != NULL ? slash + 1 : path;
}

/* The first mmproj*.gguf beside `path` (not path itself) in out; "" none. */
static void files_load_mmproj_beside(const char *path, char *out, size_t outsize)
{
    char dir[FILES_PATH_MAX], ignored[FILES_ERR_MAX];
    folder_list l;
    size_t i;

    out[0] = '\0';
    files_load_dirname(path, dir, sizeof dir);
    if (folder_read(dir, LOAD_FOLDER_MAX, &l, ignored, sizeof ignored) != 0)
        return;
    i = folder_first(&l, FOLDER_MMPROJ);
    if (i < l.n) {
        int n = snprintf(out, outsize, "%s/%s", dir, l.entries[i].name);

        if (n < 0 || (size_t)n >= outsize)
            out[0] = '\0';
    }
    folder_free(&l);
}

/* A file: GGUF by its magic, safetensors by its length and '{' (or its
 * name), a config.json or an index file by its folder. */
static int files_load_file(const char *path, uint64_t bound, files_model *out, char *err,
                           size_t errsize)
{
    unsigned char head[LOAD_SNIFF];
    char mmproj[FILES_PATH_MAX], dir[FILES_PATH_MAX];
    folder_kind kind = folder_kind_of(files_load_base(path));
    fileread_file f;
    size_t n;
    int rc;

    if (kind == FOLDER_CONFIG || kind == FOLDER_INDEX) {
        files_load_dirname(path, dir, sizeof dir);
        return files_load_folder(dir, bound, out, err, errsize);
    }
    if (fileread_open(&f, path, err, errsize) != 0)
        return -1;
    n = f.size < LOAD_SNIFF ? (size_t)f.size : LOAD_SNIFF;
    rc = fileread_at(&f, 0, head, n, err, errsize);
    fileread_close(&f);
    if (rc != 0)
        return -1;
    if (n >= GGUF_READ_MAGIC_LEN && memcmp(head, GGUF_READ_MAGIC, GGUF_READ_MAGIC_LEN) == 0) {
        mmproj[0] = '\0';
        if (kind != FOLDER_MMPROJ)
            files_load_mmproj_beside(path, mmproj, sizeof mmproj);
        return files_load_gguf(path, mmproj[0] != '\0' ? mmproj : NULL, bound, out, err,
                               errsize);
    }
    /* A file named .safetensors is read as one, so that a broken header
     * is told apart from a file of another kind. */
    if ((n == LOAD_SNIFF && head[LOAD_ST_LEN_BYTES] == LOAD_ST_OPEN) ||
        kind == FOLDER_SAFETENSORS) {
        if (st_read_path(path, bound, out, err, errsize) != 0) {
            files_model_free(out);
            return -1;
        }
        files_load_identity(out, path);
        return 0;
    }
    return files_load_fail(err, errsize, path,
                          "not a GGUF or safetensors file (expected a .gguf file, a .safetensors "
                          "file or a folder holding them)");
}

int files_load(const char *spec, uint64_t bound, files_model *out, char *err, size_t errsize)
{
    char path[FILES_PATH_MAX], display[FILES_PATH_MAX], root[FILES_PATH_MAX];
    size_t hf = strlen(LOAD_HF_PREFIX), ol = strlen(LOAD_OLLAMA_PREFIX);
    int rc;

    files_model_init(out);
    if (strncmp(spec, LOAD_HF_PREFIX, hf) == 0) {
        if (stores_hf_snapshot(spec + hf, path, sizeof path, err, errsize) != 0)
            return -1;
        return files_load_folder(path, bound, out, err, errsize);
    }
    if (strncmp(spec, LOAD_OLLAMA_PREFIX, ol) == 0) {
        if (stores_ollama_find(spec + ol, path, sizeof path, display, sizeof display, root,
                               sizeof root, err, errsize) != 0)
            return -1;
        return files_load_ollama(root, path, display, bound, out, err, errsize);
    }
    if (stores_expand_home(spec, path, sizeof path, err, errsize) != 0)
        return -1;
    rc = fileread_is_dir(path, err, errsize);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return files_load_folder(path, bound, out, err, errsize);
    return files_load_file(path, bound, out, err, errsize);
}

/* 1 when s ends in ext, ASCII case ignored. */
static int files_load_ends(const char *s, const char *ext)
{
    size_t n = strlen(s), e = strlen(ext);

    return n >= e && strcasecmp(s + n - e, ext) == 0;
}

int files_is_spec(const char *arg)
{
    static const char *const prefixes[] = { LOAD_HF_PREFIX, LOAD_OLLAMA_PREFIX, "/", "./",
                                            "../", "~/" };
    char path[FILES_PATH_MAX], ignored[FILES_ERR_MAX];
    struct stat sb;
    size_t i;

    if (arg == NULL || arg[0] == '\0')
        return 0;
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(arg, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    if (strchr(arg, '/') != NULL || files_load_ends(arg, FOLDER_GGUF_EXT) ||
        files_load_ends(arg, FOLDER_ST_EXT) || files_load_ends(arg, ".json"))
        return 1;
    if (stores_expand_home(arg, path, sizeof path, ignored, sizeof ignored) != 0)
        return 0;
    return lstat(path, &sb) == 0;
}
