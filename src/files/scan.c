/* scan.c - the models under some folders and in the known stores
 * (scan.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "files/files_model.h"
#include "files/folder.h"
#include "files/load.h"
#include "files/scan.h"
#include "files/st_read.h"
#include "files/stores.h"

/* The Ollama store's two folders (ollama/ollama server/modelpath.go) and
 * its manifest depth: manifests/HOST/NAMESPACE/MODEL/TAG. */
#define FILES_SCAN_OLLAMA_MANIFESTS "manifests"
#define FILES_SCAN_OLLAMA_BLOBS "blobs"
#define FILES_SCAN_OLLAMA_LEVELS 4
#define FILES_SCAN_OLLAMA_HOST "registry.ollama.ai"   /* ollama types/model/name.go */
#define FILES_SCAN_OLLAMA_NAMESPACE "library"         /* ollama types/model/name.go */
/* The entry array starts with room for this many and doubles. */
#define FILES_SCAN_FIRST_CAP 32

typedef struct {
    uint64_t dev, ino;
} files_scan_id;

typedef struct {
    files_scan_result *r;
    uint64_t bound;
    files_scan_id *visited;               /* ALLOCATED: folders entered */
    size_t nvisited, capvisited;
    files_scan_id stack[FILES_SCAN_DEPTH + 1];  /* the folders above this one */
    size_t depth;
    int stop;                             /* 1: the cap was reached */
    int oom;
} files_scan_walk;

void files_scan_free(files_scan_result *r)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        free(r->entries[i].path);
        if (r->entries[i].model != NULL)
            files_model_free(r->entries[i].model);
        free(r->entries[i].model);
        free(r->entries[i].failure);
    }
    free(r->entries);
    memset(r, 0, sizeof *r);
}

/* Appends an entry (takes model; copies path and failure). `force`
 * appends past the cap (the line that says the scan stopped). */
static void files_scan_push(files_scan_walk *w, const char *path, files_model *model,
                            const char *failure, int force)
{
    files_scan_result *r = w->r;
    files_scan_entry *e;

    if (!force && r->n >= FILES_SCAN_MAX) {
        w->stop = 1;
        r->truncated = 1;
        if (model != NULL)
            files_model_free(model);
        free(model);
        return;
    }
    if (r->n == r->cap) {
        size_t cap = r->cap == 0 ? FILES_SCAN_FIRST_CAP : r->cap * 2;
        files_scan_entry *grown = realloc(r->entries, cap * sizeof *grown);

        if (grown == NULL)
            goto oom;
        r->entries = grown;
        r->cap = cap;
    }
    e = &r->entries[r->n];
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    e->failure = failure != NULL ? strdup(failure) : NULL;
    if (e->path == NULL || (failure != NULL && e->failure == NULL)) {
        free(e->path);
        free(e->failure);
        goto oom;
    }
    e->model = model;
    r->n++;
    if (model != NULL)
        r->models++;
    else
        r->failures++;
    return;
oom:
    if (model != NULL)
        files_model_free(model);
    free(model);
    w->oom = 1;
    w->stop = 1;
}

static void files_scan_failure(files_scan_walk *w, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void files_scan_failure(files_scan_walk *w, const char *path, const char *fmt, ...)
{
    char line[FILES_ERR_MAX];
    va_list ap;

    va_start(ap, fmt);
    (void)vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    files_scan_push(w, path, NULL, line, 0);
}

/* 1 when a model with this file identity is listed already. */
static int files_scan_listed(const files_scan_result *r, const files_model *m)
{
    size_t i;

    if (m->dev == 0 && m->ino == 0)
        return 0;
    for (i = 0; i < r->n; i++)
        if (r->entries[i].model != NULL && r->entries[i].model->dev == m->dev &&
            r->entries[i].model->ino == m->ino)
            return 1;
    return 0;
}

/* Lists a model read (rc 0) or the failure in err (rc -1). */
static void files_scan_result_of(files_scan_walk *w, const char *path, int rc, files_model *m,
                                 const char *err)
{
    if (rc != 0) {
        files_model_free(m);
        free(m);
        files_scan_push(w, path, NULL, err, 0);
    } else if (files_scan_listed(w->r, m)) {
        w->r->duplicates++;
        files_model_free(m);
        free(m);
    } else {
        files_scan_push(w, path, m, NULL, 0);
    }
}

static files_model *files_scan_new_model(files_scan_walk *w)
{
    files_model *m = malloc(sizeof *m);

    if (m == NULL) {
        w->oom = 1;
        w->stop = 1;
        return NULL;
    }
    files_model_init(m);
    return m;
}

/* A folder of safetensors, known by its first shard's identity. */
static void files_scan_st(files_scan_walk *w, const char *dir, const folder_list *l)
{
    char err[FILES_ERR_MAX];
    files_model *m = files_scan_new_model(w);
    size_t i = folder_first(l, FOLDER_SAFETENSORS);
    int rc;

    if (m == NULL)
        return;
    rc = st_read_path(dir, w->bound, m, err, sizeof err);
    if (rc == 0 && m->dev == 0 && m->ino == 0 && i < l->n && l->entries[i].stat_ok) {
        m->dev = l->entries[i].dev;
        m->ino = l->entries[i].ino;
    }
    files_scan_result_of(w, dir, rc, m, err);
}

static void files_scan_gguf(files_scan_walk *w, const char *path, const char *mmproj)
{
    char err[FILES_ERR_MAX];
    files_model *m = files_scan_new_model(w);
    int rc;

    if (m == NULL)
        return;
    rc = files_load_gguf(path, mmproj, w->bound, m, err, sizeof err);
    files_scan_result_of(w, path, rc, m, err);
}

/* One manifest: manifests/HOST/NS/MODEL/TAG, parts[0..3] those names. */
static void files_scan_manifest(files_scan_walk *w, const char *root, const char *path,
                                const char *const parts[FILES_SCAN_OLLAMA_LEVELS])
{
    char err[FILES_ERR_MAX], display[FILES_PATH_MAX];
    files_model *m;
    int rc;

    if (strcmp(parts[0], FILES_SCAN_OLLAMA_HOST) != 0)
        (void)snprintf(display, sizeof display, "%s/%s/%s:%s", parts[0], parts[1], parts[2],
                       parts[3]);
    else if (strcmp(parts[1], FILES_SCAN_OLLAMA_NAMESPACE) != 0)
        (void)snprintf(display, sizeof display, "%s/%s:%s", parts[1], parts[2], parts[3]);
    else
        (void)snprintf(display, sizeof display, "%s:%s", parts[2], parts[3]);
    m = files_scan_new_model(w);
    if (m == NULL)
        return;
    rc = files_load_ollama(root, path, display, w->bound, m, err, sizeof err);
    files_scan_result_of(w, path, rc, m, err);
}

/* The manifests under dir, `level` folders below manifests/. */
static void files_scan_manifests(files_scan_walk *w, const char *root, const char *dir,
                                 const char *parts[FILES_SCAN_OLLAMA_LEVELS], size_t level)
{
    char err[FILES_ERR_MAX], path[FILES_PATH_MAX];
    folder_list l;
    size_t i;

    if (folder_read(dir, LOAD_FOLDER_MAX, &l, err, sizeof err) != 0) {
        files_scan_push(w, dir, NULL, err, 0);
        return;
    }
    for (i = 0; i < l.n && !w->stop; i++) {
        const folder_entry *e = &l.entries[i];
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->name);

        if (n < 0 || (size_t)n >= sizeof path) {
            files_scan_failure(w, dir, "%s/%s: path too long", dir, e->name);
            continue;
        }
        parts[level] = e->name;
        if (level + 1 < FILES_SCAN_OLLAMA_LEVELS && e->kind == FOLDER_DIR)
            files_scan_manifests(w, root, path, parts, level + 1);
        else if (level + 1 == FILES_SCAN_OLLAMA_LEVELS && e->kind != FOLDER_DIR)
            files_scan_manifest(w, root, path, (const char *const *)parts);
    }
    folder_free(&l);
}

/* 1 when dir holds manifests/ and blobs/ folders: an Ollama store. */
static int files_scan_is_ollama(const folder_list *l)
{
    int manifests = 0, blobs = 0;
    size_t i;

    for (i = 0; i < l->n; i++) {
        if (l->entries[i].kind != FOLDER_DIR)
            continue;
        manifests |= strcmp(l->entries[i].name, FILES_SCAN_OLLAMA_MANIFESTS) == 0;
        blobs |= strcmp(l->entries[i].name, FILES_SCAN_OLLAMA_BLOBS) == 0;
    }
    return manifests && blobs;
}

/* Records the folder as entered; 1 when it was already (or when the
 * folder budget is spent: then with a line). */
static int files_scan_seen(files_scan_walk *w, const char *dir, files_scan_id id)
{
    size_t i;

    for (i = 0; i < w->nvisited; i++)
        if (w->visited[i].dev == id.dev && w->visited[i].ino == id.ino)
            return 1;
    if (w->nvisited >= FILES_SCAN_DIRS_MAX) {
        files_scan_failure(w, dir, "%s: not entered: the scan entered %d folders already", dir,
                           FILES_SCAN_DIRS_MAX);
        return 1;
    }
    if (w->nvisited == w->capvisited) {
        size_t cap = w->capvisited == 0 ? FILES_SCAN_FIRST_CAP : w->capvisited * 2;
        files_scan_id *grown = realloc(w->visited, cap * sizeof *grown);

        if (grown == NULL) {
            w->oom = 1;
            w->stop = 1;
            return 1;
        }
        w->visited = grown;
        w->capvisited = cap;
    }
    w->visited[w->nvisited++] = id;
    return 0;
}

static void files_scan_dir(files_scan_walk *w, const char *dir);

/* The models of one folder's listing, then its sub-folders. */
static void files_scan_entries(files_scan_walk *w, const char *dir, const folder_list *l)
{
    char path[FILES_PATH_MAX], mmproj[FILES_PATH_MAX];
    size_t i, first_mmproj = folder_first(l, FOLDER_MMPROJ);
    int n;

    mmproj[0] = '\0';
    if (first_mmproj < l->n) {
        n = snprintf(mmproj, sizeof mmproj, "%s/%s", dir, l->entries[first_mmproj].name);
        if (n < 0 || (size_t)n >= sizeof mmproj)
            mmproj[0] = '\0';
    }
    if (l->safetensors > 0 || l->has_index)
        files_scan_st(w, dir, l);
    for (i = 0; i < l->n && !w->stop; i++) {
        const folder_entry *e = &l->entries[i];

        if (e->kind != FOLDER_GGUF && e->kind != FOLDER_DIR)
            continue;
        if (e->kind == FOLDER_DIR && (e->name[0] == '.' || w->depth >= FILES_SCAN_DEPTH))
            continue;
        n = snprintf(path, sizeof path, "%s/%s", dir, e->name);
        if (n < 0 || (size_t)n >= sizeof path) {
            files_scan_failure(w, dir, "%s/%s: path too long", dir, e->name);
            continue;
        }
        if (e->kind == FOLDER_GGUF) {
            files_scan_gguf(w, path, mmproj[0] != '\0' ? mmproj : NULL);
        } else {
            w->depth++;
            files_scan_dir(w, path);
            w->depth--;
        }
    }
}

static void files_scan_dir(files_scan_walk *w, const char *dir)
{
    char err[FILES_ERR_MAX];
    const char *parts[FILES_SCAN_OLLAMA_LEVELS];
    files_scan_id id;
    folder_list l;
    struct stat sb;
    size_t i;

    if (stat(dir, &sb) != 0) {
        files_scan_failure(w, dir, "%s: %s", dir, strerror(errno));
        return;
    }
    id.dev = (uint64_t)sb.st_dev;
    id.ino = (uint64_t)sb.st_ino;
    for (i = 0; i < w->depth; i++)
        if (w->stack[i].dev == id.dev && w->stack[i].ino == id.ino) {
            files_scan_failure(w, dir, "%s: a symbolic link loop (it leads back to a folder "
                               "above it); skipped", dir);
            return;
        }
    if (files_scan_seen(w, dir, id))
        return;
    w->stack[w->depth] = id;
    if (folder_read(dir, LOAD_FOLDER_MAX, &l, err, sizeof err) != 0) {
        files_scan_push(w, dir, NULL, err, 0);
        return;
    }
    if (l.truncated)
        files_scan_failure(w, dir, "%s: more than %d entries; read the first %d", dir,
                           LOAD_FOLDER_MAX, LOAD_FOLDER_MAX);
    if (files_scan_is_ollama(&l)) {
        char manifests[FILES_PATH_MAX];
        int n = snprintf(manifests, sizeof manifests, "%s/%s", dir, FILES_SCAN_OLLAMA_MANIFESTS);

        if (n >= 0 && (size_t)n < sizeof manifests)
            files_scan_manifests(w, dir, manifests, parts, 0);
    } else {
        files_scan_entries(w, dir, &l);
    }
    folder_free(&l);
}

/* A root named by the caller: a folder is walked, a file read as one
 * model. */
static void files_scan_root(files_scan_walk *w, const char *root)
{
    char path[FILES_PATH_MAX], err[FILES_ERR_MAX];
    files_model *m;
    struct stat sb;
    int rc;

    if (stores_expand_home(root, path, sizeof path, err, sizeof err) != 0) {
        files_scan_push(w, root, NULL, err, 0);
        return;
    }
    if (stat(path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        m = files_scan_new_model(w);
        if (m == NULL)
            return;
        rc = files_load(path, w->bound, m, err, sizeof err);
        files_scan_result_of(w, path, rc, m, err);
        return;
    }
    w->depth = 0;
    files_scan_dir(w, path);
}

static int files_scan_cmp(const void *a, const void *b)
{
    return strcmp(((const files_scan_entry *)a)->path, ((const files_scan_entry *)b)->path);
}

int files_scan(const char *const *dirs, size_t ndirs, int stores, uint64_t bound,
               files_scan_result *out)
{
    files_scan_walk w;
    size_t i;

    memset(out, 0, sizeof *out);
    memset(&w, 0, sizeof w);
    w.r = out;
    w.bound = bound;
    for (i = 0; i < ndirs && !w.stop; i++)
        files_scan_root(&w, dirs[i]);
    for (i = 0; stores && i < STORES_COUNT && !w.stop; i++) {
        char root[FILES_PATH_MAX], err[FILES_ERR_MAX];
        int rc = stores_root((stores_kind)i, root, sizeof root, err, sizeof err);

        if (rc < 0)
            files_scan_push(&w, err, NULL, err, 0);
        else if (rc == 1)
            files_scan_root(&w, root);
    }
    free(w.visited);
    if (out->n > 1)
        qsort(out->entries, out->n, sizeof *out->entries, files_scan_cmp);
    if (out->truncated && !w.oom) {
        char line[FILES_ERR_MAX];

        (void)snprintf(line, sizeof line, "scan: stopped at %d models and failures; name fewer "
                       "folders to see the rest", FILES_SCAN_MAX);
        files_scan_push(&w, "scan", NULL, line, 1);
        out->failures--;  /* the line is not a file's failure */
    }
    return w.oom ? -1 : 0;
}
