// PL103: does a policy let privileged requests in from addresses the organisation does not own?
#include <policylint/catalog/catalog.hpp>
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/addresses.hpp>
#include <policylint/rules/support/probes.hpp>
#include <policylint/rules/support/trust_probe.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace policylint::rules::network {

namespace {

constexpr std::size_t k_max_addresses = 6;
constexpr std::size_t k_max_actions = 8;
constexpr std::size_t k_per_pattern = 3;

bool in_allowlist(const engine::Organisation& org, const eval::IpAddress& address) {
  return std::any_of(org.ip_allowlist.begin(), org.ip_allowlist.end(),
                     [&](const eval::Cidr& c) { return eval::request_address_in_range(c, address); });
}

// The last address of a range (all host bits set).
eval::IpAddress last_address(const eval::Cidr& range) {
  eval::IpAddress a = range.network;
  const unsigned bits = range.network.ipv6 ? 128U : 32U;
  for (unsigned i = range.prefix_length; i < bits; ++i) {
    const unsigned bit = bits - 1U - i; // counted from the least significant end
    if (bit >= 64U) {
      a.hi |= std::uint64_t{1} << (bit - 64U);
    } else {
      a.lo |= std::uint64_t{1} << bit;
    }
  }
  return a;
}

// Public addresses outside the allow-list that the policy can tell apart: one outside every
// range anyone mentions, then the first and last host of each range the policy names.
std::vector<std::string> outside_addresses(const engine::Organisation& org, const std::vector<std::string>& mentioned) {
  std::vector<std::string> out;
  const auto add = [&](const eval::IpAddress& a) {
    const unsigned bits = a.ipv6 ? 128U : 32U;
    if (in_allowlist(org, a) || eval::is_private(eval::Cidr{a, bits, false})) {
      return;
    }
    std::string text = eval::format_ip(a);
    if (out.size() < k_max_addresses && std::find(out.begin(), out.end(), text) == out.end()) {
      out.push_back(std::move(text));
    }
  };
  std::vector<eval::Cidr> ranges = org.ip_allowlist;
  std::vector<eval::Cidr> named;
  for (const auto& text : mentioned) {
    if (auto c = eval::try_parse_cidr(text); c && c->prefix_length > 0) {
      ranges.push_back(*c);
      named.push_back(*c);
    }
  }
  if (auto anywhere = eval::address_outside(ranges, false)) {
    if (auto a = eval::parse_ip_address(*anywhere)) {
      add(*a);
    }
  }
  for (const auto& c : named) {
    eval::IpAddress first = c.network;
    const unsigned host_bits = (c.network.ipv6 ? 128U : 32U) - c.prefix_length;
    if (host_bits >= 2U) {
      ++first.lo; // the first host rather than the network address itself
    }
    add(first);
    add(last_address(c));
  }
  return out;
}

bool privileged(const catalog::Catalog* cat, const std::string& action) {
  if (cat == nullptr) {
    return false;
  }
  const auto found = cat->find_action(action);
  if (!found) {
    return false;
  }
  const auto level = found->access_level();
  return level == catalog::AccessLevel::write || level == catalog::AccessLevel::permissions_management;
}

void add_unique(std::vector<std::string>& out, std::string value) {
  if (out.size() < k_max_actions && std::find(out.begin(), out.end(), value) == out.end()) {
    out.push_back(std::move(value));
  }
}

// Privileged actions the statement grants: its literal actions, a few of what each wildcard
// expands to, and the actions an attacker tries first for "*" and NotAction.
std::vector<std::string> privileged_actions(const engine::PolicyUnit& unit, const policy::Statement& st) {
  std::vector<std::string> out;
  const catalog::Catalog* cat = unit.catalog;
  const auto take = [&](const std::vector<std::string_view>& names) {
    std::size_t taken = 0;
    for (const auto name : names) {
      if (taken == k_per_pattern) {
        break;
      }
      if (privileged(cat, std::string(name))) {
        add_unique(out, std::string(name));
        ++taken;
      }
    }
  };
  const bool everything =
      st.action.negated || std::any_of(st.action.values.begin(), st.action.values.end(),
                                       [](const auto& a) { return a.value == "*" || a.value == "*:*"; });
  if (everything) {
    for (const auto& a : support::probe_actions(unit.policy)) {
      if (privileged(cat, a)) {
        add_unique(out, a);
      }
    }
    return out;
  }
  for (const auto& a : st.action.values) {
    if (a.value.find_first_of("*?") == std::string::npos) {
      if (privileged(cat, a.value)) {
        add_unique(out, a.value);
      }
    } else {
      // The actions an attacker tries first, when the pattern covers them; then the catalog's.
      for (const auto& probe : support::probe_actions(unit.policy)) {
        if (catalog::wildcard_match(a.value, probe) && privileged(cat, probe)) {
          add_unique(out, probe);
        }
      }
      if (cat != nullptr) {
        take(cat->expand(a.value));
      }
    }
  }
  return out;
}

// A concrete resource the statement names ("*" when it names every resource or none).
std::string concrete_resource(const policy::Statement& st) {
  if (!st.resource.present || st.resource.negated || st.resource.values.empty()) {
    return "*";
  }
  std::string r = st.resource.values.front().value;
  std::replace(r.begin(), r.end(), '*', 'x');
  std::replace(r.begin(), r.end(), '?', 'x');
  return r == "x" ? "*" : r;
}

// The aws:SourceIp value of the statement that lets `address` in, if the statement names one.
const SourceRange* range_token(const policy::Statement& st, const std::string& address) {
  const auto a = eval::parse_ip_address(address);
  for (const auto& c : st.conditions) {
    if (!c.op || c.op->op != policy::Op::ip_address || query::to_lower(c.key.value) != support::k_source_ip) {
      continue;
    }
    for (const auto& v : c.values) {
      const auto range = eval::try_parse_cidr(v.text);
      if (a && range && eval::request_address_in_range(*range, *a)) {
        return &v.range;
      }
    }
  }
  return nullptr;
}

const SourceRange& action_token(const policy::Statement& st, const std::string& action) {
  if (!st.action.negated) {
    for (const auto& a : st.action.values) {
      if (catalog::wildcard_match(a.value, action) || a.value == "*:*") {
        return a.range;
      }
    }
  }
  return st.action.key_range;
}

std::string allowlist_text(const engine::Organisation& org) {
  return fmt::format("{}", fmt::join(org.ip_allowlist_text, ", "));
}

// A direct call from `address` (not made by a service for the caller).
query::SearchSpace from_address(const std::string& address) {
  query::SearchSpace space;
  space.base.set_context(support::k_source_ip, {address});
  space.base.set_context(support::k_via_service, {"false"});
  space.fixed_keys = {support::k_source_ip, support::k_via_service};
  return space;
}

// A privileged request from outside the allow-list that the policy allows with `st` deciding:
// first the statement's likeliest privileged actions on one concrete resource, then (when
// none gets in) the exact engine over every write or permissions-management action and every
// resource. Returns the request and the address it came from.
std::optional<std::pair<query::Found, std::string>> find_privileged_request(const engine::PolicyUnit& unit,
                                                                            std::span<const policy::Policy* const> set,
                                                                            const policy::Statement& st,
                                                                            const std::vector<std::string>& addresses,
                                                                            probes::Decider& decider) {
  const std::string resource = concrete_resource(st);
  std::vector<probes::Instance> quick;
  for (const std::string& action : privileged_actions(unit, st)) {
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      query::SearchSpace space = from_address(addresses[i]);
      space.base.action = action;
      space.base.resource = resource;
      quick.push_back(probes::Instance{std::move(space), i});
    }
  }
  std::vector<probes::Class> exact;
  if (unit.catalog != nullptr) { // access levels come from the catalog
    for (std::size_t i = 0; i < addresses.size(); ++i) {
      probes::Class c{from_address(addresses[i])};
      c.levels = {catalog::AccessLevel::write, catalog::AccessLevel::permissions_management};
      c.tag = i;
      exact.push_back(std::move(c));
    }
  }
  auto decided = decider.allowed(probes::Target{set, &st}, quick, exact);
  if (!decided) {
    return std::nullopt;
  }
  return std::pair{std::move(decided->found), addresses[decided->tag]};
}

void check_identity(const engine::PolicyUnit& unit, const std::vector<std::string>& addresses,
                    engine::RuleContext& ctx) {
  const std::array<const policy::Policy*, 1> set{&unit.policy};
  probes::Decider decider(set, unit.catalog);
  for (const auto& st : unit.policy.statements) {
    if (!st.evaluable || st.effect != policy::Effect::allow) {
      continue;
    }
    const auto hit = find_privileged_request(unit, set, st, addresses, decider);
    if (!hit) {
      continue;
    }
    const auto& [found, address] = *hit;
    const std::string& action = found.request.action;
    const SourceRange* cidr = range_token(st, address);
    auto& d = ctx.report(cidr != nullptr ? *cidr : action_token(st, action),
                         "statement {} allows {} from {}, outside the organisation's IP allow-list ({})",
                         st.label(), action, address, allowlist_text(*unit.organisation));
    d.statement = st.label();
    d.counterexample = support::counterexample(found, {}, "from " + address + ", outside the organisation's IP allow-list");
  }
}

void check_trust(const engine::PolicyUnit& unit, const std::vector<std::string>& addresses, engine::RuleContext& ctx) {
  std::vector<support::TrustProbe> probes;
  for (const std::string& address : addresses) {
    probes.push_back(support::TrustProbe{[address](query::SearchSpace& s) {
                                           s.base.set_context(support::k_source_ip, {address});
                                           s.fixed_keys.insert(support::k_source_ip);
                                         },
                                         {},
                                         address});
  }
  for (const auto& hit : support::probe_trust(unit.policy, probes)) {
    const std::string& address = hit.probe->note;
    const SourceRange* cidr = range_token(*hit.statement, address);
    auto& d =
        ctx.report(cidr != nullptr ? *cidr : hit.principal->value.range,
                   "statement {} lets {} assume the role from {}, outside the organisation's IP allow-list ({})",
                   hit.statement->label(), hit.principal->value.value, address, allowlist_text(*unit.organisation));
    d.statement = hit.statement->label();
    d.counterexample =
        support::counterexample(hit.found, {}, "from " + address + ", outside the organisation's IP allow-list");
  }
}

} // namespace

void check_source_ip_outside_allowlist(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  if (unit.organisation == nullptr || unit.organisation->ip_allowlist.empty() ||
      unit.policy.kind == policy::PolicyKind::resource) {
    return;
  }
  const std::array<const policy::Policy*, 1> set{&unit.policy};
  const auto mentioned = query::ip_values(set, support::k_source_ip);
  if (mentioned.empty()) {
    return; // no address condition at all: PL101 and PL301's concern
  }
  const auto addresses = outside_addresses(*unit.organisation, mentioned);
  if (addresses.empty()) {
    return;
  }
  if (unit.policy.kind == policy::PolicyKind::trust) {
    check_trust(unit, addresses, ctx);
  } else {
    check_identity(unit, addresses, ctx);
  }
}

} // namespace policylint::rules::network
