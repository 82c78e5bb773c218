#!/usr/bin/env bash
# Where one generation cell's GPU time goes, the runner against PyTorch (docs/llm.md, the GPU bar). On the GPU machine:
#   ENERGYCTL=DIR/energyctl TEXTS=texts.jsonl [MODEL=llama-1b BATCH=32 INPUT=512 OUTPUT=64] bench/gpu/profile-generation.sh
# Exports MODEL (fp16) unless WORK holds it, runs the one cell through energyctl with --ort-profile and
# CUDA_LAUNCH_BLOCKING=1 (a node's time then holds its kernels), and prints profile_generation.py's two tables.
# Profiled runs are slow: nothing here is a measurement. Nothing on the card is configured.
set -euo pipefail
: "${ENERGYCTL:?path of a self-contained energyctl built with -p:OnnxRuntimeFlavor=cuda}" "${TEXTS:?texts JSONL}"
out=${OUT:-$(mktemp -d)}
work=${WORK:-$(mktemp -d)}
model=${MODEL:-llama-1b} batch=${BATCH:-32} input=${INPUT:-512} output=${OUTPUT:-64}
[[ -f "$work/$model-fp16/provenance.json" ]] \
  || python3 scripts/models/export_decoder.py --out "$work" --model "$model" --precision fp16 > "$out/export.log" 2>&1
cat > "$work/profile.yaml" <<YAML
apiVersion: energy.energyoperator.io/v1alpha1
kind: EnergyBenchmark
metadata: { name: profile }
spec:
  dataset: { file: { path: $TEXTS, format: jsonl }, testFraction: 0.95 }
  models: [{ name: $model-fp16, generative: { path: $work/$model-fp16 } }]
  workload: { inputTokens: [$input], outputTokens: [$output] }
  runtime: { batchSizes: [$batch], repetitions: 1, warmupBatches: 1, executionProvider: cuda, cuda: { deviceId: 0, tf32: false } }
  measurement: { meters: [nvml] }
YAML
rm -rf "$out/ort"
CUDA_LAUNCH_BLOCKING=1 "$ENERGYCTL" run -f "$work/profile.yaml" --out "$out/run" --ort-profile "$out/ort" > "$out/run.log" 2>&1
python3 bench/gpu/profile_generation.py "$out"/ort/"$model"-fp16-model_*.json "$work/$model-pytorch" "$batch" "$input" "$output"
