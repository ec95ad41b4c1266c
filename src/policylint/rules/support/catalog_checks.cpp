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

std::optional<SplitName> split_name(std::string_view text) noexcept {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return std::nullopt;
  }
  return SplitName{text.substr(0, colon), text.substr(colon + 1)};
}

bool is_retired_service(std::string_view prefix) noexcept {
  // Closed services still named by AWS managed policies (checked against the 2026-09-26
  // catalog: none of these prefixes is in it). Sorted.
  static constexpr std::array<std::string_view, 10> k_retired{
      "deepcomposer",                    // AWS DeepComposer, end of support 2025-09-17
      "deeplens",                        // AWS DeepLens, end of life 2024-01-31
      "deepracer",                       // AWS DeepRacer console, dropped from the reference
      "elastic-inference",               // Amazon Elastic Inference, end of life 2024-04-15
      "iot1click",                       // AWS IoT 1-Click, end of life 2024-12-16
      "iotroborunner",                   // AWS IoT RoboRunner, end of support 2025-04-30
      "mobilehub",                       // AWS Mobile Hub, replaced by Amplify (2019)
      "sagemaker-groundtruth-synthetic", // SageMaker Ground Truth Synthetic, discontinued
      "workdocs",                        // Amazon WorkDocs, closed 2025-04-25
      "zocalo",                          // Amazon WorkDocs' legacy prefix
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

bool is_aws_key(std::string_view key) noexcept {
  return key.size() > 4 && iequals(key.substr(0, 4), "aws:");
}

std::vector<std::string> suggest_condition_key(const catalog::Catalog& cat, std::string_view key) {
  auto out = cat.suggest_condition_key(key, 3);
  if (!out.empty()) {
    return out;
  }
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos) {
    return out;
  }
  for (std::size_t n = key.size() - 1; n > colon + 3; --n) {
    if (const auto found = cat.find_condition_key(key.substr(0, n)); found && !found->is_templated()) {
      out.emplace_back(found->name());
      break;
    }
  }
  return out;
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
