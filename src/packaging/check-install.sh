#!/usr/bin/env bash
# Checks `cmake --install` of a build tree into a scratch prefix: the binary, the generated
# man page and the bash completion land where packagers expect them, and they work.
# Usage: src/packaging/check-install.sh BUILD_DIR     (ctest: packaging.install)
set -euo pipefail
build=$1
prefix=$(mktemp -d "${TMPDIR:-/tmp}/policylint-install-XXXXXX")
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

cmake --install "$build" --prefix "$prefix" >/dev/null
for path in bin/policylint share/man/man1/policylint.1 share/bash-completion/completions/policylint \
  share/doc/policylint/copyright; do
  [[ -f "$prefix/$path" ]] || fail "cmake --install did not install $path"
done
[[ -x "$prefix/bin/policylint" ]] || fail "bin/policylint is not executable"
"$prefix/bin/policylint" --version | grep -q "^policylint " || fail "installed binary does not run"
# The installed page is the one the installed binary generates.
diff <("$prefix/bin/policylint" --help-man) "$prefix/share/man/man1/policylint.1" >/dev/null ||
  fail "installed man page differs from --help-man"
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$prefix/share/man/man1/policylint.1" 2>&1) || fail "groff failed"
  [[ -z "$warnings" ]] || fail "groff warnings: $warnings"
fi
# The completion script loads in bash and registers a completion for policylint.
bash -c "source '$prefix/share/bash-completion/completions/policylint' && complete -p policylint" >/dev/null 2>&1 ||
  fail "bash completion does not register"
# Every option of every command is offered by the completion (it is a hand-written script).
completion="$prefix/share/bash-completion/completions/policylint"
for command in check simulate diff rules; do
  for option in $("$prefix/bin/policylint" "$command" --help | grep -oE '(^|[ ,])--[a-z][a-z-]*' | tr -d ' ,' | sort -u); do
    grep -q -- "$option" "$completion" || fail "bash completion lacks $command $option"
  done
done
((failures == 0)) || exit 1
echo "check-install: ok"
