/* report_command.c - the command line that reproduces a fit answer (see
 * report_command.h).
 *
 * The flags, each from its runtime's own reference:
 *   llama.cpp  tools/server/README.md (ggml-org/llama.cpp): -m, -c (the
 *              context of all slots together: each of -np N slots gets
 *              c / N), -ngl, --n-cpu-moe, --split-mode layer,
 *              --tensor-split, -np, -ctk/-ctv, --rpc (tools/rpc/README.md,
 *              rpc-server's default port 50052);
 *   Ollama     docs/faq.md (ollama/ollama): OLLAMA_CONTEXT_LENGTH,
 *              OLLAMA_NUM_PARALLEL (memory grows with parallel x context),
 *              OLLAMA_KV_CACHE_TYPE (f16, q8_0, q4_0; with
 *              OLLAMA_FLASH_ATTENTION=1), read by `ollama serve`;
 *   vLLM       docs.vllm.ai engine arguments: --tensor-parallel-size,
 *              --pipeline-parallel-size, --max-model-len,
 *              --gpu-memory-utilization, --max-num-seqs, --kv-cache-dtype fp8;
 *   SGLang     docs.sglang.io server arguments: --model-path, --tp,
 *              --pp-size, --context-length, --mem-fraction-static,
 *              --max-running-requests, --kv-cache-dtype fp8_e4m3;
 *   MLX        ml-explore/mlx-lm SERVER.md: mlx_lm.server --model;
 *   transformers  huggingface/transformers pipeline(device_map="auto"). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/report_command.h"
#include "cli/shword.h"
#include "model/kvcache.h"
#include "model/stored.h"

/* -ngl for "every layer on the GPU": llama.cpp's README writes -ngl 99;
 * a model of 99 blocks or more (Llama-3.1-405B has 126) needs more, and
 * llama.cpp clamps the count to its layers + 1 (src/llama-model.cpp,
 * act_gpu_layers = min(n_gpu_layers, n_layer + 1)). */
#define REPORT_COMMAND_NGL_ALL 99
#define REPORT_COMMAND_NGL_MORE 999
/* rpc-server's default port (llama.cpp tools/rpc/README.md). */
#define REPORT_COMMAND_RPC_PORT 50052
/* The model of a bare size, which has no name to build one from. */
#define REPORT_COMMAND_NO_NAME "MODEL"
/* Room for one word before it is quoted (a number, a list). */
#define REPORT_COMMAND_WORD_SIZE 256


const qs_runtime *report_command_runtime(const qs_query *q, const plan_device *d)
{
    const qs_runtime *r;

    if (q == NULL || d == NULL)
        return NULL;
    if (d->runtime != NULL)
        return d->runtime;
    r = runtime_get(q->runtime);
    return r != NULL ? r : runtime_default(&d->device, q->format);
}

int report_command_placeholder(const qs_query *q, const plan_device *d)
{
    const qs_runtime *rt;

    if (q == NULL || d == NULL)
        return 1;
    rt = report_command_runtime(q, d);
    /* Ollama runs a model of its own library by name, not a file. */
    return !(q->stored && q->model != NULL && q->model->stored != NULL &&
             q->model->stored->path != NULL && rt->id != RUNTIME_OLLAMA);
}

/* The model's word: the stored path, or the placeholder (report_command.h). */
static void report_command_model(shword_out *o, const qs_query *q, const plan_device *d,
                                 const qs_runtime *rt)
{
    const char *id = q->model != NULL ? q->model->id : REPORT_COMMAND_NO_NAME;
    const char *f = q->format != NULL ? q->format->name : NULL;
    char word[REPORT_COMMAND_WORD_SIZE];
    size_t k;

    if (!report_command_placeholder(q, d)) {
        shword_word(o, q->model->stored->path);
        return;
    }
    if (rt->id == RUNTIME_LLAMACPP)
        (void)snprintf(word, sizeof word, "%s%s%s.gguf", id, f != NULL ? "-" : "",
                       f != NULL ? f : "");
    else if (rt->id == RUNTIME_OLLAMA)
        (void)snprintf(word, sizeof word, "%s%s%s", id, f != NULL ? ":" : "", f != NULL ? f : "");
    else
        (void)snprintf(word, sizeof word, "%s", id);
    /* Ollama's tags are lowercase ("llama3.1:70b-instruct-q4_K_M" aside). */
    for (k = 0; rt->id == RUNTIME_OLLAMA && word[k] != '\0'; k++)
        if (word[k] >= 'A' && word[k] <= 'Z')
            word[k] = (char)(word[k] - 'A' + 'a');
    shword_word(o, word);
}

static long report_command_gcd(long a, long b)
{
    while (b != 0) {
        long t = a % b;

        a = b;
        b = t;
    }
    return a;
}

int report_command_tensor_split(char *buf, size_t size, const split_plan *s)
{
    shword_out o = { buf, size, 0, 0 };
    long g = 0, v;
    int i;

    if (buf == NULL || size == 0)
        return -1;
    buf[0] = '\0';
    if (s == NULL || !s->ok || s->mode != SPLIT_MODE_LAYER || s->nslots < 2)
        return -1;
    for (i = 0; i < s->nslots; i++)
        g = report_command_gcd(g, (long)s->slot[i].layers + s->slot[i].output);
    if (g <= 0)
        return -1;
    for (i = 0; i < s->nslots; i++) {
        v = ((long)s->slot[i].layers + s->slot[i].output) / g;
        shword_put(&o, "%s%ld", i > 0 ? "," : "", v);
    }
    if (o.over) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}

/* -ngl: 0 on a CPU, the blocks on the GPUs for a layer offload, else all. */
static int report_command_ngl(const qs_query *q, const plan_device *d)
{
    const split_plan *s = &d->split;
    int layers = q->shape != NULL ? q->shape->arch.layers : 0;

    if (!d->device.is_gpu)
        return 0;
    if (s->ok && s->mode == SPLIT_MODE_LAYER && s->verdict == FIT_OFFLOAD && s->n_cpu_moe <= 0)
        return s->gpu_layers;
    return layers + 1 > REPORT_COMMAND_NGL_ALL ? REPORT_COMMAND_NGL_MORE : REPORT_COMMAND_NGL_ALL;
}

static void report_command_llamacpp(shword_out *o, const qs_query *q,
                                    const plan_device *d, const qs_runtime *rt)
{
    const split_plan *s = &d->split;
    const char *kv = kvcache_name_from_bits(q->kv_bits);
    char ts[REPORT_COMMAND_WORD_SIZE];
    int n, machines;

    shword_put(o, "%s -m", rt->program);
    report_command_model(o, q, d, rt);
    shword_put(o, " -c %ld -ngl %d", q->ctx * (long)q->batch,
                       report_command_ngl(q, d));
    if (s->ok && s->n_cpu_moe > 0)
        shword_put(o, " --n-cpu-moe %d", s->n_cpu_moe);
    if (report_command_tensor_split(ts, sizeof ts, s) == 0)
        shword_put(o, " --split-mode layer --tensor-split %s", ts);
    /* Machines past the first: llama.cpp's RPC servers (placeholders). */
    for (n = 0, machines = 1; s->ok && s->mode == SPLIT_MODE_LAYER && n < s->nslots; n++)
        if (s->slot[n].node + 1 > machines)
            machines = s->slot[n].node + 1;
    for (n = 1; n < machines; n++)
        shword_put(o, "%sHOST%d:%d", n > 1 ? "," : " --rpc ", n, REPORT_COMMAND_RPC_PORT);
    if (q->batch > 1)
        shword_put(o, " -np %d", q->batch);
    if (kv != NULL && q->kv_bits != KV_BITS_F16)
        shword_put(o, " -ctk %s -ctv %s", kv, kv);
}

static void report_command_ollama(shword_out *o, const qs_query *q,
                                  const plan_device *d, const qs_runtime *rt)
{
    const char *kv = kvcache_name_from_bits(q->kv_bits);

    shword_put(o, "OLLAMA_CONTEXT_LENGTH=%ld", q->ctx);
    if (q->batch > 1)
        shword_put(o, " OLLAMA_NUM_PARALLEL=%d", q->batch);
    if (kv != NULL && (q->kv_bits == KV_BITS_Q8_0 || q->kv_bits == KV_BITS_Q4_0))
        shword_put(o, " OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=%s", kv);
    shword_put(o, " %s serve & %s run", rt->program, rt->program);
    report_command_model(o, q, d, rt);
}

/* vLLM and SGLang: the parallel degrees from the split (1 without one). */
static void report_command_serving(shword_out *o, const qs_query *q,
                                   const plan_device *d, const qs_runtime *rt)
{
    const split_plan *s = &d->split;
    int tp = s->ok && s->tp > 0 ? s->tp : 1, pp = s->ok && s->pp > 0 ? s->pp : 1;
    int vllm = rt->id == RUNTIME_VLLM;

    shword_put(o, "%s", vllm ? "vllm serve" : "python -m sglang.launch_server --model-path");
    report_command_model(o, q, d, rt);
    shword_put(o, vllm ? " --tensor-parallel-size %d" : " --tp %d", tp);
    if (pp > 1)
        shword_put(o, vllm ? " --pipeline-parallel-size %d" : " --pp-size %d", pp);
    shword_put(o, vllm ? " --max-model-len %ld --gpu-memory-utilization %g"
                               : " --context-length %ld --mem-fraction-static %g",
                       q->ctx, rt->utilization);
    if (q->batch > 1)
        shword_put(o, vllm ? " --max-num-seqs %d" : " --max-running-requests %d",
                           q->batch);
    if (q->kv_bits < KV_BITS_F16)
        shword_put(o, vllm ? " --kv-cache-dtype fp8" : " --kv-cache-dtype fp8_e4m3");
}

int report_command(char *buf, size_t size, const qs_query *q, const plan_device *d)
{
    shword_out o = { buf, size, 0, 0 };
    const qs_runtime *rt;

    if (buf == NULL || size == 0)
        return -1;
    buf[0] = '\0';
    if (q == NULL || d == NULL)
        return -1;
    rt = report_command_runtime(q, d);
    if (rt == NULL)
        return -1;
    switch (rt->id) {
    case RUNTIME_LLAMACPP:
        report_command_llamacpp(&o, q, d, rt);
        break;
    case RUNTIME_OLLAMA:
        report_command_ollama(&o, q, d, rt);
        break;
    case RUNTIME_VLLM:
    case RUNTIME_SGLANG:
        report_command_serving(&o, q, d, rt);
        break;
    case RUNTIME_MLX:
        shword_put(&o, "mlx_lm.server --model");
        report_command_model(&o, q, d, rt);
        break;
    default:
        /* transformers: the model as argv[1], so that no path is spliced
         * into Python source. */
        shword_put(&o, "python -c 'import sys; from transformers import pipeline; "
                           "p = pipeline(\"text-generation\", model=sys.argv[1], "
                           "device_map=\"auto\"); print(p(\"Hello\")[0][\"generated_text\"])'");
        report_command_model(&o, q, d, rt);
        break;
    }
    if (o.over) {
        buf[0] = '\0';
        return -1;
    }
    return 0;
}
