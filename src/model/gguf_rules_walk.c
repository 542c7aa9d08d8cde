/* gguf_rules_walk.c - llama.cpp's rules over a whole tensor list (the
 * list-level half of gguf_rules.h: gguf_rules_apply, gguf_rules_data_bytes,
 * gguf_rules_predict_bytes), visiting the tensors in llama-quantize's
 * order: llama_model_loader sorts its weights with weight_name_comparer
 * (layer from "blk.N.", -1 first; ggml-org/llama.cpp src/llama-model-loader.cpp). */
#include <stdint.h>

#include "model/ggml.h"
#include "model/gguf_rules.h"

/* Adds the bytes of `t` in `type`, padded to the alignment (GGML_PAD), to
 * *sum; -1 on error or overflow. */
static int rules_add_bytes(int64_t *sum, int type, const qs_tensor *t)
{
    int64_t b = ggml_tensor_bytes(type, t);

    if (b < 0 || b > INT64_MAX - (GGUF_RULES_ALIGNMENT - 1))
        return -1;
    b = (b + GGUF_RULES_ALIGNMENT - 1) / GGUF_RULES_ALIGNMENT * GGUF_RULES_ALIGNMENT;
    if (*sum > INT64_MAX - b)
        return -1;
    *sum += b;
    return 0;
}

/* The smallest layer above `after` in the list (tensors outside the blocks
 * count as -1), or -2 when there is none. */
static int rules_next_layer(const tensor_list *l, int after)
{
    int next = -2;
    size_t i;

    for (i = 0; i < l->n; i++) {
        int layer = l->t[i].layer < 0 ? -1 : l->t[i].layer;

        if (layer > after && (next == -2 || layer < next))
            next = layer;
    }
    return next;
}

/* Visits the list in llama-quantize's order (layer -1 first, then each
 * layer present in turn, list order within one), typing each tensor;
 * stores the types and/or sums the bytes. */
/* 1 when the block tensors (layer >= 0) come in non-decreasing layer
 * order in the list (as arch_expand and converted files make them): then
 * the list order within blocks is already llama-quantize's. */
static int rules_blocks_in_order(const tensor_list *l)
{
    int last = -1;
    size_t i;

    for (i = 0; i < l->n; i++) {
        if (l->t[i].layer < 0)
            continue;
        if (l->t[i].layer < last)
            return 0;
        last = l->t[i].layer;
    }
    return 1;
}

/* Types tensor i and adds it up. */
static int rules_visit(gguf_ftype ft, const tensor_list *l, size_t i, const gguf_rules_ctx *ctx,
                       gguf_rules_state *st, int *types_out, int64_t *bytes_out)
{
    const qs_tensor *t = &l->t[i];
    int type = gguf_rules_type(ft, t, ctx, st);

    if (type < 0)
        return -1;
    if (types_out != NULL)
        types_out[i] = type;
    if (bytes_out != NULL && rules_add_bytes(bytes_out, type, t) != 0)
        return -1;
    return 0;
}

static int rules_walk(gguf_ftype ft, const tensor_list *l, const gguf_rules_ctx *ctx,
                      int *types_out, int64_t *bytes_out)
{
    gguf_rules_state st;
    int layer;
    size_t i;

    if (l == NULL || ctx == NULL || gguf_rules_ftype(ft) == NULL)
        return -1;
    gguf_rules_state_init(&st, l);
    if (bytes_out != NULL)
        *bytes_out = 0;
    if (rules_blocks_in_order(l)) {
        /* Two passes in list order: the tensors outside the blocks, then
         * the blocks, which already come layer by layer. */
        for (i = 0; i < l->n; i++)
            if (l->t[i].layer < 0 &&
                rules_visit(ft, l, i, ctx, &st, types_out, bytes_out) != 0)
                return -1;
        for (i = 0; i < l->n; i++)
            if (l->t[i].layer >= 0 &&
                rules_visit(ft, l, i, ctx, &st, types_out, bytes_out) != 0)
                return -1;
        return 0;
    }
    for (layer = rules_next_layer(l, -2); layer != -2; layer = rules_next_layer(l, layer))
        for (i = 0; i < l->n; i++)
            if ((l->t[i].layer < 0 ? -1 : l->t[i].layer) == layer &&
                rules_visit(ft, l, i, ctx, &st, types_out, bytes_out) != 0)
                return -1;
    return 0;
}

int gguf_rules_apply(gguf_ftype ft, const tensor_list *l, const gguf_rules_ctx *ctx,
                     int *types_out)
{
    if (types_out == NULL)
        return -1;
    return rules_walk(ft, l, ctx, types_out, NULL);
}

int64_t gguf_rules_data_bytes(const tensor_list *l, const int *types)
{
    int64_t sum = 0;
    size_t i;

    if (l == NULL || types == NULL)
        return -1;
    for (i = 0; i < l->n; i++)
        if (rules_add_bytes(&sum, types[i], &l->t[i]) != 0)
            return -1;
    return sum;
}

int64_t gguf_rules_predict_bytes(gguf_ftype ft, const tensor_list *l, const gguf_rules_ctx *ctx)
{
    int64_t bytes = 0;

    return rules_walk(ft, l, ctx, NULL, &bytes) == 0 ? bytes : -1;
}
