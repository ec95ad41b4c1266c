#include <policylint/query/addresses.hpp>

#include <policylint/eval/cidr.hpp>
#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <array>

namespace policylint::query {

std::vector<std::string> ip_values(std::span<const policy::Policy* const> policies, const std::string& lower_key) {
  std::vector<std::string> out;
  for (const policy::Policy* p : policies) {
    for (const auto& st : p->statements) {
      for (const auto& c : st.conditions) {
        if (c.op && policy::family_of(c.op->op) == policy::OpFamily::ip_address && to_lower(c.key.value) == lower_key) {
          for (const auto& v : c.values) {
            out.push_back(v.text);
          }
        }
      }
    }
  }
  return out;
}

std::string arbitrary_address(const std::vector<std::string>& mentioned_ranges) {
  // "0.0.0.0/0" allows everything and is no allow-list: leave it out, so the address
  // found is one a real allow-list would exclude.
  std::vector<eval::Cidr> ranges;
  for (const auto& text : mentioned_ranges) {
    if (auto c = eval::try_parse_cidr(text); c && c->prefix_length > 0) {
      ranges.push_back(*c);
    }
  }
  if (auto v4 = eval::address_outside(ranges, false)) {
    return *v4;
  }
  if (auto v6 = eval::address_outside(ranges, true)) {
    return *v6;
  }
  // Every candidate covered: scan the first address of each /8 for one outside.
  for (unsigned first = 1; first < 224; ++first) {
    const std::string candidate = std::to_string(first) + ".45.67.89";
    const auto address = eval::parse_ip_address(candidate);
    if (address && std::none_of(ranges.begin(), ranges.end(), [&](const eval::Cidr& c) {
          return eval::cidr_contains(c, *address);
        })) {
      return candidate;
    }
  }
  return "198.51.100.23";
}

std::vector<std::string> inside_addresses(const std::vector<std::string>& mentioned_ranges) {
  std::vector<std::string> out;
  for (const auto& text : mentioned_ranges) {
    if (auto c = eval::try_parse_cidr(text)) {
      std::string a = eval::format_ip(c->network);
      if (std::find(out.begin(), out.end(), a) == out.end()) {
        out.push_back(std::move(a));
      }
    }
  }
  return out;
}

bool address_in_any(const std::string& address, const std::vector<std::string>& mentioned_ranges) {
  const auto parsed = eval::parse_ip_address(address);
  if (!parsed) {
    return false;
  }
  return std::any_of(mentioned_ranges.begin(), mentioned_ranges.end(), [&](const std::string& text) {
    const auto c = eval::try_parse_cidr(text);
    return c && eval::cidr_contains(*c, *parsed);
  });
}

} // namespace policylint::query
