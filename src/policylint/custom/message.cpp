#include <policylint/custom/message.hpp>

#include <fmt/format.h>

namespace policylint::custom {

namespace {

constexpr std::string_view k_default = "statement {statement} allows {action} on {resource} to {principal} {when}";

const std::string* field(const MessageFields& f, std::string_view name) {
  if (name == "statement") { return &f.statement; }
  if (name == "action") { return &f.action; }
  if (name == "resource") { return &f.resource; }
  if (name == "principal") { return &f.principal; }
  if (name == "when") { return &f.when; }
  if (name == "kind") { return &f.kind; }
  if (name == "code") { return &f.code; }
  if (name == "name") { return &f.name; }
  return nullptr;
}

// Walks the template once; `emit` receives literal text and placeholder values. Returns the
// problem, if any.
template <class Emit>
std::optional<std::string> walk(std::string_view text, const MessageFields& fields, Emit&& emit) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      emit(std::string_view("{"));
      ++i;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      emit(std::string_view("}"));
      ++i;
    } else if (c == '{') {
      const auto close = text.find('}', i);
      if (close == std::string_view::npos) {
        return fmt::format("message: \"{{\" at character {} is not closed (write {{{{ for a literal brace)", i + 1);
      }
      const std::string_view name = text.substr(i + 1, close - i - 1);
      const std::string* value = field(fields, name);
      if (value == nullptr) {
        return fmt::format("message: unknown placeholder {{{}}} (known: {})", name, k_placeholders);
      }
      emit(std::string_view(*value));
      i = close;
    } else if (c == '}') {
      return fmt::format("message: lone \"}}\" at character {} (write }}}} for a literal brace)", i + 1);
    } else {
      emit(text.substr(i, 1));
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> template_problem(std::string_view text) {
  return walk(text, MessageFields{}, [](std::string_view) {});
}

std::string render_message(std::string_view text, const MessageFields& fields) {
  std::string out;
  (void)walk(text.empty() ? k_default : text, fields, [&](std::string_view part) { out += part; });
  while (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
  return out;
}

} // namespace policylint::custom
