#pragma once
// How a wildcard or policy variable in a sensitive condition value (a key that names the caller
// or the resource owner) is anchored: PL610 (wildcards) and PL611 (variables) share it.
#include <policylint/policy/model.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::rules::sensitive {

// The fewest identifying literal characters that keep a pattern specific (AWS's threshold).
inline constexpr std::size_t k_min_anchor = 6;

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

inline bool iequals(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) { return lower(x) == lower(y); });
}

inline constexpr std::array<std::string_view, 15> k_keys{
    "aws:PrincipalArn",      "aws:SourceArn",   "aws:PrincipalAccount", "aws:SourceAccount", "aws:PrincipalOrgID",
    "aws:PrincipalOrgPaths", "aws:SourceOrgID", "aws:SourceOrgPaths",   "aws:userid",        "aws:SourceVpc",
    "aws:SourceVpce",        "aws:SourceOwner", "aws:ResourceAccount",  "aws:ResourceOrgID", "aws:ResourceOrgPaths"};

inline bool is_sensitive(std::string_view key) {
  return std::ranges::any_of(k_keys, [&](std::string_view k) { return iequals(k, key); });
}

// In a policy without a Principal (identity policies, SCPs, boundaries) every caller is a
// principal of the account or organisation the policy is attached in, so a loose pattern on
// the caller's own identity reaches no one outside it (AWS's S3UnlockBucketPolicy spares
// "arn:aws:iam::*:root", the account's own root).
inline bool bounded_by_attachment(policy::PolicyKind kind, std::string_view key) {
  constexpr std::array<std::string_view, 5> caller{"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID",
                                                   "aws:PrincipalOrgPaths", "aws:userid"};
  return kind == policy::PolicyKind::identity &&
         std::ranges::any_of(caller, [&](std::string_view k) { return iequals(k, key); });
}

inline bool is_arn_key(std::string_view key) {
  return iequals(key, "aws:PrincipalArn") || iequals(key, "aws:SourceArn");
}

// Operators under which '*' and '?' are wildcards (ArnEquals matches like ArnLike).
inline bool wildcards_apply(policy::Op op) {
  using policy::Op;
  return op == Op::string_like || op == Op::string_not_like || op == Op::arn_like || op == Op::arn_not_like ||
         op == Op::arn_equals || op == Op::arn_not_equals;
}

// Whether a looser value grants more: an Allow that matches, or a Deny that spares what matches.
inline bool looser_widens(policy::Effect effect, policy::Op op) {
  return (effect == policy::Effect::allow) != policy::is_negated(op);
}

// One character of a value: what it is and whether it counts towards the anchor.
enum class Piece { literal, structure, wildcard, variable };

// The value split into pieces, one per character; a variable "${...}" is one piece, and the
// escapes ${*}, ${?}, ${$} are literal characters.
struct Pieces {
  std::vector<Piece> kinds;
  std::vector<std::size_t> offsets; // where each piece starts in the text
};

inline Pieces split(std::string_view text, bool wildcards) {
  Pieces out;
  for (std::size_t i = 0; i < text.size();) {
    out.offsets.push_back(i);
    if (text.substr(i, 2) == "${") {
      const std::size_t end = text.find('}', i);
      const bool escape = end == i + 3 && std::string_view("*?$").find(text[i + 2]) != std::string_view::npos;
      out.kinds.push_back(escape ? Piece::literal : Piece::variable);
      i = end == std::string_view::npos ? text.size() : end + 1;
      continue;
    }
    const char c = text[i++];
    if (wildcards && (c == '*' || c == '?')) {
      out.kinds.push_back(Piece::wildcard);
    } else {
      out.kinds.push_back(c == ':' || c == '/' ? Piece::structure : Piece::literal);
    }
  }
  return out;
}

// IAM and STS resource types: "role/" names what kind of thing, not which one.
inline bool iam_resource_type(std::string_view word) {
  constexpr std::array<std::string_view, 9> types{
      "role",  "user", "group", "assumed-role", "federated-user", "oidc-provider", "saml-provider", "instance-profile",
      "policy"};
  return std::ranges::any_of(types, [&](std::string_view t) { return iequals(t, word); });
}

// Marks as structure what every value of an ARN key shares: "arn:partition:service:region:"
// and an IAM/STS resource type word, so that "arn:aws:iam::*:role/*" counts no literal.
inline void mark_arn_structure(std::string_view text, Pieces& p) {
  std::size_t colons = 0;
  std::size_t i = 0;
  std::string service;
  for (; i < p.kinds.size() && colons < 5; ++i) {
    const bool fixed = colons < 4; // arn, partition, service, region
    if (p.kinds[i] == Piece::wildcard || p.kinds[i] == Piece::variable) {
      if (fixed) {
        return; // a pattern over the ARN's fixed fields: leave the value as it is
      }
      continue;
    }
    const char c = text[p.offsets[i]];
    if (c == ':') {
      ++colons;
    } else if (colons == 2) {
      service += lower(c);
    }
    if (fixed) {
      p.kinds[i] = Piece::structure;
    }
  }
  // i is past the ':' that ends the account; the resource type ends at the next '/'.
  if (colons < 5 || (service != "iam" && service != "sts")) {
    return;
  }
  std::size_t j = i;
  while (j < p.kinds.size() && p.kinds[j] == Piece::literal) {
    ++j;
  }
  if (j < p.kinds.size() && text[p.offsets[j]] == '/' &&
      iam_resource_type(text.substr(p.offsets[i], p.offsets[j] - p.offsets[i]))) {
    std::fill(p.kinds.begin() + static_cast<std::ptrdiff_t>(i), p.kinds.begin() + static_cast<std::ptrdiff_t>(j),
              Piece::structure);
  }
}

// The longest stretch of literal characters with no wildcard or variable inside it (':' and
// '/' end no stretch but do not count).
inline std::size_t longest_anchor(const Pieces& p) {
  std::size_t best = 0;
  std::size_t run = 0;
  for (const Piece k : p.kinds) {
    if (k == Piece::wildcard || k == Piece::variable) {
      run = 0;
    } else if (k == Piece::literal) {
      best = std::max(best, ++run);
    }
  }
  return best;
}

struct Verdict {
  bool has_wildcard = false;
  bool has_variable = false;
  bool anchored = true;
};

// aws:userid is "UNIQUEID" or "UNIQUEID:session": a variable may only stand for the session
// part, after the ':' that follows a literal unique ID.
inline bool userid_variable_anchored(std::string_view text, const Pieces& p) {
  const auto first = std::ranges::find(p.kinds, Piece::variable);
  const std::size_t at = static_cast<std::size_t>(first - p.kinds.begin());
  if (at == 0 || text[p.offsets[at - 1]] != ':') {
    return false;
  }
  const bool literal_id = std::all_of(p.kinds.begin(), first - 1, [](Piece k) { return k == Piece::literal; });
  return literal_id && at - 1 >= k_min_anchor;
}

inline Verdict judge(std::string_view key, std::string_view text, policy::Op op) {
  Pieces p = split(text, wildcards_apply(op));
  Verdict v;
  v.has_wildcard = std::ranges::find(p.kinds, Piece::wildcard) != p.kinds.end();
  v.has_variable = std::ranges::find(p.kinds, Piece::variable) != p.kinds.end();
  if (!v.has_wildcard && !v.has_variable) {
    return v;
  }
  if (is_arn_key(key) && text.size() >= 4 && iequals(text.substr(0, 4), "arn:")) {
    mark_arn_structure(text, p);
  }
  v.anchored = longest_anchor(p) >= k_min_anchor;
  if (v.has_variable && iequals(key, "aws:userid")) {
    v.anchored = v.anchored && userid_variable_anchored(text, p);
  }
  return v;
}

} // namespace policylint::rules::sensitive
