"""Puts the runner's generation grids (energyctl's report JSON) beside transformers' generate (generate_reference.py) cell by
cell: J/request, J/output token, tokens/s and TTFT of the runner's fp16 model against PyTorch fp16 on the same weights.

    python3 bench/gpu/compare_generation.py generation.json pytorch-<model>.json [...]
"""
import json, os, sys

report = json.load(open(sys.argv[1]))
print("| model | batch | in | out | runner J/request | PyTorch J/request | runner/PyTorch J | runner tokens/s | PyTorch tokens/s | runner TTFT (s) | PyTorch TTFT (s) | runner/FLOPs×TDP |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
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
            ratio = (cell.get("estimate") or {}).get("requestRatio")
            print(f"| {model} | {key[0]} | {key[1]} | {key[2]} | {cell['joulesPerRequest']:.4f} | {torch_cell['joulesPerRequest']:.4f} | "
                  f"{cell['joulesPerRequest'] / torch_cell['joulesPerRequest']:.2f}× | {cell['tokensPerSecond']:.1f} | {torch_cell['tokensPerSecond']:.1f} | "
                  f"{cell['timeToFirstTokenSeconds']:.4f} | {torch_cell['timeToFirstTokenSeconds']:.4f} | {'' if ratio is None else f'{ratio:.1f}×'} |")
