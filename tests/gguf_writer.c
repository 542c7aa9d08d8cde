/* gguf_writer.c - GGUF files for the tests (gguf_writer.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gguf_writer.h"
#include "model/ggml.h"
#include "model/gguf_header.h"
#include "model/gguf_rules.h"
#include "model/models.h"

/* gguf_type ids (ggml/include/gguf.h). */
#define W_U16 2
#define W_U32 4
#define W_I32 5
#define W_F32 6
#define W_BOOL 7
#define W_STRING 8
#define W_ARRAY 9
#define W_U64 10
/* Room for one synthetic string of an array. */
#define W_STR_MAX 256

typedef struct {
    char name[64];
    int type, n_dims;
    int64_t ne[8];
    uint64_t offset;
    int64_t bytes;
} w_tensor;

struct gguf_writer {
    int version;
    unsigned char *kv;
    size_t kv_len, kv_cap;
    uint64_t n_kv;
    w_tensor *t;
    size_t nt, tcap;
    uint64_t align;
    uint64_t data;             /* next data offset */
};

gguf_writer *gguf_writer_new(int version)
{
    gguf_writer *w = calloc(1, sizeof *w);

    if (w != NULL) {
        w->version = version;
        w->align = GGUF_RULES_ALIGNMENT;
    }
    return w;
}

void gguf_writer_free(gguf_writer *w)
{
    if (w == NULL)
        return;
    free(w->kv);
    free(w->t);
    free(w);
}

static int w_put(unsigned char **b, size_t *len, size_t *cap, const void *p, size_t n)
{
    if (*len + n > *cap) {
        size_t c = *cap == 0 ? 4096 : *cap;
        unsigned char *g;

        while (c < *len + n)
            c *= 2;
        g = realloc(*b, c);
        if (g == NULL)
            return -1;
        *b = g;
        *cap = c;
    }
    memcpy(*b + *len, p, n);
    *len += n;
    return 0;
}

static int w_le(gguf_writer *w, uint64_t v, size_t n)
{
    unsigned char b[8];
    size_t i;

    for (i = 0; i < n; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return w_put(&w->kv, &w->kv_len, &w->kv_cap, b, n);
}

static int w_str(gguf_writer *w, const char *s)
{
    size_t n = strlen(s);

    return w_le(w, n, 8) || w_put(&w->kv, &w->kv_len, &w->kv_cap, s, n) ? -1 : 0;
}

static int w_key(gguf_writer *w, const char *key, int type)
{
    w->n_kv++;
    return w_str(w, key) || w_le(w, (uint64_t)type, 4) ? -1 : 0;
}

int gguf_writer_kv_raw(gguf_writer *w, const void *bytes, size_t n)
{
    w->n_kv++;
    return w_put(&w->kv, &w->kv_len, &w->kv_cap, bytes, n);
}

int gguf_writer_kv_string(gguf_writer *w, const char *key, const char *value)
{
    return w_key(w, key, W_STRING) || w_str(w, value) ? -1 : 0;
}

int gguf_writer_kv_u16(gguf_writer *w, const char *key, uint16_t v)
{
    return w_key(w, key, W_U16) || w_le(w, v, 2) ? -1 : 0;
}

int gguf_writer_kv_u32(gguf_writer *w, const char *key, uint32_t v)
{
    if (strcmp(key, "general.alignment") == 0 && v > 0)
        w->align = v;
    return w_key(w, key, W_U32) || w_le(w, v, 4) ? -1 : 0;
}

int gguf_writer_kv_i32(gguf_writer *w, const char *key, int32_t v)
{
    return w_key(w, key, W_I32) || w_le(w, (uint32_t)v, 4) ? -1 : 0;
}

int gguf_writer_kv_u64(gguf_writer *w, const char *key, uint64_t v)
{
    return w_key(w, key, W_U64) || w_le(w, v, 8) ? -1 : 0;
}

static uint32_t w_f32_bits(float v)
{
    uint32_t b;

    memcpy(&b, &v, sizeof b);
    return b;
}

int gguf_writer_kv_f32(gguf_writer *w, const char *key, float v)
{
    return w_key(w, key, W_F32) || w_le(w, w_f32_bits(v), 4) ? -1 : 0;
}

int gguf_writer_kv_bool(gguf_writer *w, const char *key, int v)
{
    return w_key(w, key, W_BOOL) || w_le(w, v != 0, 1) ? -1 : 0;
}

static int w_array(gguf_writer *w, const char *key, int et, size_t n)
{
    return w_key(w, key, W_ARRAY) || w_le(w, (uint64_t)et, 4) || w_le(w, n, 8) ? -1 : 0;
}

int gguf_writer_kv_array_i32(gguf_writer *w, const char *key, const int32_t *v, size_t n)
{
    size_t i;

    if (w_array(w, key, W_I32, n) != 0)
        return -1;
    for (i = 0; i < n; i++)
        if (w_le(w, (uint32_t)v[i], 4) != 0)
            return -1;
    return 0;
}

int gguf_writer_kv_array_f32(gguf_writer *w, const char *key, const float *v, size_t n)
{
    size_t i;

    if (w_array(w, key, W_F32, n) != 0)
        return -1;
    for (i = 0; i < n; i++)
        if (w_le(w, w_f32_bits(v[i]), 4) != 0)
            return -1;
    return 0;
}

int gguf_writer_kv_array_bool(gguf_writer *w, const char *key, const int *v, size_t n)
{
    size_t i;

    if (w_array(w, key, W_BOOL, n) != 0)
        return -1;
    for (i = 0; i < n; i++)
        if (w_le(w, v[i] != 0, 1) != 0)
            return -1;
    return 0;
}

int gguf_writer_kv_array_strings(gguf_writer *w, const char *key, size_t n,
                                 void (*make)(size_t i, char *buf, size_t size, void *ctx),
                                 void *ctx)
{
    char buf[W_STR_MAX];
    size_t i;

    if (w_array(w, key, W_STRING, n) != 0)
        return -1;
    for (i = 0; i < n; i++) {
        buf[0] = '\0';
        make(i, buf, sizeof buf, ctx);
        if (w_str(w, buf) != 0)
            return -1;
    }
    return 0;
}

static uint64_t w_pad(uint64_t v, uint64_t a)
{
    return (v + a - 1) / a * a;
}

int gguf_writer_tensor(gguf_writer *w, const char *name, int gtype, int n_dims,
                       const int64_t *ne)
{
    w_tensor *t;
    qs_tensor q;
    int i;

    if (n_dims < 0 || n_dims > 8)
        return -1;
    if (w->nt == w->tcap) {
        size_t c = w->tcap == 0 ? 64 : w->tcap * 2;
        w_tensor *g = realloc(w->t, c * sizeof *g);

        if (g == NULL)
            return -1;
        w->t = g;
        w->tcap = c;
    }
    t = &w->t[w->nt];
    memset(t, 0, sizeof *t);
    memset(&q, 0, sizeof q);
    (void)snprintf(t->name, sizeof t->name, "%s", name);
    t->type = gtype;
    t->n_dims = n_dims;
    q.n_dims = n_dims > 4 ? 4 : n_dims;
    for (i = 0; i < 8; i++)
        t->ne[i] = i < n_dims ? ne[i] : 1;
    for (i = 0; i < 4; i++)
        q.ne[i] = t->ne[i];
    t->bytes = n_dims >= 1 && n_dims <= 4 ? ggml_tensor_bytes(gtype, &q) : -1;
    if (t->bytes < 0)
        t->bytes = 0; /* a bad tensor for a bad-file test: no data */
    t->offset = w->data;
    w->data = w_pad(w->data + (uint64_t)t->bytes, w->align);
    w->nt++;
    return 0;
}

int gguf_writer_set_offset(gguf_writer *w, size_t i, uint64_t offset)
{
    if (i >= w->nt)
        return -1;
    w->t[i].offset = offset;
    return 0;
}

/* The header of tensors [from, to) with the pairs of `kv`. */
static unsigned char *w_header(const gguf_writer *w, size_t from, size_t to, size_t *len)
{
    gguf_writer h = *w;
    size_t i;
    int d;
    uint64_t base = from < w->nt ? w->t[from].offset : 0;
    unsigned char *out;

    h.kv = NULL;
    h.kv_len = h.kv_cap = 0;
    if (w_put(&h.kv, &h.kv_len, &h.kv_cap, "GGUF", 4) || w_le(&h, (uint64_t)w->version, 4) ||
        w_le(&h, to - from, 8) || w_le(&h, w->n_kv, 8) ||
        (w->kv_len > 0 && w_put(&h.kv, &h.kv_len, &h.kv_cap, w->kv, w->kv_len)))
        goto fail;
    for (i = from; i < to; i++) {
        const w_tensor *t = &w->t[i];

        if (w_str(&h, t->name) || w_le(&h, (uint64_t)t->n_dims, 4))
            goto fail;
        for (d = 0; d < t->n_dims; d++)
            if (w_le(&h, (uint64_t)t->ne[d], 8))
                goto fail;
        if (w_le(&h, (uint64_t)t->type, 4) || w_le(&h, t->offset - base, 8))
            goto fail;
    }
    while (h.kv_len % w->align != 0)
        if (w_put(&h.kv, &h.kv_len, &h.kv_cap, "", 1))
            goto fail;
    out = h.kv;
    *len = h.kv_len;
    return out;
fail:
    free(h.kv);
    return NULL;
}

unsigned char *gguf_writer_header(const gguf_writer *w, size_t *len)
{
    return w_header(w, 0, w->nt, len);
}

int gguf_writer_bytes(const gguf_writer *w, int64_t *header, int64_t *data)
{
    size_t len;
    unsigned char *h = w_header(w, 0, w->nt, &len);

    if (h == NULL)
        return -1;
    free(h);
    *header = (int64_t)len;
    *data = (int64_t)w->data;
    return 0;
}

static int w_file(const unsigned char *h, size_t len, uint64_t data, const char *path)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int rc = 0;

    if (fd < 0)
        return -1;
    if (write(fd, h, len) != (ssize_t)len || ftruncate(fd, (off_t)(len + data)) != 0)
        rc = -1;
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

int gguf_writer_write(gguf_writer *w, const char *path)
{
    size_t len;
    unsigned char *h = w_header(w, 0, w->nt, &len);
    int rc;

    if (h == NULL)
        return -1;
    rc = w_file(h, len, w->data, path);
    free(h);
    return rc;
}

int gguf_writer_write_split(gguf_writer *w, const char *prefix, int n)
{
    int k;

    for (k = 0; k < n; k++) {
        size_t from = w->nt * (size_t)k / (size_t)n, to = w->nt * (size_t)(k + 1) / (size_t)n;
        gguf_writer *s = gguf_writer_new(w->version);
        char path[4096];
        unsigned char *h;
        size_t len;
        uint64_t end = to < w->nt ? w->t[to].offset : w->data;
        uint64_t base = from < w->nt ? w->t[from].offset : 0;
        int rc;

        if (s == NULL)
            return -1;
        s->align = w->align;
        s->t = w->t;
        s->nt = w->nt;
        rc = (k == 0 && w->kv_len > 0 &&
              w_put(&s->kv, &s->kv_len, &s->kv_cap, w->kv, w->kv_len)) ? -1 : 0;
        if (k == 0)
            s->n_kv = w->n_kv;
        if (rc == 0)
            rc = gguf_writer_kv_u16(s, "split.no", (uint16_t)k) ||
                 gguf_writer_kv_u16(s, "split.count", (uint16_t)n) ||
                 gguf_writer_kv_i32(s, "split.tensors.count", (int32_t)w->nt) ? -1 : 0;
        h = rc == 0 ? w_header(s, from, to, &len) : NULL;
        (void)snprintf(path, sizeof path, "%s-%05d-of-%05d.gguf", prefix, k + 1, n);
        rc = h == NULL ? -1 : w_file(h, len, end - base, path);
        free(h);
        s->t = NULL;
        gguf_writer_free(s);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* ---- presets --------------------------------------------------------------- */

/* A synthetic string of the mean length `len` (ctx: a size_t). */
static void w_make_len(size_t i, char *buf, size_t size, void *ctx)
{
    size_t len = *(const size_t *)ctx, k;
    int n = snprintf(buf, size, "%zx", i);

    if (len >= size)
        len = size - 1;
    for (k = n < 0 ? 0 : (size_t)n; k < len; k++)
        buf[k] = 'x';
    buf[k > len ? k : len] = '\0';
}

/* The tokenizer pairs: tokens, token_type, merges at their lengths. */
static int w_tokenizer(gguf_writer *w, const gguf_tokenizer *tok, int64_t vocab)
{
    size_t tlen = tok != NULL && tok->tokens > 0 ? (size_t)(tok->token_bytes / tok->tokens) : 4;
    size_t mlen = tok != NULL && tok->merges > 0 ? (size_t)(tok->merge_bytes / tok->merges) : 0;
    int32_t *types = calloc((size_t)vocab, sizeof *types);
    size_t i;
    int rc;

    if (types == NULL)
        return -1;
    for (i = 0; i < (size_t)vocab; i++)
        types[i] = 1;
    rc = gguf_writer_kv_string(w, "tokenizer.ggml.model", tok != NULL ? tok->model : "gpt2") ||
         gguf_writer_kv_string(w, "tokenizer.ggml.pre", tok != NULL ? tok->pre : "default") ||
         gguf_writer_kv_array_strings(w, "tokenizer.ggml.tokens", (size_t)vocab, w_make_len,
                                      &tlen) ||
         gguf_writer_kv_array_i32(w, "tokenizer.ggml.token_type", types, (size_t)vocab);
    free(types);
    if (rc == 0 && tok != NULL && tok->merges > 0)
        rc = gguf_writer_kv_array_strings(w, "tokenizer.ggml.merges", (size_t)tok->merges,
                                          w_make_len, &mlen);
    if (rc == 0)
        rc = gguf_writer_kv_u32(w, "tokenizer.ggml.bos_token_id", 1) ||
             gguf_writer_kv_u32(w, "tokenizer.ggml.eos_token_id", 2);
    if (rc == 0 && tok != NULL && tok->template_bytes > 0) {
        char *t = malloc((size_t)tok->template_bytes + 1);

        if (t == NULL)
            return -1;
        memset(t, 'x', (size_t)tok->template_bytes);
        t[tok->template_bytes] = '\0';
        rc = gguf_writer_kv_string(w, "tokenizer.chat_template", t);
        free(t);
    }
    return rc;
}

/* "ARCH.suffix" = v (u32). */
static int w_arch_u32(gguf_writer *w, const char *arch, const char *suffix, int64_t v)
{
    char key[128];

    (void)snprintf(key, sizeof key, "%s.%s", arch, suffix);
    return gguf_writer_kv_u32(w, key, (uint32_t)v);
}

/* The tensors of a, typed by llama-quantize's rules for ft. */
static int w_tensors(gguf_writer *w, const qs_arch *a, const char *family, gguf_ftype ft)
{
    size_t n = arch_tensor_count(a), i;
    qs_tensor *t = calloc(n, sizeof *t);
    int *types = calloc(n, sizeof *types);
    tensor_list l = { t, 0, n, 0 };
    gguf_rules_ctx c;
    int rc = -1;

    gguf_header_rules_ctx(&c, a, family);
    if (t != NULL && types != NULL && arch_expand(a, &l) == 0 &&
        gguf_rules_apply(ft, &l, &c, types) == 0) {
        rc = 0;
        for (i = 0; i < l.n && rc == 0; i++)
            rc = gguf_writer_tensor(w, t[i].name, types[i], t[i].n_dims, t[i].ne);
    }
    free(t);
    free(types);
    return rc;
}

/* A decoder: general.*, the arch keys, the tokenizer, the tensors. */
static int w_decoder(gguf_writer *w, const qs_arch *a, const char *arch, const char *family,
                     const char *name, const char *id, long ctx, gguf_ftype ft)
{
    const gguf_ftype_info *f = gguf_rules_ftype(ft);
    const gguf_tokenizer *tok = gguf_header_tokenizer_find(id, family, a->vocab);
    int hd = a->head_dim_k > 0 ? a->head_dim_k : (int)(a->hidden / a->heads);
    int rc;

    rc = gguf_writer_kv_string(w, "general.architecture", arch) ||
         gguf_writer_kv_string(w, "general.type", "model") ||
         gguf_writer_kv_string(w, "general.name", name) ||
         w_arch_u32(w, arch, "block_count", a->layers) ||
         w_arch_u32(w, arch, "context_length", ctx) ||
         w_arch_u32(w, arch, "embedding_length", a->hidden) ||
         w_arch_u32(w, arch, "feed_forward_length", a->ffn_dim > 0 ? a->ffn_dim : 6144) ||
         w_arch_u32(w, arch, "attention.head_count", a->heads) ||
         w_arch_u32(w, arch, "attention.head_count_kv", a->kv_heads) ||
         w_arch_u32(w, arch, "rope.dimension_count", hd);
    if (rc == 0 && a->head_dim_k > 0)
        rc = w_arch_u32(w, arch, "attention.key_length", hd) ||
             w_arch_u32(w, arch, "attention.value_length", hd);
    if (rc == 0 && a->moe.experts > 0)
        rc = w_arch_u32(w, arch, "expert_count", a->moe.experts) ||
             w_arch_u32(w, arch, "expert_used_count", a->moe.active) ||
             w_arch_u32(w, arch, "expert_feed_forward_length", a->moe.expert_dim);
    if (rc == 0)
        rc = w_arch_u32(w, arch, "vocab_size", a->vocab) ||
             gguf_writer_kv_u32(w, "general.file_type", (uint32_t)f->llama_id) ||
             gguf_writer_kv_u32(w, "general.quantization_version", 2) ||
             w_tokenizer(w, tok, a->vocab) || w_tensors(w, a, family, ft);
    return rc;
}

static int w_catalog(gguf_writer *w, const char *id, const char *arch, gguf_ftype ft)
{
    const qs_model *m = models_find(models_builtin(), id);

    if (m == NULL)
        return -1;
    return w_decoder(w, &m->arch, arch, m->family, m->name, m->id, m->ctx, ft);
}

/* A small CLIP projector (llama.cpp tools/mtmd clip.cpp names). */
static int w_mmproj(gguf_writer *w)
{
    static const int64_t patch[] = { 14, 14, 3, 64 }, pos[] = { 64, 197 }, q[] = { 64, 64 },
                         mm[] = { 64, 256 }, bias[] = { 256 };

    return gguf_writer_kv_string(w, "general.architecture", "clip") ||
           gguf_writer_kv_bool(w, "clip.has_vision_encoder", 1) ||
           gguf_writer_kv_u32(w, "clip.vision.embedding_length", 64) ||
           gguf_writer_kv_u32(w, "general.file_type", 1) ||
           gguf_writer_tensor(w, "v.patch_embd.weight", GGML_TYPE_F16, 4, patch) ||
           gguf_writer_tensor(w, "v.position_embd.weight", GGML_TYPE_F16, 2, pos) ||
           gguf_writer_tensor(w, "v.blk.0.attn_q.weight", GGML_TYPE_F16, 2, q) ||
           gguf_writer_tensor(w, "mm.0.weight", GGML_TYPE_F16, 2, mm) ||
           gguf_writer_tensor(w, "mm.0.bias", GGML_TYPE_F32, 1, bias) ? -1 : 0;
}

int gguf_writer_preset(gguf_writer *w, const char *preset)
{
    if (strcmp(preset, "llama-3.1-8b-q4_k_m") == 0)
        return w_catalog(w, "llama-3.1-8b", "llama", GGUF_FTYPE_Q4_K_M);
    if (strcmp(preset, "llama-3.1-70b-q4_k_m") == 0)
        return w_catalog(w, "llama-3.1-70b", "llama", GGUF_FTYPE_Q4_K_M);
    if (strcmp(preset, "qwen3-30b-a3b-q4_k_m") == 0)
        return w_catalog(w, "qwen3-30b-a3b", "qwen3moe", GGUF_FTYPE_Q4_K_M);
    if (strcmp(preset, "mmproj") == 0)
        return w_mmproj(w);
    if (strcmp(preset, "tiny") == 0) {
        qs_arch a;

        memset(&a, 0, sizeof a);
        a.name = "tiny";
        a.layers = 1;
        a.hidden = 256;
        a.heads = 2;
        a.kv_heads = 1;
        a.ffn_dim = 512;
        a.vocab = 16;
        return w_decoder(w, &a, "llama", "llama", "tiny", "tiny", 512, GGUF_FTYPE_Q4_K_M);
    }
    return -1;
}
