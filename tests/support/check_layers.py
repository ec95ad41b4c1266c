#!/usr/bin/env python3
"""Fails when an #include runs back up the layers of docs/architecture.md.

Each module (a folder of src/policylint/, and rules/ for the rule folders) has a rank; a file may
include its own module and modules of a lower rank only. A module missing from the table is an
error too, so that a new one gets a place before it gets includes. Run by ctest (layers.includes).
"""
import os
import re
import sys

# Lowest first. Same rank: neither may include the other.
RANKS = {
    "core": 0,
    "json": 1,
    "hcl": 1,        # the HCL (Terraform) reader, beside the JSON one
    "catalog": 2,
    "policy": 2,
    "eval": 3,
    "query": 4,
    "account": 5,
    "privesc": 5,    # the escalation method catalog and its detector (query engine)
    "managed": 6,
    "probes": 9,     # the attacker model: callers, outsiders, quick-then-exact decisions
    "frontend": 7,
    "io": 8,
    "engine": 8,
    "generated": 8,  # the build's declarations of rules and fixers (engine's tables)
    "fix": 9,        # text-edit tools for fixers
    "output": 9,
    "rules": 10,     # rules/<category>/<slug>/ and src/policylint/rules/support
    "custom": 11,
    "config": 12,
    "baseline": 12,
    "lint": 13,
    "cli": 14,
}
INCLUDE = re.compile(r'^\s*#\s*include\s*<policylint/([a-z_]+)/')


def module_of(root, path):
    rel = os.path.relpath(path, root).split(os.sep)
    if rel[0] == "rules":
        return "rules"
    if rel[:2] == ["src", "policylint"] and len(rel) > 3:
        return rel[2]
    return None


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
    problems = []
    files = 0
    for top in ("src/policylint", "rules"):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if not name.endswith((".cpp", ".hpp")) or name.endswith("_test.cpp"):
                    continue
                path = os.path.join(dirpath, name)
                module = module_of(root, path)
                if module is None:
                    continue
                files += 1
                if module not in RANKS:
                    problems.append(f"{os.path.relpath(path, root)}: module '{module}' has no layer in tests/support/check_layers.py")
                    continue
                with open(path, encoding="utf-8") as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) == module:
                            continue
                        target = m.group(1)
                        if target not in RANKS:
                            problems.append(f"{os.path.relpath(path, root)}:{number}: includes unknown module '{target}'")
                        elif RANKS[target] >= RANKS[module]:
                            problems.append(f"{os.path.relpath(path, root)}:{number}: {module} (layer {RANKS[module]}) "
                                            f"includes {target} (layer {RANKS[target]}), which is not below it")
    for p in problems:
        print(p)
    print(f"check_layers: {files} files, {len(problems)} includes that run back up")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
