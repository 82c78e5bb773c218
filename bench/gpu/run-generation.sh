#!/usr/bin/env bash
# Generation grids on the GPU (docs/llm.md): random-weight GPT-2 small, GPT-2 medium and a Llama-shaped ~1B exported to ONNX
# with a KV cache (fp32 and fp16), measured by the runner (energyctl, ONNX Runtime's CUDA provider, NVML), and the same
# weights through transformers' generate (eager, fp16) as a reference. Run on the GPU machine from the repository root:
#   ENERGYCTL=DIR/energyctl TEXTS=texts.jsonl bench/gpu/run-generation.sh
# ENERGYCTL: `dotnet publish cli/EnergyOperator.Cli -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=cuda`;
# TEXTS: bench/gpu/make_texts.py (the GPU bar's texts; each prompt is a text cut or repeated to its bin).
# MODELS, PRECISIONS, BATCHES, INPUT_TOKENS, OUTPUT_TOKENS narrow or widen the grid (defaults below); MIN_WINDOW_SECONDS is
# the runner's minWindowSeconds and the reference's window; REFERENCE=0 skips the reference (the grid alone).
# Measures only: nothing on the card is configured.
set -euo pipefail
out=${OUT:-$(mktemp -d)}
work=${WORK:-$(mktemp -d)}
: "${ENERGYCTL:?path of a self-contained energyctl built with -p:OnnxRuntimeFlavor=cuda}" "${TEXTS:?texts JSONL (bench/gpu/make_texts.py)}"
models=${MODELS:-"gpt2 gpt2-medium llama-1b"}
batches=${BATCHES:-"1 32"}
inputs=${INPUT_TOKENS:-"128 512 2048"}
outputs=${OUTPUT_TOKENS:-"64 256"}
precisions=${PRECISIONS:-"fp32 fp16"}
min_window=${MIN_WINDOW_SECONDS:-2}
reference=${REFERENCE:-1}
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.sm,temperature.gpu --format=csv | tee "$out/gpu.csv"

# Models exported by an earlier call into the same WORK are reused.
# A model whose export failed is left out of the grid (export.log says why).
exported=()
for model in $models; do
  missing=()
  for precision in $precisions; do [[ -f "$work/$model-$precision/provenance.json" ]] || missing+=("$precision"); done
  (( ${#missing[@]} == 0 )) \
    || python3 scripts/models/export_decoder.py --out "$work" --model "$model" --precision "${missing[@]}" 2>&1 | tee -a "$out/export.log" || true
  for precision in $precisions; do
    if [[ -f "$work/$model-$precision/provenance.json" ]]; then
      cp "$work/$model-$precision/provenance.json" "$out/provenance-$model-$precision.json"
      exported+=("$model-$precision")
    fi
  done
done
(( ${#exported[@]} > 0 )) || { echo "no model exported: see $out/export.log" >&2; exit 1; }

{
  cat <<YAML
apiVersion: energy.energyoperator.io/v1alpha1
kind: EnergyBenchmark
metadata: { name: generation }
spec:
  dataset:
    file: { path: $TEXTS, format: jsonl }
    testFraction: 0.95
  models:
YAML
  for name in "${exported[@]}"; do
    echo "    - { name: $name, generative: { path: $work/$name } }"
  done
  cat <<YAML
  workload:
    inputTokens: [${inputs// /, }]
    outputTokens: [${outputs// /, }]
  runtime:
    batchSizes: [${batches// /, }]
    repetitions: 1
    warmupBatches: 2
    minWindowSeconds: $min_window
    executionProvider: cuda
    cuda: { deviceId: 0, tf32: false }
    timeoutSeconds: 86400
  measurement:
    meters: [nvml]
YAML
} > "$work/generation.yaml"
# Exit 1 (a run failed) still leaves a report: the reference and the comparison run anyway.
"$ENERGYCTL" run -f "$work/generation.yaml" --out "$out" 2>&1 | tee "$out/runner.log" || echo "energyctl run failed: see $out/runner.log" >&2

if [[ $reference == 1 ]]; then
  for model in $models; do
    [[ -f "$work/$model-pytorch/config.json" ]] || continue
    BATCHES="$batches" INPUT_TOKENS="$inputs" OUTPUT_TOKENS="$outputs" MIN_WINDOW_SECONDS="$min_window" \
      python3 bench/gpu/generate_reference.py "$work/$model-pytorch" "$out/pytorch-$model.json" 2>&1 | tee -a "$out/pytorch.log"
  done
  python3 bench/gpu/compare_generation.py "$out/generation.json" "$out"/pytorch-*.json | tee "$out/generation-vs-pytorch.md"
fi
printf 'input_tokens,output_tokens\n100,50\n400,200\n1500,60\n90,250\n' > "$out/trace-example.csv"
"$ENERGYCTL" trace --report "$out/generation.json" --trace "$out/trace-example.csv" --model "${exported[0]}" | tee "$out/trace-example.md"
echo "results in $out"
