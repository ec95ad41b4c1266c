#!/usr/bin/env python3
"""Writes the adversarial inputs of issue 15 into a directory, for tests/bench/run-benchmarks.sh.

Each file is one shape that once made a rule quadratic (or a reader copy too much); the
benchmark prints how long policylint takes on it next to the time to read and parse the same
bytes. Deterministic: the same bytes every time. Only the Python 3 standard library is needed.

    python3 tests/bench/make_adversarial.py OUT_DIR
"""
import argparse
import json
import os

ACCOUNT = "111122223333"


def policy(statements):
    return {"Version": "2012-10-17", "Statement": statements}


def s3_resources(count):
    """One statement naming `count` distinct bucket-object patterns (PL019)."""
    return policy([{"Effect": "Allow", "Action": "s3:GetObject",
                    "Resource": [f"arn:aws:s3:::bucket-{n}/*" for n in range(count)]}])


def trust(count, condition=None):
    """A role trust policy naming `count` roles of one account (PL201, PL301, PL103, PL321)."""
    st = {"Effect": "Allow",
          "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT}:role/deployer-{n}" for n in range(count)]},
          "Action": "sts:AssumeRole"}
    if condition:
        st["Condition"] = condition
    return policy([st])


def long_arn(size):
    """One Resource of `size` bytes (PL009's ARN template matcher)."""
    return policy([{"Effect": "Allow", "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::bucket/" + "k" * size}])


def long_action_list(count):
    """Thousands of wildcard patterns of one service, and the plain actions they cover (PL017)."""
    actions = []
    for n in range(count):
        actions.append(f"s3:GetObject{n}*")
        actions.append(f"s3:GetObject{n}Tagging")
    return policy([{"Effect": "Allow", "Action": actions, "Resource": "*"}])


def admin_statements(count):
    """`count` administrator statements on one line (PL101 asks one question per statement)."""
    return policy([{"Effect": "Allow", "Action": "*", "Resource": "*"} for _ in range(count)])


def plan_with_long_string(size):
    """A Terraform plan whose aws_iam_policy holds a policy string of about `size` bytes."""
    inner = json.dumps(long_arn(size), separators=(",", ":"))
    resource = {"address": "aws_iam_policy.big", "mode": "managed", "type": "aws_iam_policy", "name": "big",
                "values": {"name": "big", "policy": inner}}
    return {"format_version": "1.2", "terraform_version": "1.6.0",
            "planned_values": {"root_module": {"resources": [resource]}}}


def users_with_own_policies(count):
    """An account snapshot of `count` users, each with an inline policy of its own (writing its own
    user) beside AdministratorAccess and under one boundary: as many distinct policy sets as users
    (PL908 once searched each in full), and a boundary each may delete (PL910)."""
    account = "111122223333"
    admin = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    boundary = {"Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["s3:*", "iam:DeleteUserPermissionsBoundary"], "Resource": "*"}]}
    users = []
    for i in range(count):
        arn = f"arn:aws:iam::{account}:user/dev{i}"
        own = policy([{"Effect": "Allow", "Action": ["iam:PutUserPolicy", "iam:AttachUserPolicy"], "Resource": arn},
                      {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])
        users.append({"UserName": f"dev{i}", "Arn": arn, "GroupList": [],
                      "UserPolicyList": [{"PolicyName": "Self", "PolicyDocument": own}],
                      "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess",
                                                   "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}],
                      "PermissionsBoundary": {"PermissionsBoundaryType": "Policy",
                                              "PermissionsBoundaryArn": f"arn:aws:iam::{account}:policy/Boundary"}})

    def managed(name, arn, document):
        return {"PolicyName": name, "Arn": arn, "DefaultVersionId": "v1",
                "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": True}]}

    return {"UserDetailList": users, "GroupDetailList": [], "RoleDetailList": [],
            "Policies": [managed("Boundary", f"arn:aws:iam::{account}:policy/Boundary", boundary),
                         managed("AdministratorAccess", "arn:aws:iam::aws:policy/AdministratorAccess", admin)]}


MIB = 1024 * 1024
SHAPES = [
    ("s3-resources-12500.json", lambda: s3_resources(12500)),
    ("s3-resources-25000.json", lambda: s3_resources(25000)),
    ("trust-20000-principals.json", lambda: trust(20000)),
    ("trust-10000-principals-secured.json",
     lambda: trust(10000, {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                           "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})),
    ("arn-8mib.json", lambda: long_arn(8 * MIB)),
    ("actions-20000-one-service.json", lambda: long_action_list(10000)),
    ("admin-4000-statements.json", lambda: admin_statements(4000)),
    ("plan-50mb-string.json", lambda: plan_with_long_string(50 * 1000 * 1000)),
    ("users-5000-own-policies.json", lambda: users_with_own_policies(5000)),
]


def main():
    # argparse, not argv[1]: "--help" must print the usage, not become a directory of 60 MB.
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", help="directory to write the inputs into (created if missing)")
    out = parser.parse_args().out_dir
    os.makedirs(out, exist_ok=True)
    for name, make in SHAPES:
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(make(), f, separators=(",", ":"))


if __name__ == "__main__":
    main()
