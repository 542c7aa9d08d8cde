/* check_report_rig.c - unit tests for cli/report_rig and cli/report_command:
 * a plan device filled by hand (its split, slots and runtime written here,
 * not computed) gives exactly these lines of text, these JSON members and
 * these command lines. The runtimes are the test's own rows, so that no
 * figure comes from the runtime table. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/json.h"
#include "cli/report_command.h"
#include "cli/report_rig.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/models.h"
#include "model/plan.h"
#include "model/query.h"
#include "model/stored.h"

#define BUF_SIZE 16384
#define CMD_SIZE REPORT_COMMAND_SIZE
/* Longest line the text may write (cli/out.h OUT_WIDTH). */
#define MAX_COLS 79

static char out_buf[BUF_SIZE];
static qs_plan plan;
static qs_query query;

static const qs_runtime rt_llama = {
    .id = RUNTIME_LLAMACPP, .name = "llama.cpp", .aliases = "", .program = "llama-server",
    .split = RUNTIME_SPLIT_LAYER, .layouts = ~0u, .plain_bits = 1, .utilization = 1.0,
    .margin_gib = 1.0, .embd_in_ram = 1, .verified = 1, .source = "test"
};
/* A runtime row of the test's: its id, name, program, split and share. */
#define TEST_RUNTIME(i, n, prog, sp, u) { .id = (i), .name = (n), .aliases = "", \
    .program = (prog), .split = (sp), .layouts = ~0u, .utilization = (u), .verified = 1, \
    .source = "test" }
static const qs_runtime rt_vllm = TEST_RUNTIME(RUNTIME_VLLM, "vllm", "vllm serve",
                                               RUNTIME_SPLIT_TENSOR, 0.92);
static const qs_runtime rt_sglang = TEST_RUNTIME(RUNTIME_SGLANG, "sglang", "sglang",
                                                 RUNTIME_SPLIT_TENSOR, 0.88);
static const qs_runtime rt_ollama = TEST_RUNTIME(RUNTIME_OLLAMA, "ollama", "ollama",
                                                 RUNTIME_SPLIT_LAYER, 1.0);
static const qs_runtime rt_mlx = TEST_RUNTIME(RUNTIME_MLX, "mlx", "mlx_lm.server",
                                              RUNTIME_SPLIT_LAYER, 1.0);
static const qs_runtime rt_hf = TEST_RUNTIME(RUNTIME_TRANSFORMERS, "transformers", "python",
                                             RUNTIME_SPLIT_LAYER, 1.0);

static qs_device gpu_of(const char *id, double gib, double gbps)
{
    qs_device d;

    memset(&d, 0, sizeof d);
    d.id = id;
    d.name = id;
    d.kind = DEV_KIND_GPU;
    d.capacity_gib = gib;
    d.bandwidth_gbps = gbps;
    d.gpu_share = 1.0;
    d.is_gpu = 1;
    return d;
}

/* A slot of the hand-made split: total and headroom added up here. */
static split_slot slot_of(int node, int gpu, int count, const char *id, int first, int layers,
                          int output, double w, double kv, double comp, double usable)
{
    split_slot t;

    memset(&t, 0, sizeof t);
    t.node = node;
    t.gpu = gpu;
    t.count = count;
    t.device = gpu_of(id, usable, 936.0);
    t.first_layer = first;
    t.layers = layers;
    t.output = output;
    t.weights_gib = w;
    t.kv_gib = kv;
    t.compute_gib = comp;
    t.overhead_gib = 0.5;
    t.total_gib = w + kv + comp + 0.5;
    t.usable_gib = usable;
    t.headroom_gib = usable - t.total_gib;
    t.share = t.total_gib / usable;
    t.verdict = FIT_FITS;
    return t;
}

/* The query: a catalog model at a named format (NULL: 16 bits). */
static void query_for(const char *id, const char *format, long ctx)
{
    query_init(&query);
    query_set_model(&query, models_find(models_builtin(), id), 0.0);
    query_set_weights(&query, format != NULL ? formats_find(format) : NULL, 16.0);
    query.ctx = ctx;
}

/* Plan device 0 of one device: a split of mode m over the given slots. */
static plan_device *device_for(const char *label, const qs_runtime *rt, split_mode m,
                               const split_slot *slots, int n)
{
    plan_device *d = &plan.devices[0];
    int i;

    memset(&plan, 0, sizeof plan);
    plan.ok = 1;
    plan.ndevices = 1;
    plan.layers = 80;
    plan.layers_table.ok = 1;
    plan.layers_table.blocks = 80;
    plan.layers_table.kv_heads = 8;
    d->device = gpu_of(label, 48.0, 936.0);
    d->fit.ok = 1;
    d->fit.verdict = FIT_FITS;
    d->runtime = rt;
    d->rig = n > 1;
    d->split.ok = 1;
    d->split.possible = 1;
    d->split.mode = m;
    d->split.tp = 1;
    d->split.pp = 1;
    d->split.kv_replicas = 1;
    d->split.nslots = n;
    d->split.verdict = FIT_FITS;
    d->split.margin_gib = 1.0;
    d->split.n_cpu_moe = -1;
    d->split.gpu_layers = 80;
    for (i = 0; i < n; i++)
        d->split.slot[i] = slots[i];
    return d;
}

static void render_text(int print_command)
{
    FILE *fp = tmpfile();
    size_t n;

    ck_assert_ptr_nonnull(fp);
    report_rig_text(fp, &query, &plan, 0, print_command);
    rewind(fp);
    n = fread(out_buf, 1, sizeof out_buf - 1, fp);
    out_buf[n] = '\0';
    (void)fclose(fp);
}

/* out_buf holds exactly these lines, each within MAX_COLS. */
static void expect_lines(const char *const *lines)
{
    const char *p = out_buf;
    size_t k;

    for (k = 0; lines[k] != NULL; k++) {
        size_t len = strcspn(p, "\n");

        ck_assert_msg(len <= MAX_COLS, "line %zu has %zu columns", k, len);
        ck_assert_msg(strlen(lines[k]) == len && strncmp(p, lines[k], len) == 0,
                      "line %zu:\n got: %.*s\nwant: %s", k, (int)len, p, lines[k]);
        p += len;
        ck_assert_msg(*p == '\n', "line %zu does not end", k);
        p++;
    }
    ck_assert_msg(*p == '\0', "more lines: %s", p);
}

#define EXPECT_LINES(...) expect_lines((const char *const[]){ __VA_ARGS__, NULL })

static const char *command(void)
{
    static char buf[CMD_SIZE];

    ck_assert_int_eq(report_command(buf, sizeof buf, &query, &plan.devices[0]), 0);
    return buf;
}

/* Two RTX 3090s, 80 blocks split 40 and 40 with the output on the second. */
static void two_3090s(void)
{
    split_slot s[2];

    s[0] = slot_of(0, 0, 1, "rtx-3090", 0, 40, 0, 19.52, 1.25, 0.0, 24.0);
    s[1] = slot_of(0, 1, 1, "rtx-3090", 40, 40, 1, 20.07, 1.25, 0.0, 24.0);
    query_for("llama-3.1-70b", "q4_k_m", 8192);
    (void)device_for("2xrtx-3090", &rt_llama, SPLIT_MODE_LAYER, s, 2);
    plan.devices[0].split.ram_weights_gib = 0.55;
    plan.devices[0].split.tok_s = 23.4;
    plan.devices[0].split.gpu_bytes_per_token = 43e9;
}

START_TEST(test_layer_split_text)
{
    two_3090s();
    render_text(0);
    EXPECT_LINES("",
                 "2xrtx-3090: llama.cpp (--runtime), layer split: fits",
                 "  GPU device   layers          weights    KV  comp  ovhd  total usable headroom",
                 "  0   rtx-3090 0-39 (40)         19.52  1.25  0.00  0.50  21.27  24.00     2.73",
                 "  1   rtx-3090 40-79 (40) +out   20.07  1.25  0.00  0.50  21.82  24.00     2.18",
                 "  in RAM: token embeddings 0.55 GiB (llama.cpp keeps them on the CPU)",
                 "  decode <= 23.4 tok/s; margin kept for best/max ctx: 1.00 GiB per GPU",
                 "  run: llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 99 \\",
                 "       --split-mode layer --tensor-split 40,41",
                 "       (the model's name is a placeholder: give your file or repository)");
    /* A lone GPU that fits: its block, no command unless asked. */
    plan.devices[0].rig = 0;
    plan.devices[0].split.nslots = 1;
    plan.devices[0].split.slot[0].output = 1;
    plan.devices[0].split.slot[0].layers = 80;
    render_text(0);
    ck_assert_ptr_nonnull(strstr(out_buf, "2xrtx-3090: llama.cpp (--runtime), one GPU: fits\n"));
    ck_assert_ptr_null(strstr(out_buf, "run:"));
    render_text(1);
    ck_assert_ptr_nonnull(strstr(out_buf, "  run: llama-server -m llama-3.1-70b-Q4_K_M.gguf "
                                          "-c 8192 -ngl 99\n"));
}
END_TEST

START_TEST(test_tensor_and_pipeline_text)
{
    split_slot s[2];
    plan_device *d;
    int i;

    query_for("llama-3.1-405b", "fp8", 4096);
    for (i = 0; i < 2; i++)
        s[i] = slot_of(0, i, 1, "h100-sxm", 0, 126, 1, 47.75, 0.25, 1.33, 73.28);
    d = device_for("2xh100-sxm", &rt_vllm, SPLIT_MODE_TENSOR, s, 2);
    d->split.tp = 2;
    d->split.kv_replicas = 2;
    d->split.kv_pool_gib = 12.34;
    d->split.kv_pool_tokens = 45000;
    d->split.verdict = FIT_TIGHT;
    render_text(0);
    EXPECT_LINES("",
                 "2xh100-sxm: vllm (--runtime), tensor parallel TP=2: tight",
                 "  GPU device   layers weights    KV  comp  ovhd  total usable headroom",
                 "  0   h100-sxm all/TP   47.75  0.25  1.33  0.50  49.83  73.28    23.45",
                 "  1   h100-sxm all/TP   47.75  0.25  1.33  0.50  49.83  73.28    23.45",
                 "  KV heads replicated x2 (8 KV heads, TP=2)",
                 "  KV pool 12.3 GiB: 45,000 tokens",
                 "  margin kept for best/max ctx: 1.00 GiB per GPU (vllm takes 92% of each)",
                 "  run: vllm serve llama-3.1-405b --tensor-parallel-size 2 \\",
                 "       --max-model-len 4096 --gpu-memory-utilization 0.92",
                 "       (the model's name is a placeholder: give your file or repository)");
    /* Two machines of 8: one row per machine, each standing for its 8. */
    query_for("deepseek-v3", "fp8", 4096);
    s[0] = slot_of(0, -1, 8, "h100-sxm", 0, 31, 0, 37.94, 0.14, 0.63, 71.68);
    s[1] = slot_of(1, -1, 8, "h100-sxm", 31, 30, 1, 40.42, 0.13, 0.63, 71.68);
    d = device_for("8xh100-sxm", &rt_vllm, SPLIT_MODE_PIPELINE, s, 2);
    d->split.tp = 8;
    d->split.pp = 2;
    d->split.slot[0].input = 1;
    d->split.margin_gib = 0.0;
    render_text(0);
    EXPECT_LINES("",
                 "8xh100-sxm: vllm (--runtime), pipeline 2 x tensor 8: fits",
                 "  2 machines x 8 GPUs: pipeline 2 x tensor 8, per GPU; assumed interconnect:",
                 "    NVLink inside a machine, InfiniBand/RoCE between",
                 /* 10 + 15 columns of text are more than the 22 left: no counts. */
                 "  node device     layers     weights    KV  comp  ovhd  total usable headroom",
                 "  0    8xh100-sxm 0-30 +in     37.94  0.14  0.63  0.50  39.21  71.68    32.47",
                 "  1    8xh100-sxm 31-60 +out   40.42  0.13  0.63  0.50  41.68  71.68    30.00",
                 "  margin kept for best/max ctx: 0.00 GiB per GPU (vllm takes 92% of each)",
                 "  run: vllm serve deepseek-v3 --tensor-parallel-size 8 \\",
                 "       --pipeline-parallel-size 2 --max-model-len 4096 \\",
                 "       --gpu-memory-utilization 0.92",
                 "       (the model's name is a placeholder: give your file or repository)");
    /* A split that cannot be made says why, and nothing else. */
    d->split.possible = 0;
    (void)snprintf(d->split.why, sizeof d->split.why, "64 KV heads are not divisible by TP=3");
    render_text(1);
    EXPECT_LINES("",
                 "8xh100-sxm: vllm (--runtime), pipeline 2 x tensor 8: cannot be split so",
                 "  why: 64 KV heads are not divisible by TP=3");
}
END_TEST

START_TEST(test_offload_text)
{
    split_slot s[1];
    plan_device *d;

    query_for("gpt-oss-120b", "mxfp4_moe", 4096);
    s[0] = slot_of(0, 0, 1, "rtx-4090", 0, 36, 1, 20.53, 0.17, 1.05, 23.99);
    d = device_for("rtx-4090", &rt_llama, SPLIT_MODE_LAYER, s, 1);
    d->rig = 0;
    d->split.verdict = FIT_OFFLOAD;
    d->split.n_cpu_moe = 24;
    d->split.gpu_layers = 36;
    d->split.ram_weights_gib = 38.49;
    d->split.tok_s = 25.04;
    d->split.gpu_bytes_per_token = 2.5e9;
    d->split.ram_bytes_per_token = 1.27e9;
    plan.layers_table.blocks = 36;
    render_text(0);
    EXPECT_LINES("",
                 "rtx-4090: llama.cpp (--runtime), one GPU: runs with offload",
                 "  GPU device   layers         weights    KV  comp  ovhd  total usable headroom",
                 "  0   rtx-4090 0-35 (36) +out   20.53  0.17  1.05  0.50  22.25  23.99     1.74",
                 "  in RAM: experts of 24 blocks (--n-cpu-moe 24) and the token embeddings:",
                 "    38.49 GiB",
                 "  decode <= 25.0 tok/s (2.50 GB a token from GPU memory at 936 GB/s, 1.27 GB",
                 "    from RAM at 89.6 GB/s, assumed); margin kept for best/max ctx: 1.00 GiB per",
                 "    GPU",
                 "  run: llama-server -m gpt-oss-120b-MXFP4_MOE.gguf -c 4096 -ngl 99 \\",
                 "       --n-cpu-moe 24",
                 "       (the model's name is a placeholder: give your file or repository)");
    /* A dense model: whole blocks in RAM, -ngl the blocks on the GPU. */
    query_for("llama-3.1-8b", NULL, 8192);
    query.ram_bandwidth_gbs = 60.0;
    d->split.n_cpu_moe = -1;
    d->split.gpu_layers = 14;
    d->split.slot[0].first_layer = 18;
    d->split.slot[0].layers = 14;
    d->split.slot[0].output = 0;
    plan.layers_table.blocks = 32;
    render_text(0);
    /* 32 - 14 = 18 blocks in RAM, with the output and the embeddings. */
    ck_assert_ptr_nonnull(strstr(out_buf, "  in RAM: 18 of 32 blocks with their KV cache, the "
                                          "output layer and the token\n    embeddings: 38.49 GiB "
                                          "(14 blocks on the GPU)\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "from RAM at 60.0 GB/s)"));
    ck_assert_ptr_nonnull(strstr(out_buf, "  run: llama-server -m llama-3.1-8b.gguf -c 8192 "
                                          "-ngl 14\n"));
}
END_TEST

START_TEST(test_legend_and_other_devices)
{
    char why[128];
    FILE *fp;
    size_t n;

    two_3090s();
    plan.devices[0].fit.verdict = FIT_OFFLOAD;
    fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    report_rig_legend(fp, &plan);
    plan.devices[0].fit.verdict = FIT_NO_FIT;
    report_rig_legend(fp, &plan);
    rewind(fp);
    n = fread(out_buf, 1, sizeof out_buf - 1, fp);
    out_buf[n] = '\0';
    (void)fclose(fp);
    ck_assert_str_eq(out_buf, "offload: runs with part of the model in RAM (see below).\n");
    /* A device without a split: its command only, and only when asked; a
     * CPU keeps every layer (-ngl 0). */
    plan.devices[0].split.ok = 0;
    plan.devices[0].runtime = &rt_llama;
    plan.devices[0].device = gpu_of("host", 30.0, 0.0);
    plan.devices[0].device.is_gpu = 0;
    render_text(0);
    ck_assert_str_eq(out_buf, "");
    render_text(1);
    /* Why the runtime was chosen is runtime.c's phrase. */
    (void)snprintf(why, sizeof why, "host: llama.cpp (chosen for %s)",
                   runtime_default_reason(&plan.devices[0].device, query.format));
    EXPECT_LINES("", why,
                 "  run: llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 0",
                 "       (the model's name is a placeholder: give your file or repository)");
    /* The runtime asked for, when the plan has none for the device. */
    plan.devices[0].runtime = NULL;
    query.runtime = RUNTIME_VLLM;
    ck_assert_ptr_eq(report_command_runtime(&query, &plan.devices[0]), runtime_get(RUNTIME_VLLM));
    render_text(1);
    ck_assert_ptr_nonnull(strstr(out_buf, "\nhost: vllm (--runtime)\n  run: vllm serve "));
    /* Out of range: nothing. */
    plan.ndevices = 0;
    render_text(1);
    ck_assert_str_eq(out_buf, "");
}
END_TEST

START_TEST(test_llamacpp_commands)
{
    char buf[CMD_SIZE];

    two_3090s();
    ck_assert_str_eq(command(), "llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 99 "
                                "--split-mode layer --tensor-split 40,41");
    ck_assert_int_eq(report_command_tensor_split(buf, sizeof buf, &plan.devices[0].split), 0);
    ck_assert_str_eq(buf, "40,41");
    /* 41 and 39 + output: 41,40; 40 and 39 + output: 1,1 (divided by 40). */
    plan.devices[0].split.slot[0].layers = 41;
    plan.devices[0].split.slot[1].layers = 39;
    ck_assert_int_eq(report_command_tensor_split(buf, sizeof buf, &plan.devices[0].split), 0);
    ck_assert_str_eq(buf, "41,40");
    plan.devices[0].split.slot[0].layers = 40;
    ck_assert_int_eq(report_command_tensor_split(buf, sizeof buf, &plan.devices[0].split), 0);
    ck_assert_str_eq(buf, "1,1");
    ck_assert_int_eq(report_command_tensor_split(buf, 4, &plan.devices[0].split), 0);
    ck_assert_int_eq(report_command_tensor_split(buf, 3, &plan.devices[0].split), -1);
    ck_assert_str_eq(buf, "");
    /* Batch 4 with a q8_0 cache: four slots share -c, the cache type twice. */
    query.batch = 4;
    query.kv_bits = KV_BITS_Q8_0;
    ck_assert_str_eq(command(), "llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 32768 -ngl 99 "
                                "--split-mode layer --tensor-split 1,1 -np 4 -ctk q8_0 -ctv q8_0");
    /* A second machine: an RPC server, named by a placeholder. */
    plan.devices[0].split.slot[1].node = 1;
    plan.devices[0].split.slot[1].gpu = 0;
    query.batch = 1;
    query.kv_bits = KV_BITS_F16;
    ck_assert_str_eq(command(), "llama-server -m llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 99 "
                                "--split-mode layer --tensor-split 1,1 --rpc HOST1:50052");
    /* 126 blocks: -ngl 99 would leave some on the CPU. */
    query_for("llama-3.1-405b", "q4_k_m", 4096);
    plan.devices[0].split.nslots = 1;
    ck_assert_str_eq(command(), "llama-server -m llama-3.1-405b-Q4_K_M.gguf -c 4096 -ngl 999");
    /* A bare size has no name: at FP16 (query_init's), and at plain bits. */
    query_init(&query);
    ck_assert_str_eq(command(), "llama-server -m MODEL-FP16.gguf -c 4096 -ngl 99");
    query_set_weights(&query, NULL, 4.0);
    ck_assert_str_eq(command(), "llama-server -m MODEL.gguf -c 4096 -ngl 99");
    ck_assert_int_eq(report_command_placeholder(&query, &plan.devices[0]), 1);
    /* Too small a buffer: -1 and nothing. */
    ck_assert_int_eq(report_command(buf, 10, &query, &plan.devices[0]), -1);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(report_command(buf, sizeof buf, NULL, &plan.devices[0]), -1);
    ck_assert_int_eq(report_command(buf, sizeof buf, &query, NULL), -1);
}
END_TEST

START_TEST(test_other_runtimes)
{
    split_slot s[2];
    plan_device *d;

    query_for("deepseek-v3", "fp8", 4096);
    s[0] = slot_of(0, -1, 8, "h100-sxm", 0, 31, 0, 37.94, 0.14, 0.63, 71.68);
    s[1] = slot_of(1, -1, 8, "h100-sxm", 31, 30, 1, 40.42, 0.13, 0.63, 71.68);
    d = device_for("8xh100-sxm", &rt_vllm, SPLIT_MODE_PIPELINE, s, 2);
    d->split.tp = 8;
    d->split.pp = 2;
    query.batch = 16;
    query.kv_bits = KV_BITS_Q8_0;
    ck_assert_str_eq(command(), "vllm serve deepseek-v3 --tensor-parallel-size 8 "
                                "--pipeline-parallel-size 2 --max-model-len 4096 "
                                "--gpu-memory-utilization 0.92 --max-num-seqs 16 "
                                "--kv-cache-dtype fp8");
    d->runtime = &rt_sglang;
    ck_assert_str_eq(command(), "python -m sglang.launch_server --model-path deepseek-v3 --tp 8 "
                                "--pp-size 2 --context-length 4096 --mem-fraction-static 0.88 "
                                "--max-running-requests 16 --kv-cache-dtype fp8_e4m3");
    /* Without a split: one GPU, one stage. */
    d->split.ok = 0;
    query.batch = 1;
    query.kv_bits = KV_BITS_F16;
    ck_assert_str_eq(command(), "python -m sglang.launch_server --model-path deepseek-v3 --tp 1 "
                                "--context-length 4096 --mem-fraction-static 0.88");
    query_for("llama-3.1-70b", "q4_k_m", 8192);
    d->runtime = &rt_ollama;
    ck_assert_str_eq(command(), "OLLAMA_CONTEXT_LENGTH=8192 ollama serve & ollama run "
                                "llama-3.1-70b:q4_k_m");
    query.batch = 2;
    query.kv_bits = KV_BITS_Q4_0;
    ck_assert_str_eq(command(), "OLLAMA_CONTEXT_LENGTH=8192 OLLAMA_NUM_PARALLEL=2 "
                                "OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q4_0 ollama serve "
                                "& ollama run llama-3.1-70b:q4_k_m");
    query_for("llama-3.1-8b", NULL, 4096);
    d->runtime = &rt_mlx;
    ck_assert_str_eq(command(), "mlx_lm.server --model llama-3.1-8b");
    d->runtime = &rt_hf;
    ck_assert_str_eq(command(), "python -c 'import sys; from transformers import pipeline; "
                                "p = pipeline(\"text-generation\", model=sys.argv[1], "
                                "device_map=\"auto\"); print(p(\"Hello\")[0][\"generated_text\"])' "
                                "llama-3.1-8b");
}
END_TEST

/* A model read from files is named by its path, quoted for sh. */
START_TEST(test_stored_paths)
{
    static qs_model m;
    static qs_stored st;

    two_3090s();
    m = *models_find(models_builtin(), "llama-3.1-70b");
    memset(&st, 0, sizeof st);
    m.stored = &st;
    query.model = &m;
    query.stored = 1;
    st.path = "/models/Llama 3.1 70B/it's-Q4_K_M.gguf";
    ck_assert_str_eq(command(), "llama-server -m '/models/Llama 3.1 70B/it'\\''s-Q4_K_M.gguf' "
                                "-c 8192 -ngl 99 --split-mode layer --tensor-split 40,41");
    ck_assert_int_eq(report_command_placeholder(&query, &plan.devices[0]), 0);
    st.path = "/m/\x1b[2Jx'\\\xc3\xa9.gguf";
    ck_assert_str_eq(command(), "llama-server -m $'/m/\\x1b[2Jx\\'\\\\\\xc3\\xa9.gguf' -c 8192 "
                                "-ngl 99 --split-mode layer --tensor-split 40,41");
    st.path = "/plain/path_1.gguf";
    ck_assert_str_eq(command(), "llama-server -m /plain/path_1.gguf -c 8192 -ngl 99 "
                                "--split-mode layer --tensor-split 40,41");
    /* The text shows no placeholder note then; a quoted path stays whole
     * across a break. */
    render_text(0);
    ck_assert_ptr_null(strstr(out_buf, "placeholder"));
    st.path = "/a folder with a long name/and another long one/Llama-3.1-70B-Q4_K_M.gguf";
    render_text(0);
    ck_assert_ptr_nonnull(strstr(out_buf, "  run: llama-server \\\n       -m '/a folder with a "
                                          "long name/and another long one/Llama-3.1-70B-Q4_K_M"
                                          ".gguf' \\\n       -c 8192 -ngl 99 --split-mode layer "
                                          "--tensor-split 40,41\n"));
    /* Ollama runs its own library's names, never a file. */
    plan.devices[0].runtime = &rt_ollama;
    ck_assert_int_eq(report_command_placeholder(&query, &plan.devices[0]), 1);
    /* Weights other than the file's: the file is not the model asked. */
    plan.devices[0].runtime = &rt_llama;
    query.stored = 0;
    ck_assert_int_eq(report_command_placeholder(&query, &plan.devices[0]), 1);
}
END_TEST

START_TEST(test_json_members)
{
    json_writer w;
    FILE *fp = tmpfile();
    size_t n;

    ck_assert_ptr_nonnull(fp);
    two_3090s();
    query.devices[0] = plan.devices[0].device;
    query.ndevices = 1;
    query.rigs[0].ngpu = 2;
    query.rigs[0].nodes = 1;
    json_init(&w, fp);
    json_begin_object(&w, NULL);
    report_rig_json(&w, &query, &plan, 0);
    json_end_object(&w);
    ck_assert_int_eq(json_finish(&w), 0);
    rewind(fp);
    n = fread(out_buf, 1, sizeof out_buf - 1, fp);
    out_buf[n] = '\0';
    (void)fclose(fp);
    ck_assert_ptr_nonnull(strstr(out_buf, "{\"runtime\":\"llama.cpp\",\"runtime_chosen\":false,\"runtime_loads_format\":true,"
                                          "\"rig\":{\"gpus\":2,\"nodes\":1},\"split\":{\"mode\":"
                                          "\"layer\",\"tp\":1,\"pp\":1,\"kv_replicas\":1,"
                                          "\"possible\":true,\"why\":null,\"verdict\":\"fits\""));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"n_cpu_moe\":-1,\"ram_weights_gib\":0.55,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"tok_s\":23.4,\"gpu_bytes_per_token\":43000000000,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"gpus\":[{\"node\":0,\"gpu\":0,\"count\":1,"
                                          "\"device\":\"rtx-3090\",\"first_layer\":0,\"layers\":40,"
                                          "\"output\":false,\"input\":false,"
                                          "\"expert_layers_ram\":0,\"weights_gib\":19.52,"
                                          "\"kv_gib\":1.25,\"compute_gib\":0,\"overhead_gib\":0.5,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"first_layer\":40,\"layers\":40,\"output\":true,"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\"command\":\"llama-server -m "
                                          "llama-3.1-70b-Q4_K_M.gguf -c 8192 -ngl 99 --split-mode "
                                          "layer --tensor-split 40,41\","
                                          "\"command_model_placeholder\":true}"));
    /* No split: null. */
    fp = tmpfile();
    ck_assert_ptr_nonnull(fp);
    plan.devices[0].split.ok = 0;
    plan.devices[0].runtime = NULL;
    json_init(&w, fp);
    json_begin_object(&w, NULL);
    report_rig_json(&w, &query, &plan, 0);
    json_end_object(&w);
    ck_assert_int_eq(json_finish(&w), 0);
    rewind(fp);
    n = fread(out_buf, 1, sizeof out_buf - 1, fp);
    out_buf[n] = '\0';
    (void)fclose(fp);
    ck_assert_ptr_nonnull(strstr(out_buf, "{\"runtime\":null,\"runtime_chosen\":false,\"runtime_loads_format\":false,\"rig\":"
                                          "{\"gpus\":2,\"nodes\":1},\"split\":null,\"command\":"));
}
END_TEST

static Suite *report_rig_suite(void)
{
    Suite *s = suite_create("report_rig");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_layer_split_text);
    tcase_add_test(tc, test_tensor_and_pipeline_text);
    tcase_add_test(tc, test_offload_text);
    tcase_add_test(tc, test_legend_and_other_devices);
    tcase_add_test(tc, test_llamacpp_commands);
    tcase_add_test(tc, test_other_runtimes);
    tcase_add_test(tc, test_stored_paths);
    tcase_add_test(tc, test_json_members);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_rig_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
