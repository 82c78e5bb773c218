"""Puts the runner's generation grids (energyctl's report JSON) beside transformers' generate (generate_reference.py) cell by
cell: J/request, J/output token, tokens/s and TTFT of the runner's fp16 model against PyTorch fp16 on the same weights, then
the GPU bar of docs/llm.md: at batch 1 and 32, runner/PyTorch tokens/s ≥ 1.0 and J per output token ≤ 1.0 in every cell.
A cell either side flagged `tooShort` (a window too short for the counter) fails the bar.

    python3 bench/gpu/compare_generation.py generation.json pytorch-<model>.json [...]
"""
import json, os, sys

BAR_BATCHES = (1, 32)

report = json.load(open(sys.argv[1]))
print("| model | batch | in | out | runner J/request | PyTorch J/request | runner J/output token | PyTorch J/output token | J/output token ratio | "
      "runner tokens/s | PyTorch tokens/s | tokens/s ratio | runner TTFT (s) | PyTorch TTFT (s) | runner/FLOPs×TDP |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
bar = []
for path in sys.argv[2:]:
    reference = json.load(open(path))
    model = os.path.basename(reference["model"].rstrip("/")).removesuffix("-pytorch")
    cells = {(c["batchSize"], c["inputTokens"], c["outputTokens"]): c for c in reference["cells"] if "notMeasured" not in c}
    for run in report["runs"]:
        if run["model"] != f"{model}-fp16" or "generation" not in run:
            continue
        for cell in run["generation"]["cells"]:
            key = (cell["batchSize"], cell["inputTokens"], cell["outputTokens"])
            if "notMeasured" in cell or key not in cells:
                continue
            torch_cell = cells[key]
            energy = cell["joulesPerOutputToken"] / torch_cell["joulesPerOutputToken"] if torch_cell["joulesPerOutputToken"] > 0 else float("inf")
            speed = cell["tokensPerSecond"] / torch_cell["tokensPerSecond"]
            short = cell["prefill"].get("tooShort") or cell["decode"].get("tooShort")
            if key[0] in BAR_BATCHES:
                bar.append((model, key, speed, energy, short))
            ratio = (cell.get("estimate") or {}).get("requestRatio")
            print(f"| {model} | {key[0]} | {key[1]} | {key[2]} | {cell['joulesPerRequest']:.4f} | {torch_cell['joulesPerRequest']:.4f} | "
                  f"{cell['joulesPerOutputToken']:.6f} | {torch_cell['joulesPerOutputToken']:.6f} | {energy:.2f}× | "
                  f"{cell['tokensPerSecond']:.1f} | {torch_cell['tokensPerSecond']:.1f} | {speed:.2f}× | "
                  f"{cell['timeToFirstTokenSeconds']:.4f} | {torch_cell['timeToFirstTokenSeconds']:.4f} | {'' if ratio is None else f'{ratio:.1f}×'}"
                  f"{' (window too short)' if short else ''} |")

print()
if not bar:
    print("GPU bar: no fp16 cell at batch 1 or 32 on both sides")
    sys.exit(1)
failed = [b for b in bar if b[2] < 1.0 or b[3] > 1.0 or b[4]]
for model, key, speed, energy, short in failed:
    print(f"- fails: {model} batch {key[0]}, {key[1]} in, {key[2]} out: tokens/s {speed:.2f}×, J/output token {energy:.2f}×{', window too short' if short else ''}")
print(f"GPU bar (batch 1 and 32, fp16: tokens/s ≥ 1.0×, J/output token ≤ 1.0×): {'met' if not failed else 'NOT met'} in "
      f"{len(bar) - len(failed)} of {len(bar)} cells; tokens/s {min(b[2] for b in bar):.2f}–{max(b[2] for b in bar):.2f}×, "
      f"J/output token {min(b[3] for b in bar):.2f}–{max(b[3] for b in bar):.2f}×")
