#!/usr/bin/env python3
"""Checks rules/custom-check.schema.json (the editor schema for custom check files): it is a
valid draft-04 schema, every committed example validates against it, and deliberately broken
checks do not. Exit 0 valid, 1 invalid, 77 skipped (python3-jsonschema missing).

Usage (from the repository root; registered in tests/CMakeLists.txt): validate_custom_schema.py
"""

import copy
import glob
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    try:
        import jsonschema
    except ImportError:
        print("validate_custom_schema: SKIPPED, python3-jsonschema is missing")
        return 77
    with open(os.path.join(REPO, "rules", "custom-check.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    validator = jsonschema.Draft4Validator(schema)
    problems = []
    examples = sorted(glob.glob(os.path.join(REPO, "rules", "custom-examples", "*.json")))
    if not examples:
        problems.append("no examples in rules/custom-examples")
    for path in examples:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        for e in validator.iter_errors(document):
            problems.append(f"{os.path.relpath(path, REPO)}: {e.message}")
        broken = {
            "reserved code": lambda c: c.update(code="PL101"),
            "bad severity": lambda c: c.update(severity="severe"),
            "unknown key": lambda c: c.update(colour="red"),
            "bad mfa": lambda c: c["forbid"].update(when={"mfa": "maybe"}),
            "no actions": lambda c: c["forbid"].pop("actions"),
        }
        for name, mutate in broken.items():
            doc = copy.deepcopy(document)
            mutate(doc["checks"][0])
            if validator.is_valid(doc):
                problems.append(f"{os.path.relpath(path, REPO)}: schema accepts a check with {name}")
    for p in problems:
        print("INVALID:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"custom check schema: {len(examples)} examples valid, breakages rejected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
