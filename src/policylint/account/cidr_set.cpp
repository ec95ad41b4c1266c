#include <policylint/account/cidr_set.hpp>

#include <algorithm>

namespace policylint::account {

namespace {

using Value = CidrSet::Value;
using Interval = CidrSet::Interval;

constexpr Value k_zero{0, 0};

Value max_of(bool ipv6) {
  return ipv6 ? Value{~std::uint64_t{0}, ~std::uint64_t{0}} : Value{0, 0xFFFFFFFFULL};
}

Value plus_one(Value v) {
  ++v.lo;
  if (v.lo == 0) {
    ++v.hi;
  }
  return v;
}

Value minus_one(Value v) {
  if (v.lo == 0) {
    --v.hi;
  }
  --v.lo;
  return v;
}

// The low `bits` bits set (0 ≤ bits ≤ 128).
Value low_mask(unsigned bits) {
  if (bits == 0) {
    return k_zero;
  }
  if (bits >= 128) {
    return Value{~std::uint64_t{0}, ~std::uint64_t{0}};
  }
  if (bits >= 64) {
    const unsigned high_bits = bits - 64;
    return Value{high_bits == 0 ? 0 : (~std::uint64_t{0} >> (64 - high_bits)), ~std::uint64_t{0}};
  }
  return Value{0, ~std::uint64_t{0} >> (64 - bits)};
}

Value bit_or(Value a, Value b) {
  return Value{a.hi | b.hi, a.lo | b.lo};
}

// Trailing zero bits of v, capped at `width` (a zero value has `width`).
unsigned trailing_zeros(Value v, unsigned width) {
  unsigned n = 0;
  while (n < width) {
    const bool bit = n < 64 ? ((v.lo >> n) & 1U) != 0 : ((v.hi >> (n - 64)) & 1U) != 0;
    if (bit) {
      break;
    }
    ++n;
  }
  return n;
}

Interval interval_of(const eval::Cidr& range) {
  const unsigned width = range.network.ipv6 ? 128U : 32U;
  const unsigned host_bits = width - std::min(range.prefix_length, width);
  const Value first{range.network.hi, range.network.lo};
  // Clear host bits: AWS ignores them (eval::Cidr keeps the network with them cleared already).
  const Value mask = low_mask(host_bits);
  const Value network{first.hi & ~mask.hi, first.lo & ~mask.lo};
  return Interval{network, bit_or(network, mask)};
}

void insert(std::vector<Interval>& set, Interval add) {
  set.push_back(add);
  std::sort(set.begin(), set.end(), [](const Interval& a, const Interval& b) { return a.first < b.first; });
  std::vector<Interval> merged;
  for (const Interval& i : set) {
    // Merge overlapping and adjacent intervals (last + 1 == next first).
    if (!merged.empty() && (i.first <= merged.back().last || i.first == plus_one(merged.back().last))) {
      merged.back().last = std::max(merged.back().last, i.last);
    } else {
      merged.push_back(i);
    }
  }
  set = std::move(merged);
}

std::vector<Interval> subtract(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  for (Interval piece : a) {
    bool gone = false;
    for (const Interval& cut : b) {
      if (cut.last < piece.first || piece.last < cut.first) {
        continue; // disjoint
      }
      if (cut.first > piece.first) {
        out.push_back(Interval{piece.first, minus_one(cut.first)});
      }
      if (cut.last >= piece.last) {
        gone = true;
        break;
      }
      piece.first = plus_one(cut.last);
    }
    if (!gone) {
      out.push_back(piece);
    }
  }
  return out;
}

void append_cidrs(const std::vector<Interval>& set, bool ipv6, std::vector<eval::Cidr>& out) {
  const unsigned width = ipv6 ? 128U : 32U;
  for (const Interval& interval : set) {
    Value first = interval.first;
    while (true) {
      // The largest aligned block that starts at `first` and ends inside the interval.
      unsigned host_bits = trailing_zeros(first, width);
      while (host_bits > 0 && bit_or(first, low_mask(host_bits)) > interval.last) {
        --host_bits;
      }
      eval::Cidr cidr;
      cidr.network = eval::IpAddress{first.hi, first.lo, ipv6};
      cidr.prefix_length = width - host_bits;
      out.push_back(cidr);
      const Value end = bit_or(first, low_mask(host_bits));
      if (end >= interval.last || end == max_of(ipv6)) {
        break;
      }
      first = plus_one(end);
    }
  }
}

} // namespace

CidrSet CidrSet::of(const std::vector<eval::Cidr>& ranges) {
  CidrSet set;
  for (const auto& r : ranges) {
    set.add(r);
  }
  return set;
}

CidrSet CidrSet::parse(const std::vector<std::string>& texts) {
  CidrSet set;
  for (const auto& t : texts) {
    if (const auto cidr = eval::try_parse_cidr(t)) {
      set.add(*cidr);
    }
  }
  return set;
}

void CidrSet::add(const eval::Cidr& range) {
  insert(range.network.ipv6 ? m_v6 : m_v4, interval_of(range));
}

void CidrSet::add(const CidrSet& other) {
  for (const auto& i : other.m_v4) {
    insert(m_v4, i);
  }
  for (const auto& i : other.m_v6) {
    insert(m_v6, i);
  }
}

CidrSet CidrSet::minus(const CidrSet& other) const {
  CidrSet out;
  out.m_v4 = subtract(m_v4, other.m_v4);
  out.m_v6 = subtract(m_v6, other.m_v6);
  return out;
}

bool CidrSet::contains(const eval::IpAddress& address) const {
  const Value v{address.hi, address.lo};
  const auto& set = address.ipv6 ? m_v6 : m_v4;
  return std::any_of(set.begin(), set.end(), [&](const Interval& i) { return i.first <= v && v <= i.last; });
}

std::vector<eval::Cidr> CidrSet::to_cidrs() const {
  std::vector<eval::Cidr> out;
  append_cidrs(m_v4, false, out);
  append_cidrs(m_v6, true, out);
  return out;
}

std::string CidrSet::to_string() const {
  std::string out;
  for (const auto& c : to_cidrs()) {
    out += out.empty() ? "" : ", ";
    out += eval::format_cidr(c);
  }
  return out.empty() ? "(none)" : out;
}

} // namespace policylint::account
