#!/usr/bin/env bash
# The demo: installs what is missing, builds policylint, and lints the sample policies.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/src/scripts/setup.sh" release >&2
cd "$root"
# The naive policies have findings, so policylint exits 1 here by design.
./build/release/policylint sample-policies "$@" || status=$?
exit "${status:-0}"
