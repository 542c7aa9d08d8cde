/* gguf_read.c - the reader of GGUF files: one file, split sets and vision
 * projectors (gguf_read.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/gguf_arch.h"
#include "files/gguf_meta.h"
#include "files/gguf_parse.h"
#include "files/gguf_read.h"
#include "model/gguf_rules.h"

/* The split name's tail, "-%05d-of-%05d.gguf" (llama.cpp llama_split_path):
 * the digits of each number and the whole tail's length. */
#define GGUF_READ_SPLIT_DIGITS 5
#define GGUF_READ_SPLIT_TAIL "-00000-of-00000.gguf"
#define GGUF_READ_DECIMAL 10

/* The metadata's general.* fields into m (from the first file of a set). */
static void gguf_read_general(files_model *m, const gguf_meta *meta, int version)
{
    int64_t ft;
    size_t i;

    m->version = version;
    (void)snprintf(m->name, sizeof m->name, "%s", gguf_meta_string(meta, "general.name"));
    if (m->name[0] != '\0')
        files_model_source(m, "name", "general.name");
    (void)snprintf(m->arch_name, sizeof m->arch_name, "%s",
                   gguf_meta_string(meta, "general.architecture"));
    if (gguf_meta_int(meta, "general.file_type", &ft) == 0 && ft >= 0 && ft <= INT32_MAX) {
        m->file_type = (int)ft;
        /* The llama.cpp rows come first in the table: the first row of
         * this llama_ftype is its own name (15: Q4_K_M). */
        for (i = 0; i < GGUF_FTYPE_COUNT; i++) {
            const gguf_ftype_info *f = gguf_rules_ftype((gguf_ftype)i);

            if (f != NULL && f->llama_id == m->file_type) {
                (void)snprintf(m->type_name, sizeof m->type_name, "%s", f->name);
                files_model_source(m, "type", "general.file_type %d", m->file_type);
                break;
            }
        }
    }
    (void)snprintf(m->container, sizeof m->container, "GGUF v%d", version);
}

/* The metadata and the checks that need all of a model's tensors. */
static int gguf_read_finish(files_model *m, const gguf_meta *meta, int version, char *err,
                            size_t errsize)
{
    if (gguf_parse_check_names(m, m->path, err, errsize) != 0)
        return -1;
    gguf_read_general(m, meta, version);
    files_model_source(m, "weights", "the %zu tensor infos", m->ntensors);
    gguf_arch_fill(m, meta);
    if (m->nfiles == 0)
        m->nfiles = 1;
    if (m->nfiles > 1) {
        (void)snprintf(m->container, sizeof m->container, "GGUF v%d, %d split files", version,
                       m->nfiles);
        files_model_source(m, "files", "split.count");
    }
    return files_model_finish(m, err, errsize);
}

int gguf_read_buffer(const unsigned char *buf, size_t len, uint64_t file_size, uint64_t bound,
                     const char *path, files_model *out, char *err, size_t errsize)
{
    gguf_cursor c;
    gguf_meta meta;
    gguf_parse_info info;
    int rc;

    gguf_meta_init(&meta);
    (void)snprintf(out->path, sizeof out->path, "%s", path);
    gguf_cursor_init_buffer(&c, buf, len, file_size, bound == 0 ? FILES_BOUND_DEFAULT : bound,
                            path, err, errsize);
    out->format = FILES_FORMAT_GGUF;
    rc = gguf_parse_file(&c, out, &meta, &info);
    if (rc == 0)
        rc = gguf_read_finish(out, &meta, info.version, err, errsize);
    gguf_meta_free(&meta);
    return rc;
}

/* Parses one file into m (appending), its pairs into meta. */
static int gguf_read_one(const char *path, uint64_t bound, files_model *m, gguf_meta *meta,
                         gguf_parse_info *info, char *err, size_t errsize)
{
    fileread_file f;
    gguf_cursor c;
    int rc;

    if (fileread_open(&f, path, err, errsize) != 0)
        return -1;
    rc = gguf_cursor_init_file(&c, &f, bound, err, errsize);
    if (rc == 0)
        rc = gguf_parse_file(&c, m, meta, info);
    if (rc == 0 && m->dev == 0 && m->ino == 0) {
        m->dev = f.dev;
        m->ino = f.ino;
    }
    gguf_cursor_free(&c);
    fileread_close(&f);
    return rc;
}

int gguf_read_split_name(const char *path, int *no, int *count, size_t *prefix_len)
{
    size_t n = strlen(path), tail = strlen(GGUF_READ_SPLIT_TAIL), i;
    const char *t;
    long v[2] = { 0, 0 };

    if (n <= tail)
        return 0;
    t = path + n - tail;
    for (i = 0; i < tail; i++) {
        char want = GGUF_READ_SPLIT_TAIL[i];

        if (want == '0') {
            if (t[i] < '0' || t[i] > '9')
                return 0;
            v[i > GGUF_READ_SPLIT_DIGITS + 1] = v[i > GGUF_READ_SPLIT_DIGITS + 1] *
                                                GGUF_READ_DECIMAL + (t[i] - '0');
        } else if (t[i] != want) {
            return 0;
        }
    }
    if (v[0] < 1 || v[0] > v[1] || t == path || t[-1] == '/')
        return 0;
    if (no != NULL)
        *no = (int)v[0];
    if (count != NULL)
        *count = (int)v[1];
    if (prefix_len != NULL)
        *prefix_len = n - tail;
    return 1;
}

/* split.* of one file: 0, or -1 with err set when absent or wrong. */
static int gguf_read_split_keys(const gguf_meta *meta, const char *path, int64_t *no,
                                int64_t *count, int64_t *tensors, char *err, size_t errsize)
{
    *tensors = -1;
    if (gguf_meta_int(meta, "split.count", count) != 0) {
        *count = 1;
        *no = 0;
        return 0;
    }
    if (gguf_meta_int(meta, "split.no", no) != 0 || *count < 1 ||
        *count > GGUF_READ_SPLIT_MAX || *no < 0 || *no >= *count) {
        (void)snprintf(err, errsize, "%s: split.no and split.count are missing or out of range "
                       "(split.no 0 to split.count - 1 expected)", path);
        return -1;
    }
    (void)gguf_meta_int(meta, "split.tensors.count", tensors);
    return 0;
}

/* The other splits of a set whose first file is already in m. */
static int gguf_read_splits(const char *path, size_t prefix_len, int64_t count, uint64_t bound,
                            files_model *m, char *err, size_t errsize)
{
    char part[FILES_PATH_MAX];
    int64_t i;

    for (i = 1; i <= count; i++) {
        gguf_meta meta;
        gguf_parse_info info;
        int64_t no, cnt, tensors;
        int rc;

        if ((size_t)snprintf(part, sizeof part, "%.*s-%05d-of-%05d.gguf", (int)prefix_len, path,
                             (int)i, (int)count) >= sizeof part) {
            (void)snprintf(err, errsize, "%s: the split names are too long", path);
            return -1;
        }
        if (strcmp(part, m->path) == 0)
            continue;
        gguf_meta_init(&meta);
        rc = gguf_read_one(part, bound, m, &meta, &info, err, errsize);
        if (rc == 0)
            rc = gguf_read_split_keys(&meta, part, &no, &cnt, &tensors, err, errsize);
        if (rc == 0 && (cnt != count || no != i - 1)) {
            (void)snprintf(err, errsize, "%s: split.no %" PRId64 " of split.count %" PRId64
                           " disagrees with split %" PRId64 " of %" PRId64 " the set needs",
                           part, no, cnt, i - 1, count);
            rc = -1;
        }
        gguf_meta_free(&meta);
        if (rc != 0)
            return -1;
        m->nfiles++;
    }
    return 0;
}

int gguf_read_file(const char *path, uint64_t bound, files_model *out, char *err,
                   size_t errsize)
{
    gguf_meta meta;
    gguf_parse_info info;
    int64_t no, count, tensors;
    int rc;

    if (bound == 0)
        bound = FILES_BOUND_DEFAULT;
    gguf_meta_init(&meta);
    out->format = FILES_FORMAT_GGUF;
    (void)snprintf(out->path, sizeof out->path, "%s", path);
    rc = gguf_read_one(path, bound, out, &meta, &info, err, errsize);
    if (rc == 0)
        rc = gguf_read_split_keys(&meta, path, &no, &count, &tensors, err, errsize);
    if (rc == 0 && count > 1) {
        size_t prefix_len;
        int name_no, name_count;

        out->nfiles = 1;
        if (!gguf_read_split_name(path, &name_no, &name_count, &prefix_len) ||
            name_count != count || name_no != no + 1) {
            (void)snprintf(err, errsize, "%s: split %" PRId64 " of %" PRId64 " is not named "
                           "PREFIX-%05d-of-%05d.gguf", path, no + 1, count, (int)(no + 1),
                           (int)count);
            rc = -1;
        } else if (no != 0) {
            /* Read the set from its first file, which holds the metadata. */
            char first[FILES_PATH_MAX];

            gguf_meta_free(&meta);
            files_model_free(out);
            (void)snprintf(first, sizeof first, "%.*s-%05d-of-%05d.gguf", (int)prefix_len, path,
                           1, (int)count);
            return gguf_read_file(first, bound, out, err, errsize);
        } else {
            rc = gguf_read_splits(path, prefix_len, count, bound, out, err, errsize);
        }
        if (rc == 0 && tensors >= 0 && (uint64_t)tensors != (uint64_t)out->ntensors) {
            (void)snprintf(err, errsize, "%s: the %d split files hold %zu tensors, split.tensors"
                           ".count says %" PRId64, path, out->nfiles, out->ntensors, tensors);
            rc = -1;
        }
    }
    if (rc == 0)
        rc = gguf_read_finish(out, &meta, info.version, err, errsize);
    gguf_meta_free(&meta);
    return rc;
}

int gguf_read_mmproj(const char *path, uint64_t bound, files_model *m, char *err,
                     size_t errsize)
{
    files_model *p = malloc(sizeof *p);
    int rc;

    if (p == NULL) {
        (void)snprintf(err, errsize, "%s: out of memory", path);
        return -1;
    }
    files_model_init(p);
    rc = gguf_read_file(path, bound, p, err, errsize);
    if (rc == 0) {
        (void)snprintf(m->mmproj_path, sizeof m->mmproj_path, "%s", path);
        m->mmproj_bytes = p->weights_bytes;
        m->mmproj_tensors = p->ntensors;
        files_model_source(m, "mmproj", "the %zu tensor infos of %s", p->ntensors, path);
        if (m->ntensors > 0)
            rc = files_model_finish(m, err, errsize);
    }
    files_model_free(p);
    free(p);
    return rc;
}
