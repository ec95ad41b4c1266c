#!/usr/bin/env bash
# The logic of the composite GitHub Action (action.yml), kept here so that it runs and is
# tested outside GitHub (tests/action/action_test.sh). Inputs arrive as environment
# variables — never spliced into shell code — and results go to $GITHUB_OUTPUT,
# $GITHUB_STEP_SUMMARY and $GITHUB_PATH (files the runner provides; any file works locally).
#
#   github-action.sh cache-key   print the build cache key: OS and its release, architecture,
#                                hash of the sources
#   github-action.sh install     make policylint available: $POLICYLINT_BINARY if set (tests,
#                                self-hosted runners), a verified download (PL_BINARY_URL +
#                                PL_BINARY_SHA256), a binary left by the cache, or a build
#                                from source with the distribution's packages (apt)
#   github-action.sh run         lint PL_PATHS; write the report; set outputs; exit 0/1/2
#
# Inputs: PL_PATHS (newline-separated; a line may contain spaces), PL_FORMAT (sarif),
# PL_OUTPUT (report file; empty = policylint.sarif for SARIF, else the log; "-" = the log), PL_FAIL_ON (error), PL_VERSION (expected version,
# checked when set), PL_BINARY_URL, PL_BINARY_SHA256, PL_SUMMARY (true: Markdown job summary),
# PL_ARGS (extra arguments, separated by spaces or newlines), PL_INSTALL_DIR (where the binary is kept;
# default $RUNNER_TEMP/policylint).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
install_dir="${PL_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/policylint}"

log() { echo "policylint-action: $*" >&2; }
die() { log "error: $*"; exit 2; }

output() { # name value
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
  fi
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# The distribution and its release: the binary links the distribution's shared libraries
# (libfmt.so.9, libsimdjson.so.14, libyaml-cpp.so.0.7), so a binary built on one runner image
# does not load on another.
os_release() {
  local id="" version_id=""
  if [[ -r /etc/os-release ]]; then
    id=$(. /etc/os-release && echo "${ID:-}")
    version_id=$(. /etc/os-release && echo "${VERSION_ID:-}")
  fi
  echo "${id:-unknown}-${version_id:-0}" | tr -c 'A-Za-z0-9._\n-' '_'
}

# A hash over everything that goes into the binary, so a cache hit is always the right build.
cache_key() {
  local files
  files=$(cd "$root" && find CMakeLists.txt src rules -type f -not -path 'src/scripts/*' | LC_ALL=C sort)
  local hash
  hash=$(cd "$root" && printf '%s\n' "$files" | xargs -d '\n' sha256sum | sha256sum | cut -c1-16)
  echo "policylint-$(uname -s)-$(os_release)-$(uname -m)-${hash}"
}

check_version() { # binary
  local line
  line=$("$1" --version | head -n1) || die "$1 --version failed"
  if [[ -n "${PL_VERSION:-}" && "$line" != "policylint ${PL_VERSION#v}"* ]]; then
    die "expected policylint ${PL_VERSION#v}, got: $line"
  fi
  log "using $line ($1)"
}

build_from_source() {
  local packages=(g++ cmake ninja-build pkg-config libsimdjson-dev libcli11-dev libfmt-dev libyaml-cpp-dev)
  local missing=() p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || die "no apt-get: install ${missing[*]} or pass binary-url"
    local sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  local build="$install_dir/build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPOLICYLINT_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" --target policylint -j "$(nproc)"
  install -m 0755 "$build/policylint" "$install_dir/bin/policylint"
  rm -rf "$build" # only the binary is cached
}

install_policylint() {
  local binary
  if [[ -n "${POLICYLINT_BINARY:-}" ]]; then
    [[ -x "$POLICYLINT_BINARY" ]] || die "POLICYLINT_BINARY=$POLICYLINT_BINARY is not an executable"
    binary="$POLICYLINT_BINARY"
  else
    mkdir -p "$install_dir/bin"
    binary="$install_dir/bin/policylint"
    if [[ -x "$binary" ]]; then
      log "cached binary found"
    elif [[ -n "${PL_BINARY_URL:-}" ]]; then
      [[ -n "${PL_BINARY_SHA256:-}" ]] || die "binary-url needs binary-sha256"
      curl -fsSL --retry 3 -o "$binary.download" "$PL_BINARY_URL" || die "download failed: $PL_BINARY_URL"
      local got
      got=$(sha256_of "$binary.download")
      if [[ "$got" != "${PL_BINARY_SHA256,,}" ]]; then
        rm -f "$binary.download"
        die "SHA-256 mismatch for $PL_BINARY_URL: expected $PL_BINARY_SHA256, got $got"
      fi
      chmod 0755 "$binary.download"
      mv "$binary.download" "$binary"
    else
      build_from_source
    fi
  fi
  check_version "$binary"
  if [[ -n "${GITHUB_PATH:-}" ]]; then
    dirname "$binary" >>"$GITHUB_PATH"
  fi
  output binary "$binary"
}

run_policylint() {
  local binary="${POLICYLINT_BINARY:-}"
  if [[ -z "$binary" ]]; then
    if [[ -x "$install_dir/bin/policylint" ]]; then binary="$install_dir/bin/policylint"; else binary=$(command -v policylint) || die "policylint is not installed (run the install step)"; fi
  fi
  local format="${PL_FORMAT:-sarif}" out="${PL_OUTPUT-}" fail_on="${PL_FAIL_ON:-error}"
  # No output named: SARIF goes to policylint.sarif (for the upload step), the rest to the log.
  if [[ -z "$out" && "$format" == sarif ]]; then out=policylint.sarif; fi
  if [[ "$out" == - ]]; then out=""; fi
  local formats
  formats=$("$binary" formats) || die "cannot list the formats of $binary"
  grep -qxF -- "$format" <<<"$formats" || die "format must be one of $(echo $formats | sed 's/ /, /g'), not '$format'"
  case "$fail_on" in error | warning | note | none) ;; *) die "fail-on must be error, warning, note or none, not '$fail_on'" ;; esac
  local paths=() line
  while IFS= read -r line; do
    line="${line#"${line%%[![:space:]]*}"}"
    line="${line%"${line##*[![:space:]]}"}"
    [[ -n "$line" ]] && paths+=("$line")
  done <<<"${PL_PATHS:-.}"
  ((${#paths[@]})) || paths=(.)
  local extra=()
  # Every line of a multi-line input (YAML "|" blocks), not only the first.
  if [[ -n "${PL_ARGS:-}" ]]; then read -r -d '' -a extra <<<"$PL_ARGS" || true; fi
  local args=(check --format "$format" --fail-on "$fail_on" "${extra[@]}")
  [[ -n "$out" ]] && args+=(--output "$out")
  local code=0
  "$binary" "${args[@]}" -- "${paths[@]}" || code=$?
  if [[ "${PL_SUMMARY:-true}" == "true" && -n "${GITHUB_STEP_SUMMARY:-}" && $code -ne 2 ]]; then
    "$binary" check --format markdown --quiet --exit-zero "${extra[@]}" -- "${paths[@]}" >>"$GITHUB_STEP_SUMMARY" || true
  fi
  # A failed run (exit 2: a path that does not exist, an unreadable file) must leave nothing to
  # upload: code scanning would take its SARIF for a complete run and close every open alert.
  if [[ $code -eq 2 && "$format" == "sarif" && -n "$out" ]]; then
    rm -f -- "$out"
    log "error: the run failed (exit 2); no SARIF report is left to upload"
  fi
  output exit-code "$code"
  output output-file "$out"
  if [[ "$format" == "sarif" && -n "$out" && -f "$out" ]]; then
    output sarif-file "$out"
  else
    output sarif-file ""
  fi
  return "$code"
}

case "${1:-}" in
  cache-key) cache_key ;;
  install) install_policylint ;;
  run) run_policylint ;;
  *) die "usage: $0 cache-key|install|run" ;;
esac
