#!/usr/bin/env python3
"""Regenerates src/policylint/privesc/data/escalation-methods.json.

Inputs: the pathfinding.cloud path catalog as dumped by Cloudsplaining (BSD-3-Clause,
../shared/reference/privesc/pathfinding-paths-catalog.yaml; only ids, categories and action
lists are used: facts, no prose), the PATHFINDING_LATER paths below (ids and required action
lists of the paths DataDog's pathfinding.cloud added after that dump, Apache-2.0, read from
its data/paths/aws/ folder; facts only) and the ADDITIONS below (methods named by Rhino
Security Labs / Cloudsplaining / Parliament / HackTricks that neither lists, written from the
public method descriptions and the AWS Service Authorization Reference).

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
    "iam:deleteaccesskey": "iam:DeleteAccessKey",
}

# Lookups the path list names as required that only find the target: the instance or task
# can be known another way (a colleague, a log, a tag), and AWS does not ask for the lookup
# to send the key or open the shell, so a policy without it still escalates.
DISCOVERY_ONLY = {"ec2:describeinstances", "ecs:describetasks"}

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

# Targets only where the method uses compute that exists already: where the caller creates
# the compute itself (batch-001 submits its own job definition), the role passed is the target.
EXISTING_TARGETS = {
    "batch:submitjob", "bedrock-agentcore:invokeagentruntimecommand", "bedrock-agentcore:startbrowsersession",
    "codedeploy:createdeployment", "ssm:createassociation", "states:updatestatemachine",
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
    "braket": "braket.amazonaws.com",
    "cognito-identity": "cognito-identity.amazonaws.com",
    # EMR: the role that runs the attacker's step is the cluster's EC2 instance role, passed
    # to ec2.amazonaws.com (AmazonEMRFullAccessPolicy_v2 passes EMR_EC2_DefaultRole so).
    "elasticmapreduce": "ec2.amazonaws.com",
    "emr-serverless": "emr-serverless.amazonaws.com",
    "gamelift": "gamelift.amazonaws.com",
    # Image Builder passes the infrastructure configuration's instance role to EC2
    # (AWSImageBuilderFullAccess's condition).
    "imagebuilder": "ec2.amazonaws.com",
    "kinesisanalytics": "kinesisanalytics.amazonaws.com",
    "omics": "omics.amazonaws.com",
    "states": "states.amazonaws.com",
    "amplify": "amplify.amazonaws.com",
    "scheduler": "scheduler.amazonaws.com",
}

# Where a path's role goes to another principal than its service's (the path's own facts).
PASSED_TO_FOR_METHOD = {
    "batch-003": "ecs-tasks.amazonaws.com",  # the Fargate job's task role
}

# Paths pathfinding.cloud added after the dump above: (id, family, required actions, note).
# The note is ours. ec2-005 lists the same requests as ec2-004 and is a source of that method.
PATHFINDING_LATER = [
    ("batch-002", "existing-compute", ["batch:SubmitJob"],
     "a job submitted on an existing job definition overrides its command and runs as its job role"),
    ("batch-003", "passrole-new-compute",
     ["iam:PassRole", "batch:CreateComputeEnvironment", "batch:CreateJobQueue", "batch:RegisterJobDefinition",
      "batch:SubmitJob"],
     "a compute environment and queue of the caller's own run a job with the passed role"),
    ("bedrock-003", "passrole-new-compute",
     ["iam:PassRole", "bedrock-agentcore:CreateAgentRuntime", "bedrock-agentcore:CreateAgentRuntimeEndpoint",
      "bedrock-agentcore:CreateWorkloadIdentity", "bedrock-agentcore:InvokeAgentRuntimeCommand"],
     "a new agent runtime runs with the passed role and executes the caller's command"),
    ("bedrock-004", "existing-compute", ["bedrock-agentcore:InvokeAgentRuntimeCommand"],
     "a command run in an existing agent runtime reads its role's credentials"),
    ("bedrock-005", "passrole-new-compute",
     ["iam:PassRole", "bedrock-agentcore:CreateHarness", "bedrock-agentcore:CreateAgentRuntime",
      "bedrock-agentcore:CreateAgentRuntimeEndpoint", "bedrock-agentcore:CreateWorkloadIdentity",
      "bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:GetHarness",
      "bedrock-agentcore:InvokeAgentRuntimeCommand"],
     "a new harness provisions a runtime with the passed role that runs the caller's command"),
    ("bedrock-006", "passrole-new-compute",
     ["iam:PassRole", "bedrock-agentcore:CreateBrowser", "bedrock-agentcore:StartBrowserSession",
      "bedrock-agentcore:ConnectBrowserAutomationStream"],
     "a new custom browser runs with the passed role and the caller drives it"),
    ("bedrock-007", "existing-compute",
     ["bedrock-agentcore:StartBrowserSession", "bedrock-agentcore:ConnectBrowserAutomationStream"],
     "the caller drives an existing custom browser and reads its role's credentials"),
    ("braket-001", "passrole-new-compute", ["iam:PassRole", "braket:CreateJob"],
     "a hybrid job runs the caller's script with the passed execution role"),
    ("codedeploy-001", "existing-compute",
     ["codedeploy:CreateDeployment", "codedeploy:RegisterApplicationRevision", "codedeploy:GetDeploymentConfig"],
     "a revision's lifecycle hooks run on the group's instances with their instance role"),
    ("cognitoidentity-001", "passrole-new-compute", ["iam:PassRole", "cognito-identity:SetIdentityPoolRoles"],
     "the passed role becomes an identity pool's role, whose credentials anyone the pool admits gets"),
    ("ecs-007", "passrole-new-compute", ["iam:PassRole", "ecs:RegisterContainerInstance", "ecs:StartTask"],
     "a host of the caller's joins a cluster and starts a task with the passed task role"),
    ("ecs-008", "passrole-new-compute", ["iam:PassRole", "ecs:RunTask"],
     "an existing task definition runs with the passed role as the task role override"),
    ("ecs-009", "passrole-new-compute", ["iam:PassRole", "ecs:StartTask"],
     "an existing task definition starts on a container instance with the passed role as override"),
    ("emr-001", "passrole-new-compute", ["iam:PassRole", "elasticmapreduce:RunJobFlow"],
     "a new cluster's instances carry the passed instance role and run the caller's step"),
    ("emrserverless-001", "passrole-new-compute",
     ["iam:PassRole", "emr-serverless:CreateApplication", "emr-serverless:StartJobRun"],
     "a job run of a new application executes the caller's code with the passed role"),
    ("gamelift-001", "passrole-new-compute",
     ["iam:PassRole", "gamelift:CreateBuild", "gamelift:CreateFleet", "gamelift:RequestUploadCredentials"],
     "a fleet of the caller's build runs with the passed instance role"),
    ("glue-007", "passrole-new-compute", ["iam:PassRole", "glue:CreateSession", "glue:RunStatement"],
     "an interactive session with the passed role runs the caller's statements"),
    ("imagebuilder-001", "passrole-new-compute",
     ["iam:PassRole", "imagebuilder:CreateComponent", "imagebuilder:CreateImageRecipe",
      "imagebuilder:CreateInfrastructureConfiguration", "imagebuilder:CreateImage"],
     "a build instance with the passed instance role runs the caller's component"),
    ("kinesisanalytics-001", "passrole-new-compute",
     ["iam:PassRole", "kinesisanalytics:CreateApplication", "kinesisanalytics:StartApplication"],
     "a Flink application with the passed service role runs the caller's code"),
    # The path also lists s3:GetObject, to read the credentials the run writes; the run may write
    # them to a bucket of the caller's own account, which this account's policies do not govern.
    ("omics-001", "passrole-new-compute", ["iam:PassRole", "omics:CreateWorkflow", "omics:StartRun"],
     "a workflow run with the passed role writes its credentials where the caller reads them"),
    ("ssm-003", "passrole-new-compute", ["iam:PassRole", "ssm:CreateDocument", "ssm:StartAutomationExecution"],
     "an automation document of the caller's runs its script with the passed automation role"),
]
ALIASES = {"ec2-004": ["pathfinding.cloud:ec2-005"]}

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
     ["pathfinding.cloud:batch-001", "rule-catalog:35", "hacktricks"],
     "the job's container runs with the passed job role"),
    ("ssm-createassociation", "existing-compute", ["ssm:CreateAssociation"],
     ["hacktricks"], "an association runs a command document on existing instances with their instance role"),
    ("stepfunctions-001", "passrole-new-compute",
     ["iam:PassRole", "states:CreateStateMachine", "states:StartExecution"],
     ["hacktricks"], "a state machine of the caller's calls any AWS API (SDK integrations) as the passed role"),
    ("stepfunctions-002", "existing-compute", ["states:UpdateStateMachine", "states:StartExecution"],
     ["hacktricks"], "an existing state machine's new definition calls any AWS API as its role"),
    # pathfinding-labs (DataDog, Apache-2.0) has a scenario for it that the path catalog lacks;
    # the repository the app builds from needs no IAM permission when it is not CodeCommit.
    ("amplify-001", "passrole-new-compute",
     ["iam:PassRole", "amplify:CreateApp", "amplify:CreateBranch", "amplify:StartJob"],
     ["pathfinding-labs:amplify-001"], "the build of a new app's branch runs the caller's commands with the passed service role"),
    # EventBridge Scheduler's universal targets (arn:aws:scheduler:::aws-sdk:SERVICE:API) call an
    # AWS API directly with the schedule's role.
    ("scheduler-001", "passrole-new-compute", ["iam:PassRole", "scheduler:CreateSchedule"],
     ["pathfinding-labs:scheduler-001"], "a schedule's universal target calls any AWS API as the passed role"),
]


def spelled(action, name):
    if action in SPELLING:
        return SPELLING[action]
    for token in re.findall(r"[A-Za-z0-9-]+:[A-Za-z0-9]+", name):
        if token.lower() == action:
            return token
    raise SystemExit(f"no spelling for {action}")


def step(action, service_of_method, method_id="", family=""):
    low = action.lower()
    out = {"action": action}
    resource = IAM_RESOURCE.get(low)
    if resource:
        out["resource"] = resource
    if low in TARGETS or (low in EXISTING_TARGETS and family == "existing-compute"):
        out["target"] = True
        out["unnamed"] = re.sub(r"/\*$", "/*policylint-unnamed*", resource) if resource else "*policylint-unnamed*"
    if low == "sts:assumerole":
        # Assuming a role the policy names is delegation the role's trust policy agreed to.
        out["named_is_delegation"] = True
    if low in OWN_CREDENTIALS:
        out["self_harmless"] = True
    if low == "iam:passrole":
        out["context"] = {"iam:PassedToService": PASSED_TO_FOR_METHOD.get(method_id, PASSED_TO[service_of_method])}
    if low == "iam:createpolicyversion":
        out["note"] = "with SetAsDefault"
    return out


def main():
    catalog = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    methods = []
    for path in catalog["paths"]:
        services = [s for s in path["services"] if s != "iam"] or ["iam"]
        actions = [spelled(a, path["name"]) for a in path["required_actions"] if a not in DISCOVERY_ONLY]
        methods.append({
            "id": path["id"],
            "family": FAMILY[path["category"]] if path["id"] != "sts-001" else "role-assumption",
            "steps": [step(a, services[0]) for a in actions],
            "sources": ["pathfinding.cloud:" + path["id"]] + ALIASES.get(path["id"], []),
        })
    later = [(mid, family, actions, ["pathfinding.cloud:" + mid], note)
             for mid, family, actions, note in PATHFINDING_LATER]
    for mid, family, actions, sources, note in later + ADDITIONS:
        service = next((a.split(":")[0] for a in actions if not a.startswith("iam:")), "iam")
        methods.append({"id": mid, "family": family, "steps": [step(a, service, mid, family) for a in actions],
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
                   "BSD-3-Clause, commit 5012eab1f742), and the paths added since in DataDog/pathfinding.cloud "
                   "(Apache-2.0, data/paths/aws/, read 2026-12-07); only ids, categories and action lists are "
                   "used, as facts. Other methods: Rhino Security Labs' method list, Cloudsplaining's and "
                   "Parliament's privilege-escalation lists, HackTricks and the scenario names of DataDog's "
                   "pathfinding-labs (Apache-2.0), as facts; resource patterns "
                   "and iam:PassedToService values from the AWS Service Authorization Reference. "
                   "Regenerate with src/tools/privesc/generate_methods.py."),
        "methods": methods,
    }
    json.dump(doc, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
