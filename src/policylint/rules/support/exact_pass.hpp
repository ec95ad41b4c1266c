#pragma once
// The exact pass behind a rule's quick search. Several rules first try a few concrete
// actions and resources per statement with query::find_request: cheap, and it decides most
// statements, but when a document denies exactly the instances tried (the first actions of
// `s3:Get*`, the object `bucket/x`) it finds nothing although other requests get through.
// Before such a statement is cleared, the exact engine (query::Engine) asks the same
// question over every action and resource: the space's action and resource are replaced by
// `actions` (patterns; empty: any action, narrowed to `levels` when given) and `resources`
// (patterns; empty: any resource), its principal and fixed keys are kept, and `st` must be
// among the deciding statements.
// The request returned is confirmed by eval::evaluate on `policies`.
#include <policylint/catalog/catalog.hpp>
#include <policylint/query/request_search.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace policylint::rules::support {

[[nodiscard]] std::optional<query::Found> exact_allowed_request(std::span<const policy::Policy* const> policies,
                                                                const query::SearchSpace& space,
                                                                const policy::Statement& st,
                                                                const catalog::Catalog* catalog,
                                                                std::vector<std::string> actions = {},
                                                                std::vector<std::string> resources = {},
                                                                std::vector<catalog::AccessLevel> levels = {});

} // namespace policylint::rules::support
