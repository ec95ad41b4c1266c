#!/usr/bin/env bash
# End-to-end test of the GitHub Action's script (src/scripts/github-action.sh) outside GitHub:
# the already-built binary (POLICYLINT_BINARY skips the build), fake $GITHUB_OUTPUT,
# $GITHUB_STEP_SUMMARY and $GITHUB_PATH files, the sample policies. Checks outputs, the SARIF
# file, the job summary and exit codes; and that action.yml passes every input to the script.
# Usage: tests/action/action_test.sh PATH/TO/policylint   (from the repository root)
set -uo pipefail
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script="$root/src/scripts/github-action.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/policylint-action-XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_eq() { [[ "$2" == "$3" ]] || fail "$1: expected '$3', got '$2'"; }
output_of() { grep -E "^$1=" "$GITHUB_OUTPUT" | tail -n1 | cut -d= -f2-; }

# Runs one step like the runner does: fresh output files, the inputs as environment.
step() { # step NAME [VAR=VALUE...] -- MODE
  local name=$1
  shift
  export GITHUB_OUTPUT="$work/$name.output" GITHUB_STEP_SUMMARY="$work/$name.summary" GITHUB_PATH="$work/$name.path"
  : >"$GITHUB_OUTPUT"
  : >"$GITHUB_STEP_SUMMARY"
  : >"$GITHUB_PATH"
  local vars=()
  while [[ $1 != -- ]]; do vars+=("$1"); shift; done
  shift
  (cd "$work/repo" && env POLICYLINT_BINARY="$binary" "${vars[@]}" "$script" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr")
}

mkdir -p "$work/repo"
cp -r "$root/sample-policies" "$work/repo/"
mkdir -p "$work/repo/with space"
cp "$root/sample-policies/recommended/admin-role-trust.json" "$work/repo/with space/trust policy.json"

# install: uses the given binary, puts its directory on PATH, checks the version.
step install -- install
expect_eq "install exit code" "$?" 0
expect_eq "install binary output" "$(output_of binary)" "$binary"
expect_eq "GITHUB_PATH" "$(cat "$GITHUB_PATH")" "$(dirname "$binary")"
version=$("$binary" --version | head -n1 | cut -d' ' -f2)
step install-pinned PL_VERSION="v$version" -- install
expect_eq "install with the right version" "$?" 0
step install-wrong PL_VERSION="0.0.0-nope" -- install
expect_eq "install with a wrong version" "$?" 2
grep -q "expected policylint 0.0.0-nope" "$work/install-wrong.stderr" || fail "wrong version message"

# run on the naive samples: SARIF written, findings → exit 1 (fail-on error), outputs set.
step naive PL_PATHS="sample-policies/naive" PL_FORMAT=sarif PL_OUTPUT=policylint.sarif PL_FAIL_ON=error -- run
expect_eq "naive exit code" "$?" 1
expect_eq "naive exit-code output" "$(output_of exit-code)" 1
expect_eq "naive sarif-file output" "$(output_of sarif-file)" policylint.sarif
[[ -s "$work/repo/policylint.sarif" ]] || fail "no SARIF file"
# As many results as findings policylint reports for those files directly.
expected_results=$(cd "$work/repo" && "$binary" check --format github --exit-zero -q sample-policies/naive | grep -c '^::')
[[ $expected_results -gt 0 ]] || fail "the naive samples have no findings"
if command -v python3 >/dev/null; then
  python3 - "$work/repo/policylint.sarif" "$expected_results" <<'PY' || fail "SARIF content"
import json, sys
log = json.load(open(sys.argv[1]))
run = log["runs"][0]
assert log["version"] == "2.1.0"
assert run["tool"]["driver"]["name"] == "policylint"
assert len(run["results"]) == int(sys.argv[2]), len(run["results"])
assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]} >= {
    "sample-policies/naive/admin-user.json"}
PY
fi
grep -q "^## policylint" "$GITHUB_STEP_SUMMARY" || fail "no job summary"
grep -q "PL101" "$GITHUB_STEP_SUMMARY" || fail "job summary without findings"

# fail-on none: findings do not fail the step; summary off.
step none PL_PATHS="sample-policies/naive" PL_FAIL_ON=none PL_SUMMARY=false PL_OUTPUT=none.sarif -- run
expect_eq "fail-on none exit code" "$?" 0
expect_eq "fail-on none exit-code output" "$(output_of exit-code)" 0
[[ -s "$work/repo/none.sarif" ]] || fail "fail-on none wrote no SARIF"
[[ ! -s "$GITHUB_STEP_SUMMARY" ]] || fail "summary written although summary=false"

# Several paths, one per line, with spaces; a clean set exits 0.
step clean PL_PATHS=$'sample-policies/recommended/assume-role-only-user.json\n  with space/trust policy.json  \n' PL_OUTPUT=clean.sarif -- run
expect_eq "clean exit code" "$?" 0
grep -q '"results": \[\]' "$work/repo/clean.sarif" || fail "clean SARIF has results"

# SARIF without an output name goes to policylint.sarif; "-" sends it to the log.
rm -f "$work/repo/policylint.sarif"
step default-output PL_PATHS="sample-policies/naive" PL_OUTPUT= -- run
expect_eq "default output exit code" "$?" 1
expect_eq "default output sarif-file" "$(output_of sarif-file)" policylint.sarif
[[ -s "$work/repo/policylint.sarif" ]] || fail "no default SARIF file"
step log-output PL_PATHS="sample-policies/naive" PL_OUTPUT=- -- run
expect_eq "SARIF to the log: sarif-file" "$(output_of sarif-file)" ""
grep -q '"version": "2.1.0"' "$work/log-output.stdout" || fail "SARIF not in the log"

# Another format to the log: no SARIF output; extra arguments pass through.
step github PL_PATHS="sample-policies/naive" PL_FORMAT=github PL_OUTPUT= PL_ARGS="--select PL102" PL_FAIL_ON=warning -- run
expect_eq "github format exit code" "$?" 1
expect_eq "github sarif-file output" "$(output_of sarif-file)" ""
expect_eq "github annotations" "$(grep -c '^::' "$work/github.stdout")" 1
grep -q "PL102" "$work/github.stdout" || fail "annotation for PL102 missing"

# Bad inputs are usage errors (exit 2), reported clearly.
step badformat PL_FORMAT=xml -- run
expect_eq "bad format exit code" "$?" 2
grep -q "format must be" "$work/badformat.stderr" || fail "bad format message"
step badfail PL_FAIL_ON=sometimes -- run
expect_eq "bad fail-on exit code" "$?" 2
step missing PL_PATHS="no/such/dir" PL_OUTPUT=missing.sarif -- run
expect_eq "missing path exit code" "$?" 2
expect_eq "missing path exit-code output" "$(output_of exit-code)" 2
# A failed run leaves no SARIF to upload (it would close every open alert).
expect_eq "missing path sarif-file output" "$(output_of sarif-file)" ""
[[ ! -e "$work/repo/missing.sarif" ]] || fail "a failed run left missing.sarif to upload"
step missing-and-found PL_PATHS=$'sample-policies/naive\nno/such/dir' -- run
expect_eq "one missing path exit code" "$?" 2
expect_eq "one missing path sarif-file output" "$(output_of sarif-file)" ""
[[ ! -e "$work/repo/policylint.sarif" ]] || fail "a failed run left policylint.sarif to upload"

# A multi-line args input keeps every line: the --exclude on the second line applies.
step multiline PL_PATHS="sample-policies/naive" PL_FORMAT=github PL_OUTPUT= PL_FAIL_ON=none PL_ARGS=$'--select PL101\n--exclude admin-user.json' -- run
expect_eq "multi-line args exit code" "$?" 0
grep -q "PL101" "$work/multiline.stdout" || fail "multi-line args: --select on the first line lost"
if grep -q "admin-user.json" "$work/multiline.stdout"; then fail "multi-line args: --exclude on the second line dropped"; fi

# The cache key is stable and names the platform.
key1=$("$script" cache-key) && key2=$("$script" cache-key)
expect_eq "cache key stable" "$key1" "$key2"
[[ "$key1" =~ ^policylint-Linux-[A-Za-z0-9._-]+-[A-Za-z0-9_]+-[0-9a-f]{16}$ ]] || fail "cache key format: $key1"
# The binary links distribution libraries: the key names the OS release it was built on.
if [[ -r /etc/os-release ]]; then
  release=$(. /etc/os-release && echo "${ID:-unknown}-${VERSION_ID:-0}")
  [[ "$key1" == *"-$release-"* ]] || fail "cache key without the OS release $release: $key1"
fi

# action.yml: every input reaches the script as PL_<NAME>, and the steps call the script.
for input in $(sed -n '/^inputs:/,/^outputs:/p' "$root/action.yml" | grep -E '^  [a-z-]+:$' | tr -d ' :'); do
  var="PL_$(echo "$input" | tr 'a-z-' 'A-Z_')"
  [[ "$input" == "output" ]] && var=PL_OUTPUT
  grep -q "$var: \${{ inputs.$input }}" "$root/action.yml" || fail "action.yml does not pass input $input as $var"
done
[[ $(grep -c 'github-action.sh' "$root/action.yml") -ge 3 ]] || fail "action.yml does not call the script"
grep -q 'using: composite' "$root/action.yml" || fail "action.yml is not a composite action"

# With PyYAML: the structure GitHub requires, no expression spliced into shell code, every
# output written by the script.
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$root/action.yml" "$script" <<'PY' || fail "action.yml structure"
import re, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
script = open(sys.argv[2]).read()
assert action["runs"]["using"] == "composite"
used = set()
for step in action["runs"]["steps"]:
    if "run" in step:
        assert step.get("shell") == "bash", step
        assert "${{" not in step["run"], "expression in run: " + step["run"]
    for value in (step.get("env") or {}).values():
        used.update(re.findall(r"inputs\.([a-z0-9-]+)", str(value)))
    for value in (step.get("with") or {}).values():
        used.update(re.findall(r"inputs\.([a-z0-9-]+)", str(value)))
    used.update(re.findall(r"inputs\.([a-z0-9-]+)", str(step.get("if", ""))))
assert used == set(action["inputs"]), (used, set(action["inputs"]))
for name, output in action["outputs"].items():
    assert output["value"] == "${{ steps.lint.outputs.%s }}" % name, output
    assert "output %s " % name in script, "the script never writes output " + name
PY
fi

if ((failures)); then
  echo "action test: $failures failure(s)" >&2
  exit 1
fi
echo "action test: all checks passed"
