// End-to-end tests of the policylint command line: every test runs the real binary
// (POLICYLINT_BINARY) with fork/execve in a scratch directory made with mkdtemp and removed
// afterwards, and checks exit codes, stdout, stderr and the files it writes. A run that takes
// longer than 30 s is killed and fails the test (hangs on FIFOs or symlink loops).
#include "cli/fixtures.hpp"
#include "cli/process.hpp"

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <doctest/doctest.h>

#include <deque>

#include <algorithm>
#include <numeric>
#include <random>
#include <regex>
#include <set>

namespace {

using namespace policylint::testing::cli;
using namespace std::string_literals;
namespace json = policylint::json;

// ---------------------------------------------------------------------------------------------
// Realistic policies (the shared ones are in cli/fixtures.hpp). Their findings and positions
// are part of what the tests check.

// Admin plus the obvious NotIpAddress deny: only PL102, a warning (medium), at 16:17.
constexpr std::string_view k_source_ip_deny = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdministratorAccess",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        },
        {
            "Sid": "SourceIPRestriction",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {
                "NotIpAddress": {
                    "aws:SourceIp": [
                        "203.0.113.0/24"
                    ]
                }
            }
        }
    ]
}
)";

// Two statements with the same Sid: only PL004, a note (low), at 11:20.
constexpr std::string_view k_duplicate_sid = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::example-reports/*"
        },
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": "s3:ListBucket",
            "Resource": "arn:aws:s3:::example-reports"
        }
    ]
}
)";

// The user may only assume the admin role, from the office network.
constexpr std::string_view k_assume_role_only = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AllowAssumeRole",
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::111122223333:role/AssumedAdministratorAccessRole"
        },
        {
            "Sid": "SourceIPRestriction",
            "Effect": "Deny",
            "Action": "*",
            "Resource": "*",
            "Condition": {
                "NotIpAddress": {
                    "aws:SourceIp": [
                        "203.0.113.0/24"
                    ]
                },
                "Bool": {
                    "aws:ViaAWSService": "false"
                }
            }
        }
    ]
}
)";

// Tagging allowed only with approved tag keys (multi-valued aws:TagKeys), from the office.
constexpr std::string_view k_tagging = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "TagOnlyApprovedKeys",
      "Effect": "Allow",
      "Action": "ec2:CreateTags",
      "Resource": "arn:aws:ec2:*:111122223333:instance/*",
      "Condition": {
        "ForAllValues:StringEquals": {"aws:TagKeys": ["env", "team"]},
        "ForAnyValue:StringEquals": {"aws:TagKeys": ["env"]}
      }
    },
    {
      "Sid": "DenyOutsideCorpNetwork",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"},
        "Bool": {"aws:ViaAWSService": "false"}
      }
    }
  ]
}
)";

// ---------------------------------------------------------------------------------------------
// Helpers

struct Finding {
  std::string file;
  int line = 0;
  int column = 0;
  std::string level;
  std::string message;
  std::string code;
  std::string name;
};

const std::regex& header_regex() {
  static const std::regex re(R"(^(.+):([0-9]+):([0-9]+): (error|warning|note): (.+) \[(PL[0-9]{3}) ([a-z0-9-]+)\]$)");
  return re;
}

// The finding lines of a text report (caret and counterexample lines are skipped).
std::vector<Finding> parse_text(const std::string& out) {
  std::vector<Finding> findings;
  for (const std::string& line : split_lines(out)) {
    std::smatch m;
    if (std::regex_match(line, m, header_regex())) {
      findings.push_back(Finding{m[1], std::stoi(m[2]), std::stoi(m[3]), m[4], m[5], m[6], m[7]});
    }
  }
  return findings;
}

std::set<std::string> codes_of(const std::string& out) {
  std::set<std::string> codes;
  for (const auto& f : parse_text(out)) {
    codes.insert(f.code);
  }
  return codes;
}

// Keeps parsed findings alive for the rest of the run, so that a pointer returned by find_in
// on a temporary list stays valid (a deque never moves its elements).
const std::vector<Finding>& keep(std::vector<Finding> findings) {
  static std::deque<std::vector<Finding>> kept;
  kept.push_back(std::move(findings));
  return kept.back();
}

const Finding* find_in(const std::vector<Finding>& findings, std::string_view file, std::string_view code = {}) {
  for (const auto& f : findings) {
    if (f.file == file && (code.empty() || f.code == code)) {
      return &f;
    }
  }
  return nullptr;
}

json::Value parse_json(const std::string& text) {
  const policylint::SourceFile file("output.json", text);
  auto value = json::parse(file);
  REQUIRE_MESSAGE(value.has_value(), "output is not valid JSON:\n" << text.substr(0, 2000));
  return std::move(*value);
}

const json::Value& member(const json::Value& object, std::string_view key) {
  REQUIRE_MESSAGE(object.is_object(), "not an object where \"" << key << "\" was expected");
  const json::Value* v = object.find(key);
  REQUIRE_MESSAGE(v != nullptr, "missing key \"" << key << "\"");
  return *v;
}

long long number(const json::Value& v) {
  REQUIRE(v.kind == json::Kind::number);
  return std::stoll(v.text);
}

std::vector<std::string> keys_of(const json::Value& object) {
  std::vector<std::string> keys;
  for (const auto& m : object.members) {
    keys.push_back(m.key);
  }
  return keys;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

bool has_escape(std::string_view s) { return contains(s, "\x1b["); }

std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    out.push_back(fs::relative(e.path(), dir).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct RuleOnDisk {
  std::string code;
  std::string name;
  std::string category;
  std::string severity;
  fs::path dir;

  // The level the CLI reports for this severity (docs/cli.md).
  [[nodiscard]] std::string level() const {
    return severity == "critical" || severity == "high" ? "error" : severity == "medium" ? "warning" : "note";
  }
  // What --select/--ignore match: ALL, the code, a code prefix, the name or the category.
  [[nodiscard]] bool matches(std::string_view selector) const {
    return selector == "ALL" || selector == name || selector == category ||
           (selector.starts_with("PL") && std::string_view(code).starts_with(selector));
  }
};

// Every rule's metadata, from rules/*/*/rule.json, sorted by code.
const std::vector<RuleOnDisk>& rules_on_disk() {
  static const std::vector<RuleOnDisk> rules = [] {
    std::vector<RuleOnDisk> out;
    for (const auto& e : fs::recursive_directory_iterator(source_dir() / "rules")) {
      if (e.path().filename() != "rule.json") {
        continue;
      }
      const json::Value v = parse_json(read_file(e.path()));
      out.push_back({member(v, "code").text, member(v, "name").text, member(v, "category").text,
                     member(v, "severity").text, e.path().parent_path()});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    return out;
  }();
  return rules;
}

const RuleOnDisk& rule_on_disk(std::string_view code) {
  for (const auto& r : rules_on_disk()) {
    if (r.code == code) {
      return r;
    }
  }
  FAIL("no rule " << std::string(code) << " under rules/");
  throw std::logic_error("unreachable");
}
} // namespace

TEST_SUITE_BEGIN("cli");

// ---------------------------------------------------------------------------------------------
// Exit codes

TEST_CASE("cli: exit code 0 for a clean policy and 1 for a naive one") {
  TempDir dir;
  dir.write("clean.json", k_clean);
  dir.write("admin-user.json", k_admin_user);

  const auto clean = run({"clean.json"}, at(dir.path()));
  INFO(describe(clean));
  CHECK(clean.exit_code == 0);
  CHECK(clean.out.empty());
  CHECK(contains(clean.err, "no problems in 1 file"));

  const auto naive = run({"admin-user.json"}, at(dir.path()));
  INFO(describe(naive));
  CHECK(naive.exit_code == 1);
  const auto findings = parse_text(naive.out);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].file == "admin-user.json");
  CHECK(findings[0].line == 7);
  CHECK(findings[0].column == 23);
  CHECK(findings[0].level == "error");
  CHECK(findings[0].code == "PL101");
  CHECK(findings[0].name == "action-star-without-source-ip-deny");
  CHECK(contains(naive.err, "1 problem"));
}

TEST_CASE("cli: exit code 2 for usage errors and missing paths") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  const RunOptions in_dir = at(dir.path());

  SUBCASE("nonexistent path") {
    const auto r = run({"does-not-exist.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "does-not-exist.json"));
    CHECK(contains(r.err, "no such file"));
    CHECK(r.out.empty());
  }
  SUBCASE("unknown option") {
    const auto r = run({"--no-such-option", "admin-user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--no-such-option"));
    CHECK(r.out.empty());
  }
  SUBCASE("unknown --select") {
    const auto r = run({"--select", "PL999", "admin-user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "unknown rule selector"));
    CHECK(contains(r.err, "PL999"));
    CHECK(r.out.empty());
  }
  SUBCASE("unknown --ignore") {
    const auto r = run({"--ignore=no-such-rule", "admin-user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "no-such-rule"));
  }
  SUBCASE("bad --format and --fail-on values") {
    CHECK(run({"--format", "xml", "admin-user.json"}, in_dir).exit_code == 2);
    CHECK(run({"--fail-on", "fatal", "admin-user.json"}, in_dir).exit_code == 2);
    CHECK(run({"--color", "sometimes", "admin-user.json"}, in_dir).exit_code == 2);
  }
  SUBCASE("no arguments at all") {
    const auto r = run({}, in_dir);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "Usage"));
  }
  SUBCASE("a missing path does not stop the other inputs, and still exits 2") {
    const auto r = run({"missing.json", "admin-user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "missing.json"));
    CHECK(find_in(keep(parse_text(r.out)), "admin-user.json", "PL101") != nullptr);
  }
}

TEST_CASE("cli: --fail-on thresholds and --exit-zero") {
  TempDir dir;
  dir.write("error.json", k_admin_user);
  dir.write("warning.json", k_source_ip_deny);
  dir.write("note.json", k_duplicate_sid);
  dir.write("clean.json", k_clean);
  const RunOptions in_dir = at(dir.path());

  // Sanity: each file holds exactly the level it is named after.
  const auto levels = [&](const std::string& file) {
    std::set<std::string> out;
    for (const auto& f : parse_text(run({"--exit-zero", file}, in_dir).out)) {
      out.insert(f.level);
    }
    return out;
  };
  REQUIRE(levels("error.json") == std::set<std::string>{"error"});
  REQUIRE(levels("warning.json") == std::set<std::string>{"warning"});
  REQUIRE(levels("note.json") == std::set<std::string>{"note"});
  REQUIRE(levels("clean.json").empty());

  struct Case {
    const char* file;
    const char* fail_on; // nullptr: the default (warning)
    int expected;
  };
  const Case cases[] = {
      {"error.json", nullptr, 1},   {"warning.json", nullptr, 1},   {"note.json", nullptr, 0},
      {"error.json", "error", 1},   {"warning.json", "error", 0},   {"note.json", "error", 0},
      {"error.json", "warning", 1}, {"warning.json", "warning", 1}, {"note.json", "warning", 0},
      {"error.json", "note", 1},    {"warning.json", "note", 1},    {"note.json", "note", 1},
      {"error.json", "none", 0},    {"warning.json", "none", 0},    {"note.json", "none", 0},
      {"clean.json", "note", 0},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args{"-q", c.file};
    if (c.fail_on != nullptr) {
      args.insert(args.begin(), {"--fail-on", c.fail_on});
    }
    const auto r = run(args, in_dir);
    INFO("file=" << std::string(c.file) << " --fail-on=" << std::string(c.fail_on != nullptr ? c.fail_on : "(default)")
                 << "\n"
                 << describe(r));
    CHECK(r.exit_code == c.expected);
    // The threshold decides the exit code only, never what is shown.
    CHECK(r.out.empty() == (std::string_view(c.file) == "clean.json"));
  }

  // --fail-on=VALUE syntax works too.
  CHECK(run({"--fail-on=note", "note.json"}, in_dir).exit_code == 1);

  SUBCASE("--exit-zero") {
    const auto r = run({"--exit-zero", "error.json", "warning.json", "note.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK(codes_of(r.out) == std::set<std::string>{"PL004", "PL101", "PL102"});
    const auto with_note = run({"--exit-zero", "--fail-on", "note", "note.json"}, in_dir);
    CHECK(with_note.exit_code == 0);
    // --exit-zero does not hide I/O errors.
    CHECK(run({"--exit-zero", "missing.json"}, in_dir).exit_code == 2);
  }
}

// ---------------------------------------------------------------------------------------------
// Rule selection

TEST_CASE("cli: --select and --ignore by code, prefix, name and category") {
  TempDir dir;
  dir.write("p/admin-user.json", k_admin_user);                  // PL101
  dir.write("p/admin-user-with-ip-deny.json", k_source_ip_deny); // PL102
  dir.write("p/admin-role-trust.json", k_naive_trust);           // PL201, PL301
  dir.write("p/duplicate-sid.json", k_duplicate_sid);            // PL004
  const RunOptions in_dir = at(dir.path());
  using Codes = std::set<std::string>;
  const auto codes = [&](std::vector<std::string> options) {
    options.insert(options.begin(), "--exit-zero");
    options.emplace_back("p");
    const auto r = run(options, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    return codes_of(r.out);
  };
  // What a selection must give: the rules of the full run that the selectors pick (the rule
  // metadata comes from rules/*/*/rule.json, so rules added later keep this exact).
  const Codes all = codes({});
  const auto expected = [&](const std::vector<std::string>& select, const std::vector<std::string>& ignore) {
    Codes out;
    for (const auto& code : all) {
      const RuleOnDisk& rule = rule_on_disk(code);
      const auto hit = [&](const std::string& sel) { return rule.matches(sel); };
      if ((select.empty() || std::any_of(select.begin(), select.end(), hit)) &&
          std::none_of(ignore.begin(), ignore.end(), hit)) {
        out.insert(code);
      }
    }
    return out;
  };

  const Codes core{"PL004", "PL101", "PL102", "PL201", "PL301"};
  INFO("all codes: " << std::accumulate(all.begin(), all.end(), std::string(),
                                        [](std::string a, const std::string& b) { return a + b + " "; }));
  REQUIRE(std::includes(all.begin(), all.end(), core.begin(), core.end()));
  CHECK(codes({"--select", "PL101"}) == Codes{"PL101"});
  CHECK(codes({"--select", "PL1"}) == Codes{"PL101", "PL102"});
  CHECK(codes({"--select", "PL0"}) == expected({"PL0"}, {}));
  CHECK(codes({"--select", "PL0"}).count("PL004") == 1);
  CHECK(codes({"--select", "role-assumable-without-mfa"}) == Codes{"PL201"});
  CHECK(codes({"--select", "network"}) == Codes{"PL101", "PL102"});
  CHECK(codes({"--select", "trust"}) == Codes{"PL301"});
  CHECK(codes({"--select", "validity"}) == expected({"validity"}, {}));
  CHECK(codes({"--select", "PL201,PL301"}) == Codes{"PL201", "PL301"});
  CHECK(codes({"--select", "PL201", "--select", "PL004"}) == Codes{"PL004", "PL201"});
  CHECK(codes({"--select=mfa"}) == Codes{"PL201"});
  CHECK(codes({"--select", "ALL"}) == all);
  CHECK(codes({"--ignore", "PL1"}) == expected({}, {"PL1"}));
  CHECK(codes({"--ignore", "PL1"}).count("PL201") == 1);
  CHECK(codes({"--ignore", "network,mfa"}) == expected({}, {"network", "mfa"}));
  CHECK(codes({"--ignore", "trust-policy-lacks-ip-condition"}) == expected({}, {"trust-policy-lacks-ip-condition"}));
  CHECK(codes({"--ignore", "trust-policy-lacks-ip-condition"}).count("PL301") == 0);
  CHECK(codes({"--ignore", "validity"}) == Codes{"PL101", "PL102", "PL201", "PL301"});
  CHECK(codes({"--select", "PL1", "--ignore", "PL102"}) == Codes{"PL101"});
  CHECK(codes({"--select", "network", "--ignore", "network"}).empty());

  // Only selected rules decide the exit code.
  CHECK(run({"--select", "PL201", "p/admin-user.json"}, in_dir).exit_code == 0);
  CHECK(run({"--ignore", "PL101", "p/admin-user.json"}, in_dir).exit_code == 0);
  CHECK(run({"--select", "PL101", "p/admin-user.json"}, in_dir).exit_code == 1);
  // Ignoring PL000 hides a parse error; nothing else can fire on a file that does not parse.
  dir.write("broken/trailing-comma.json", R"({"Version": "2012-10-17", "Statement": [],})");
  const auto broken = run({"--ignore", "PL000", "broken"}, in_dir);
  CHECK(broken.exit_code == 0);
  CHECK(broken.out.empty());
  // Selectors are case-sensitive codes and names: a lower-case code is unknown.
  CHECK(run({"--select", "pl101", "p"}, in_dir).exit_code == 2);
}

// Product bug: CLI11 lets a vector option (--select, --ignore, --exclude, simulate --context)
// take several values per occurrence, so it swallows the positional paths after it. The
// option help says "repeatable"; every value must be its own occurrence (or comma-separated).
TEST_CASE("cli: --select/--ignore/--exclude do not swallow the paths that follow them") {
  TempDir dir;
  dir.write("users/admin-user.json", k_admin_user);
  dir.write("roles/admin-role-trust.json", k_naive_trust);
  const RunOptions in_dir = at(dir.path());

  const auto sel = run({"--select", "PL101", "users", "roles"}, in_dir);
  INFO(describe(sel));
  CHECK(sel.exit_code == 1);
  CHECK(codes_of(sel.out) == std::set<std::string>{"PL101"});

  const auto ign = run({"--ignore", "PL201", "users", "roles", "-q"}, in_dir);
  INFO(describe(ign));
  CHECK(ign.exit_code == 1);
  CHECK(codes_of(ign.out) == std::set<std::string>{"PL101", "PL301"});

  // Worst case: "users" silently became an --exclude glob and the run passed.
  const auto exc = run({"--exclude", "*trust*", "users", "roles"}, in_dir);
  INFO(describe(exc));
  CHECK(exc.exit_code == 1);
  CHECK(codes_of(exc.out) == std::set<std::string>{"PL101"});

  const auto trailing = run({"--select", "PL101", "users", "--quiet"}, in_dir);
  INFO(describe(trailing));
  CHECK(trailing.exit_code == 1);
  CHECK(codes_of(trailing.out) == std::set<std::string>{"PL101"});
}

// ---------------------------------------------------------------------------------------------
// Odd inputs

TEST_CASE("cli: broken, empty, binary and odd files each get a positioned finding") {
  TempDir dir;
  // A trailing comma after the last member of a statement.
  dir.write("policies/trailing-comma.json", R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::example-reports/*",
    }
  ]
}
)");
  dir.write("policies/empty.json", "");
  dir.write("policies/whitespace.json", "  \n\t\r\n   \n");
  // Binary: a PNG header (invalid UTF-8 0x89, CR LF, NUL bytes, 0xFF 0xFE, a broken 2-byte
  // sequence), then 4 KiB of pseudo-random bytes from a fixed seed.
  std::string binary = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xfe\xc3\x28\x01\x02"s;
  std::mt19937 random(20240229U);
  for (int i = 0; i < 4096; ++i) {
    binary.push_back(static_cast<char>(random() & 0xFFU));
  }
  dir.write("policies/x.json", binary);
  // JSON that turns into NUL and a stray 0xFF in the middle of the Statement list.
  dir.write("policies/nul.json", "{\"Version\": \"2012-10-17\", \"Statement\": [\0\xff]}\n"s);
  dir.write("policies/bom.json", std::string("\xEF\xBB\xBF") + std::string(k_clean));
  dir.write("policies/root-array.json", "[]\n");
  dir.write("policies/statement-string.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": \"oops\"\n}\n");
  dir.write("policies/valid.json", k_admin_user);
  const RunOptions in_dir = at(dir.path());

  // Read strictly, as policies: every file gets its finding. (By content, the binary file and
  // the empty array hold nothing IAM-like and are skipped: see below.)
  const auto r = run({"--input-format", "policy", "policies"}, in_dir);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1); // parse errors are findings, not I/O errors
  const auto findings = parse_text(r.out);

  struct Expect {
    const char* file;
    const char* code;
    int line;
    int column;
    const char* message_part;
  };
  const Expect expected[] = {
      {"policies/trailing-comma.json", "PL000", 9, 5, ""},
      {"policies/empty.json", "PL000", 1, 1, "empty"},
      {"policies/whitespace.json", "PL000", 1, 1, "whitespace"},
      {"policies/x.json", "PL000", 1, 1, "UTF-8"},
      {"policies/bom.json", "PL000", 1, 1, "byte order mark"},
      {"policies/root-array.json", "PL001", 1, 1, "object"},
      {"policies/statement-string.json", "PL001", 3, 16, "Statement"},
      {"policies/valid.json", "PL101", 7, 23, "allows every action"},
  };
  for (const Expect& e : expected) {
    INFO("file: " << std::string(e.file));
    const Finding* f = find_in(findings, e.file);
    REQUIRE_MESSAGE(f != nullptr, "no finding for " << e.file);
    CHECK(f->code == e.code);
    CHECK(f->level == "error");
    CHECK(f->line == e.line);
    CHECK(f->column == e.column);
    CHECK(contains(f->message, e.message_part));
  }
  // The NUL/0xFF file: flagged on line 1 at the bad bytes (NUL is column 41, 0xFF column 42).
  const Finding* nul = find_in(findings, "policies/nul.json", "PL000");
  REQUIRE(nul != nullptr);
  CHECK(nul->line == 1);
  CHECK((nul->column == 41 || nul->column == 42));

  // Every file is counted as linted, including the broken ones; the JSON report agrees.
  CHECK(contains(r.err, "of 9 linted"));
  const auto j = run({"--format", "json", "--input-format", "policy", "policies"}, in_dir);
  REQUIRE(j.exit_code == 1);
  const json::Value report = parse_json(j.out);
  CHECK(number(member(report, "filesLinted")) == 9);
  std::set<std::string> files;
  for (const auto& item : member(report, "findings").items) {
    files.insert(member(item, "file").text);
    CHECK(number(member(member(item, "start"), "line")) >= 1);
    CHECK(number(member(member(item, "start"), "column")) >= 1);
  }
  CHECK(files.size() == 9);

  // By content (the default): the binary file and the empty array are not IAM policies, so they
  // are counted, not reported; every broken file that names IAM elements, and the empty ones,
  // keep their findings.
  const auto by_content = run({"--format", "json", "policies"}, in_dir);
  INFO(describe(by_content));
  REQUIRE(by_content.exit_code == 1);
  const json::Value auto_report = parse_json(by_content.out);
  CHECK(number(member(auto_report, "filesLinted")) == 7);
  std::vector<std::string> skipped;
  for (const auto& item : member(auto_report, "filesNotIam").items) {
    skipped.push_back(item.text);
  }
  CHECK(skipped == std::vector<std::string>{"policies/root-array.json", "policies/x.json"});
  std::set<std::string> reported;
  for (const auto& item : member(auto_report, "findings").items) {
    reported.insert(member(item, "file").text);
  }
  CHECK(reported.size() == 7);
  CHECK_FALSE(reported.contains("policies/x.json"));
  const auto text = run({"policies"}, in_dir);
  CHECK(contains(text.err, "in 7 files of 7 linted; 2 files are not IAM policies (skipped)"));
}

// Product bug (src/policylint/json/parser.cpp, parse()): when simdjson's stage 1 reports
// UNESCAPED_CHARS or UNCLOSED_STRING, the position is the first control character inside a
// "string" found by quote parity, even when the file stops being valid (UTF-8) much earlier;
// PL000's README promises "the first position where the file stops being strict JSON".
TEST_CASE("cli: invalid UTF-8 before a control character is reported first") {
  TempDir dir;
  dir.write("late-control.json", "\xff\n\n{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"a\x01\"}]}\n"s);
  dir.write("sid.json",
            "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"\xff\", \"Action\": \"s3:Get\x01Object\"}]}\n"s);
  const RunOptions in_dir = at(dir.path());
  for (const auto& [file, column] : {std::pair<std::string, int>{"late-control.json", 1}, {"sid.json", 50}}) {
    INFO("file: " << file);
    const auto r = run({"--format", "json", file}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    const json::Value report = parse_json(r.out);
    REQUIRE(member(report, "findings").items.size() == 1);
    const auto& f = member(report, "findings").items[0];
    CHECK(member(f, "code").text == "PL000");
    CHECK(number(member(member(f, "start"), "line")) == 1);
    CHECK(number(member(member(f, "start"), "column")) == column);
    CHECK(contains(member(f, "message").text, "UTF-8"));
  }
}

TEST_CASE("cli: symlink loops inside a directory do not hang") {
  TempDir dir;
  dir.write("tree/a/admin-user.json", k_admin_user);
  fs::create_directory_symlink("..", dir / "tree/a/up");      // a/up -> tree
  fs::create_directory_symlink("../tree", dir / "tree/self"); // self -> tree
  const RunOptions in_dir = at(dir.path());

  const auto r = run({"tree"}, in_dir);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);
  // Directory symlinks are not followed: the policy is reported exactly once.
  CHECK(count_of(r.out, "admin-user.json:7:23:") == 1);

  SUBCASE("file symlinks that point at each other") {
    fs::create_symlink("b.json", dir / "tree/a.json");
    fs::create_symlink("a.json", dir / "tree/b.json");
    const auto loop = run({"tree"}, in_dir);
    INFO(describe(loop));
    REQUIRE_FALSE(loop.timed_out);
    CHECK(loop.signal == 0);
    CHECK(loop.exit_code == 2); // unreadable inputs are I/O errors
    CHECK(contains(loop.err, "tree/a.json"));
    CHECK(count_of(loop.out, "admin-user.json:7:23:") == 1); // the rest is still linted
  }
}

TEST_CASE("cli: a FIFO does not hang") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  REQUIRE(::mkfifo((dir / "pipe.json").c_str(), 0600) == 0);
  const RunOptions in_dir = at(dir.path());

  SUBCASE("named on the command line") {
    const auto r = run({"pipe.json", "admin-user.json"}, in_dir);
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "pipe.json"));
    CHECK(find_in(keep(parse_text(r.out)), "admin-user.json", "PL101") != nullptr);
  }
  SUBCASE("found in a directory") {
    const auto r = run({"."}, in_dir);
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "pipe.json"));
  }
}

TEST_CASE("cli: a FIFO with a template's extension is never opened") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  REQUIRE(::mkfifo((dir / "stack.yaml").c_str(), 0600) == 0);
  REQUIRE(::mkfifo((dir / "catalog.bin").c_str(), 0600) == 0);
  const RunOptions in_dir = at(dir.path());

  SUBCASE("found in a directory: reported, not read") {
    const auto r = run({"."}, in_dir);
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "stack.yaml"));
    CHECK(contains(r.out, "admin-user.json:7:23: error:")); // the rest is still linted
  }
  SUBCASE("given as --catalog") {
    const auto r = run({"--catalog", "catalog.bin", "admin-user.json"}, in_dir);
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "catalog.bin"));
  }
}

TEST_CASE("cli: inputs the user cannot read are errors and never a pass") {
  // Run as nobody when the suite runs as root (root reads everything).
  TempDir dir;
  dir.write("policies/admin-user.json", k_admin_user);
  dir.write("stacks/stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n");
  RunOptions as_nobody = at(dir.path());
  as_nobody.as_nobody = true;

  SUBCASE("a named directory") {
    fs::permissions(dir / "policies", fs::perms::none);
    const auto r = run({"policies"}, as_nobody);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "policies"));
    CHECK_FALSE(contains(r.out + r.err, "no policy files found"));
  }
  SUBCASE("a template found in a directory") {
    fs::permissions(dir / "stacks/stack.yaml", fs::perms::none);
    const auto r = run({"stacks"}, as_nobody);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "stack.yaml"));
  }
}

// ---------------------------------------------------------------------------------------------
// Input collection

TEST_CASE("cli: directory recursion is sorted") {
  TempDir dir;
  // Created in an order unlike the expected one.
  for (const char* name : {"p/zeta.json", "p/b/inner.json", "p/B.json", "p/a.json", "p/a/deep/x.json", "p/a-b.json"}) {
    dir.write(name, k_admin_user);
  }
  const auto r = run({"p"}, at(dir.path()));
  INFO(describe(r));
  std::vector<std::string> files;
  for (const auto& f : parse_text(r.out)) {
    files.push_back(f.file);
  }
  // Byte order on the displayed path: '-' < '.' < '/' < 'B' < 'a'.
  const std::vector<std::string> expected{"p/B.json",        "p/a-b.json",     "p/a.json",
                                          "p/a/deep/x.json", "p/b/inner.json", "p/zeta.json"};
  CHECK(files == expected);

  // Two runs give byte-identical output.
  CHECK(run({"p"}, at(dir.path())).out == r.out);
}

TEST_CASE("cli: --exclude skips matching files and directories") {
  TempDir dir;
  dir.write("p/users/admin-user.json", k_admin_user);
  dir.write("p/roles/admin-role-trust.json", k_naive_trust);
  dir.write("p/roles/legacy/old-trust.json", k_naive_trust);
  dir.write("p/generated/out.json", k_admin_user);
  const RunOptions in_dir = at(dir.path());
  const auto files_with = [&](std::vector<std::string> args) {
    args.emplace_back("p");
    args.insert(args.begin(), "--exit-zero");
    const auto r = run(args, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    std::set<std::string> files;
    for (const auto& f : parse_text(r.out)) {
      files.insert(f.file);
    }
    return files;
  };
  using Files = std::set<std::string>;
  REQUIRE(files_with({}) == Files{"p/generated/out.json", "p/roles/admin-role-trust.json",
                                  "p/roles/legacy/old-trust.json", "p/users/admin-user.json"});
  CHECK(files_with({"--exclude", "generated"}) ==
        Files{"p/roles/admin-role-trust.json", "p/roles/legacy/old-trust.json", "p/users/admin-user.json"});
  CHECK(files_with({"--exclude", "*trust*"}) == Files{"p/generated/out.json", "p/users/admin-user.json"});
  CHECK(files_with({"--exclude", "p/roles/**"}) == Files{"p/generated/out.json", "p/users/admin-user.json"});
  CHECK(files_with({"--exclude", "legacy", "--exclude", "generated"}) ==
        Files{"p/roles/admin-role-trust.json", "p/users/admin-user.json"});
  CHECK(files_with({"--exclude=*.json"}).empty());

  // A glob with '/' is anchored at the working directory, as in the configuration file:
  // "roles/**" names no top-level directory here, so it skips nothing.
  CHECK(files_with({"--exclude", "roles/**"}).size() == 4);

  // A file named on the command line is excluded too.
  const auto named = run({"--exclude", "*trust*", "p/roles/admin-role-trust.json"}, in_dir);
  CHECK(named.exit_code == 0);
  CHECK(named.out.empty());
  CHECK(contains(named.err, "no policy files found"));
}

TEST_CASE("cli: an ordinary repository's other JSON is skipped and counted, never reported") {
  TempDir dir;
  dir.write("package.json", R"({"name": "web", "version": "1.4.2", "scripts": {"build": "tsc"}, "dependencies": {"react": "^18.2.0"}})");
  dir.write("tsconfig.json", "{\n  // build\n  \"compilerOptions\": {\"target\": \"es2020\",},\n}\n");
  dir.write("src/data.json", R"([{"id": 1}, {"id": 2}])");
  dir.write("iam/typo.json", R"({"Version": "2012-10-17", "Statment": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  const RunOptions in_dir = at(dir.path());

  // Walking the repository (the reported issue: 5 errors for one package.json).
  const auto walked = run({"--no-config", "."}, in_dir);
  INFO(describe(walked));
  CHECK(walked.exit_code == 1); // the misspelt policy is still reported
  std::set<std::string> files;
  for (const auto& f : parse_text(walked.out)) {
    files.insert(f.file);
  }
  CHECK(files == std::set<std::string>{"./iam/typo.json"});
  CHECK(contains(walked.err, "in 1 file of 1 linted; 3 files are not IAM policies (skipped)"));

  // Named one by one, as the pre-commit hook passes a staged front-end change: not blocked.
  const auto hook = run({"--no-config", "package.json", "tsconfig.json", "src/data.json"}, in_dir);
  INFO(describe(hook));
  CHECK(hook.exit_code == 0);
  CHECK(hook.out.empty());
  CHECK(contains(hook.err, "no IAM policies found: 3 files are not IAM policies (skipped)"));

  // The machine-readable reports list them, in input order.
  const auto j = run({"--no-config", "--format", "json", "."}, in_dir);
  const json::Value report = parse_json(j.out);
  std::vector<std::string> skipped;
  for (const auto& item : member(report, "filesNotIam").items) {
    skipped.push_back(item.text);
  }
  CHECK(skipped == std::vector<std::string>{"./package.json", "./src/data.json", "./tsconfig.json"});
  CHECK(number(member(report, "filesLinted")) == 1);
  const auto sarif = run({"--no-config", "--format", "sarif", "."}, in_dir);
  const json::Value log = parse_json(sarif.out);
  const auto& run_properties = member(member(log, "runs").items.at(0), "properties");
  CHECK(member(run_properties, "filesNotIam").items.size() == 3);

  // --input-format policy reads a named file strictly.
  const auto strict = run({"--no-config", "--input-format", "policy", "package.json"}, in_dir);
  CHECK(strict.exit_code == 1);
  CHECK(find_in(keep(parse_text(strict.out)), "package.json", "PL001") != nullptr);
}

TEST_CASE("cli: directories yield only .json files but a file named explicitly is linted") {
  TempDir dir;
  dir.write("p/admin-user.txt", k_admin_user);
  dir.write("p/README.md", "# policies\n");
  dir.write("p/admin-user.JSON", k_admin_user);
  dir.write("p/policy.json.bak", k_admin_user);
  dir.write("p/nested/role.json", k_naive_trust);
  const RunOptions in_dir = at(dir.path());

  const auto r = run({"p"}, in_dir);
  INFO(describe(r));
  std::set<std::string> files;
  for (const auto& f : parse_text(r.out)) {
    files.insert(f.file);
  }
  CHECK(files == std::set<std::string>{"p/admin-user.JSON", "p/nested/role.json"});
  CHECK(contains(r.err, "of 2 linted"));

  const auto named = run({"p/admin-user.txt"}, in_dir);
  INFO(describe(named));
  CHECK(named.exit_code == 1);
  const Finding* f = find_in(keep(parse_text(named.out)), "p/admin-user.txt", "PL101");
  REQUIRE(f != nullptr);
  CHECK(f->line == 7);

  // A non-policy file named explicitly is read by content: nothing in it looks like IAM, so it
  // is counted as skipped (a pre-commit hook names every file); --input-format policy reads it
  // strictly, and it fails to parse.
  const auto md = run({"p/README.md"}, in_dir);
  CHECK(md.exit_code == 0);
  CHECK(md.out.empty());
  CHECK(contains(md.err, "1 file is not an IAM policy (skipped)"));
  const auto strict = run({"--input-format", "policy", "p/README.md"}, in_dir);
  CHECK(strict.exit_code == 1);
  CHECK(find_in(keep(parse_text(strict.out)), "p/README.md", "PL000") != nullptr);

  // "check" lets a file be named like a subcommand.
  dir.write("rules", k_admin_user);
  const auto check = run({"check", "rules"}, in_dir);
  CHECK(check.exit_code == 1);
  CHECK(find_in(keep(parse_text(check.out)), "rules", "PL101") != nullptr);
}

TEST_CASE("cli: standard input via - with --stdin-filename") {
  TempDir dir;
  SUBCASE("with a name") {
    const auto r = run({"--stdin-filename", "policies/admin-user.json", "-"},
                       at(dir.path()).with_stdin(std::string(k_admin_user)));
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    const auto findings = parse_text(r.out);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].file == "policies/admin-user.json");
    CHECK(findings[0].line == 7);
    CHECK(findings[0].column == 23);
  }
  SUBCASE("without a name") {
    const auto r = run({"-", "--format", "json"}, at(dir.path()).with_stdin(std::string(k_admin_user)));
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    const json::Value report = parse_json(r.out);
    REQUIRE(member(report, "findings").items.size() == 1);
    CHECK(member(member(report, "findings").items[0], "file").text == "<stdin>");
  }
  SUBCASE("clean input") {
    const auto r = run({"-"}, at(dir.path()).with_stdin(std::string(k_clean)));
    CHECK(r.exit_code == 0);
    CHECK(r.out.empty());
  }
  SUBCASE("broken input") {
    const auto r = run({"--stdin-filename=iam/broken.json", "-"},
                       at(dir.path()).with_stdin(std::string("{\"Version\": \"2012-10-17\",\n\"Statement\": [}")));
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    const Finding* f = find_in(keep(parse_text(r.out)), "iam/broken.json", "PL000");
    REQUIRE(f != nullptr);
    CHECK(f->line == 2);
  }
  SUBCASE("stdin together with files") {
    dir.write("role.json", k_naive_trust);
    const auto r =
        run({"role.json", "-", "--stdin-filename", "user.json"}, at(dir.path()).with_stdin(std::string(k_admin_user)));
    CHECK(r.exit_code == 1);
    CHECK(codes_of(r.out) == std::set<std::string>{"PL101", "PL201", "PL301"});
  }
}

// ---------------------------------------------------------------------------------------------
// Output

TEST_CASE("cli: --output writes the report to a file and leaves no temporary files") {
  TempDir dir;
  dir.write("p/admin-user.json", k_admin_user);
  dir.write("p/role.json", k_naive_trust);
  fs::create_directory(dir / "out");
  const RunOptions in_dir = at(dir.path());

  for (const char* format : {"text", "json", "sarif"}) {
    INFO("format: " << std::string(format));
    const auto to_stdout = run({"--format", format, "p"}, in_dir);
    REQUIRE(to_stdout.exit_code == 1);
    REQUIRE_FALSE(to_stdout.out.empty());

    const std::string name = std::string("out/report.") + format;
    const auto to_file = run({"--format", format, "--output", name, "p"}, in_dir);
    INFO(describe(to_file));
    CHECK(to_file.exit_code == 1);
    CHECK(to_file.out.empty());
    CHECK(read_file(dir / name) == to_stdout.out);
    CHECK(contains(to_file.err, "problems")); // the summary still goes to stderr
  }
  // Overwrites an existing file, with -o too.
  dir.write("out/report.text", "stale\n");
  CHECK(run({"-o", "out/report.text", "p/admin-user.json"}, in_dir).exit_code == 1);
  CHECK(contains(read_file(dir / "out/report.text"), "p/admin-user.json:7:23: error:"));
  CHECK_FALSE(contains(read_file(dir / "out/report.text"), "stale"));
  // A clean run still writes (an empty text report, a JSON report with no findings).
  dir.write("clean.json", k_clean);
  CHECK(run({"--format", "json", "--output", "out/clean.json", "clean.json"}, in_dir).exit_code == 0);
  CHECK(contains(read_file(dir / "out/clean.json"), "\"findings\": []"));

  CHECK(files_under(dir / "out") ==
        std::vector<std::string>{"clean.json", "report.json", "report.sarif", "report.text"});

  SUBCASE("into a directory that does not exist") {
    const auto r = run({"--output", "nowhere/report.txt", "p"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "nowhere/report.txt"));
    CHECK_FALSE(fs::exists(dir / "nowhere"));
  }
  SUBCASE("onto a directory") {
    fs::create_directory(dir / "out/report.dir");
    const auto r = run({"--output", "out/report.dir", "p"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "out/report.dir"));
    CHECK(files_under(dir / "out") ==
          std::vector<std::string>{"clean.json", "report.dir", "report.json", "report.sarif", "report.text"});
  }
  SUBCASE("into a read-only directory") {
    if (::geteuid() == 0) {
      MESSAGE("running as root: permissions are not enforced, skipped");
      return;
    }
    fs::create_directory(dir / "ro");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    const auto r = run({"--output", "ro/report.txt", "p"}, in_dir);
    CHECK(r.exit_code == 2);
    fs::permissions(dir / "ro", fs::perms::owner_all);
    CHECK(files_under(dir / "ro").empty());
  }
  SUBCASE("text written to a file has no colour even with --color=always") {
    CHECK(run({"--color=always", "--output", "out/plain.txt", "p"}, in_dir).exit_code == 1);
    CHECK_FALSE(has_escape(read_file(dir / "out/plain.txt")));
  }
}

// Product bug: --output always writes a temporary file and renames it over the target, so a
// symlink is replaced by a regular file (its target keeps the stale report) and a FIFO is
// replaced too (its reader gets nothing). As root, "--output /dev/stdout" replaces the
// /dev/stdout symlink itself; as another user it fails ("cannot create output file").
TEST_CASE("cli: --output through a symlink or into a FIFO writes where it points") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  const RunOptions in_dir = at(dir.path());
  const auto expected = run({"admin-user.json"}, in_dir).out;
  REQUIRE_FALSE(expected.empty());

  SUBCASE("symlink") {
    dir.write("reports/latest.txt", "stale\n");
    fs::create_symlink("reports/latest.txt", dir / "report.txt");
    const auto r = run({"--output", "report.txt", "admin-user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    CHECK(fs::is_symlink(dir / "report.txt"));
    CHECK(read_file(dir / "reports/latest.txt") == expected);
    CHECK(files_under(dir / "reports") == std::vector<std::string>{"latest.txt"});
  }
  SUBCASE("FIFO") {
    REQUIRE(::mkfifo((dir / "report.pipe").c_str(), 0600) == 0);
    // Keep a reader open, so that a writer neither blocks nor gets SIGPIPE.
    const int reader = ::open((dir / "report.pipe").c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    const auto r = run({"--output", "report.pipe", "admin-user.json"}, in_dir);
    INFO(describe(r));
    std::string got;
    char buffer[4096];
    for (ssize_t n = 0; (n = ::read(reader, buffer, sizeof buffer)) > 0;) {
      got.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(reader);
    CHECK_FALSE(r.timed_out);
    CHECK(r.exit_code == 1);
    struct stat st {};
    REQUIRE(::lstat((dir / "report.pipe").c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(got == expected);
  }
}

TEST_CASE("cli: colour only with --color=always when stdout is not a terminal") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  RunOptions o = at(dir.path());
  o.env["NO_COLOR"] = std::nullopt;
  o.env["TERM"] = "xterm-256color";

  const auto plain = run({"admin-user.json"}, o);
  CHECK(plain.exit_code == 1);
  CHECK_FALSE(has_escape(plain.out));
  CHECK(run({"--color=never", "admin-user.json"}, o).out == plain.out);
  CHECK(run({"--color", "auto", "admin-user.json"}, o).out == plain.out);

  const auto always = run({"--color=always", "admin-user.json"}, o);
  CHECK(always.exit_code == 1);
  CHECK(has_escape(always.out));
  CHECK(contains(always.out, "\x1b[1;31m")); // error in bold red
  // Without the escape codes, the coloured report is the plain one.
  CHECK(std::regex_replace(always.out, std::regex("\x1b\\[[0-9;]*m"), "") == plain.out);

  // The command line beats NO_COLOR; NO_COLOR beats nothing on a pipe.
  o.env["NO_COLOR"] = "1";
  CHECK(has_escape(run({"--color=always", "admin-user.json"}, o).out));
  CHECK_FALSE(has_escape(run({"admin-user.json"}, o).out));
  // JSON and SARIF never carry colour.
  CHECK_FALSE(has_escape(run({"--color=always", "--format", "json", "admin-user.json"}, o).out));
  CHECK_FALSE(has_escape(run({"--color=always", "--format", "sarif", "admin-user.json"}, o).out));
  // The summary on stderr is plain.
  CHECK_FALSE(has_escape(always.err));
}

TEST_CASE("cli: colour on a terminal follows --color, NO_COLOR and TERM") {
  if (!pty_available()) {
    MESSAGE("no pseudo-terminal available here; skipped");
    return;
  }
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  RunOptions o = at(dir.path());
  o.env["NO_COLOR"] = std::nullopt;
  o.env["TERM"] = "xterm-256color";

  const auto tty = run_on_tty({"admin-user.json"}, o);
  INFO(describe(tty));
  REQUIRE_FALSE(tty.timed_out);
  CHECK(tty.exit_code == 1);
  CHECK(contains(tty.out, "admin-user.json"));
  CHECK(has_escape(tty.out));

  CHECK_FALSE(has_escape(run_on_tty({"--color=never", "admin-user.json"}, o).out));

  o.env["NO_COLOR"] = "1";
  CHECK_FALSE(has_escape(run_on_tty({"admin-user.json"}, o).out));
  CHECK(has_escape(run_on_tty({"--color=always", "admin-user.json"}, o).out));
  o.env["NO_COLOR"] = ""; // an empty NO_COLOR does not count
  CHECK(has_escape(run_on_tty({"admin-user.json"}, o).out));

  o.env["NO_COLOR"] = std::nullopt;
  o.env["TERM"] = "dumb";
  CHECK_FALSE(has_escape(run_on_tty({"admin-user.json"}, o).out));
}

// Product bug: text output copies control characters from the policy (a Sid, an action, the
// source line) to the terminal unchanged, so a policy in a pull request can clear the screen,
// retitle the window or hide findings in a CI log, even with --color=never.
TEST_CASE("cli: control characters from a policy never reach the terminal raw") {
  TempDir dir;
  // Valid JSON: the escapes are \u001b and \u0007 inside strings.
  dir.write("escape-sid.json", R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "Admin\u001b[2J\u001b]0;all clear\u0007",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}
)");
  // Invalid JSON: a raw ESC inside a string, echoed in the source line.
  dir.write("raw-escape.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"A\x1b[8mB\"}]}\n");
  const RunOptions in_dir = at(dir.path());
  const auto no_control = [](const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return c == '\x1b' || c == '\a'; });
  };

  const auto r = run({"--color=never", "escape-sid.json", "raw-escape.json"}, in_dir);
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(codes_of(r.out).count("PL101") == 1);
  CHECK(codes_of(r.out).count("PL000") == 1);
  CHECK(no_control(r.out));
  // With colour, the only escapes are the SGR sequences policylint adds itself.
  const auto coloured = run({"--color=always", "escape-sid.json", "raw-escape.json"}, in_dir);
  CHECK(no_control(std::regex_replace(coloured.out, std::regex("\x1b\\[[0-9;]*m"), "")));
  // JSON keeps the characters, escaped.
  const auto j = run({"--format", "json", "escape-sid.json"}, in_dir);
  CHECK(no_control(j.out));
  CHECK(contains(j.out, "\\u001b"));
  // simulate names the statement too.
  const auto sim = run({"simulate", "-a", "s3:GetObject", "escape-sid.json"}, in_dir);
  CHECK(sim.exit_code == 0);
  CHECK(no_control(sim.out));
}

TEST_CASE("cli: control characters in a file name never reach the terminal raw") {
  TempDir dir;
  dir.write("p/admin\x1b[2Jclear.json", k_admin_user);
  const auto no_control = [](const std::string& s) {
    return std::none_of(s.begin(), s.end(), [](char c) { return c == '\x1b'; });
  };
  const auto r = run({"--color=never", "p"}, at(dir.path()));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(no_control(r.out));
  CHECK(no_control(r.err));
  CHECK(contains(r.out, "admin\\x1b[2Jclear.json"));
}

TEST_CASE("cli: github annotations name repository-relative paths like SARIF") {
  // The run starts in a subdirectory of the repository: the runner resolves annotation paths
  // against the repository root.
  TempDir dir;
  fs::create_directories(dir / ".git");
  dir.write("infra/iam/admin-user.json", k_admin_user);
  const auto r = run({"--format", "github", "admin-user.json"}, at(dir / "infra/iam"));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "file=infra/iam/admin-user.json,"));
  const auto sarif = run({"--format", "sarif", "admin-user.json"}, at(dir / "infra/iam"));
  CHECK(contains(sarif.out, "\"uri\": \"infra/iam/admin-user.json\""));
}

TEST_CASE("cli: text format is path:line:col: level: message [CODE name] with a caret line") {
  TempDir dir;
  dir.write("p/admin-user.json", k_admin_user);
  dir.write("p/admin-user-with-ip-deny.json", k_source_ip_deny);
  dir.write("p/role.json", k_naive_trust);
  dir.write("p/duplicate-sid.json", k_duplicate_sid);
  const auto r = run({"p", "--color=never"}, at(dir.path()));
  INFO(describe(r));
  REQUIRE(r.exit_code == 1);

  const std::regex source_re(R"(^ *([0-9]+) \| (.*)$)");
  const std::regex caret_re(R"(^ {5} \| ([ \t]*)\^(~*)$)");
  const std::regex counterexample_re(
      R"(^ {5} = counterexample: .+ → (allowed|explicit-deny|implicit-deny)( \(.+\))?$)");
  const auto lines = split_lines(r.out);
  std::size_t headers = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::smatch h;
    INFO("line " << i + 1 << ": " << lines[i]);
    REQUIRE_MESSAGE(std::regex_match(lines[i], h, header_regex()), "not a finding line");
    ++headers;
    const std::string file = h[1];
    const int line = std::stoi(h[2]);
    const int column = std::stoi(h[3]);
    CHECK(line >= 1);
    CHECK(column >= 1);
    // The level word follows the rule's severity; the name is the rule's.
    const RuleOnDisk& rule = rule_on_disk(h[6].str());
    CHECK(h[4].str() == rule.level());
    CHECK(h[7].str() == rule.name);

    // Source line: the file's actual line.
    REQUIRE(i + 2 < lines.size());
    std::smatch s;
    REQUIRE(std::regex_match(lines[i + 1], s, source_re));
    CHECK(std::stoi(s[1]) == line);
    const auto file_lines = split_lines(read_file(dir / file));
    REQUIRE(static_cast<std::size_t>(line) <= file_lines.size());
    CHECK(s[2].str() == file_lines[static_cast<std::size_t>(line) - 1]);
    // Caret line: the caret stands under the reported column.
    std::smatch c;
    REQUIRE(std::regex_match(lines[i + 2], c, caret_re));
    CHECK(c[1].length() == column - 1);
    i += 2;
    if (i + 1 < lines.size() && contains(lines[i + 1], "= counterexample:")) {
      CHECK(std::regex_match(lines[i + 1], counterexample_re));
      ++i;
    }
  }
  CHECK(headers == 5); // PL101, PL102, PL201, PL301, PL004

  // The underline covers the token: "*" with its quotes is three characters.
  CHECK(contains(r.out, "    7 |             \"Action\": \"*\",\n      |                       ^~~\n"));
  // The exact line a user sees.
  CHECK(contains(r.out, "p/duplicate-sid.json:11:20: note: "));
  CHECK(contains(r.out, "p/admin-user-with-ip-deny.json:16:17: warning: "));
  CHECK(contains(r.out, " [PL102 raw-source-ip-breaks-service-calls]\n"));

  // The summary goes to stderr, and -q drops it.
  CHECK(contains(r.err, "5 problems (3 errors, 1 warning, 1 note) in 4 files of 4 linted"));
  const auto quiet = run({"-q", "p"}, at(dir.path()));
  CHECK(quiet.err.empty());
  CHECK(quiet.out == r.out);
}

TEST_CASE("cli: columns count code points and CRLF or tabs do not disturb positions") {
  TempDir dir;
  // A non-ASCII Sid before the Action on the same line, CRLF line ends.
  const std::string prefix = R"(  "Statement": [{"Sid": "Ünïcödé", "Effect": "Allow", "Action": )";
  dir.write("unicode.json",
            "{\r\n  \"Version\": \"2012-10-17\",\r\n" + prefix + "\"*\", \"Resource\": \"*\"}]\r\n}\r\n");
  dir.write("tabs.json",
            "{\n\t\"Version\": \"2012-10-17\",\n\t\"Statement\": [{\n\t\t\"Effect\": \"Allow\",\t\"Action\": \"*\",\n"
            "\t\t\"Resource\": \"*\"}]\n}\n");
  const RunOptions in_dir = at(dir.path());

  const auto r = run({"unicode.json", "--format", "json"}, in_dir);
  INFO(describe(r));
  const json::Value report = parse_json(r.out);
  const json::Value* pl101 = nullptr;
  for (const auto& f : member(report, "findings").items) {
    if (member(f, "code").text == "PL101") {
      pl101 = &f;
    }
  }
  REQUIRE(pl101 != nullptr);
  const auto& start = member(*pl101, "start");
  CHECK(number(member(start, "line")) == 3);
  CHECK(static_cast<std::size_t>(number(member(start, "column"))) == code_points(prefix) + 1);
  // The byte offset counts bytes: two CRLF lines plus the prefix.
  CHECK(static_cast<std::size_t>(number(member(start, "offset"))) == 3 + 28 + prefix.size());
  CHECK(number(member(member(*pl101, "end"), "column")) - number(member(start, "column")) == 3);

  const auto text = run({"unicode.json"}, in_dir);
  CHECK_FALSE(contains(text.out, "\r")); // CR of CRLF is not echoed
  CHECK(contains(text.out, "unicode.json:3:" + std::to_string(code_points(prefix) + 1) + ": error:"));

  // Tabs count as one column each and are kept in the caret line.
  const auto tabs = run({"tabs.json"}, in_dir);
  INFO(describe(tabs));
  CHECK(contains(tabs.out, "tabs.json:4:32: error:"));
  CHECK(contains(tabs.out, "\n      | \t\t                  \t          ^~~\n"));
}

// ---------------------------------------------------------------------------------------------
// rules and explain

TEST_CASE("cli: rules lists every rule") {
  const auto& disk = rules_on_disk();
  REQUIRE(disk.size() >= 10);

  const auto text = run({"rules"});
  INFO(describe(text));
  CHECK(text.exit_code == 0);
  const auto lines = split_lines(text.out);
  REQUIRE(lines.size() == disk.size());
  for (std::size_t i = 0; i < disk.size(); ++i) {
    CAPTURE(disk[i].code);
    const std::regex re("^" + disk[i].code + " +" + disk[i].name + " +" + disk[i].category +
                        " +(critical|high|medium|low|info) +.+$");
    CHECK(std::regex_match(lines[i], re)); // sorted by code, one line each
  }

  const auto j = run({"rules", "--format", "json"});
  CHECK(j.exit_code == 0);
  const json::Value list = parse_json(j.out);
  REQUIRE(list.is_array());
  REQUIRE(list.items.size() == disk.size());
  for (std::size_t i = 0; i < disk.size(); ++i) {
    const auto& r = list.items[i];
    CHECK(keys_of(r) == std::vector<std::string>{"code", "name", "category", "severity", "summary"});
    CHECK(member(r, "code").text == disk[i].code);
    CHECK(member(r, "name").text == disk[i].name);
    CHECK(member(r, "category").text == disk[i].category);
    CHECK_FALSE(member(r, "summary").text.empty());
  }
  CHECK(run({"rules", "--format", "yaml"}).exit_code == 2);
}

TEST_CASE("cli: explain prints the rule README") {
  const auto& disk = rules_on_disk();
  for (const auto& rule : disk) {
    CAPTURE(rule.code);
    const std::string readme = read_file(rule.dir / "README.md");
    const auto by_code = run({"explain", rule.code});
    CHECK(by_code.exit_code == 0);
    CHECK(by_code.out.starts_with(readme));
    CHECK(contains(by_code.out, "Code " + rule.code + " · category " + rule.category));
    const auto by_name = run({"explain", rule.name});
    CHECK(by_name.exit_code == 0);
    CHECK(by_name.out == by_code.out);
  }
  const auto pl101 = run({"explain", "PL101"});
  CHECK(pl101.out.starts_with("# PL101 action-star-without-source-ip-deny\n"));
  CHECK(run({"explain", "action-star-without-source-ip-deny"}).out == pl101.out);

  const auto nope = run({"explain", "NOPE"});
  CHECK(nope.exit_code == 2);
  CHECK(nope.out.empty());
  CHECK(contains(nope.err, "NOPE"));
  CHECK(run({"explain"}).exit_code == 2);
  CHECK(run({"explain", "PL1"}).exit_code == 2); // a prefix is not a rule
}

TEST_CASE("cli: --version and --help") {
  const auto v = run({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.starts_with(std::string("policylint ") + POLICYLINT_VERSION + "\n"));
  const auto h = run({"--help"});
  CHECK(h.exit_code == 0);
  CHECK(contains(h.out, "Usage:"));
  const auto check_help = run({"check", "--help"});
  CHECK(check_help.exit_code == 0);
  CHECK(contains(check_help.out, "--fail-on"));
  CHECK(run({"simulate", "--help"}).exit_code == 0);
}

TEST_CASE("cli: input limits and empty input sets") {
  TempDir dir;
  dir.write("admin-user.json", k_admin_user);
  fs::create_directory(dir / "empty-dir");
  const RunOptions in_dir = at(dir.path());

  const auto big = run({"--max-file-size", "100", "admin-user.json"}, in_dir);
  INFO(describe(big));
  CHECK(big.exit_code == 1);
  const auto findings = parse_text(big.out);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "PL014");
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 1);

  const auto big_stdin = run({"--max-file-size", "100", "-"}, at(dir.path()).with_stdin(std::string(k_admin_user)));
  CHECK(big_stdin.exit_code == 1);
  CHECK(codes_of(big_stdin.out) == std::set<std::string>{"PL014"});

  const auto deep = run({"--max-depth", "2", "admin-user.json"}, in_dir);
  CHECK(deep.exit_code == 1);
  const Finding* depth = find_in(keep(parse_text(deep.out)), "admin-user.json", "PL014");
  REQUIRE(depth != nullptr);
  CHECK(depth->line == 4); // the statement object is the third level

  dir.write("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  // Read as a policy: the depth limit stops the parser in bounded stack (PL014). By content, the
  // same bounded parse finds no IAM element, and the file is skipped.
  const auto very_deep = run({"--input-format", "policy", "deep.json"}, in_dir);
  CHECK(very_deep.signal == 0);
  CHECK(very_deep.exit_code == 1);
  CHECK(codes_of(very_deep.out) == std::set<std::string>{"PL014"});
  const auto deep_by_content = run({"deep.json"}, in_dir);
  CHECK(deep_by_content.signal == 0);
  CHECK(deep_by_content.exit_code == 0);
  CHECK(contains(deep_by_content.err, "1 file is not an IAM policy"));

  const auto none = run({"empty-dir"}, in_dir);
  CHECK(none.exit_code == 0);
  CHECK(none.out.empty());
  CHECK(contains(none.err, "no policy files found"));
}

// ---------------------------------------------------------------------------------------------
// simulate

TEST_CASE("cli: simulate decisions in text and JSON") {
  TempDir dir;
  dir.write("user.json", k_assume_role_only);
  dir.write("role-trust.json", k_naive_trust);
  const RunOptions in_dir = at(dir.path());
  const std::string role = "arn:aws:iam::111122223333:role/AssumedAdministratorAccessRole";

  SUBCASE("allowed") {
    const auto r = run({"simulate", "--action", "sts:AssumeRole", "--resource", role, "--context",
                        "aws:SourceIp=203.0.113.5", "--context", "aws:ViaAWSService=false", "user.json"},
                       in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    // Only the identity policy was given: the role's trust policy must allow it too, and is assumed to.
    CHECK(r.out == "allowed\n  user.json:4:9: statement AllowAssumeRole (Allow)\n  assumes the role's trust policy allows this request: AWS requires it to grant sts:AssumeRole; give it with --resource-policy\n");
  }
  SUBCASE("explicit deny from outside the office") {
    const auto r = run({"simulate", "-a", "sts:AssumeRole", "-r", role, "-c", "aws:SourceIp=198.51.100.23", "-c",
                        "aws:ViaAWSService=false", "user.json"},
                       in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "explicit-deny\n  user.json:10:9: statement SourceIPRestriction (Deny)\n"); // denied whatever the trust says

    const auto j = run({"simulate", "--format", "json", "-a", "sts:AssumeRole", "-r", role, "-c",
                        "aws:SourceIp=198.51.100.23", "-c", "aws:ViaAWSService=false", "user.json"},
                       in_dir);
    INFO(describe(j));
    CHECK(j.exit_code == 1);
    const json::Value v = parse_json(j.out);
    CHECK(keys_of(v) == std::vector<std::string>{"decision", "request", "statements"});
    CHECK(member(v, "decision").text == "explicit-deny");
    const auto& request = member(v, "request");
    CHECK(member(request, "action").text == "sts:AssumeRole");
    CHECK(member(request, "resource").text == role);
    CHECK(member(member(request, "context"), "aws:SourceIp").items.at(0).text == "198.51.100.23");
    const auto& statements = member(v, "statements");
    REQUIRE(statements.items.size() == 1);
    const auto& s = statements.items[0];
    CHECK(member(s, "file").text == "user.json");
    CHECK(member(s, "statement").text == "SourceIPRestriction");
    CHECK(number(member(s, "index")) == 1);
    CHECK(member(s, "effect").text == "Deny");
    CHECK(number(member(s, "line")) == 10);
    CHECK(number(member(s, "column")) == 9);
  }
  SUBCASE("implicit deny") {
    const auto r =
        run({"simulate", "--action", "s3:GetObject", "--context", "aws:SourceIp=203.0.113.5", "user.json"}, in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "implicit-deny\n  no statement allows the request\n");

    const auto j = run({"simulate", "--format", "json", "--action", "s3:GetObject", "--context",
                        "aws:SourceIp=203.0.113.5", "user.json"},
                       in_dir);
    CHECK(j.exit_code == 1);
    const json::Value v = parse_json(j.out);
    CHECK(member(v, "decision").text == "implicit-deny");
    CHECK(member(v, "statements").items.empty());
    CHECK(member(member(v, "request"), "resource").text == "*"); // the default resource
  }
  SUBCASE("trust policy with a principal") {
    const auto r =
        run({"simulate", "-a", "sts:AssumeRole", "-p", "arn:aws:iam::111122223333:user/test-user", "role-trust.json"},
            in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 0);
    CHECK(r.out == "allowed\n  role-trust.json:4:5: statement #1 (Allow)\n");
    const auto other =
        run({"simulate", "-a", "sts:AssumeRole", "-p", "arn:aws:iam::444455556666:user/intruder", "role-trust.json"},
            in_dir);
    CHECK(other.exit_code == 1);
    CHECK(other.out.starts_with("implicit-deny\n"));
  }
  SUBCASE("several policies evaluated together") {
    dir.write("admin.json", k_admin_user);
    // admin.json allows everything; the Deny in user.json still wins from outside the office.
    const auto r = run({"simulate", "-c", "aws:SourceIp=198.51.100.23", "-c", "aws:ViaAWSService=false", "-a",
                        "iam:CreateAccessKey", "admin.json", "user.json"},
                       in_dir);
    INFO(describe(r));
    CHECK(r.exit_code == 1);
    CHECK(r.out == "explicit-deny\n  user.json:10:9: statement SourceIPRestriction (Deny)\n");
    const auto inside = run({"simulate", "-c", "aws:SourceIp=203.0.113.7", "-c", "aws:ViaAWSService=false", "-a",
                             "iam:CreateAccessKey", "admin.json", "user.json"},
                            in_dir);
    CHECK(inside.exit_code == 0);
    CHECK(inside.out == "allowed\n  admin.json:4:9: statement AdministratorAccess (Allow)\n");
  }
}

TEST_CASE("cli: simulate KMS keys need the key policy: stated when absent and applied when given") {
  TempDir dir;
  dir.write("decrypt.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt",
    "Resource": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]})");
  // AWS's default key policy: the account root, which delegates to IAM policies.
  dir.write("default-key-policy.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": "Enable IAM User Permissions",
    "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]})");
  // A key policy for one other role only.
  dir.write("other-key-policy.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:role/billing"}, "Action": "kms:Decrypt", "Resource": "*"}]})");
  const RunOptions in_dir = at(dir.path());
  const std::vector<std::string> request{"simulate", "-a", "kms:Decrypt", "-r",
                                         "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                                         "-p", "arn:aws:iam::111122223333:user/alice"};
  const auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = request;
    args.insert(args.end(), more.begin(), more.end());
    return run(args, in_dir);
  };
  const auto assumed = with({"decrypt.json"});
  INFO(describe(assumed));
  CHECK(assumed.exit_code == 0);
  CHECK(contains(assumed.out, "assumes the key policy allows this request"));
  const auto json_out = with({"--format", "json", "decrypt.json"});
  CHECK(contains(json_out.out, "\"assumption\": \"assumes the key policy allows"));

  const auto delegated = with({"--resource-policy", "default-key-policy.json", "decrypt.json"});
  CHECK(delegated.exit_code == 0);
  CHECK_FALSE(contains(delegated.out, "assumes"));
  const auto not_in_key_policy = with({"--resource-policy", "other-key-policy.json", "decrypt.json"});
  CHECK(not_in_key_policy.exit_code == 1);
  CHECK(not_in_key_policy.out.starts_with("implicit-deny\n"));
  // The account delegates, but no identity policy of alice allows kms:Decrypt: denied.
  dir.write("nothing.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})");
  const auto no_iam = with({"--resource-policy", "default-key-policy.json", "nothing.json"});
  CHECK(no_iam.exit_code == 1);
}

TEST_CASE("cli: simulate with a repeated --context key is multi-valued") {
  TempDir dir;
  dir.write("tagging.json", k_tagging);
  const RunOptions in_dir = at(dir.path());
  const std::string instance = "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0";
  const auto simulate = [&](std::vector<std::string> tags, std::string format = "text") {
    std::vector<std::string> args{"simulate",
                                  "--format",
                                  format,
                                  "--action",
                                  "ec2:CreateTags",
                                  "--resource",
                                  instance,
                                  "--context",
                                  "aws:SourceIp=203.0.113.9",
                                  "--context",
                                  "aws:ViaAWSService=false"};
    for (auto& t : tags) {
      args.emplace_back("--context");
      args.push_back("aws:TagKeys=" + t);
    }
    args.emplace_back("tagging.json");
    return run(args, in_dir);
  };
  // ForAllValues: every key approved; ForAnyValue: env among them.
  const auto both = simulate({"env", "team"});
  INFO(describe(both));
  CHECK(both.exit_code == 0);
  CHECK(both.out.starts_with("allowed\n  tagging.json:4:5: statement TagOnlyApprovedKeys (Allow)\n"));
  CHECK(simulate({"env"}).exit_code == 0);
  CHECK(simulate({"env", "owner"}).exit_code == 1); // owner is not an approved key
  CHECK(simulate({"team"}).exit_code == 1);         // env is missing

  const auto j = simulate({"env", "team"}, "json");
  CHECK(j.exit_code == 0);
  const json::Value v = parse_json(j.out);
  const auto& keys = member(member(member(v, "request"), "context"), "aws:TagKeys");
  REQUIRE(keys.items.size() == 2);
  CHECK(keys.items[0].text == "env");
  CHECK(keys.items[1].text == "team");
}

TEST_CASE("cli: simulate --request FILE") {
  TempDir dir;
  dir.write("tagging.json", k_tagging);
  dir.write("request.json", R"({
  "action": "ec2:CreateTags",
  "resource": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0",
  "context": {
    "aws:SourceIp": "203.0.113.9",
    "aws:ViaAWSService": "false",
    "aws:TagKeys": ["env", "team"]
  }
}
)");
  const RunOptions in_dir = at(dir.path());

  const auto r = run({"simulate", "--request", "request.json", "--format", "json", "tagging.json"}, in_dir);
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  const json::Value v = parse_json(r.out);
  CHECK(member(v, "decision").text == "allowed");
  CHECK(member(member(v, "request"), "action").text == "ec2:CreateTags");
  CHECK(member(member(member(v, "request"), "context"), "aws:TagKeys").items.size() == 2);
  CHECK(number(member(member(v, "statements").items.at(0), "line")) == 4);

  // Command-line options override the file.
  const auto other_action =
      run({"simulate", "--request", "request.json", "-a", "ec2:DeleteTags", "tagging.json"}, in_dir);
  CHECK(other_action.exit_code == 1);
  CHECK(other_action.out.starts_with("implicit-deny\n"));
  const auto other_resource = run({"simulate", "--request", "request.json", "-r",
                                   "arn:aws:ec2:eu-west-1:444455556666:instance/i-0fedcba9876543210", "tagging.json"},
                                  in_dir);
  CHECK(other_resource.exit_code == 1);

  SUBCASE("a broken request file") {
    dir.write("broken-request.json", "{\n  \"action\": \"ec2:CreateTags\",\n}\n");
    const auto b = run({"simulate", "--request", "broken-request.json", "tagging.json"}, in_dir);
    INFO(describe(b));
    CHECK(b.exit_code == 2);
    CHECK(contains(b.err, "broken-request.json:3:1:"));
    CHECK(b.out.empty());
  }
  SUBCASE("an unexpected key in the request file") {
    dir.write("typo-request.json", "{\n  \"action\": \"ec2:CreateTags\",\n  \"resuorce\": \"*\"\n}\n");
    const auto b = run({"simulate", "--request", "typo-request.json", "tagging.json"}, in_dir);
    INFO(describe(b));
    CHECK(b.exit_code == 2);
    CHECK(contains(b.err, "typo-request.json:3:3:"));
    CHECK(contains(b.err, "resuorce"));
  }
  SUBCASE("a missing request file") {
    CHECK(run({"simulate", "--request", "nowhere.json", "tagging.json"}, in_dir).exit_code == 2);
  }
}

// Product bug: docs/cli.md says options given with --request override the file, but a
// --context key that the file also sets gets the command-line value appended instead.
TEST_CASE("cli: simulate --context replaces the value of the same key from --request") {
  TempDir dir;
  dir.write("tagging.json", k_tagging);
  dir.write("request.json", R"({"action": "ec2:CreateTags",
 "resource": "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0",
 "context": {"aws:SourceIp": "203.0.113.9", "aws:ViaAWSService": "false", "aws:TagKeys": ["env", "team"]}}
)");
  // The same request from outside the office.
  const auto outside =
      run({"simulate", "--request", "request.json", "-c", "aws:SourceIp=198.51.100.1", "tagging.json"}, at(dir.path()));
  INFO(describe(outside));
  CHECK(outside.exit_code == 1);
  CHECK(outside.out == "explicit-deny\n  tagging.json:14:5: statement DenyOutsideCorpNetwork (Deny)\n");
  const auto j =
      run({"simulate", "-f", "json", "--request", "request.json", "-c", "aws:SourceIp=198.51.100.1", "tagging.json"},
          at(dir.path()));
  INFO(describe(j));
  const json::Value v = parse_json(j.out);
  const auto& ips = member(member(member(v, "request"), "context"), "aws:SourceIp");
  REQUIRE(ips.items.size() == 1);
  CHECK(ips.items[0].text == "198.51.100.1");
}

TEST_CASE("cli: simulate errors exit 2") {
  TempDir dir;
  dir.write("user.json", k_assume_role_only);
  dir.write("broken.json", "{\"Version\": \"2012-10-17\", \"Statement\": [}\n");
  const RunOptions in_dir = at(dir.path());

  const auto no_action = run({"simulate", "user.json"}, in_dir);
  CHECK(no_action.exit_code == 2);
  CHECK(contains(no_action.err, "--action"));
  const auto bad_context = run({"simulate", "-a", "s3:GetObject", "-c", "aws:SourceIp", "user.json"}, in_dir);
  CHECK(bad_context.exit_code == 2);
  CHECK(contains(bad_context.err, "KEY=VALUE"));
  CHECK(run({"simulate", "-a", "s3:GetObject", "-c", "=203.0.113.5", "user.json"}, in_dir).exit_code == 2);
  CHECK(run({"simulate", "-a", "s3:GetObject", "missing.json"}, in_dir).exit_code == 2);
  CHECK(run({"simulate", "-a", "s3:GetObject"}, in_dir).exit_code == 2);
  CHECK(run({"simulate", "-a", "s3:GetObject", "--format", "sarif", "user.json"}, in_dir).exit_code == 2);
  const auto broken = run({"simulate", "-a", "s3:GetObject", "broken.json"}, in_dir);
  CHECK(broken.exit_code == 2);
  CHECK(contains(broken.err, "broken.json:1:"));
  CHECK(broken.out.empty());
}

// Issue 18 item 6: a request for an object action on a bucket ARN is not one AWS can make;
// simulate says so rather than decide it (docs/query.md, "The typed request space").
TEST_CASE("cli: simulate refuses a resource of none of the action's types") {
  TempDir dir;
  dir.write("merged.json", R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
    "Action": ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets"], "Resource": ["arn:aws:s3:::acme-data/*", "arn:aws:s3:::acme-data", "*"]}]})");
  const RunOptions in_dir = at(dir.path());
  const auto bucket = run({"simulate", "-a", "s3:GetObject", "-r", "arn:aws:s3:::acme-data", "merged.json"}, in_dir);
  CHECK(bucket.exit_code == 2);
  CHECK(bucket.out.empty());
  CHECK(contains(bucket.err, "not a request AWS can make: s3:GetObject acts on resources of type"));
  CHECK(contains(bucket.err, "object (arn:${Partition}:s3:::${BucketName}/${ObjectName}); arn:aws:s3:::acme-data is none"));
  const auto object = run({"simulate", "-a", "s3:GetObject", "-r", "arn:aws:s3:::acme-data/a.csv", "merged.json"}, in_dir);
  CHECK(object.exit_code == 0);
  CHECK(contains(object.out, "allowed"));
  CHECK(run({"simulate", "-a", "s3:ListBucket", "-r", "arn:aws:s3:::acme-data/a.csv", "merged.json"}, in_dir).exit_code == 2);
  CHECK(run({"simulate", "-a", "s3:ListBucket", "-r", "arn:aws:s3:::acme-data", "merged.json"}, in_dir).exit_code == 0);
  // An action with no resource type takes "*" only.
  const auto list_all = run({"simulate", "-a", "s3:ListAllMyBuckets", "-r", "arn:aws:s3:::acme-data", "merged.json"}, in_dir);
  CHECK(list_all.exit_code == 2);
  CHECK(contains(list_all.err, "s3:ListAllMyBuckets has no resource type"));
  CHECK(run({"simulate", "-a", "s3:ListAllMyBuckets", "merged.json"}, in_dir).exit_code == 0);
  // "*" (the default) and actions the catalog does not list are evaluated as before.
  CHECK(run({"simulate", "-a", "s3:GetObject", "merged.json"}, in_dir).exit_code == 0);
  CHECK(run({"simulate", "-a", "s3:PolicylintNewAction", "-r", "arn:aws:s3:::acme-data", "merged.json"}, in_dir).exit_code == 1);
}

// Product bug (same cause as the --select one): --context swallows the policy path after it,
// so the command from the documentation fails with "policies is required".
TEST_CASE("cli: simulate options may follow --context and the policy path") {
  TempDir dir;
  dir.write("user.json", k_assume_role_only);
  const auto r = run({"simulate", "--action", "s3:GetObject", "--context", "aws:SourceIp=203.0.113.5", "user.json",
                      "--format", "json"},
                     at(dir.path()));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "\"decision\": \"implicit-deny\""));
}

// ---------------------------------------------------------------------------------------------
// JSON report shape (schemaVersion 1)

namespace {
void check_request_shape(const json::Value& request) {
  CHECK(keys_of(request) == std::vector<std::string>{"action", "resource", "principal", "context"});
  CHECK(member(request, "action").is_string());
  CHECK_FALSE(member(request, "action").text.empty());
  CHECK(member(request, "resource").is_string());
  CHECK(member(request, "principal").is_string());
  const auto& context = member(request, "context");
  REQUIRE(context.is_object());
  for (const auto& kv : context.members) {
    REQUIRE(kv.value.is_array());
    CHECK_FALSE(kv.value.items.empty());
    for (const auto& item : kv.value.items) {
      CHECK(item.is_string());
    }
  }
}

void check_position_shape(const json::Value& p) {
  CHECK(keys_of(p) == std::vector<std::string>{"line", "column", "offset"});
  CHECK(number(member(p, "line")) >= 1);
  CHECK(number(member(p, "column")) >= 1);
  CHECK(number(member(p, "offset")) >= 0);
}

// Checks one report and returns the number of findings per level.
std::map<std::string, long long> check_report_shape(const json::Value& report) {
  REQUIRE(report.is_object());
  CHECK(keys_of(report) ==
        std::vector<std::string>{"schemaVersion", "tool", "filesLinted", "filesNotIam", "findings", "summary"});
  CHECK(number(member(report, "schemaVersion")) == 1);
  REQUIRE(member(report, "filesNotIam").is_array());
  for (const auto& skipped : member(report, "filesNotIam").items) {
    CHECK(skipped.is_string());
  }
  const auto& tool = member(report, "tool");
  CHECK(member(tool, "name").text == "policylint");
  CHECK(member(tool, "version").text == POLICYLINT_VERSION);
  CHECK(number(member(report, "filesLinted")) >= 0);
  const auto& findings = member(report, "findings");
  REQUIRE(findings.is_array());
  std::map<std::string, long long> levels;
  for (const auto& f : findings.items) {
    CHECK(keys_of(f) == std::vector<std::string>{"code", "rule", "severity", "level", "file", "start", "end", "message",
                                                 "statement", "counterexample"});
    CHECK(std::regex_match(member(f, "code").text, std::regex("PL[0-9]{3}")));
    CHECK(std::regex_match(member(f, "rule").text, std::regex("[a-z0-9]+(-[a-z0-9]+)*")));
    const std::string severity = member(f, "severity").text;
    const std::string level = member(f, "level").text;
    CHECK((severity == "critical" || severity == "high" || severity == "medium" || severity == "low" ||
           severity == "info"));
    CHECK(level == ((severity == "critical" || severity == "high") ? "error"
                    : severity == "medium"                         ? "warning"
                                                                   : "note"));
    ++levels[level];
    CHECK_FALSE(member(f, "file").text.empty());
    check_position_shape(member(f, "start"));
    check_position_shape(member(f, "end"));
    const auto start_offset = number(member(member(f, "start"), "offset"));
    const auto end_offset = number(member(member(f, "end"), "offset"));
    CHECK(end_offset >= start_offset);
    CHECK(number(member(member(f, "end"), "line")) >= number(member(member(f, "start"), "line")));
    CHECK_FALSE(member(f, "message").text.empty());
    const auto& statement = member(f, "statement");
    CHECK((statement.kind == json::Kind::null || (statement.is_string() && !statement.text.empty())));
    const auto& ce = member(f, "counterexample");
    if (ce.kind != json::Kind::null) {
      REQUIRE(ce.is_object());
      CHECK(keys_of(ce) == std::vector<std::string>{"request", "absentKeys", "decision", "note"});
      check_request_shape(member(ce, "request"));
      REQUIRE(member(ce, "absentKeys").is_array());
      for (const auto& k : member(ce, "absentKeys").items) {
        CHECK(k.is_string());
      }
      const std::string decision = member(ce, "decision").text;
      CHECK((decision == "allowed" || decision == "explicit-deny" || decision == "implicit-deny"));
      CHECK(member(ce, "note").is_string());
    }
  }
  const auto& summary = member(report, "summary");
  CHECK(keys_of(summary) == std::vector<std::string>{"findings", "errors", "warnings", "notes"});
  CHECK(number(member(summary, "findings")) == static_cast<long long>(findings.items.size()));
  CHECK(number(member(summary, "errors")) == levels["error"]);
  CHECK(number(member(summary, "warnings")) == levels["warning"]);
  CHECK(number(member(summary, "notes")) == levels["note"]);
  return levels;
}
} // namespace

TEST_CASE("cli: JSON report has the documented shape") {
  TempDir dir;
  dir.write("p/admin-user.json", k_admin_user);
  dir.write("p/admin-user-with-ip-deny.json", k_source_ip_deny);
  dir.write("p/role.json", k_naive_trust);
  dir.write("p/duplicate-sid.json", k_duplicate_sid);
  dir.write("p/clean.json", k_clean);
  dir.write("p/broken.json", "{\"Version\": \"2012-10-17\",}");
  const RunOptions in_dir = at(dir.path());

  const auto r = run({"--format", "json", "p"}, in_dir);
  INFO(describe(r));
  REQUIRE(r.exit_code == 1);
  const json::Value report = parse_json(r.out);
  const auto levels = check_report_shape(report);
  CHECK(number(member(report, "filesLinted")) == 6);
  CHECK(levels.at("error") == 4); // PL000, PL101, PL201, PL301
  CHECK(levels.at("warning") == 1);
  CHECK(levels.at("note") == 1);

  // The PL101 finding in detail.
  const json::Value* pl101 = nullptr;
  const json::Value* pl000 = nullptr;
  for (const auto& f : member(report, "findings").items) {
    if (member(f, "code").text == "PL101") {
      pl101 = &f;
    } else if (member(f, "code").text == "PL000") {
      pl000 = &f;
    }
  }
  REQUIRE(pl101 != nullptr);
  CHECK(member(*pl101, "rule").text == "action-star-without-source-ip-deny");
  CHECK(member(*pl101, "severity").text == "high");
  CHECK(member(*pl101, "level").text == "error");
  CHECK(member(*pl101, "file").text == "p/admin-user.json");
  const std::string admin(k_admin_user);
  const auto star = static_cast<long long>(admin.find("\"*\""));
  CHECK(number(member(member(*pl101, "start"), "line")) == 7);
  CHECK(number(member(member(*pl101, "start"), "column")) == 23);
  CHECK(number(member(member(*pl101, "start"), "offset")) == star);
  CHECK(number(member(member(*pl101, "end"), "column")) == 26);
  CHECK(number(member(member(*pl101, "end"), "offset")) == star + 3);
  CHECK(member(*pl101, "statement").text == "AdministratorAccess");
  const auto& ce = member(*pl101, "counterexample");
  REQUIRE(ce.is_object());
  CHECK(member(ce, "decision").text == "allowed");
  CHECK(member(member(ce, "request"), "resource").text == "*");
  // The counterexample's source address lies outside every range the policy names.
  CHECK(member(member(member(ce, "request"), "context"), "aws:SourceIp").items.size() == 1);

  REQUIRE(pl000 != nullptr);
  CHECK(member(*pl000, "statement").kind == json::Kind::null);
  CHECK(member(*pl000, "counterexample").kind == json::Kind::null);
  CHECK(number(member(member(*pl000, "start"), "column")) == 26);

  SUBCASE("no findings") {
    const auto clean = run({"--format", "json", "p/clean.json"}, in_dir);
    CHECK(clean.exit_code == 0);
    const json::Value v = parse_json(clean.out);
    check_report_shape(v);
    CHECK(member(v, "findings").items.empty());
    CHECK(number(member(v, "filesLinted")) == 1);
    CHECK(number(member(member(v, "summary"), "findings")) == 0);
  }
  SUBCASE("binary input gives valid UTF-8 JSON") {
    dir.write("bin.json", "{\"Sid\": \"\xff\xfe\x00\x01\x1b[2J\"}"s);
    const auto b = run({"--format", "json", "--input-format", "policy", "bin.json"}, in_dir);
    CHECK(b.exit_code == 1);
    const json::Value v = parse_json(b.out); // the parser rejects invalid UTF-8 and raw control characters
    check_report_shape(v);
  }
}

// ---------------------------------------------------------------------------------------------
// SARIF locations (the schema and GitHub checks are in validate_sarif.py)

TEST_CASE("cli: SARIF artifact URIs are relative, percent-encoded and 1-based") {
  TempDir dir;
  dir.write("my policies/admin user.json", k_admin_user);
  dir.write("outside/role.json", k_naive_trust);
  fs::create_directory(dir / "work");
  const RunOptions in_work = at(dir / "work");
  for (fs::path p = dir.path(); !p.empty() && p != p.root_path(); p = p.parent_path()) {
    if (fs::exists(p / ".git")) {
      MESSAGE("the temporary directory is inside a git checkout; URI checks skipped");
      return;
    }
  }

  // The working directory is the root (no .git above a temp dir): a file under it gets a
  // relative URI with %SRCROOT%; a file outside it an absolute file:// URI without a base.
  const auto r = run({"--format", "sarif", "../my policies/admin user.json", "../outside/role.json"}, in_work);
  INFO(describe(r));
  REQUIRE(r.exit_code == 1);
  const json::Value sarif = parse_json(r.out);
  const auto& run0 = member(sarif, "runs").items.at(0);
  CHECK(member(run0, "columnKind").text == "unicodeCodePoints");
  std::size_t absolute = 0;
  for (const auto& result : member(run0, "results").items) {
    const auto& locations = member(result, "locations");
    REQUIRE(locations.items.size() == 1);
    const auto& physical = member(locations.items[0], "physicalLocation");
    const auto& artifact = member(physical, "artifactLocation");
    const std::string uri = member(artifact, "uri").text;
    CHECK(uri.starts_with("file:///"));
    CHECK(artifact.find("uriBaseId") == nullptr);
    CHECK_FALSE(contains(uri, " "));
    CHECK_FALSE(contains(uri, ".."));
    ++absolute;
    const auto& region = member(physical, "region");
    CHECK(number(member(region, "startLine")) >= 1);
    CHECK(number(member(region, "startColumn")) >= 1);
  }
  CHECK(absolute == 3);

  const auto inside = run({"--format", "sarif", "my policies/admin user.json"}, at(dir.path()));
  const json::Value s2 = parse_json(inside.out);
  const auto& result = member(member(s2, "runs").items.at(0), "results").items.at(0);
  const auto& artifact =
      member(member(member(result, "locations").items.at(0), "physicalLocation"), "artifactLocation");
  CHECK(member(artifact, "uri").text == "my%20policies/admin%20user.json");
  CHECK(member(artifact, "uriBaseId").text == "%SRCROOT%");
  const auto& region = member(member(member(result, "locations").items.at(0), "physicalLocation"), "region");
  CHECK(number(member(region, "startLine")) == 7);
  CHECK(number(member(region, "startColumn")) == 23);
  CHECK(number(member(region, "endLine")) == 7);
  CHECK(number(member(region, "endColumn")) == 26);
  CHECK(member(result, "ruleId").text == "PL101");
  const auto rule_index = static_cast<std::size_t>(number(member(result, "ruleIndex")));
  const auto& rules = member(member(member(member(s2, "runs").items.at(0), "tool"), "driver"), "rules");
  CHECK(member(rules.items.at(rule_index), "id").text == "PL101");
  CHECK(rules.items.size() == rules_on_disk().size()); // the full rule set, not only rules that fired
}

TEST_SUITE_END();

TEST_CASE("cli: the same file named twice, or through another spelling, is linted once") {
  TempDir dir;
  dir.write("users/admin-user.json", k_admin_user);
  const RunOptions in_dir = at(dir.path());
  const auto r = run({"users", "./users", "users/admin-user.json", "-q"}, in_dir);
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  const auto findings = parse_text(r.out);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].file == "./users/admin-user.json"); // the first spelling in sorted order
  CHECK(findings[0].code == "PL101");
}
