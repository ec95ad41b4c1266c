#!/usr/bin/env bash
# Installs what policylint needs to build (Debian 12 packages) and builds one preset.
# Usage: src/scripts/setup.sh PRESET   (release | dev | asan | fuzz)
# "fuzz" also installs clang 14 and its libFuzzer runtime and builds only the fuzz harnesses.
set -euo pipefail
preset="${1:-release}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

packages=(g++ cmake ninja-build pkg-config libsimdjson-dev libcli11-dev libfmt-dev libyaml-cpp-dev doctest-dev python3 python3-jsonschema)
[[ $preset == fuzz ]] && packages+=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "policylint setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -eq 0 ]]; then
    sudo_cmd=()
  elif command -v sudo >/dev/null; then
    sudo_cmd=(sudo)
  else
    echo "policylint setup: run as root, or install: ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$root"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
