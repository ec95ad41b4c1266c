#include <policylint/output/counterexample_json.hpp>

#include <policylint/output/json_text.hpp>
#include <policylint/output/key_names.hpp>

namespace policylint::output {

void append_request_json(std::string& out, const eval::Request& request) {
  out += "{\"action\": ";
  append_json_string(out, request.action);
  out += ", \"resource\": ";
  append_json_string(out, request.resource);
  out += ", \"principal\": ";
  append_json_string(out, request.principal);
  out += ", \"context\": {";
  bool first = true;
  for (const auto& [key, values] : request.context) {
    out += first ? "" : ", ";
    first = false;
    append_json_string(out, display_key(key));
    out += ": [";
    for (std::size_t i = 0; i < values.size(); ++i) {
      out += i == 0 ? "" : ", ";
      append_json_string(out, values[i]);
    }
    out += "]";
  }
  out += "}}";
}

void append_counterexample_json(std::string& out, const engine::Counterexample& c) {
  out += "{\"request\": ";
  append_request_json(out, c.request);
  out += ", \"absentKeys\": [";
  for (std::size_t i = 0; i < c.absent_keys.size(); ++i) {
    out += i == 0 ? "" : ", ";
    append_json_string(out, c.absent_keys[i]);
  }
  out += "], \"decision\": ";
  append_json_string(out, eval::decision_name(c.decision));
  out += ", \"note\": ";
  append_json_string(out, c.note);
  if (!c.path.empty()) {
    out += ", \"path\": [";
    for (std::size_t i = 0; i < c.path.size(); ++i) {
      out += i == 0 ? "" : ", ";
      append_json_string(out, c.path[i]);
    }
    out += "]";
  }
  out += "}";
}

} // namespace policylint::output
