#include <policylint/frontend/aws_cli.hpp>

namespace policylint::frontend {

namespace {

std::string text_of(const json::Value& object, std::string_view key) {
  const json::Value* v = object.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

DocumentInfo info(policy::PolicyKind kind, std::string origin, std::string name) {
  DocumentInfo out;
  out.kind = kind;
  out.origin = std::move(origin);
  out.name = std::move(name);
  return out;
}

const json::Value* attributes_policy(const json::Value& root) {
  const json::Value* attributes = root.find("Attributes");
  return attributes != nullptr && attributes->is_object() ? attributes->find("Policy") : nullptr;
}

} // namespace

bool looks_like_cli_response(const json::Value& root) {
  if (!root.is_object() || root.find("Statement") != nullptr) {
    return false;
  }
  const json::Value* role = root.find("Role");
  const json::Value* version = root.find("PolicyVersion");
  const json::Value* policy = root.find("Policy");
  return (role != nullptr && role->is_object() && role->find("AssumeRolePolicyDocument") != nullptr) ||
         (version != nullptr && version->is_object() && version->find("Document") != nullptr) ||
         (policy != nullptr && policy->is_string()) ||
         (root.find("PolicyDocument") != nullptr && root.find("PolicyName") != nullptr) ||
         attributes_policy(root) != nullptr;
}

void extract_cli_response(const json::Value& root, Collector& c) {
  if (const json::Value* role = root.find("Role"); role != nullptr && role->is_object()) {
    if (const json::Value* trust = role->find("AssumeRolePolicyDocument"); trust != nullptr) {
      account::Principal p;
      p.kind = account::PrincipalKind::role;
      p.name = text_of(*role, "RoleName");
      p.arn = text_of(*role, "Arn");
      p.file = c.file().path();
      p.anchor = role->range;
      p.trust_policy = c.add_value(*trust, info(policy::PolicyKind::trust, "Role.AssumeRolePolicyDocument", "trust policy"));
      c.out().account.principals.push_back(std::move(p));
    }
  }
  if (const json::Value* version = root.find("PolicyVersion"); version != nullptr && version->is_object()) {
    if (const json::Value* doc = version->find("Document"); doc != nullptr) {
      c.add_value(*doc, info(policy::PolicyKind::identity, "PolicyVersion.Document", "PolicyVersion.Document"));
    }
  }
  if (const json::Value* policy = root.find("Policy"); policy != nullptr && policy->is_string()) {
    c.add_value(*policy, info(policy::PolicyKind::resource, "Policy", "Policy"));
  }
  if (const json::Value* policy = attributes_policy(root); policy != nullptr) {
    c.add_value(*policy,
                info(policy::PolicyKind::resource, "Attributes.Policy", "Attributes.Policy"));
  }
  if (const json::Value* doc = root.find("PolicyDocument"); doc != nullptr) {
    c.add_value(*doc, info(policy::PolicyKind::identity, "PolicyDocument", text_of(root, "PolicyName")));
  }
}

} // namespace policylint::frontend
