#!/usr/bin/env bash
# Sets up what the tests need, then builds and runs every test project; prints one "N passed, N failed" line at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/bootstrap.sh
dotnet build EnergyOperator.sln -c Release -nologo -v quiet
results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test EnergyOperator.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" || status=$?
# One summary line over all test assemblies, in the plain form CI reads.
count() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
echo "$(count passed) passed, $(count failed) failed"
exit $status
