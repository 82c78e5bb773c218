#!/usr/bin/env bash
# On the GPU device machine, from the repository root, with the published sidecar carried in .publish/meter.
# Measures only; never changes the card's settings.
set -euo pipefail
out="${OUT:-$(mktemp -d)}"
nvidia-smi --query-gpu=name,driver_version,power.limit --format=csv,noheader
ENERGY_METER_SOURCES=nvml ENERGY_METER_SAMPLE_INTERVAL=100ms \
ENERGY_METER_TERMINATION_MESSAGE_PATH="$out/termination-log" ENERGY_METER_SUMMARY_PATH="$out/meter-summary.json" \
  .publish/meter/energy-meter > "$out/sidecar.log" 2>&1 &
sidecar=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:9464/readyz >/dev/null && break; sleep 0.1; done
OUT="$out" PYTHONUNBUFFERED=1 python3 meter-sidecar/verify/batch_energy.py
kill -TERM "$sidecar"; code=0; wait "$sidecar" || code=$?; echo "sidecar exit code: $code"
