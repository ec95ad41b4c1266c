// PL401 / PL410 and the detector behind them (src/policylint/privesc/detect.hpp): every
// catalog method is found where a policy grants it and blocked by each way a policy can
// block it, the labelled fixtures in fixtures/{positive,negative} report exactly their
// methods, and every request found is confirmed by eval::evaluate.
#include "support/lint_text.hpp"

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/action_match.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/privesc/detect.hpp>
#include <policylint/query/resource_types.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

using namespace policylint;

namespace {

const std::string k_fixtures = POLICYLINT_SOURCE_DIR "/rules/privesc/privilege-escalation-method/fixtures/";

policy::Policy parse_policy(const std::string& text) {
  const SourceFile file("policy.json", text);
  auto root = json::parse(file);
  REQUIRE_MESSAGE(root.has_value(), text);
  auto built = policy::build_policy(*root);
  CHECK_MESSAGE(built.issues.empty(), text);
  return std::move(built.policy);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string statement(const std::string& effect, const std::vector<std::string>& actions, const std::string& resource,
                      const std::string& condition = "", bool not_action = false) {
  std::string list;
  for (const auto& a : actions) {
    list += (list.empty() ? "\"" : ", \"") + a + "\"";
  }
  std::string out = "{\"Effect\": \"" + effect + "\", \"" + (not_action ? "NotAction" : "Action") + "\": [" + list +
                    "], \"Resource\": \"" + resource + "\"";
  if (!condition.empty()) {
    out += ", \"Condition\": " + condition;
  }
  return out + "}";
}

std::string document(const std::vector<std::string>& statements) {
  std::string body;
  for (const auto& s : statements) {
    if (s.find("\"Action\": []") != std::string::npos) {
      continue; // a method of one step: nothing else to allow
    }
    body += (body.empty() ? "" : ", ") + s;
  }
  return "{\"Version\": \"2012-10-17\", \"Statement\": [" + body + "]}";
}

std::vector<std::string> actions_of(const privesc::Method& m, const privesc::Step* except = nullptr) {
  std::vector<std::string> out;
  for (const auto& s : m.steps) {
    if (&s != except) {
      out.push_back(s.action);
    }
  }
  return out;
}

// `exact`: policy variables make the engine's answer an approximation (docs/query.md).
std::optional<privesc::MethodHit> detect(const policy::Policy& p, const privesc::Method& m, bool exact = true) {
  const std::array<const policy::Policy*, 1> set{&p};
  privesc::Detector detector(set);
  auto hit = detector.find(m);
  CHECK(detector.exact() == exact);
  return hit;
}

// Each request of the hit, re-evaluated on its own: the engine's answer is the evaluator's.
void confirm(const policy::Policy& p, const privesc::MethodHit& hit) {
  REQUIRE(hit.steps.size() == hit.method->steps.size());
  for (const auto& s : hit.steps) {
    CAPTURE(s.found.request.action);
    CAPTURE(s.found.request.resource);
    CHECK(eval::evaluate(p, s.found.request).decision == eval::Decision::allowed);
    CHECK(eval::action_matches(s.step->action, s.found.request.action));
    for (const auto& [key, value] : s.step->context) {
      std::string lower_key = key;
      std::transform(lower_key.begin(), lower_key.end(), lower_key.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      const auto* v = s.found.request.context_values(lower_key);
      REQUIRE(v != nullptr);
      CHECK(v->front() == value);
    }
  }
}

// A resource of the step's kind that only this test names: an ARN of the action's first
// resource type in the catalog, since the detector asks only for requests AWS can make.
std::string named_resource(const privesc::Step& s) {
  if (s.resource.empty()) {
    const auto action = catalog::embedded_catalog().find_action(s.action);
    REQUIRE(action.has_value());
    const auto types = action->resource_types();
    if (types.empty()) {
      return "*"; // an action that takes no resource names none
    }
    std::string arn = query::simplest_arn(types.front().type.arn_template(), "aws");
    return arn.replace(arn.rfind('x'), 1, "named-by-test");
  }
  std::string r = s.resource;
  r.replace(r.find("????????????"), 12, "111122223333");
  r.replace(r.rfind('*'), 1, "named-by-test");
  return r;
}

// The methods a finding names: "method iam-001 (...)" alone, or "3 ... methods (a, b, c); ...".
std::set<std::string> method_ids(const std::vector<engine::Diagnostic>& ds) {
  std::set<std::string> out;
  for (const auto& d : ds) {
    if (const auto at = d.message.find(" method "); at != std::string::npos) {
      const auto begin = at + 8;
      out.insert(d.message.substr(begin, d.message.find(' ', begin) - begin));
      continue;
    }
    const auto at = d.message.find(" methods (");
    REQUIRE_MESSAGE(at != std::string::npos, d.message);
    std::stringstream list(d.message.substr(at + 10, d.message.find(')', at) - at - 10));
    for (std::string id; std::getline(list, id, ',');) {
      out.insert(id.substr(id.find_first_not_of(' ')));
    }
  }
  return out;
}

} // namespace

TEST_CASE("privesc detector: every method is found where a policy grants exactly its requests") {
  for (const auto& m : privesc::methods()) {
    CAPTURE(m.id);
    const auto p = parse_policy(document({statement("Allow", actions_of(m), "*")}));
    const auto hit = detect(p, m);
    REQUIRE(hit.has_value());
    CHECK_FALSE(hit->named());
    confirm(p, *hit);
  }
}

TEST_CASE("privesc detector: a Deny or a NotAction that leaves out one request blocks every method") {
  for (const auto& m : privesc::methods()) {
    for (const auto& step : m.steps) {
      CAPTURE(m.id);
      CAPTURE(step.action);
      const auto denied = parse_policy(
          document({statement("Allow", actions_of(m), "*"), statement("Deny", {step.action}, "*")}));
      CHECK_FALSE(detect(denied, m).has_value());
      const auto not_action = parse_policy(document(
          {statement("Allow", {step.action}, "*", "", true), statement("Allow", {"iam:GetRole"}, "*")}));
      CHECK_FALSE(detect(not_action, m).has_value());
    }
  }
}

TEST_CASE("privesc detector: a role passed only to another service completes no PassRole method") {
  const std::string other = R"({"StringEquals": {"iam:PassedToService": "policylint-test.amazonaws.com"}})";
  std::size_t pass_role_methods = 0;
  for (const auto& m : privesc::methods()) {
    const auto it = std::find_if(m.steps.begin(), m.steps.end(), [](const auto& s) { return s.action == "iam:PassRole"; });
    if (it == m.steps.end()) {
      continue;
    }
    ++pass_role_methods;
    CAPTURE(m.id);
    const auto blocked = parse_policy(
        document({statement("Allow", actions_of(m, &*it), "*"), statement("Allow", {"iam:PassRole"}, "*", other)}));
    CHECK_FALSE(detect(blocked, m).has_value());
    const std::string right = R"({"StringEquals": {"iam:PassedToService": ")" + it->context.front().second + "\"}}";
    const auto allowed = parse_policy(
        document({statement("Allow", actions_of(m, &*it), "*"), statement("Allow", {"iam:PassRole"}, "*", right)}));
    CHECK(detect(allowed, m).has_value());
  }
  CHECK(pass_role_methods >= 30);
}

TEST_CASE("privesc detector: a target allowed only on a named resource makes the method a named one") {
  for (const auto& m : privesc::methods()) {
    for (const auto& step : m.steps) {
      if (!step.target) {
        continue;
      }
      CAPTURE(m.id);
      CAPTURE(step.action);
      const std::string resource = named_resource(step);
      const auto p = parse_policy(
          document({statement("Allow", actions_of(m, &step), "*"), statement("Allow", {step.action}, resource)}));
      const auto hit = detect(p, m);
      if (step.named_is_delegation) {
        CHECK_FALSE(hit.has_value()); // a role the policy names is meant to be assumed
        continue;
      }
      REQUIRE(hit.has_value());
      CHECK(hit->named());
      confirm(p, *hit);
    }
  }
}

TEST_CASE("privesc detector: own credentials are no escalation but own inline policies are") {
  const auto own = parse_policy(document({statement("Allow", {"iam:CreateAccessKey", "iam:PutUserPolicy"},
                                                    "arn:aws:iam::111122223333:user/${aws:username}")}));
  CHECK_FALSE(detect(own, *privesc::find_method("iam-002"), false).has_value());
  const auto put = detect(own, *privesc::find_method("iam-007"), false);
  REQUIRE(put.has_value());
  CHECK_FALSE(put->named());
  confirm(own, *put);
}

TEST_CASE("privesc detector: one's own user in any account is still one's own (AWS's self-service keys policy)") {
  // The IAM User Guide's policy: "arn:aws:iam::*:user/${aws:username}". As text its account `*`
  // admits "…:user/other:user/alice", which names no user IAM can have: no escalation.
  const auto any_account = parse_policy(document({statement(
      "Allow", {"iam:CreateAccessKey", "iam:UpdateAccessKey"}, "arn:aws:iam::*:user/${aws:username}")}));
  CHECK_FALSE(detect(any_account, *privesc::find_method("iam-002"), false).has_value()); // a variable: inexact
  // Every user of every account is another matter.
  const auto every_user =
      parse_policy(document({statement("Allow", {"iam:CreateAccessKey"}, "arn:aws:iam::*:user/*")}));
  const auto hit = detect(every_user, *privesc::find_method("iam-002"));
  REQUIRE(hit.has_value());
  confirm(every_user, *hit);
}

TEST_CASE("PL401 and PL410: labelled fixtures report exactly their methods") {
  // file → methods PL401 reports, methods PL410 reports.
  const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> expected = {
      {"positive/create-policy-version.json", {{"iam-001"}, {}}},
      {"positive/passrole-lambda-split-statements.json", {{"lambda-001"}, {}}},
      {"positive/deny-notaction-leaves-attach.json", {{"iam-008"}, {}}},
      {"positive/notresource-other-users.json", {{"iam-007"}, {}}},
      {"positive/mfa-condition-satisfiable.json", {{"iam-002"}, {}}},
      {"positive/ec2-passrole-to-ec2.json", {{"ec2-001", "ec2-003"}, {}}},
      {"positive/trust-and-assume.json", {{"iam-012", "sts-001"}, {}}},
      {"positive/existing-compute.json", {{"codebuild-002", "lambda-003", "ssm-002"}, {}}},
      {"positive/wildcard-action.json", {{"glue-001", "glue-002", "glue-003", "glue-004", "glue-005", "glue-006", "glue-007"}, {}}},
      // Paths pathfinding.cloud added later, and Step Functions: a role passed to the right
      // service completes them; passed only to EMR's own service principal, it does not.
      {"positive/ecs-run-task-role-override.json", {{"ecs-008"}, {}}},
      {"positive/emr-instance-role.json", {{"emr-001"}, {}}},
      {"positive/step-functions-passrole.json", {{"stepfunctions-001"}, {}}},
      {"positive/ssm-automation-passrole.json", {{"ssm-003"}, {}}},
      // The instance's ID can be known without ec2:DescribeInstances (docs/privesc.md).
      {"positive/instance-connect-alone.json", {{"ec2instanceconnect-003"}, {}}},
      // Requests are made after the catalog's date: a window that closed in 2019 admits none,
      // one that opened in 2020 is open (iam-vulnerable's fp5 and fn3 in our own words).
      {"positive/open-time-window.json", {{"iam-008"}, {}}},
      {"negative/expired-time-window.json", {{}, {}}},
      {"negative/emr-service-role-only.json", {{}, {}}},
      {"negative/step-functions-run-only.json", {{}, {}}},
      {"negative/ssm-association-named-instances.json", {{}, {"ssm-createassociation"}}},
      {"negative/aws-managed-policy-versions.json", {{}, {}}},
      {"negative/passrole-condition-other-service.json", {{}, {}}},
      {"negative/deny-covers-allow.json", {{}, {}}},
      {"negative/deny-notaction-read-only.json", {{}, {}}},
      {"negative/allow-notaction-excludes-iam.json", {{}, {}}},
      {"negative/resource-scoped-elsewhere.json", {{}, {}}},
      {"negative/condition-contradiction.json", {{}, {}}},
      {"negative/split-passrole-only.json", {{}, {}}},
      {"negative/split-lambda-only.json", {{}, {}}},
      {"negative/administrator.json", {{}, {}}},
      {"negative/named-role-only.json", {{}, {"ec2-001"}}},
      // A compute resource's name: "instance/*", "function:report-*" and "stack/*" leave it
      // free (any resource, an error); "function:report", its versions ("function:report:*")
      // and "stack/web/*" (one stack's name, then its id) name it (a warning).
      {"positive/existing-compute-any-name.json", {{"ec2-002", "lambda-003", "cloudformation-002"}, {}}},
      {"negative/existing-compute-named.json", {{}, {"lambda-003", "cloudformation-002"}}},
      // Any resource of one account: the shortest stand-in witness is a bucket "name" holding
      // the account's ':' (no bucket), and the instance stand-in is asked again on its own.
      {"positive/send-command-any-resource-of-account.json", {{"ssm-002"}, {}}},
      // Lambda actions whose only Resource is a role ARN: AWS authorizes lambda:CreateFunction
      // on a function ARN, so no function can be created (the typed request space).
      {"negative/compute-actions-on-role-arns-only.json", {{}, {}}},
  };
  std::size_t files = 0;
  for (const auto& kind : {"positive", "negative"}) {
    for (const auto& entry : std::filesystem::directory_iterator(k_fixtures + kind)) {
      ++files;
      const std::string name = std::string(kind) + "/" + entry.path().filename().string();
      CAPTURE(name);
      const auto it = expected.find(name);
      REQUIRE_MESSAGE(it != expected.end(), "a fixture without expectations");
      const std::string text = read_text(entry.path().string());
      const auto pl401 = testing::lint_only(text, "PL401");
      const auto pl410 = testing::lint_only(text, "PL410");
      CHECK(method_ids(pl401) == it->second.first);
      CHECK(method_ids(pl410) == it->second.second);
      const auto p = parse_policy(text);
      for (const auto* ds : {&pl401, &pl410}) {
        for (const auto& d : *ds) {
          REQUIRE(d.counterexample.has_value());
          CHECK(eval::evaluate(p, d.counterexample->request).decision == eval::Decision::allowed);
          CHECK_FALSE(d.counterexample->path.empty());
        }
      }
    }
  }
  CHECK(files == expected.size());
}

TEST_CASE("privesc may_matter: only a Deny or an Allow naming a method's action can change a principal's answer") {
  const auto methods = privesc::methods();
  const auto reads = parse_policy(document({statement("Allow", {"s3:GetObject", "s3:ListBucket"}, "*")}));
  CHECK_FALSE(privesc::may_matter(reads, methods));
  const auto denies = parse_policy(document({statement("Deny", {"s3:DeleteBucket"}, "*")}));
  CHECK(privesc::may_matter(denies, methods));
  const auto passes = parse_policy(document({statement("Allow", {"iam:PassRole"}, "*")}));
  CHECK(privesc::may_matter(passes, methods));
  // NotAction "s3:*" names every IAM action: it may complete any method.
  const auto all_but_s3 = parse_policy(document({statement("Allow", {"s3:*"}, "*", "", true)}));
  CHECK(privesc::may_matter(all_but_s3, methods));
  // Names are matched as AWS does: any case, and a wildcard in the service prefix.
  CHECK(privesc::may_matter(parse_policy(document({statement("Allow", {"IAM:passrole"}, "*")})), methods));
  CHECK(privesc::may_matter(parse_policy(document({statement("Allow", {"i?m:PassRol*"}, "*")})), methods));
  CHECK_FALSE(privesc::may_matter(parse_policy(document({statement("Allow", {"s3:Pass*"}, "*")})), methods));
  // Against a part of the catalog, only that part's actions count.
  const auto no_pass_role = std::find_if(methods.begin(), methods.end(), [](const privesc::Method& m) {
    return std::none_of(m.steps.begin(), m.steps.end(), [](const privesc::Step& s) { return s.action == "iam:PassRole"; });
  });
  REQUIRE(no_pass_role != methods.end());
  CHECK_FALSE(privesc::may_matter(passes, std::span(no_pass_role, 1)));
  CHECK(privesc::may_matter(parse_policy(document({statement("Allow", {no_pass_role->steps.front().action}, "*")})),
                            std::span(no_pass_role, 1)));
  // And leaving out a document that does not matter leaves the answer as it was.
  const auto compute = parse_policy(
      document({statement("Allow", {"lambda:CreateFunction", "lambda:InvokeFunction"}, "*")}));
  const std::array<const policy::Policy*, 3> with_reads{&passes, &compute, &reads};
  const std::array<const policy::Policy*, 2> without{&passes, &compute};
  privesc::Detector all(with_reads);
  privesc::Detector some(without);
  const auto a = all.find_all(methods);
  const auto b = some.find_all(methods);
  REQUIRE_FALSE(a.empty());
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].method == b[i].method);
    REQUIRE(a[i].steps.size() == b[i].steps.size());
    for (std::size_t s = 0; s < a[i].steps.size(); ++s) {
      CHECK(a[i].steps[s].found.request.action == b[i].steps[s].found.request.action);
      CHECK(a[i].steps[s].found.request.resource == b[i].steps[s].found.request.resource);
    }
  }
}

TEST_CASE("PL401: the methods one token grants are one finding that names them all") {
  // iam:* on * completes a dozen methods from one Action value; ec2:* a few more of its own.
  const std::string text = R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["iam:*", "ec2:*"], "Resource": "*"}]})";
  const auto ds = testing::lint_only(text, "PL401");
  REQUIRE(ds.size() == 2); // one per Action value, not one per method
  const auto ids = method_ids(ds);
  CHECK(ids.contains("iam-001"));
  CHECK(ids.contains("iam-002"));
  CHECK(ids.contains("ec2-001"));
  const auto p = parse_policy(text);
  for (const auto& d : ds) {
    CAPTURE(d.message);
    REQUIRE(d.counterexample.has_value());
    CHECK(eval::evaluate(p, d.counterexample->request).decision == eval::Decision::allowed);
    // The shortest sequence is shown: the iam:* finding's example is a single request.
    if (d.message.find("iam-001") != std::string::npos) {
      CHECK(d.counterexample->path.size() == 1);
      // A readable account in the stand-in ARN, not twelve x's.
      CHECK(d.counterexample->request.resource.find(":111122223333:") != std::string::npos);
    }
  }
  // Each method alone is still its own finding, with the singular message.
  const auto one = testing::lint_only(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "iam:CreatePolicyVersion", "Resource": "*"}]})",
                                      "PL401");
  REQUIRE(one.size() == 1);
  CHECK(one.front().message.find("method iam-001 (policy-manipulation)") != std::string::npos);
}

TEST_CASE("privesc detector: a catalog of one's own is decided like the embedded one") {
  // The detector settles the embedded methods' action names in one pass per document; the
  // actions of another catalog are asked one by one, and must give the same answers.
  privesc::Method own;
  own.id = "own-001";
  own.family = "policy-manipulation";
  privesc::Step put_policy;
  put_policy.action = "s3:PutBucketPolicy";
  privesc::Step pass_role;
  pass_role.action = "iam:PassRole";
  own.steps = {put_policy, pass_role};
  const std::vector<privesc::Method> catalog{own};

  const auto both = parse_policy(document(
      {statement("Allow", {"s3:Put*", "iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, "*")}));
  const std::array<const policy::Policy*, 1> set{&both};
  privesc::Detector detector(set);
  const auto found = detector.find_all(catalog);
  REQUIRE(found.size() == 1);
  CHECK(found.front().method->id == "own-001");
  confirm(both, found.front());
  // The embedded methods asked of the same detector afterwards see the same names.
  const auto embedded = detector.find_all(privesc::methods());
  REQUIRE(embedded.size() == 1);
  CHECK(embedded.front().method->id == "lambda-001");

  const auto one = parse_policy(document({statement("Allow", {"s3:GetObject", "iam:PassRole"}, "*")}));
  const std::array<const policy::Policy*, 1> set_one{&one};
  privesc::Detector other(set_one);
  CHECK(other.find_all(catalog).empty());
}

TEST_CASE("privesc detector: a request that is a target in one method and not in another is answered for each") {
  // batch:SubmitJob is the target of batch-002 (an existing job definition's role) and a plain
  // step of batch-001 (the caller's own job definition, with the role it passes). Allowed
  // only on named job definitions and queues, batch-002 gains their roles: a named method.
  const auto p = parse_policy(document(
      {statement("Allow", {"iam:PassRole", "batch:RegisterJobDefinition"}, "*"),
       statement("Allow", {"batch:SubmitJob"},
                 "arn:aws:batch:us-east-1:111122223333:job-definition/nightly-report:1"),
       statement("Allow", {"batch:SubmitJob"}, "arn:aws:batch:us-east-1:111122223333:job-queue/reports")}));
  const std::array<const policy::Policy*, 1> set{&p};
  privesc::Detector detector(set);
  const auto found = detector.find_all(privesc::methods());
  std::map<std::string, bool> named; // method → named()
  for (const auto& hit : found) {
    named[hit.method->id] = hit.named();
    confirm(p, hit);
  }
  REQUIRE(named.count("batch-001") == 1);
  CHECK_FALSE(named["batch-001"]); // the role passed is any role
  REQUIRE(named.count("batch-002") == 1);
  CHECK(named["batch-002"]);
}

TEST_CASE("privesc splittable: methods of one request that no longer method shares are left to one document") {
  const auto split = privesc::splittable(privesc::methods());
  const auto has = [&](const std::string& id) {
    return std::any_of(split.begin(), split.end(), [&](const privesc::Method& m) { return m.id == id; });
  };
  CHECK_FALSE(has("iam-004"));  // iam:CreateLoginProfile: in no longer method
  CHECK_FALSE(has("ssm-002"));  // ssm:SendCommand
  CHECK(has("iam-009"));        // iam:AttachRolePolicy: iam-014 adds sts:AssumeRole, and iam-009 covers it
  CHECK(has("lambda-003"));     // lambda:UpdateFunctionCode: a step of lambda-004
  CHECK_FALSE(has("batch-002")); // batch:SubmitJob as a target: the longer methods' is a plain request
  for (const auto& m : privesc::methods()) {
    if (m.steps.size() > 1) {
      CAPTURE(m.id);
      CHECK(has(m.id));
    }
  }
}
