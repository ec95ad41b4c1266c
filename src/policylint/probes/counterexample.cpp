#include <policylint/probes/counterexample.hpp>

namespace policylint::probes {

engine::Counterexample counterexample(const query::Found& found, std::vector<std::string> absent_keys, std::string note) {
  engine::Counterexample c;
  c.request = found.request;
  c.decision = found.evaluation.decision;
  c.absent_keys = std::move(absent_keys);
  c.note = std::move(note);
  return c;
}

} // namespace policylint::probes
