#pragma once
// A decision turned into the counterexample a finding carries.
#include <policylint/engine/diagnostic.hpp>
#include <policylint/query/request_search.hpp>

#include <string>
#include <vector>

namespace policylint::probes {

[[nodiscard]] engine::Counterexample counterexample(const query::Found& found, std::vector<std::string> absent_keys,
                                                    std::string note);

} // namespace policylint::probes
