/* files_model.c - what reading a user's model files yields (files_model.h). */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "files/files_model.h"
#include "model/arch_count.h"
#include "model/formats.h"

/* The tensor array starts with room for this many and doubles. */
#define FILES_MODEL_FIRST_CAP 256

void files_model_init(files_model *m)
{
    memset(m, 0, sizeof *m);
    m->file_type = -1;
}

void files_model_free(files_model *m)
{
    free(m->tensors);
    files_model_init(m);
}

int files_model_add_tensor(files_model *m, const files_tensor *t, size_t max)
{
    int64_t el = tensors_elements(&t->t);

    if (m->ntensors >= max || el < 0 || t->bytes < 0 || m->weights_bytes > INT64_MAX - t->bytes ||
        m->elements > INT64_MAX - el)
        return -1;
    if (m->ntensors == m->cap) {
        size_t cap = m->cap == 0 ? FILES_MODEL_FIRST_CAP : m->cap * 2;
        files_tensor *grown;

        if (cap > max)
            cap = max;
        grown = realloc(m->tensors, cap * sizeof *grown);
        if (grown == NULL)
            return -1;
        m->tensors = grown;
        m->cap = cap;
    }
    m->tensors[m->ntensors++] = *t;
    m->weights_bytes += t->bytes;
    m->elements += el;
    return 0;
}

void files_model_source(files_model *m, const char *key, const char *fmt, ...)
{
    files_source *s = NULL;
    va_list ap;
    size_t i;

    for (i = 0; i < m->nsources; i++)
        if (strcmp(m->sources[i].key, key) == 0)
            s = &m->sources[i];
    if (s == NULL) {
        if (m->nsources >= STORED_SOURCES_MAX)
            return;
        s = &m->sources[m->nsources++];
        (void)snprintf(s->key, sizeof s->key, "%s", key);
    }
    va_start(ap, fmt);
    (void)vsnprintf(s->source, sizeof s->source, fmt, ap);
    va_end(ap);
}

/* The routed experts' share a token does not read: every tensor of a
 * routed-expert role counts active/experts of its elements. */
static double files_model_active(const files_model *m)
{
    double inactive = 0.0;
    size_t i;

    if (m->arch.moe.experts <= 0 || m->arch.moe.active <= 0 ||
        m->arch.moe.active > m->arch.moe.experts)
        return (double)m->elements;
    for (i = 0; i < m->ntensors; i++) {
        tensor_role r = m->tensors[i].t.role;

        if (r == TENSOR_FFN_GATE_EXPS || r == TENSOR_FFN_UP_EXPS || r == TENSOR_FFN_DOWN_EXPS)
            inactive += (double)tensors_elements(&m->tensors[i].t) *
                        (double)(m->arch.moe.experts - m->arch.moe.active) /
                        (double)m->arch.moe.experts;
    }
    return floor((double)m->elements - inactive + 0.5);
}

/* A Hugging Face cache folder's marks: .../models--ORG--NAME/snapshots/REV
 * (huggingface_hub file_download.py repo_folder_name). */
#define FILES_MODEL_HF_REPO "/models--"
#define FILES_MODEL_HF_SEP "--"
#define FILES_MODEL_HF_SNAPSHOTS "/snapshots/"
/* The extensions a model file's id leaves out. */
static const char *const files_model_exts[] = { ".gguf", ".safetensors" };

/* "ORG/NAME" of a Hugging Face snapshot path into buf; 0, or -1 when the
 * path is not one. */
static int files_model_hf_name(const char *path, char *buf, size_t size)
{
    const char *repo = strstr(path, FILES_MODEL_HF_REPO), *snap, *sep;
    size_t i, o = 0;

    if (repo == NULL)
        return -1;
    repo += strlen(FILES_MODEL_HF_REPO);
    snap = strstr(repo, FILES_MODEL_HF_SNAPSHOTS);
    sep = strstr(repo, FILES_MODEL_HF_SEP);
    if (snap == NULL || sep == NULL || sep > snap || size == 0)
        return -1;
    for (i = 0; repo + i < snap && o + 1 < size; i++) {
        if (repo + i == sep) {
            buf[o++] = '/';
            i += strlen(FILES_MODEL_HF_SEP) - 1;
            continue;
        }
        buf[o++] = repo[i];
    }
    buf[o] = '\0';
    return 0;
}

/* The name when the files give none: a Hugging Face snapshot's repo, else
 * the last path component without a model file's extension; the id is
 * that in lower case, '/' made '-'. */
static void files_model_make_id(files_model *m)
{
    const char *base = strrchr(m->path, '/');
    char plain[FILES_TEXT_MAX];
    size_t i, n, k;

    base = base != NULL && base[1] != '\0' ? base + 1 : m->path;
    if (files_model_hf_name(m->path, plain, sizeof plain) != 0) {
        n = strlen(base);
        for (k = 0; k < sizeof files_model_exts / sizeof files_model_exts[0]; k++) {
            size_t e = strlen(files_model_exts[k]);

            if (n > e && strcasecmp(base + n - e, files_model_exts[k]) == 0)
                n -= e;
        }
        if (n >= sizeof plain)
            n = sizeof plain - 1;
        memcpy(plain, base, n);
        plain[n] = '\0';
    }
    if (m->name[0] == '\0')
        (void)snprintf(m->name, sizeof m->name, "%s", plain);
    if (m->id[0] != '\0')
        return;
    for (i = 0; plain[i] != '\0' && i + 1 < sizeof m->id; i++)
        m->id[i] = plain[i] == '/' ? '-' : (char)tolower((unsigned char)plain[i]);
    m->id[i] = '\0';
}

int files_model_finish(files_model *m, char *err, size_t errsize)
{
    qs_model *q = &m->model;
    qs_stored *s = &m->stored;
    const qs_format *f = NULL;
    double bits = 0.0;
    size_t i;

    if (m->ntensors == 0 || m->weights_bytes <= 0) {
        (void)snprintf(err, errsize, "%s: no tensors", m->path);
        return -1;
    }
    files_model_make_id(m);
    memset(q, 0, sizeof *q);
    memset(s, 0, sizeof *s);
    m->arch.name = m->name;
    if (m->arch_ok && !arch_valid(&m->arch))
        m->arch_ok = 0;
    q->id = m->id;
    q->name = m->name;
    q->family = m->arch_name;
    q->ctx = m->ctx;
    q->verified = m->arch_ok;
    q->source = m->path;
    if (m->arch_ok) {
        q->arch = m->arch;
    } else {
        q->arch.name = m->name;
    }
    if (m->packed && m->arch_ok) {
        q->total = (double)arch_param_count(&m->arch);
        q->active = (double)arch_active_param_count(&m->arch);
    } else {
        q->total = (double)m->elements;
        q->active = files_model_active(m);
    }
    q->params = (int64_t)q->total;
    q->stored = s;

    s->path = m->path;
    s->container = m->container;
    s->arch_name = m->arch_name;
    s->type_name = m->type_name;
    if (m->type_name[0] != '\0' && formats_parse(m->type_name, &f, &bits) == 0)
        s->format = f;
    s->weights_bytes = m->weights_bytes;
    s->file_bytes = m->file_bytes;
    s->header_bytes = m->header_bytes;
    s->elements = m->elements;
    s->ntensors = m->ntensors;
    s->nfiles = m->nfiles > 0 ? m->nfiles : 1;
    s->mmproj_bytes = m->mmproj_bytes;
    s->mmproj_tensors = m->mmproj_tensors;
    s->mmproj_path = m->mmproj_path[0] != '\0' ? m->mmproj_path : NULL;
    s->arch_known = m->arch_ok;
    for (i = 0; i < m->nsources; i++) {
        s->sources[i].key = m->sources[i].key;
        s->sources[i].source = m->sources[i].source;
    }
    s->nsources = m->nsources;
    return 0;
}
