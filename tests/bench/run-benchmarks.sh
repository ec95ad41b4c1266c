#!/bin/sh
# One command for the numbers of docs/performance.md (issue 15): builds the release preset,
# writes the large snapshot and the adversarial inputs into a temporary directory, and prints
# wall time, CPU time and peak RSS of `policylint check` on each, beside the floor (read + full
# simdjson parse of the same bytes) measured in the same run. A benchmark, not a test: it
# asserts nothing. Usage, from anywhere:
#   tests/bench/run-benchmarks.sh [REPEAT] [ROW-FILTER]
# Needs ../shared/corpora beside the checkout (POLICYLINT_CORPORA to point elsewhere).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
corpora=${POLICYLINT_CORPORA:-$root/../shared/corpora}
repeat=${1:-5}
only=${2:-}
cd "$root"
cmake --preset release >/dev/null
cmake --build --preset release --target policylint policylint_floor policylint_measure >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/policylint-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
python3 tests/bench/make_adversarial.py "$work"
if [ -f "$corpora/auth-details/make-large.py" ]; then
  python3 "$corpora/auth-details/make-large.py" --mb 80 -o "$work/auth-details-80mb.json" >/dev/null
fi
echo "$(date -u +%Y-%m-%d) $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 tests/bench/run-benchmarks.py --policylint build/release/policylint --floor build/release/tests/policylint_floor \
  --measure build/release/tests/policylint_measure \
  --inputs "$work" --corpora "$corpora" --repeat "$repeat" --only "$only"
