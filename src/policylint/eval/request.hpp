#pragma once
// One concrete request, as the evaluator sees it. A context key that is not in `context` is
// absent from the request — AWS's three-valued condition logic depends on that difference.
#include <map>
#include <string>
#include <vector>

namespace policylint::eval {

struct Request {
  std::string action;          // "service:Action"; matched case-insensitively
  std::string resource = "*";  // an ARN, or "*"
  // The calling principal's ARN ("arn:aws:iam::111122223333:user/alice"), "*" for an
  // anonymous caller, or empty when unknown (Principal elements then do not match).
  std::string principal;
  // Condition keys, lower-cased, each with one value (single-valued keys) or several
  // (multi-valued keys). Use set_context/context_values instead of touching it directly.
  std::map<std::string, std::vector<std::string>> context;

  void set_context(std::string key, std::vector<std::string> values);
  void add_context(std::string key, std::string value);
  void remove_context(const std::string& key);
  // nullptr when the key is absent.
  [[nodiscard]] const std::vector<std::string>* context_values(const std::string& key) const;
};

} // namespace policylint::eval
