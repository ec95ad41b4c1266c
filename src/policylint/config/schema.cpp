// The configuration schema: node tree → Config, with every problem located.
#include <policylint/config/config.hpp>
#include <policylint/config/node.hpp>

#include <policylint/engine/json_pointer.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/engine/selection.hpp>
#include <policylint/engine/severity.hpp>
#include <policylint/policy/builder.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

namespace policylint::config {

namespace {

constexpr std::array k_top_keys{"select",  "ignore",       "severity",    "per-path-ignores", "exclude",
                                "fail-on", "organisation", "input-kinds", "suppressions"};
constexpr std::array k_organisation_keys{"ip-allowlist", "trusted-accounts"};
constexpr std::array k_suppression_keys{"rule", "path", "sid", "pointer", "reason"};

template <std::size_t N> std::string key_list(const std::array<const char*, N>& keys) {
  return fmt::format("{}", fmt::join(keys, ", "));
}

class Checker {
public:
  Checker(const std::string& path, std::span<const engine::RuleInfo* const> custom_rules)
      : m_path(path), m_custom_rules(custom_rules) {}

  // The custom checks loaded with --rules: their codes are valid selectors too.
  [[nodiscard]] std::span<const engine::RuleInfo* const> custom_rules() const { return m_custom_rules; }

  void error(const Node& at, std::string message) { m_errors.push_back(located(m_path, at.position, message)); }
  [[nodiscard]] bool ok() const { return m_errors.empty(); }
  [[nodiscard]] std::string message() const { return fmt::format("{}", fmt::join(m_errors, "\n")); }

  // A single value (a JSON number or boolean counts as its text).
  const std::string* scalar(const Node& n, std::string_view what) {
    if (n.kind != Node::Kind::scalar) {
      error(n, fmt::format("{} must be a single value, not {}", what, kind_name(n.kind)));
      return nullptr;
    }
    return &n.text;
  }

  // A list of values; a single value or nothing also reads as a list.
  std::vector<const Node*> list(const Node& n, std::string_view what) {
    std::vector<const Node*> out;
    if (n.kind == Node::Kind::scalar) {
      out.push_back(&n);
    } else if (n.kind == Node::Kind::sequence) {
      for (const Node& item : n.items) {
        if (item.kind != Node::Kind::scalar) {
          error(item, fmt::format("each entry of {} must be a single value, not {}", what, kind_name(item.kind)));
          continue;
        }
        out.push_back(&item);
      }
    } else if (n.kind == Node::Kind::map) {
      error(n, fmt::format("{} must be a list, not a mapping", what));
    }
    return out;
  }

  // Members of a mapping, with duplicate keys reported; nothing reads as an empty mapping.
  std::vector<const NodeMember*> map(const Node& n, std::string_view what) {
    std::vector<const NodeMember*> out;
    if (n.kind == Node::Kind::null) {
      return out;
    }
    if (n.kind != Node::Kind::map) {
      error(n, fmt::format("{} must be a mapping, not {}", what, kind_name(n.kind)));
      return out;
    }
    std::set<std::string> seen;
    for (const auto& member : n.members) {
      if (member.first.kind != Node::Kind::scalar) {
        error(member.first, fmt::format("keys of {} must be single values", what));
        continue;
      }
      if (!seen.insert(member.first.text).second) {
        error(member.first, fmt::format("duplicate key \"{}\" in {}", member.first.text, what));
        continue;
      }
      out.push_back(&member);
    }
    return out;
  }

  std::vector<std::string> selectors(const Node& n, std::string_view what) {
    std::vector<std::string> out;
    for (const Node* item : list(n, what)) {
      if (!engine::unknown_selectors({item->text}, m_custom_rules).empty()) {
        error(*item, fmt::format("unknown rule selector \"{}\" in {} (a code such as PL101, a code prefix, a rule "
                                 "name or a category; see \"policylint rules\")",
                                 item->text, what));
        continue;
      }
      out.push_back(item->text);
    }
    return out;
  }

  std::optional<std::string> glob(const Node& n, std::string_view what) {
    const std::string* text = scalar(n, what);
    if (text == nullptr) {
      return std::nullopt;
    }
    if (text->empty()) {
      error(n, fmt::format("{} must not be empty", what));
      return std::nullopt;
    }
    if (text->starts_with('/')) {
      error(n, fmt::format("{} \"{}\" must be relative to the configuration file's directory", what, *text));
      return std::nullopt;
    }
    return *text;
  }

private:
  const std::string& m_path;
  std::span<const engine::RuleInfo* const> m_custom_rules;
  std::vector<std::string> m_errors;
};

bool is_account_id(const std::string& text) {
  return text.size() == 12 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void read_organisation(Checker& check, const Node& n, engine::Organisation& out) {
  for (const auto* member : check.map(n, "organisation")) {
    const std::string& key = member->first.text;
    if (key == "ip-allowlist") {
      for (const Node* item : check.list(member->second, "organisation.ip-allowlist")) {
        const auto cidr = eval::try_parse_cidr(item->text);
        if (!cidr) {
          check.error(*item,
                      fmt::format("\"{}\" is not an IP address or CIDR range (e.g. 203.0.113.0/24)", item->text));
        } else if (cidr->host_bits_set) {
          check.error(*item,
                      fmt::format("\"{}\" has host bits set; did you mean {}?", item->text, eval::format_cidr(*cidr)));
        } else {
          out.ip_allowlist.push_back(*cidr);
          out.ip_allowlist_text.push_back(item->text);
        }
      }
    } else if (key == "trusted-accounts") {
      for (const Node* item : check.list(member->second, "organisation.trusted-accounts")) {
        if (!is_account_id(item->text)) {
          check.error(*item, fmt::format("\"{}\" is not an AWS account id (12 digits; quote it in YAML)", item->text));
        } else {
          out.trusted_accounts.push_back(item->text);
        }
      }
    } else {
      check.error(member->first,
                  fmt::format("unknown key \"{}\" in organisation (known: {})", key, key_list(k_organisation_keys)));
    }
  }
}

void read_suppression(Checker& check, const Node& n, Config& out) {
  Suppression s;
  s.position = n.position;
  bool has_rule = false;
  bool has_path = false;
  bool has_reason = false;
  for (const auto* member : check.map(n, "a suppression")) {
    const std::string& key = member->first.text;
    const Node& value = member->second;
    if (key == "rule") {
      has_rule = true;
      const auto rules = check.selectors(value, "suppressions.rule");
      if (rules.size() > 1) {
        check.error(value, "a suppression names one rule");
      } else if (rules.size() == 1) {
        s.rule = rules.front();
      }
    } else if (key == "path") {
      has_path = true;
      s.path = check.glob(value, "suppressions.path").value_or("");
    } else if (key == "sid") {
      if (const std::string* sid = check.scalar(value, "suppressions.sid")) {
        s.sid = *sid;
      }
    } else if (key == "pointer") {
      if (const std::string* pointer = check.scalar(value, "suppressions.pointer")) {
        if (auto parsed = engine::parse_pointer(*pointer); !parsed || pointer->empty()) {
          check.error(value, fmt::format("\"{}\" is not a JSON pointer: {}", *pointer,
                                         parsed ? "use a path such as /Statement/0/Action" : parsed.error().message));
        } else {
          s.pointer = *pointer;
        }
      }
    } else if (key == "reason") {
      has_reason = true;
      const std::string* reason = check.scalar(value, "suppressions.reason");
      if (reason != nullptr && reason->find_first_not_of(" \t") == std::string::npos) {
        check.error(value, "suppressions.reason must say why the finding is accepted");
      } else if (reason != nullptr) {
        s.reason = *reason;
      }
    } else {
      check.error(member->first,
                  fmt::format("unknown key \"{}\" in a suppression (known: {})", key, key_list(k_suppression_keys)));
    }
  }
  if (n.kind != Node::Kind::map) {
    return; // already reported
  }
  if (!has_rule) {
    check.error(n, "a suppression needs \"rule\"");
  }
  if (!has_path) {
    check.error(n, "a suppression needs \"path\" (a glob such as policies/admin.json)");
  }
  if (!has_reason) {
    check.error(n, "a suppression needs \"reason\"");
  }
  if (!s.sid.empty() && !s.pointer.empty()) {
    check.error(n, "a suppression takes \"sid\" or \"pointer\", not both");
  }
  out.suppressions.push_back(std::move(s));
}

void read_top_level(Checker& check, const Node& root, Config& out) {
  std::vector<std::pair<std::string, engine::Severity>> severities;
  for (const auto* member : check.map(root, "the configuration")) {
    const std::string& key = member->first.text;
    const Node& value = member->second;
    if (key == "select") {
      out.select = check.selectors(value, "select");
    } else if (key == "ignore") {
      out.ignore = check.selectors(value, "ignore");
    } else if (key == "severity") {
      for (const auto* entry : check.map(value, "severity")) {
        const auto selectors = check.selectors(entry->first, "severity");
        const std::string* level = check.scalar(entry->second, "a severity");
        if (level == nullptr) {
          continue;
        }
        const auto parsed = engine::parse_severity(*level);
        if (!parsed) {
          check.error(entry->second,
                      fmt::format("unknown severity \"{}\" (info, low, medium, high or critical)", *level));
          continue;
        }
        for (const auto& s : selectors) {
          severities.emplace_back(s, *parsed);
        }
      }
    } else if (key == "per-path-ignores") {
      for (const auto* entry : check.map(value, "per-path-ignores")) {
        auto glob = check.glob(entry->first, "a per-path-ignores glob");
        auto selectors = check.selectors(entry->second, "per-path-ignores");
        if (glob) {
          out.per_path_ignores.push_back({std::move(*glob), std::move(selectors)});
        }
      }
    } else if (key == "exclude") {
      for (const Node* item : check.list(value, "exclude")) {
        if (auto glob = check.glob(*item, "an exclude glob")) {
          out.exclude.push_back(std::move(*glob));
        }
      }
    } else if (key == "fail-on") {
      if (const std::string* level = check.scalar(value, "fail-on")) {
        if (*level != "none" && !engine::parse_level(*level)) {
          check.error(value, fmt::format("unknown fail-on level \"{}\" (error, warning, note or none)", *level));
        } else {
          out.fail_on = *level;
        }
      }
    } else if (key == "organisation") {
      read_organisation(check, value, out.organisation);
    } else if (key == "input-kinds") {
      for (const auto* entry : check.map(value, "input-kinds")) {
        auto glob = check.glob(entry->first, "an input-kinds glob");
        const std::string* kind = check.scalar(entry->second, "an input kind");
        if (kind == nullptr) {
          continue;
        }
        const auto type = policy::parse_type(*kind);
        if (!type) {
          check.error(entry->second, fmt::format("unknown input kind \"{}\" ({})", *kind,
                                                 fmt::join(policy::type_names(), ", ")));
          continue;
        }
        if (glob) {
          // identity, trust, resource: only the kind, as before; the other names are types.
          const auto kind_only = policy::parse_kind(*kind);
          out.input_kinds.push_back({std::move(*glob), policy::kind_of(*type),
                                     kind_only ? std::nullopt : type});
        }
      }
    } else if (key == "suppressions") {
      if (value.kind == Node::Kind::sequence) {
        for (const Node& item : value.items) {
          read_suppression(check, item, out);
        }
      } else if (value.kind != Node::Kind::null) {
        check.error(value, fmt::format("suppressions must be a list, not {}", kind_name(value.kind)));
      }
    } else {
      check.error(member->first, fmt::format("unknown key \"{}\" (known: {})", key, key_list(k_top_keys)));
    }
  }
  // Later entries win, so "severity: {network: low, PL101: high}" keeps PL101 high.
  std::vector<const engine::RuleInfo*> rules;
  for (const auto& rule : engine::all_rules()) {
    rules.push_back(&rule);
  }
  rules.insert(rules.end(), check.custom_rules().begin(), check.custom_rules().end());
  for (const engine::RuleInfo* rule_ptr : rules) {
    const engine::RuleInfo& rule = *rule_ptr;
    std::optional<engine::Severity> chosen;
    for (const auto& [selector, severity] : severities) {
      if (engine::selector_matches(selector, rule)) {
        chosen = severity;
      }
    }
    if (chosen && *chosen != rule.severity) {
      engine::RuleInfo copy = rule;
      copy.severity = *chosen;
      out.overridden_rules.emplace(rule.code, std::move(copy));
    }
  }
}

} // namespace

Result<Config> parse_config(std::string_view text, Syntax syntax, const std::string& path,
                            std::span<const engine::RuleInfo* const> custom_rules) {
  if (text.size() > k_max_config_bytes) {
    return fail(Error(ErrorCode::limit, located(path, Position{}, "the configuration file is over 1 MiB")));
  }
  POLICYLINT_TRY_ASSIGN(const Node root, syntax == Syntax::json ? read_json(text, path) : read_yaml(text, path));
  Config out;
  out.path = path;
  Checker check(path, custom_rules);
  read_top_level(check, root, out);
  if (!check.ok()) {
    return fail(Error(ErrorCode::invalid_input, check.message()));
  }
  return out;
}

Result<Config> load_config(const std::string& path, const std::string& base_dir,
                           std::span<const engine::RuleInfo* const> custom_rules) {
  // Never open a FIFO or device: reading it could block forever.
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    return fail(Error(ErrorCode::io, fmt::format("{}: cannot read the configuration file: not a regular file", path)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail(
        Error(ErrorCode::io, fmt::format("{}: cannot read the configuration file: {}", path, std::strerror(errno))));
  }
  std::string text;
  char buffer[8192];
  while (text.size() <= k_max_config_bytes && in.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    return fail(Error(ErrorCode::io, fmt::format("{}: cannot read the configuration file", path)));
  }
  const bool json = std::filesystem::path(path).extension() == ".json";
  POLICYLINT_TRY_ASSIGN(Config config, parse_config(text, json ? Syntax::json : Syntax::yaml, path, custom_rules));
  config.base_dir = base_dir;
  return config;
}

} // namespace policylint::config
