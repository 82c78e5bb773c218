#!/usr/bin/env bash
# The GPU bar (docs/performance.md): the runner (energyctl, ONNX Runtime's CUDA provider) against PyTorch eager on the same
# BERT-base classifier (random weights: energy and throughput only), texts, tokenizer and batch sizes, fp32 and fp16,
# both metered by NVML's total-energy counter, in one run on one GPU. Run on the GPU machine from the repository root:
#   ENERGYCTL=DIR/energyctl VOCAB=vocab.txt TEXTS=texts.jsonl bench/gpu/run-gpu-bar.sh
# ENERGYCTL: `dotnet publish cli/EnergyOperator.Cli -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=cuda`;
# TEXTS: bench/gpu/make_texts.py. Measures only: nothing on the card is configured.
set -euo pipefail
out=${OUT:-$(mktemp -d)}
work=${WORK:-$(mktemp -d)}
: "${ENERGYCTL:?path of a self-contained energyctl built with -p:OnnxRuntimeFlavor=cuda}" "${VOCAB:?uncased BERT vocab.txt}" "${TEXTS:?texts JSONL}"
batches=${BATCHES:-"1 32 256"}
export PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.sm,temperature.gpu --format=csv | tee "$out/gpu.csv"

# A model prepared by an earlier call into the same WORK is reused.
[[ -f "$work/bert/provenance.json" ]] || python3 scripts/models/prepare_bert_classifier.py --out "$work/bert" --vocab "$VOCAB" --size base 2>&1 | tee "$out/prepare.log"
cp "$work/bert/provenance.json" "$out/provenance.json"

cat > "$work/gpu-bar.yaml" <<YAML
apiVersion: energy.energyoperator.io/v1alpha1
kind: EnergyBenchmark
metadata: { name: gpu-bar }
spec:
  dataset:
    file: { path: $TEXTS, format: jsonl }
    testFraction: 0.95
  models:
    - name: bert-base-fp32
      onnx: { path: $work/bert/model-fp32.onnx, tokenizer: { vocab: $work/bert/vocab.txt, maxLength: 128 } }
    - name: bert-base-fp16
      onnx: { path: $work/bert/model-fp16.onnx, tokenizer: { vocab: $work/bert/vocab.txt, maxLength: 128 } }
  runtime:
    batchSizes: [${batches// /, }]
    repetitions: ${REPETITIONS:-1}
    warmupBatches: 5
    executionProvider: cuda
    cuda: { deviceId: 0, tf32: false }
    minWindowSeconds: ${MIN_WINDOW_SECONDS:-5}
  measurement:
    meters: [nvml]
YAML
"$ENERGYCTL" run -f "$work/gpu-bar.yaml" --out "$out" 2>&1 | tee "$out/runner.log"
for _ in $(seq "${REPETITIONS:-1}"); do BATCHES="$batches" python3 bench/gpu/torch_reference.py "$work/bert" "$TEXTS" "$out/pytorch.json" 2>&1 | tee -a "$out/pytorch.log"; done
python3 bench/gpu/compare.py "$out/gpu-bar.json" "$out/pytorch.json" | tee "$out/gpu-bar.md"
