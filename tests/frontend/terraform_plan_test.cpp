// Terraform plans: policies as JSON strings, findings at the right byte of the plan, unknown
// values, invalid policy strings, attachments into the account, and the corpus.
#include "support/corpora.hpp"
#include "frontend/frontend_support.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace policylint;
using namespace policylint::testing;

namespace {

// A hand-written plan (format 1.2): a user with an inline policy that allows everything, a
// role whose trust policy string has escapes, an attachment by reference, a policy unknown at
// plan time and a policy string that is not JSON.
const std::string k_plan = R"({
  "format_version": "1.2",
  "terraform_version": "1.6.0",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_iam_user.alice", "mode": "managed", "type": "aws_iam_user", "name": "alice",
         "values": {"name": "alice", "path": "/"}},
        {"address": "aws_iam_user_policy.everything", "mode": "managed", "type": "aws_iam_user_policy", "name": "everything",
         "values": {"name": "everything", "user": "alice",
                    "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}},
        {"address": "aws_iam_policy.broken", "mode": "managed", "type": "aws_iam_policy", "name": "broken",
         "values": {"name": "broken", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[}"}},
        {"address": "aws_iam_policy.later", "mode": "managed", "type": "aws_iam_policy", "name": "later",
         "values": {"name": "later"}}
      ],
      "child_modules": [
        {"address": "module.admin", "resources": [
          {"address": "module.admin.aws_iam_role.admin", "mode": "managed", "type": "aws_iam_role", "name": "admin",
           "values": {"name": "Admin",
                      "assume_role_policy": "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\"}]\n}"}},
          {"address": "module.admin.aws_iam_policy.admin", "mode": "managed", "type": "aws_iam_policy", "name": "admin",
           "values": {"name": "admin-all", "policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"*\"}]}"}},
          {"address": "module.admin.aws_iam_role_policy_attachment.admin", "mode": "managed",
           "type": "aws_iam_role_policy_attachment", "name": "admin", "values": {"role": "Admin"}}
        ]}
      ]
    }
  },
  "resource_changes": [
    {"address": "aws_iam_policy.later", "mode": "managed", "type": "aws_iam_policy", "name": "later",
     "change": {"actions": ["create"], "after": {"name": "later"}, "after_unknown": {"arn": true, "policy": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "module.admin.aws_iam_role_policy_attachment.admin",
     "expressions": {"policy_arn": {"references": ["module.admin.aws_iam_policy.admin.arn", "module.admin.aws_iam_policy.admin"]}}}
  ]}}
})";

} // namespace

TEST_CASE("terraform plan: documents, kinds and the account") {
  auto r = read_text(k_plan, "plan.json");
  REQUIRE(r.extraction.format == frontend::InputFormat::terraform_plan);
  const auto& docs = r.extraction.documents;
  REQUIRE(docs.size() == 3); // everything, the trust policy, admin (broken: a note; later: unknown)
  CHECK(docs[0].origin == "aws_iam_user_policy.everything.policy");
  CHECK(docs[1].origin == "module.admin.aws_iam_role.admin.assume_role_policy");
  CHECK(docs[1].kind == policy::PolicyKind::trust);
  CHECK(docs[2].origin == "module.admin.aws_iam_policy.admin.policy");
  const auto& account = r.extraction.account;
  REQUIRE(account.principals.size() == 2);
  CHECK(account.principals[0].name == "alice");
  CHECK(account.principals[0].policies == std::vector<std::size_t>{0});
  CHECK(account.principals[1].name == "Admin");
  CHECK(account.principals[1].trust_policy == std::optional<std::size_t>{1});
  // Attached through the configuration's reference: the ARN is unknown until apply.
  CHECK(account.principals[1].policies == std::vector<std::size_t>{2});
}

TEST_CASE("terraform plan: a finding in a policy string points at the plan's bytes") {
  const auto ds = lint_text(k_plan, {"PL101", "PL000", "PL021"}, "plan.json");
  const auto pl101 = with_code(ds, "PL101");
  REQUIRE(pl101.size() == 1);
  // \"*\" after \"Action\": — the escaped token in the plan, quotes and backslashes included.
  const std::size_t at = k_plan.find(R"(\"Action\":\"*\")") + std::string(R"(\"Action\":)").size();
  CHECK(pl101[0].range.begin == at);
  CHECK(pl101[0].range.end == at + std::string(R"(\"*\")").size());
  CHECK(pl101[0].location.start.line == 11);

  // The policy string that is not JSON: PL000 at the ']' inside the string.
  const auto pl000 = with_code(ds, "PL000");
  REQUIRE(pl000.size() == 1);
  CHECK(pl000[0].range.begin == k_plan.find("[}\"}}") + 1);
  CHECK(contains(pl000[0].message, "aws_iam_policy.broken.policy"));

  // The policy known only after apply: PL021 at its after_unknown entry.
  const auto pl021 = with_code(ds, "PL021");
  REQUIRE(pl021.size() == 1);
  CHECK(pl021[0].range.begin == k_plan.find("\"policy\": true"));
}

TEST_CASE("terraform plan: a trust policy with \\n escapes keeps its line in the plan") {
  // The Principal of the trust policy: findings about it must land on line 21 of the plan.
  auto r = read_text(k_plan, "plan.json");
  const json::Value* statement = &r.extraction.documents[1].tree->find("Statement")->items[0];
  const json::Value* principal = statement->find("Principal")->find("AWS");
  const SourceFile& file = *r.file;
  CHECK(file.position(principal->range.begin).line == 21);
  CHECK(file.text().substr(principal->range.begin, principal->range.end - principal->range.begin) ==
        R"(\"arn:aws:iam::111122223333:root\")");
}

namespace {

// An independent count over the raw tree: string attributes of planned resources (and of
// resource_changes entries the planned values lack) that hold a JSON object with a Statement.
// An aws_iam_policy_document's minified_json repeats its json: linted once, so not counted.
void count_strings(const json::Value& values, std::size_t& n) {
  for (const auto& m : values.members) {
    if (m.value.is_string() && m.value.text.find("Statement") != std::string::npos &&
        m.value.text.find_first_not_of(" \r\n\t") != std::string::npos &&
        m.value.text[m.value.text.find_first_not_of(" \r\n\t")] == '{' && m.key != "minified_json") {
      ++n;
    }
    if (m.key == "inline_policy") {
      for (const auto& item : m.value.items) {
        count_strings(item, n);
      }
    }
  }
}

void walk(const json::Value* module, std::set<std::string>& seen, std::size_t& n, bool data_only) {
  if (module == nullptr) {
    return;
  }
  if (const json::Value* rs = module->find("resources")) {
    for (const auto& r : rs->items) {
      const json::Value* values = r.find("values");
      const json::Value* mode = r.find("mode");
      if (data_only && (mode == nullptr || mode->text != "data")) {
        continue;
      }
      if (values != nullptr && seen.insert(r.find("address")->text).second) {
        if (mode != nullptr && mode->text == "data") {
          const json::Value* type = r.find("type");
          if (type == nullptr || type->text != "aws_iam_policy_document") {
            continue;
          }
        }
        count_strings(*values, n);
      }
    }
  }
  if (const json::Value* children = module->find("child_modules")) {
    for (const auto& c : children->items) {
      walk(&c, seen, n, data_only);
    }
  }
}

} // namespace

TEST_CASE("terraform corpus: every plan reads, policy strings found = documents + invalid-json notes") {
  const auto dir = k_corpora / "terraform-plans";
  if (!policylint::testing::corpus_present(dir)) {
    return;
  }
  std::size_t plans = 0;
  std::size_t documents = 0;
  std::size_t expected = 0;
  std::size_t unknown = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") {
      continue;
    }
    auto r = read_text(slurp(e.path()), e.path().string());
    if (r.extraction.format != frontend::InputFormat::terraform_plan) {
      continue;
    }
    ++plans;
    std::size_t want = 0;
    std::set<std::string> seen;
    const json::Value* planned = r.root->find("planned_values");
    walk(planned != nullptr ? planned->find("root_module") : nullptr, seen, want, false);
    const json::Value* prior = r.root->find("prior_state");
    const json::Value* prior_values = prior != nullptr ? prior->find("values") : nullptr;
    walk(prior_values != nullptr ? prior_values->find("root_module") : nullptr, seen, want, true);
    if (const json::Value* changes = r.root->find("resource_changes")) {
      for (const auto& rc : changes->items) {
        const json::Value* after = rc.find("change") != nullptr ? rc.find("change")->find("after") : nullptr;
        if (after != nullptr && after->is_object() && seen.insert(rc.find("address")->text).second) {
          count_strings(*after, want);
        }
      }
    }
    std::size_t invalid = 0;
    for (const auto& n : r.extraction.notes) {
      invalid += n.rule == "invalid-json" ? 1U : 0U;
      unknown += n.rule == "value-unknown-at-plan" ? 1U : 0U;
    }
    CAPTURE(e.path().string());
    CHECK(r.extraction.documents.size() + invalid == want);
    documents += r.extraction.documents.size();
    expected += want;
  }
  MESSAGE("plans: " << plans << ", documents: " << documents << " (independent count " << expected
                    << "), unknown at plan: " << unknown);
  CHECK(plans >= 90);
}
