// Principal-graph benchmark: builds synthetic accounts of growing size (users in groups, each
// with the seed's guarded role; a share of roles trusting the whole account; four service roles
// per such role) and prints how long building the graph and running the cross-policy rules take,
// all together and one rule at a time. Prints numbers, asserts nothing.
#include <policylint/account/graph.hpp>
#include <policylint/core/source_file.hpp>
#include <policylint/engine/account_runner.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <memory>

using namespace policylint;

namespace {

std::size_t add_doc(account::Account& a, std::vector<std::unique_ptr<SourceFile>>& files, const std::string& name,
                    std::string text, policy::PolicyKind kind) {
  files.push_back(std::make_unique<SourceFile>(name, std::move(text)));
  auto tree = json::parse(*files.back());
  if (!tree) {
    std::abort();
  }
  policy::BuildOptions options;
  options.forced_kind = kind;
  account::PolicyDoc doc;
  doc.name = name;
  doc.file = name;
  doc.policy = policy::build_policy(*tree, options).policy;
  a.documents.push_back(std::move(doc));
  return a.documents.size() - 1;
}

account::Account synthesise(std::size_t users, std::size_t roles, std::vector<std::unique_ptr<SourceFile>>& files) {
  account::Account a;
  a.id = "111122223333";
  const std::size_t admin = add_doc(a, files, "AdministratorAccess",
                                    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})",
                                    policy::PolicyKind::identity);
  const std::size_t deny = add_doc(a, files, "DenyOutside", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
    "Action": "*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}]})",
                                   policy::PolicyKind::identity);
  account::Principal group;
  group.kind = account::PrincipalKind::group;
  group.name = "Guarded";
  group.policies = {deny};
  a.principals.push_back(group);
  for (std::size_t r = 0; r < roles; ++r) {
    account::Principal role;
    role.kind = account::PrincipalKind::role;
    role.name = fmt::format("Role{}", r);
    role.arn = "arn:aws:iam::111122223333:role/" + role.name;
    // Every tenth role trusts the whole account; the others one user each, guarded.
    const std::string principal =
        r % 10 == 0 ? "111122223333" : fmt::format("arn:aws:iam::111122223333:user/user{}", r % std::max<std::size_t>(users, 1));
    role.trust_policy = add_doc(a, files, "trust-" + role.name, fmt::format(R"({{"Version": "2012-10-17", "Statement": [{{
      "Effect": "Allow", "Principal": {{"AWS": "{}"}}, "Action": "sts:AssumeRole",
      "Condition": {{"IpAddress": {{"aws:SourceIp": "203.0.113.0/24"}}, "Bool": {{"aws:MultiFactorAuthPresent": "true"}}}}}}]}})",
                                                                    principal),
                                policy::PolicyKind::trust);
    role.policies = {admin};
    a.principals.push_back(std::move(role));
  }
  // Most roles of a real account are service roles: four for every role people assume.
  const std::size_t lambda_policy = add_doc(a, files, "LambdaLogs", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"}]})", policy::PolicyKind::identity);
  const std::size_t service_trust = add_doc(a, files, "trust-lambda", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})", policy::PolicyKind::trust);
  for (std::size_t r = 0; r < 4 * roles; ++r) {
    account::Principal role;
    role.kind = account::PrincipalKind::role;
    role.name = fmt::format("ServiceRole{}", r);
    role.arn = "arn:aws:iam::111122223333:role/" + role.name;
    role.trust_policy = service_trust;
    role.policies = {lambda_policy};
    a.principals.push_back(std::move(role));
  }
  for (std::size_t u = 0; u < users; ++u) {
    account::Principal user;
    user.kind = account::PrincipalKind::user;
    user.name = fmt::format("user{}", u);
    user.arn = "arn:aws:iam::111122223333:user/" + user.name;
    user.groups = {"Guarded"};
    user.policies = {add_doc(a, files, "assume-" + user.name,
                             fmt::format(R"({{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow",
      "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Role{}"}}]}})",
                                         u % std::max<std::size_t>(roles, 1)),
                             policy::PolicyKind::identity)};
    a.principals.push_back(std::move(user));
  }
  return a;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

} // namespace

int main() {
  for (const auto& [users, roles] : {std::pair<std::size_t, std::size_t>{100, 50}, {500, 200}, {2000, 500}}) {
    std::vector<std::unique_ptr<SourceFile>> files;
    const auto account = synthesise(users, roles, files);
    auto t = std::chrono::steady_clock::now();
    const account::Graph graph(account);
    const double build = seconds_since(t);
    std::size_t edges = 0;
    for (std::size_t i = 0; i < graph.nodes().size(); ++i) {
      edges += graph.assumable(i).size();
    }
    t = std::chrono::steady_clock::now();
    const auto findings = engine::lint_account(account, engine::LintOptions{});
    const double lint = seconds_since(t);
    for (const char* code : {"PL901", "PL902", "PL903", "PL904", "PL905", "PL906", "PL907"}) {
      engine::LintOptions one;
      one.selection.select = {code};
      t = std::chrono::steady_clock::now();
      const auto found = engine::lint_account(account, one);
      fmt::print("  {}: {:.3f} s (graph included), {} findings\n", code, seconds_since(t), found.size());
    }
    fmt::print("graph: {} users, {} roles (+{} service roles), {} documents: {} assume edges, graph {:.3f} s, lint_account {:.3f} s, {} findings\n",
               users, roles, 4 * roles, account.documents.size(), edges, build, lint, findings.size());
  }
  return 0;
}
