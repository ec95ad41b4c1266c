#include <policylint/query/request_search.hpp>

#include <policylint/query/addresses.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace policylint::query {

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

namespace {

using Candidate = std::optional<std::vector<std::string>>;

// A wildcard pattern's simplest instance: every * and ? becomes "x".
std::string instantiate(std::string_view pattern) {
  std::string out;
  for (char c : pattern) {
    out += (c == '*' || c == '?') ? std::string("x") : std::string(1, c);
  }
  return out;
}

void add_numeric_neighbours(const std::string& text, std::vector<std::string>& out) {
  long long n = 0;
  const auto* end = text.data() + text.size();
  if (auto [p, ec] = std::from_chars(text.data(), end, n); ec == std::errc() && p == end) {
    out.push_back(std::to_string(n - 1));
    out.push_back(std::to_string(n + 1));
  }
}

void add(std::vector<std::string>& values, std::string v) {
  if (std::find(values.begin(), values.end(), v) == values.end()) {
    values.push_back(std::move(v));
  }
}

} // namespace

std::vector<Candidate> candidate_values(std::span<const policy::Policy* const> policies, const std::string& lower_key) {
  std::vector<std::string> values;
  bool any_ip = false;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        if (!c.op || to_lower(c.key.value) != lower_key) {
          continue;
        }
        switch (policy::family_of(c.op->op)) {
        case policy::OpFamily::ip_address: any_ip = true; break;
        case policy::OpFamily::boolean:
          add(values, "true");
          add(values, "false");
          break;
        case policy::OpFamily::numeric:
          for (const auto& v : c.values) {
            add(values, v.text);
            std::vector<std::string> around;
            add_numeric_neighbours(v.text, around);
            for (auto& a : around) {
              add(values, std::move(a));
            }
          }
          break;
        case policy::OpFamily::date:
          for (const auto& v : c.values) {
            add(values, v.text);
          }
          add(values, "1970-01-02T00:00:00Z");
          add(values, "2099-12-31T00:00:00Z");
          break;
        case policy::OpFamily::null: add(values, "x"); break;
        default:
          for (const auto& v : c.values) {
            add(values, instantiate(v.text));
          }
          add(values, "policylint-other");
        }
      }
    }
  }
  if (any_ip) {
    const auto ranges = ip_values(policies, lower_key);
    for (auto& a : inside_addresses(ranges)) {
      add(values, std::move(a));
    }
    add(values, arbitrary_address(ranges));
  }
  std::vector<Candidate> out;
  out.emplace_back(std::nullopt);
  for (auto& v : values) {
    out.emplace_back(std::vector<std::string>{std::move(v)});
  }
  return out;
}

std::optional<Found> find_request(std::span<const policy::Policy* const> policies, const SearchSpace& space,
                                  const Wanted& wanted, std::size_t budget) {
  // The free keys: every condition key the policies mention that the caller did not fix.
  std::vector<std::string> keys;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        std::string k = to_lower(c.key.value);
        if (!space.fixed_keys.contains(k) && std::find(keys.begin(), keys.end(), k) == keys.end()) {
          keys.push_back(std::move(k));
        }
      }
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::vector<Candidate>> choices;
  choices.reserve(keys.size());
  for (const auto& k : keys) {
    choices.push_back(candidate_values(policies, k));
  }
  // Odometer over the candidates; index 0 (absent) first, so the simplest request wins.
  std::vector<std::size_t> at(keys.size(), 0);
  for (std::size_t tried = 0; tried < budget; ++tried) {
    eval::Request request = space.base;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const Candidate& c = choices[i][at[i]];
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
