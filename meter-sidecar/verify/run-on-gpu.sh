#!/usr/bin/env bash
# Runs on the GPU device machine from the repository root, with the published sidecar carried in .publish/meter
# (dotnet publish meter-sidecar/EnergyOperator.MeterSidecar -c Release -r linux-x64 -o .publish/meter).
# Measures, never configures: no NVML set-function, no nvidia-smi option that changes the card.
set -euo pipefail
out="${OUT:-$(mktemp -d)}"
nvidia-smi --query-gpu=name,uuid,driver_version,power.limit,clocks.sm --format=csv | tee "$out/gpu.csv"

export ENERGY_METER_LISTEN_URL=http://127.0.0.1:9464
export ENERGY_METER_SOURCES=nvml
export ENERGY_METER_SAMPLE_INTERVAL=100ms
export ENERGY_METER_RUN_NAME=gpu-verify
export ENERGY_METER_TERMINATION_MESSAGE_PATH="$out/termination-log"
export ENERGY_METER_SUMMARY_PATH="$out/meter-summary.json"
.publish/meter/energy-meter > "$out/sidecar.log" 2>&1 &
sidecar=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:9464/readyz >/dev/null && break; sleep 0.1; done
curl -sf http://127.0.0.1:9464/readyz >/dev/null || { cat "$out/sidecar.log"; exit 1; }

SIDECAR_PID=$sidecar OUT="$out" PYTHONUNBUFFERED=1 python3 meter-sidecar/verify/gpu_verify.py
curl -s http://127.0.0.1:9464/metrics > "$out/metrics.txt"
kill -TERM "$sidecar"
code=0; wait "$sidecar" || code=$?
echo "sidecar exit code: $code"
echo "termination message ($(wc -c < "$out/termination-log") bytes):"; cat "$out/termination-log"; echo
