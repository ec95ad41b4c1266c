#include <policylint/query/request_search.hpp>

#include <policylint/eval/action_match.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/query/domain.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace policylint::query {

std::string to_lower(std::string_view text) { return eval::ascii_lowered(text); }

std::vector<std::optional<std::vector<std::string>>> candidate_values(std::span<const policy::Policy* const> policies,
                                                                     const std::string& lower_key) {
  std::vector<KeyCondition> conditions;
  bool linked = false;
  for (const policy::Policy* p : policies) {
    const bool variables = p->variables_enabled();
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        const bool mine = to_lower(c.key.value) == lower_key;
        if (mine) {
          conditions.push_back(KeyCondition{&c, variables});
        }
        for (const auto& v : c.values) {
          if (!variables || v.text.find("${") == std::string::npos) {
            continue;
          }
          const auto keys = variable_keys(v.text);
          if (mine || std::find(keys.begin(), keys.end(), lower_key) != keys.end()) {
            linked = true;
          }
        }
      }
      for (const auto& r : st.resource.values) {
        const auto keys = variable_keys(r.value);
        if (variables && std::find(keys.begin(), keys.end(), lower_key) != keys.end()) {
          linked = true;
        }
      }
    }
  }
  return build_domain(lower_key, conditions, linked).options;
}

std::optional<Found> find_request(std::span<const policy::Policy* const> policies, const SearchSpace& space,
                                  const Wanted& wanted, std::size_t budget) {
  // The free keys: every condition key the policies mention that the caller did not fix, in
  // the statements that can apply to the request's action. The others never take part in its
  // evaluation whatever the context, and varying their keys multiplied the combinations (a
  // user of twenty policies exhausted the budget on keys of statements about other actions).
  // Only the action prunes: it is fixed for the whole search, while a Resource may hold
  // variables that the context decides.
  std::vector<std::string> keys;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      if (!eval::action_element_covers(st.action, space.base.action)) {
        continue;
      }
      for (const auto& c : st.conditions) {
        std::string k = to_lower(c.key.value);
        if (!space.fixed_keys.contains(k) && std::find(keys.begin(), keys.end(), k) == keys.end()) {
          keys.push_back(std::move(k));
        }
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::vector<std::optional<std::vector<std::string>>>> choices;
  choices.reserve(keys.size());
  for (const auto& k : keys) {
    choices.push_back(candidate_values(policies, k));
  }
  // Odometer over the candidates; index 0 (absent) first, so the simplest request wins.
  std::vector<std::size_t> at(keys.size(), 0);
  for (std::size_t tried = 0; tried < budget; ++tried) {
    eval::Request request = space.base;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto& c = choices[i][at[i]];
      if (c) {
        request.set_context(keys[i], *c);
      } else {
        request.remove_context(keys[i]);
      }
    }
    eval::Evaluation evaluation = eval::evaluate(policies, request);
    if (wanted(evaluation)) {
      return Found{std::move(request), std::move(evaluation)};
    }
    std::size_t i = 0;
    while (i < at.size() && ++at[i] == choices[i].size()) {
      at[i] = 0;
      ++i;
    }
    if (i == at.size()) {
      break; // every combination tried
    }
  }
  return std::nullopt;
}

} // namespace policylint::query
