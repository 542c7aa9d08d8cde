/* check_options.c - unit tests for cli/options and cli/optval: the option
 * table, the parser (prefixes, clusters, --x=v), the modes, the values set
 * in the query, and the exact messages of every refusal. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/options.h"
#include "model/formats.h"
#include "model/kvcache.h"
#include "model/models.h"
#include "model/query.h"

/* The widest line --help may write. */
#define MAX_COLS 79
#define HELP_SIZE 16384
/* Enough words for any command line below. */
#define MAX_ARGS 32
/* What a word that is no model is told (optval.c OPTVAL_SIZE_HINT). */
#define OPTIONS_TEST_SIZE_HINT "e.g. 7B, 350M, 1.5T, 7e9, a preset such as llama-3.1-8b, or a " \
    "model file: a .gguf or .safetensors file, a folder, hf:ORG/NAME, ollama:NAME"

static options o;
static char err[OPTIONS_ERROR_SIZE];

/* Parses the NULL-terminated words after "quantscope". */
static int parse_words(const char *const *words)
{
    char *argv[MAX_ARGS + 1];
    int argc = 0;

    argv[argc++] = (char *)"quantscope";
    while (*words != NULL && argc < MAX_ARGS)
        argv[argc++] = (char *)*words++;
    argv[argc] = NULL;
    err[0] = '\0';
    if (options_parse(argc, argv, &o, err, sizeof err) != 0)
        return -1;
    return options_resolve(&o, models_builtin(), err, sizeof err);
}

#define PARSE(...) parse_words((const char *const[]){ __VA_ARGS__, NULL })
#define PARSE_NONE() parse_words((const char *const[]){ NULL })

/* The words parse, in mode m. */
#define OK(m, ...)                                                                  \
    do {                                                                            \
        ck_assert_msg(PARSE(__VA_ARGS__) == 0, "refused: %s", err);                  \
        ck_assert_int_eq(o.mode, (m));                                              \
    } while (0)

/* The words are refused with exactly this message. */
#define REFUSED(msg, ...)                                                           \
    do {                                                                            \
        ck_assert_int_eq(PARSE(__VA_ARGS__), -1);                                   \
        ck_assert_str_eq(err, (msg));                                               \
    } while (0)

START_TEST(test_defaults_are_query_init)
{
    qs_query q;

    query_init(&q);
    ck_assert_int_eq(PARSE_NONE(), 0);
    ck_assert_int_eq(o.mode, OPTIONS_MODE_DEFAULT);
    ck_assert(memcmp(&o.query, &q, sizeof q) == 0);
    ck_assert(!o.have_bits && !o.have_from && !o.have_to && !o.json && !o.check);
    ck_assert(!o.all_formats);
}
END_TEST

/* Defect a: the message names the word typed and the real reason (the old
 * getopt parser said "unknown option" for --table=5 and for an ambiguous
 * prefix, and named argv[0] or the previous word). */
START_TEST(test_errors_name_the_word)
{
    REFUSED("unknown option '--foo' (see quantscope --help)", "--foo");
    REFUSED("unknown option '--foo' (see quantscope --help)", "-p", "7B", "--foo=bar");
    REFUSED("option '--table' takes no value (got '--table=5')", "--table=5");
    REFUSED("option '--ta' takes no value (got '--ta=5')", "--ta=5");
    REFUSED("option '-t' takes no value (got '-t=5')", "-t=5");
    REFUSED("option '--a' is ambiguous: --all-formats, --apple-share", "--a");
    REFUSED("option '--f' is ambiguous: --family, --format, --from, --fit", "--f", "4");
    REFUSED("option '--l' is ambiguous: --layers, --list-models, --list-devices, --list-formats, "
                      "--lora-targets, --lesson",
            "--l");
    REFUSED("option '--ctx' needs a value: --ctx N", "--ctx");
    REFUSED("option '-p' needs a value: -p SIZE", "-t", "-p");
    REFUSED("unknown option '-x' in '-tx' (see quantscope --help)", "-tx");
    REFUSED("unknown option '-x' (see quantscope --help)", "-x");
    /* Not a letter: the whole word (in the C locale each byte >= 0x80 is a '?'). */
    REFUSED("unknown option '-?" "?' (see quantscope --help)", "-\xc3\xa9");
    REFUSED("unknown option '-?' (see quantscope --help)", "-?");
    /* A bare word is the model, as after -p; a second one is refused. */
    REFUSED("invalid model size 'foo' (expected " OPTIONS_TEST_SIZE_HINT ")", "foo");
    REFUSED("unexpected argument '8B' (one model a command: a size, a preset name or a file)",
            "--", "7B", "8B");
    REFUSED("unexpected argument '8B' (the model is given once: -p or a bare argument)",
            "-p", "7B", "8B");
    REFUSED("unexpected argument 'x' (one model a command: a size, a preset name or a file)",
            "--list-devices", "x");
}
END_TEST

START_TEST(test_prefixes_clusters_and_values)
{
    OK(OPTIONS_MODE_TABLE, "--ta");
    OK(OPTIONS_MODE_LIST_MODELS, "--list-m");
    OK(OPTIONS_MODE_FIT, "--dev", "24GiB", "--dev=rtx-4090");
    ck_assert_uint_eq(o.query.ndevices, 2);
    ck_assert_str_eq(o.query.devices[1].id, "rtx-4090");
    OK(OPTIONS_MODE_TABLE, "-tj");
    ck_assert(o.json);
    OK(OPTIONS_MODE_TABLE, "-jt");
    OK(OPTIONS_MODE_FOOTPRINT, "-p7B", "-b4");
    ck_assert(o.query.params == 7e9 && o.query.bits == 4.0 && o.query.format == NULL);
    OK(OPTIONS_MODE_FOOTPRINT, "-jf", "q4_k_m");
    ck_assert(o.json && o.query.format == formats_find("q4_k_m"));
    OK(OPTIONS_MODE_FIT, "--ctx=8k");
    ck_assert_int_eq(o.query.ctx, 8192);
    OK(OPTIONS_MODE_FIT, "--ctx", "128k");
    ck_assert_int_eq(o.query.ctx, 131072);
    /* An exact name wins over the longer names it is a prefix of. */
    OK(OPTIONS_MODE_FIT, "--fit");
    /* A value that looks like an option is still the value. */
    REFUSED("invalid context '--json' (expected tokens from 1 to 100000000, such as 4096, "
            "8k or 128k)", "--ctx", "--json");
    OK(OPTIONS_MODE_HELP, "--help");
    OK(OPTIONS_MODE_HELP, "-h", "--ctx", "8k");
    OK(OPTIONS_MODE_VERSION, "-V");
}
END_TEST

START_TEST(test_query_values)
{
    const qs_format *awq = formats_find("awq"), *gptq = formats_find("gptq");

    ck_assert_ptr_nonnull(awq);
    ck_assert_ptr_nonnull(gptq);
    /* AWQ and GPTQ have the same bits: each stays what the user named. */
    OK(OPTIONS_MODE_FOOTPRINT, "-f", "awq");
    ck_assert_ptr_eq(o.query.format, awq);
    ck_assert(o.query.bits == awq->bits && o.have_bits);
    OK(OPTIONS_MODE_FOOTPRINT, "-b", "gptq");
    ck_assert_ptr_eq(o.query.format, gptq);
    OK(OPTIONS_MODE_FOOTPRINT, "-p", "llama-3.1-8b", "-b", "4.5");
    ck_assert_ptr_eq(o.query.model, models_find(models_builtin(), "llama-3.1-8b"));
    ck_assert(o.query.params == 8030261248.0);
    ck_assert(o.query.bits == 4.5 && o.query.format == NULL);
    OK(OPTIONS_MODE_TABLE, "--model", "13B", "-t");
    ck_assert(o.query.model == NULL && o.query.params == 13e9);
    OK(OPTIONS_MODE_SAVINGS, "--from", "fp16", "--to", "awq");
    ck_assert_ptr_eq(o.query.baseline_format, formats_find("fp16"));
    ck_assert_ptr_eq(o.query.format, awq);
    ck_assert(o.have_from && o.have_to && !o.have_bits);
    OK(OPTIONS_MODE_FIT, "--overhead", "0");
    ck_assert(o.query.overhead_gib == 0.0);
    OK(OPTIONS_MODE_FIT, "--overhead", "0GiB");
    ck_assert(o.query.overhead_gib == 0.0);
    OK(OPTIONS_MODE_FIT, "--overhead", "512MiB");
    ck_assert(o.query.overhead_gib == 0.5);
    OK(OPTIONS_MODE_FIT, "--kv-format", "q8_0", "--batch", "4", "--apple-share", "90%");
    ck_assert(o.query.kv_bits == KV_BITS_Q8_0 && o.query.batch == 4);
    ck_assert(o.query.apple_share == 0.9);
    OK(OPTIONS_MODE_FIT, "--kv-bits", "8.5", "--apple-share", "0.5");
    ck_assert(o.query.kv_bits == 8.5 && o.query.apple_share == 0.5);
    OK(OPTIONS_MODE_FIT, "--device", "24GiB", "--device", "RTX-4090", "--check");
    ck_assert(o.check);
    ck_assert_uint_eq(o.query.ndevices, 2);
    ck_assert_uint_eq(o.query.nhost, 0);
    ck_assert_int_eq(o.query.devices[0].kind, DEV_KIND_CUSTOM);
    ck_assert(o.query.devices[0].capacity_gib == 24.0);
    ck_assert_str_eq(o.query.devices[1].id, "rtx-4090");
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "--batch", "8");
    ck_assert_int_eq(o.query.batch, 8);
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "--from", "8", "--to", "q4_k_m");
    ck_assert(o.query.baseline_bits == 8.0 && o.query.baseline_format == NULL);
    ck_assert_ptr_eq(o.query.format, formats_find("q4_k_m"));
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "--from", "int8");
    ck_assert_ptr_eq(o.query.baseline_format, formats_find("int8"));
}
END_TEST

/* Defect b: a size that reads but is not above 0 is a size error, with no
 * catalog names (the old message suggested a100-40gb for 0GB). */
START_TEST(test_device_sizes)
{
    REFUSED("invalid device size '0GB' (a size must be above 0, e.g. 24GiB)", "--device", "0GB");
    REFUSED("invalid device size '-24GiB' (a size must be above 0, e.g. 24GiB)",
            "--device", "-24GiB");
    REFUSED("invalid device size '0.0TiB' (a size must be above 0, e.g. 24GiB)",
            "--device", "0.0TiB");
    REFUSED("device size '100TiB' out of range (expected a size from 1MiB to 64TiB, e.g. "
            "24GiB or 16GB)", "--device", "100TiB");
    REFUSED("device size '1e300TiB' out of range (expected a size from 1MiB to 64TiB, e.g. "
            "24GiB or 16GB)", "--device", "1e300TiB");
    REFUSED("device size '512KiB' out of range (expected a size from 1MiB to 64TiB, e.g. "
            "24GiB or 16GB)", "--device", "512KiB");
    REFUSED("invalid device size '1e400GB' (expected a size from 1MiB to 64TiB, e.g. 24GiB or "
            "16GB)", "--device", "1e400GB");
    REFUSED("unknown device 'rtx4090' (did you mean rtx-4090, rtx-3090, rtx-4060? expected a "
            "name from --list-devices or a size such as 24GiB or 16GB)", "--device", "rtx4090");
    OK(OPTIONS_MODE_FIT, "--device", "64TiB", "--device", "1MiB");
    REFUSED("too many devices at 'h200' (at most 8 --device options)", "--device", "h200",
            "--device", "h200", "--device", "h200", "--device", "h200", "--device", "h200",
            "--device", "h200", "--device", "h200", "--device", "h200", "--device", "h200");
}
END_TEST

/* Defect c: magnitudes out of range name the range (the old parser took
 * --overhead 1e290TiB and -b 1e-300 and printed 300 digits and "0 bits"). */
START_TEST(test_ranges)
{
    REFUSED("overhead '1e290TiB' out of range (expected 0 for none, or a size with a unit up "
            "to 1TiB such as 0.5GiB, 800MB or 1GiB)", "--overhead", "1e290TiB");
    REFUSED("overhead '2TiB' out of range (expected 0 for none, or a size with a unit up to "
            "1TiB such as 0.5GiB, 800MB or 1GiB)", "--overhead", "2TiB");
    REFUSED("invalid overhead '12' (expected 0 for none, or a size with a unit up to 1TiB such "
            "as 0.5GiB, 800MB or 1GiB)", "--overhead", "12");
    REFUSED("bits '1e-300' out of range (expected 0.01 to 64 bits per weight, or a name from "
            "--list-formats such as q4_k_m)", "-b", "1e-300");
    REFUSED("bits '65' out of range (expected 0.01 to 64 bits per weight, or a name from "
            "--list-formats such as q4_k_m)", "-f", "65");
    REFUSED("bits '0' out of range (expected 0.01 to 64 bits per weight, or a name from "
            "--list-formats such as q4_k_m)", "--from", "0", "--to", "4");
    REFUSED("invalid bits 'abc' (did you mean AWQ? expected bits from 0.01 to 64 such as 4 or "
            "4.5, or a name from --list-formats such as q4_k_m, gptq, exl2-4.65)", "-b", "abc");
    REFUSED("unknown format 'q9_z' (did you mean Q8_0, Q6_K, Q5_1? expected bits from 0.01 to "
            "64 such as 4 or 4.5, or a name from --list-formats such as q4_k_m, gptq, exl2-4.65)",
            "-f", "q9_z");
    REFUSED("unknown format 'gtpq' (did you mean GPTQ? expected bits from 0.01 to 64 such as 4 "
            "or 4.5, or a name from --list-formats such as q4_k_m, gptq, exl2-4.65)", "-f", "gtpq");
    REFUSED("unknown format 'q4km' (did you mean Q4_K_M, Q4_1, Q4_0? expected bits from 0.01 to 64 such as "
            "4 or 4.5, or a name from --list-formats such as q4_k_m, gptq, exl2-4.65)", "-f",
            "q4km");
    REFUSED("KV cache bits '1e-9' out of range (expected bits from 0.01 to 64 such as 16, 8.5 "
            "or 4.5)", "--kv-bits", "1e-9");
    REFUSED("model size '1e300' out of range (expected 1 to 1000T parameters, e.g. 7B, 350M, "
            "1.5T)", "-p", "1e300");
    REFUSED("model size '0.5' out of range (expected 1 to 1000T parameters, e.g. 7B, 350M, "
            "1.5T)", "-p", "0.5");
    REFUSED("invalid model size '-7B' (expected " OPTIONS_TEST_SIZE_HINT ")", "-p", "-7B");
    REFUSED("invalid model size 'lama-3.1-8b' (did you mean llama-3.1-8b, llama-3.1-70b, "
            "llama-3.2-1b? expected " OPTIONS_TEST_SIZE_HINT ")",
            "-p", "lama-3.1-8b");
    /* A number with a unit is never offered catalog names. */
    REFUSED("model size '0B' out of range (expected 1 to 1000T parameters, e.g. 7B, 350M, "
            "1.5T)", "-p", "0B");
    REFUSED("invalid batch '4097' (expected a whole number of sequences from 1 to 4096)",
            "--batch", "4097");
    OK(OPTIONS_MODE_FOOTPRINT, "-b", "0.01");
    OK(OPTIONS_MODE_FOOTPRINT, "-p", "1000T", "-b", "64");
}
END_TEST

/* Defect d: every value quoted is cleaned and cut. */
START_TEST(test_quoted_values)
{
    char long_value[500], want[OPTIONS_ERROR_SIZE];

    memset(long_value, 'x', sizeof long_value - 1);
    long_value[sizeof long_value - 1] = '\0';
    REFUSED("invalid model size '?[31mabc' (expected " OPTIONS_TEST_SIZE_HINT ")", "-p", "\x1b[31mabc");
    REFUSED("unknown KV cache type 'q8?0' (expected one of f32, f16, bf16, q8_0, q5_1, q5_0, "
            "q4_1, q4_0, iq4_nl)", "--kv-format", "q8\t0");
    REFUSED("unknown option '--?[2J' (see quantscope --help)", "--\x1b[2J");
    REFUSED("unknown device '?[2J' (expected a name from --list-devices or a size such as "
            "24GiB or 16GB)", "--device", "\x1b[2J");
    REFUSED("invalid model size '7?B' (expected " OPTIONS_TEST_SIZE_HINT ")", "-p", "7\xff" "B");
    ck_assert_int_eq(PARSE("-p", long_value), -1);
    (void)snprintf(want, sizeof want, "invalid model size '%.48s...' (", long_value);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got: %s", err);
    ck_assert_int_eq(PARSE("7B", long_value), -1);
    (void)snprintf(want, sizeof want, "unexpected argument '%.48s...' (", long_value);
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got: %s", err);
}
END_TEST

START_TEST(test_modes)
{
    REFUSED("--json does not apply to the interactive front end (-i)", "-i", "--json");
    REFUSED("-j does not apply to the interactive front end (--interactive)",
            "--interactive", "-j");
    REFUSED("--check does not apply to the interactive front end (-i)", "-i", "--check");
    REFUSED("-t does not apply to the interactive front end (-i)", "-t", "-i");
    REFUSED("--all-formats does not apply to the interactive front end (-i)",
            "-i", "--all-formats");
    REFUSED("-i does not apply to the model list (--list-models)", "-i", "--list-models");
    REFUSED("--all-formats goes with --table", "--all-formats");
    REFUSED("--all-formats goes with --table", "--json", "--all-formats");
    REFUSED("--table does not apply to the fit (--device)", "--table", "--device", "h100-sxm");
    REFUSED("--from does not apply to the fit (--ctx)", "--ctx", "8k", "--from", "16",
            "--to", "4");
    REFUSED("--table and -b do not go together (choose one report: --table, -b/-f or "
            "--from/--to)", "--table", "-b", "4");
    REFUSED("--list-models and --host do not go together (--list-models, --list-devices, "
            "--list-formats, --host and --scan stand alone)", "--list-models", "--host");
    REFUSED("--host and --scan do not go together (--list-models, --list-devices, "
            "--list-formats, --host and --scan stand alone)", "--scan", "--host");
    REFUSED("-p does not apply to --scan (--scan)", "--scan", "-p", "7B");
    REFUSED("-p does not apply to the model list (--list-models)", "--list-models", "-p", "7B");
    REFUSED("--apple-share does not apply to the format list (--list-formats)",
            "--list-formats", "--apple-share", "0.9");
    REFUSED("--from needs --to as well (e.g. --from fp16 --to q4_k_m)", "--from", "16");
    REFUSED("--to needs --from as well (e.g. --from fp16 --to q4_k_m)", "--to", "4");
    REFUSED("give --ctx once", "--ctx", "5", "--ctx", "6");
    REFUSED("give -b or -f, not both", "-b", "4", "-f", "fp16");
    REFUSED("give --params or --model, not both", "--params", "7B", "--model", "8B");
    REFUSED("give --to or -b, not both", "-i", "--to", "4", "-b", "3");
    REFUSED("give --kv-bits or --kv-format, not both", "--kv-bits", "8", "--kv-format", "q8_0");
    OK(OPTIONS_MODE_LIST_DEVICES, "--list-devices", "--apple-share", "90%", "--json");
    OK(OPTIONS_MODE_HOST, "--host", "-j");
    OK(OPTIONS_MODE_FIT, "-p", "13B", "-b", "4", "--json", "--fit");
    OK(OPTIONS_MODE_FIT, "--apple-share", "0.9");
    /* --json alone: the default report (main prints the table, or a read
     * model's fit), never the front end. */
    OK(OPTIONS_MODE_DEFAULT, "--json");
    OK(OPTIONS_MODE_SCAN, "--scan", "/tmp", "--device", "rtx-4090", "--ctx", "8k", "--json");
    OK(OPTIONS_MODE_TABLE, "--table", "--all-formats", "-p", "70B");
    OK(OPTIONS_MODE_DEFAULT, "-p", "70B");
    /* -i takes every part of the question the reports take. */
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "-p", "llama-3.1-8b", "-f", "q4_k_m", "--ctx", "8k", "--batch",
       "2", "--kv-bits", "8.5", "--overhead", "1GiB", "--device", "rtx-4090", "--apple-share",
       "0.9", "--fit");
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "--kv-format", "q4_0", "--from", "fp16", "--to", "4");
    /* Flags may repeat; they say the same thing. */
    OK(OPTIONS_MODE_TABLE, "-t", "--table");
}
END_TEST

/* Issue 11: rigs, machines, the runtime and its margins. */
START_TEST(test_rig_options)
{
    OK(OPTIONS_MODE_FIT, "--device", "2xrtx-3090");
    ck_assert_uint_eq(o.query.ndevices, 1);
    ck_assert_str_eq(o.query.devices[0].id, "2xrtx-3090");
    ck_assert_int_eq(o.query.rigs[0].ngpu, 2);
    ck_assert_int_eq(o.query.rigs[0].nodes, 1);
    ck_assert_str_eq(o.query.rigs[0].gpu[1].id, "rtx-3090");
    ck_assert(o.query.rigs[0].split[0] == 0.0 && o.query.rigs[0].split[1] == 0.0);
    OK(OPTIONS_MODE_FIT, "--device", "RTX-4090+rtx-3090", "--device", "h200");
    ck_assert_uint_eq(o.query.ndevices, 2);
    ck_assert_str_eq(o.query.rigs[0].gpu[0].id, "rtx-4090");
    ck_assert_str_eq(o.query.rigs[0].gpu[1].id, "rtx-3090");
    ck_assert_int_eq(o.query.rigs[1].ngpu, 0);
    ck_assert_str_eq(o.query.devices[1].id, "h200");
    /* One GPU on one machine is the device alone. */
    OK(OPTIONS_MODE_FIT, "--device", "1xrtx-4090");
    ck_assert_int_eq(o.query.rigs[0].ngpu, 0);
    ck_assert_str_eq(o.query.devices[0].id, "rtx-4090");
    /* --nodes, before or after the devices, makes each target machines. */
    OK(OPTIONS_MODE_FIT, "--nodes", "2", "--device", "8xh100-sxm", "--device", "h200");
    ck_assert(o.nodes == 2 && o.query.rigs[0].ngpu == 8 && o.query.rigs[0].nodes == 2);
    ck_assert(o.query.rigs[1].ngpu == 1 && o.query.rigs[1].nodes == 2);
    ck_assert_str_eq(o.query.devices[1].id, "h200");
    OK(OPTIONS_MODE_FIT, "--device", "h100-sxm", "--nodes", "1");
    ck_assert_int_eq(o.query.rigs[0].ngpu, 0);
    /* --tensor-split goes to the rigs of as many GPUs, '/' as llama.cpp reads it. */
    OK(OPTIONS_MODE_FIT, "--tensor-split", "3,1", "--device", "2xrtx-3090", "--device",
       "rtx-4090", "--device", "2xh200");
    ck_assert(o.query.rigs[0].split[0] == 3.0 && o.query.rigs[0].split[1] == 1.0);
    ck_assert(o.query.rigs[2].split[0] == 3.0 && o.query.rigs[2].split[1] == 1.0);
    ck_assert_int_eq(o.query.rigs[1].ngpu, 0);
    OK(OPTIONS_MODE_FIT, "--device", "3x24GiB", "--tensor-split", "0/1.5/2");
    ck_assert(o.query.rigs[0].split[0] == 0.0 && o.query.rigs[0].split[2] == 2.0);
    ck_assert(o.query.rigs[0].gpu[2].capacity_gib == 24.0);
    /* The runtime by name or alias, any case; the sizes and counts. */
    OK(OPTIONS_MODE_FIT, "--runtime", "vLLM");
    ck_assert_int_eq(o.query.runtime, RUNTIME_VLLM);
    OK(OPTIONS_MODE_FIT, "--runtime", "mlx_lm", "--gpu-memory", "26000MiB", "--margin", "0");
    ck_assert_int_eq(o.query.runtime, RUNTIME_MLX);
    ck_assert(o.query.gpu_memory_gib == 26000.0 / 1024.0 && o.query.margin_gib == 0.0);
    OK(OPTIONS_MODE_FIT, "--margin", "512MiB", "--n-cpu-moe", "0", "--ram-bandwidth", "63.5");
    ck_assert(o.query.margin_gib == 0.5 && o.query.n_cpu_moe == 0);
    ck_assert(o.query.ram_bandwidth_gbs == 63.5);
    OK(OPTIONS_MODE_FIT, "--n-cpu-moe", "1024", "--print-command");
    ck_assert(o.query.n_cpu_moe == 1024 && o.print_command);
    OK(OPTIONS_MODE_INTERACTIVE, "-i", "--print-command", "--runtime", "ollama", "--device",
       "2xrtx-3090", "--nodes", "2");
    ck_assert(o.print_command && o.query.runtime == RUNTIME_OLLAMA);
    OK(OPTIONS_MODE_SCAN, "--scan", "--runtime", "sglang", "--ram-bandwidth", "60");
    REFUSED("--print-command does not apply to --scan (--scan)", "--scan", "--print-command");
    REFUSED("give --runtime once", "--runtime", "vllm", "--runtime", "mlx");
    REFUSED("give --print-command once", "--print-command", "--print-command");
}
END_TEST

START_TEST(test_rig_refusals)
{
    REFUSED("--device '2xrtx-309': 'rtx-309' is not a device of the catalog or a size (24GiB); "
            "did you mean rtx-3090, rtx-3060, rtx-4090?", "--device", "2xrtx-309");
    REFUSED("--device 'rtx-4090+2x0GB': '0GB' is not a device of the catalog or a size "
            "(24GiB)", "--device", "rtx-4090+2x0GB");
    REFUSED("--device 'rtx-4090+': empty part between '+'", "--device", "rtx-4090+");
    REFUSED("--device '17xh100-sxm': '17xh100-sxm': count must be 1 to 16", "--device",
            "17xh100-sxm");
    REFUSED("--nodes needs --device (a GPU or a rig, e.g. --device 8xh100-sxm --nodes 2)",
            "--nodes", "2");
    REFUSED("--nodes 2: 'laptop-8gb' is not a GPU (a rig is made of GPUs, e.g. --device "
            "8xh100-sxm --nodes 2)", "--device", "laptop-8gb", "--nodes", "2");
    REFUSED("invalid --nodes '17' (expected a whole number of machines from 1 to 16)",
            "--nodes", "17");
    REFUSED("invalid --nodes '0' (expected a whole number of machines from 1 to 16)",
            "--nodes", "0");
    REFUSED("--tensor-split needs --device (a GPU or a rig, e.g. --device 2xrtx-3090 "
            "--tensor-split 3,1)", "--tensor-split", "1,1");
    REFUSED("--tensor-split '1,1,1' gives 3 proportions, and no --device has 3 GPUs in a "
            "machine (e.g. --device 3xrtx-3090)", "--device", "2xrtx-3090", "--tensor-split",
            "1,1,1");
    REFUSED("invalid --tensor-split '0,0' (expected 2 to 16 proportions of the layers, one per "
            "GPU, separated by commas, not all 0, e.g. 3,1 or 1,1,2)", "--tensor-split", "0,0");
    REFUSED("invalid --tensor-split '3' (expected 2 to 16 proportions of the layers, one per "
            "GPU, separated by commas, not all 0, e.g. 3,1 or 1,1,2)", "--tensor-split", "3");
    REFUSED("invalid --tensor-split '1,-1' (expected 2 to 16 proportions of the layers, one per "
            "GPU, separated by commas, not all 0, e.g. 3,1 or 1,1,2)", "--tensor-split", "1,-1");
    REFUSED("invalid --tensor-split '1,,1' (expected 2 to 16 proportions of the layers, one per "
            "GPU, separated by commas, not all 0, e.g. 3,1 or 1,1,2)", "--tensor-split", "1,,1");
    REFUSED("unknown runtime 'vllm2' (expected one of llama.cpp, ollama, vllm, sglang, mlx, "
            "transformers)", "--runtime", "vllm2");
    REFUSED("invalid GPU memory '0' (expected each GPU's usable memory, a size from 1MiB to "
            "64TiB such as 26000MiB or 22GiB)", "--gpu-memory", "0");
    REFUSED("GPU memory '100TiB' out of range (expected each GPU's usable memory, a size from "
            "1MiB to 64TiB such as 26000MiB or 22GiB)", "--gpu-memory", "100TiB");
    REFUSED("invalid margin '1' (expected 0 for none, or a size with a unit up to 1TiB such as "
            "1GiB or 512MiB)", "--margin", "1");
    REFUSED("margin '2TiB' out of range (expected 0 for none, or a size with a unit up to 1TiB "
            "such as 1GiB or 512MiB)", "--margin", "2TiB");
    REFUSED("invalid --n-cpu-moe '1025' (expected a whole number of blocks from 0 to 1024)",
            "--n-cpu-moe", "1025");
    REFUSED("invalid --n-cpu-moe '-1' (expected a whole number of blocks from 0 to 1024)",
            "--n-cpu-moe", "-1");
    REFUSED("RAM bandwidth '0' out of range (expected GB/s above 0, at most 10000, such as 60 "
            "or 89.6)", "--ram-bandwidth", "0");
    REFUSED("invalid RAM bandwidth '60GB/s' (expected GB/s above 0, at most 10000, such as 60 "
            "or 89.6)", "--ram-bandwidth", "60GB/s");
}
END_TEST

START_TEST(test_table_and_help)
{
    char help[HELP_SIZE], want[64], *line;
    size_t n = options_count(), i, j, len;
    FILE *fp = tmpfile();

    ck_assert_ptr_nonnull(fp);
    options_usage(fp);
    ck_assert(!ferror(fp));
    rewind(fp);
    len = fread(help, 1, sizeof help - 1, fp);
    help[len] = '\0';
    (void)fclose(fp);
    ck_assert_uint_gt(n, 20);
    ck_assert_ptr_null(options_long_name(n));
    ck_assert_int_eq(options_short_name(n), 0);
    ck_assert_ptr_null(options_arg_name(n));
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(options_long_name(i));
        for (j = 0; j < i; j++) {
            ck_assert_str_ne(options_long_name(i), options_long_name(j));
            ck_assert(options_short_name(i) == 0 || options_short_name(i) != options_short_name(j));
        }
        (void)snprintf(want, sizeof want, "--%s%s%s", options_long_name(i),
                       options_arg_name(i) != NULL ? " " : "",
                       options_arg_name(i) != NULL ? options_arg_name(i) : "");
        ck_assert_msg(strstr(help, want) != NULL, "--help lacks %s", want);
        if (options_short_name(i) != 0) {
            (void)snprintf(want, sizeof want, "-%c, --%s", options_short_name(i),
                           options_long_name(i));
            ck_assert_msg(strstr(help, want) != NULL, "--help lacks %s", want);
        }
    }
    /* The defaults come from the constants the code uses. */
    (void)snprintf(want, sizeof want, "default %ld)", FIT_DEFAULT_CTX);
    ck_assert_msg(strstr(help, want) != NULL, "no %s", want);
    ck_assert(strstr(help, "(default 0.5GiB;") != NULL);
    ck_assert(strstr(help, "(0.75 by default;") != NULL);
    ck_assert(strstr(help, "default 7B") != NULL);
    ck_assert(strstr(help, "up to 8 devices") != NULL);
    ck_assert(strstr(help, "Footprint in GiB = params x bits / 8 / 1024^3") != NULL);
    ck_assert(strstr(help, "Exit status: 0 success") != NULL);
    ck_assert(strstr(help, "128+N") != NULL);
    ck_assert(strstr(help, "quantscope -p llama-3.1-8b -f q4_k_m --ctx 32k --check") != NULL);
    ck_assert(strstr(help, "2xrtx-3090") != NULL);
    ck_assert(strstr(help, "machines (1 to 16;") != NULL);
    ck_assert(strstr(help, "(0 to 1024;") != NULL);
    ck_assert(strstr(help, "(default 89.6, DDR5-5600") != NULL);
    for (line = strtok(help, "\n"); line != NULL; line = strtok(NULL, "\n"))
        ck_assert_msg(strlen(line) <= MAX_COLS, "line too long: %s", line);
}
END_TEST

static Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_defaults_are_query_init);
    tcase_add_test(tc, test_errors_name_the_word);
    tcase_add_test(tc, test_prefixes_clusters_and_values);
    tcase_add_test(tc, test_query_values);
    tcase_add_test(tc, test_device_sizes);
    tcase_add_test(tc, test_ranges);
    tcase_add_test(tc, test_quoted_values);
    tcase_add_test(tc, test_modes);
    tcase_add_test(tc, test_rig_options);
    tcase_add_test(tc, test_rig_refusals);
    tcase_add_test(tc, test_table_and_help);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(options_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
