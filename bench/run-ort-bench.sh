#!/usr/bin/env bash
# Compares the .NET ONNX Runtime binding with onnxruntime-node on the same .onnx files, thread count and batch sizes.
# usage: bench/run-ort-bench.sh   (env: THREADS=1 SECONDS_PER_RUN=3 BATCHES="1 16 128")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

threads="${THREADS:-1}"
seconds="${SECONDS_PER_RUN:-3}"
batches="${BATCHES:-1 16 128}"
input_width=512
feature_count=262144
sparse_width=64
models_dir="$root/artifacts/bench"

[[ -f deps/node_modules/onnxruntime-node/package.json ]] || { echo "run-ort-bench: run scripts/bootstrap.sh first" >&2; exit 2; }

dotnet build bench/EnergyOperator.Bench -c Release --nologo -v quiet >/dev/null
bench="$root/bench/EnergyOperator.Bench/bin/Release/net10.0/energy-bench"
"$bench" write-models "$models_dir" "$input_width" "$feature_count"

results=()
for model in "mlp.onnx dense:$input_width" "linear-text.onnx sparse:$feature_count:$sparse_width"; do
  read -r file spec <<<"$model"
  for batch in $batches; do
    # Interleaved per configuration so that drift in machine load hits both runtimes alike.
    results+=("$("$bench" run "$models_dir/$file" "$spec" "$batch" "$threads" "$seconds")")
    results+=("$(node bench/ort-node-bench.mjs "$models_dir/$file" "$spec" "$batch" "$threads" "$seconds")")
  done
done

echo "ONNX Runtime $(basename "$(readlink -f deps/node_modules/onnxruntime-node)")@$(node -p "require('./deps/node_modules/onnxruntime-node/package.json').version"), intra-op threads $threads, ${seconds}s per run, $(nproc) cores"
printf '%s\n' "${results[@]}" | awk -F'\t' '
  { key = $2 "\t" $4; rate[$1, key] = $8; if (!(key in seen)) { seen[key] = 1; order[++n] = key } }
  END {
    printf "| %-16s | %5s | %14s | %14s | %9s |\n", "model", "batch", "ours samples/s", "node samples/s", "ours/node"
    printf "|%s|%s|%s|%s|%s|\n", "------------------", "-------", "----------------", "----------------", "-----------"
    for (i = 1; i <= n; i++) {
      split(order[i], part, "\t")
      ours = rate["dotnet", order[i]]; node = rate["node", order[i]]
      printf "| %-16s | %5d | %14.1f | %14.1f | %9.2f |\n", part[1], part[2], ours, node, ours / node
    }
  }'
