// `policylint graph`: the principal graph as DOT and Mermaid, filtered to the paths that end at
// a privileged principal; hostile names stay inside their labels; the output is deterministic.
#include "cli/process.hpp"
#include "support/account_builder.hpp"

#include <policylint/cli/principal_graph.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/output/report.hpp>
#include <policylint/output/graph_writers.hpp>

#include <doctest/doctest.h>

#include <algorithm>

using namespace policylint;
using policylint::testing::AccountBuilder;
using policylint::testing::allow_json;
using policylint::testing::trust_json;
namespace proc = policylint::testing::cli;

namespace {

const std::string k_admin = allow_json("*", "*");

// alice can assume Deployer, which can assume Admin; bob can assume nothing; carol can
// escalate by herself (rewriting any function's code runs it as the function's role); Reader
// is assumable but not privileged.
AccountBuilder scenario() {
  AccountBuilder b;
  b.user("alice", {b.policy("AssumeAny", allow_json("sts:AssumeRole", "*"))});
  b.user("bob", {b.policy("ReadOnly", allow_json("s3:GetObject", "*"))});
  b.user("carol", {b.policy("Code", allow_json("lambda:UpdateFunctionCode", "*"))});
  b.role("Deployer", trust_json(b.arn("user/alice")), {b.policy("AssumeAdmin", allow_json("sts:AssumeRole", "*"))});
  b.role("Admin", trust_json(b.arn("role/Deployer")), {b.policy("Everything", k_admin)});
  b.role("Reader", trust_json(b.arn("user/alice")), {b.policy("Read", allow_json("s3:GetObject", "*"))});
  return b;
}

std::vector<std::string> labels(const output::GraphView& v) {
  std::vector<std::string> out;
  for (const auto& n : v.nodes) {
    out.push_back(n.label);
  }
  return out;
}

} // namespace

TEST_CASE("graph: by default only the paths that end at a privileged principal") {
  const AccountBuilder b = scenario();
  const account::Graph graph(b.account());
  const auto view = policylint::cli::principal_graph_view(graph, {});
  // bob reaches nothing privileged and Reader is a dead end: both are left out.
  CHECK(labels(view) == std::vector<std::string>{"user/alice", "user/carol", "role/Deployer", "role/Admin",
                                                 "account administrator"});
  REQUIRE(view.edges.size() == 3);
  CHECK(view.edges[0].label == "sts:AssumeRole"); // alice → Deployer
  CHECK(view.nodes[view.edges[0].to].label == "role/Deployer");
  CHECK(view.edges[1].escalation); // carol → the administrator, by a Lambda method
  CHECK(view.edges[1].label.find("lambda-") != std::string::npos);
  CHECK(view.nodes[view.edges[1].from].label == "user/carol");
  CHECK(view.nodes[view.edges[2].to].label == "role/Admin");
  CHECK(view.nodes[3].privileged);
  CHECK_FALSE(view.nodes[0].privileged);

  const auto everything = policylint::cli::principal_graph_view(graph, {.all = true});
  CHECK(everything.nodes.size() == 7); // every user and role, and the administrator
  const auto mermaid = output::write_graph_mermaid(everything);
  CHECK(mermaid.find("\"role/Reader\"") != std::string::npos);
}

TEST_CASE("graph: a Deny in another policy removes the escalation edge") {
  AccountBuilder b;
  b.user("carol", {b.policy("Code", allow_json("lambda:UpdateFunctionCode", "*")),
                   b.policy("NoCode", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
                     "Action": "lambda:UpdateFunctionCode", "Resource": "*"}]})")});
  const account::Graph graph(b.account());
  CHECK(policylint::cli::principal_graph_view(graph, {}).nodes.empty());
}

TEST_CASE("graph: a user who may pass a named administrator role has an edge to that role") {
  // dev is drawn as privileged (iam:PassRole with compute, PL901's test) and still gets the
  // edge that shows where the action leads: lambda-001 to role/Admin, as PL909 reports it.
  const auto scenario_with = [](const std::string& service) {
    AccountBuilder b;
    b.user("dev", {b.policy("PassAdmin", allow_json("iam:PassRole", b.arn("role/Admin"))),
                   b.policy("Functions", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                     "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}]})")});
    b.role("Admin", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": ")" + service +
                        R"("}, "Action": "sts:AssumeRole"}]})",
           {b.policy("Everything", k_admin)});
    return b;
  };
  const auto edges_from_dev = [](const output::GraphView& view) {
    std::vector<std::string> out;
    for (const auto& e : view.edges) {
      if (view.nodes[e.from].label == "user/dev") {
        out.push_back(view.nodes[e.to].label + " " + e.label);
      }
    }
    return out;
  };
  const AccountBuilder trusted = scenario_with("lambda.amazonaws.com");
  const account::Graph graph(trusted.account());
  const auto view = policylint::cli::principal_graph_view(graph, {});
  CHECK(edges_from_dev(view) == std::vector<std::string>{"role/Admin lambda-001 (passrole-new-compute)"});
  // A role that only EC2 may assume gives a Lambda function no credentials: no edge.
  const AccountBuilder ec2_only = scenario_with("ec2.amazonaws.com");
  const account::Graph other(ec2_only.account());
  CHECK(edges_from_dev(policylint::cli::principal_graph_view(other, {})).empty());
}

TEST_CASE("graph: hostile names cannot break DOT or Mermaid syntax") {
  const std::string hostile = "x\"]; n0 --> n1; click n0 \"javascript:alert(1)\" %% ``` <b>|\\\n}";
  std::string mermaid = output::mermaid_text(hostile);
  // The newline is the one break written on purpose; entity codes (#34;) replace the rest.
  CHECK(mermaid.find("<br/>") != std::string::npos);
  mermaid.erase(mermaid.find("<br/>"), 5);
  for (const char c : std::string("\"[]{}<>|`%\\")) {
    CAPTURE(c);
    CHECK(mermaid.find(c) == std::string::npos);
  }
  const std::string dot = output::dot_text(hostile);
  // Every '"' is escaped, so the label cannot end early.
  for (std::size_t i = 0; i < dot.size(); ++i) {
    if (dot[i] == '"') {
      CHECK((i > 0 && dot[i - 1] == '\\'));
    }
  }

  output::GraphView v;
  v.nodes.push_back({hostile, "user", false, ""});
  v.nodes.push_back({"role/" + hostile, "role", true, hostile});
  v.edges.push_back({0, 1, hostile, false});
  const std::string m = output::write_graph_mermaid(v);
  // Only the writer's own lines: header, two nodes, one edge, the class lines.
  std::size_t lines = 0;
  for (const char c : m) {
    lines += c == '\n' ? 1 : 0;
  }
  CHECK(lines == 6);
  const std::string d = output::write_graph_dot(v);
  CHECK(d.find("\n  n0 [label=\"x\\\"]; n0 --> n1;") != std::string::npos);
  CHECK(std::count(d.begin(), d.end(), '\n') == 7);
}

TEST_CASE("graph command: DOT and Mermaid of a snapshot, the same at every run") {
  const auto path = (proc::source_dir() / "sample-policies" / "auth-details" / "admin-user-naive.json").string();
  const auto mermaid = proc::run({"graph", path});
  CHECK(mermaid.exit_code == 0);
  CHECK(mermaid.out.starts_with("flowchart LR\n"));
  CHECK(proc::run({"graph", path}).out == mermaid.out);
  const auto dot = proc::run({"graph", "--format", "dot", "--all", path});
  CHECK(dot.exit_code == 0);
  CHECK(dot.out.starts_with("digraph principals {\n"));
  CHECK(proc::run({"graph", "--format", "svg", path}).exit_code == 2);
}

TEST_CASE("markdown summary: each escalation path is a Mermaid diagram, its steps escaped") {
  output::Report report;
  report.files_linted = 1;
  engine::Diagnostic d;
  d.rule = engine::find_rule("principal-can-escalate");
  REQUIRE(d.rule != nullptr);
  d.file = "account.json";
  d.message = "user/dev can escalate";
  engine::Counterexample c;
  c.path = {"user/dev```\n# injected", "iam:PassRole on arn:aws:iam::111122223333:role/x\"]", "lambda:CreateFunction"};
  d.counterexample = c;
  report.diagnostics.push_back(d);
  const std::string md = output::write_markdown(report);
  const auto at = md.find("### Escalation paths");
  REQUIRE(at != std::string::npos);
  const auto fence = md.find("```mermaid\nflowchart LR\n", at);
  REQUIRE(fence != std::string::npos);
  // The one closing fence is the writer's: the step's backticks and newline are entity codes.
  const auto close = md.find("```", fence + 3);
  CHECK(md.substr(close) == "```\n");
  CHECK(md.find("s0 --> s1") != std::string::npos);
  CHECK(md.find("s1 --> s2") != std::string::npos);
  CHECK(md.find("\n# injected") == std::string::npos);

  // A finding without a path draws nothing.
  report.diagnostics.front().counterexample->path.clear();
  CHECK(output::write_markdown(report).find("Escalation paths") == std::string::npos);
}

TEST_CASE("graph command: a template whose role names are hostile still gives one node per role") {
  proc::TempDir dir;
  // A role name with quotes, brackets, a Mermaid edge and a newline (YAML double-quoted "\n").
  proc::write_file(dir / "stack.yaml", R"(Resources:
  Dev:
    Type: AWS::IAM::User
    Properties:
      UserName: dev
      Policies:
        - PolicyName: assume
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: sts:AssumeRole, Resource: "*"}
  Admin:
    Type: AWS::IAM::Role
    Properties:
      RoleName: "x\"]; n0 --> n9[\"pwned\"]\n}; digraph"
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {AWS: !GetAtt Dev.Arn}, Action: sts:AssumeRole}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
)");
  const auto mermaid = proc::run({"graph", (dir / "stack.yaml").string()});
  REQUIRE(mermaid.exit_code == 0);
  CAPTURE(mermaid.out);
  CHECK(mermaid.out.find("\n  n9") == std::string::npos); // "n9" stays text inside the label
  CHECK(std::count(mermaid.out.begin(), mermaid.out.end(), '\n') == 6); // header, 2 nodes, 1 edge, 2 class lines
  const auto dot = proc::run({"graph", "-f", "dot", (dir / "stack.yaml").string()});
  REQUIRE(dot.exit_code == 0);
  CAPTURE(dot.out);
  CHECK(std::count(dot.out.begin(), dot.out.end(), '\n') == 7); // header (3), 2 nodes, 1 edge, "}"
  CHECK(dot.out.find("digraph\"") == std::string::npos);
}
