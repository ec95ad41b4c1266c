#!/usr/bin/env python3
"""Writes a large Terraform file and a large CloudFormation YAML template of about the same size,
built from the seed samples (copies with renamed resources), for tests/bench/frontend_bench.cpp:
    python3 tests/bench/make_large_text.py --mb 20 /tmp/big.tf /tmp/big.yaml
"""
import argparse
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
TF_SOURCES = ["sample-policies/terraform/admin-role-without-mfa/main.tf",
              "sample-policies/terraform/admin-role-recommended/main.tf",
              "tests/frontend/terraform/provider-doc-shapes.tf"]
CFN_SOURCES = ["sample-policies/cloudformation/admin-role-recommended.yaml",
               "sample-policies/cloudformation/admin-user-naive.yaml"]


def tf_copy(text, i):
    # Second labels and references to them get the copy's suffix.
    text = re.sub(r'^(resource|data) "([\w-]+)" "([\w-]+)"', lambda m: f'{m[1]} "{m[2]}" "{m[3]}_{i}"', text, flags=re.M)
    return re.sub(r'\b(aws_[a-z0-9_]+)\.([a-z0-9_]+)\b', lambda m: f'{m[1]}.{m[2]}_{i}', text)


def cfn_resources(text, i):
    body = text.split("\nResources:\n", 1)[1]
    ids = re.findall(r"^  (\w+):$", body, flags=re.M)
    for logical in ids:
        body = re.sub(rf"\b{logical}\b", f"{logical}{i}", body)
    return body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("tf")
    parser.add_argument("yaml")
    args = parser.parse_args()
    target = int(args.mb * 1e6)
    tf_parts = [(ROOT / p).read_text() for p in TF_SOURCES]
    out, size, i = [], 0, 0
    while size < target:
        chunk = tf_copy(tf_parts[i % len(tf_parts)], i)
        out.append(chunk)
        size += len(chunk)
        i += 1
    pathlib.Path(args.tf).write_text("".join(out))
    cfn = [(ROOT / p).read_text() for p in CFN_SOURCES]
    out = ['AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  OfficeCidr:\n    Type: String\n'
           '    Default: 203.0.113.0/24\nResources:\n']
    size, i = len(out[0]), 0
    while size < target:
        chunk = cfn_resources(cfn[i % len(cfn)], i)
        out.append(chunk)
        size += len(chunk)
        i += 1
    pathlib.Path(args.yaml).write_text("".join(out))


if __name__ == "__main__":
    main()
