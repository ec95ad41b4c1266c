#include <policylint/engine/registry.hpp>

#include <algorithm>
#include <functional>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace policylint::engine {

namespace {

std::vector<std::string> lines(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// rule.json was checked when the build generated the table; a broken one here is a bug.
[[noreturn]] void broken_rule_table(std::string_view why) {
  std::fprintf(stderr, "policylint: internal error: embedded rule table: %.*s\n", static_cast<int>(why.size()), why.data());
  std::abort();
}

std::vector<RuleInfo> load_rules() {
  // In code order, built in place: a RuleInfo is a dozen strings, costly to move in a sort.
  std::vector<const RawRule*> order;
  for (const RawRule& raw : raw_rules()) {
    order.push_back(&raw);
  }
  std::sort(order.begin(), order.end(), [](const RawRule* a, const RawRule* b) { return std::string_view(a->code) < b->code; });
  std::vector<RuleInfo> rules;
  rules.reserve(order.size());
  for (const RawRule* r : order) {
    const RawRule& raw = *r;
    RuleInfo info;
    info.code = raw.code;
    info.name = raw.name;
    info.category = raw.category;
    const auto severity = parse_severity(raw.severity);
    if (!severity) {
      broken_rule_table(info.code + ": severity");
    }
    info.severity = *severity;
    info.summary = raw.summary;
    info.precision = raw.precision;
    if (info.precision.empty()) {
      info.precision = "high";
    }
    info.security = raw.security;
    info.tags = lines(raw.tags);
    info.references = lines(raw.references);
    info.readme = raw.readme;
    info.check = raw.check;
    info.account_check = raw.account_check;
    rules.push_back(std::move(info));
  }
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
