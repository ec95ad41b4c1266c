#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>
#include <policylint/privesc/methods.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace policylint::privesc {
namespace {

Error invalid(const json::Value& at, std::string message) {
  return Error(ErrorCode::invalid_input, std::move(message), at.range);
}

Result<std::string> string_member(const json::Value& object, std::string_view key, bool required) {
  const json::Value* v = object.find(key);
  if (v == nullptr) {
    if (required) {
      return fail(invalid(object, "missing \"" + std::string(key) + "\""));
    }
    return std::string();
  }
  if (!v->is_string()) {
    return fail(invalid(*v, "\"" + std::string(key) + "\" must be a string"));
  }
  return v->text;
}

Result<Step> parse_step(const json::Value& v) {
  if (!v.is_object()) {
    return fail(invalid(v, "a step must be an object"));
  }
  Step step;
  POLICYLINT_TRY_ASSIGN(step.action, string_member(v, "action", true));
  if (step.action.find(':') == std::string::npos) {
    return fail(invalid(v, "action \"" + step.action + "\" is not service:Action"));
  }
  POLICYLINT_TRY_ASSIGN(step.resource, string_member(v, "resource", false));
  POLICYLINT_TRY_ASSIGN(step.unnamed, string_member(v, "unnamed", false));
  POLICYLINT_TRY_ASSIGN(step.note, string_member(v, "note", false));
  if (const json::Value* t = v.find("target"); t != nullptr) {
    if (t->kind != json::Kind::boolean) {
      return fail(invalid(*t, "\"target\" must be true or false"));
    }
    step.target = t->text == "true";
  }
  if (const json::Value* h = v.find("self_harmless"); h != nullptr) {
    if (h->kind != json::Kind::boolean) {
      return fail(invalid(*h, "\"self_harmless\" must be true or false"));
    }
    step.self_harmless = h->text == "true";
  }
  if (const json::Value* n = v.find("named_is_delegation"); n != nullptr) {
    if (n->kind != json::Kind::boolean) {
      return fail(invalid(*n, "\"named_is_delegation\" must be true or false"));
    }
    step.named_is_delegation = n->text == "true";
  }
  if (step.target && step.unnamed.empty()) {
    return fail(invalid(v, "a target step needs \"unnamed\""));
  }
  if (const json::Value* c = v.find("context"); c != nullptr) {
    if (!c->is_object()) {
      return fail(invalid(*c, "\"context\" must be an object of key: value"));
    }
    for (const auto& m : c->members) {
      if (!m.value.is_string()) {
        return fail(invalid(m.value, "a context value must be a string"));
      }
      step.context.emplace_back(m.key, m.value.text);
    }
  }
  return step;
}

Result<Method> parse_method(const json::Value& v) {
  if (!v.is_object()) {
    return fail(invalid(v, "a method must be an object"));
  }
  Method method;
  POLICYLINT_TRY_ASSIGN(method.id, string_member(v, "id", true));
  POLICYLINT_TRY_ASSIGN(method.family, string_member(v, "family", true));
  POLICYLINT_TRY_ASSIGN(method.note, string_member(v, "note", false));
  const json::Value* steps = v.find("steps");
  if (steps == nullptr || !steps->is_array() || steps->items.empty()) {
    return fail(invalid(v, "method " + method.id + " needs a non-empty \"steps\" list"));
  }
  for (const auto& s : steps->items) {
    POLICYLINT_TRY_ASSIGN(Step step, parse_step(s));
    method.steps.push_back(std::move(step));
  }
  const json::Value* sources = v.find("sources");
  if (sources == nullptr || !sources->is_array() || sources->items.empty()) {
    return fail(invalid(v, "method " + method.id + " must name its sources"));
  }
  for (const auto& s : sources->items) {
    if (!s.is_string()) {
      return fail(invalid(s, "a source must be a string"));
    }
    method.sources.push_back(s.text);
  }
  return method;
}

} // namespace

Result<std::vector<Method>> parse_methods(std::string_view text, std::string name) {
  const SourceFile file(std::move(name), std::string(text));
  POLICYLINT_TRY_ASSIGN(const json::Value root, json::parse(file));
  const json::Value* list = root.is_object() ? root.find("methods") : nullptr;
  if (list == nullptr || !list->is_array()) {
    return fail(invalid(root, "expected an object with a \"methods\" list"));
  }
  std::vector<Method> out;
  for (const auto& v : list->items) {
    POLICYLINT_TRY_ASSIGN(Method method, parse_method(v));
    const bool duplicate = std::any_of(out.begin(), out.end(), [&](const Method& m) { return m.id == method.id; });
    if (duplicate) {
      return fail(invalid(v, "method id " + method.id + " is used twice"));
    }
    out.push_back(std::move(method));
  }
  std::sort(out.begin(), out.end(), [](const Method& a, const Method& b) { return a.id < b.id; });
  return out;
}

std::span<const Method> methods() {
  static const std::vector<Method> k_methods = [] {
    auto parsed = parse_methods(embedded_text());
    if (!parsed) {
      // The build embeds a file the unit tests parse: a broken one here is a bug.
      std::fprintf(stderr, "policylint: internal error: embedded escalation methods: %s\n", parsed.error().message.c_str());
      std::abort();
    }
    return std::move(*parsed);
  }();
  return k_methods;
}

const Method* find_method(std::string_view id) {
  for (const Method& m : methods()) {
    if (m.id == id) {
      return &m;
    }
  }
  return nullptr;
}

std::string passed_to_service(const Step& step) {
  for (const auto& [key, value] : step.context) {
    if (key == "iam:PassedToService") {
      return value;
    }
  }
  return {};
}

} // namespace policylint::privesc
