#pragma once
// Action lists expanded against the catalog, remembered across engines. An account check
// builds one engine per distinct set of a principal's documents, and the sets share most of
// their documents (the users of one group, roles made from one template): each engine
// expanding the same Action lists again was 5% of a snapshot's instructions.
#include <policylint/catalog/catalog.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace policylint::query {

// catalog.match_mask(patterns), where `key` names the pattern list exactly (the patterns
// joined by '\n'). Safe from any thread; the answer is the same whether or not it was
// remembered, and at most a bounded number of lists is kept.
[[nodiscard]] std::vector<bool> shared_match_mask(const catalog::Catalog& catalog, std::string_view key,
                                                  std::span<const std::string_view> patterns);

} // namespace policylint::query
