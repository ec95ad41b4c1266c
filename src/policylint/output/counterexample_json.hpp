#pragma once
#include <policylint/engine/diagnostic.hpp>

#include <string>

namespace policylint::output {

// {"action": …, "resource": …, "principal": …, "context": {key: [values]}, "absentKeys": […],
//  "decision": …, "note": …} — shared by the JSON and SARIF writers and `simulate`.
void append_request_json(std::string& out, const eval::Request& request);
void append_counterexample_json(std::string& out, const engine::Counterexample& c);

} // namespace policylint::output
