#!/usr/bin/env bash
# Builds the libFuzzer harnesses in tests/fuzz/ (the "fuzz" CMake preset: clang 14, ASan + UBSan,
# installed by src/scripts/setup.sh when missing) into build/fuzz/ and runs each for SECONDS
# (default 60) on seed corpora assembled from sample-policies/, tests/fuzz/regressions/,
# ../shared/corpora/edge-cases/ (when present) and the built-in seeds below.
#   tests/fuzz/build-and-run.sh [SECONDS]        build, then run every harness
#   FUZZ_BUILD_ONLY=1 tests/fuzz/build-and-run.sh  build only
#   FUZZ_TARGETS="json_policy_fuzz" ...          run a subset
#   FUZZ_JOBS=2 ...                              libFuzzer -jobs/-workers per harness (default 1)
# Crashes, timeouts and OOMs land in build/fuzz/artifacts/<harness>/; the script exits non-zero
# if any harness failed. Copy such inputs into tests/fuzz/regressions/.
set -euo pipefail
seconds=${1:-60}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/fuzz"
"$root/src/scripts/setup.sh" fuzz
all_targets=$(cd "$root/tests/fuzz" && ls *_fuzz.cpp | sed 's/\.cpp$//' | tr '\n' ' ')
targets=(${FUZZ_TARGETS:-$all_targets})
[ -n "${FUZZ_BUILD_ONLY:-}" ] && exit 0

# Seed corpora (rebuilt for each invocation, so concurrent invocations with different
# FUZZ_TARGETS do not collide; the working corpora under build/fuzz/corpus/ persist).
seeds="$out/seeds.$$"; rm -rf "$seeds"; mkdir -p "$seeds/json" "$seeds/eval"
trap 'rm -rf "$seeds"' EXIT
for dir in "$root/sample-policies" "$root/tests/fuzz/regressions" "$root/../shared/corpora/edge-cases"; do
  [ -d "$dir" ] || continue
  find "$dir" -type f -name '*.json' -size -64k -print0 | while IFS= read -r -d '' f; do
    cp "$f" "$seeds/json/$(echo "${f#$root/}" | tr '/ ' '__')"
  done
done
cat > "$seeds/eval/all-families" <<'SEED'
{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:Get*","ec2:*"],"Resource":"arn:aws:s3:::bucket/${aws:username}/*","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]},"StringEqualsIgnoreCase":{"aws:RequestTag/team":"Blue"},"NumericLessThanEquals":{"aws:MultiFactorAuthAge":"3600"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"},"Bool":{"aws:SecureTransport":"true"},"BinaryEquals":{"custom:blob":"QmluYXJ5"},"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]},"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin-*"},"Null":{"aws:TokenIssueTime":"false"},"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]},"ForAnyValue:StringNotLikeIfExists":{"aws:PrincipalTag/x":"y*"}}},{"Effect":"Deny","NotAction":"s3:*","NotResource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"},"DateLessThan":{"aws:EpochTime":"1700000000"},"NumericNotEquals":{"s3:max-keys":"10"},"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:t"},"StringNotEqualsIgnoreCase":{"aws:PrincipalOrgID":"o-abc"}}}]}
---
action=s3:GetObject
resource=arn:aws:s3:::bucket/alice/f.txt
principal=arn:aws:iam::123456789012:role/admin-x
aws:username=alice
s3:prefix=home/alice/x
aws:RequestTag/team=blue
aws:MultiFactorAuthAge=60
aws:CurrentTime=2024-01-01T00:00:00Z
aws:SecureTransport=true
custom:blob=QmluYXJ5
aws:SourceIp=10.1.2.3
aws:PrincipalArn=arn:aws:iam::123456789012:role/admin-x
aws:TokenIssueTime=2024-01-01T00:00:00Z
aws:TagKeys=team
aws:TagKeys=env
SEED
cat > "$seeds/eval/resource-policy" <<'SEED'
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"],"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"},"DateLessThanEquals":{"aws:CurrentTime":"2030-12-31"}}},{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"},"NumericGreaterThan":{"aws:MultiFactorAuthAge":3600}}}]}
---
action=sts:AssumeRole
resource=arn:aws:iam::111122223333:role/r
principal=arn:aws:iam::111122223333:user/bob
sts:ExternalId=x
-aws:MultiFactorAuthPresent
SEED
# The whole-pipeline harness also gets small templates, plans and snapshots for the front ends.
mkdir -p "$seeds/lint"
for dir in "$root/sample-policies" "$root/../shared/corpora/cfn" "$root/../shared/corpora/terraform-plans" \
           "$root/../shared/corpora/auth-details"; do
  [ -d "$dir" ] || continue
  find "$dir" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' -o -name '*.tf' \) -size -64k \
    -print0 | sort -z | while IFS= read -r -d '' f; do
      cp "$f" "$seeds/lint/$(echo "${f#$root/}" | tr '/ ' '__')"
    done
done
# The configuration loader: the sample configuration and the examples of docs/configuration.md.
mkdir -p "$seeds/config"
[ -f "$root/sample-policies/policylint.example.yaml" ] && cp "$root/sample-policies/policylint.example.yaml" "$seeds/config/"
awk '/^```yaml/{n++; f=1; next} /^```/{f=0} f{print > ("'"$seeds/config/doc-"'" n ".yaml")}' "$root/docs/configuration.md"
# Custom checks: the committed examples and the check files of docs/custom-checks.md, alone and
# followed by "\n---\n" and a sample policy for them to run on.
mkdir -p "$seeds/custom"
awk '/^```json/{n++; f=1; next} /^```/{f=0} f{print > ("'"$seeds/custom/doc-"'" n ".json")}' "$root/docs/custom-checks.md"
for check in "$root"/rules/custom-examples/*.json; do
  cp "$check" "$seeds/custom/"
  for policy in "$root"/sample-policies/naive/*.json "$root"/sample-policies/recommended/*.json; do
    [ -f "$policy" ] || continue
    { cat "$check"; printf '\n---\n'; cat "$policy"; } > "$seeds/custom/$(basename "$check" .json)__$(basename "$policy")"
  done
done
# The HCL reader: the Terraform samples and the front end's test fixtures.
mkdir -p "$seeds/hcl"
find "$root/sample-policies" "$root/tests/frontend/terraform" -type f -name '*.tf' -size -64k -print0 2>/dev/null \
  | sort -z | while IFS= read -r -d '' f; do cp "$f" "$seeds/hcl/$(echo "${f#$root/}" | tr '/ ' '__')"; done
cp "$seeds"/eval/* "$seeds/json/"
for f in "$seeds"/json/*.json; do cp "$f" "$seeds/eval/"; done

status=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"; artifacts="$out/artifacts/$t"; mkdir -p "$corpus" "$artifacts"
  case $t in
    json_policy_fuzz|query_fuzz) seed="$seeds/json" ;;
    lint_fuzz) seed="$seeds/lint" ;;
    config_fuzz) seed="$seeds/config" ;;
    hcl_fuzz) seed="$seeds/hcl" ;;
    custom_fuzz) seed="$seeds/custom" ;;
    *) seed="$seeds/eval" ;;
  esac
  echo "== $t for ${seconds}s"
  jobs=${FUZZ_JOBS:-1}
  extra=(); [ "$jobs" -gt 1 ] && extra=(-jobs="$jobs" -workers="$jobs")
  (cd "$artifacts" && "$out/tests/fuzz/$t" "$corpus" "$seed" -max_total_time="$seconds" -max_len=65536 -timeout=5 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra[@]}" \
      2>&1 | tee "$out/$t.log" | grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|^stat::|ERROR|SUMMARY|Test unit written' ) \
    || true
  if grep -qE '^==[0-9]+==ERROR|Test unit written|deadly signal' "$out/$t.log" \
     || ls "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/oom-* >/dev/null 2>&1; then
    echo "!! $t found a problem; see $out/$t.log and $artifacts/"; status=1
  fi
done
exit $status
