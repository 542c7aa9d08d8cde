#!/bin/sh
# e2e_train.sh - --train (issue 12): the fine-tuning memory through the
# real binary. LLaMA 65B under QLoRA fits one 48 GiB GPU (the QLoRA
# paper's "<48 GB"); full fine-tuning of Llama-2-7B is 16 bytes a
# parameter plus activations. The JSON's figures are worked out again here
# with jq from the model's shape (the LoRA count, NF4 + DQ bits, the
# activation formula), so that a report that prints anything else fails;
# the text, Markdown and CSV carry the table of terms.
. "${TESTS_SRCDIR:-$(dirname "$0")}/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    echo "jq is not installed: install it (apt-get install jq) to run this test" >&2
    exit 77
fi

q65="-p llama-65b --train qlora --device 48GiB"

# ---- LLaMA 65B, QLoRA, 48 GiB ---------------------------------------------------
# shellcheck disable=SC2086 # the options are meant to split
run $q65
expect_rc "$q65" 0
expect_out "the heading names the model and the mode" "Fine-tuning LLaMA 65B (65.29B): QLoRA"
expect_out "the defaults: rank 16, all linear layers, 2048 x 1" "rank 16 on all linear layers"
expect_out "checkpointing on by default" "gradient checkpointing on"
expect_out "paged AdamW by default" "optimizer paged-adamw (default)"
for term in "frozen base (NF4 + DQ)" "adapter weights (16-bit)" "gradients (16-bit)" \
    "master weights (fp32)" "optimizer states" "activations (checkpointed)" "total"; do
    if printf '%s\n' "$out" | grep -q "^  $term  "; then pass; else fail "no row '$term'"; fi
done
expect_out "the fit on the 48 GiB device" "48GiB: "
expect_out "it fits" "fits."
expect_out "the 16 B/param rule is labelled" "mixed-precision Adam"
expect_out "the HF accelerate rule is labelled" "HF accelerate"
wide=$(printf '%s\n' "$out" | awk 'length($0) > 79' | head -1)
if [ -z "$wide" ]; then pass; else fail "a line is wider than 79 columns: $wide"; fi

# shellcheck disable=SC2086
run $q65 --json
expect_rc "$q65 --json" 0
expect_json "it fits in 48 GiB, under 48 GiB in all" \
    '.fits == true and .devices[0].fits == true and .devices[0].verdict == "fits" and
     .devices[0].capacity_gib == 48 and .total_gib < 48'
expect_json "every term, in order, each with a source" \
    '[.terms[].term] == ["frozen_base", "trainable_weights", "gradients", "master_weights",
                         "optimizer", "activations", "logits", "overhead"] and
     all(.terms[]; (.source | length) > 0 and .bytes >= 0)'
expect_json "the total is the sum of the terms" \
    '((([.terms[].bytes] | add) - .total_bytes) | fabs) < 1'
expect_json "the assumptions: r16, all, 2048 x 1, checkpointing, paged-adamw" \
    '.assumptions.rank == 16 and .assumptions.targets == "all" and .assumptions.seq == 2048 and
     .assumptions.micro_batch == 1 and .assumptions.grad_checkpointing and
     .assumptions.optimizer == "paged-adamw" and .assumptions.lora_matrices == 560'
# 80 layers x r16 x (4 x (8192 + 8192) + 3 x (8192 + 22016))
expect_json "the adapters: 199,884,800 parameters, 16 B each, a 2-byte file" \
    '.trainable_params == 80 * 16 * (4 * 16384 + 3 * 30208) and
     .bytes_per_trainable_param == 16 and .adapter_file_bytes == 2 * .trainable_params'
expect_json "NF4 + DQ: 4 + 8/64 + 32/(64 x 256) bits on the linear weights" \
    '.nf4_dq_bits == 4 + 8 / 64 + 32 / (64 * 256) and
     .kept_16bit_params == 2 * 32000 * 8192 + 80 * 2 * 8192 + 8192 and
     (.terms[0].bytes - (.quantized_params * .nf4_dq_bits / 8 + .kept_16bit_params * 2) | fabs) < 1'
expect_json "activations, checkpointed: 2 s b h L + 34 s b h" \
    '.terms[5].bytes == 2 * 2048 * 8192 * 80 + 34 * 2048 * 8192'
expect_json "paged AdamW's states are pageable" \
    '.pageable_bytes == .terms[4].bytes and .pageable_bytes == 8 * .trainable_params'
expect_json "the two rules of thumb: 16 and 8 B/param" \
    '[.rules_of_thumb[].rule] == ["mixed_precision_adam", "hf_accelerate_4x"] and
     .rules_of_thumb[0].bytes == 16 * .params and .rules_of_thumb[1].bytes == 8 * .params'

# ---- full fine-tuning of a 7B --------------------------------------------------
run -p llama-2-7b --train full --device 80GiB --json
expect_rc "-p llama-2-7b --train full --device 80GiB --json" 0
expect_json "16 bytes a parameter: 2 + 2 + 4 + 8" \
    '.bytes_per_trainable_param == 16 and .model_states_bytes_per_param == 16 and
     .trainable_params == .params and .params == 6738415616 and
     [.terms[1:5][].bytes_per_param] == [2, 2, 4, 8] and .terms[0].bytes == 0'
expect_json "plus activations, no checkpointing by default: 34 s b h L" \
    '.assumptions.grad_checkpointing == false and .assumptions.optimizer == "adamw" and
     .terms[5].bytes == 34 * 2048 * 4096 * 32'
expect_json "over 100 GiB: no fit on 80 GiB" \
    '.fits == false and .devices[0].verdict == "no fit" and .total_gib > 100'
run -p llama-2-7b --train full --device 80GiB
expect_rc "-p llama-2-7b --train full --device 80GiB" 0
expect_out "the states line says 16 B/param" "16.00 B/param of the model"
expect_out "no fit" "no fit."

# ---- options -------------------------------------------------------------------
run -p llama-2-7b --train lora --rank 8 --lora-targets attention --seq 1024 --micro-batch 2 \
    --grad-checkpointing off --optimizer adamw8bit --json
expect_rc "lora with every option" 0
# 32 layers x r8 x 4 x (4096 + 4096): MHA, q k v o square
expect_json "the options reach the answer" \
    '.trainable_params == 32 * 8 * 4 * 8192 and .assumptions.targets == "attention" and
     .assumptions.grad_checkpointing == false and .assumptions.optimizer == "adamw8bit" and
     .bytes_per_trainable_param == 10 and .terms[5].bytes == 34 * 1024 * 2 * 4096 * 32 and
     .devices == [] and .fits == false'

# ---- Markdown and CSV ----------------------------------------------------------
# shellcheck disable=SC2086
run $q65 --markdown
expect_rc "--markdown" 0
expect_out "a Markdown table with the sources" "| frozen base (NF4 + DQ) | 0.528 |"
# shellcheck disable=SC2086
run $q65 --csv
expect_rc "--csv" 0
expect_out "a CSV header" "term,B/param,GiB,source"

finish
