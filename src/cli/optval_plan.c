/* optval_plan.c - the values of the serving, fine-tuning, rounding and
 * lesson options (optval_plan.h).
 *
 * snprintf results are not checked where a message is only cut short at
 * errsize: the quoted values are bounded by QUOTE_SIZE. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/optval.h"
#include "cli/optval_plan.h"
#include "model/parse.h"

/* Room for a hint and for a number in it. */
#define OPTVAL_PLAN_HINT_SIZE 256
#define OPTVAL_PLAN_NUM_SIZE 32
/* Room for one name of --compare's list as typed. */
#define OPTVAL_PLAN_ITEM_SIZE 64
/* Formats a comparison needs at least. */
#define OPTVAL_PLAN_COMPARE_MIN 2
/* Percent: the most a quality loss can be. */
#define OPTVAL_PLAN_PERCENT_MAX 100.0
/* Names offered for an unknown format of --compare. */
#define OPTVAL_PLAN_SUGGESTIONS 3


/* A positive decimal up to max into *out, else the message ("invalid
 * NOUN" or "NOUN ... out of range"). */
static int optval_plan_positive(const char *arg, double max, const char *noun,
                                const char *examples, double *out, char *err, size_t errsize)
{
    char hint[OPTVAL_PLAN_HINT_SIZE], hi[OPTVAL_PLAN_NUM_SIZE], what[OPTVAL_PLAN_ITEM_SIZE];
    double v;

    if (parse_decimal(arg, &v) == 0 && v > 0.0 && v <= max) {
        *out = v;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected a number above 0, at most %s, such as %s",
                   optval_num(hi, sizeof hi, max), examples);
    if (parse_decimal(arg, &v) == 0)
        return optval_range(err, errsize, noun, arg, hint);
    (void)snprintf(what, sizeof what, "invalid %s", noun);
    return optval_fail(err, errsize, what, arg, hint);
}

/* A whole number from lo to hi into *out, else the message (as above). */
static int optval_plan_whole(const char *arg, long lo, long hi, const char *noun,
                             const char *examples, long *out, char *err, size_t errsize)
{
    char hint[OPTVAL_PLAN_HINT_SIZE], what[OPTVAL_PLAN_ITEM_SIZE];
    long v;

    if (parse_ctx(arg, &v) == 0 && v >= lo && v <= hi) {
        *out = v;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected a whole number from %ld to %ld, such as %s",
                   lo, hi, examples);
    if (parse_ctx(arg, &v) == 0)
        return optval_range(err, errsize, noun, arg, hint);
    (void)snprintf(what, sizeof what, "invalid %s", noun);
    return optval_fail(err, errsize, what, arg, hint);
}

int optval_plan_requests_per_day(options *o, const char *arg, char *err, size_t errsize)
{
    o->query.serve.asked = 1;
    o->query.serve.rps = 0.0;
    return optval_plan_positive(arg, OPTVAL_PLAN_REQUESTS_MAX, "requests per day",
                                "10000", &o->query.serve.requests_per_day, err, errsize);
}

int optval_plan_rps(options *o, const char *arg, char *err, size_t errsize)
{
    o->query.serve.asked = 1;
    o->query.serve.requests_per_day = 0.0;
    return optval_plan_positive(arg, OPTVAL_PLAN_RPS_MAX, "requests per second",
                                "0.5 or 20", &o->query.serve.rps, err, errsize);
}

int optval_plan_peak(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_PLAN_HINT_SIZE], hi[OPTVAL_PLAN_NUM_SIZE];
    double v;

    o->query.serve.asked = 1;
    if (parse_decimal(arg, &v) == 0 && v >= 1.0 && v <= OPTVAL_PLAN_PEAK_MAX) {
        o->query.serve.peak_factor = v;
        o->query.serve.peak_given = 1;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected the peak over the average load, from 1 to %s, "
                   "such as 2 or 3.5", optval_num(hi, sizeof hi, OPTVAL_PLAN_PEAK_MAX));
    if (parse_decimal(arg, &v) == 0)
        return optval_range(err, errsize, "peak factor", arg, hint);
    return optval_fail(err, errsize, "invalid peak factor", arg, hint);
}

static int optval_plan_tokens(options *o, const char *arg, long *out, const char *what,
                              char *err, size_t errsize)
{
    o->query.serve.asked = 1;
    o->query.serve.tokens_given = 1;
    return optval_plan_whole(arg, 1, WORKLOAD_TOKENS_MAX, what, "512, 2k or 8k", out, err,
                             errsize);
}

int optval_plan_prompt(options *o, const char *arg, char *err, size_t errsize)
{
    return optval_plan_tokens(o, arg, &o->query.serve.prompt_tokens, "prompt tokens",
                              err, errsize);
}

int optval_plan_output(options *o, const char *arg, char *err, size_t errsize)
{
    return optval_plan_tokens(o, arg, &o->query.serve.output_tokens, "output tokens",
                              err, errsize);
}

int optval_plan_price(options *o, const char *arg, char *err, size_t errsize)
{
    const char *a = arg[0] == '$' ? arg + 1 : arg;

    o->query.serve.asked = 1;
    if (optval_plan_positive(a, OPTVAL_PLAN_PRICE_MAX, "GPU price",
                             "0.70 or 2.69 (USD per GPU-hour)", &o->query.serve.gpu_price,
                             err, errsize) == 0)
        return 0;
    /* The message names the word as typed, $ and all. */
    return optval_plan_positive(arg, OPTVAL_PLAN_PRICE_MAX, "GPU price",
                                "0.70 or 2.69 (USD per GPU-hour)", &o->query.serve.gpu_price,
                                err, errsize);
}

int optval_plan_compare(options *o, const char *arg, char *err, size_t errsize)
{
    char item[OPTVAL_PLAN_ITEM_SIZE], hint[OPTVAL_PLAN_HINT_SIZE * 2], mean[OPTVAL_PLAN_HINT_SIZE];
    const qs_format *near[OPTVAL_PLAN_SUGGESTIONS];
    const char *names[OPTVAL_PLAN_SUGGESTIONS];
    const char *p = arg;
    size_t n, k, len;

    o->query.serve.asked = 1;
    o->ncompare = 0;
    for (;;) {
        const qs_format *f;

        len = strcspn(p, ",");
        if (len == 0 || len >= sizeof item)
            return optval_fail(err, errsize, "invalid format list", arg,
                               "expected named precisions separated by commas, such as "
                               "fp16,int8,int4");
        (void)snprintf(item, sizeof item, "%.*s", (int)len, p);
        f = formats_find(item);
        if (f == NULL) {
            n = formats_suggest(item, near, OPTVAL_PLAN_SUGGESTIONS);
            for (k = 0; k < n; k++)
                names[k] = near[k]->name;
            optval_did_you_mean(mean, sizeof mean, names, n);
            (void)snprintf(hint, sizeof hint, "%sexpected names from --list-formats separated "
                           "by commas, such as fp16,int8,int4", mean);
            return optval_fail(err, errsize, "unknown format", item, hint);
        }
        for (k = 0; k < o->ncompare; k++)
            if (o->compare[k] == f)
                return optval_fail(err, errsize, "format given twice in --compare", item,
                                   "name each format once");
        if (o->ncompare == SERVE_COMPARE_MAX) {
            (void)snprintf(hint, sizeof hint, "at most %d formats", SERVE_COMPARE_MAX);
            return optval_fail(err, errsize, "too many formats", arg, hint);
        }
        o->compare[o->ncompare++] = f;
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    if (o->ncompare < OPTVAL_PLAN_COMPARE_MIN)
        return optval_fail(err, errsize, "too few formats to compare", arg,
                           "expected two or more, such as fp16,int8,int4");
    return 0;
}

int optval_plan_max_loss(options *o, const char *arg, char *err, size_t errsize)
{
    char num[OPTVAL_PLAN_ITEM_SIZE];
    size_t len = strlen(arg);
    double v;

    o->query.serve.asked = 1;
    if (len > 0 && len < sizeof num) {
        (void)snprintf(num, sizeof num, "%s", arg);
        if (num[len - 1] == '%')
            num[len - 1] = '\0';
        if (parse_decimal(num, &v) == 0 && v <= OPTVAL_PLAN_PERCENT_MAX) {
            o->max_loss_pct = v;
            return 0;
        }
    }
    return optval_fail(err, errsize, "invalid quality loss", arg,
                       "expected a percentage from 0 to 100, such as 1% or 0.5");
}

int optval_plan_train(options *o, const char *arg, char *err, size_t errsize)
{
    if (workload_mode_find(arg, &o->query.train.mode) != 0)
        return optval_fail(err, errsize, "unknown fine-tuning method", arg,
                           "expected full, lora or qlora");
    return 0;
}

int optval_plan_rank(options *o, const char *arg, char *err, size_t errsize)
{
    long v;

    if (optval_plan_whole(arg, 1, WORKLOAD_TRAIN_RANK_MAX, "LoRA rank", "8, 16 or 64",
                          &v, err, errsize) != 0)
        return -1;
    o->query.train.rank = (int)v;
    return 0;
}

int optval_plan_targets(options *o, const char *arg, char *err, size_t errsize)
{
    if (workload_targets_find(arg, &o->query.train.targets) != 0)
        return optval_fail(err, errsize, "unknown LoRA targets", arg,
                           "expected attention, mlp or all");
    return 0;
}

int optval_plan_seq(options *o, const char *arg, char *err, size_t errsize)
{
    return optval_plan_whole(arg, 1, WORKLOAD_TOKENS_MAX, "sequence length",
                             "512, 2048 or 4k", &o->query.train.seq, err, errsize);
}

int optval_plan_micro_batch(options *o, const char *arg, char *err, size_t errsize)
{
    long v;

    if (optval_plan_whole(arg, 1, WORKLOAD_TRAIN_MICRO_BATCH_MAX, "micro-batch",
                          "1, 4 or 16", &v, err, errsize) != 0)
        return -1;
    o->query.train.micro_batch = (int)v;
    return 0;
}

int optval_plan_checkpointing(options *o, const char *arg, char *err, size_t errsize)
{
    if (strcasecmp(arg, "on") == 0 || strcasecmp(arg, "yes") == 0) {
        o->query.train.grad_checkpointing = 1;
        return 0;
    }
    if (strcasecmp(arg, "off") == 0 || strcasecmp(arg, "no") == 0) {
        o->query.train.grad_checkpointing = 0;
        return 0;
    }
    return optval_fail(err, errsize, "invalid gradient checkpointing", arg, "expected on or off");
}

int optval_plan_optimizer(options *o, const char *arg, char *err, size_t errsize)
{
    if (workload_optimizer_find(arg, &o->query.train.optimizer) != 0)
        return optval_fail(err, errsize, "unknown optimizer", arg,
                           "expected adamw, adamw8bit, paged-adamw or sgd");
    return 0;
}

int optval_plan_seed(options *o, const char *arg, char *err, size_t errsize)
{
    long v;

    if (parse_whole(arg, &v) != 0 || v < 0)
        return optval_fail(err, errsize, "invalid seed", arg,
                           "expected a whole number from 0, such as 42");
    o->seed = (unsigned long)v;
    o->seed_given = 1;
    return 0;
}

int optval_plan_theme(options *o, const char *arg, char *err, size_t errsize)
{
    char hint[OPTVAL_PLAN_HINT_SIZE];

    if (theme_find(arg, &o->theme) == 0) {
        o->theme_given = 1;
        return 0;
    }
    (void)snprintf(hint, sizeof hint, "expected %s", theme_names());
    return optval_fail(err, errsize, "unknown theme", arg, hint);
}
