/* train.c - fine-tuning memory (train.h): the terms of full fine-tuning,
 * LoRA and QLoRA on one GPU, each apart, and their fit on a device. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/memory.h"
#include "model/train.h"

/* Tensor names matched where a role is not enough (arch_expand.c). */
#define TRAIN_NAME_K_B "attn_k_b.weight"
#define TRAIN_NAME_V_B "attn_v_b.weight"

unsigned train_targets_mask(train_targets t)
{
    switch (t) {
    case TRAIN_TARGETS_ATTENTION:
        return TRAIN_MAT_ATTENTION;
    case TRAIN_TARGETS_MLP:
        return TRAIN_MAT_MLP;
    case TRAIN_TARGETS_DEFAULT:
    case TRAIN_TARGETS_ALL:
    default:
        return TRAIN_MAT_ALL;
    }
}

/* The model's tensors, allocated (free l->t); -1 when they cannot be made. */
static int train_expand(const qs_arch *a, tensor_list *l)
{
    size_t n = arch_tensor_count(a);

    memset(l, 0, sizeof *l);
    if (n == 0)
        return -1;
    l->t = calloc(n, sizeof *l->t);
    if (l->t == NULL)
        return -1;
    l->cap = n;
    if (arch_expand(a, l) != 0) {
        free(l->t);
        l->t = NULL;
        return -1;
    }
    return 0;
}

/* 1 when the name ends with `suffix`. */
static int train_ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);

    return n >= k && strcmp(name + n - k, suffix) == 0;
}

/* The matrices of mask a 2-D projection of role `role` belongs to; 0 when
 * it is no LoRA target. */
static unsigned train_role_mask(tensor_role role)
{
    switch (role) {
    case TENSOR_ATTN_Q:
    case TENSOR_ATTN_Q_A:
    case TENSOR_ATTN_Q_B:
        return TRAIN_MAT_Q;
    case TENSOR_ATTN_K:
        return TRAIN_MAT_K;
    case TENSOR_ATTN_V:
        return TRAIN_MAT_V;
    case TENSOR_ATTN_QKV:
        return TRAIN_MAT_Q | TRAIN_MAT_K | TRAIN_MAT_V;
    case TENSOR_ATTN_KV_A:
    case TENSOR_ATTN_KV_B:
        return TRAIN_MAT_K | TRAIN_MAT_V;
    case TENSOR_ATTN_OUTPUT:
        return TRAIN_MAT_O;
    case TENSOR_FFN_GATE:
    case TENSOR_FFN_GATE_SHEXP:
        return TRAIN_MAT_GATE;
    case TENSOR_FFN_UP:
    case TENSOR_FFN_UP_SHEXP:
        return TRAIN_MAT_UP;
    case TENSOR_FFN_DOWN:
    case TENSOR_FFN_DOWN_SHEXP:
        return TRAIN_MAT_DOWN;
    default:
        return 0;
    }
}

static int train_is_expert(tensor_role role)
{
    return role == TENSOR_FFN_GATE_EXPS || role == TENSOR_FFN_UP_EXPS ||
           role == TENSOR_FFN_DOWN_EXPS;
}

train_lora_count train_lora_params(const qs_arch *a, int rank, unsigned mask)
{
    train_lora_count c = { -1, 0, 0, 0 };
    tensor_list l;
    size_t i;

    if (a == NULL || rank < 1 || train_expand(a, &l) != 0)
        return c;
    c.params = 0;
    for (i = 0; i < l.n; i++) {
        const qs_tensor *t = &l.t[i];
        unsigned m;

        if (t->layer < 0 || t->layer >= a->layers)
            continue;
        if (t->role == TENSOR_SSM_IN)
            c.other_mixers = 1;
        if (train_is_expert(t->role) && (mask & TRAIN_MAT_MLP) != 0)
            c.experts_skipped = 1;
        /* MLA's kv up-projection split in two 3-D tensors (k_b {nope,
         * kv_lora, heads}, v_b {kv_lora, v, heads}) is HF's one kv_b_proj:
         * kv_lora in, heads x (nope + v) out; counted at k_b. */
        if (t->role == TENSOR_OTHER && train_ends_with(t->name, TRAIN_NAME_K_B)) {
            if ((mask & (TRAIN_MAT_K | TRAIN_MAT_V)) != 0) {
                c.params += (int64_t)rank *
                            (t->ne[1] + t->ne[2] * (t->ne[0] + a->mla.v_head_dim));
                c.matrices++;
            }
            continue;
        }
        if (t->n_dims != 2)
            continue;
        m = train_role_mask(t->role);
        if ((m & mask) == 0)
            continue;
        /* r x (d_in + d_out): A is r x d_in, B is d_out x r. */
        c.params += (int64_t)rank * (t->ne[0] + t->ne[1]);
        c.matrices++;
    }
    free(l.t);
    return c;
}

int64_t train_kept_16bit(const qs_arch *a)
{
    tensor_list l;
    int64_t kept = 0;
    size_t i;

    if (a == NULL || train_expand(a, &l) != 0)
        return -1;
    for (i = 0; i < l.n; i++) {
        const qs_tensor *t = &l.t[i];

        /* bitsandbytes replaces nn.Linear only, and transformers keeps
         * the LM head out (get_keys_to_not_convert): the embeddings, the
         * head and every 1-D tensor stay 16-bit. */
        if (t->role == TENSOR_TOKEN_EMBD || t->role == TENSOR_OUTPUT ||
            t->role == TENSOR_SSM_CONV1D || t->role == TENSOR_SSM_OTHER || t->n_dims == 1)
            kept += tensors_elements(t);
    }
    free(l.t);
    return kept;
}

double train_activation_bytes(long seq, int micro_batch, int64_t hidden, int layers,
                              int checkpointing)
{
    double sbh = (double)seq * (double)micro_batch * (double)hidden;

    if (checkpointing)
        return TRAIN_ACT_CHECKPOINT * sbh * layers + TRAIN_ACT_PER_LAYER * sbh;
    return TRAIN_ACT_PER_LAYER * sbh * layers;
}

double train_optimizer_bytes(train_optimizer opt)
{
    switch (opt) {
    case TRAIN_OPT_ADAMW8BIT:
        return TRAIN_BYTES_ADAMW8BIT;
    case TRAIN_OPT_PAGED_ADAMW:
        return TRAIN_BYTES_PAGED_ADAMW;
    case TRAIN_OPT_SGD:
        return TRAIN_BYTES_SGD;
    case TRAIN_OPT_ADAMW:
    case TRAIN_OPT_DEFAULT:
    default:
        return TRAIN_BYTES_ADAMW;
    }
}

train_optimizer train_optimizer_of(const qs_train_ask *t)
{
    if (t->optimizer != TRAIN_OPT_DEFAULT)
        return t->optimizer;
    return t->mode == TRAIN_QLORA ? TRAIN_OPT_PAGED_ADAMW : TRAIN_OPT_ADAMW;
}

int train_checkpointing_of(const qs_train_ask *t)
{
    if (t->grad_checkpointing >= 0)
        return t->grad_checkpointing != 0;
    return t->mode != TRAIN_FULL;
}

train_targets train_targets_of(const qs_train_ask *t)
{
    return t->targets == TRAIN_TARGETS_DEFAULT ? TRAIN_TARGETS_ALL : t->targets;
}

const char *train_mode_name(train_mode m)
{
    return workload_mode_word(m);
}

/* The default targets are all linear layers, the default optimizer AdamW
 * (train_compute resolves QLoRA's paged AdamW before it is named). */
const char *train_targets_name(train_targets t)
{
    return workload_targets_word(t == TRAIN_TARGETS_DEFAULT ? TRAIN_TARGETS_ALL : t);
}

const char *train_optimizer_name(train_optimizer o)
{
    return workload_optimizer_word(o == TRAIN_OPT_DEFAULT ? TRAIN_OPT_ADAMW : o);
}

static int train_fail(train_result *r, const char *why)
{
    r->ok = 0;
    (void)snprintf(r->why, sizeof r->why, "%s", why);
    return -1;
}

static void train_set(train_result *r, train_term_id id, const char *key, const char *label,
                      double bytes, double per_param, double params, const char *source)
{
    train_term *t = &r->term[id];

    t->id = key;
    t->label = label;
    t->bytes = bytes;
    t->per_param = per_param;
    t->params = params;
    t->source = source;
}

static const char *train_optimizer_source(train_optimizer o)
{
    switch (o) {
    case TRAIN_OPT_ADAMW8BIT:
        return "bitsandbytes 8-bit Adam, arXiv 2110.02861: m, v 1 B each";
    case TRAIN_OPT_PAGED_ADAMW:
        return "QLoRA arXiv 2305.14314: paged fp32 m, v; may page to RAM";
    case TRAIN_OPT_SGD:
        return "torch SGD with momentum: one fp32 buffer (a choice)";
    case TRAIN_OPT_ADAMW:
    case TRAIN_OPT_DEFAULT:
    default:
        return "ZeRO arXiv 1910.02054: fp32 momentum + variance";
    }
}

/* The frozen base: none for full, 16-bit for lora, NF4 + DQ for qlora. */
static int train_frozen(const qs_arch *a, train_result *r)
{
    if (r->mode == TRAIN_FULL) {
        train_set(r, TRAIN_TERM_FROZEN, "frozen_base", "frozen base", 0.0, 0.0, 0.0,
                  "full fine-tuning: nothing frozen");
        return 0;
    }
    if (r->mode == TRAIN_LORA) {
        train_set(r, TRAIN_TERM_FROZEN, "frozen_base", "frozen base (16-bit)",
                  r->params * TRAIN_BYTES_16BIT, TRAIN_BYTES_16BIT, r->params,
                  "LoRA arXiv 2106.09685: base frozen at 16-bit");
        return 0;
    }
    {
        int64_t kept = train_kept_16bit(a);

        if (kept < 0)
            return train_fail(r, "the architecture's tensors could not be listed");
        r->kept_16bit = fmin((double)kept, r->params);
        r->quantized = r->params - r->kept_16bit;
        train_set(r, TRAIN_TERM_FROZEN, "frozen_base", "frozen base (NF4 + DQ)",
                  r->quantized * TRAIN_NF4_DQ_BITS / MEMORY_BITS_PER_BYTE +
                      r->kept_16bit * TRAIN_BYTES_16BIT,
                  0.0, r->params, "QLoRA: linear 4.127 bits; embd, head, norms 16-bit");
        r->term[TRAIN_TERM_FROZEN].per_param = r->term[TRAIN_TERM_FROZEN].bytes / r->params;
    }
    return 0;
}

/* The trainable parameters: every one for full, the adapters else. */
static int train_trainable(const qs_query *q, const qs_arch *a, train_result *r)
{
    train_lora_count c;

    if (r->mode == TRAIN_FULL) {
        r->trainable = r->params;
        return 0;
    }
    if (q->train.rank < 1 || q->train.rank > WORKLOAD_TRAIN_RANK_MAX)
        return train_fail(r, "the LoRA rank is out of range");
    c = train_lora_params(a, r->rank, r->mask);
    if (c.params < 0)
        return train_fail(r, "the architecture's tensors could not be listed");
    if (c.params == 0)
        return train_fail(r, "the architecture has none of the LoRA targets asked "
                             "(MoE experts, linear attention and SSM layers are not adapted)");
    r->trainable = (double)c.params;
    r->lora_matrices = c.matrices;
    r->experts_skipped = c.experts_skipped;
    r->other_mixers = c.other_mixers;
    return 0;
}

/* The trainable parameters' weights, gradients, master copy and states. */
static void train_states(train_result *r)
{
    double n = r->trainable, opt = train_optimizer_bytes(r->optimizer);
    int full = r->mode == TRAIN_FULL;

    train_set(r, TRAIN_TERM_WEIGHTS, "trainable_weights",
              full ? "weights (16-bit)" : "adapter weights (16-bit)", n * TRAIN_BYTES_16BIT,
              TRAIN_BYTES_16BIT, n, "ZeRO arXiv 1910.02054: fp16/bf16 parameters, 2 B");
    train_set(r, TRAIN_TERM_GRADS, "gradients", "gradients (16-bit)", n * TRAIN_BYTES_16BIT,
              TRAIN_BYTES_16BIT, n, "ZeRO arXiv 1910.02054: fp16/bf16 gradients, 2 B");
    train_set(r, TRAIN_TERM_MASTER, "master_weights", "master weights (fp32)",
              n * TRAIN_BYTES_MASTER, TRAIN_BYTES_MASTER, n,
              full ? "ZeRO arXiv 1910.02054: fp32 copy for mixed precision"
                   : "mixed precision: fp32 adapters (PEFT's default)");
    train_set(r, TRAIN_TERM_OPTIMIZER, "optimizer", "optimizer states", n * opt, opt, n,
              train_optimizer_source(r->optimizer));
    r->per_trainable = TRAIN_BYTES_16BIT + TRAIN_BYTES_16BIT + TRAIN_BYTES_MASTER + opt;
    r->pageable_bytes = r->optimizer == TRAIN_OPT_PAGED_ADAMW ? n * opt : 0.0;
}

/* Activations, logits and overhead. */
static void train_working(const qs_query *q, train_result *r)
{
    train_set(r, TRAIN_TERM_ACTIVATIONS, "activations",
              r->checkpointing ? "activations (checkpointed)" : "activations",
              train_activation_bytes(r->seq, r->micro_batch, r->hidden, r->layers,
                                     r->checkpointing),
              -1.0, 0.0,
              r->checkpointing ? "arXiv 2205.05198: 2sbh x L + one layer's 34sbh"
                               : "arXiv 2205.05198: 34sbh x L (FlashAttention: no 5as/h)");
    train_set(r, TRAIN_TERM_LOGITS, "logits", "logits (fp32, loss)",
              TRAIN_BYTES_LOGITS * (double)r->seq * r->micro_batch * (double)r->vocab, -1.0, 0.0,
              "arXiv 2205.05198: 4sbv (UNVERIFIED)");
    train_set(r, TRAIN_TERM_OVERHEAD, "overhead", "runtime overhead",
              q->overhead_gib * MEMORY_BYTES_PER_GIB, -1.0, 0.0,
              "the query's overhead (--overhead): CUDA context");
}

/* The ask, resolved, and its ranges. */
static int train_ask(const qs_query *q, train_result *r)
{
    const qs_train_ask *t = &q->train;

    r->mode = t->mode;
    r->rank = t->rank;
    r->targets = train_targets_of(t);
    r->mask = train_targets_mask(r->targets);
    r->seq = t->seq;
    r->micro_batch = t->micro_batch;
    r->checkpointing = train_checkpointing_of(t);
    r->checkpointing_default = t->grad_checkpointing < 0;
    r->optimizer = train_optimizer_of(t);
    r->optimizer_default = t->optimizer == TRAIN_OPT_DEFAULT;
    if (t->mode != TRAIN_FULL && t->mode != TRAIN_LORA && t->mode != TRAIN_QLORA)
        return train_fail(r, "no fine-tuning mode asked (full, lora or qlora)");
    if (t->seq < 1 || t->micro_batch < 1 || t->micro_batch > WORKLOAD_TRAIN_MICRO_BATCH_MAX)
        return train_fail(r, "the sequence length or micro-batch is out of range");
    if (q->shape == NULL || !arch_valid(&q->shape->arch))
        return train_fail(r, "the model has no architecture");
    if (!memory_is_positive(q->params))
        return train_fail(r, "the model's size is unknown");
    if (!(q->overhead_gib >= 0.0) || !isfinite(q->overhead_gib))
        return train_fail(r, "the overhead is out of range");
    return 0;
}

int train_compute(const qs_query *q, train_result *r)
{
    const qs_arch *a;
    size_t i;

    if (r == NULL)
        return -1;
    memset(r, 0, sizeof *r);
    if (q == NULL)
        return train_fail(r, "no query");
    if (train_ask(q, r) != 0)
        return -1;
    a = &q->shape->arch;
    r->params = q->params;
    r->layers = a->layers;
    r->hidden = a->hidden;
    r->vocab = a->vocab;
    if (train_frozen(a, r) != 0 || train_trainable(q, a, r) != 0)
        return -1;
    train_states(r);
    train_working(q, r);
    for (i = 0; i < TRAIN_TERMS; i++)
        r->total_bytes += r->term[i].bytes;
    r->adapter_file_bytes = r->mode == TRAIN_FULL ? 0.0 : r->trainable * TRAIN_BYTES_ADAPTER_FILE;
    r->rule_adam_bytes = TRAIN_RULE_ADAM_BYTES * r->params;
    r->rule_hf_bytes = TRAIN_RULE_HF_FACTOR * TRAIN_BYTES_16BIT * r->params;
    r->ok = 1;
    return 0;
}

train_fit train_fit_on(const train_result *r, const qs_device *d, double apple_share)
{
    train_fit f;

    memset(&f, 0, sizeof f);
    f.verdict = FIT_NO_FIT;
    if (r == NULL || !r->ok || d == NULL)
        return f;
    f.capacity_gib = d->capacity_gib;
    f.usable_gib = devices_usable_gib(d, apple_share);
    f.need_gib = r->total_bytes / MEMORY_BYTES_PER_GIB;
    if (!memory_is_positive(f.usable_gib))
        return f;
    f.ok = 1;
    f.share = f.need_gib / f.usable_gib;
    if (f.share <= FIT_SHARE_FITS)
        f.verdict = FIT_FITS;
    else if (f.share <= FIT_SHARE_TIGHT)
        f.verdict = FIT_TIGHT;
    f.fits = f.verdict != FIT_NO_FIT;
    return f;
}
