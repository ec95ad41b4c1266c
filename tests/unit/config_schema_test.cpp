// The configuration schema: every key read from YAML and JSON alike, and every error with
// the line and column of the offending node.
#include <policylint/config/config.hpp>
#include <policylint/engine/registry.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;

namespace {

config::Config parse_ok(std::string_view text, config::Syntax syntax = config::Syntax::yaml) {
  auto parsed = config::parse_config(text, syntax, ".policylint.yaml");
  REQUIRE_MESSAGE(parsed, parsed.error().message);
  return std::move(*parsed);
}

std::string parse_error(std::string_view text, config::Syntax syntax = config::Syntax::yaml) {
  auto parsed = config::parse_config(text, syntax, "cfg");
  REQUIRE_FALSE(parsed);
  return parsed.error().message;
}

bool contains(const std::string& s, std::string_view part) { return s.find(part) != std::string::npos; }

constexpr std::string_view k_full_yaml = R"(# The platform team's settings
select: [PL1, access]
ignore: PL102
severity:
  PL101: critical
  network: low
per-path-ignores:
  "legacy/**": [PL201, mfa]
exclude: [vendor, "generated/*.json"]
fail-on: error
organisation:
  ip-allowlist: [203.0.113.0/24, "2001:db8::/32"]
  trusted-accounts: ["111122223333", 444455556666]
input-kinds:
  "trust/*.json": trust
  buckets: resource
suppressions:
  - rule: PL101
    path: policies/break-glass.json
    sid: BreakGlass
    reason: Break-glass user; keys live in the safe
  - rule: resource-policy-allows-public-access
    path: public/*.json
    pointer: /Statement/0/Principal
    reason: Public website bucket
)";

} // namespace

TEST_CASE("config: every key from YAML") {
  const auto c = parse_ok(k_full_yaml);
  REQUIRE(c.select);
  CHECK(*c.select == std::vector<std::string>{"PL1", "access"});
  REQUIRE(c.ignore);
  CHECK(*c.ignore == std::vector<std::string>{"PL102"});
  REQUIRE(c.per_path_ignores.size() == 1);
  CHECK(c.per_path_ignores[0].glob == "legacy/**");
  CHECK(c.per_path_ignores[0].selectors == std::vector<std::string>{"PL201", "mfa"});
  CHECK(c.exclude == std::vector<std::string>{"vendor", "generated/*.json"});
  CHECK(c.fail_on == "error");
  CHECK(c.organisation.ip_allowlist.size() == 2);
  CHECK(c.organisation.ip_allowlist_text == std::vector<std::string>{"203.0.113.0/24", "2001:db8::/32"});
  CHECK(c.organisation.trusted_accounts == std::vector<std::string>{"111122223333", "444455556666"});
  REQUIRE(c.input_kinds.size() == 2);
  CHECK(c.input_kinds[0].kind == policy::PolicyKind::trust);
  CHECK(c.input_kinds[1].kind == policy::PolicyKind::resource);
  REQUIRE(c.suppressions.size() == 2);
  CHECK(c.suppressions[0].sid == "BreakGlass");
  CHECK(c.suppressions[0].pointer.empty());
  CHECK(c.suppressions[1].pointer == "/Statement/0/Principal");
  CHECK(c.suppressions[1].position.line == 22);
  // Severity overrides: later entries win, so network → low beats PL101 → critical for PL101;
  // rules whose severity does not change get no copy.
  const auto* pl101 = c.overridden_rules.count("PL101") ? &c.overridden_rules.at("PL101") : nullptr;
  REQUIRE(pl101 != nullptr);
  CHECK(pl101->severity == engine::Severity::low);
  CHECK(c.overridden_rules.count("PL320") == 0);
}

TEST_CASE("config: the same settings from JSON") {
  const auto c = parse_ok(R"({
  "severity": {"PL101": "critical"},
  "organisation": {"ip-allowlist": ["203.0.113.0/24"], "trusted-accounts": ["111122223333"]},
  "suppressions": [{"rule": "PL101", "path": "a.json", "pointer": "/Statement/0", "reason": "accepted"}]
})",
                          config::Syntax::json);
  CHECK(c.overridden_rules.at("PL101").severity == engine::Severity::critical);
  CHECK(c.organisation.trusted_accounts.size() == 1);
  CHECK(c.suppressions.size() == 1);
}

TEST_CASE("config: an empty file is an empty configuration") {
  const auto c = parse_ok("");
  CHECK_FALSE(c.select);
  CHECK(c.organisation.empty());
  CHECK(parse_ok("# only a comment\n").suppressions.empty());
}

TEST_CASE("config: each error names its line and column") {
  CHECK(contains(parse_error("selct: [PL101]\n"), "cfg:1:1: unknown key \"selct\""));
  CHECK(contains(parse_error("select: [PL101, PL999]\n"), "cfg:1:17: unknown rule selector \"PL999\""));
  CHECK(contains(parse_error("ignore:\n  - nonsense-rule\n"), "cfg:2:5: unknown rule selector \"nonsense-rule\""));
  CHECK(contains(parse_error("select: {PL101: true}\n"), "cfg:1:9: select must be a list, not a mapping"));
  CHECK(contains(parse_error("severity:\n  PL101: severe\n"), "cfg:2:10: unknown severity \"severe\""));
  CHECK(contains(parse_error("severity: [PL101]\n"), "cfg:1:11: severity must be a mapping, not a list"));
  CHECK(contains(parse_error("fail-on: sometimes\n"), "cfg:1:10: unknown fail-on level \"sometimes\""));
  CHECK(contains(parse_error("organisation:\n  ip-allowlist: [203.0.113.0/33]\n"),
                 "cfg:2:18: \"203.0.113.0/33\" is not an IP address or CIDR range"));
  CHECK(contains(parse_error("organisation:\n  ip-allowlist: [203.0.113.7/24]\n"),
                 "cfg:2:18: \"203.0.113.7/24\" has host bits set; did you mean 203.0.113.0/24?"));
  CHECK(contains(parse_error("organisation:\n  trusted-accounts: [\"1111-2222-3333\"]\n"),
                 "cfg:2:22: \"1111-2222-3333\" is not an AWS account id"));
  CHECK(
      contains(parse_error("organisation:\n  allowlist: []\n"), "cfg:2:3: unknown key \"allowlist\" in organisation"));
  CHECK(contains(parse_error("input-kinds:\n  \"*.json\": group\n"), "cfg:2:13: unknown input kind \"group\""));
  CHECK(
      contains(parse_error("exclude: [/etc/passwd]\n"), "cfg:1:11: an exclude glob \"/etc/passwd\" must be relative"));
  CHECK(contains(parse_error("select: [PL101]\nselect: [PL102]\n"), "cfg:2:1: duplicate key \"select\""));
  CHECK(contains(parse_error("[1, 2]\n"), "cfg:1:1: the configuration must be a mapping, not a list"));
}

TEST_CASE("config: suppression errors") {
  const std::string missing = parse_error("suppressions:\n  - rule: PL101\n    sid: Admin\n");
  CHECK(contains(missing, "cfg:2:5: a suppression needs \"path\""));
  CHECK(contains(missing, "cfg:2:5: a suppression needs \"reason\""));
  CHECK(contains(parse_error("suppressions:\n  - {rule: PL101, path: a.json, reason: '  '}\n"),
                 "suppressions.reason must say why"));
  CHECK(
      contains(parse_error("suppressions:\n  - {rule: PL101, path: a.json, sid: A, pointer: /Statement, reason: r}\n"),
               "cfg:2:5: a suppression takes \"sid\" or \"pointer\", not both"));
  CHECK(contains(parse_error("suppressions:\n  - {rule: PL101, path: a.json, pointer: Statement/0, reason: r}\n"),
                 "cfg:2:42: \"Statement/0\" is not a JSON pointer"));
  CHECK(contains(parse_error("suppressions:\n  - {rule: PL101, path: a.json, pointer: /a~2, reason: r}\n"),
                 "is not a JSON pointer: '~'"));
  CHECK(contains(parse_error("suppressions:\n  - {rule: PL101, path: a.json, reason: r, until: 2027-01-01}\n"),
                 "unknown key \"until\" in a suppression"));
  CHECK(contains(parse_error("suppressions: {rule: PL101}\n"), "cfg:1:15: suppressions must be a list"));
}

TEST_CASE("config: syntax errors keep their position, and every problem is reported") {
  CHECK(contains(parse_error("select: [PL101\nignore: x\n"), "cfg:"));
  CHECK(contains(parse_error("select: [PL101\n"), "invalid YAML"));
  CHECK(contains(parse_error("select: PL101\n  ignore: b: c\n"), "cfg:2:9: invalid YAML: illegal map value"));
  CHECK(contains(parse_error("{\"select\": [\"PL101\",]}", config::Syntax::json), "cfg:1:21: invalid JSON"));
  CHECK(contains(parse_error("{\"selct\": []}", config::Syntax::json), "cfg:1:2: unknown key \"selct\""));
  const std::string several = parse_error("selct: x\nfail-on: maybe\n");
  CHECK(contains(several, "cfg:1:1:"));
  CHECK(contains(several, "cfg:2:10:"));
}

TEST_CASE("config: hostile YAML is refused, not expanded") {
  // Aliases multiply nodes ("billion laughs"): the node limit stops the expansion.
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char name = 'b'; name <= 'h'; ++name) {
    bomb += std::string(1, name) + ": &" + name + " [";
    for (int i = 0; i < 10; ++i) {
      bomb += std::string(i == 0 ? "*" : ", *") + prev;
    }
    bomb += "]\n";
    prev = name;
  }
  CHECK(contains(parse_error(bomb), "too many values"));
  CHECK(contains(parse_error(std::string(200, '[') + std::string(200, ']')), "cfg:"));
  CHECK(contains(parse_error(std::string(2U << 20U, ' ')), "over 1 MiB"));
}

TEST_CASE("config schema: input-kinds also takes policy types") {
  const auto c = parse_ok("input-kinds:\n  \"org/scps/*.json\": scp\n  \"org/rcps/*.json\": rcp\n  \"trust/*.json\": trust\n");
  REQUIRE(c.input_kinds.size() == 3);
  CHECK(c.input_kinds[0].kind == policy::PolicyKind::identity);
  CHECK(c.input_kinds[0].type == policy::PolicyType::scp);
  CHECK(c.input_kinds[1].kind == policy::PolicyKind::resource);
  CHECK(c.input_kinds[1].type == policy::PolicyType::rcp);
  // A kind name stays a kind: no type, no type checks, as before.
  CHECK(c.input_kinds[2].kind == policy::PolicyKind::trust);
  CHECK_FALSE(c.input_kinds[2].type.has_value());
  CHECK(contains(parse_error("input-kinds:\n  \"*.json\": organisation\n"),
                 "unknown input kind \"organisation\" (identity, resource, trust, scp, rcp, boundary, session)"));
}
