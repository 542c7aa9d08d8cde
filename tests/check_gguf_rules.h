/* check_gguf_rules.h - what the GGUF rule and size tests share: a tensor
 * list in static storage, Llama-3.1-8B's 291 tensors, look-ups that must
 * succeed, and row bytes by hand.
 *
 * Every helper is static inline so that a test program that does not use
 * one gets no unused-function warning. */
#ifndef QS_CHECK_GGUF_RULES_H
#define QS_CHECK_GGUF_RULES_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "model/ggml.h"
#include "model/gguf_rules.h"
#include "model/tensors.h"

#define CAP 1024
#define GIB 1073741824.0

/* Llama-3.1-8B (config.json): 32 layers, hidden 4096, 32 heads / 8 KV
 * heads of 128, FFN 14336, vocabulary 128256; 8,030,261,248 parameters. */
#define L8_LAYERS 32
#define L8_H 4096
#define L8_KV 1024
#define L8_FF 14336
#define L8_VOCAB 128256
#define L8_PARAMS 8030261248LL

static qs_tensor store[CAP];
static int types[CAP];

static inline tensor_list empty_list(void)
{
    tensor_list l = { store, 0, CAP, 0 };

    memset(store, 0, sizeof store);
    return l;
}

static inline void add(tensor_list *l, const char *name, tensor_role role, int layer,
                       int n_dims, int64_t ne0, int64_t ne1, int64_t ne2)
{
    ck_assert_int_eq(tensors_add(l, name, role, layer, n_dims, ne0, ne1, ne2), 0);
}

static inline void add_blk(tensor_list *l, int layer, const char *what, tensor_role role,
                           int n_dims, int64_t ne0, int64_t ne1, int64_t ne2)
{
    char name[TENSORS_NAME_MAX];

    (void)snprintf(name, sizeof name, "blk.%d.%s", layer, what);
    add(l, name, role, layer, n_dims, ne0, ne1, ne2);
}

/* Llama-3.1-8B as a GGUF lists it (rope_freqs left out): 291 tensors. */
static inline tensor_list llama8b(int with_output)
{
    tensor_list l = empty_list();
    int i;

    add(&l, "token_embd.weight", TENSOR_TOKEN_EMBD, -1, 2, L8_H, L8_VOCAB, 1);
    for (i = 0; i < L8_LAYERS; i++) {
        add_blk(&l, i, "attn_norm.weight", TENSOR_NORM, 1, L8_H, 1, 1);
        add_blk(&l, i, "attn_q.weight", TENSOR_ATTN_Q, 2, L8_H, L8_H, 1);
        add_blk(&l, i, "attn_k.weight", TENSOR_ATTN_K, 2, L8_H, L8_KV, 1);
        add_blk(&l, i, "attn_v.weight", TENSOR_ATTN_V, 2, L8_H, L8_KV, 1);
        add_blk(&l, i, "attn_output.weight", TENSOR_ATTN_OUTPUT, 2, L8_H, L8_H, 1);
        add_blk(&l, i, "ffn_norm.weight", TENSOR_NORM, 1, L8_H, 1, 1);
        add_blk(&l, i, "ffn_gate.weight", TENSOR_FFN_GATE, 2, L8_H, L8_FF, 1);
        add_blk(&l, i, "ffn_up.weight", TENSOR_FFN_UP, 2, L8_H, L8_FF, 1);
        add_blk(&l, i, "ffn_down.weight", TENSOR_FFN_DOWN, 2, L8_FF, L8_H, 1);
    }
    add(&l, "output_norm.weight", TENSOR_NORM, -1, 1, L8_H, 1, 1);
    if (with_output)
        add(&l, "output.weight", TENSOR_OUTPUT, -1, 2, L8_H, L8_VOCAB, 1);
    return l;
}

static inline gguf_rules_ctx llama8b_ctx(void)
{
    gguf_rules_ctx c;

    gguf_rules_ctx_init(&c, GGUF_ARCH_LLAMA, L8_LAYERS, 32, 8, 0);
    return c;
}

static inline int ft(const char *name)
{
    int f = gguf_rules_ftype_find(name);

    ck_assert_msg(f >= 0, "no ftype %s", name);
    return f;
}

/* The types of the 8B list in `ftype`. */
static inline tensor_list typed8b(const char *ftype, const gguf_rules_ctx *c)
{
    tensor_list l = llama8b(1);

    ck_assert_int_eq(gguf_rules_apply((gguf_ftype)ft(ftype), &l, c, types), 0);
    return l;
}

/* The type given to the tensor named `name`. */
static inline int type_of(const tensor_list *l, const char *name)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (strcmp(l->t[i].name, name) == 0)
            return types[i];
    ck_abort_msg("no tensor %s", name);
    return -1;
}

static inline int blk_type(const tensor_list *l, int layer, const char *what)
{
    char name[TENSORS_NAME_MAX];

    (void)snprintf(name, sizeof name, "blk.%d.%s", layer, what);
    return type_of(l, name);
}

/* Row bytes by hand: ne0 / block x bytes per block. */
#define ROW(ne0, block, bytes) ((int64_t)(ne0) / (block) * (bytes))
#define Q4_K_ROW(ne0) ROW(ne0, 256, 144)
#define Q6_K_ROW(ne0) ROW(ne0, 256, 210)

#endif
