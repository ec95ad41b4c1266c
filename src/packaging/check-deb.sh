#!/usr/bin/env bash
# Checks a policylint .deb: its contents (binary, man page, bash completion, copyright), its
# control fields, and that its Depends names the package of every shared library the binary
# needs (found with ldd + dpkg -S on this machine). Prints the package's metadata.
# Usage: src/packaging/check-deb.sh build/pkg/policylint_0.1.0-1_amd64.deb
set -euo pipefail
deb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

dpkg-deb -I "$deb"
dpkg-deb -c "$deb"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/policylint ./usr/share/man/man1/policylint.1 \
  ./usr/share/bash-completion/completions/policylint ./usr/share/doc/policylint/copyright; do
  grep -qx "$path" <<<"$contents" || fail "missing $path"
done
[[ "$(dpkg-deb -f "$deb" Package)" == policylint ]] || fail "Package field"
[[ -n "$(dpkg-deb -f "$deb" Version)" ]] || fail "Version field"

dpkg-deb -x "$deb" "$work/root"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in $(ldd "$work/root/usr/bin/policylint" | awk '$3 ~ /^\// {print $3}'); do
  real=$(readlink -f "$lib")
  pkg=$(dpkg -S "$real" 2>/dev/null || dpkg -S "${real#/usr}" 2>/dev/null || true)
  pkg=${pkg%%:*}
  if [[ -z "$pkg" ]]; then
    echo "note: no package owns $real" >&2
    continue
  fi
  tr ',' '\n' <<<"$depends" | awk '{print $1}' | grep -Fqx "$pkg" || fail "Depends lacks $pkg (for $lib)"
done
"$work/root/usr/bin/policylint" --version
man -l "$work/root/usr/share/man/man1/policylint.1" >/dev/null 2>&1 || zcat -f "$work/root/usr/share/man/man1/policylint.1" | head -1 >/dev/null
((failures == 0)) || { echo "check-deb: $failures failure(s)" >&2; exit 1; }
echo "check-deb: $deb is complete"
