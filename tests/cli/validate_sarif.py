#!/usr/bin/env python3
"""Validates the SARIF that policylint writes: against the official SARIF 2.1.0 schema
(draft-04, tests/schemas/sarif-schema-2.1.0.json, OASIS's, with its notice) and against the
GitHub code-scanning rules the schema cannot express (shared/docs/integration-conventions.md
§1.10), plus a cross-check of every result against the JSON report of the same run.

Usage (from the repository root; registered in tests/CMakeLists.txt):
  validate_sarif.py POLICYLINT --expect results PATH...   # there must be results
  validate_sarif.py POLICYLINT --expect empty PATH...     # the results array must be empty
  validate_sarif.py POLICYLINT --self-test                # the checks catch broken SARIF
  validate_sarif.py POLICYLINT --rules DIR --expect results PATH...  # with custom checks

Exit status: 0 valid, 1 invalid, 77 skipped (python3-jsonschema missing).
"""

import argparse
import copy
import json
import os
import re
import subprocess
import sys
import urllib.parse

SKIP = 77
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(REPO, "tests", "schemas", "sarif-schema-2.1.0.json")

PRECISIONS = {"very-high", "high", "medium", "low"}
PROBLEM_SEVERITIES = {"error", "warning", "recommendation"}
LEVELS = {"none", "note", "warning", "error"}
COLUMN_KINDS = {"unicodeCodePoints", "utf16CodeUnits"}
# RFC 3986: unreserved, sub-delims, ':', '@', '/', '?', '#', and percent escapes.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*$")


def load_validator():
    try:
        import jsonschema
    except ImportError:
        # A python3 other than Debian's (pyenv, a venv) may lack it; Debian's may have it.
        system = "/usr/bin/python3"
        if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system) \
                and not os.environ.get("POLICYLINT_SARIF_REEXEC"):
            os.environ["POLICYLINT_SARIF_REEXEC"] = "1"
            os.execv(system, [system] + sys.argv)
        print("validate_sarif: python3-jsonschema is missing (apt-get install python3-jsonschema)", file=sys.stderr)
        sys.exit(1)
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def schema_errors(validator, log):
    return [
        "schema: {} at /{}".format(e.message[:300], "/".join(str(p) for p in e.absolute_path))
        for e in sorted(validator.iter_errors(log), key=lambda e: list(map(str, e.absolute_path)))
    ]


def text_of(obj, key):
    value = obj.get(key)
    return value.get("text") if isinstance(value, dict) else None


def check_uri(where, location, base_ids, problems):
    uri = location.get("uri")
    if not isinstance(uri, str) or not uri:
        problems.append(f"{where}: artifactLocation.uri missing or empty")
        return
    if "\\" in uri:
        problems.append(f"{where}: backslash in URI {uri!r}")
    if not URI_CHARS.match(uri):
        problems.append(f"{where}: URI {uri!r} is not percent-encoded")
    parsed = urllib.parse.urlsplit(uri)
    segments = parsed.path.split("/")
    if "." in segments or ".." in segments or uri.startswith("./"):
        problems.append(f"{where}: URI {uri!r} has ./ or .. segments")
    if parsed.scheme:
        if parsed.scheme != "file":
            problems.append(f"{where}: URI scheme {parsed.scheme!r} (only file or relative)")
        if "uriBaseId" in location:
            problems.append(f"{where}: absolute URI {uri!r} with a uriBaseId")
    else:
        if uri.startswith("/"):
            problems.append(f"{where}: URI {uri!r} is absolute without a scheme")
        if location.get("uriBaseId") != "%SRCROOT%":
            problems.append(f"{where}: relative URI {uri!r} without uriBaseId %SRCROOT%")
        elif "%SRCROOT%" not in base_ids:
            problems.append(f"{where}: %SRCROOT% is not declared in originalUriBaseIds")


def github_problems(raw, log):
    """The GitHub code scanning requirements of integration-conventions.md §1.10."""
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("the file starts with a BOM")
    if not log.get("$schema"):
        problems.append("$schema missing")
    if log.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    runs = log.get("runs")
    if not isinstance(runs, list) or not runs:
        return problems + ["no runs"]
    if len(runs) != 1:
        problems.append(f"{len(runs)} runs; policylint writes exactly one")
    seen_categories = set()
    for r_index, run in enumerate(runs):
        where = f"runs[{r_index}]"
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"):
            problems.append(f"{where}: tool.driver.name missing or empty")
        category = (driver.get("name"), run.get("automationDetails", {}).get("id", "").rpartition("/")[0])
        if category in seen_categories:
            problems.append(f"{where}: another run has the same tool and category")
        seen_categories.add(category)
        if "automationDetails" in run:
            problems.append(f"{where}: automationDetails set by default (upload-sarif's category would be ignored)")
        results = run.get("results")
        if not isinstance(results, list):
            problems.append(f"{where}: results array missing (upload-sarif: \"Missing 'results' array in run\")")
            results = []
        if len(results) > 25000:
            problems.append(f"{where}: more than 25,000 results")
        rules = driver.get("rules")
        if rules is None:
            rules = []
            if results:
                problems.append(f"{where}: results but no tool.driver.rules")
        if len(rules) > 25000:
            problems.append(f"{where}: more than 25,000 rules")
        ids = []
        for i, rule in enumerate(rules):
            rw = f"{where}.rules[{i}]"
            rid = rule.get("id")
            if not rid:
                problems.append(f"{rw}: empty rule id")
            elif rid in ids:
                problems.append(f"{rw}: duplicate rule id {rid}")
            ids.append(rid)
            if len(rule.get("name", "")) > 255:
                problems.append(f"{rw}: name longer than 255")
            for key in ("shortDescription", "fullDescription", "help"):
                text = text_of(rule, key)
                if not text:
                    problems.append(f"{rw}: {key}.text missing or empty")
                elif key != "help" and len(text) > 1024:
                    problems.append(f"{rw}: {key}.text longer than 1024")
            level = rule.get("defaultConfiguration", {}).get("level")
            if level not in LEVELS:
                problems.append(f"{rw}: defaultConfiguration.level {level!r}")
            props = rule.get("properties", {})
            tags = props.get("tags", [])
            if len(tags) > 10:
                problems.append(f"{rw}: {len(tags)} tags (GitHub keeps 10)")
            if len(set(tags)) != len(tags):
                problems.append(f"{rw}: duplicate tags")
            if "precision" in props and props["precision"] not in PRECISIONS:
                problems.append(f"{rw}: precision {props['precision']!r}")
            if "problem.severity" in props and props["problem.severity"] not in PROBLEM_SEVERITIES:
                problems.append(f"{rw}: problem.severity {props['problem.severity']!r}")
            if "security-severity" in props:
                score = props["security-severity"]
                if not isinstance(score, str):
                    problems.append(f"{rw}: security-severity {score!r} is not a string")
                else:
                    try:
                        value = float(score)
                        if not 0.0 < value <= 10.0:
                            problems.append(f"{rw}: security-severity {score} outside (0, 10]")
                    except ValueError:
                        problems.append(f"{rw}: security-severity {score!r} is not a number")
                if "security" not in tags:
                    problems.append(f"{rw}: security-severity without the security tag")
            elif "problem.severity" not in props:
                problems.append(f"{rw}: neither security-severity nor problem.severity")
        if results and run.get("columnKind") not in COLUMN_KINDS:
            problems.append(f"{where}: columnKind {run.get('columnKind')!r} with results")
        base_ids = run.get("originalUriBaseIds", {})
        for j, result in enumerate(results):
            rw = f"{where}.results[{j}]"
            rule_id = result.get("ruleId")
            if rule_id not in ids:
                problems.append(f"{rw}: ruleId {rule_id!r} is not in rules[]")
            index = result.get("ruleIndex")
            if not isinstance(index, int) or not 0 <= index < len(rules) or rules[index].get("id") != rule_id:
                problems.append(f"{rw}: ruleIndex {index!r} does not point at {rule_id!r}")
            elif result.get("level", "warning") != rules[index].get("defaultConfiguration", {}).get("level", "warning"):
                problems.append(f"{rw}: level {result.get('level')!r} differs from the rule's default level")
            if not text_of(result, "message"):
                problems.append(f"{rw}: message.text missing or empty")
            if "partialFingerprints" in result and "primaryLocationLineHash" in result["partialFingerprints"]:
                problems.append(f"{rw}: primaryLocationLineHash set (leave it to upload-sarif)")
            locations = result.get("locations")
            if not isinstance(locations, list) or len(locations) != 1:
                problems.append(f"{rw}: {len(locations or [])} locations, want exactly one")
                continue
            physical = locations[0].get("physicalLocation", {})
            check_uri(rw, physical.get("artifactLocation", {}), base_ids, problems)
            region = physical.get("region", {})
            start_line, start_col = region.get("startLine"), region.get("startColumn")
            if not isinstance(start_line, int) or not isinstance(start_col, int) or start_line < 1 or start_col < 1:
                problems.append(f"{rw}: region needs 1-based startLine and startColumn, got {region}")
                continue
            end_line = region.get("endLine", start_line)
            end_col = region.get("endColumn")
            if end_line < start_line:
                problems.append(f"{rw}: endLine {end_line} < startLine {start_line}")
            if end_col is not None and end_line == start_line and end_col < start_col:
                problems.append(f"{rw}: endColumn {end_col} < startColumn {start_col}")
    return problems


def cross_check(log, report, problems):
    """Every JSON finding is a SARIF result with the same rule, file and region, in order."""
    results = log["runs"][0]["results"]
    findings = report["findings"]
    if len(results) != len(findings):
        problems.append(f"{len(results)} SARIF results but {len(findings)} JSON findings")
        return
    for result, finding in zip(results, findings):
        region = result["locations"][0]["physicalLocation"]["region"]
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        want = (finding["code"], finding["level"], finding["start"]["line"], finding["start"]["column"])
        got = (result["ruleId"], result["level"], region["startLine"], region["startColumn"])
        if want != got:
            problems.append(f"result {got} differs from JSON finding {want}")
        path = os.path.normpath(finding["file"])
        if not path.startswith("..") and not os.path.isabs(path) and urllib.parse.unquote(uri) != path:
            problems.append(f"URI {uri!r} does not name {finding['file']!r}")
        if not result["message"]["text"].startswith(finding["message"]):
            problems.append(f"message {result['message']['text'][:80]!r} does not start with the JSON message")


def run_policylint(binary, args):
    proc = subprocess.run([binary] + args, capture_output=True, timeout=60, check=False)
    if proc.returncode != 0:
        print(f"validate_sarif: {binary} {' '.join(args)} exited {proc.returncode}:\n"
              + proc.stderr.decode(errors="replace"), file=sys.stderr)
        sys.exit(1)
    return proc.stdout


def validate(binary, expect, paths, rules=()):
    validator = load_validator()
    rules_args = [arg for d in rules for arg in ("--rules", d)]
    paths = rules_args + paths
    raw = run_policylint(binary, ["--format", "sarif", "--exit-zero", "-q"] + paths)
    log = json.loads(raw.decode("utf-8"))
    problems = schema_errors(validator, log) + github_problems(raw, log)
    if not problems:
        report = json.loads(run_policylint(binary, ["--format", "json", "--exit-zero", "-q"] + paths))
        cross_check(log, report, problems)
        results = log["runs"][0]["results"]
        if expect == "results" and not results:
            problems.append("expected results, got none")
        if expect == "empty" and results:
            problems.append(f"expected no results, got {len(results)}")
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        if [r["id"] for r in rules] != sorted(r["id"] for r in rules):
            problems.append("rules are not in code order")
        listed = json.loads(run_policylint(binary, ["rules", "--format", "json"] + rules_args))
        if [r["id"] for r in rules] != [r["code"] for r in listed]:
            problems.append("rules[] is not the full rule set of `policylint rules`")
    for p in problems:
        print("INVALID:", p, file=sys.stderr)
    if problems:
        return 1
    print(f"valid SARIF: {len(log['runs'][0]['results'])} results, "
          f"{len(log['runs'][0]['tool']['driver']['rules'])} rules ({' '.join(paths)})")
    return 0


def self_test(binary):
    """Each deliberate breakage of a good log must be reported: the checks can fail."""
    validator = load_validator()
    raw = run_policylint(binary, ["--format", "sarif", "--exit-zero", "-q", "sample-policies/naive"])
    good = json.loads(raw)
    assert not schema_errors(validator, good) and not github_problems(raw, good), "the sample log is not valid"

    def broken(mutate):
        log = copy.deepcopy(good)
        mutate(log)
        return log

    def first_result(log):
        return log["runs"][0]["results"][0]

    def region(log):
        return first_result(log)["locations"][0]["physicalLocation"]["region"]

    def artifact(log):
        return first_result(log)["locations"][0]["physicalLocation"]["artifactLocation"]

    def rules(log):
        return log["runs"][0]["tool"]["driver"]["rules"]

    cases = {
        "0-based column": lambda log: region(log).update(startColumn=0),
        "0-based line": lambda log: region(log).update(startLine=0),
        "end before start": lambda log: region(log).update(endColumn=region(log)["startColumn"] - 1),
        "no results array": lambda log: log["runs"][0].pop("results"),
        "ruleId not in rules": lambda log: first_result(log).update(ruleId="PL999"),
        "ruleIndex mismatch": lambda log: first_result(log).update(ruleIndex=first_result(log)["ruleIndex"] + 1),
        "two locations": lambda log: first_result(log)["locations"].append(first_result(log)["locations"][0]),
        "absolute URI with base": lambda log: artifact(log).update(uri="file:///tmp/x.json"),
        "relative URI without base": lambda log: artifact(log).pop("uriBaseId"),
        "dot-dot URI": lambda log: artifact(log).update(uri="../x.json"),
        "unencoded space": lambda log: artifact(log).update(uri="my policies/x.json"),
        "backslash": lambda log: artifact(log).update(uri="a\\x.json"),
        "no columnKind": lambda log: log["runs"][0].pop("columnKind"),
        "numeric security-severity": lambda log: next(
            r for r in rules(log) if "security-severity" in r["properties"])["properties"].update(
                {"security-severity": 8.0}),
        "security-severity 0": lambda log: next(
            r for r in rules(log) if "security-severity" in r["properties"])["properties"].update(
                {"security-severity": "0.0"}),
        "eleven tags": lambda log: rules(log)[0]["properties"].update(tags=[f"t{i}" for i in range(11)]),
        "duplicate rule id": lambda log: rules(log).append(dict(rules(log)[0], name="Other")),
        "empty help": lambda log: rules(log)[0].update(help={"text": ""}),
        "no $schema": lambda log: log.pop("$schema"),
        "bad precision": lambda log: rules(log)[0]["properties"].update(precision="certain"),
        "second run": lambda log: log["runs"].append(copy.deepcopy(log["runs"][0])),
    }
    missed = []
    for name, mutate in cases.items():
        log = broken(mutate)
        raw_log = json.dumps(log).encode()
        if not schema_errors(validator, log) and not github_problems(raw_log, log):
            missed.append(name)
    if not github_problems(b"\xef\xbb\xbf" + raw, good):
        missed.append("BOM")
    for name in missed:
        print("NOT DETECTED:", name, file=sys.stderr)
    if missed:
        return 1
    print(f"self-test: all {len(cases) + 1} breakages detected")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("policylint")
    parser.add_argument("--expect", choices=["results", "empty", "any"], default="any")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--rules", action="append", default=[], help="custom check directory (repeatable)")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_intermixed_args()
    if not os.path.isfile(SCHEMA):
        print(f"validate_sarif: the schema is missing at {SCHEMA}", file=sys.stderr)
        return 1
    if args.self_test:
        return self_test(args.policylint)
    if not args.paths:
        parser.error("PATH required")
    return validate(args.policylint, args.expect, args.paths, args.rules)


if __name__ == "__main__":
    sys.exit(main())
