#!/usr/bin/env bash
# The seed study (examples/seed-study.yaml, docs/study.md) on a machine with an NVIDIA GPU, from the repository root:
#   ENERGYCTL=DIR/energyctl bench/gpu/run-seed-study.sh finetune   # encoder + split → models/minilm-spam (PyTorch, GPU)
#   ENERGYCTL=DIR/energyctl bench/gpu/run-seed-study.sh h200       # the GPU half of the study
#   ENERGYCTL=DIR/energyctl bench/gpu/run-seed-study.sh cpu        # the CPU half, on the same machine
#   energyctl report --merge $OUT/h200/seed-study.json $OUT/cpu/seed-study.json --out results/study
# ENERGYCTL: `dotnet publish cli/EnergyOperator.Cli -c Release -r linux-x64 --self-contained -p:OnnxRuntimeFlavor=cuda`
# (it carries the pretrained encoders). ENERGY_DATASETS_DIR must hold spam-assassin/ unless deps/ does.
# Measures only: nothing on the card is configured.
set -euo pipefail
out=${OUT:-$(mktemp -d)}
: "${ENERGYCTL:?path of a self-contained energyctl built with -p:OnnxRuntimeFlavor=cuda}"
export PYTHONUNBUFFERED=1
manifest=examples/seed-study.yaml
case "${1:?finetune, h200 or cpu}" in
  finetune)
    "$ENERGYCTL" pretrained all-minilm-l6-v2 --out models/minilm-encoder
    "$ENERGYCTL" split -f "$manifest" --out models/seed-study-split.jsonl | tee "$out/split.txt"
    python3 scripts/models/finetune_minilm.py --encoder models/minilm-encoder --split models/seed-study-split.jsonl \
      --out models/minilm-spam 2>&1 | tee "$out/finetune.log"
    cp models/minilm-spam/provenance.json "$out/provenance.json"
    ;;
  h200 | cpu)
    mkdir -p "$out/$1"
    nvidia-smi --query-gpu=name,driver_version,power.limit,clocks.sm,temperature.gpu --format=csv | tee "$out/gpu-$1.csv"
    lscpu | grep -E "Model name|^CPU\(s\)" | tee "$out/cpu-$1.txt"
    "$ENERGYCTL" run -f "$manifest" --hardware "$1" --out "$out/$1" --output json --predictions "$out/$1/predictions.jsonl" \
      > /dev/null 2> >(tee "$out/$1/runner.log" >&2)
    ;;
  *) echo "usage: $0 finetune|h200|cpu" >&2; exit 2 ;;
esac
