#!/usr/bin/env bash
# The demo: installs what is missing, builds policylint, and lints the sample policies.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/src/scripts/setup.sh" release >&2
cd "$root"
# The naive policies have findings, so policylint exits 1 here by design. The directory also
# holds the same scenario as a CloudFormation template (cloudformation/*.yaml), a Terraform
# plan (terraform/*.plan.json) and an authorization-details snapshot (auth-details/*.json):
# policylint recognises each by its content (see docs/inputs.md).
./build/release/policylint sample-policies "$@" || status=$?
exit "${status:-0}"
