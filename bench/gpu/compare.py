"""Prints the GPU bar's table: the runner (energyctl's JSON report) against PyTorch eager (torch_reference.py), per
precision and batch size, with throughput and joules-per-sample ratios (runner / PyTorch).

    python3 bench/gpu/compare.py RUNNER_REPORT.json PYTORCH.json
"""
import json, sys

report, torch = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
reference = {(r["precision"], r["batchSize"]): r for r in torch["rows"]}
print(f"PyTorch {torch['torch']} on {torch['gpu']}; runner: {report.get('host', {}).get('onnxRuntime', 'ONNX Runtime')}")
print("| precision | batch | runner samples/s | PyTorch samples/s | throughput ratio | runner J/sample | PyTorch J/sample | J/sample ratio | runner W | PyTorch W |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for run in sorted((r for r in report["runs"] if r["outcome"] == "Succeeded"), key=lambda r: (r["model"], r["batchSize"])):
    precision = "fp16" if run["model"].endswith("fp16") else "fp32"
    ref, energy = reference[(precision, run["batchSize"])], run["energy"]
    flag = " (too short)" if energy.get("tooShort") else ""
    print(f"| {precision} | {run['batchSize']} | {run['samplesPerSecond']:,.0f} | {ref['samplesPerSecond']:,.0f} | "
          f"**{run['samplesPerSecond'] / ref['samplesPerSecond']:.2f}** | {energy['joulesPerSample']:.4f}{flag} | {ref['joulesPerSample']:.4f} | "
          f"**{energy['joulesPerSample'] / ref['joulesPerSample']:.2f}** | {energy['averageWatts']:.0f} | {ref['averageWatts']:.0f} |")
failed = [r for r in report["runs"] if r["outcome"] != "Succeeded"]
for run in failed:
    print(f"runner run {run['name']} failed: {run.get('reason')}: {run.get('message')}")
sys.exit(1 if failed else 0)
