#include <policylint/query/domain.hpp>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/ascii.hpp>
#include <policylint/eval/cidr.hpp>
#include <policylint/eval/conditions.hpp>
#include <policylint/eval/keys.hpp>
#include <policylint/query/automaton.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

namespace policylint::query {

namespace {

using policy::Op;
using policy::OpFamily;

__extension__ typedef unsigned __int128 U128;

std::string lower(std::string_view text) { return eval::ascii_lowered(text); }

void add_unique(std::vector<std::string>& out, std::string value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) {
    out.push_back(std::move(value));
  }
}

Op positive_of(Op op) {
  switch (op) {
  case Op::string_not_equals: return Op::string_equals;
  case Op::string_not_equals_ignore_case: return Op::string_equals_ignore_case;
  case Op::string_not_like: return Op::string_like;
  case Op::numeric_not_equals: return Op::numeric_equals;
  case Op::date_not_equals: return Op::date_equals;
  case Op::not_ip_address: return Op::ip_address;
  case Op::arn_not_equals: return Op::arn_equals;
  case Op::arn_not_like: return Op::arn_like;
  default: return op;
  }
}

// ---- numbers and dates: the bounds, the values between them, and one beyond each end ----

std::vector<double> region_points(std::vector<double> bounds) {
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  std::vector<double> out;
  if (bounds.empty()) {
    return out;
  }
  out.push_back(std::floor(bounds.front()) - 1);
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    out.push_back(bounds[i]);
    if (i + 1 < bounds.size()) {
      const double next_integer = std::floor(bounds[i]) + 1;
      out.push_back(next_integer < bounds[i + 1] ? next_integer : (bounds[i] + bounds[i + 1]) / 2);
    }
  }
  out.push_back(std::floor(bounds.back()) + 1);
  return out;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 9e15) {
    return fmt::format("{}", static_cast<long long>(v));
  }
  return fmt::format("{}", v);
}

// Proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's civil_from_days).
void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
}

std::string format_date(double seconds) {
  if (std::fabs(seconds) > 2.5e11) {
    return format_number(seconds); // far away: epoch seconds (accepted by Date operators)
  }
  const double whole = std::floor(seconds);
  std::string fraction;
  if (whole != seconds) {
    fraction = fmt::format("{}", seconds - whole); // "0.5"
    fraction = fraction.substr(fraction.find('.'));
  }
  const auto total = static_cast<long long>(whole);
  long long days = total / 86400;
  long long rest = total % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  long long y = 0;
  unsigned m = 0;
  unsigned d = 0;
  civil_from_days(days, y, m, d);
  if (y < 0 || y > 9999) {
    return format_number(seconds);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}Z", y, m, d, rest / 3600, rest % 3600 / 60, rest % 60,
                     fraction);
}

// ---- addresses: CIDR ranges are nested or disjoint, so the regions are "inside R but in none
// of the mentioned ranges strictly inside R", for every R, plus "outside all" ----

struct Span {
  U128 lo = 0;
  U128 hi = 0;
  friend bool operator==(const Span&, const Span&) = default;
};

U128 value_of(const eval::IpAddress& a) { return (static_cast<U128>(a.hi) << 64U) | a.lo; }

Span span_of(U128 network, unsigned prefix, unsigned bits) {
  const unsigned host_bits = bits - std::min(prefix, bits);
  const U128 host = host_bits >= 128 ? ~static_cast<U128>(0) : ((static_cast<U128>(1) << host_bits) - 1);
  return Span{network & ~host, (network & ~host) | host};
}

// First address of `outer` that lies in none of the spans strictly inside it; `preferred` first.
std::optional<U128> uncovered(const Span& outer, const std::vector<Span>& family, const std::vector<U128>& preferred) {
  std::vector<Span> inner;
  for (const Span& s : family) {
    if (s.lo >= outer.lo && s.hi <= outer.hi && !(s == outer)) {
      inner.push_back(s);
    }
  }
  auto covered_by = [&](U128 a) -> const Span* {
    for (const Span& s : inner) {
      if (a >= s.lo && a <= s.hi) {
        return &s;
      }
    }
    return nullptr;
  };
  for (const U128 p : preferred) {
    if (p >= outer.lo && p <= outer.hi && covered_by(p) == nullptr) {
      return p;
    }
  }
  U128 a = outer.lo;
  while (const Span* s = covered_by(a)) {
    if (s->hi >= outer.hi) {
      return std::nullopt;
    }
    a = s->hi + 1;
  }
  return a;
}

void address_regions(const std::vector<eval::Cidr>& ranges, std::vector<std::string>& out) {
  std::vector<Span> v4;
  std::vector<Span> v6; // IPv6 ranges plus IPv4 ranges lifted into ::ffff:0:0/96
  const U128 mapped_base = static_cast<U128>(0xffffULL) << 32U;
  bool any_v6 = false;
  for (const auto& r : ranges) {
    if (r.network.ipv6) {
      any_v6 = true;
      v6.push_back(span_of(value_of(r.network), r.prefix_length, 128));
    } else {
      v4.push_back(span_of(value_of(r.network), r.prefix_length, 32));
      v6.push_back(span_of(mapped_base | value_of(r.network), 96 + r.prefix_length, 128));
    }
  }
  const std::vector<U128> documentation_v4{0xC6336417U, 0xCB007117U, 0xC0000217U};
  auto emit_v4 = [&](U128 a) {
    out.push_back(eval::format_ip(eval::IpAddress{0, static_cast<std::uint64_t>(a), false}));
  };
  auto emit_v6 = [&](U128 a) {
    out.push_back(eval::format_ip(
        eval::IpAddress{static_cast<std::uint64_t>(a >> 64U), static_cast<std::uint64_t>(a), true}));
  };
  const Span all_v4{0, 0xffffffffU};
  if (auto a = uncovered(all_v4, v4, documentation_v4)) {
    emit_v4(*a);
  }
  for (const Span& r : v4) {
    if (auto a = uncovered(r, v4, {})) {
      emit_v4(*a);
    }
  }
  if (!any_v6) {
    return; // a v6 address only ever matches what its embedded v4 address matches
  }
  const U128 documentation_v6 = (static_cast<U128>(0x20010db800000000ULL) << 64U) | 0x23U;
  const Span all_v6{0, ~static_cast<U128>(0)};
  if (auto a = uncovered(all_v6, v6, {documentation_v6})) {
    emit_v6(*a);
  }
  for (const Span& r : v6) {
    if (auto a = uncovered(r, v6, {})) {
      emit_v6(*a);
    }
  }
}

// ---- everything together ----

struct Atoms {
  std::vector<Pattern> patterns;
  std::vector<std::string> seeds; // readable witnesses, tried before the automaton's
  std::vector<double> numbers;
  std::vector<double> dates;
  std::vector<eval::Cidr> ranges;
  std::vector<std::string> constants; // Bool, Binary, and values with variables instantiated
  bool any_ip = false;
  bool any_bool = false;
  bool long_pattern = false;
};

void collect(const KeyCondition& kc, Atoms& atoms) {
  const policy::Condition& c = *kc.condition;
  if (!c.op || c.op->op == Op::null) {
    return;
  }
  const Op positive = positive_of(c.op->op);
  for (const auto& v : c.values) {
    const std::string& text = v.text;
    switch (policy::family_of(positive)) {
    case OpFamily::numeric:
      if (auto n = eval::parse_numeric_value(text)) {
        atoms.numbers.push_back(*n);
      }
      break;
    case OpFamily::date:
      if (auto n = eval::parse_date_value(text)) {
        atoms.dates.push_back(*n);
      }
      break;
    case OpFamily::ip_address:
      atoms.any_ip = true;
      if (auto r = eval::try_parse_cidr(text)) {
        atoms.ranges.push_back(*r);
      }
      break;
    case OpFamily::boolean:
      atoms.any_bool = true;
      break;
    case OpFamily::binary:
      add_unique(atoms.constants, text);
      break;
    case OpFamily::string:
    case OpFamily::arn: {
      if (kc.variables && text.find("${") != std::string::npos) {
        add_unique(atoms.constants, with_variables_instantiated(text));
        break;
      }
      if (text.size() > 4096) {
        atoms.long_pattern = true;
        add_unique(atoms.constants, text);
        break;
      }
      if (positive == Op::string_equals) {
        atoms.patterns.push_back(literal_pattern(text, false));
        add_unique(atoms.seeds, text);
      } else if (positive == Op::string_equals_ignore_case) {
        atoms.patterns.push_back(literal_pattern(text, true));
        add_unique(atoms.seeds, text);
      } else {
        atoms.patterns.push_back(positive == Op::string_like ? glob_pattern(text) : arn_like_pattern(text));
        std::string simple;
        for (char ch : text) {
          simple += (ch == '*' || ch == '?') ? std::string("x") : std::string(1, ch);
        }
        add_unique(atoms.seeds, std::move(simple));
      }
      break;
    }
    case OpFamily::null:
      break;
    }
  }
}

// Whether the condition's positive operator holds for a single request value.
bool hits(const KeyCondition& kc, const std::string& lower_key, const std::string& value) {
  policy::Condition probe = *kc.condition;
  probe.op = policy::Operator{positive_of(kc.condition->op->op), policy::SetQualifier::for_any_value, false};
  eval::Request request;
  request.set_context(lower_key, {value});
  return eval::condition_matches(probe, request, kc.variables);
}

} // namespace

std::vector<std::string> variable_keys(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("${", pos)) != std::string_view::npos) {
    const auto end = text.find('}', pos + 2);
    if (end == std::string_view::npos) {
      break;
    }
    std::string_view inner = text.substr(pos + 2, end - pos - 2);
    inner = inner.substr(0, inner.find(','));
    while (!inner.empty() && inner.back() == ' ') {
      inner.remove_suffix(1);
    }
    if (!inner.empty() && inner != "*" && inner != "?" && inner != "$") {
      add_unique(out, lower(inner));
    }
    pos = end + 1;
  }
  return out;
}

std::string with_variables_instantiated(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto open = text.find("${", pos);
    const auto close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    const std::string_view inner = text.substr(open + 2, close - open - 2);
    out += (inner == "*" || inner == "?" || inner == "$") ? std::string(inner) : std::string(k_variable_value);
    pos = close + 1;
  }
  return out;
}

namespace {

// ---- clock keys: requests are made now ----

// The earliest value a request made today can carry for a clock key, or nullopt for other
// keys. "Now" is after the embedded catalog's date, which keeps the answer the same on every
// machine and every day for one binary; a session token lives at most 36 hours, so
// aws:TokenIssueTime is at most that much earlier. A grant whose window closed before then
// (DateLessThan aws:CurrentTime 2020-01-01) admits no request anyone can make.
std::optional<double> earliest_now(const std::string& lower_key) {
  const bool current = lower_key == "aws:currenttime" || lower_key == "aws:epochtime";
  if (!current && lower_key != "aws:tokenissuetime") {
    return std::nullopt;
  }
  static const std::optional<double> k_catalog_day =
      eval::parse_date_value(catalog::embedded_catalog().info().data_date);
  if (!k_catalog_day) {
    return std::nullopt;
  }
  constexpr double k_longest_session = 36.0 * 3600;
  return current ? *k_catalog_day : *k_catalog_day - k_longest_session;
}

// Drops the values before `earliest` and adds `earliest` itself, which stands for the region
// after the last bound that lies before it.
void keep_from(double earliest, bool numeric, std::vector<std::string>& elements) {
  std::erase_if(elements, [&](const std::string& v) {
    const auto t = numeric ? eval::parse_numeric_value(v) : eval::parse_date_value(v);
    return t && *t < earliest;
  });
  add_unique(elements, numeric ? format_number(earliest) : format_date(earliest));
}

} // namespace

KeyDomain build_domain(const std::string& lower_key, std::span<const KeyCondition> conditions, bool variable_linked) {
  KeyDomain domain;
  domain.key = lower_key;
  domain.multivalued = eval::is_multivalued_key(lower_key);
  Atoms atoms;
  for (const auto& kc : conditions) {
    if (kc.condition->op && kc.condition->op->qualifier != policy::SetQualifier::none) {
      domain.multivalued = true;
    }
    collect(kc, atoms);
  }
  // One key under operators of several families (a type error AWS would reject for most
  // keys): each family's regions are kept, but not their combinations.
  const int families = (atoms.patterns.empty() ? 0 : 1) + (atoms.numbers.empty() ? 0 : 1) +
                       (atoms.dates.empty() ? 0 : 1) + (atoms.any_ip ? 1 : 0);
  if (atoms.long_pattern || families > 1 || variable_linked) {
    domain.exact = false;
  }
  // Element representatives, the most readable first.
  std::vector<std::string> elements;
  if (variable_linked) {
    elements.emplace_back(k_variable_value);
  }
  if (!atoms.patterns.empty()) {
    atoms.seeds.emplace_back(k_other_value);
    Witnesses w = witnesses(atoms.patterns, atoms.seeds, 20000);
    domain.exact = domain.exact && w.complete;
    for (auto& v : w.values) {
      add_unique(elements, std::move(v));
    }
  }
  for (double n : region_points(atoms.numbers)) {
    add_unique(elements, format_number(n));
  }
  if (atoms.numbers.empty() && std::any_of(conditions.begin(), conditions.end(), [](const KeyCondition& kc) {
        return kc.condition->op && policy::family_of(kc.condition->op->op) == OpFamily::numeric;
      })) {
    add_unique(elements, "1");
  }
  for (double d : region_points(atoms.dates)) {
    add_unique(elements, format_date(d));
  }
  if (const auto earliest = earliest_now(lower_key); earliest && !(atoms.dates.empty() && atoms.numbers.empty())) {
    keep_from(*earliest, atoms.dates.empty(), elements);
  }
  if (atoms.any_bool) {
    add_unique(elements, "true");
    add_unique(elements, "false");
  }
  if (atoms.any_ip) {
    address_regions(atoms.ranges, elements);
  }
  for (auto& c : atoms.constants) {
    add_unique(elements, std::move(c));
  }
  add_unique(elements, k_other_value);

  // Merge values every condition treats alike (not for keys linked through variables, whose
  // conditions also depend on other keys).
  if (!variable_linked) {
    std::vector<const KeyCondition*> compared;
    for (const auto& kc : conditions) {
      if (kc.condition->op && kc.condition->op->op != Op::null) {
        compared.push_back(&kc);
      }
    }
    std::set<std::vector<bool>> seen;
    std::vector<std::string> kept;
    for (auto& v : elements) {
      std::vector<bool> sig;
      sig.reserve(compared.size());
      for (const KeyCondition* kc : compared) {
        sig.push_back(hits(*kc, lower_key, v));
      }
      if (seen.insert(std::move(sig)).second) {
        kept.push_back(std::move(v));
      }
    }
    elements = std::move(kept);
  }

  domain.options.emplace_back(std::nullopt);
  if (!domain.multivalued) {
    for (auto& v : elements) {
      domain.options.emplace_back(std::vector<std::string>{std::move(v)});
    }
    return domain;
  }
  // Sets: what a set qualifier sees is which regions the set's values fall in.
  domain.options.emplace_back(std::vector<std::string>{});
  const std::size_t m = elements.size();
  if (m <= 6) {
    for (std::size_t size = 1; size <= m; ++size) {
      for (unsigned mask = 1; mask < (1U << m); ++mask) {
        if (static_cast<std::size_t>(__builtin_popcount(mask)) != size) {
          continue;
        }
        std::vector<std::string> set;
        for (std::size_t i = 0; i < m; ++i) {
          if ((mask >> i) & 1U) {
            set.push_back(elements[i]);
          }
        }
        domain.options.emplace_back(std::move(set));
      }
    }
    return domain;
  }
  domain.exact = false; // singletons, pairs and the full set only
  for (const auto& v : elements) {
    domain.options.emplace_back(std::vector<std::string>{v});
  }
  for (std::size_t i = 0; i < m && m <= 24; ++i) {
    for (std::size_t j = i + 1; j < m; ++j) {
      domain.options.emplace_back(std::vector<std::string>{elements[i], elements[j]});
    }
  }
  domain.options.emplace_back(elements);
  return domain;
}

} // namespace policylint::query
