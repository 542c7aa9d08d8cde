#!/bin/sh
# e2e_serve.sh - the serving plan and the lesson's comparison (issue 12),
# run through the real binary. The figures of the JSON are worked out
# again here with jq from the figures they rest on (the KV cache of a
# token from Llama-3.1-8B's shape, the roofline's step, the price
# arithmetic), so that a report that prints anything else fails; the text,
# Markdown and CSV carry the table and the recommendation; bad values are
# refused with one line.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi

lesson="-p llama-3.1-8b --device l4 --runtime vllm --requests-per-day 10000"

# ---- the lesson's table -----------------------------------------------------------
# shellcheck disable=SC2086 # the options are meant to split
run $lesson --compare fp16,int8,int4
expect_rc "the lesson's comparison" 0
expect_out "the heading names the model, the device and the runtime" "Llama-3.1-8B on l4, vllm:"
expect_out "the recommendation: INT8 within 1%" "* recommended: INT8: the cheapest within 1% quality loss"
expect_out "what dominates the cost" "Dominant assumption: the always-on GPU price"
expect_out "INT8's quality figure and source" "MMLU 5-shot recovery 99.3% vs BF16"
if printf '%s\n' "$out" | grep -q '^INT8 \*  '; then pass; else fail "INT8 is starred: $out"; fi
wide=$(printf '%s\n' "$out" | awk 'length($0) > 79' | head -1)
if [ -z "$wide" ]; then pass; else fail "a line is wider than 79 columns: $wide"; fi

# shellcheck disable=SC2086
run $lesson --compare fp16,int8,int4 --json
expect_rc "--json" 0
expect_json "three rows, INT8 recommended" \
    '[.rows[].format] == ["FP16", "INT8", "INT4"] and .recommended == "INT8" and
     ([.rows[] | select(.recommended)] | length) == 1 and .max_quality_loss_pct == 1'
# 32 layers x 2 x 8 KV heads x 128 x 2 bytes
expect_json "the KV cache of a token and of a request (202 + 179 tokens)" \
    'all(.rows[]; .kv_per_token_bytes == 131072 and
         ((.kv_per_request_gib - 381 * 131072 / 1073741824) | fabs) < 1e-12)'
expect_json "the workload: 10,000 a day, peak factor 2 assumed, ShareGPT tokens" \
    '.workload.requests_per_day == 10000 and .workload.peak_factor == 2 and
     .workload.peak_factor_assumed and .workload.prompt_tokens == 202 and
     .workload.output_tokens == 179'
expect_json "the weights halve from FP16 to INT8 and again to INT4" \
    '((.rows[0].weights_gib / .rows[1].weights_gib) - 2 | fabs) < 1e-12 and
     ((.rows[1].weights_gib / .rows[2].weights_gib) - 2 | fabs) < 1e-12'
expect_json "the step at capacity: the roofline's bound, the prompts admitted, 2 ms" \
    'all(.rows[]; . as $r |
         (($r.weights_gib * 1073741824 + $r.max_concurrency * (202 + 89) * 131072) /
          (0.85 * $r.bandwidth_gbs * 1e9)) as $mem |
         (2 * $r.active_params * $r.max_concurrency / (0.5 * $r.tflops * 1e12)) as $comp |
         ((([$mem, $comp] | max) + $comp * 202 / 179 + 0.002 - $r.step_capacity_s) | fabs)
         < 1e-12)'
expect_json "KV pool and concurrency: more requests held as the weights shrink" \
    '.rows[0].max_concurrency < .rows[1].max_concurrency and
     all(.rows[]; .max_concurrency >= 1 and .kv_pool_gib > 0 and .fits)'
expect_json "a month: 24 GPU-hours at the table's 0.70 x 365.25 / 12" \
    'all(.rows[]; .price_from == "table" and .gpu_price_usd_per_hour == 0.7 and
         .price_date == "undated" and
         ((.cost_per_month_usd - 0.7 * 24 * 365.25 / 12) | fabs) < 1e-9)'
expect_json "a request always on: the day's cost over 10,000" \
    'all(.rows[]; ((.cost_per_request_usd - 0.7 * 24 / 10000) | fabs) < 1e-12)'
expect_json "a request at capacity: price x request time / concurrency / 3600" \
    'all(.rows[]; ((.cost_per_request_busy_usd -
                    0.7 * .request_capacity_s / .max_concurrency / 3600) | fabs) < 1e-15)'
expect_json "quality: sourced, 0, 0.7 and 2.1 % accuracy" \
    '[.rows[].quality_loss_pct] == [0, 0.7, 2.1] and
     (.rows[1].quality_source | test("neuralmagic")) and .rows[1].quality_metric == "accuracy"'

# ---- the rule -----------------------------------------------------------------------
# shellcheck disable=SC2086
run $lesson --compare fp16,int8,int4 --max-quality-loss 3% --json
expect_json "within 3%: INT4" '.recommended == "INT4"'
# shellcheck disable=SC2086
run $lesson --compare fp16,int8,int4 --max-quality-loss 0.5 --json
expect_json "within 0.5%: FP16" '.recommended == "FP16"'

# ---- Markdown and CSV ----------------------------------------------------------------
# shellcheck disable=SC2086
run $lesson --compare fp16,int8,int4 --markdown
expect_rc "--markdown" 0
expect_out "a Markdown header" "| format | GiB | fits | seqs |"
expect_out "the alignment row" "| --- | ---: | --- | ---: |"
expect_out "the recommendation as a paragraph" "**Recommended:** INT8"
# shellcheck disable=SC2086
run $lesson --compare fp16,int8,int4 --csv
expect_rc "--csv" 0
first=$(printf '%s\n' "$out" | head -1)
case $first in
"format,GiB,fits,seqs,"*) pass ;;
*) fail "CSV header: $first" ;;
esac
if printf '%s\n' "$out" | grep -q "^INT8 \*,7.48,yes,"; then pass; else fail "CSV INT8 row: $out"; fi
if od -c "$tmpdir/out" | grep -q '\\r  \\n'; then pass; else fail "CSV lines end with CRLF"; fi

# ---- one plan ------------------------------------------------------------------------
# shellcheck disable=SC2086
run $lesson
expect_rc "the serving plan" 0
expect_out "the pool's formula" "KV pool"
expect_out "the roofline's formula" "(W + B x KV) / (eta x BW)"
expect_out "the price and its date" "\$0.70/GPU-hour, Google Cloud g2-standard-4 (us-central1), undated"
run -p llama-3.1-70b -f fp16 --device 2xh100-sxm --runtime vllm --rps 20 --gpu-price 2 --json
expect_rc "a rig under load" 0
expect_json "two GPUs a replica, replicas for the peak, the user's price" \
    '.devices[0].gpus == 2 and .devices[0].price_from == "user" and
     .devices[0].replicas == ((.devices[0].peak_rps / .devices[0].replica_rps) | ceil) and
     ((.devices[0].gpu_hours_per_day - .devices[0].replicas * 48) | fabs) < 1e-9'
run -p llama-3.1-70b -f fp16 --device l4 --runtime vllm --requests-per-day 100
expect_out "no fit says so" "do not fit"

# ---- bad input -----------------------------------------------------------------------
expect_usage_error "an unknown format in --compare" -p llama-3.1-8b --device l4 --compare fp16,bogus
expect_usage_error "a negative load" -p llama-3.1-8b --device l4 --requests-per-day -5
expect_usage_error "a bad price" -p llama-3.1-8b --device l4 --requests-per-day 5 --gpu-price free
expect_usage_error "a bad rule" -p llama-3.1-8b --device l4 --compare fp16,int8 --max-quality-loss lots
finish
