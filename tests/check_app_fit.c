/* check_app_fit.c - unit tests for the plan the front end shows: the need,
 * each device's verdict and details, the KV cache and batch, the devices
 * and their selection, and the table overlay's cells. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check_app.h"
#include "model/fit.h"
#include "model/kvarch.h"
#include "model/kvcache.h"
#include "model/memory.h"

#define GIB 1073741824.0

/* ---- the need and the rows ------------------------------------------------- */

START_TEST(test_fit_rows)
{
    app_state s = fresh_model("llama-3.1-8b", 16.0);
    fit_config c = fit_config_default(s.query.params, 16.0, s.query.model);
    fit_need need = fit_need_of(&c);

    ck_assert_int_eq(s.plan.ok, 1);
    ck_assert(s.plan.need.total_gib == need.total_gib);
    ck_assert(need.weights_gib == memory_footprint_gib(s.query.params, 16.0));
    ck_assert(s.plan.need.weights_gib == need.weights_gib);
    ck_assert_uint_eq(s.plan.ndevices, 9);
    ck_assert_str_eq(s.plan.devices[0].device.name, DEVICES_HOST_LABEL);
    ck_assert_int_eq(s.plan.devices[0].host, 1);
    ck_assert_int_eq(s.plan.devices[1].host, 0);
    ck_assert_int_eq(s.plan.devices[0].fit.ok, 1);
    ck_assert(s.plan.devices[0].fit.usable_gib == 32.0);
    ck_assert(s.plan.devices[0].fit.share == need.total_gib / 32.0);
    ck_assert_int_eq(s.plan.devices[5].fit.verdict, FIT_FITS);     /* H200 */
    ck_assert_int_eq(s.plan.devices[1].fit.verdict, FIT_NO_FIT);   /* 8 GB laptop at FP16 */

    /* unknown host RAM: the row says so */
    s.query.devices[0].capacity_gib = 0.0;
    app_replan(&s);
    ck_assert_int_eq(s.plan.devices[0].fit.ok, 0);
    ck_assert_int_eq(s.plan.devices[5].fit.ok, 1);
    /* a bare size takes the shape of the nearest Llama: its cache counts */
    s = fresh(16.0);
    ck_assert_ptr_nonnull(s.query.shape);
    ck_assert_int_eq(s.query.shape_assumed, 1);
    ck_assert_str_eq(s.query.shape->family, MODELS_DEFAULT_FAMILY);
    ck_assert(s.plan.need.kv_gib ==
              kvarch_size(&s.query.shape->arch, s.query.ctx, KV_BITS_F16, 1, NULL) / GIB);
    ck_assert(s.plan.need.total_gib ==
              memory_footprint_gib(7e9, 16.0) + s.plan.need.kv_gib + FIT_DEFAULT_OVERHEAD_GIB);
    ck_assert_int_eq(s.plan.need.kv_known, 1);
}
END_TEST

/* The plan follows the query, and is recomputed only when it changed. */
START_TEST(test_plan_follows_query)
{
    app_state s = fresh(16.0);

    ck_assert(s.plan.config.bits == 16.0);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.bits == 17.0);
    ck_assert(s.plan.config.bits == s.query.bits);
    ck_assert(s.plan.need.weights_gib == memory_footprint_gib(7e9, 17.0));
    /* a mark in the plan: a change the plan does not depend on keeps it */
    s.plan.layers = -7;
    key(&s, IN_KEY_TAB, 0);
    key(&s, IN_KEY_BTAB, 0);
    type(&s, "?");
    key(&s, IN_KEY_ESC, 0);
    ck_assert_int_eq(s.plan.layers, -7);
    key(&s, IN_KEY_LEFT, 0);                            /* the query changed */
    ck_assert_int_eq(s.plan.layers, s.query.shape->arch.layers);
    ck_assert(s.plan.config.bits == 16.0);
    /* the baseline, the context, the KV type, the model */
    type(&s, "b");
    ck_assert(s.plan.savings.before_gib == memory_savings(7e9, 32.0, 16.0).before_gib);
    ck_assert(s.plan.savings.after_gib == memory_savings(7e9, 32.0, 16.0).after_gib);
    focus_on(&s, APP_FOCUS_CONTEXT);
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.plan.config.ctx, 8192);
    type(&s, "k");
    ck_assert(s.plan.config.kv_bits == KV_BITS_Q8_0);
    type(&s, "m13B");
    key(&s, IN_KEY_ENTER, 0);
    ck_assert(s.plan.config.params == 13e9);
    ck_assert(s.plan.need.weights_gib == memory_footprint_gib(13e9, 16.0));
}
END_TEST

START_TEST(test_kv_cycle)
{
    app_state s;
    qs_query q;

    query_for(&q, "llama-3.1-8b", 16.0);
    q.ctx = 8192;
    s = fresh_on(&q);
    ck_assert(s.query.kv_bits == KV_BITS_F16);
    /* Llama-3.1-8B at 8192 tokens of f16 cache: exactly 1 GiB */
    ck_assert(s.plan.need.kv_gib == 1.0);
    type(&s, "k");
    ck_assert(s.query.kv_bits == KV_BITS_Q8_0);
    ck_assert(s.plan.need.kv_gib == 2.0 * 32 * 8 * 128 * 8192 * (8.5 / 8) / 1073741824.0);
    type(&s, "k");
    ck_assert(s.query.kv_bits == KV_BITS_Q4_0);
    ck_assert(s.plan.need.kv_gib == 2.0 * 32 * 8 * 128 * 8192 * (4.5 / 8) / 1073741824.0);
    type(&s, "k");
    ck_assert(s.query.kv_bits == KV_BITS_F16);
    ck_assert(app_next_kv(5.5) == KV_BITS_F16);           /* q5_0 from the command line */
    ck_assert(app_next_kv(KV_BITS_Q8_0) == KV_BITS_Q4_0);
    /* the total follows: weights + KV + overhead */
    ck_assert(s.plan.need.total_gib ==
              memory_footprint_gib(s.query.params, 16.0) + 1.0 + FIT_DEFAULT_OVERHEAD_GIB);
    /* k works from any focus, and in the table */
    focus_on(&s, APP_FOCUS_DEVICES);
    type(&s, "k");
    ck_assert(s.query.kv_bits == KV_BITS_Q8_0);
    type(&s, "t");
    type(&s, "k");
    ck_assert(s.query.kv_bits == KV_BITS_Q4_0);
    ck_assert(s.plan.config.kv_bits == KV_BITS_Q4_0);
    ck_assert_int_eq(s.overlay, APP_OVERLAY_TABLE);
}
END_TEST

/* The KV cache counts every sequence of the batch; a KV type outside the
 * k cycle is kept as the query gave it. */
START_TEST(test_batch_kv)
{
    app_state s;
    qs_query q;

    query_for(&q, "llama-3.1-8b", 16.0);
    q.batch = 8;
    s = fresh_on(&q);
    ck_assert_int_eq(s.query.ctx, 4096);
    ck_assert_int_eq(s.query.batch, 8);
    ck_assert_int_eq(s.plan.config.batch, 8);
    ck_assert(s.plan.need.kv_gib == 4.0);                 /* 0.5 GiB a sequence */
    ck_assert(s.plan.need.total_gib ==
              memory_footprint_gib(s.query.params, 16.0) + 4.0 + FIT_DEFAULT_OVERHEAD_GIB);
    /* the table's cells count the batch too */
    ck_assert(plan_table_cell(&s.query, formats_find("FP16"), 5).need_gib ==
              s.plan.need.total_gib);
    q.kv_bits = 8.0;
    s = fresh_on(&q);
    ck_assert(s.query.kv_bits == 8.0);                    /* not reset to f16 */
    ck_assert(s.plan.config.kv_bits == 8.0);
    ck_assert(s.plan.need.kv_gib == 2.0);
    type(&s, "k");                                        /* not in the cycle: f16 */
    ck_assert(s.query.kv_bits == KV_BITS_F16);
    ck_assert(s.plan.need.kv_gib == 4.0);
    ck_assert_int_eq(s.query.batch, 8);
}
END_TEST

/* ---- devices --------------------------------------------------------------- */

START_TEST(test_device_select)
{
    app_state s = fresh_model("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    app_layout l;

    ck_assert_uint_eq(s.query.ndevices, 9);
    ck_assert_uint_eq(s.sel, 0);
    ck_assert_int_eq(s.query.devices[0].kind, DEV_KIND_HOST);
    ck_assert_str_eq(s.query.devices[1].id, "laptop-8gb");
    ck_assert_str_eq(s.query.devices[3].id, "rtx-4090");
    ck_assert_str_eq(s.query.devices[5].id, "h200");
    ck_assert_str_eq(s.query.devices[8].id, "m3-max-64");
    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_uint_eq(s.sel, 1);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.sel, 8);
    ck_assert(s.query.bits == formats_find("Q4_K_M")->bits);  /* End did not move the bits */
    key(&s, IN_KEY_DOWN, 0);                              /* past the end: focus on */
    ck_assert_int_eq(s.focus, APP_FOCUS_MODEL);
    ck_assert_uint_eq(s.sel, 8);
    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_UP, 0);
    ck_assert_uint_eq(s.sel, 7);
    key(&s, IN_KEY_HOME, 0);
    ck_assert_uint_eq(s.sel, 0);
    key(&s, IN_KEY_UP, 0);                                /* past the top: focus back */
    ck_assert_int_eq(s.focus, APP_FOCUS_CONTEXT);
    ck_assert_uint_eq(s.sel, 0);
    key(&s, IN_KEY_DOWN, 0);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    /* Left/Right on the devices step the bits */
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert(s.query.bits == 5.0);
    /* the mouse: a click on a device row selects it, on the context focuses it */
    app_layout_of(&s, &l);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.fit_y + 3);
    ck_assert_uint_eq(s.sel, 3);
    ck_assert_int_eq(s.focus, APP_FOCUS_DEVICES);
    mouse(&s, IN_MOUSE_PRESS, 0, 5, l.ctx_y);
    ck_assert_int_eq(s.focus, APP_FOCUS_CONTEXT);
    ck_assert_uint_eq(s.sel, 3);
    /* a digit on the context starts a context entry, on the devices a bits one */
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_CTX);
    key(&s, IN_KEY_ESC, 0);
    focus_on(&s, APP_FOCUS_DEVICES);
    type(&s, "8");
    ck_assert_int_eq(s.entry, APP_ENTRY_BITS);
}
END_TEST

START_TEST(test_devices_from_query)
{
    app_state s;
    qs_query q;
    qs_device d24;
    const qs_device *m3 = devices_find("m3-max-64");
    app_layout l, most;
    size_t i;

    ck_assert_ptr_nonnull(m3);
    memset(&d24, 0, sizeof d24);                            /* see query_for() */
    query_for(&q, NULL, 4.0);
    ck_assert_int_eq(query_add_device(&q, m3, 0), 0);
    ck_assert_int_eq(devices_from_bytes(24.0 * 1073741824.0, "24GiB", &d24), 0);
    ck_assert_int_eq(query_add_device(&q, &d24, 0), 0);
    q.apple_share = 0.5;
    q.overhead_gib = 1.0;
    q.kv_bits = KV_BITS_Q4_0;
    s = fresh_on(&q);
    ck_assert_uint_eq(s.query.ndevices, 3);                 /* no defaults added */
    ck_assert_uint_eq(s.query.nhost, 1);
    ck_assert_int_eq(s.query.devices[0].kind, DEV_KIND_HOST);  /* this machine first */
    ck_assert_str_eq(s.query.devices[1].id, "m3-max-64");
    ck_assert_str_eq(s.query.devices[2].name, "24GiB");
    ck_assert(s.query.kv_bits == KV_BITS_Q4_0);
    ck_assert_uint_eq(s.plan.ndevices, 3);
    ck_assert(s.plan.devices[1].fit.usable_gib == 64.0 * 0.5);  /* the share given */
    ck_assert(s.plan.devices[2].fit.usable_gib == 24.0);
    ck_assert(s.plan.need.total_gib ==
              memory_footprint_gib(7e9, 4.0) +
                  kvarch_size(&s.query.shape->arch, s.query.ctx, KV_BITS_Q4_0, 1, NULL) / GIB +
                  1.0);
    ck_assert_int_eq(s.plan.any_apple, 1);
    /* more targets than the screen shows: the state keeps them all, the
     * layout shows the most it can */
    query_for(&q, NULL, 4.0);
    for (i = 0; i < QUERY_TARGETS_MAX + 3; i++)
        ck_assert_int_eq(query_add_device(&q, devices_get(i), 0), 0);
    s = fresh_on(&q);
    ck_assert_uint_eq(s.query.ndevices, 1 + QUERY_TARGETS_MAX + 3);
    ck_assert_uint_eq(s.plan.ndevices, 1 + QUERY_TARGETS_MAX + 3);
    ck_assert_str_eq(s.query.devices[QUERY_TARGETS_MAX].id,
                     devices_get(QUERY_TARGETS_MAX - 1)->id);
    app_layout_of(&s, &l);
    layout_compute_for(s.cols, s.rows, LAYOUT_FIT_ROWS_MAX, &most);
    ck_assert_int_eq(l.fit_n, most.fit_n);
    ck_assert_int_lt(l.fit_n, (int)s.query.ndevices);
    focus_on(&s, APP_FOCUS_DEVICES);
    key(&s, IN_KEY_END, 0);
    ck_assert_uint_eq(s.sel, QUERY_TARGETS_MAX + 3);
    /* a bad share: each Apple device's own */
    query_for(&q, NULL, 4.0);
    ck_assert_int_eq(query_add_device(&q, m3, 0), 0);
    q.apple_share = 1.5;
    s = fresh_on(&q);
    ck_assert(s.plan.devices[1].fit.usable_gib == devices_usable_gib(m3, 0.0));
    ck_assert(s.plan.devices[1].fit.usable_gib == 64.0 * 0.75);
}
END_TEST

/* ---- details --------------------------------------------------------------- */

/* The numbers the view shows come from the model layer for the query. */
START_TEST(test_detail_numbers)
{
    app_state s = fresh_model("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    const qs_device *h100 = devices_find("h100-sxm"), *rtx = devices_find("rtx-4090");
    fit_config c = fit_config_default(s.query.params, s.query.bits, s.query.model);
    fit_need need = fit_need_of(&c);
    const plan_device *d;

    ck_assert(s.plan.config.ctx == c.ctx);
    /* H100: a data-centre GPU at plain bits: vLLM, one GPU (tensor parallel
     * of 1), 0.9 of its 81559 MiB; it holds the weights, the cache, the
     * activation peak and the 0.5 GiB overhead. */
    d = &s.plan.devices[4];
    ck_assert_str_eq(d->device.id, "h100-sxm");
    ck_assert_ptr_eq(d->runtime, runtime_get(RUNTIME_VLLM));
    ck_assert_int_eq(d->runtime_chosen, 1);
    ck_assert_int_eq(d->split.mode, SPLIT_MODE_TENSOR);
    ck_assert_int_eq(d->split.tp, 1);
    {
        const split_slot *g = &d->split.slot[0];
        double usable = 81559.0 / 1024.0 * 0.9, pool, per_token = 2.0 * 80 * 8 * 128 * 2;
        double read = need.weights_gib * MEMORY_BYTES_PER_GIB - s.plan.layers_table.embd_bytes +
                      need.kv_gib * MEMORY_BYTES_PER_GIB;
        long top;
        size_t i;

        ck_assert_double_eq_tol(g->usable_gib, usable, 1e-9);
        ck_assert_double_eq_tol(g->weights_gib, need.weights_gib, 1e-9);
        ck_assert_double_eq_tol(g->kv_gib, need.kv_gib, 1e-9);
        ck_assert_double_eq_tol(g->total_gib, need.weights_gib + need.kv_gib + g->compute_gib + 0.5,
                                1e-9);
        ck_assert_int_eq(d->fit.verdict, FIT_FITS);
        ck_assert_double_eq_tol(d->fit.headroom_gib, usable - g->total_gib, 1e-9);
        /* Best: the first named precision of the ladder vLLM loads whose
         * weights leave room for the rest. */
        for (i = 0; i < formats_count(); i++) {
            const qs_format *f = formats_get(i);
            double w = s.query.params * query_format_bits(&s.query, f) / 8 / MEMORY_BYTES_PER_GIB;

            if (f->family != FMT_FAMILY_TERNARY && runtime_loads(d->runtime, f) &&
                w + need.kv_gib + g->compute_gib + 0.5 <= usable)
                break;
        }
        ck_assert_ptr_eq(d->best, formats_get(i));
        ck_assert(runtime_loads(d->runtime, d->best));
        ck_assert_int_ne(d->best->family, FMT_FAMILY_GGUF);
        /* Largest context: what the pool left after the weights holds, at
         * 2 x 80 x 8 x 128 x 2 B per token, up to the model's 131072. */
        pool = (usable - need.weights_gib - g->compute_gib - 0.5) * MEMORY_BYTES_PER_GIB;
        top = (long)floor(pool / per_token);
        ck_assert_int_eq(d->max_ctx, top < 131072 ? top : 131072);
        ck_assert_int_eq(app_ctx_max(&s), 131072);            /* the model's maximum */
        /* Decode: the weights but the embeddings (one row a token) and the
         * cache, at 3350 GB/s. */
        ck_assert_double_eq_tol(d->tok_s, 3350e9 / read, 1e-6);
    }
    ck_assert_int_eq(s.plan.any_tok_s, 1);
    /* RTX 4090: a consumer GPU: llama.cpp, which runs it with 32 GiB of RAM
     * beside it: the most blocks that keep its 1 GiB margin on the GPU. */
    d = &s.plan.devices[3];
    ck_assert_ptr_eq(d->runtime, runtime_get(RUNTIME_LLAMACPP));
    ck_assert_int_eq(d->fit.verdict, FIT_OFFLOAD);
    ck_assert_int_eq(d->split.n_cpu_moe, -1);
    ck_assert_int_eq(d->fit.gpu_layers, d->split.gpu_layers);
    ck_assert_int_gt(d->split.gpu_layers, 0);
    ck_assert_int_lt(d->split.gpu_layers, 80);
    ck_assert(d->split.slot[0].total_gib + 1.0 <= d->split.slot[0].usable_gib);
    ck_assert_int_eq(s.plan.layers, 80);
    ck_assert_int_eq(s.plan.any_offload, 1);
    ck_assert(d->tok_s > 0.0);
    ck_assert_int_eq(d->max_ctx, 0);
    ck_assert(d->best != NULL && runtime_loads(d->runtime, d->best));
    (void)rtx;
    /* this machine: RAM, no partial offload into itself */
    d = &s.plan.devices[0];
    ck_assert_int_eq(d->fit.gpu_layers, -1);
    ck_assert_ptr_eq(d->best, fit_best_format(&c, &s.query.devices[0], 0.0));
    ck_assert(d->tok_s == 0.0);                           /* bandwidth unknown */
    /* the context and KV type change the answers as the model says */
    focus_on(&s, APP_FOCUS_CONTEXT);
    type(&s, "32k");
    key(&s, IN_KEY_ENTER, 0);
    type(&s, "k");
    ck_assert_int_eq(s.query.ctx, 32768);
    ck_assert(s.query.kv_bits == KV_BITS_Q8_0);
    c.ctx = 32768;
    c.kv_bits = KV_BITS_Q8_0;
    d = &s.plan.devices[4];
    ck_assert(s.plan.need.total_gib == fit_need_of(&c).total_gib);
    /* A q8_0 cache of 32k: the GPU's share grows by the cache. */
    ck_assert_double_eq_tol(d->split.slot[0].kv_gib, fit_need_of(&c).kv_gib, 1e-9);
    ck_assert(d->max_ctx > 32768);
    ck_assert(d->tok_s > 0.0);
    (void)h100;
    ck_assert_uint_eq(s.plan.ndevices, 9);
    /* unknown RAM: no answer for this machine */
    s.query.devices[0].capacity_gib = 0.0;
    app_replan(&s);
    ck_assert_int_eq(s.plan.devices[0].fit.ok, 0);
    ck_assert_ptr_null(s.plan.devices[0].best);
    ck_assert_int_eq(s.plan.devices[0].max_ctx, -1);
    /* a bare size: its assumed shape answers the context; the slider's
     * range stays the front end's own */
    s = fresh(4.0);
    ck_assert_int_gt(s.plan.devices[4].max_ctx, 0);
    ck_assert_int_eq(s.plan.layers, s.query.shape->arch.layers);
    ck_assert_int_eq(app_ctx_max(&s), APP_CTX_CAP);
    /* without any shape: no KV cache, so no context answer */
    s.query.shape = NULL;
    s.query.shape_assumed = 0;
    app_replan(&s);
    ck_assert_int_eq(s.plan.devices[4].max_ctx, -1);
    ck_assert_int_eq(s.plan.layers, 0);
}
END_TEST

/* ---- the table overlay's cells --------------------------------------------- */

START_TEST(test_table_cells)
{
    app_state s = fresh_model("llama-3.1-70b", formats_find("Q4_K_M")->bits);
    const qs_format *q8 = formats_find("Q8_0");
    fit_config c = fit_config_default(s.query.params, query_format_bits(&s.query, q8),
                                      s.query.model);
    plan_cell cell = plan_table_cell(&s.query, q8, 4);    /* H100 */
    fit_need need = fit_need_of(&c);
    size_t row = table_row_of(q8), f, i;

    ck_assert_int_eq(cell.ok, 1);
    ck_assert(cell.need_gib == need.total_gib);
    ck_assert(cell.share == need.total_gib / devices_find("h100-sxm")->capacity_gib);
    ck_assert_int_eq(cell.verdict, FIT_TIGHT);            /* 71.57 of 79.65 GiB */
    ck_assert_int_eq(plan_table_cell(&s.query, q8, 5).verdict, FIT_FITS);
    ck_assert_int_eq(plan_table_cell(&s.query, q8, 3).verdict, FIT_NO_FIT);
    ck_assert_int_eq(plan_table_cell(&s.query, q8, s.query.ndevices).ok, 0);
    ck_assert_int_eq(plan_table_cell(&s.query, NULL, 0).ok, 0);
    /* the open table holds every cell */
    ck_assert_int_eq(s.table_valid, 0);
    type(&s, "t");
    ck_assert_int_eq(s.table_valid, 1);
    for (f = 0; f < app_table_rows(); f++)
        for (i = 0; i < s.query.ndevices; i++) {
            plan_cell want = plan_table_cell(&s.query, formats_get(f), i);

            ck_assert_int_eq(s.table[f][i].ok, want.ok);
            ck_assert(s.table[f][i].need_gib == want.need_gib);
            ck_assert(s.table[f][i].share == want.share);
            ck_assert_int_eq(s.table[f][i].verdict, want.verdict);
        }
    ck_assert(s.table[row][4].need_gib == cell.need_gib);
    /* k in the table: the cells follow the KV type */
    type(&s, "k");
    ck_assert_int_eq(s.table_valid, 1);
    ck_assert(s.table[row][4].need_gib == plan_table_cell(&s.query, q8, 4).need_gib);
    ck_assert(s.table[row][4].need_gib < cell.need_gib);
    /* closed, a change of the query leaves no stale table behind */
    type(&s, "t");
    key(&s, IN_KEY_RIGHT, 0);
    ck_assert_int_eq(s.table_valid, 0);
    type(&s, "t");
    ck_assert_int_eq(s.table_valid, 1);
    ck_assert(s.table[row][4].need_gib == plan_table_cell(&s.query, q8, 4).need_gib);
    /* unknown RAM: no cell */
    s.query.devices[0].capacity_gib = 0.0;
    ck_assert_int_eq(plan_table_cell(&s.query, q8, 0).ok, 0);
    app_replan(&s);
    ck_assert_int_eq(s.table[row][0].ok, 0);
}
END_TEST

static Suite *app_fit_suite(void)
{
    Suite *s = suite_create("app_fit");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_fit_rows);
    tcase_add_test(tc, test_plan_follows_query);
    tcase_add_test(tc, test_kv_cycle);
    tcase_add_test(tc, test_batch_kv);
    tcase_add_test(tc, test_device_select);
    tcase_add_test(tc, test_devices_from_query);
    tcase_add_test(tc, test_detail_numbers);
    tcase_add_test(tc, test_table_cells);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(app_fit_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
