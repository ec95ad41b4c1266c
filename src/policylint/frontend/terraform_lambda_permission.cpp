#include <policylint/frontend/intrinsics.hpp>
#include <policylint/frontend/terraform_lambda_permission.hpp>

namespace policylint::frontend {

namespace {

json::Value make(json::Kind kind, SourceRange range, std::string text = {}) {
  json::Value v;
  v.kind = kind;
  v.range = range;
  v.text = std::move(text);
  return v;
}

void add(json::Value& object, std::string key, SourceRange range, json::Value value) {
  object.members.push_back({std::move(key), range, std::move(value)});
}

// Principal as Lambda records it: a service, everyone, or an account or ARN.
json::Value principal_of(const std::string& who, SourceRange range) {
  if (who == "*") {
    return make(json::Kind::string, range, "*");
  }
  json::Value p = make(json::Kind::object, range);
  add(p, who.ends_with(".amazonaws.com") || who.ends_with(".amazonaws.com.cn") ? "Service" : "AWS", range,
      make(json::Kind::string, range, who));
  return p;
}

} // namespace

json::Value render_lambda_permission(const hcl::Block& block, HclValues& values) {
  const hcl::Body& body = block.body;
  auto text = [&](std::string_view name) {
    const hcl::Attribute* a = body.attribute(name);
    return a != nullptr ? values.to_string(a->value) : std::string();
  };
  auto range = [&](std::string_view name) {
    const hcl::Attribute* a = body.attribute(name);
    return a != nullptr ? a->value.range : block.type_range;
  };
  json::Value statement = make(json::Kind::object, block.range);
  if (body.attribute("statement_id") != nullptr) {
    add(statement, "Sid", range("statement_id"), make(json::Kind::string, range("statement_id"), text("statement_id")));
  }
  add(statement, "Effect", block.type_range, make(json::Kind::string, block.type_range, "Allow"));
  add(statement, "Principal", range("principal"), principal_of(text("principal"), range("principal")));
  add(statement, "Action", range("action"), make(json::Kind::string, range("action"), text("action")));
  std::string function = text("function_name");
  if (!function.starts_with("arn:")) {
    function = "arn:aws:lambda:*:" + std::string(k_template_account) + ":function:" + (function.empty() ? "*" : function);
  }
  add(statement, "Resource", range("function_name"), make(json::Kind::string, range("function_name"), function));
  json::Value condition = make(json::Kind::object, block.range);
  auto condition_on = [&](std::string_view attribute, std::string op, std::string key) {
    if (body.attribute(attribute) == nullptr) {
      return;
    }
    json::Value block_value = make(json::Kind::object, range(attribute));
    add(block_value, std::move(key), range(attribute), make(json::Kind::string, range(attribute), text(attribute)));
    add(condition, std::move(op), range(attribute), std::move(block_value));
  };
  condition_on("source_arn", "ArnLike", "AWS:SourceArn");
  condition_on("source_account", "StringEquals", "AWS:SourceAccount");
  condition_on("principal_org_id", "StringEquals", "aws:PrincipalOrgID");
  condition_on("function_url_auth_type", "StringEquals", "lambda:FunctionUrlAuthType");
  if (!condition.members.empty()) {
    add(statement, "Condition", block.range, std::move(condition));
  }
  json::Value doc = make(json::Kind::object, block.range);
  add(doc, "Version", block.type_range, make(json::Kind::string, block.type_range, "2012-10-17"));
  json::Value list = make(json::Kind::array, block.range);
  list.items.push_back(std::move(statement));
  add(doc, "Statement", block.type_range, std::move(list));
  return doc;
}

} // namespace policylint::frontend
