#!/usr/bin/env bash
# rules/new-rule on a copy of rules/: the next free code of the category's block, the three
# files with the headings the docs test requires, and a refusal to overwrite.
set -euo pipefail
root="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/rules" "$tmp/rules"
fail() { echo "FAIL: $*"; exit 1; }
out=$(python3 "$tmp/rules/new-rule" trust trust-example-one "A role trust lets an example in.")
code1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$tmp/rules/trust/trust-example-one/rule.json")
out2=$(python3 "$tmp/rules/new-rule" trust trust-example-two "Another example.")
code2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["code"])' "$tmp/rules/trust/trust-example-two/rule.json")
[[ $code1 == PL3* && $code2 == PL3* && $code1 < $code2 ]] || fail "codes $code1 $code2"
grep -q "$code1" <<<"$out" || fail "output does not name $code1: $out"
if grep -rqs "\"code\": \"$code1\"" "$root/rules"; then fail "$code1 is already used"; fi
for h in "# $code1 trust-example-one" "## What it does" "## Why is this bad?" "## Example" "## Use instead"; do
  grep -qxF "$h" "$tmp/rules/trust/trust-example-one/README.md" || fail "README lacks $h"
done
grep -q "void check_trust_example_one(const engine::PolicyUnit& unit, engine::RuleContext& ctx)" \
  "$tmp/rules/trust/trust-example-one/check.cpp" || fail "check.cpp signature"
if python3 "$tmp/rules/new-rule" trust trust-example-one "Again." 2>/dev/null; then fail "overwrote a rule"; fi
echo "new-rule: $code1 and $code2 scaffolded"
