/* st_read.c - a safetensors file or folder into a files_model (st_read.h).
 *
 * Loading order as transformers modeling_utils.py _get_resolved_checkpoint_files:
 * the sharded index (model.safetensors.index.json, {"metadata": ...,
 * "weight_map": {tensor: shard}}) before a single model.safetensors. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "files/hfconfig.h"
#include "files/safetensors.h"
#include "files/st_msg.h"
#include "files/st_read.h"
#include "model/arch.h"
#include "platform/fileread.h"

/* Percent. */
#define ST_READ_PERCENT 100.0

int st_read_buffer(const unsigned char *buf, size_t len, uint64_t file_size, const char *path,
                   files_model *out, char *err, size_t errsize)
{
    return safetensors_parse(buf, len, file_size, FILES_BOUND_DEFAULT, path, out, err, errsize);
}

/* A whole small file (an index, a config.json) of at most bound bytes. */
static int st_read_small(const char *path, uint64_t bound, char **buf, size_t *len, char *err,
                         size_t errsize)
{
    fileread_file f;
    int rc;

    *buf = NULL;
    if (fileread_open(&f, path, err, errsize) != 0)
        return -1;
    if (f.size > bound) {
        fileread_close(&f);
        return st_msg_fail(err, errsize, path, "%" PRIu64 " bytes, over the bound of %" PRIu64
                           " bytes (--max-header raises it)", f.size, bound);
    }
    *len = (size_t)f.size;
    *buf = malloc(*len + 1);
    if (*buf == NULL) {
        fileread_close(&f);
        return st_msg_fail(err, errsize, path, "out of memory");
    }
    rc = fileread_at(&f, 0, *buf, *len, err, errsize);
    fileread_close(&f);
    if (rc != 0) {
        free(*buf);
        *buf = NULL;
    }
    return rc;
}

/* One shard; `index` (with `want` the shard's name in it) lists the
 * tensors that must be in this file. */
static int st_read_file(const char *path, uint64_t bound, const json_t *weight_map,
                        const char *want, const char *index_path, files_model *out, char *err,
                        size_t errsize)
{
    unsigned char len8[SAFETENSORS_LEN_BYTES];
    unsigned char *buf;
    fileread_file f;
    json_t *root = NULL;
    uint64_t n, data_len;
    int rc = -1;

    if (fileread_open(&f, path, err, errsize) != 0)
        return -1;
    if (out->nfiles == 0) {
        out->dev = f.dev;
        out->ino = f.ino;
    }
    if (f.size < SAFETENSORS_LEN_BYTES) {
        fileread_close(&f);
        return st_msg_fail(err, errsize, path, "not a safetensors file: %" PRIu64 " bytes, "
                           "shorter than the 8-byte header length", f.size);
    }
    if (fileread_at(&f, 0, len8, sizeof len8, err, errsize) != 0) {
        fileread_close(&f);
        return -1;
    }
    n = safetensors_header_len(len8);
    buf = NULL;
    if (n <= f.size - SAFETENSORS_LEN_BYTES && n <= bound) {
        buf = malloc((size_t)n + SAFETENSORS_LEN_BYTES);
        if (buf == NULL) {
            fileread_close(&f);
            return st_msg_fail(err, errsize, path, "out of memory for a %" PRIu64
                               "-byte header", n);
        }
        memcpy(buf, len8, sizeof len8);
        if (fileread_at(&f, SAFETENSORS_LEN_BYTES, buf + SAFETENSORS_LEN_BYTES, (size_t)n, err,
                        errsize) != 0)
            goto done;
    }
    /* without buf, only the 8 bytes: safetensors_load says what is wrong */
    if (safetensors_load(buf != NULL ? buf : len8, buf != NULL ? (size_t)n + sizeof len8 :
                         sizeof len8, f.size, bound, path, &root, &data_len, err, errsize) != 0)
        goto done;
    if (weight_map != NULL) {
        const char *k;
        json_t *v;

        json_object_foreach((json_t *)weight_map, k, v)
            if (strcmp(json_string_value(v), want) == 0 && json_object_get(root, k) == NULL) {
                (void)st_msg_fail(err, errsize, path, "tensor \"%s\" listed in %s is not in "
                                  "this shard", k, index_path);
                goto done;
            }
    }
    rc = safetensors_add(root, n, data_len, f.size, path, out, err, errsize);
done:
    json_decref(root);
    free(buf);
    fileread_close(&f);
    return rc;
}

static int st_read_join(char *dst, size_t size, const char *dir, const char *name)
{
    size_t n = strlen(dir);
    int w = snprintf(dst, size, "%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/", name);

    return w < 0 || (size_t)w >= size ? -1 : 0;
}

static int st_read_exists(const char *path)
{
    char e[FILES_ERR_MAX];

    return fileread_is_dir(path, e, sizeof e) == 0;
}

/* The shards of an index, in weight_map order. */
static int st_read_index(const char *dir, const char *index_path, uint64_t bound,
                         files_model *out, char *err, size_t errsize)
{
    char *text, shard[FILES_PATH_MAX];
    size_t len, i;
    json_error_t je;
    json_t *root, *map, *done;
    const char *k;
    json_t *v;
    int rc = -1;

    if (st_read_small(index_path, bound, &text, &len, err, errsize) != 0)
        return -1;
    root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    free(text);
    if (root == NULL)
        return st_msg_fail(err, errsize, index_path, "not valid JSON: %s (line %d)", je.text,
                           je.line);
    map = json_object_get(root, "weight_map");
    done = json_object();
    if (done == NULL || !json_is_object(map) || json_object_size(map) == 0) {
        (void)st_msg_fail(err, errsize, index_path, "no \"weight_map\" object of tensor -> "
                          "shard file names");
        goto out;
    }
    json_object_foreach(map, k, v)
        if (!json_is_string(v) || strchr(json_string_value(v), '/') != NULL ||
            json_string_value(v)[0] == '.') {
            (void)st_msg_fail(err, errsize, index_path, "weight_map \"%s\": expected a shard "
                              "file name in this folder", k);
            goto out;
        }
    i = 0;
    json_object_foreach(map, k, v) {
        const char *name = json_string_value(v);
        char why[FILES_ERR_MAX];

        if (json_object_get(done, name) != NULL)
            continue;
        if (++i > ST_READ_MAX_SHARDS || json_object_set_new(done, name, json_true()) != 0) {
            (void)st_msg_fail(err, errsize, index_path, "more than %d shards", ST_READ_MAX_SHARDS);
            goto out;
        }
        if (st_read_join(shard, sizeof shard, dir, name) != 0) {
            (void)st_msg_fail(err, errsize, index_path, "shard path too long");
            goto out;
        }
        if (fileread_is_dir(shard, why, sizeof why) < 0) {
            (void)st_msg_fail(err, errsize, index_path, "shard \"%s\" named in weight_map is "
                              "missing (%s)", name, why);
            goto out;
        }
        if (st_read_file(shard, bound, map, name, index_path, out, err, errsize) != 0)
            goto out;
    }
    rc = 0;
out:
    json_decref(done);
    json_decref(root);
    return rc;
}

static int st_read_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.safetensors of dir, in name order. */
static int st_read_scan(const char *dir, uint64_t bound, files_model *out, char *err,
                        size_t errsize)
{
    char *names[ST_READ_MAX_SHARDS], path[FILES_PATH_MAX];
    size_t n = 0, i, sl = strlen(ST_READ_SUFFIX);
    DIR *d = opendir(dir);
    struct dirent *e;
    int rc = 0;

    if (d == NULL)
        return st_msg_fail(err, errsize, dir, "cannot list the folder");
    while ((e = readdir(d)) != NULL && rc == 0) {
        size_t l = strlen(e->d_name);

        if (e->d_name[0] == '.' || l <= sl || strcmp(e->d_name + l - sl, ST_READ_SUFFIX) != 0)
            continue;
        if (n >= ST_READ_MAX_SHARDS || (names[n] = strdup(e->d_name)) == NULL)
            rc = st_msg_fail(err, errsize, dir, "more than %d shards, or out of memory",
                             ST_READ_MAX_SHARDS);
        else
            n++;
    }
    (void)closedir(d);
    qsort(names, n, sizeof names[0], st_read_cmp);
    if (rc == 0 && n == 0)
        rc = st_msg_fail(err, errsize, dir, "no weights (no *.safetensors or *.gguf)");
    for (i = 0; i < n && rc == 0; i++)
        if (st_read_join(path, sizeof path, dir, names[i]) != 0)
            rc = st_msg_fail(err, errsize, dir, "path too long");
        else
            rc = st_read_file(path, bound, NULL, NULL, NULL, out, err, errsize);
    for (i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

/* Unquantized: the dtype holding most bytes ("bf16"). */
static void st_read_dominant(files_model *m)
{
    int64_t by[FILES_DTYPE_COUNT] = { 0 };
    static const char *const word[FILES_DTYPE_COUNT] = {
        [FILES_DTYPE_BF16] = "bf16", [FILES_DTYPE_F16] = "fp16", [FILES_DTYPE_F32] = "fp32",
        [FILES_DTYPE_F8_E4M3] = "fp8-tensor", [FILES_DTYPE_I8] = "int8",
    };
    size_t i;
    int best = 0;

    for (i = 0; i < m->ntensors; i++)
        if (m->tensors[i].type >= 0 && m->tensors[i].type < FILES_DTYPE_COUNT)
            by[m->tensors[i].type] += m->tensors[i].bytes;
    for (i = 1; i < FILES_DTYPE_COUNT; i++)
        if (by[i] > by[best])
            best = (int)i;
    (void)snprintf(m->type_name, sizeof m->type_name, "%s",
                   word[best] != NULL ? word[best] : safetensors_dtype_name(best));
    files_model_source(m, "type", "the tensors' dtype: %s holds %.1f%% of the bytes",
                       safetensors_dtype_name(best),
                       m->weights_bytes > 0 ? ST_READ_PERCENT * (double)by[best] /
                       (double)m->weights_bytes : 0.0);
}

static int st_read_config(const char *cfg, uint64_t bound, files_model *out, char *err,
                          size_t errsize)
{
    char *text;
    size_t len;
    int rc;

    if (st_read_small(cfg, bound, &text, &len, err, errsize) != 0)
        return -1;
    rc = hfconfig_parse(text, len, cfg, out, err, errsize);
    free(text);
    return rc;
}

/* The folder of a path ("a/b.safetensors": "a"; "b.safetensors": "."). */
static void st_read_dirname(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        (void)snprintf(dir, size, ".");
    else if (slash == path)
        (void)snprintf(dir, size, "/");
    else
        (void)snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

static int st_read_weights(const char *path, int is_dir, uint64_t bound, char *dir,
                           files_model *out, char *err, size_t errsize)
{
    char p[FILES_PATH_MAX];

    if (!is_dir) {
        st_read_dirname(path, dir, FILES_PATH_MAX);
        return st_read_file(path, bound, NULL, NULL, NULL, out, err, errsize);
    }
    (void)snprintf(dir, FILES_PATH_MAX, "%s", path);
    if (st_read_join(p, sizeof p, dir, ST_READ_INDEX_NAME) == 0 && st_read_exists(p))
        return st_read_index(dir, p, bound, out, err, errsize);
    if (st_read_join(p, sizeof p, dir, ST_READ_SINGLE_NAME) == 0 && st_read_exists(p))
        return st_read_file(p, bound, NULL, NULL, NULL, out, err, errsize);
    return st_read_scan(dir, bound, out, err, errsize);
}

/* Where config.json does not say whether the embeddings are tied, the
 * tensors do: an lm_head.weight (TENSOR_OUTPUT) of its own, or none. */
static void st_read_tied(files_model *m)
{
    const char *said = NULL;
    size_t i;
    int output = 0;

    for (i = 0; i < m->nsources; i++)
        if (strcmp(m->sources[i].key, "tied_embeddings") == 0)
            said = m->sources[i].source;
    if (said != NULL && strncmp(said, ST_READ_CONFIG_NAME, strlen(ST_READ_CONFIG_NAME)) == 0)
        return;
    for (i = 0; i < m->ntensors && !output; i++)
        output = m->tensors[i].t.role == TENSOR_OUTPUT;
    m->arch.tied_embeddings = !output;
    files_model_source(m, "tied_embeddings", "the tensors: %s",
                       output ? "an lm_head of its own" : "no lm_head");
}

int st_read_path(const char *path, uint64_t bound, files_model *out, char *err, size_t errsize)
{
    char dir[FILES_PATH_MAX], cfg[FILES_PATH_MAX];
    int is_dir = fileread_is_dir(path, err, errsize);
    int64_t p;

    if (is_dir < 0)
        return -1;
    if (bound == 0)
        bound = FILES_BOUND_DEFAULT;
    out->format = FILES_FORMAT_SAFETENSORS;
    (void)snprintf(out->path, sizeof out->path, "%s", path);
    if (st_read_weights(path, is_dir, bound, dir, out, err, errsize) != 0)
        return -1;
    files_model_source(out, "weights", "the %zu tensors' data_offsets", out->ntensors);
    if (st_read_join(cfg, sizeof cfg, dir, ST_READ_CONFIG_NAME) == 0 && st_read_exists(cfg) &&
        st_read_config(cfg, bound, out, err, errsize) != 0)
        return -1;
    if (out->type_name[0] == '\0')
        st_read_dominant(out);
    st_read_tied(out);
    if (out->nfiles > 1)
        (void)snprintf(out->container, sizeof out->container, "safetensors, %d shards",
                       out->nfiles);
    else
        (void)snprintf(out->container, sizeof out->container, "safetensors");
    if (out->arch_ok && !out->packed) {
        p = arch_param_count(&out->arch);
        if (p == out->elements)
            files_model_source(out, "architecture", "config.json, matches all %zu tensors",
                               out->ntensors);
        else
            files_model_source(out, "architecture", "config.json; its count %" PRId64 " differs "
                               "from the %zu tensors' %" PRId64 " elements by %" PRId64, p,
                               out->ntensors, out->elements, out->elements - p);
    }
    return files_model_finish(out, err, errsize);
}
