/* check_catalog_data.c - data/models.tsv parses row by row, its ids are
 * unique and lowercase, the ids the program and its users name exist, every
 * published total matches the expansion (or differs by the documented
 * params_diff), one model per architecture family pinned to its published
 * count written here, and catalog_row_parse's messages. The data file is
 * found through $TESTS_SRCDIR/../data (set by make check). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/catalog_row.h"
#include "check_tsv.h"

#define MAX_ROWS 512
/* Rows that give a published total. */
#define MIN_PUBLISHED 60

static catalog_row rows[MAX_ROWS];
static size_t nrows;

static int load_row(void *ctx, size_t n, const char *line, size_t len, char *err,
                    size_t errsize)
{
    (void)ctx;
    ck_assert_uint_lt(n, MAX_ROWS);
    return catalog_row_parse(line, len, &rows[n], err, errsize);
}

static void load(void)
{
    nrows = check_tsv_each("../data/models.tsv", load_row, NULL);
}

/* The catalog holds at least this many models (the end-of-2026 families
 * in their common sizes). */
#define MIN_ROWS 85

static const catalog_row *row_of(const char *id)
{
    size_t i;

    for (i = 0; i < nrows; i++)
        if (strcmp(rows[i].id, id) == 0)
            return &rows[i];
    return NULL;
}

START_TEST(test_every_row_parses)
{
    load();
    ck_assert_uint_ge(nrows, MIN_ROWS);
}
END_TEST

START_TEST(test_ids_unique)
{
    size_t i, j;

    load();
    for (i = 0; i < nrows; i++) {
        const char *p;

        for (p = rows[i].id; *p != '\0'; p++)
            ck_assert_msg(*p < 'A' || *p > 'Z', "id %s is not lowercase", rows[i].id);
        for (j = i + 1; j < nrows; j++)
            ck_assert_msg(strcmp(rows[i].id, rows[j].id) != 0, "duplicate id %s", rows[i].id);
    }
}
END_TEST

/* Ids the documentation and users name (-p gemma-3-27b), and those of the
 * compiled catalog this file replaces (src/model/models.c). */
START_TEST(test_named_ids)
{
    static const char *const ids[] = {
        "qwen3-30b-a3b", "gpt-oss-120b", "gemma-3-27b", "deepseek-v3", "llama-4-scout",
        "llama-4-maverick", "gpt2", "mistral-7b", "phi-3-mini", "falcon-180b", "bloom-176b",
    };
    size_t i;

    load();
    for (i = 0; i < sizeof ids / sizeof ids[0]; i++)
        ck_assert_msg(row_of(ids[i]) != NULL, "no row %s", ids[i]);
    ck_assert_ptr_null(row_of("mistral-7b-v0.1"));
    ck_assert_ptr_null(row_of("llama-4-scout-17b-16e"));
    ck_assert_str_eq(row_of("llama-4-scout")->name, "Llama-4-Scout-17B-16E");
}
END_TEST

START_TEST(test_published_totals)
{
    size_t i, checked = 0;

    load();
    for (i = 0; i < nrows; i++) {
        const catalog_row *r = &rows[i];
        int64_t n = arch_param_count(&r->arch);

        ck_assert_ptr_eq(r->arch.name, r->name);
        if (r->params == 0)
            continue;
        ck_assert_msg(n - r->params == r->params_diff,
                      "%s: expansion %lld, published %lld, documented difference %lld", r->id,
                      (long long)n, (long long)r->params, (long long)r->params_diff);
        checked++;
    }
    ck_assert_uint_ge(checked, MIN_PUBLISHED);
}
END_TEST

/* Where a published total includes a vision tower, the documented
 * difference is exactly that tower (vision_params). */
START_TEST(test_vision_rows)
{
    size_t i, n = 0;

    load();
    for (i = 0; i < nrows; i++) {
        const catalog_row *r = &rows[i];

        if (r->arch.vision_params == 0 || r->params == 0)
            continue;
        ck_assert_msg(r->params_diff == -r->arch.vision_params, "%s", r->id);
        n++;
    }
    ck_assert_uint_ge(n, 10);
}
END_TEST

START_TEST(test_known_rows)
{
    size_t i;
    const catalog_row *nano = NULL, *oss = NULL;

    load();
    for (i = 0; i < nrows; i++) {
        if (strcmp(rows[i].id, "nemotron-3-nano-30b-a3b") == 0)
            nano = &rows[i];
        if (strcmp(rows[i].id, "gpt-oss-120b") == 0)
            oss = &rows[i];
    }
    ck_assert_ptr_nonnull(nano);
    ck_assert_ptr_nonnull(oss);
    ck_assert_ptr_eq(nano->arch.pattern, nano->pattern);
    ck_assert_uint_eq(strlen(nano->pattern), 52);
    ck_assert_int_eq(nano->arch.norms, ARCH_NORM_SINGLE);
    ck_assert_int_eq(nano->arch.ssm.conv_bias, 1);
    ck_assert_uint_eq(arch_tensor_count(&nano->arch), 401);
    ck_assert_int_eq(oss->arch.mixer, ARCH_ATTN_SWA);
    ck_assert_int_eq(oss->arch.span, 128);
    ck_assert_uint_eq(arch_tensor_count(&oss->arch), 687);
    ck_assert_int_eq(oss->verified, 1);
}
END_TEST

/* ---- architecture features on the catalog's rows ------------------------- */

/* Room for the largest expansion here (DeepSeek-V3.2 + MTP: 1420 tensors). */
#define BUF_TENSORS 4096

static qs_tensor tbuf[BUF_TENSORS];

static const qs_arch *arch_of(const char *id)
{
    const catalog_row *r = row_of(id);

    ck_assert_msg(r != NULL, "no row %s", id);
    return &r->arch;
}

/* The expansion of `a`; NULL when `name` is not in it. */
static const qs_tensor *tensor_of(const qs_arch *a, const char *name)
{
    tensor_list l = { tbuf, 0, BUF_TENSORS, 0 };
    size_t i;

    ck_assert_int_eq(arch_expand(a, &l), 0);
    for (i = 0; i < l.n; i++)
        if (strcmp(l.t[i].name, name) == 0)
            return &l.t[i];
    return NULL;
}

static void has_shape(const qs_arch *a, const char *name, int64_t ne0, int64_t ne1, int64_t ne2)
{
    const qs_tensor *t = tensor_of(a, name);

    ck_assert_msg(t != NULL, "no tensor %s", name);
    ck_assert_msg(t->ne[0] == ne0 && t->ne[1] == ne1 && t->ne[2] == ne2, "%s", name);
}

/* Llama 4 Maverick: chunked (8192) with every 4th layer full, MoE on odd
 * layers (interleave_moe_layer_step 2); Gemma 4: full layers with their own
 * KV heads and head size, and no attn_v there (attention_k_eq_v). */
START_TEST(test_layer_patterns)
{
    const qs_arch *mav, *g4;
    qs_arch with_v;

    load();
    mav = arch_of("llama-4-maverick");
    g4 = arch_of("gemma-4-31b");
    ck_assert_int_eq(arch_layer_ffn(mav, 0), ARCH_FFN_DENSE);
    ck_assert_int_eq(arch_layer_ffn(mav, 1), ARCH_FFN_MOE);
    ck_assert_int_eq(arch_layer_attention(mav, 0).kind, ARCH_ATTN_CHUNKED);
    ck_assert_int_eq(arch_layer_attention(mav, 0).span, 8192);
    ck_assert_int_eq(arch_layer_attention(mav, 3).kind, ARCH_ATTN_FULL);
    ck_assert_int_eq(arch_layer_attention(g4, 0).kv_heads, 16);
    ck_assert_int_eq(arch_layer_attention(g4, 5).kv_heads, 4);
    ck_assert_int_eq(arch_layer_attention(g4, 5).head_dim_v, 512);
    has_shape(g4, "blk.4.attn_v.weight", 5376, 16 * 256, 1);
    ck_assert_ptr_null(tensor_of(g4, "blk.5.attn_v.weight"));
    has_shape(g4, "blk.5.attn_k.weight", 5376, 4 * 512, 1);
    has_shape(g4, "blk.59.layer_output_scale.weight", 1, 1, 1);
    /* V of its own on the 10 full layers: 10 x 5376 x (4 x 512) more. */
    with_v = *g4;
    with_v.full_k_eq_v = 0;
    ck_assert(arch_param_count(&with_v) - arch_param_count(g4) == 10 * 5376 * 4 * 512);
}
END_TEST

START_TEST(test_new_tensor_kinds)
{
    const qs_arch *v32, *sup, *g26, *mm, *olmo;
    qs_arch plain, latent;

    load();
    v32 = arch_of("deepseek-v3.2");
    /* Nemotron-3-Super's LatentMoE (moe_latent_size 1024) on Nano's blocks:
     * its row waits for arch_count.c (see data/models.tsv). */
    latent = *arch_of("nemotron-3-nano-30b-a3b");
    latent.moe.latent = 1024;
    sup = &latent;
    g26 = arch_of("gemma-4-26b-a4b");
    mm = arch_of("minimax-m2.7");
    olmo = arch_of("olmo-2-7b");
    /* The lightning indexer in each of the 62 MLA blocks: q_b 1536 x (64 x
     * 128), k 7168 x 128, its LayerNorm 2 x 128, weights 7168 x 64. */
    ck_assert(arch_param_count(v32) - arch_param_count(arch_of("deepseek-v3-mtp")) ==
              62 * (1536 * 64 * 128 + 7168 * 128 + 2 * 128 + 7168 * 64));
    has_shape(v32, "blk.61.indexer.attn_q_b.weight", 1536, 8192, 1);
    has_shape(v32, "blk.0.indexer.proj.weight", 7168, 64, 1);
    /* LatentMoE: 128 relu2 experts of 1856 read 1024 wide, not 2688, at the
     * price of 2688 x 1024 down and up in each of the 23 MoE layers. */
    has_shape(sup, "blk.1.ffn_up_exps.weight", 1024, 1856, 128);
    has_shape(sup, "blk.1.ffn_latent_down.weight", 2688, 1024, 1);
    has_shape(sup, "blk.1.ffn_up_shexp.weight", 2688, 3712, 1);
    plain = *sup;
    plain.moe.latent = 0;
    ck_assert(arch_param_count(&plain) - arch_param_count(sup) ==
              23 * (2 * INT64_C(128) * 1856 * (2688 - 1024) - 2 * 2688 * 1024));
    /* Gemma 4's MoE block: in each of the 30 layers a dense GELU MLP of 2112
     * beside the experts, 3 more norms, a router scale and 128 expert scales. */
    plain = *g26;
    plain.moe.dense_parallel = 0;
    ck_assert(arch_param_count(g26) - arch_param_count(&plain) ==
              30 * (3 * 2816 * 2112 + 3 * 2816 + 2816 + 128));
    has_shape(g26, "blk.0.pre_ffw_norm_2.weight", 2816, 1, 1);
    /* MiniMax-M2 norms q and k over all heads at once: 48 x 128 and 8 x 128. */
    has_shape(mm, "blk.61.attn_q_norm.weight", 6144, 1, 1);
    has_shape(mm, "blk.61.attn_k_norm.weight", 1024, 1, 1);
    /* OLMo 2: its two norms come after the attention and the MLP. */
    has_shape(olmo, "blk.0.post_attention_norm.weight", 4096, 1, 1);
    has_shape(olmo, "blk.0.post_ffw_norm.weight", 4096, 1, 1);
    ck_assert_ptr_null(tensor_of(olmo, "blk.0.attn_norm.weight"));
}
END_TEST

/* ---- one model per family against its published count -------------------- */

/* Vision towers a published total includes and a text GGUF does not, each
 * from the model's vision_config (the row's params_note spells them out).
 * A ViT block with biases: two LayerNorms (weight and bias), q/k/v/o and
 * an MLP of `mlp` (fc1, fc2). */
static int64_t vit_block(int64_t h, int64_t mlp)
{
    return 2 * 2 * h + 4 * (h * h + h) + (h * mlp + mlp) + (mlp * h + h);
}

/* Gemma 3: SigLIP-So400m, 27 blocks of 1152 (MLP 4304), patch-14 conv with
 * bias, (896 / 14)^2 positions, post LayerNorm; projector mm_input_projection
 * {1152, hidden} and mm_soft_emb_norm (1152). */
static int64_t gemma3_27b_vision(void)
{
    int64_t tower = 27 * vit_block(1152, 4304) + (3 * 14 * 14 * 1152 + 1152) +
                    (896 / 14) * (896 / 14) * 1152 + 2 * 1152;

    return tower + 1152 * 5376 + 1152;
}

/* Llama 4 Scout: 34 blocks of 1408 (MLP 5632), unfold patch 14 (588 -> 1408, no
 * bias), class token, 577 positions, pre/post LayerNorm; pixel-shuffle MLP
 * 5632 -> 4096 -> 4096 and projector 4096 -> 5120, no biases. */
static int64_t llama4_vision(void)
{
    return 34 * vit_block(1408, 5632) + 588 * 1408 + 1408 + 577 * 1408 + 2 * 2 * 1408 +
           5632 * 4096 + 4096 * 4096 + 4096 * 5120;
}

/* Qwen3.5/3.6: 27 blocks of 1152 (MLP 4304), conv3d patch 16 x 16 x 2
 * frames with bias, 2304 positions; merger LayerNorm, 4608 -> 4608 and
 * 4608 -> hidden with biases. */
static int64_t qwen35_vision(int64_t hidden)
{
    return 27 * vit_block(1152, 4304) + (3 * 2 * 16 * 16 * 1152 + 1152) + 2304 * 1152 +
           2 * 1152 + (4608 * 4608 + 4608) + (4608 * hidden + hidden);
}

/* Qwen3.6-35B-A3B (hidden 2048) and Qwen3.6-27B (hidden 5120). */
static int64_t qwen36_35b_vision(void)
{
    return qwen35_vision(2048);
}

static int64_t qwen36_27b_vision(void)
{
    return qwen35_vision(5120);
}

/* Mistral Small 3.x: Pixtral, 24 blocks of 1024 with RMSNorms, q/k/v/o and
 * a gated MLP of 4096, no biases, patch-14 conv, ln_pre; projector RMSNorm,
 * patch merger 4096 -> 1024, 1024 -> 5120 -> 5120. */
static int64_t pixtral_vision(void)
{
    return 24 * (2 * 1024 + 4 * 1024 * 1024 + 3 * 1024 * 4096) + 3 * 14 * 14 * 1024 + 1024 +
           1024 + 4096 * 1024 + 1024 * 5120 + 5120 * 5120;
}

/* Kimi-K2.5: MoonViT, 27 blocks of 1152 (MLP 4304), patch-14 conv with bias,
 * 64 x 64 positions, final LayerNorm; patch merger LayerNorm, 4608 -> 4608
 * and 4608 -> 7168 with biases. */
static int64_t moonvit_vision(void)
{
    return 27 * vit_block(1152, 4304) + (3 * 14 * 14 * 1152 + 1152) + 64 * 64 * 1152 +
           2 * 1152 + 2 * 1152 + (4608 * 4608 + 4608) + (4608 * 7168 + 7168);
}

/* Gemma 4 31B: 27 blocks of 1152 (q/k/v/o, gated MLP 4304, no biases, four
 * RMSNorms, q/k norms of 72), patch 16 embedding, a 2 x 10240 position
 * table, standardize bias and scale, projector 1152 -> 5376. UNVERIFIED:
 * this shape is fitted to the published total, not read from a copy. */
static int64_t gemma4_vision(void)
{
    return 27 * (4 * 1152 * 1152 + 3 * 1152 * 4304 + 4 * 1152 + 2 * 72) + 3 * 16 * 16 * 1152 +
           2 * 10240 * 1152 + 2 * 1152 + 1152 * 5376;
}

typedef struct {
    const char *id;
    int64_t published;        /* the total its publisher gives */
    int64_t (*tower)(void);   /* a vision tower counted in it, not in the GGUF; NULL: none */
} family_pin;

/* One model per architecture family. Sources: "HF" is the Hugging Face API
 * safetensors.total (huggingface.co/api/models/<repo>?expand[]=safetensors). */
static const family_pin pins[] = {
    /* llama: Llama-3.1-8B, HF 8030261248 (../shared/reference/models.tsv). */
    { "llama-3.1-8b", INT64_C(8030261248), NULL },
    /* qwen2: Qwen2.5-7B-Instruct, HF 7615616512 (models.tsv). */
    { "qwen2.5-7b", INT64_C(7615616512), NULL },
    /* qwen3: Qwen/Qwen3-4B, HF 4022468096. */
    { "qwen3-4b", INT64_C(4022468096), NULL },
    /* qwen3moe: Qwen/Qwen3-235B-A22B, HF 235093634560 (debaditc/kvfit
     * scripts/build_registry.py). */
    { "qwen3-235b-a22b", INT64_C(235093634560), NULL },
    /* qwen3next: llama.cpp n_params of the Qwen3-Next GGUFs, 79674391296. */
    { "qwen3-next-80b-a3b", INT64_C(79674391296), NULL },
    /* qwen35moe: Qwen/Qwen3.6-35B-A3B, HF 35951822704 with its vision tower. */
    { "qwen3.6-35b-a3b", INT64_C(35951822704), qwen36_35b_vision },
    /* qwen35: Qwen/Qwen3.6-27B, HF 27781427952 with its vision tower. */
    { "qwen3.6-27b", INT64_C(27781427952), qwen36_27b_vision },
    /* gemma2: Gemma-2-9B, 9241705984 (models.tsv). */
    { "gemma-2-9b", INT64_C(9241705984), NULL },
    /* gemma3: google/gemma-3-27b-it, HF 27432406640 (debaditc/kvfit). */
    { "gemma-3-27b", INT64_C(27432406640), gemma3_27b_vision },
    /* gemma4: google/gemma-4-31B-it, HF 31273088876 (a public variant table). */
    { "gemma-4-31b", INT64_C(31273088876), gemma4_vision },
    /* gpt-oss: gpt-oss-120b GGUF general.parameter_count 116829156672. */
    { "gpt-oss-120b", INT64_C(116829156672), NULL },
    /* llama4: meta-llama/Llama-4-Scout-17B-16E-Instruct, HF 108641793536. */
    { "llama-4-scout", INT64_C(108641793536), llama4_vision },
    /* deepseek (MLA): DeepSeek-V3 main model, 671026419200 (models.tsv;
     * Fireworks paramCount of deepseek-v3). */
    { "deepseek-v3", INT64_C(671026419200), NULL },
    /* deepseek (MLA) with a vision tower: Kimi-K2.5, 1026879376368 logical
     * parameters (a public recount of its safetensors headers). */
    { "kimi-k2.5", INT64_C(1026879376368), moonvit_vision },
    /* nemotron_h: nvidia/NVIDIA-Nemotron-Nano-9B-v2, HF 8888227328. */
    { "nemotron-nano-9b-v2", INT64_C(8888227328), NULL },
    /* glm4moe: zai-org/GLM-4.5, HF 358337791296 (MTP layer included). */
    { "glm-4.5", INT64_C(358337791296), NULL },
    /* minimax: MiniMaxAI/MiniMax-M2.7, HF 228689764864. */
    { "minimax-m2.7", INT64_C(228689764864), NULL },
    /* phi3: microsoft/phi-4, HF 14659507200. */
    { "phi-4", INT64_C(14659507200), NULL },
    /* mistral: Mistral-Small-3.2-24B-Instruct-2506, HF 24011361280 with Pixtral. */
    { "mistral-small-3.2-24b", INT64_C(24011361280), pixtral_vision },
    /* mixtral: Mixtral-8x22B, 140630071296 (a public model registry). */
    { "mixtral-8x22b", INT64_C(140630071296), NULL },
    /* gpt2: GPT-2 124M, 124439808 (models.tsv, mlc-ai preset). */
    { "gpt2", INT64_C(124439808), NULL },
    /* bloom: BLOOM-176B model card, 176,247,271,424. */
    { "bloom-176b", INT64_C(176247271424), NULL },
    /* olmoe: allenai/OLMoE-1B-7B-0924, HF 6919161856. */
    { "olmoe-1b-7b", INT64_C(6919161856), NULL },
    /* olmo2: allenai/OLMo-2-1124-7B-Instruct, HF 7298617344. */
    { "olmo-2-7b", INT64_C(7298617344), NULL },
};

START_TEST(test_family_totals)
{
    const family_pin *p = &pins[_i];
    int64_t tower = p->tower != NULL ? p->tower() : 0;
    const catalog_row *r;

    load();
    r = row_of(p->id);
    ck_assert_msg(r != NULL, "no row %s", p->id);
    ck_assert_msg(arch_param_count(&r->arch) == p->published - tower,
                  "%s: expansion %lld, published %lld less a tower of %lld", p->id,
                  (long long)arch_param_count(&r->arch), (long long)p->published,
                  (long long)tower);
    /* The row carries the same total, and the tower as vision_params. */
    ck_assert(r->params == p->published);
    ck_assert(r->arch.vision_params == tower);
}
END_TEST

/* ---- the parser ---------------------------------------------------------- */

#define BASE "m\tM\tfam\tlayers=2\thidden=64\theads=4\tkv_heads=2\tvocab=100\tffn=128\tctx=4096" \
             "\tverified=0\tsource=s"

static int parse(const char *line, catalog_row *r, char *err)
{
    return catalog_row_parse(line, strlen(line), r, err, CATALOG_ROW_ERR_SIZE);
}

static void refused(const char *line, const char *want)
{
    static catalog_row r;
    char err[CATALOG_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(line, &r, err), -1);
    ck_assert_str_eq(err, want);
}

START_TEST(test_parse_ok)
{
    static catalog_row r, c;
    char err[CATALOG_ROW_ERR_SIZE];

    ck_assert_int_eq(parse(BASE "\n", &r, err), 0);
    ck_assert_str_eq(r.id, "m");
    ck_assert_str_eq(r.family, "fam");
    ck_assert_int_eq(r.arch.layers, 2);
    ck_assert(r.arch.ffn_dim == 128);
    ck_assert_int_eq(r.ctx, 4096);
    ck_assert_ptr_eq(r.arch.name, r.name);
    ck_assert_ptr_null(r.arch.pattern);
    ck_assert(r.params == 0);
    catalog_row_copy(&c, &r);
    ck_assert_ptr_eq(c.arch.name, c.name);
    ck_assert_int_eq(parse(BASE "\tparams=-1", &r, err), -1);
    ck_assert_int_eq(parse("# comment", &r, err), 1);
    ck_assert_int_eq(parse("  \t\r\n", &r, err), 1);
    ck_assert_int_eq(parse("", &r, err), 1);
    ck_assert_int_eq(parse(BASE "\tnorms=sandwich\tmixer=swa\tspan=8\tfull_period=2"
                           "\tfull_index=1\tparams=100\tparams_diff=-3\tparams_note=n",
                           &r, err), 0);
    ck_assert_int_eq(r.arch.norms, ARCH_NORM_SANDWICH);
    ck_assert(r.params_diff == -3);
}
END_TEST

START_TEST(test_parse_errors)
{
    static char longline[CATALOG_ROW_MAX_LINE + 2];
    static catalog_row r;
    char err[CATALOG_ROW_ERR_SIZE];

    refused(BASE "\thiden=3", "unknown key 'hiden'");
    refused("m\tM\tfam\tlayers=x\thidden=64",
            "layers: expected a whole number from 1 to 1024, got 'x'");
    refused("m\tM\tfam\tlayers=2000", "layers: expected a whole number from 1 to 1024, got '2000'");
    refused("m\tM\tfam\tlayers=2\theads=4\tvocab=100\tffn=128\tctx=4096\tverified=0\tsource=s",
            "missing field 'hidden'");
    refused(BASE "\tvocab=100", "duplicate key 'vocab'");
    refused("m\tM\tfam\tverified=2", "verified: expected a whole number from 0 to 1, got '2'");
    refused(BASE "\tnorms=post", "norms: expected pre, pre_post, sandwich or single, got 'post'");
    refused(BASE "\tmixer=rnn",
            "mixer: expected full, swa, chunked, linear, ssm or mla, got 'rnn'");
    refused(BASE "\tfoo", "field 'foo' is not key=value");
    /* a bad value with control bytes (found by fuzz_catalog_row): one line */
    refused("m\tM\tfam\tlayers=61\thidden=7168\theads=\n\n12",
            "heads: expected a whole number from 1 to 1048576, got '??12'");
    /* no escape sequence from a user's catalog reaches the terminal */
    refused("m\tM\033[2J\tfam\tlayers=2", "name: expected printable characters, got 'M?[2J'");
    refused(BASE "\tparams_note=a\033]0;x\007",
            "params_note: expected printable characters, got 'a?]0;x?'");
    refused(BASE "\t", "an empty field (two tabs in a row)");
    refused(BASE "\tparams_note=", "params_note: empty");
    refused("m\tM", "missing field 'family'");
    refused("M x\tM\tfam", "id: expected lowercase letters, digits, '.', '-' or '_', got 'M x'");
    refused(BASE "\tmixer=swa", "the architecture is not valid: mixer swa or chunked needs span");
    refused(BASE "\tpattern=MM*",
            "the architecture is not valid: pattern needs one character per layer");
    refused(BASE "\tmoe.experts=8\tmoe.active=9\tmoe.expert_dim=8",
            "the architecture is not valid: moe.active must be from 1 to moe.experts");
    /* The new keys' combinations arch_valid refuses. */
    refused(BASE "\tnorms=sandwich\tnorms_after=1",
            "the architecture is not valid: a size is missing, out of range or too large in product");
    /* V read from K needs V as wide as K. */
    refused(BASE "\thead_dim_v=8\tfull_k_eq_v=1",
            "the architecture is not valid: a size is missing, out of range or too large in product");
    /* The indexer's query needs the q down-projection. */
    ck_assert_int_eq(parse(BASE "\tmixer=mla\tmla.kv_lora_rank=16\tmla.qk_nope_head_dim=8"
                           "\tmla.qk_rope_head_dim=8\tmla.v_head_dim=8\tmla.index_heads=4"
                           "\tmla.index_head_dim=8", &r, err), -1);
    ck_assert_int_eq(parse(BASE "\tmixer=mla\tmla.kv_lora_rank=16\tmla.qk_nope_head_dim=8"
                           "\tmla.qk_rope_head_dim=8\tmla.v_head_dim=8\tmla.index_heads=4"
                           "\tmla.index_head_dim=8\tmla.q_lora_rank=16", &r, err), 0);
    refused(BASE "\tparams_diff=4", "params_diff: needs params");
    refused(BASE "\tparams=9\tparams_diff=4", "params_diff: needs params_note");
    memset(longline, 'a', sizeof longline - 1);
    ck_assert_int_eq(catalog_row_parse(longline, sizeof longline - 1, &rows[0], NULL, 0), -1);
    refused(longline, "line longer than 4096 characters");
}
END_TEST

static Suite *catalog_data_suite(void)
{
    Suite *s = suite_create("catalog_data");
    TCase *data = tcase_create("data");
    TCase *parser = tcase_create("parser");

    tcase_add_test(data, test_every_row_parses);
    tcase_add_test(data, test_ids_unique);
    tcase_add_test(data, test_published_totals);
    tcase_add_test(data, test_known_rows);
    tcase_add_test(data, test_named_ids);
    tcase_add_test(data, test_vision_rows);
    tcase_add_test(data, test_layer_patterns);
    tcase_add_test(data, test_new_tensor_kinds);
    tcase_add_loop_test(data, test_family_totals, 0, (int)(sizeof pins / sizeof pins[0]));
    suite_add_tcase(s, data);
    tcase_add_test(parser, test_parse_ok);
    tcase_add_test(parser, test_parse_errors);
    suite_add_tcase(s, parser);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(catalog_data_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
