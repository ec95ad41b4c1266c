#include <policylint/engine/registry.hpp>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <algorithm>
#include <functional>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace policylint::engine {

namespace {

std::string string_field(const json::Value& obj, std::string_view key) {
  const json::Value* v = obj.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

std::vector<std::string> string_list(const json::Value& obj, std::string_view key) {
  std::vector<std::string> out;
  if (const json::Value* v = obj.find(key); v != nullptr && v->is_array()) {
    for (const auto& item : v->items) {
      if (item.is_string()) {
        out.push_back(item.text);
      }
    }
  }
  return out;
}

// rule.json was checked when the build generated the table; a broken one here is a bug.
[[noreturn]] void broken_rule_table(std::string_view why) {
  std::fprintf(stderr, "policylint: internal error: embedded rule table: %.*s\n", static_cast<int>(why.size()), why.data());
  std::abort();
}

std::vector<RuleInfo> load_rules() {
  std::vector<RuleInfo> rules;
  for (const RawRule& raw : raw_rules()) {
    const SourceFile file("rule.json", raw.rule_json);
    auto parsed = json::parse(file);
    if (!parsed || !parsed->is_object()) {
      broken_rule_table(raw.rule_json);
    }
    RuleInfo info;
    info.code = string_field(*parsed, "code");
    info.name = string_field(*parsed, "name");
    info.category = string_field(*parsed, "category");
    const auto severity = parse_severity(string_field(*parsed, "severity"));
    if (!severity) {
      broken_rule_table(info.code + ": severity");
    }
    info.severity = *severity;
    info.summary = string_field(*parsed, "summary");
    info.precision = string_field(*parsed, "precision");
    if (info.precision.empty()) {
      info.precision = "high";
    }
    const json::Value* security = parsed->find("security");
    info.security = security != nullptr && security->text == "true";
    info.tags = string_list(*parsed, "tags");
    info.references = string_list(*parsed, "references");
    info.readme = raw.readme;
    info.check = raw.check;
    info.account_check = raw.account_check;
    rules.push_back(std::move(info));
  }
  std::sort(rules.begin(), rules.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.code < b.code; });
  return rules;
}

const std::vector<RuleInfo>& rules() {
  static const std::vector<RuleInfo> k_rules = load_rules();
  return k_rules;
}

} // namespace

std::span<const RuleInfo> all_rules() { return rules(); }

const RuleInfo& rule_or_die(std::string_view name) {
  const RuleInfo* rule = find_rule(name);
  if (rule == nullptr) {
    std::fprintf(stderr, "policylint: internal error: no rule named %.*s\n", static_cast<int>(name.size()), name.data());
    std::abort();
  }
  return *rule;
}

const RuleInfo* find_rule(std::string_view code_or_name) {
  for (const RuleInfo& r : rules()) {
    if (r.name == code_or_name || r.code == code_or_name) {
      return &r;
    }
  }
  return nullptr;
}

std::size_t rule_index(const RuleInfo& rule) {
  // A config severity override reports through a copy of the rule (config/apply.cpp): find
  // the built-in rule by code then.
  const auto& all = rules();
  const std::less<const RuleInfo*> before;
  const bool built_in = !before(&rule, all.data()) && before(&rule, all.data() + all.size());
  const RuleInfo* r = built_in ? &rule : find_rule(rule.code);
  return r == nullptr ? 0 : static_cast<std::size_t>(r - all.data());
}

std::vector<const RuleInfo*> rules_with(std::span<const RuleInfo* const> extra) {
  std::vector<const RuleInfo*> out;
  for (const RuleInfo& r : rules()) {
    out.push_back(&r);
  }
  out.insert(out.end(), extra.begin(), extra.end());
  std::stable_sort(out.begin(), out.end(), [](const RuleInfo* a, const RuleInfo* b) { return a->code < b->code; });
  return out;
}

std::string RuleInfo::pascal_name() const {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

std::string_view RuleInfo::doc_section(std::string_view heading) const {
  const std::string_view doc = readme;
  const std::string marker = "\n## " + std::string(heading) + "\n";
  const auto at = doc.find(marker);
  if (at == std::string_view::npos) {
    return {};
  }
  const auto begin = at + marker.size();
  const auto next = doc.find("\n## ", begin);
  return doc.substr(begin, next == std::string_view::npos ? std::string_view::npos : next - begin);
}

std::string_view RuleInfo::doc_example(std::string_view heading) const {
  const std::string_view section = doc_section(heading);
  const auto open = section.find("```json\n");
  if (open == std::string_view::npos) {
    return {};
  }
  const auto begin = open + 8;
  const auto close = section.find("```", begin);
  return close == std::string_view::npos ? std::string_view{} : section.substr(begin, close - begin);
}

} // namespace policylint::engine
