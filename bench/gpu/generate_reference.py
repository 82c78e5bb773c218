"""PyTorch reference for generation grids: transformers' generate (eager attention, fp16, greedy, exactly OUTPUT new tokens:
min_new_tokens = max_new_tokens, so the end-of-sequence token stops nothing) on the weights scripts/models/export_decoder.py
saved, metered by NVML's total-energy counter of GPU 0 (the counter the runner's meter reads), through ctypes.

    python3 bench/gpu/generate_reference.py DIR/<model>-pytorch OUT.json

Environment: BATCHES (default "1 32"), INPUT_TOKENS ("128 512"), OUTPUT_TOKENS ("64 256"), WARMUP (2 generations per cell,
unmetered), MIN_WINDOW_SECONDS (2: each cell repeats whole generations until its window lasts this long; figures are per
generation). Prompts are seeded random token ids of exactly INPUT tokens, no padding (energy depends on shapes, not on which
ids). Per cell it also meters a prefill alone (one forward pass over the prompts with the cache on, as generate's first step),
so prefill and decode split as the runner's windows do: decode = generate − prefill. Nothing on the card is configured.
"""
import json, os, sys, time

import torch
from transformers import AutoModelForCausalLM

from nvml import Nvml  # bench/gpu/nvml.py, beside this script

MODEL_DIR, OUT = sys.argv[1], sys.argv[2]
BATCHES = [int(b) for b in os.environ.get("BATCHES", "1 32").split()]
INPUTS = [int(n) for n in os.environ.get("INPUT_TOKENS", "128 512").split()]
OUTPUTS = [int(n) for n in os.environ.get("OUTPUT_TOKENS", "64 256").split()]
WARMUP = int(os.environ.get("WARMUP", "2"))
MIN_WINDOW = float(os.environ.get("MIN_WINDOW_SECONDS", "2"))




def metered(nvml, work):
    """Repeats work() until the window lasts MIN_WINDOW seconds; joules and seconds per call."""
    torch.cuda.synchronize()
    energy_before, started, calls = nvml.millijoules(), time.perf_counter(), 0
    while True:
        work()
        torch.cuda.synchronize()
        calls += 1
        if time.perf_counter() - started >= MIN_WINDOW:
            break
    seconds, joules = time.perf_counter() - started, (nvml.millijoules() - energy_before) / 1000
    return joules / calls, seconds / calls, calls


def main():
    nvml = Nvml()
    model = AutoModelForCausalLM.from_pretrained(MODEL_DIR, dtype=torch.float16, attn_implementation="eager", local_files_only=True).cuda().eval()
    vocabulary = model.config.vocab_size
    generator = torch.Generator().manual_seed(0)
    rows = []
    for batch in BATCHES:
        for inputs in INPUTS:
            ids = torch.randint(0, vocabulary, (batch, inputs), generator=generator).cuda()
            mask = torch.ones_like(ids)
            for outputs in OUTPUTS:
                try:
                    def generate():
                        produced = model.generate(input_ids=ids, attention_mask=mask, do_sample=False, num_beams=1, use_cache=True,
                                                  max_new_tokens=outputs, min_new_tokens=outputs, pad_token_id=0)
                        assert produced.shape[1] == inputs + outputs, produced.shape

                    def prefill():
                        model(input_ids=ids, attention_mask=mask, use_cache=True, logits_to_keep=1)

                    with torch.inference_mode():
                        for _ in range(WARMUP):
                            generate()
                        generate_joules, generate_seconds, calls = metered(nvml, generate)
                        prefill_joules, prefill_seconds, _ = metered(nvml, prefill)
                except torch.cuda.OutOfMemoryError as error:
                    torch.cuda.empty_cache()
                    rows.append({"batchSize": batch, "inputTokens": inputs, "outputTokens": outputs, "notMeasured": f"out of memory: {str(error)[:200]}"})
                    print(f"b{batch} in {inputs} out {outputs}: out of memory", flush=True)
                    continue
                decode_joules, decode_seconds = generate_joules - prefill_joules, generate_seconds - prefill_seconds
                row = {
                    "batchSize": batch, "inputTokens": inputs, "outputTokens": outputs, "generations": calls,
                    "generateJoules": generate_joules, "generateSeconds": generate_seconds,
                    "prefillJoules": prefill_joules, "prefillSeconds": prefill_seconds,
                    "decodeJoules": decode_joules, "decodeSeconds": decode_seconds,
                    "joulesPerRequest": generate_joules / batch,
                    "joulesPerInputToken": prefill_joules / (batch * inputs),
                    "joulesPerOutputToken": decode_joules / (batch * outputs),
                    "tokensPerSecond": batch * outputs / generate_seconds,
                    "timeToFirstTokenSeconds": prefill_seconds,
                    "timePerOutputTokenSeconds": decode_seconds / max(outputs - 1, 1),
                }
                rows.append(row)
                print(f"b{batch} in {inputs} out {outputs}: {row['joulesPerRequest']:.4f} J/request, {row['tokensPerSecond']:.1f} tokens/s", flush=True)
    with open(OUT, "w") as f:
        json.dump({"model": MODEL_DIR, "gpu": nvml.name(), "precision": "fp16", "attention": "eager", "minWindowSeconds": MIN_WINDOW,
                   "torch": torch.__version__, "transformers": __import__("transformers").__version__, "cells": rows}, f, indent=2)


if __name__ == "__main__":
    main()
