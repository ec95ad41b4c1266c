// Terraform configuration (.tf): policies in every form the AWS provider takes, findings on the
// HCL tokens, symbolic values, aws_iam_policy_document rendering and merging, the principal
// graph, syntax errors as positioned findings, and fixtures in the provider's documented shapes.
#include "frontend/frontend_support.hpp"

#include <policylint/eval/evaluator.hpp>
#include <policylint/frontend/terraform_hcl.hpp>
#include <policylint/policy/builder.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using namespace policylint::testing;

namespace {

std::vector<engine::Diagnostic> lint_tf(const std::string& text, std::vector<std::string> select = {}) {
  return lint_text(text, std::move(select), "main.tf");
}

struct TfRead {
  std::unique_ptr<SourceFile> file;
  frontend::Extraction extraction;
};

TfRead read_tf(std::string text) {
  TfRead r;
  r.file = std::make_unique<SourceFile>("main.tf", std::move(text));
  r.extraction = frontend::extract_terraform_hcl(*r.file, {});
  return r;
}

// The statements of the only document, as (Sid, Effect) text.
std::vector<std::string> sids_of(const json::Value& doc) {
  std::vector<std::string> out;
  const json::Value* statements = doc.find("Statement");
  REQUIRE(statements != nullptr);
  for (const auto& s : statements->items) {
    const json::Value* sid = s.find("Sid");
    out.push_back(sid != nullptr ? sid->text : "");
  }
  return out;
}

} // namespace

TEST_CASE("terraform: the caret sits on the HCL token of a jsonencode policy") {
  const std::string text = R"(resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObjectt"]
      Resource = "*"
    }]
  })
}
)";
  const auto found = with_code(lint_tf(text), "PL005");
  REQUIRE(found.size() == 1);
  CHECK(found[0].location.start == position_of(text, "\"s3:GetObjectt\""));
  CHECK(found[0].file == "main.tf");
}

TEST_CASE("terraform: heredoc and quoted JSON policies map back through escapes and interpolations") {
  const std::string text = "variable \"bucket\" {\n  default = \"logs\"\n}\n"
                           "resource \"aws_iam_user_policy\" \"a\" {\n  user = \"alice\"\n  policy = <<-EOF\n"
                           "    {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
                           "      \"Action\": \"s3:GetObjekt\", \"Resource\": \"arn:aws:s3:::${var.bucket}/*\"}]}\n"
                           "    EOF\n}\n"
                           "resource \"aws_iam_group_policy\" \"b\" {\n  group = \"ops\"\n"
                           "  policy = \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                           "\\\"Action\\\":\\\"ec2:RunInstancez\\\",\\\"Resource\\\":\\\"*\\\"}]}\"\n}\n";
  const auto found = with_code(lint_tf(text), "PL005");
  REQUIRE(found.size() == 2);
  CHECK(found[0].location.start == position_of(text, "\"s3:GetObjekt\""));
  CHECK(found[1].location.start == position_of(text, "\\\"ec2:RunInstancez\\\""));
  // The variable's default is what the resource ARN holds.
  const auto r = read_tf(text);
  REQUIRE(r.extraction.documents.size() == 2);
  const json::Value* resource = r.extraction.documents[0].tree->find("Statement")->items[0].find("Resource");
  REQUIRE(resource != nullptr);
  CHECK(resource->text == "arn:aws:s3:::logs/*");
}

TEST_CASE("terraform: unknown values become patterns and functions are noted") {
  const std::string text = R"(resource "aws_iam_policy" "p" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:GetObject"
      Resource = [aws_s3_bucket.b.arn, "${var.unknown}/*", lookup(var.m, "k")]
    }]
  })
}
)";
  const auto r = read_tf(text);
  REQUIRE(r.extraction.documents.size() == 1);
  const json::Value* resources = r.extraction.documents[0].tree->find("Statement")->items[0].find("Resource");
  REQUIRE(resources != nullptr);
  REQUIRE(resources->items.size() == 3);
  CHECK(resources->items[0].text == "arn:*:*:*:*:*");
  CHECK(resources->items[1].text == "*/*");
  CHECK(resources->items[2].text == "*");
  REQUIRE(r.extraction.notes.size() == 1);
  CHECK(r.extraction.notes[0].rule == "unresolved-intrinsic");
  CHECK(r.file->text().substr(r.extraction.notes[0].range.begin, 6) == "lookup");
}

TEST_CASE("terraform: a wildcard trust policy written as aws_iam_policy_document is found at its token") {
  const std::string text = R"(data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "open"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
)";
  const auto all = lint_tf(text);
  const auto open = with_code(all, "PL320");
  REQUIRE(open.size() == 1);
  CHECK(open[0].location.start.line == 6);
  // The counterexample the finding carries is allowed by the rendered trust policy.
  REQUIRE(open[0].counterexample);
  const auto r = read_tf(text);
  REQUIRE(r.extraction.documents.size() == 1);
  CHECK(r.extraction.documents[0].kind == policy::PolicyKind::trust);
  policy::BuildOptions as_trust;
  as_trust.forced_kind = policy::PolicyKind::trust;
  auto built = policy::build_policy(*r.extraction.documents[0].tree, as_trust);
  CHECK(eval::evaluate(built.policy, open[0].counterexample->request).decision == eval::Decision::allowed);
}

TEST_CASE("terraform: source and override documents merge by Sid as the provider does") {
  const std::string text = R"(data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Write"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "override" {
  statement {
    sid       = "Write"
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
  statement {
    sid       = "Extra"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.override.json]
  statement {
    sid       = "Read"
    actions   = ["s3:GetObjectVersion"]
    resources = ["*"]
  }
}
)";
  const auto r = read_tf(text);
  const json::Value* merged = nullptr;
  for (const auto& d : r.extraction.documents) {
    if (d.origin == "data.aws_iam_policy_document.merged") {
      merged = d.tree;
    }
  }
  REQUIRE(merged != nullptr);
  CHECK(sids_of(*merged) == std::vector<std::string>{"Read", "Write", "Extra"});
  const auto& statements = merged->find("Statement")->items;
  CHECK(statements[0].find("Action")->items[0].text == "s3:GetObjectVersion");
  CHECK(statements[1].find("Effect")->text == "Deny");
}

TEST_CASE("terraform: principals and conditions merge and Principal star renders as the provider does") {
  const std::string text = R"(data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abc"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-def"]
    }
  }
}
)";
  const auto r = read_tf(text);
  REQUIRE(r.extraction.documents.size() == 1);
  const json::Value& s = r.extraction.documents[0].tree->find("Statement")->items[0];
  REQUIRE(s.find("Principal") != nullptr);
  CHECK(s.find("Principal")->text == "*");
  const json::Value* values = s.find("Condition")->find("StringEquals")->find("aws:PrincipalOrgID");
  REQUIRE(values != nullptr);
  CHECK(values->items.size() == 2);
}

TEST_CASE("terraform: users roles groups and attachments feed the principal graph") {
  const std::string text = R"(resource "aws_iam_user" "alice" {
  name = "alice"
}
resource "aws_iam_group" "ops" {
  name = "ops"
}
resource "aws_iam_group_membership" "ops" {
  name  = "ops-members"
  group = aws_iam_group.ops.name
  users = [aws_iam_user.alice.name]
}
resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_group_policy_attachment" "ops" {
  group      = aws_iam_group.ops.name
  policy_arn = aws_iam_policy.admin.arn
}
resource "aws_iam_user_policy_attachment" "ro" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
resource "aws_iam_role" "admin" {
  name                = "admin"
  assume_role_policy  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_user.alice.arn } }] })
  managed_policy_arns = [aws_iam_policy.admin.arn]
}
)";
  const auto r = read_tf(text);
  const auto& principals = r.extraction.account.principals;
  REQUIRE(principals.size() == 3);
  CHECK(principals[0].arn == "arn:aws:iam::123456789012:user/alice");
  CHECK(principals[0].groups == std::vector<std::string>{"ops"});
  CHECK(principals[0].unresolved_policy_arns == std::vector<std::string>{"arn:aws:iam::aws:policy/ReadOnlyAccess"});
  CHECK(principals[1].policies.size() == 1);
  CHECK(principals[2].trust_policy.has_value());
  CHECK(principals[2].policies.size() == 1);
  // The trust policy names alice by the ARN the module gives her.
  const json::Value* trusted = r.extraction.documents.back().tree->find("Statement")->items[0].find("Principal");
  REQUIRE(trusted != nullptr);
  CHECK(trusted->find("AWS")->text == principals[0].arn);
}

TEST_CASE("terraform: compute with a written name and a role joins the account, and policies naming it name it") {
  const std::string text = R"(variable "suffix" {}
resource "aws_iam_role" "runner" {
  name               = "runner"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }] })
}
resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = aws_iam_role.runner.arn
}
resource "aws_lambda_function" "unnamed" {
  function_name = "report-${var.suffix}"
  role          = aws_iam_role.runner.arn
}
resource "aws_apprunner_service" "web" {
  service_name = "web"
  instance_configuration {
    instance_role_arn = aws_iam_role.runner.arn
  }
}
resource "aws_iam_user_policy" "deploy" {
  name   = "deploy"
  user   = "deployer"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "lambda:UpdateFunctionCode", Resource = [aws_lambda_function.report.arn, aws_lambda_function.unnamed.arn] }] })
}
)";
  const auto r = read_tf(text);
  const auto& compute = r.extraction.account.compute;
  // The function whose name is a variable without a default is left out.
  REQUIRE(compute.size() == 2);
  CHECK(compute[0].kind == "Lambda function");
  CHECK(compute[0].arn == "arn:aws:lambda:*:123456789012:function:report");
  CHECK(compute[0].role_arn == "arn:aws:iam::123456789012:role/runner");
  CHECK(compute[0].service == "lambda.amazonaws.com");
  CHECK(compute[1].arn == "arn:aws:apprunner:*:123456789012:service/web/*");
  CHECK(compute[1].role_arn == "arn:aws:iam::123456789012:role/runner");
  CHECK(text.substr(compute[0].anchor.begin, compute[0].anchor.end - compute[0].anchor.begin) == "\"report\"");
  // The policy names the first function by its ARN; the second is any resource of the module's account.
  const json::Value* resource = r.extraction.documents.back().tree->find("Statement")->items[0].find("Resource");
  REQUIRE(resource != nullptr);
  REQUIRE(resource->items.size() == 2);
  CHECK(resource->items[0].text == compute[0].arn);
  CHECK(resource->items[1].text == "arn:aws:*:*:123456789012:*");
}

TEST_CASE("terraform: a resource of the module lives in its account, so a service scoped to it is scoped") {
  const std::string text = R"(resource "aws_sns_topic" "events" {
  name = "events"
}
resource "aws_sqs_queue" "events" {
  name = "events"
}
resource "aws_sqs_queue_policy" "events" {
  queue_url = aws_sqs_queue.events.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}
)";
  const auto r = read_tf(text);
  const json::Value* statement = &r.extraction.documents.back().tree->find("Statement")->items[0];
  CHECK(statement->find("Resource")->text == "arn:aws:sqs:*:123456789012:events");
  CHECK(statement->find("Condition")->find("ArnEquals")->find("aws:SourceArn")->text ==
        "arn:aws:sns:*:123456789012:events");
  CHECK(with_code(lint_tf(text), "PL307").empty());
  // A topic of another account, named by a variable without a default, is any topic.
  std::string other = text;
  other.replace(other.find("aws_sns_topic.events.arn"), 24, "var.topic_arn");
  CHECK(with_code(lint_tf("variable \"topic_arn\" {}\n" + other), "PL307").size() == 1);
}

TEST_CASE("terraform: a syntax error is a positioned PL000 and lints nothing else in that file") {
  const std::string text = "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({ Action = [\"*\" }\n}\n";
  const auto found = lint_tf(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rule->code == "PL000");
  CHECK(found[0].location.start.line == 2);
  CHECK(testing::contains(found[0].message, "HCL"));
}

TEST_CASE("terraform: a broken JSON string in a heredoc is PL000 at its byte") {
  const std::string text = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\"Version\": \"2012-10-17\",,}\nEOF\n}\n";
  const auto found = with_code(lint_tf(text), "PL000");
  REQUIRE(found.size() == 1);
  CHECK(found[0].location.start.line == 3);
}

TEST_CASE("terraform: only .tf paths are read as HCL by default") {
  CHECK(frontend::is_terraform_path("infra/main.tf"));
  CHECK_FALSE(frontend::is_terraform_path("infra/main.tf.json"));
  CHECK_FALSE(frontend::is_terraform_path("policy.json"));
  CHECK_FALSE(frontend::is_terraform_path("tf"));
}

TEST_CASE("terraform: fixtures in the provider's documented shapes read without a false error") {
  const auto dir = std::filesystem::path(POLICYLINT_SOURCE_DIR) / "tests" / "frontend" / "terraform";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".tf") {
      continue;
    }
    ++files;
    CAPTURE(entry.path().string());
    const std::string text = slurp(entry.path());
    const auto found = lint_tf(text);
    for (const auto& d : found) {
      CAPTURE(d.message);
      CHECK(d.rule->code != "PL000");
      CHECK(d.rule->code != "PL001");
      CHECK(d.rule->code != "PL008");
      CHECK(d.rule->code != "PL010");
    }
    const auto r = read_tf(text);
    CHECK(r.extraction.documents.size() >= 5);
  }
  CHECK(files >= 1);
}

TEST_CASE("terraform: a public aws_lambda_permission is a resource policy statement") {
  const std::string text = R"(resource "aws_lambda_permission" "open" {
  statement_id  = "AllowEveryone"
  action        = "lambda:InvokeFunction"
  function_name = "handler"
  principal     = "*"
}

resource "aws_lambda_permission" "from_bucket" {
  statement_id   = "AllowS3"
  action         = "lambda:InvokeFunction"
  function_name  = "handler"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::uploads"
  source_account = "123456789012"
}
)";
  const auto open = with_code(lint_tf(text), "PL320");
  REQUIRE(open.size() == 1);
  CHECK(open[0].location.start.line < 6);
  const auto r = read_tf(text);
  REQUIRE(r.extraction.documents.size() == 2);
  CHECK(r.extraction.documents[0].kind == policy::PolicyKind::resource);
  const json::Value& s = r.extraction.documents[1].tree->find("Statement")->items[0];
  CHECK(s.find("Principal")->find("Service")->text == "s3.amazonaws.com");
  CHECK(s.find("Condition")->find("ArnLike")->find("AWS:SourceArn")->text == "arn:aws:s3:::uploads");
  CHECK(s.find("Resource")->text == "arn:aws:lambda:*:123456789012:function:handler");
}

TEST_CASE("terraform: JSON that is not an IAM policy under a policy attribute is left alone") {
  const std::string text = R"(resource "aws_ecr_lifecycle_policy" "keep" {
  repository = "app"
  policy = jsonencode({
    rules = [{ rulePriority = 1, action = { type = "expire" } }]
  })
}
)";
  const auto r = read_tf(text);
  CHECK(r.extraction.documents.empty());
  CHECK(lint_tf(text).empty());
}
