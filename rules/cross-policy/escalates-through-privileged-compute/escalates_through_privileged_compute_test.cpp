// PL912: an existing-compute method on a named function, stack or notebook whose role is a
// privileged role of the account is an error, one per caller and compute; a role that is not
// privileged or does not trust the compute's service, another function, a Deny, a boundary, or
// a method granted on any compute (PL401's) is not reported here.
#include "support/account_builder.hpp"
#include "support/account_lint.hpp"
#include "support/lint_text.hpp"

#include <policylint/eval/evaluator.hpp>

#include <doctest/doctest.h>

using namespace policylint;
using testing::AccountBuilder;
using testing::allow_json;
using testing::service_trust;

namespace {

std::vector<engine::Diagnostic> pl912(const AccountBuilder& b) { return testing::account_findings(b, "PL912"); }

const std::string k_function = "arn:aws:lambda:*:111122223333:function:report";
const std::string k_update_report =
    allow_json("lambda:UpdateFunctionCode", "arn:aws:lambda:*:111122223333:function:report");

// A function "report" running with role/report-function, which holds `role_policy`.
AccountBuilder with_function(const std::string& role_policy, const std::string& trust_service = "lambda.amazonaws.com") {
  AccountBuilder b;
  b.role("report-function", service_trust(trust_service), {b.policy("RolePolicy", role_policy)});
  b.compute("Lambda function", k_function, b.arn("role/report-function"), "lambda.amazonaws.com");
  return b;
}

} // namespace

TEST_CASE("PL912: updating the code of a named function whose role is an administrator is an error") {
  AccountBuilder b = with_function(allow_json("*", "*"));
  const auto deploy = b.policy("DeployReport", k_update_report);
  b.user("deployer", {deploy});
  const auto ds = pl912(b);
  REQUIRE(ds.size() == 1);
  const auto& d = ds.front();
  CHECK(d.rule->severity == engine::Severity::high);
  CHECK(testing::contains(d.message, "user/deployer can run code as role/report-function, a privileged role"));
  CHECK(testing::contains(d.message, "Lambda function " + k_function));
  CHECK(testing::contains(d.message, "lambda-003"));
  CHECK(d.file == "DeployReport.json");
  REQUIRE(d.counterexample.has_value());
  CHECK(d.counterexample->request.action == "lambda:UpdateFunctionCode");
  CHECK(d.counterexample->request.resource.ends_with(":111122223333:function:report"));
  CHECK(d.counterexample->path.front() == "user/deployer");
  CHECK(d.counterexample->path.back() == "role/report-function");
  CHECK(eval::evaluate(b.account().documents[deploy].policy, d.counterexample->request).decision ==
        eval::Decision::allowed);
}

TEST_CASE("PL912: a role that is not privileged, or that the compute's service cannot assume, is no escalation") {
  {
    AccountBuilder b = with_function(allow_json("logs:PutLogEvents", "*"));
    b.user("deployer", {b.policy("DeployReport", k_update_report)});
    CHECK(pl912(b).empty());
  }
  {
    AccountBuilder b = with_function(allow_json("*", "*"), "ec2.amazonaws.com");
    b.user("deployer", {b.policy("DeployReport", k_update_report)});
    CHECK(pl912(b).empty());
  }
}

TEST_CASE("PL912: another function, a Deny, a boundary and a grant on every function are not reported here") {
  {
    AccountBuilder b = with_function(allow_json("*", "*"));
    b.user("deployer", {b.policy("DeployOther", allow_json("lambda:UpdateFunctionCode",
                                                           "arn:aws:lambda:*:111122223333:function:other"))});
    CHECK(pl912(b).empty());
  }
  {
    AccountBuilder b = with_function(allow_json("*", "*"));
    b.user("deployer", {b.policy("DeployReport", R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:*:111122223333:function:report"},
      {"Effect": "Deny", "Action": "lambda:Update*", "Resource": "*"}]})")});
    CHECK(pl912(b).empty());
  }
  {
    AccountBuilder b = with_function(allow_json("*", "*"));
    auto& u = b.user("deployer", {b.policy("DeployReport", k_update_report)});
    u.permissions_boundary = b.policy("Boundary", allow_json("s3:*", "*"));
    CHECK(pl912(b).empty());
  }
  {
    // Any function: PL401 reports the method, whatever the roles.
    AccountBuilder b = with_function(allow_json("*", "*"));
    b.user("deployer", {b.policy("DeployAll", allow_json("lambda:UpdateFunctionCode", "*"))});
    CHECK(pl912(b).empty());
  }
}

TEST_CASE("PL912: a method of several requests on a named notebook names them all in its path") {
  AccountBuilder b;
  b.role("notebook", service_trust("sagemaker.amazonaws.com"), {b.policy("Admin", allow_json("*", "*"))});
  const std::string notebook = "arn:aws:sagemaker:*:111122223333:notebook-instance/analysis";
  b.compute("SageMaker notebook instance", notebook, b.arn("role/notebook"), "sagemaker.amazonaws.com");
  b.user("analyst", {b.policy("Notebook", R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sagemaker:StopNotebookInstance", "sagemaker:UpdateNotebookInstance",
                                   "sagemaker:StartNotebookInstance"], "Resource": ")" + notebook + R"("},
    {"Effect": "Allow", "Action": "sagemaker:CreateNotebookInstanceLifecycleConfig", "Resource": "*"}]})")});
  const auto ds = pl912(b);
  REQUIRE(ds.size() == 1);
  CHECK(testing::contains(ds.front().message, "sagemaker-005"));
  REQUIRE(ds.front().counterexample.has_value());
  CHECK(ds.front().counterexample->path.size() == 6); // caller, four requests, role
  CHECK(ds.front().counterexample->request.action == "sagemaker:UpdateNotebookInstance");
}
