#include <policylint/frontend/terraform_policy_document.hpp>

#include <fmt/format.h>

namespace policylint::frontend {

namespace {

json::Value string_at(std::string text, SourceRange range) {
  json::Value v;
  v.kind = json::Kind::string;
  v.text = std::move(text);
  v.range = range;
  return v;
}

json::Value object_at(SourceRange range) {
  json::Value v;
  v.kind = json::Kind::object;
  v.range = range;
  return v;
}

void add_member(json::Value& object, std::string key, SourceRange key_range, json::Value value) {
  json::Member m;
  m.key = std::move(key);
  m.key_range = key_range;
  m.value = std::move(value);
  object.members.push_back(std::move(m));
}

// A list attribute as a JSON array (a single string stays a one-element list).
json::Value list_of(const hcl::Attribute& a, HclValues& values) {
  json::Value v = values.to_json(a.value);
  if (!v.is_array()) {
    json::Value list;
    list.kind = json::Kind::array;
    list.range = v.range;
    list.items.push_back(std::move(v));
    return list;
  }
  return v;
}

// principals / not_principals blocks: {type: [identifiers…]} merged by type.
void add_principals(json::Value& statement, const hcl::Block& s, std::string_view block_type, std::string key,
                    HclValues& values) {
  json::Value principal;
  bool any = false;
  for (const auto& b : s.body.blocks) {
    if (b.type != block_type) {
      continue;
    }
    const hcl::Attribute* type = b.body.attribute("type");
    const hcl::Attribute* identifiers = b.body.attribute("identifiers");
    if (type == nullptr || identifiers == nullptr) {
      continue;
    }
    const std::string type_name = values.to_string(type->value);
    json::Value ids = list_of(*identifiers, values);
    if (!any) {
      principal = object_at(b.range);
      any = true;
    }
    if (type_name == "*") {
      principal = string_at("*", identifiers->value.range); // the provider renders "Principal": "*"
      continue;
    }
    if (!principal.is_object()) {
      continue;
    }
    json::Value* existing = nullptr;
    for (auto& m : principal.members) {
      existing = m.key == type_name ? &m.value : existing;
    }
    if (existing != nullptr) {
      for (auto& id : ids.items) {
        existing->items.push_back(std::move(id));
      }
    } else {
      add_member(principal, type_name, type->value.range, std::move(ids));
    }
  }
  if (any) {
    add_member(statement, std::move(key), principal.range, std::move(principal));
  }
}

void add_conditions(json::Value& statement, const hcl::Block& s, HclValues& values) {
  json::Value condition;
  for (const auto& b : s.body.blocks) {
    if (b.type != "condition") {
      continue;
    }
    const hcl::Attribute* test = b.body.attribute("test");
    const hcl::Attribute* variable = b.body.attribute("variable");
    const hcl::Attribute* list = b.body.attribute("values");
    if (test == nullptr || variable == nullptr || list == nullptr) {
      continue;
    }
    if (!condition.is_object()) {
      condition = object_at(b.range);
    }
    const std::string op = values.to_string(test->value);
    json::Value* block = nullptr;
    for (auto& m : condition.members) {
      block = m.key == op ? &m.value : block;
    }
    if (block == nullptr) {
      add_member(condition, op, test->value.range, object_at(b.range));
      block = &condition.members.back().value;
    }
    const std::string key = values.to_string(variable->value);
    json::Value vs = list_of(*list, values);
    json::Value* existing = nullptr;
    for (auto& m : block->members) {
      existing = m.key == key ? &m.value : existing;
    }
    if (existing != nullptr) {
      for (auto& v : vs.items) {
        existing->items.push_back(std::move(v));
      }
    } else {
      add_member(*block, key, variable->value.range, std::move(vs));
    }
  }
  if (condition.is_object()) {
    add_member(statement, "Condition", condition.range, std::move(condition));
  }
}

json::Value render_statement(const hcl::Block& s, HclValues& values) {
  json::Value st = object_at(s.range);
  if (const hcl::Attribute* sid = s.body.attribute("sid")) {
    add_member(st, "Sid", sid->name_range, values.to_json(sid->value));
  }
  if (const hcl::Attribute* effect = s.body.attribute("effect")) {
    add_member(st, "Effect", effect->name_range, values.to_json(effect->value));
  } else {
    add_member(st, "Effect", s.type_range, string_at("Allow", s.type_range)); // the provider's default
  }
  constexpr std::pair<std::string_view, std::string_view> k_lists[] = {
      {"actions", "Action"}, {"not_actions", "NotAction"}, {"resources", "Resource"}, {"not_resources", "NotResource"}};
  for (const auto& [attribute, key] : k_lists) {
    if (const hcl::Attribute* a = s.body.attribute(attribute)) {
      add_member(st, std::string(key), a->name_range, list_of(*a, values));
    }
  }
  add_principals(st, s, "principals", "Principal", values);
  add_principals(st, s, "not_principals", "NotPrincipal", values);
  add_conditions(st, s, values);
  return st;
}

std::string sid_of(const json::Value& statement) {
  const json::Value* sid = statement.find("Sid");
  return sid != nullptr && sid->is_string() ? sid->text : std::string();
}

// Statements of `incoming` replace those of `into` with the same non-empty Sid, or are appended.
void merge_by_sid(std::vector<json::Value>& into, std::vector<json::Value> incoming) {
  for (auto& s : incoming) {
    const std::string sid = sid_of(s);
    bool replaced = false;
    for (auto& existing : into) {
      if (!sid.empty() && sid_of(existing) == sid) {
        existing = s;
        replaced = true;
      }
    }
    if (!replaced) {
      into.push_back(std::move(s));
    }
  }
}

std::vector<json::Value> statements_of(const hcl::Attribute* a, HclValues& values, const DocumentResolver& resolve,
                                       std::vector<Note>& notes) {
  std::vector<json::Value> out;
  if (a == nullptr) {
    return out;
  }
  const hcl::Expr* list = &a->value;
  if (const hcl::Expr* target = values.dereference(*list)) {
    list = target;
  }
  if (list->kind != hcl::ExprKind::tuple) {
    notes.push_back({"unresolved-intrinsic", a->value.range,
                     fmt::format("{} is not a list known before plan: its statements are not merged", a->name), {}});
    return out;
  }
  for (const auto& item : list->items) {
    auto doc = resolve(item);
    if (!doc) {
      notes.push_back({"unresolved-intrinsic", item.range,
                       fmt::format("this element of {} is not known before plan: its statements are not merged", a->name),
                       {}});
      continue;
    }
    for (auto& m : doc->members) {
      if (m.key != "Statement") {
        continue;
      }
      if (m.value.is_array()) {
        for (auto& s : m.value.items) {
          out.push_back(std::move(s));
        }
      } else if (m.value.is_object()) {
        out.push_back(std::move(m.value));
      }
    }
  }
  return out;
}

} // namespace

json::Value render_policy_document(const hcl::Block& block, HclValues& values, const DocumentResolver& resolve,
                                   std::vector<Note>& notes) {
  json::Value doc = object_at(block.range);
  const SourceRange anchor = block.labels.empty() ? block.type_range : block.labels.back().range;
  if (const hcl::Attribute* version = block.body.attribute("version")) {
    add_member(doc, "Version", version->name_range, values.to_json(version->value));
  } else {
    add_member(doc, "Version", anchor, string_at("2012-10-17", anchor)); // the provider's default
  }
  if (const hcl::Attribute* id = block.body.attribute("policy_id")) {
    add_member(doc, "Id", id->name_range, values.to_json(id->value));
  }
  std::vector<json::Value> statements = statements_of(block.body.attribute("source_policy_documents"), values, resolve, notes);
  std::vector<json::Value> own;
  for (const auto& b : block.body.blocks) {
    if (b.type == "statement") {
      own.push_back(render_statement(b, values));
    } else if (b.type == "dynamic") {
      notes.push_back({"unresolved-intrinsic", b.range,
                       "a dynamic block is not expanded before plan: its statements are not linted", {}});
    }
  }
  merge_by_sid(statements, std::move(own));
  merge_by_sid(statements, statements_of(block.body.attribute("override_policy_documents"), values, resolve, notes));
  json::Value list;
  list.kind = json::Kind::array;
  list.range = block.range;
  list.items = std::move(statements);
  add_member(doc, "Statement", anchor, std::move(list));
  return doc;
}

} // namespace policylint::frontend
