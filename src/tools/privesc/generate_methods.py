#!/usr/bin/env python3
"""Regenerates src/policylint/privesc/data/escalation-methods.json.

Inputs: the pathfinding.cloud path catalog as dumped by Cloudsplaining (BSD-3-Clause,
../shared/reference/privesc/pathfinding-paths-catalog.yaml; only ids, categories and action
lists are used: facts, no prose) and the ADDITIONS below (methods named by Rhino Security
Labs / Cloudsplaining / Parliament / HackTricks that the path catalog lacks, written from
the public method descriptions and the AWS Service Authorization Reference).

    python3 src/tools/privesc/generate_methods.py ../shared/reference/privesc/pathfinding-paths-catalog.yaml \
        > src/policylint/privesc/data/escalation-methods.json
"""
import json
import re
import sys

import yaml

FAMILY = {
    "principal-access": "credentials-or-trust",
    "self-escalation": "policy-manipulation",
    "new-passrole": "passrole-new-compute",
    "existing-passrole": "existing-compute",
}

# Actions whose spelling the path names do not show.
SPELLING = {
    "ec2:describeinstances": "ec2:DescribeInstances",
    "ecs:describetasks": "ecs:DescribeTasks",
    "iam:deleteaccesskey": "iam:DeleteAccessKey",
}

ACCOUNT = "????????????"  # exactly twelve characters: a customer account, never "aws"
# The partition is written out: a segment-final "*" would cross colons (arn:*:… matches
# arn:aws:iam::aws:policy/…:iam::…), so the other partitions are not covered yet.

# Resource patterns of the IAM targets (the ARN a step's request names).
IAM_RESOURCE = {
    "iam:createpolicyversion": f"arn:aws:iam::{ACCOUNT}:policy/*",
    "iam:setdefaultpolicyversion": f"arn:aws:iam::{ACCOUNT}:policy/*",
    "iam:createaccesskey": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:deleteaccesskey": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:createloginprofile": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:updateloginprofile": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:putuserpolicy": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:attachuserpolicy": f"arn:aws:iam::{ACCOUNT}:user/*",
    "iam:putrolepolicy": f"arn:aws:iam::{ACCOUNT}:role/*",
    "iam:attachrolepolicy": f"arn:aws:iam::{ACCOUNT}:role/*",
    "iam:updateassumerolepolicy": f"arn:aws:iam::{ACCOUNT}:role/*",
    "iam:putgrouppolicy": f"arn:aws:iam::{ACCOUNT}:group/*",
    "iam:attachgrouppolicy": f"arn:aws:iam::{ACCOUNT}:group/*",
    "iam:addusertogroup": f"arn:aws:iam::{ACCOUNT}:group/*",
    "iam:passrole": f"arn:aws:iam::{ACCOUNT}:role/*",
    "sts:assumerole": f"arn:aws:iam::{ACCOUNT}:role/*",
}

# "unnamed": a name nobody writes. A target step allowed on it is allowed beyond the
# resources the document names one by one.

# Steps whose resource is the pre-existing thing whose privileges the method gains: when the
# document allows them only on named resources, the finding names those resources.
TARGETS = set(IAM_RESOURCE) - {"iam:deleteaccesskey"}
TARGETS |= {
    "lambda:updatefunctioncode", "lambda:updatefunctionconfiguration", "glue:updatedevendpoint",
    "cloudformation:updatestack", "codebuild:startbuild", "codebuild:startbuildbatch",
    "apprunner:updateservice", "ssm:sendcommand", "ssm:startsession", "ecs:executecommand",
    "sagemaker:createpresignednotebookinstanceurl", "sagemaker:updatenotebookinstance",
    "ec2:modifyinstanceattribute", "ec2:modifylaunchtemplate", "ec2-instance-connect:sendsshpublickey",
    "bedrock-agentcore:startcodeinterpretersession",
}

# Credentials of the caller itself give it nothing new ("manage your own access keys" on
# user/${aws:username}); on another user they are that user's permissions.
OWN_CREDENTIALS = {"iam:createaccesskey", "iam:deleteaccesskey", "iam:createloginprofile", "iam:updateloginprofile"}

# The service principal each compute service passes the role to (iam:PassedToService).
PASSED_TO = {
    "apprunner": "tasks.apprunner.amazonaws.com",
    "bedrock-agentcore": "bedrock-agentcore.amazonaws.com",
    "cloudformation": "cloudformation.amazonaws.com",
    "codebuild": "codebuild.amazonaws.com",
    "datapipeline": "datapipeline.amazonaws.com",
    "ec2": "ec2.amazonaws.com",
    "ecs": "ecs-tasks.amazonaws.com",
    "glue": "glue.amazonaws.com",
    "lambda": "lambda.amazonaws.com",
    "sagemaker": "sagemaker.amazonaws.com",
    "autoscaling": "ec2.amazonaws.com",
    "codestar": "codestar.amazonaws.com",
    "batch": "batch.amazonaws.com",
    "ssm": "ssm.amazonaws.com",
}

# Methods the path catalog lacks: (id, family, actions, sources, note).
ADDITIONS = [
    ("iam-setdefaultpolicyversion", "policy-manipulation", ["iam:SetDefaultPolicyVersion"],
     ["rhino:2", "cloudsplaining:SetExistingDefaultPolicyVersion", "parliament"],
     "an older, more permissive version of a customer managed policy becomes the default"),
    ("lambda-updatefunctionconfiguration", "existing-compute", ["lambda:UpdateFunctionConfiguration"],
     ["rhino:26", "hacktricks"], "a malicious layer or environment runs with the function's role"),
    ("lambda-passrole-updatefunctionconfiguration", "passrole-new-compute",
     ["iam:PassRole", "lambda:UpdateFunctionConfiguration", "lambda:InvokeFunction"],
     ["hacktricks"], "an existing function is given the passed role, then invoked"),
    ("codestar-createproject-passrole", "passrole-new-compute", ["iam:PassRole", "codestar:CreateProject"],
     ["rhino:24"], "the project's CloudFormation stack runs with the passed role"),
    ("codestar-createprojectfromtemplate", "passrole-new-compute", ["codestar:CreateProjectFromTemplate"],
     ["rhino:23"], "the project template creates resources with CodeStar's service role"),
    ("codestar-associateteammember", "policy-manipulation",
     ["codestar:CreateProject", "codestar:AssociateTeamMember"],
     ["rhino:25"], "the caller becomes owner of a new project and gets its IAM policy"),
    ("autoscaling-001", "passrole-new-compute",
     ["iam:PassRole", "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup"],
     ["rule-catalog:35", "hacktricks"], "instances launched by the group carry the passed instance role"),
    ("batch-001", "passrole-new-compute",
     ["iam:PassRole", "batch:RegisterJobDefinition", "batch:SubmitJob"],
     ["rule-catalog:35", "hacktricks"], "the job's container runs with the passed job role"),
]


def spelled(action, name):
    if action in SPELLING:
        return SPELLING[action]
    for token in re.findall(r"[A-Za-z0-9-]+:[A-Za-z0-9]+", name):
        if token.lower() == action:
            return token
    raise SystemExit(f"no spelling for {action}")


def step(action, service_of_method):
    low = action.lower()
    out = {"action": action}
    resource = IAM_RESOURCE.get(low)
    if resource:
        out["resource"] = resource
    if low in TARGETS:
        out["target"] = True
        out["unnamed"] = re.sub(r"/\*$", "/*policylint-unnamed*", resource) if resource else "*policylint-unnamed*"
    if low == "sts:assumerole":
        # Assuming a role the policy names is delegation the role's trust policy agreed to.
        out["named_is_delegation"] = True
    if low in OWN_CREDENTIALS:
        out["self_harmless"] = True
    if low == "iam:passrole":
        out["context"] = {"iam:PassedToService": PASSED_TO[service_of_method]}
    if low == "iam:createpolicyversion":
        out["note"] = "with SetAsDefault"
    return out


def main():
    catalog = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    methods = []
    for path in catalog["paths"]:
        services = [s for s in path["services"] if s != "iam"] or ["iam"]
        actions = [spelled(a, path["name"]) for a in path["required_actions"]]
        methods.append({
            "id": path["id"],
            "family": FAMILY[path["category"]] if path["id"] != "sts-001" else "role-assumption",
            "steps": [step(a, services[0]) for a in actions],
            "sources": ["pathfinding.cloud:" + path["id"]],
        })
    for mid, family, actions, sources, note in ADDITIONS:
        service = next((a.split(":")[0] for a in actions if not a.startswith("iam:")), "iam")
        methods.append({"id": mid, "family": family, "steps": [step(a, service) for a in actions],
                        "sources": sources, "note": note})
    # Trust manipulation is its own family (the grouping).
    for m in methods:
        lows = {s["action"].lower() for s in m["steps"]}
        if "iam:updateassumerolepolicy" in lows:
            m["family"] = "trust-manipulation"
        elif m["family"] == "credentials-or-trust":
            m["family"] = "credentials" if lows & {"iam:createaccesskey", "iam:createloginprofile",
                                                  "iam:updateloginprofile"} and len(lows) == len(
                lows & {"iam:createaccesskey", "iam:deleteaccesskey", "iam:createloginprofile",
                        "iam:updateloginprofile"}) else "policy-manipulation"
    methods.sort(key=lambda m: m["id"])
    doc = {
        "notice": ("Escalation methods for policylint. Paths with pathfinding.cloud ids: the path catalog of "
                   "DataDog's pathfinding.cloud as dumped by Cloudsplaining (salesforce/cloudsplaining, "
                   "BSD-3-Clause, commit 5012eab1f742); only ids, categories and action lists are used, as "
                   "facts. Other methods: Rhino Security Labs' method list, Cloudsplaining's and "
                   "Parliament's privilege-escalation lists and HackTricks, as facts; resource patterns "
                   "and iam:PassedToService values from the AWS Service Authorization Reference. "
                   "Regenerate with src/tools/privesc/generate_methods.py."),
        "methods": methods,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
