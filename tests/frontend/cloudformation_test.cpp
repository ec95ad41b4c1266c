// CloudFormation and SAM templates, YAML and JSON: documents found, kinds, positions in the
// user's file, intrinsics, Metadata suppressions, the account model, bad YAML, and the corpus.
#include "support/corpora.hpp"
#include "frontend/frontend_support.hpp"

#include <doctest/doctest.h>

#include <policylint/frontend/yaml_tree.hpp>

#include <yaml-cpp/yaml.h>

#include <functional>
#include <set>

using namespace policylint;
using namespace policylint::testing;

namespace {

const std::string k_yaml_template = R"(AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  OfficeCidr:
    Type: String
    Default: 198.51.100.0/24
Resources:
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Operators]
      Policies:
        - PolicyName: everything
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: "*"
                Resource: "*"
  Operators:
    Type: AWS::IAM::Group
  Admin:
    Type: AWS::IAM::Role
    Metadata:
      policylint:
        ignore: [PL201]
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !GetAtt Alice.Arn}
            Action: sts:AssumeRole
            Condition:
              IpAddress: {aws:SourceIp: !Ref OfficeCidr}
      ManagedPolicyArns:
        - !Ref AdminPolicy
        - arn:aws:iam::aws:policy/ReadOnlyAccess
  AdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Join ["", [!GetAtt Bucket.Arn, "/*"]]
)";

} // namespace

TEST_CASE("cloudformation yaml: documents, kinds and the account") {
  auto r = read_text(k_yaml_template, "template.yaml");
  CHECK(r.extraction.format == frontend::InputFormat::cloudformation);
  REQUIRE(r.extraction.documents.size() == 4);
  const auto& docs = r.extraction.documents;
  CHECK(docs[0].origin == "Resources.Alice.Policies[0].PolicyDocument");
  CHECK(docs[0].kind == policy::PolicyKind::identity);
  CHECK(docs[1].origin == "Resources.Admin.AssumeRolePolicyDocument");
  CHECK(docs[1].kind == policy::PolicyKind::trust);
  CHECK(docs[1].suppressed == std::vector<std::string>{"PL201"});
  CHECK(docs[2].origin == "Resources.AdminPolicy.PolicyDocument");
  CHECK(docs[3].kind == policy::PolicyKind::resource);

  // Intrinsics became patterns: !Sub keeps its literal text, !GetAtt of a template user is its ARN.
  const json::Value* resource = docs[2].tree->find("Statement")->items[0].find("Resource");
  REQUIRE(resource != nullptr);
  CHECK(resource->text == "arn:aws:s3:::*/*");
  const json::Value* principal = docs[1].tree->find("Statement")->items[0].find("Principal")->find("AWS");
  CHECK(principal->text == "arn:aws:iam::123456789012:user/alice");
  const json::Value* cidr =
      docs[1].tree->find("Statement")->items[0].find("Condition")->find("IpAddress")->find("aws:SourceIp");
  CHECK(cidr->text == "198.51.100.0/24"); // the parameter's Default
  const json::Value* joined = docs[3].tree->find("Statement")->items[0].find("Resource");
  CHECK(joined->text == "arn:aws:s3:::*/*"); // an S3 ARN: the unnamed bucket may have any name

  const auto& account = r.extraction.account;
  REQUIRE(account.principals.size() == 3);
  const auto& alice = account.principals[0];
  CHECK(alice.kind == account::PrincipalKind::user);
  CHECK(alice.name == "alice");
  CHECK(alice.groups == std::vector<std::string>{"Operators"});
  CHECK(alice.policies == std::vector<std::size_t>{0});
  const auto& admin = account.principals[2];
  CHECK(admin.kind == account::PrincipalKind::role);
  CHECK(admin.name == "Admin");
  CHECK(admin.trust_policy == std::optional<std::size_t>{1});
  CHECK(admin.policies == std::vector<std::size_t>{2}); // the template's managed policy, by !Ref
  CHECK(admin.unresolved_policy_arns == std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  CHECK(account.documents[2].arn == "arn:aws:iam::123456789012:policy/AdminPolicy");
}

TEST_CASE("cloudformation yaml: findings point at the YAML token") {
  const auto ds = lint_text(k_yaml_template, {"PL101"}, "template.yaml");
  const auto pl101 = with_code(ds, "PL101");
  REQUIRE(pl101.size() == 1);
  // Line 18 is `                Action: "*"`: the quoted token starts at column 25.
  CHECK(pl101[0].location.start == Position{18, 25});
  CHECK(pl101[0].location.end == Position{18, 28});
  CHECK(pl101[0].file == "template.yaml");
  // The same position by search, so that an edit of the fixture cannot silently shift both.
  CHECK(pl101[0].location.start == position_of(k_yaml_template, "\"*\"\n                Resource"));
}

TEST_CASE("cloudformation yaml: a finding's JSON pointer names its place in the template") {
  const auto ds = lint_text(k_yaml_template, {"PL101"}, "template.yaml");
  const auto pl101 = with_code(ds, "PL101");
  REQUIRE(pl101.size() == 1);
  // The document's place (Resources/Alice/Properties/Policies/0/PolicyDocument), then the
  // place inside it: suppressions and baselines tell the template's documents apart.
  CHECK(pl101[0].pointer == "/Resources/Alice/Properties/Policies/0/PolicyDocument/Statement/0/Action");
}

TEST_CASE("cloudformation: the runner fills the account with built policies") {
  const SourceFile file("template.yaml", k_yaml_template);
  engine::LintOptions options;
  account::Account account;
  (void)engine::lint_source(file, options, &account);
  // The four documents of the template, and ReadOnlyAccess from the embedded AWS managed policies.
  REQUIRE(account.documents.size() == 5);
  CHECK(account.documents[4].arn == "arn:aws:iam::aws:policy/ReadOnlyAccess");
  CHECK(account.principals[2].unresolved_policy_arns.empty());
  CHECK(account.documents[0].policy.statements.size() == 1);
  CHECK(account.documents[1].policy.kind == policy::PolicyKind::trust);
  CHECK(account.documents[3].policy.kind == policy::PolicyKind::resource);
  CHECK(account.documents[0].file == "template.yaml");
}

TEST_CASE("cloudformation: a function with a written name and a role joins the account, and GetAtt and Ref name it") {
  const std::string text = R"({
  "Resources": {
    "Runner": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "runner",
      "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
    "Report": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "report",
      "Role": {"Fn::GetAtt": ["Runner", "Arn"]}}},
    "Generated": {"Type": "AWS::Lambda::Function", "Properties": {"Role": {"Fn::GetAtt": ["Runner", "Arn"]}}},
    "Deployer": {"Type": "AWS::IAM::User", "Properties": {"Policies": [{"PolicyName": "deploy", "PolicyDocument": {
      "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "lambda:UpdateFunctionCode",
        "Resource": [{"Fn::GetAtt": ["Report", "Arn"]},
                     {"Fn::Sub": "arn:aws:lambda:us-east-1:123456789012:function:${Report}"}]}]}}]}}
  }
})";
  const SourceFile file("template.json", text);
  engine::LintOptions options;
  account::Account account;
  (void)engine::lint_source(file, options, &account);
  // The function whose name CloudFormation generates is left out.
  REQUIRE(account.compute.size() == 1);
  CHECK(account.compute[0].arn == "arn:aws:lambda:*:123456789012:function:report");
  CHECK(account.compute[0].role_arn == "arn:aws:iam::123456789012:role/runner");
  CHECK(account.compute[0].service == "lambda.amazonaws.com");
  const auto& deploy = account.documents.back().policy;
  REQUIRE(deploy.statements.size() == 1);
  REQUIRE(deploy.statements[0].resource.values.size() == 2);
  CHECK(deploy.statements[0].resource.values[0].value == account.compute[0].arn);
  CHECK(deploy.statements[0].resource.values[1].value == "arn:aws:lambda:us-east-1:123456789012:function:report");
}

TEST_CASE("cloudformation: Metadata policylint.ignore suppresses rules for that resource only") {
  const std::string text = R"({
  "Resources": {
    "Quiet": {
      "Type": "AWS::IAM::Policy",
      "Metadata": {"policylint": {"ignore": ["PL101", "version-missing-or-legacy"]}},
      "Properties": {"PolicyName": "q", "Roles": ["r"],
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}
    },
    "Loud": {
      "Type": "AWS::IAM::Policy",
      "Properties": {"PolicyName": "l", "Roles": ["r"],
        "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}
    }
  }
})";
  const auto ds = lint_text(text, {"PL101", "PL003"}, "t.json");
  const auto pl101 = with_code(ds, "PL101");
  REQUIRE(pl101.size() == 1);
  CHECK(pl101[0].location.start.line == 12);
  REQUIRE(with_code(ds, "PL003").size() == 1);
  CHECK(with_code(ds, "PL003")[0].location.start.line == 12);
}

TEST_CASE("cloudformation: Fn::If, Fn::Select and SAM policy templates are reported, not dropped") {
  const std::string text = R"(Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy: {BucketName: reports}
        - Statement:
            - !If
              - IsProd
              - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::prod/*"}
              - !Ref AWS::NoValue
            - Effect: Allow
              Action: !Select [0, [sqs:SendMessage]]
              Resource: !If [IsProd, "arn:aws:sqs:*:*:prod", "arn:aws:sqs:*:*:dev"]
)";
  auto r = read_text(text, "sam.yaml");
  REQUIRE(r.extraction.documents.size() == 1);
  const json::Value* statements = r.extraction.documents[0].tree->find("Statement");
  REQUIRE(statements != nullptr);
  REQUIRE(statements->items.size() == 2); // the If's true branch spliced in, NoValue dropped
  CHECK(statements->items[1].find("Action")->text == "*");
  CHECK(statements->items[1].find("Resource")->text == "arn:aws:sqs:*:*:prod");
  const auto& role = r.extraction.account.principals.at(0);
  CHECK(role.name == "FnRole");
  CHECK(role.unresolved_policy_arns == std::vector<std::string>{"arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole"});

  const auto ds = lint_text(text, {"PL020", "PL022"}, "sam.yaml");
  const auto pl022 = with_code(ds, "PL022");
  REQUIRE(pl022.size() == 1);
  CHECK(pl022[0].location.start == Position{7, 11});
  const auto pl020 = with_code(ds, "PL020");
  REQUIRE(pl020.size() == 2);
  CHECK(pl020[0].location.start == Position{14, 23}); // !Select
  CHECK(pl020[1].location.start == Position{15, 25}); // !If outside a list
}

TEST_CASE("cloudformation yaml: a syntax error is PL000 at the YAML position") {
  const std::string text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  R: [a, b\n  S: c\n";
  const auto ds = lint_text(text, {}, "bad.yaml");
  const auto pl000 = with_code(ds, "PL000");
  REQUIRE(pl000.size() == 1);
  CHECK(contains(pl000[0].message, "invalid YAML"));
  CHECK(pl000[0].location.start.line >= 3);
  // Not a template and not JSON: the JSON error, as before the YAML front end.
  const auto plain = lint_text("Version: 2012-10-17\n", {}, "p.yaml");
  REQUIRE(with_code(plain, "PL000").size() == 1);
  CHECK_FALSE(contains(with_code(plain, "PL000")[0].message, "YAML"));
}

TEST_CASE("cloudformation json: a policy string in KeyPolicy that is not JSON is PL000 at its byte") {
  const std::string text = R"({"Resources": {"Key": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": "{\"Version\": \"2012-10-17\", \"Statement\": [}"}}}})";
  const auto ds = lint_text(text, {}, "key.json");
  const auto pl000 = with_code(ds, "PL000");
  REQUIRE(pl000.size() == 1);
  // The error is at the ']' inside the string, in the outer file.
  CHECK(pl000[0].range.begin == text.find("[}") + 1);
}

namespace {

bool is_map(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }
bool is_scalar(const YAML::Node& n) { return n.IsDefined() && n.IsScalar(); }
bool is_seq(const YAML::Node& n) { return n.IsDefined() && n.IsSequence(); }

bool is_policy_bearing_yaml_key(const std::string& key) {
  return key == "PolicyDocument" || key == "AssumeRolePolicyDocument" || key == "KeyPolicy";
}

// An independent count with yaml-cpp directly: PolicyDocument / AssumeRolePolicyDocument /
// KeyPolicy maps under Properties of the resource types the front end reads (plus SAM inline
// statements), without intrinsic resolution. It is a lower bound per file: the front end also
// reads documents written as JSON strings (block scalars, Fn::Sub), SAM state machines,
// Secrets Manager policies, and both branches of an Fn::If in a list (22 files, checked by hand).
std::size_t count_documents(const YAML::Node& root) {
  std::size_t n = 0;
  const YAML::Node resources = root["Resources"];
  if (!is_map(resources)) {
    return 0;
  }
  for (const auto& r : resources) {
    const YAML::Node& res = r.second;
    if (!is_map(res) || !is_scalar(res["Type"]) || !is_map(res["Properties"])) {
      continue;
    }
    const std::string type = res["Type"].Scalar();
    const YAML::Node props = res["Properties"];
    static const std::set<std::string> k_types = {
        "AWS::IAM::Role",         "AWS::IAM::User",        "AWS::IAM::Group",         "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy",    "AWS::IAM::GroupPolicy",
        "AWS::S3::BucketPolicy",  "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy",   "AWS::KMS::Key"};
    if (k_types.contains(type)) {
      for (const auto& p : props) {
        if (is_policy_bearing_yaml_key(p.first.Scalar()) && is_map(p.second)) {
          ++n;
        }
        if (p.first.Scalar() == "Policies" && is_seq(p.second)) {
          for (const auto& entry : p.second) {
            if (is_map(entry) && is_map(entry["PolicyDocument"])) {
              ++n;
            }
          }
        }
      }
    }
    if (type == "AWS::Serverless::Function") {
      const YAML::Node policies = props["Policies"];
      if (is_map(policies) && policies["Statement"].IsDefined()) {
        ++n;
      }
      if (is_seq(policies)) {
        for (const auto& entry : policies) {
          if (is_map(entry) && entry["Statement"].IsDefined()) {
            ++n;
          }
        }
      }
      if (is_map(props["AssumeRolePolicyDocument"])) {
        ++n;
      }
    }
  }
  return n;
}

} // namespace

TEST_CASE("cloudformation corpus: every YAML template reads without a crash, documents counted independently") {
  const auto dir = k_corpora / "cfn";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  std::size_t files = 0;
  std::size_t documents = 0;
  std::size_t expected = 0;
  std::size_t unreadable = 0;
  std::vector<std::string> mismatches;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".yaml" && ext != ".yml")) {
      continue;
    }
    const std::string text = slurp(e.path());
    auto r = read_text(text, e.path().string());
    ++files;
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception&) {
      ++unreadable;
      continue;
    }
    const std::size_t want = count_documents(root);
    // Documents whose only content is an intrinsic are the one allowed difference; each such
    // case gets a PL020 note, so "found + intrinsic-only" must cover the expectation.
    std::size_t whole_intrinsics = 0;
    for (const auto& n : r.extraction.notes) {
      whole_intrinsics += n.message.find("the policy document is computed by") != std::string::npos ? 1U : 0U;
    }
    if (r.extraction.documents.size() + whole_intrinsics < want) {
      mismatches.push_back(e.path().string());
    }
    documents += r.extraction.documents.size();
    expected += want;
  }
  MESSAGE("YAML templates: " << files << ", documents: " << documents << " (independent count " << expected << ")");
  CHECK(files > 900);
  CHECK(unreadable == 0); // the one invalid YAML file lives under edge-cases/, not cfn/
  CHECK(mismatches.empty());
  CHECK(documents >= expected);
}

TEST_CASE("cloudformation corpus: JSON templates are detected and read") {
  const auto dir = k_corpora / "cfn" / "aws-cloudformation-templates";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  std::size_t templates = 0;
  std::size_t documents = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") {
      continue;
    }
    auto r = read_text(slurp(e.path()), e.path().string());
    templates += r.extraction.format == frontend::InputFormat::cloudformation ? 1U : 0U;
    documents += r.extraction.documents.size();
    // Every range lies inside the file.
    for (const auto& d : r.extraction.documents) {
      CHECK(d.tree->range.end <= r.file->size());
    }
  }
  MESSAGE("JSON templates: " << templates << ", documents: " << documents);
  CHECK(templates == 67);
  CHECK(documents > 100);
}

TEST_CASE("cloudformation yaml: multi-byte text and CRLF line ends keep exact columns") {
  const std::string text = "Description: \"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC\"\r\nResources:\r\n  P:\r\n"
                           "    Type: AWS::IAM::Policy\r\n    Properties:\r\n      PolicyName: x # caf\xC3\xA9\r\n"
                           "      Roles: [r]\r\n      PolicyDocument:\r\n        Version: \"2012-10-17\"\r\n"
                           "        Statement:\r\n          - {Effect: Allow, Action: \"*\", Resource: \"*\"}\r\n";
  const auto pl101 = with_code(lint_text(text, {"PL101"}, "utf.yaml"), "PL101");
  REQUIRE(pl101.size() == 1);
  CHECK(pl101[0].location.start == Position{11, 37});
  CHECK(pl101[0].location.end == Position{11, 40});
}

TEST_CASE("cloudformation yaml: hostile nesting and alias bombs are refused with PL014, not a crash") {
  std::string deep = "AWSTemplateFormatVersion: '2010-09-09'\nResources: ";
  deep += std::string(100000, '[');
  const auto a = with_code(lint_text(deep, {}, "deep.yaml"), "PL014");
  REQUIRE(a.size() == 1);
  CHECK(a[0].location.start.line == 2);

  std::string dashes = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  X:\n    ";
  for (int i = 0; i < 100000; ++i) {
    dashes += "- ";
  }
  dashes += "x\n";
  CHECK(with_code(lint_text(dashes, {}, "dashes.yaml"), "PL014").size() == 1);

  // Nine levels of nine aliases each: 9^9 nodes once expanded.
  std::string bomb = "AWSTemplateFormatVersion: '2010-09-09'\na0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 9; ++level) {
    const std::string prev = "*a" + std::to_string(level - 1);
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + prev;
    for (int k = 1; k < 9; ++k) {
      bomb += ", " + prev;
    }
    bomb += "]\n";
  }
  bomb += "Resources: {}\n";
  const auto b = with_code(lint_text(bomb, {}, "bomb.yaml"), "PL014");
  REQUIRE(b.size() == 1);
  CHECK(contains(b[0].message, "aliases"));
}

TEST_CASE("cloudformation: Fn::If around an inline policy entry keeps both policies") {
  const std::string text = R"(Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
      Policies:
        - !If
          - IsProd
          - PolicyName: prod
            PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::prod/*"}]}
          - PolicyName: dev
            PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
        - PolicyName: broken
)";
  auto r = read_text(text, "if.yaml");
  REQUIRE(r.extraction.documents.size() == 3); // trust, prod, dev
  CHECK(r.extraction.account.principals[0].policies.size() == 2);
  const auto ds = lint_text(text, {"PL101", "PL001"}, "if.yaml");
  CHECK(with_code(ds, "PL101").size() == 1);              // the dev branch is linted too
  REQUIRE(with_code(ds, "PL001").size() == 1);            // the entry without a document
  CHECK(with_code(ds, "PL001")[0].location.start == Position{13, 11});
}

TEST_CASE("cloudformation: resource-based policies of every policy-bearing type are read") {
  // A public Lambda permission and an ECR repository open to everyone: both public grants.
  const std::string text = R"(AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/fn
      Code: {ZipFile: "def handler(e, c): return 1"}
  PublicInvoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Principal: "*"
      Action: "lambda:*"
  BucketNotifies:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !GetAtt Fn.Arn
      Principal: s3.amazonaws.com
      Action: lambda:InvokeFunction
      SourceAccount: "123456789012"
      SourceArn: arn:aws:s3:::acme-uploads
  Images:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Version: "2012-10-17"
        Statement:
          - Sid: PullForAll
            Effect: Allow
            Principal: "*"
            Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage"]
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties:
      AccessPolicies:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: "es:*"
            Resource: "arn:aws:es:us-east-1:123456789012:domain/search/*"
)";
  const auto ds = lint_text(text, {"PL320"}, "template.yaml");
  const auto pl320 = with_code(ds, "PL320");
  std::set<std::uint32_t> lines;
  for (const auto& d : pl320) {
    lines.insert(d.location.start.line);
  }
  CHECK(lines.count(14) == 1); // Principal: "*" of PublicInvoke
  CHECK(lines.count(32) == 1); // the ECR statement's Principal
  CHECK(lines.count(41) == 1); // the OpenSearch domain's Principal
  // The S3 notification permission is scoped to one bucket of one account: not public.
  CHECK(lines.count(20) == 0);
  CHECK(pl320.size() == 3);
}

TEST_CASE("cloudformation: GetAtt .Arn of a resource of the same stack stays in the stack's account") {
  // A Lambda permission for an EventBridge rule of the same template: the rule is in the
  // stack's account, so the service cannot act for a foreign account's rule (no PL307).
  const std::string scoped = R"j({"Resources": {
  "Rule": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(5 minutes)"}},
  "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "x", "Runtime": "python3.12"}},
  "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
    "Action": "lambda:InvokeFunction", "FunctionName": {"Ref": "Fn"},
    "Principal": "events.amazonaws.com", "SourceArn": {"Fn::GetAtt": ["Rule", "Arn"]}}}}})j";
  CHECK(with_code(lint_text(scoped, {"PL307"}, "stack.json"), "PL307").empty());
  // Without SourceArn the confused deputy is there.
  std::string open = scoped;
  open.replace(open.find(R"(, "SourceArn": {"Fn::GetAtt": ["Rule", "Arn"]})"),
               std::string(R"(, "SourceArn": {"Fn::GetAtt": ["Rule", "Arn"]})").size(), "");
  CHECK(with_code(lint_text(open, {"PL307"}, "stack.json"), "PL307").size() == 1);
  // A resource the template does not declare (another stack's) may be in any account.
  std::string foreign = scoped;
  foreign.replace(foreign.find(R"(["Rule", "Arn"])"), std::string(R"(["Rule", "Arn"])").size(),
                  R"(["OtherStackRule", "Arn"])");
  CHECK(with_code(lint_text(foreign, {"PL307"}, "stack.json"), "PL307").size() == 1);
}

TEST_CASE("cloudformation: Ref of the stack's own topic, queue or secret is pinned to the stack's account") {
  // SAM's connector output: a queue policy that lets SNS deliver only the stack's own topic.
  const std::string connector = R"j({"Resources": {
  "Topic": {"Type": "AWS::SNS::Topic"},
  "Queue": {"Type": "AWS::SQS::Queue"},
  "QueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Queue"}],
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
      "Resource": {"Fn::GetAtt": ["Queue", "Arn"]},
      "Condition": {"ArnEquals": {"aws:SourceArn": {"Ref": "Topic"}}}}]}}}}})j";
  CHECK(with_code(lint_text(connector, {"PL307"}, "stack.json"), "PL307").empty());
  // The topic's other ARN attribute says the same.
  std::string topic_arn = connector;
  topic_arn.replace(topic_arn.find(R"({"Ref": "Topic"})"), std::string(R"({"Ref": "Topic"})").size(),
                    R"({"Fn::GetAtt": ["Topic", "TopicArn"]})");
  CHECK(with_code(lint_text(topic_arn, {"PL307"}, "stack.json"), "PL307").empty());
  // A topic the template does not declare (a parameter without default) may be any account's.
  std::string foreign = connector;
  foreign.replace(foreign.find(R"({"Ref": "Topic"})"), std::string(R"({"Ref": "Topic"})").size(),
                  R"({"Ref": "TopicArnParameter"})");
  CHECK(with_code(lint_text(foreign, {"PL307"}, "stack.json"), "PL307").size() == 1);

  // What the resolver produces: the stack's account, the literal name when there is one.
  const std::string named = R"j({"Resources": {
  "Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "orders"}},
  "Queue": {"Type": "AWS::SQS::Queue"},
  "Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"Name": "db"}},
  "Logs": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "example-logs"}},
  "Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": ["sns:Publish", "sqs:SendMessage", "secretsmanager:GetSecretValue",
      "s3:GetObject"], "Resource": [{"Ref": "Topic"}, {"Fn::GetAtt": ["Queue", "Arn"]}, {"Ref": "Secret"},
      {"Fn::Sub": "arn:aws:s3:::${Logs}/*"}]}]}}}}})j";
  const auto r = read_text(named, "stack.json");
  REQUIRE(r.extraction.documents.size() == 1);
  const json::Value* resources = r.extraction.documents[0].tree->find("Statement")->items[0].find("Resource");
  REQUIRE(resources != nullptr);
  REQUIRE(resources->items.size() == 4);
  CHECK(resources->items[0].text == "arn:aws:sns:*:123456789012:orders");
  CHECK(resources->items[1].text == "arn:aws:sqs:*:123456789012:*");
  CHECK(resources->items[2].text == "arn:aws:secretsmanager:*:123456789012:secret:db-*");
  CHECK(resources->items[3].text == "arn:aws:s3:::example-logs/*");
}

TEST_CASE("cloudformation: aws:SourceAccount given as Ref AWS::AccountId keeps foreign accounts out") {
  // A Lambda permission for AWS Config and a topic policy for CloudTrail, each pinned to the
  // stack's account: no service can act for another account's rule or trail.
  const std::string pinned = R"j({"Resources": {
  "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Handler": "x", "Runtime": "python3.12"}},
  "Permission": {"Type": "AWS::Lambda::Permission", "Properties": {
    "Action": "lambda:InvokeFunction", "FunctionName": {"Fn::GetAtt": ["Fn", "Arn"]},
    "Principal": "config.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"}}},
  "Topic": {"Type": "AWS::SNS::Topic"},
  "TopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "Topic"}],
    "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "Topic"},
      "Condition": {"StringEquals": {"aws:SourceAccount": {"Fn::Sub": "${AWS::AccountId}"}}}}]}}}}})j";
  CHECK(with_code(lint_text(pinned, {"PL307"}, "stack.json"), "PL307").empty());
  // Without them both doors are open.
  std::string open = pinned;
  open.replace(open.find(R"(, "SourceAccount": {"Ref": "AWS::AccountId"})"),
               std::string(R"(, "SourceAccount": {"Ref": "AWS::AccountId"})").size(), "");
  open.replace(open.find(R"(,
      "Condition": {"StringEquals": {"aws:SourceAccount": {"Fn::Sub": "${AWS::AccountId}"}}})"),
               std::string(R"(,
      "Condition": {"StringEquals": {"aws:SourceAccount": {"Fn::Sub": "${AWS::AccountId}"}}})").size(), "");
  CHECK(with_code(lint_text(open, {"PL307"}, "stack.json"), "PL307").size() == 2);
}
