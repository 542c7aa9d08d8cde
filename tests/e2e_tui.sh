#!/bin/sh
# e2e_tui.sh - the front end end to end: start-up at 80x24 and 120x40, keys
# change the footprint to the model layer's value, typed bits, the model
# picker (preset, custom size, invalid entry), help, resize below the
# minimum and back, quit.
. "${TESTS_SRCDIR:-$(dirname "$0")}/tui_lib.sh"

# --- 80x24 ---------------------------------------------------------------------
tui_start 80 24 -- -i -p 7B -b 16
tui_wait "start 80x24: title" "quantscope"
tui_wait "start 80x24: model" "custom size  7.00B params"
tui_wait "start 80x24: knob" "16.00 bpw  FP16"
tui_wait "start 80x24: footprint" "Footprint  $(footprint 7B 16) GiB  (14.00 GB)"
tui_wait "start 80x24: savings" "same size as FP16"
tui_wait "start 80x24: quality" "almost no loss"
tui_wait "start 80x24: this machine" "this machine"
for dev in "8GB" "16GB" "RTX 4090" "H100" "H200"; do
    tui_wait "start 80x24: fit row $dev" "$dev"
done
tui_wait "start 80x24: verdicts" "no fit"

# Right: 17 bits (1 bit steps from 8 bits up)
tui_keys Right
tui_wait "Right" "17.00 bpw"
tui_wait "Right: footprint" "Footprint  $(footprint 7B 17) GiB"
# Left twice: 15 bits
tui_keys Left Left
tui_wait "Left Left" "15.00 bpw"
tui_wait "Left Left: footprint" "Footprint  $(footprint 7B 15) GiB"
# PgUp: the next named precision above 15 bits is FP16
tui_keys PageUp
tui_wait "PgUp" "16.00 bpw  FP16"
tui_wait "PgUp: footprint" "Footprint  $(footprint 7B 16) GiB"
# PgDn: the next below FP16 is Q8_0 (8.5008 bpw)
tui_keys PageDown
tui_wait "PgDn" "8.50 bpw  Q8_0"
tui_wait "PgDn: footprint" "Footprint  $(footprint 7B 8.5008) GiB"
# Shift+Left below Q8_0 goes to the next named one down (FP8)
tui_keys S-Left
tui_wait "Shift+Left" "8.00 bpw  FP8"
# End and Home: 32 and 1 bits
tui_keys End
tui_wait "End" "32.00 bpw  FP32"
tui_wait "End: footprint" "Footprint  $(footprint 7B 32) GiB"
tui_wait "End: savings" "2.00x larger than FP16"
tui_keys Home
tui_wait "Home" "1.00 bpw"
tui_wait "Home: footprint" "Footprint  $(footprint 7B 1) GiB"
# fine steps of a quarter bit below 8 bits
tui_keys Right
tui_wait "Right at 1 bit" "1.25 bpw"
tui_wait "Right at 1 bit: footprint" "Footprint  $(footprint 7B 1.25) GiB"

# typed bits
tui_type "4.5"
tui_wait "typing" "bits: 4.5_"
tui_keys Enter
tui_wait "typed 4.5" "4.50 bpw"
tui_wait "typed 4.5: footprint" "Footprint  $(footprint 7B 4.5) GiB"
tui_wait "typed 4.5: savings" "3.56x smaller than FP16"
tui_type "99"
tui_keys Enter
tui_wait "typed 99: inline error" "'99' is not a bits value"
tui_wait "typed 99: no change" "4.50 bpw"

# baseline: b cycles FP16 -> FP32
tui_keys b
tui_wait "baseline FP32" "7.11x smaller than FP32"

# the model picker: a preset
tui_keys m
tui_wait "picker opens" "Filter: _"
tui_type "llama-3.1-8"
tui_wait "picker filter" "Filter: llama-3.1-8_"
tui_keys Enter
tui_wait "picked a preset" "Llama-3.1-8B  8.03B params"
tui_wait "preset footprint" "Footprint  $(footprint llama-3.1-8b 4.5) GiB"
tui_wait "preset fit shows the KV cache" "KV (4096 tok)"

# a custom size typed as on the command line
tui_keys m
tui_wait "picker again" "Filter: _"
tui_type "13B"
tui_wait "custom row" "custom size"
tui_keys Enter
tui_wait "custom size" "custom size  13.00B params"
tui_wait "custom footprint" "Footprint  $(footprint 13B 4.5) GiB"

# an invalid entry: inline error, no change
tui_keys m
tui_wait "picker for a bad size" "Filter: _"
tui_type "xyz9"
tui_keys Enter
tui_wait "bad size: inline error" "no model or size 'xyz9'"
tui_keys Escape
tui_wait_gone "Esc closes the picker" "Filter:"
tui_wait "bad size: no change" "custom size  13.00B params"

# help overlay, closed by Esc (which does not quit)
tui_keys ?
tui_wait "help" "Keys (any key closes)"
tui_keys Escape
tui_wait_gone "Esc closes help" "Keys (any key closes)"

# resize below the minimum and back
tmx resize-window -t qs -x 30 -y 8
tui_wait "too small" "terminal too small:"
tui_wait "too small: size" "have 30x8"
tmx resize-window -t qs -x 80 -y 24
tui_wait "restored after resize" "Footprint  $(footprint 13B 4.5) GiB"
tui_wait_gone "message gone after resize" "too small"
tmx resize-window -t qs -x 1 -y 1
sleep 0.3
tmx resize-window -t qs -x 80 -y 24
tui_wait "survives 1x1" "Footprint  $(footprint 13B 4.5) GiB"

# Ctrl-L repaints, q quits with status 0
tui_keys C-l
tui_wait "Ctrl-L" "Footprint"
tui_keys q
tui_wait_exit "q" 0

# --- 120x40 --------------------------------------------------------------------
tui_start 120 40 -- -i -p llama-3.1-70b -f q4_k_m
tui_wait "start 120x40: model" "Llama-3.1-70B"
# A named format on a catalog model: its exact size, tensor by tensor, as
# the command line reports it.
q4=$("$QUANTSCOPE" -p llama-3.1-70b -f q4_k_m --json </dev/null | jq .bits)
tui_wait "start 120x40: knob" "$(printf '%.2f' "$q4") bpw  Q4_K_M"
tui_wait "start 120x40: footprint" "Footprint  $(footprint llama-3.1-70b "$q4") GiB"
tui_wait "start 120x40: savings" "$(awk -v b="$q4" 'BEGIN { printf "%.2f", 16 / b }')x smaller than FP16"
tui_wait "start 120x40: quality" "ppl +0.1754"
tui_wait "start 120x40: H200" "H200"
# Esc never quits; F10 does
tui_keys Escape
sleep 0.3
if [ -s "$tui_dir/status" ]; then fail "Esc quit the front end"; else pass; fi
tui_keys F10
tui_wait_exit "F10 quits" 0

tui_finish
