#include <policylint/rules/support/catalog_checks.hpp>

#include <algorithm>
#include <array>
#include <cctype>

namespace policylint::rules::support {

namespace {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::ranges::equal(a, b, [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

bool has_wildcard(std::string_view text) noexcept {
  return text.find_first_of("*?") != std::string_view::npos;
}

std::optional<SplitName> split_name(std::string_view text) noexcept {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return std::nullopt;
  }
  return SplitName{text.substr(0, colon), text.substr(colon + 1)};
}

bool is_retired_service(std::string_view prefix) noexcept {
  // Closed services still named by AWS managed policies (checked against the 2026-09-26
  // catalog: none of these prefixes is in it).
  static constexpr std::array<std::string_view, 3> k_retired{
      "deeplens", // AWS DeepLens, end of life 2024-01-31
      "zocalo",   // Amazon WorkDocs' legacy prefix; WorkDocs closed 2025-04-25
      "workdocs", // Amazon WorkDocs, closed 2025-04-25
  };
  return std::ranges::any_of(k_retired, [&](std::string_view r) { return iequals(r, prefix); });
}

bool is_provider_key(std::string_view key) noexcept {
  const std::size_t colon = key.rfind(':');
  if (colon == std::string_view::npos) {
    return false;
  }
  const std::string_view prefix = key.substr(0, colon);
  // OIDC providers are named by host (and path): they always contain a dot.
  if (prefix.find('.') != std::string_view::npos) {
    return true;
  }
  const std::size_t first = key.find(':');
  return iequals(key.substr(0, first), "saml");
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) {
    return {};
  }
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < suggestions.size(); ++i) {
    if (i > 0) {
      out += i + 1 == suggestions.size() ? " or " : ", ";
    }
    out += suggestions[i];
  }
  out += "?";
  return out;
}

std::optional<std::vector<catalog::Action>> statement_actions(const catalog::Catalog& cat,
                                                             const policy::Statement& st) {
  if (!st.action.present || st.action.negated || st.action.values.empty()) {
    return std::nullopt;
  }
  std::vector<catalog::Action> out;
  for (const auto& v : st.action.values) {
    const auto split = split_name(v.value);
    if (!split || has_wildcard(split->prefix)) {
      return std::nullopt;
    }
    if (has_wildcard(split->name)) {
      auto more = cat.expand_actions(v.value);
      if (more.empty()) {
        return std::nullopt;
      }
      out.insert(out.end(), more.begin(), more.end());
    } else {
      const auto a = cat.find_action(v.value);
      if (!a) {
        return std::nullopt;
      }
      out.push_back(*a);
    }
  }
  return out;
}

} // namespace policylint::rules::support
