/* stores.c - where the model stores of other programs keep their files
 * (stores.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "files/files_model.h"
#include "files/ollama_manifest.h"
#include "files/stores.h"
#include "platform/fileread.h"

/* Environment variables and default folders (sources in stores.h). */
#define STORES_ENV_HOME "HOME"
#define STORES_ENV_XDG_CACHE "XDG_CACHE_HOME"
#define STORES_ENV_HF_HUB "HF_HUB_CACHE"
#define STORES_ENV_HF_HUB_OLD "HUGGINGFACE_HUB_CACHE"
#define STORES_ENV_HF_HOME "HF_HOME"
#define STORES_ENV_OLLAMA "OLLAMA_MODELS"
#define STORES_ENV_LLAMACPP "LLAMA_CACHE"
#define STORES_CACHE_DEFAULT ".cache"             /* XDG base directory spec: ~/.cache */
#define STORES_HF_UNDER_CACHE "huggingface"       /* huggingface_hub constants.py */
#define STORES_HF_UNDER_HOME "hub"                /* huggingface_hub constants.py */
#define STORES_HF_PREFIX "models--"               /* huggingface_hub file_download.py */
#define STORES_HF_SEPARATOR "--"                  /* REPO_ID_SEPARATOR, constants.py */
#define STORES_HF_REF_DEFAULT "main"              /* DEFAULT_REVISION, constants.py */
#define STORES_OLLAMA_DEFAULT ".ollama/models"    /* ollama envconfig/config.go */
#define STORES_OLLAMA_HOST "registry.ollama.ai"   /* ollama types/model/name.go */
#define STORES_OLLAMA_NAMESPACE "library"         /* ollama types/model/name.go */
#define STORES_OLLAMA_TAG "latest"                /* ollama types/model/name.go */
#define STORES_LMSTUDIO_DEFAULT ".lmstudio/models"           /* lmstudio.ai/docs */
#define STORES_LMSTUDIO_OLD_DEFAULT ".cache/lm-studio/models" /* lmstudio.ai/docs */
#define STORES_LLAMACPP_UNDER_CACHE "llama.cpp"  /* llama.cpp common/common.cpp */
/* A refs/ file holds a 40-digit commit and a newline; read at most this. */
#define STORES_REF_MAX 256
/* Ollama names have at most three '/'-separated parts: host, namespace,
 * model (ollama types/model/name.go). */
#define STORES_OLLAMA_PARTS 3

static int stores_fail(char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int stores_fail(char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errsize == 0)
        return -1;
    va_start(ap, fmt);
    (void)vsnprintf(err, errsize, fmt, ap);
    va_end(ap);
    return -1;
}

/* snprintf into out; -1 with err set when it does not fit. */
static int stores_join(char *out, size_t outsize, char *err, size_t errsize, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int stores_join(char *out, size_t outsize, char *err, size_t errsize, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(out, outsize, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= outsize)
        return stores_fail(err, errsize, "%.200s...: path too long", out);
    return 0;
}

int stores_expand_home(const char *in, char *out, size_t outsize, char *err, size_t errsize)
{
    const char *home;

    if (in[0] != '~' || (in[1] != '\0' && in[1] != '/'))
        return stores_join(out, outsize, err, errsize, "%s", in);
    home = getenv(STORES_ENV_HOME);
    if (home == NULL || home[0] == '\0')
        return stores_fail(err, errsize, "HOME is not set (needed for %s)", in);
    return stores_join(out, outsize, err, errsize, "%s%s", home, in + 1);
}

static int stores_is_dir(const char *path)
{
    struct stat sb;

    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* $VAR as a folder: 1 set (its value, ~ expanded, in out: a folder, or
 * nothing yet, which the caller finds absent), 0 unset or empty, -1 set to
 * something that is not a folder or cannot be looked at. */
static int stores_env_dir(const char *var, char *out, size_t outsize, char *err, size_t errsize)
{
    const char *v = getenv(var);
    struct stat sb;

    if (v == NULL || v[0] == '\0')
        return 0;
    if (stores_expand_home(v, out, outsize, err, errsize) != 0)
        return -1;
    if (stat(out, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR))
        return 1;
    if (stat(out, &sb) != 0)
        return stores_fail(err, errsize, "%s=%s: %s (expected a folder)", var, v, strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return stores_fail(err, errsize, "%s=%s: not a folder", var, v);
    return 1;
}

/* The cache base: $XDG_CACHE_HOME, else ~/.cache. */
static int stores_cache_base(char *out, size_t outsize, char *err, size_t errsize)
{
    int rc = stores_env_dir(STORES_ENV_XDG_CACHE, out, outsize, err, errsize);

    if (rc != 0)
        return rc < 0 ? -1 : 0;
    return stores_expand_home("~/" STORES_CACHE_DEFAULT, out, outsize, err, errsize);
}

static int stores_hf_root(char *out, size_t outsize, char *err, size_t errsize)
{
    char base[FILES_PATH_MAX];
    int rc;

    rc = stores_env_dir(STORES_ENV_HF_HUB, out, outsize, err, errsize);
    if (rc == 0)
        rc = stores_env_dir(STORES_ENV_HF_HUB_OLD, out, outsize, err, errsize);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    rc = stores_env_dir(STORES_ENV_HF_HOME, base, sizeof base, err, errsize);
    if (rc < 0)
        return -1;
    if (rc == 1)
        return stores_join(out, outsize, err, errsize, "%s/%s", base, STORES_HF_UNDER_HOME);
    if (stores_cache_base(base, sizeof base, err, errsize) != 0)
        return -1;
    return stores_join(out, outsize, err, errsize, "%s/%s/%s", base, STORES_HF_UNDER_CACHE,
                       STORES_HF_UNDER_HOME);
}

/* The root by kind, not yet checked to be a folder. */
static int stores_root_path(stores_kind kind, char *out, size_t outsize, char *err, size_t errsize)
{
    char base[FILES_PATH_MAX];
    int rc;

    switch (kind) {
    case STORES_HF:
        return stores_hf_root(out, outsize, err, errsize);
    case STORES_OLLAMA:
        rc = stores_env_dir(STORES_ENV_OLLAMA, out, outsize, err, errsize);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        return stores_expand_home("~/" STORES_OLLAMA_DEFAULT, out, outsize, err, errsize);
    case STORES_LMSTUDIO:
        return stores_expand_home("~/" STORES_LMSTUDIO_DEFAULT, out, outsize, err, errsize);
    case STORES_LMSTUDIO_OLD:
        return stores_expand_home("~/" STORES_LMSTUDIO_OLD_DEFAULT, out, outsize, err, errsize);
    case STORES_LLAMACPP:
        rc = stores_env_dir(STORES_ENV_LLAMACPP, out, outsize, err, errsize);
        if (rc != 0)
            return rc < 0 ? -1 : 0;
        if (stores_cache_base(base, sizeof base, err, errsize) != 0)
            return -1;
        return stores_join(out, outsize, err, errsize, "%s/%s", base,
                           STORES_LLAMACPP_UNDER_CACHE);
    case STORES_COUNT:
    default:
        break;
    }
    return stores_fail(err, errsize, "no such store (%d)", (int)kind);
}

int stores_root(stores_kind kind, char *out, size_t outsize, char *err, size_t errsize)
{
    if (outsize > 0)
        out[0] = '\0';
    if (stores_root_path(kind, out, outsize, err, errsize) != 0)
        return -1;
    if (!stores_is_dir(out)) {
        (void)stores_fail(err, errsize, "%s: no such folder", out);
        return 0;
    }
    return 1;
}

/* 1 when s is a safe path component of Hugging Face and Ollama names:
 * letters, digits, '-', '_', '.', not empty, not starting with '.'. */
static int stores_part_ok(const char *s, size_t n)
{
    size_t i;

    if (n == 0 || s[0] == '.')
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

static int stores_is_hex(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return s[n] == '\0';
}

/* Reads refs/REF of the repo folder into commit. */
static int stores_hf_ref(const char *repo_dir, const char *ref, char *commit, size_t commitsize,
                         char *err, size_t errsize)
{
    char path[FILES_PATH_MAX], buf[STORES_REF_MAX + 1];
    fileread_file f;
    size_t n;

    if (stores_join(path, sizeof path, err, errsize, "%s/refs/%s", repo_dir, ref) != 0)
        return -1;
    if (fileread_open(&f, path, err, errsize) != 0)
        return -1;
    n = f.size < STORES_REF_MAX ? (size_t)f.size : STORES_REF_MAX;
    if (fileread_at(&f, 0, buf, n, err, errsize) != 0) {
        fileread_close(&f);
        return -1;
    }
    fileread_close(&f);
    buf[n] = '\0';
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        buf[--n] = '\0';
    if (n != STORES_HF_COMMIT_HEX || !stores_is_hex(buf, n))
        return stores_fail(err, errsize, "%s: not a commit (expected %d lower-case hex digits)",
                           path, STORES_HF_COMMIT_HEX);
    return stores_join(commit, commitsize, err, errsize, "%s", buf);
}

int stores_hf_snapshot(const char *repo, char *out, size_t outsize, char *err, size_t errsize)
{
    char hub[FILES_PATH_MAX], dir[FILES_PATH_MAX], commit[STORES_HF_COMMIT_HEX + 1];
    const char *slash = strchr(repo, '/'), *at = strchr(repo, '@');
    const char *rev = at != NULL ? at + 1 : STORES_HF_REF_DEFAULT;
    size_t nlen;
    int rc;

    if (at == NULL)
        at = repo + strlen(repo);
    if (slash == NULL || slash > at || !stores_part_ok(repo, (size_t)(slash - repo)) ||
        !stores_part_ok(slash + 1, (size_t)(at - slash - 1)) || !stores_part_ok(rev, strlen(rev)) ||
        strstr(repo, STORES_HF_SEPARATOR) != NULL || strstr(repo, "..") != NULL)
        return stores_fail(err, errsize,
                           "hf:%s: not a Hugging Face repository (expected hf:ORG/NAME or "
                           "hf:ORG/NAME@REVISION)", repo);
    rc = stores_root(STORES_HF, hub, sizeof hub, err, errsize);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return stores_fail(err, errsize, "hf:%s: no Hugging Face cache (looked in %s)", repo, hub);
    nlen = (size_t)(at - slash - 1);
    if (stores_join(dir, sizeof dir, err, errsize, "%s/%s%.*s%s%.*s", hub, STORES_HF_PREFIX,
                    (int)(slash - repo), repo, STORES_HF_SEPARATOR, (int)nlen, slash + 1) != 0)
        return -1;
    if (!stores_is_dir(dir))
        return stores_fail(err, errsize, "%s: no such folder (hf:%.*s is not in the Hugging Face "
                           "cache %s)", dir, (int)(at - repo), repo, hub);
    if (strlen(rev) == STORES_HF_COMMIT_HEX && stores_is_hex(rev, STORES_HF_COMMIT_HEX))
        (void)snprintf(commit, sizeof commit, "%s", rev);
    else if (stores_hf_ref(dir, rev, commit, sizeof commit, err, errsize) != 0)
        return -1;
    if (stores_join(out, outsize, err, errsize, "%s/snapshots/%s", dir, commit) != 0)
        return -1;
    if (!stores_is_dir(out))
        return stores_fail(err, errsize, "%s: no such snapshot (revision %s is commit %s)", out,
                           rev, commit);
    return 0;
}

int stores_ollama_find(const char *name, char *manifest, size_t manifestsize, char *display,
                       size_t displaysize, char *root, size_t rootsize, char *err,
                       size_t errsize)
{
    const char *parts[STORES_OLLAMA_PARTS], *colon, *tag = STORES_OLLAMA_TAG;
    size_t lens[STORES_OLLAMA_PARTS], nparts = 0, i, taglen = strlen(STORES_OLLAMA_TAG);
    const char *host = STORES_OLLAMA_HOST, *ns = STORES_OLLAMA_NAMESPACE;
    size_t hostlen = strlen(host), nslen = strlen(ns), end;
    const char *p = name;
    struct stat sb;
    int rc;

    colon = strrchr(name, ':');
    if (colon != NULL && strchr(colon, '/') == NULL) {
        tag = colon + 1;
        taglen = strlen(tag);
        end = (size_t)(colon - name);
    } else {
        end = strlen(name);
    }
    while (p <= name + end && nparts < STORES_OLLAMA_PARTS) {
        const char *s = memchr(p, '/', (size_t)(name + end - p));
        size_t n = s != NULL ? (size_t)(s - p) : (size_t)(name + end - p);

        parts[nparts] = p;
        lens[nparts++] = n;
        p += n + 1;
        if (s == NULL)
            break;
    }
    rc = p <= name + end || nparts == 0 || !stores_part_ok(tag, taglen) ||
         strchr(tag, ':') != NULL;
    for (i = 0; i < nparts && !rc; i++)
        rc = !stores_part_ok(parts[i], lens[i]);
    if (!rc && nparts == STORES_OLLAMA_PARTS) {
        host = parts[0];
        hostlen = lens[0];
        ns = parts[1];
        nslen = lens[1];
    } else if (!rc && nparts == 2 && memchr(parts[0], '.', lens[0]) != NULL) {
        host = parts[0];  /* a first part with a dot is a host: hf.co/repo */
        hostlen = lens[0];
    } else if (!rc && nparts == 2) {
        ns = parts[0];
        nslen = lens[0];
    }
    if (rc)
        return stores_fail(err, errsize,
                           "ollama:%s: not an Ollama model name (expected ollama:NAME, "
                           "ollama:NAME:TAG, ollama:NAMESPACE/NAME:TAG or "
                           "ollama:HOST/NAMESPACE/NAME:TAG)", name);
    rc = stores_root(STORES_OLLAMA, root, rootsize, err, errsize);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return stores_fail(err, errsize, "ollama:%s: no Ollama store (looked in %s)", name, root);
    if (stores_join(display, displaysize, err, errsize, "%.*s:%.*s", (int)end, name, (int)taglen,
                    tag) != 0 ||
        stores_join(manifest, manifestsize, err, errsize, "%s/manifests/%.*s/%.*s/%.*s/%.*s", root,
                    (int)hostlen, host, (int)nslen, ns, (int)lens[nparts - 1], parts[nparts - 1],
                    (int)taglen, tag) != 0)
        return -1;
    if (stat(manifest, &sb) != 0)
        return stores_fail(err, errsize, "%s: no such manifest (ollama:%s is not in the Ollama "
                           "store %s)", manifest, display, root);
    return 0;
}

/* root/blobs/sha256-HEX in out; checks that it exists. */
static int stores_ollama_blob(const char *root, const char *manifest, const char *hex, char *out,
                              size_t outsize, char *err, size_t errsize)
{
    struct stat sb;

    if (stores_join(out, outsize, err, errsize, "%s/blobs/%s-%s", root, OLLAMA_DIGEST_ALGO,
                    hex) != 0)
        return -1;
    if (stat(out, &sb) != 0)
        return stores_fail(err, errsize, "%s: points at a missing blob %s (%s)", manifest, out,
                           strerror(errno));
    return 0;
}

int stores_ollama_blobs(const char *root, const char *manifest, char *blob, size_t blobsize,
                        char *projector, size_t projectorsize, char *err, size_t errsize)
{
    fileread_file f;
    ollama_manifest om;
    char *buf;
    int rc;

    if (projectorsize > 0)
        projector[0] = '\0';
    if (fileread_open(&f, manifest, err, errsize) != 0)
        return -1;
    if (f.size > OLLAMA_MANIFEST_MAX) {
        fileread_close(&f);
        return stores_fail(err, errsize, "%s: %llu bytes, too large for an Ollama manifest (read "
                           "at most %zu)", manifest, (unsigned long long)f.size,
                           (size_t)OLLAMA_MANIFEST_MAX);
    }
    buf = malloc(f.size > 0 ? (size_t)f.size : 1);
    if (buf == NULL) {
        fileread_close(&f);
        return stores_fail(err, errsize, "%s: out of memory", manifest);
    }
    rc = fileread_at(&f, 0, buf, (size_t)f.size, err, errsize);
    fileread_close(&f);
    if (rc == 0)
        rc = ollama_manifest_parse(buf, (size_t)f.size, manifest, &om, err, errsize);
    free(buf);
    if (rc != 0)
        return -1;
    if (stores_ollama_blob(root, manifest, om.model_hex, blob, blobsize, err, errsize) != 0)
        return -1;
    if (om.projector_hex[0] != '\0' &&
        stores_ollama_blob(root, manifest, om.projector_hex, projector, projectorsize, err,
                           errsize) != 0)
        return -1;
    return 0;
}
