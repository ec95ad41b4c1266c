#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as errors, runs
# every test (unit, rule fixtures and docs, golden outputs, CLI, SARIF schema, corpora
# when ../shared/corpora exists). Pass "asan" to run it under ASan+UBSan instead.
set -euo pipefail
preset="${1:-dev}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/src/scripts/setup.sh" "$preset"
cd "$root"
ctest --preset "$preset" -j "$(nproc)"
