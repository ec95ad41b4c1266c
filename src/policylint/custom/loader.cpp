// Reading and validating custom check files (docs/custom-checks.md). Every problem in every
// file is reported with its position; a set with any problem is never used.
#include <policylint/custom/fields.hpp>
#include <policylint/custom/message.hpp>
#include <policylint/custom/rule_set.hpp>
#include <policylint/custom/yaml_tree.hpp>
#include <policylint/engine/registry.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/output/json_text.hpp>
#include <policylint/policy/builder.hpp>
#include <policylint/query/request_search.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace policylint::custom {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t k_max_file_bytes = 1024U * 1024U;
constexpr std::size_t k_max_code_length = 24;

bool upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }

// [A-Z][A-Z0-9]*[0-9]+
bool valid_code(std::string_view code) {
  return code.size() >= 2 && code.size() <= k_max_code_length && code.front() >= 'A' && code.front() <= 'Z' &&
         digit(code.back()) && std::all_of(code.begin(), code.end(), upper_or_digit);
}

// kebab-case: [a-z][a-z0-9]*(-[a-z0-9]+)*
bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 80 || !(name.front() >= 'a' && name.front() <= 'z') || name.back() == '-') {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '-') {
      if (name[i + 1] == '-') {
        return false;
      }
    } else if (!lower_or_digit(name[i])) {
      return false;
    }
  }
  return true;
}

bool valid_account(std::string_view id) { return id.size() == 12 && std::all_of(id.begin(), id.end(), digit); }

// o- followed by 10 to 32 lower-case letters or digits.
bool valid_organization(std::string_view id) {
  return id.starts_with("o-") && id.size() >= 12 && id.size() <= 34 &&
         std::all_of(id.begin() + 2, id.end(), lower_or_digit);
}

bool is_yaml(std::string_view path) { return path.ends_with(".yaml") || path.ends_with(".yml"); }

std::string_view source_text(const SourceFile& file, SourceRange range) {
  return file.text().substr(range.begin, range.end - range.begin);
}

class CheckReader {
public:
  CheckReader(const SourceFile& file, const catalog::Catalog& catalog, Problems& problems)
      : m_file(file), m_catalog(catalog), m_problems(problems) {}

  // nullopt when the check has a problem (already recorded).
  std::optional<Check> read(const json::Value& object) {
    const std::size_t before = m_problems.count();
    ObjectReader r(m_file, object, "a check",
                   {"code", "name", "severity", "summary", "message", "docs", "help", "references", "tags",
                    "applies_to", "forbid"},
                   m_problems);
    Check check;
    check.origin = where(m_file, object.range);
    if (auto code = r.string("code", true)) {
      check.code = code->text;
      if (!valid_code(code->text)) {
        problem(code->range, fmt::format("code \"{}\" must be an upper-case letter, then upper-case letters or digits, "
                                         "ending in a digit (e.g. ACME001), at most {} characters",
                                         code->text, k_max_code_length));
      } else if (code->text.starts_with("PL")) {
        problem(code->range, fmt::format("code \"{}\" is reserved: codes starting with PL belong to built-in rules",
                                         code->text));
      }
      m_code_range = code->range;
    }
    if (auto name = r.string("name", true)) {
      check.name = name->text;
      if (!valid_name(name->text)) {
        problem(name->range, fmt::format("name \"{}\" must be kebab-case (lower-case words joined by '-')", name->text));
      } else if (const engine::RuleInfo* builtin = engine::find_rule(name->text)) {
        problem(name->range, fmt::format("name \"{}\" is already the name of built-in rule {}", name->text, builtin->code));
      } else if (is_category(name->text)) {
        problem(name->range, fmt::format("name \"{}\" is a rule category; choose another", name->text));
      }
      m_name_range = name->range;
    }
    if (auto severity = r.string("severity", true)) {
      if (auto s = engine::parse_severity(severity->text)) {
        check.severity = *s;
      } else {
        problem(severity->range,
                fmt::format("severity \"{}\" must be one of critical, high, medium, low, info", severity->text));
      }
    }
    if (auto summary = r.string("summary", true)) {
      check.summary = summary->text;
      if (summary->text.empty() || summary->text.find('\n') != std::string::npos) {
        problem(summary->range, "summary must be one non-empty line");
      }
    }
    if (auto message = r.string("message", false)) {
      check.message = message->text;
      if (auto why = template_problem(message->text)) {
        problem(message->range, *why);
      }
    }
    if (auto docs = r.string("docs", false)) {
      check.docs = docs->text;
    }
    if (auto help = r.string("help", false)) {
      check.help = help->text;
    }
    if (auto refs = r.strings("references", false)) {
      for (const Field& f : *refs) {
        if (!f.text.starts_with("https://") && !f.text.starts_with("http://")) {
          problem(f.range, fmt::format("reference \"{}\" must be an http(s) URL", f.text));
        }
        check.references.push_back(f.text);
      }
    }
    if (auto tags = r.strings("tags", false)) {
      for (const Field& f : *tags) {
        if (f.text.empty()) {
          problem(f.range, "tags must not be empty");
        }
        check.tags.push_back(f.text);
      }
    }
    if (const json::Value* applies = r.find("applies_to")) {
      read_applies_to(*applies, check.query);
    }
    if (const json::Value* forbid = r.find("forbid")) {
      read_forbid(*forbid, check.query);
      check.query_text = query_text(*forbid);
      if (const json::Value* applies = r.find("applies_to")) {
        check.query_text = fmt::format("\"applies_to\": {},\n\"forbid\": {}", query_text(*applies), check.query_text);
      }
    } else {
      r.missing("forbid");
    }
    if (m_problems.count() != before) {
      return std::nullopt;
    }
    return check;
  }

  [[nodiscard]] SourceRange code_range() const { return m_code_range; }
  [[nodiscard]] SourceRange name_range() const { return m_name_range; }

private:
  void problem(SourceRange range, std::string_view message) { m_problems.add(m_file, range, message); }

  // A value as written (JSON), or re-written as JSON (YAML: only node starts are known).
  std::string query_text(const json::Value& v) const {
    if (!is_yaml(m_file.path())) {
      return std::string(source_text(m_file, v.range));
    }
    return as_json(v, 0);
  }

  static std::string as_json(const json::Value& v, int indent) {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string close(static_cast<std::size_t>(indent), ' ');
    switch (v.kind) {
    case json::Kind::null: return "null";
    case json::Kind::boolean:
    case json::Kind::number: return v.text;
    case json::Kind::string: return output::json_string(v.text);
    case json::Kind::array: {
      std::vector<std::string> items;
      for (const auto& item : v.items) {
        items.push_back(as_json(item, indent + 2));
      }
      return fmt::format("[{}]", fmt::join(items, ", "));
    }
    case json::Kind::object: {
      std::vector<std::string> members;
      for (const auto& m : v.members) {
        members.push_back(fmt::format("{}{}: {}", pad, output::json_string(m.key), as_json(m.value, indent + 2)));
      }
      return members.empty() ? "{}" : fmt::format("{{\n{}\n{}}}", fmt::join(members, ",\n"), close);
    }
    }
    return "null";
  }

  static bool is_category(std::string_view name) {
    const auto rules = engine::all_rules();
    return name == "custom" || std::any_of(rules.begin(), rules.end(), [&](const engine::RuleInfo& r) { return r.category == name; });
  }

  void read_applies_to(const json::Value& v, Query& q) {
    if (!v.is_object()) {
      problem(v.range, fmt::format("\"applies_to\" must be an object, not {}", json::kind_name(v.kind)));
      return;
    }
    ObjectReader r(m_file, v, "\"applies_to\"", {"kind", "paths"}, m_problems);
    if (auto kinds = r.strings("kind", false)) {
      for (const Field& f : *kinds) {
        if (f.text == "any") {
          q.kinds.clear();
          return;
        }
        if (auto k = policy::parse_kind(f.text)) {
          q.kinds.push_back(*k);
        } else {
          problem(f.range, fmt::format("kind \"{}\" must be identity, trust, resource or any", f.text));
        }
      }
    }
    if (auto paths = r.strings("paths", false)) {
      for (const Field& f : *paths) {
        if (f.text.empty()) {
          problem(f.range, "a path pattern must not be empty");
        }
        q.paths.push_back(f.text);
      }
    }
  }

  void read_action(const Field& f, Query& q) {
    q.actions.push_back(f.text);
    if (f.text == "*") {
      return;
    }
    const auto colon = f.text.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == f.text.size()) {
      problem(f.range, fmt::format("action pattern \"{}\" must be \"*\" or \"service:Action\" (wildcards allowed)", f.text));
      return;
    }
    const std::string service = f.text.substr(0, colon);
    if (service.find_first_of("*?") != std::string::npos) {
      return; // a pattern over services: whatever it matches
    }
    if (!m_catalog.find_service(service)) {
      const auto near = m_catalog.suggest(service, 3);
      problem(f.range, fmt::format("action pattern \"{}\": unknown service prefix \"{}\"{}", f.text, service,
                                   near.empty() ? std::string() : fmt::format(" (did you mean {}?)", fmt::join(near, ", "))));
      return;
    }
    if (m_catalog.expand(f.text).empty()) {
      const auto near = m_catalog.suggest(f.text, 3);
      problem(f.range, fmt::format("action pattern \"{}\" matches no {} action{}", f.text, service,
                                   near.empty() ? std::string() : fmt::format(" (did you mean {}?)", fmt::join(near, ", "))));
    }
  }

  void read_principal(const json::Value& v, Query& q) {
    if (v.is_string()) {
      if (v.text == "any") {
        q.principal.type = PrincipalClass::Type::any;
      } else if (v.text == "anonymous") {
        q.principal.type = PrincipalClass::Type::anonymous;
      } else {
        problem(v.range, fmt::format("principal \"{}\" must be \"any\", \"anonymous\" or an object with "
                                     "\"outside_accounts\" / \"outside_organizations\"", v.text));
      }
      return;
    }
    if (!v.is_object()) {
      problem(v.range, fmt::format("\"principal\" must be a string or an object, not {}", json::kind_name(v.kind)));
      return;
    }
    ObjectReader r(m_file, v, "\"principal\"", {"outside_accounts", "outside_organizations"}, m_problems);
    q.principal.type = PrincipalClass::Type::outside;
    if (auto accounts = r.strings("outside_accounts", false)) {
      for (const Field& f : *accounts) {
        if (!valid_account(f.text)) {
          problem(f.range, fmt::format("account \"{}\" must be 12 digits", f.text));
        }
        q.principal.trusted_accounts.push_back(f.text);
      }
    }
    if (auto orgs = r.strings("outside_organizations", false)) {
      for (const Field& f : *orgs) {
        if (!valid_organization(f.text)) {
          problem(f.range, fmt::format("organization \"{}\" must be o- followed by 10 to 32 lower-case letters or digits",
                                       f.text));
        }
        q.principal.trusted_organizations.push_back(f.text);
      }
    }
    if (v.members.empty()) {
      problem(v.range, "\"principal\" object needs \"outside_accounts\" or \"outside_organizations\"");
    }
  }

  std::optional<std::string> scalar_text(const json::Value& v) {
    switch (v.kind) {
    case json::Kind::string:
    case json::Kind::number:
    case json::Kind::boolean: return v.text;
    default: return std::nullopt;
    }
  }

  void read_context(const json::Value& v, Query& q) {
    if (!v.is_object()) {
      problem(v.range, fmt::format("\"context\" must be an object, not {}", json::kind_name(v.kind)));
      return;
    }
    std::vector<std::string> seen;
    for (const json::Member& m : v.members) {
      FixedKey k{m.key, query::to_lower(m.key), std::nullopt};
      const auto colon = m.key.find(':');
      if (colon == std::string::npos || colon == 0 || colon + 1 == m.key.size()) {
        problem(m.key_range, fmt::format("context key \"{}\" must be \"prefix:name\" (e.g. aws:SecureTransport)", m.key));
        continue;
      }
      if (std::find(seen.begin(), seen.end(), k.lower) != seen.end()) {
        problem(m.key_range, fmt::format("context key \"{}\" is given twice (keys ignore case)", m.key));
        continue;
      }
      seen.push_back(k.lower);
      const json::Value& value = m.value;
      if (value.kind == json::Kind::null) {
        q.context.push_back(std::move(k));
        continue;
      }
      if (auto text = scalar_text(value)) {
        k.values = std::vector<std::string>{*text};
        q.context.push_back(std::move(k));
        continue;
      }
      if (value.is_array() && !value.items.empty()) {
        std::vector<std::string> values;
        for (const json::Value& item : value.items) {
          if (auto text = scalar_text(item)) {
            values.push_back(*text);
          } else {
            problem(item.range, fmt::format("context value must be a string, number or boolean, not {}",
                                            json::kind_name(item.kind)));
          }
        }
        k.values = std::move(values);
        q.context.push_back(std::move(k));
        continue;
      }
      problem(value.range, fmt::format("context \"{}\" must be a string, number, boolean, a non-empty array of them, "
                                       "or null (absent), not {}", m.key, value.is_array() ? "an empty array" : json::kind_name(value.kind)));
    }
  }

  void read_when(const json::Value& v, Query& q) {
    if (!v.is_object()) {
      problem(v.range, fmt::format("\"when\" must be an object, not {}", json::kind_name(v.kind)));
      return;
    }
    ObjectReader r(m_file, v, "\"when\"", {"source_ip_outside", "mfa"}, m_problems);
    if (v.members.empty()) {
      problem(v.range, "\"when\" is empty: leave it out to ask about every request");
    }
    if (auto ranges = r.strings("source_ip_outside", false)) {
      Constraint c;
      c.type = Constraint::Type::source_ip_outside;
      for (const Field& f : *ranges) {
        auto cidr = eval::parse_cidr(f.text);
        if (!cidr) {
          problem(f.range, fmt::format("source_ip_outside: \"{}\" is not an IP address or CIDR range: {}", f.text,
                                       cidr.error().message));
          continue;
        }
        if (cidr->host_bits_set) {
          problem(f.range, fmt::format("source_ip_outside: \"{}\" has host bits set; write {}", f.text,
                                       eval::format_cidr(*cidr)));
          continue;
        }
        c.ranges.push_back(*cidr);
        c.range_texts.push_back(f.text);
      }
      if (ranges->empty()) {
        problem(r.find("source_ip_outside")->range, "source_ip_outside needs at least one range");
      }
      q.when.push_back(std::move(c));
    }
    if (auto mfa = r.string("mfa", false)) {
      Constraint c;
      c.type = Constraint::Type::mfa;
      if (mfa->text == "absent") {
        c.mfa = Constraint::Mfa::absent;
      } else if (mfa->text == "false") {
        c.mfa = Constraint::Mfa::present_false;
      } else if (mfa->text == "absent-or-false") {
        c.mfa = Constraint::Mfa::absent_or_false;
      } else {
        problem(mfa->range, fmt::format("mfa \"{}\" must be \"absent\", \"false\" or \"absent-or-false\"", mfa->text));
      }
      q.when.push_back(std::move(c));
    }
  }

  void read_forbid(const json::Value& v, Query& q) {
    if (!v.is_object()) {
      problem(v.range, fmt::format("\"forbid\" must be an object, not {}", json::kind_name(v.kind)));
      return;
    }
    ObjectReader r(m_file, v, "\"forbid\"", {"actions", "resources", "principal", "context", "when", "when_mode"},
                   m_problems);
    if (auto actions = r.strings("actions", true)) {
      if (actions->empty()) {
        problem(r.find("actions")->range, "\"actions\" needs at least one pattern");
      }
      for (const Field& f : *actions) {
        read_action(f, q);
      }
    }
    if (auto resources = r.strings("resources", false)) {
      for (const Field& f : *resources) {
        if (f.text != "*" && !f.text.starts_with("arn:")) {
          problem(f.range, fmt::format("resource pattern \"{}\" must be \"*\" or an ARN pattern (arn:…)", f.text));
        }
        q.resources.push_back(f.text);
      }
    }
    if (const json::Value* p = r.find("principal")) {
      read_principal(*p, q);
    }
    if (const json::Value* c = r.find("context")) {
      read_context(*c, q);
    }
    if (const json::Value* w = r.find("when")) {
      read_when(*w, q);
    }
    if (auto mode = r.string("when_mode", false)) {
      if (mode->text == "all") {
        q.when_all = true;
      } else if (mode->text != "any") {
        problem(mode->range, fmt::format("when_mode \"{}\" must be \"any\" or \"all\"", mode->text));
      }
    }
    // A key both fixed by "context" and chosen by "when" would make the question ambiguous.
    if (const json::Value* c = r.find("context"); c != nullptr && c->is_object()) {
      for (const json::Member& m : c->members) {
        const std::string lower = query::to_lower(m.key);
        for (const Constraint& w : q.when) {
          const bool ip = w.type == Constraint::Type::source_ip_outside && lower == "aws:sourceip";
          const bool mfa = w.type == Constraint::Type::mfa &&
                           (lower == "aws:multifactorauthpresent" || lower == "aws:multifactorauthage");
          if (ip || mfa) {
            problem(m.key_range, fmt::format("context key \"{}\" is also set by \"when\" ({}); keep one", m.key,
                                             ip ? "source_ip_outside" : "mfa"));
          }
        }
      }
    }
    if (q.principal.type != PrincipalClass::Type::any && q.kinds.size() == 1 && q.kinds.front() == policy::PolicyKind::identity) {
      if (const json::Value* p = r.find("principal")) {
        problem(p->range, "a principal class never applies to identity policies (they name no principal); "
                          "use kind resource or trust");
      }
    }
  }

  const SourceFile& m_file;
  const catalog::Catalog& m_catalog;
  Problems& m_problems;
  SourceRange m_code_range;
  SourceRange m_name_range;
};

void read_file(const SourceFile& file, const catalog::Catalog& catalog, Problems& problems, CustomRuleSet& set,
               std::map<std::string, std::string>& codes, std::map<std::string, std::string>& names) {
  auto tree = is_yaml(file.path()) ? parse_yaml(file) : json::parse(file);
  if (!tree) {
    problems.add(file, tree.error().range.value_or(SourceRange{0, 0}), tree.error().message);
    return;
  }
  if (!tree->is_object()) {
    problems.add(file, tree->range, fmt::format("a check file must be a JSON object with \"checks\", not {}",
                                                json::kind_name(tree->kind)));
    return;
  }
  if (tree->find("Statement") != nullptr && tree->find("checks") == nullptr) {
    problems.add(file, tree->range, "this is an IAM policy, not a check file (which holds \"checks\"); "
                                    "keep policies out of --rules directories");
    return;
  }
  ObjectReader top(file, *tree, "the check file", {"$schema", "version", "checks"}, problems);
  if (const json::Value* version = top.find("version")) {
    if (version->kind != json::Kind::number || version->text != "1") {
      problems.add(file, version->range, "\"version\" must be 1");
    }
  }
  const json::Value* checks = top.find("checks");
  if (checks == nullptr) {
    top.missing("checks");
    return;
  }
  if (!checks->is_array() || checks->items.empty()) {
    problems.add(file, checks->range, "\"checks\" must be a non-empty array of check objects");
    return;
  }
  for (const json::Value& item : checks->items) {
    if (!item.is_object()) {
      problems.add(file, item.range, fmt::format("a check must be an object, not {}", json::kind_name(item.kind)));
      continue;
    }
    CheckReader reader(file, catalog, problems);
    auto check = reader.read(item);
    if (!check) {
      continue;
    }
    if (auto [it, inserted] = codes.emplace(check->code, check->origin); !inserted) {
      problems.add(file, reader.code_range(), fmt::format("duplicate code {} (first defined at {})", check->code, it->second));
      continue;
    }
    if (auto [it, inserted] = names.emplace(check->name, check->origin); !inserted) {
      problems.add(file, reader.name_range(), fmt::format("duplicate name {} (first defined at {})", check->name, it->second));
      continue;
    }
    set.add(std::move(*check));
  }
}

} // namespace

LoadResult load_custom_checks(const std::vector<std::string>& directories, const catalog::Catalog& catalog) {
  LoadResult result;
  Problems problems(result.problems);
  std::map<std::string, std::string> codes;
  std::map<std::string, std::string> names;
  for (const std::string& dir : directories) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      problems.add(dir, ec ? fmt::format("cannot read the rules directory: {}", ec.message())
                           : std::string(fs::exists(dir, ec) ? "not a directory (--rules takes a directory of *.json check files)"
                                                             : "no such directory"));
      continue;
    }
    std::vector<fs::path> files;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code type_ec;
      const auto extension = it->path().extension();
      if ((extension == ".json" || extension == ".yaml" || extension == ".yml") && it->is_regular_file(type_ec)) {
        files.push_back(it->path());
      }
    }
    if (ec) {
      problems.add(dir, fmt::format("cannot read the rules directory: {}", ec.message()));
      continue;
    }
    if (files.empty()) {
      problems.add(dir, "no check files (*.json, *.yaml, *.yml) in this directory");
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      const std::string display = path.generic_string();
      auto file = read_source_file(path.string(), display, k_max_file_bytes);
      if (!file) {
        problems.add(display, file.error().message);
        continue;
      }
      read_file(*file, catalog, problems, result.checks, codes, names);
    }
  }
  problems.flush();
  return result;
}

LoadResult load_check_files(const std::vector<SourceFile>& files, const catalog::Catalog& catalog) {
  LoadResult result;
  Problems problems(result.problems);
  std::map<std::string, std::string> codes;
  std::map<std::string, std::string> names;
  for (const SourceFile& file : files) {
    read_file(file, catalog, problems, result.checks, codes, names);
  }
  problems.flush();
  return result;
}

} // namespace policylint::custom

namespace policylint::custom {

bool load_for_command(const std::vector<std::string>& directories, const catalog::Catalog& catalog, CustomRuleSet& out) {
  if (directories.empty()) {
    return true;
  }
  LoadResult loaded = load_custom_checks(directories, catalog);
  for (const auto& p : loaded.problems) {
    fmt::print(stderr, "policylint: error: {}\n", p);
  }
  if (!loaded.problems.empty()) {
    fmt::print(stderr, "policylint: error: {} problem{} in the custom checks (--rules); nothing was linted\n",
               loaded.problems.size(), loaded.problems.size() == 1 ? "" : "s");
    return false;
  }
  out = std::move(loaded.checks);
  return true;
}

} // namespace policylint::custom
