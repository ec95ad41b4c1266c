#include <policylint/frontend/resource_policy_types.hpp>

#include <algorithm>
#include <array>
#include <string>

namespace policylint::frontend {

namespace {

// From the CloudFormation resource reference (resource-based policies that use the IAM policy
// grammar). OpenSearch Serverless and IoT policies use other grammars and are not listed.
constexpr std::array k_properties{
    PolicyProperty{"AWS::ApiGateway::RestApi", "Policy"},
    PolicyProperty{"AWS::Backup::BackupVault", "AccessPolicy"},
    PolicyProperty{"AWS::CloudTrail::ResourcePolicy", "ResourcePolicy"},
    PolicyProperty{"AWS::CodeArtifact::Domain", "PermissionsPolicyDocument"},
    PolicyProperty{"AWS::CodeArtifact::Repository", "PermissionsPolicyDocument"},
    PolicyProperty{"AWS::DynamoDB::Table", "ResourcePolicy.PolicyDocument"},
    PolicyProperty{"AWS::EC2::VPCEndpoint", "PolicyDocument"},
    PolicyProperty{"AWS::ECR::PublicRepository", "RepositoryPolicyText", true},
    PolicyProperty{"AWS::ECR::RegistryPolicy", "PolicyText"},
    PolicyProperty{"AWS::ECR::Repository", "RepositoryPolicyText", true},
    PolicyProperty{"AWS::EFS::FileSystem", "FileSystemPolicy"},
    PolicyProperty{"AWS::Elasticsearch::Domain", "AccessPolicies"},
    PolicyProperty{"AWS::EventSchemas::RegistryPolicy", "Policy"},
    PolicyProperty{"AWS::Events::EventBus", "Policy"},
    PolicyProperty{"AWS::Glacier::Vault", "AccessPolicy"},
    PolicyProperty{"AWS::Kinesis::ResourcePolicy", "ResourcePolicy"},
    PolicyProperty{"AWS::KMS::Key", "KeyPolicy"},
    PolicyProperty{"AWS::KMS::ReplicaKey", "KeyPolicy"},
    PolicyProperty{"AWS::Lex::ResourcePolicy", "Policy"},
    PolicyProperty{"AWS::Logs::ResourcePolicy", "PolicyDocument"},
    PolicyProperty{"AWS::MediaStore::Container", "Policy"},
    PolicyProperty{"AWS::OpenSearchService::Domain", "AccessPolicies"},
    PolicyProperty{"AWS::S3::AccessPoint", "Policy"},
    PolicyProperty{"AWS::S3::BucketPolicy", "PolicyDocument"},
    PolicyProperty{"AWS::S3::MultiRegionAccessPointPolicy", "Policy"},
    PolicyProperty{"AWS::S3Express::BucketPolicy", "PolicyDocument"},
    PolicyProperty{"AWS::S3ObjectLambda::AccessPointPolicy", "PolicyDocument"},
    PolicyProperty{"AWS::SecretsManager::ResourcePolicy", "ResourcePolicy"},
    PolicyProperty{"AWS::SNS::TopicPolicy", "PolicyDocument"},
    PolicyProperty{"AWS::SQS::QueuePolicy", "PolicyDocument"},
    PolicyProperty{"AWS::SSM::ResourcePolicy", "Policy"},
    PolicyProperty{"AWS::VpcLattice::AuthPolicy", "Policy"},
    PolicyProperty{"AWS::VpcLattice::ResourcePolicy", "Policy"},
    PolicyProperty{"AWS::XRay::ResourcePolicy", "PolicyDocument"},
};

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
  object.members.push_back(json::Member{std::move(key), key_range, std::move(value)});
}

const json::Member* member_named(const json::Value& object, std::string_view key) {
  const auto it = std::find_if(object.members.begin(), object.members.end(),
                               [&](const json::Member& m) { return m.key == key; });
  return it == object.members.end() ? nullptr : &*it;
}

json::Value document_of(json::Value statement, SourceRange range) {
  json::Value doc = object_at(range);
  add_member(doc, "Version", range, string_at("2012-10-17", range));
  json::Value list;
  list.kind = json::Kind::array;
  list.range = statement.range;
  list.items.push_back(std::move(statement));
  add_member(doc, "Statement", range, std::move(list));
  return doc;
}

} // namespace

void add_implicit_resource(json::Value& document) {
  json::Value* statements = nullptr;
  for (auto& m : document.members) {
    if (m.key == "Statement") {
      statements = &m.value;
    }
  }
  if (statements == nullptr) {
    return;
  }
  const auto complete = [](json::Value& st) {
    if (st.is_object() && member_named(st, "Resource") == nullptr && member_named(st, "NotResource") == nullptr) {
      add_member(st, "Resource", st.range, string_at("*", st.range));
    }
  };
  if (statements->is_object()) {
    complete(*statements);
  }
  for (auto& st : statements->items) {
    complete(st);
  }
}

std::span<const PolicyProperty> resource_policy_properties() { return k_properties; }

const PolicyProperty* resource_policy_property(std::string_view type) {
  const auto it = std::find_if(k_properties.begin(), k_properties.end(),
                               [&](const PolicyProperty& p) { return p.type == type; });
  return it == k_properties.end() ? nullptr : &*it;
}

std::optional<json::Value> lambda_permission_document(const json::Value& properties,
                                                      std::string_view template_account) {
  const json::Member* principal = member_named(properties, "Principal");
  const json::Member* action = member_named(properties, "Action");
  if (principal == nullptr || action == nullptr || !principal->value.is_string()) {
    return std::nullopt;
  }
  json::Value st = object_at(properties.range);
  add_member(st, "Effect", action->key_range, string_at("Allow", action->key_range));
  // Lambda's own mapping: "*" is everyone, a service's domain is a service principal, an
  // account id or ARN is an AWS principal.
  const std::string& who = principal->value.text;
  if (who == "*") {
    add_member(st, "Principal", principal->key_range, principal->value);
  } else {
    json::Value p = object_at(principal->value.range);
    const bool service = who.find(".amazonaws.com") != std::string::npos || who.ends_with(".amazonaws.com.cn");
    add_member(p, service ? "Service" : "AWS", principal->key_range, principal->value);
    add_member(st, "Principal", principal->key_range, std::move(p));
  }
  add_member(st, "Action", action->key_range, action->value);
  const json::Member* function = member_named(properties, "FunctionName");
  std::string resource = "*";
  SourceRange resource_range = properties.range;
  if (function != nullptr && function->value.is_string()) {
    const std::string& name = function->value.text;
    resource = name.starts_with("arn:")
                   ? name
                   : "arn:aws:lambda:us-east-1:" + std::string(template_account) + ":function:" + name;
    resource_range = function->value.range;
  }
  add_member(st, "Resource", function != nullptr ? function->key_range : properties.range,
             string_at(resource, resource_range));
  json::Value condition = object_at(properties.range);
  const auto condition_on = [&](std::string_view property, std::string op, std::string key) {
    const json::Member* m = member_named(properties, property);
    if (m == nullptr || !m->value.is_string()) {
      return;
    }
    json::Value block = object_at(m->value.range);
    add_member(block, std::move(key), m->key_range, m->value);
    add_member(condition, std::move(op), m->key_range, std::move(block));
  };
  condition_on("SourceArn", "ArnLike", "AWS:SourceArn");
  condition_on("SourceAccount", "StringEquals", "AWS:SourceAccount");
  condition_on("PrincipalOrgID", "StringEquals", "aws:PrincipalOrgID");
  condition_on("FunctionUrlAuthType", "StringEquals", "lambda:FunctionUrlAuthType");
  if (!condition.members.empty()) {
    // Two blocks with one operator ("StringEquals" twice) merge, as in Lambda's policy.
    json::Value merged = object_at(properties.range);
    for (auto& m : condition.members) {
      auto it = std::find_if(merged.members.begin(), merged.members.end(),
                             [&](const json::Member& e) { return e.key == m.key; });
      if (it == merged.members.end()) {
        merged.members.push_back(std::move(m));
      } else {
        for (auto& inner : m.value.members) {
          it->value.members.push_back(std::move(inner));
        }
      }
    }
    add_member(st, "Condition", properties.range, std::move(merged));
  }
  return document_of(std::move(st), properties.range);
}

std::optional<json::Value> event_bus_statement_document(const json::Value& properties) {
  const json::Member* statement = member_named(properties, "Statement");
  if (statement == nullptr || !statement->value.is_object()) {
    return std::nullopt;
  }
  return document_of(statement->value, properties.range);
}

} // namespace policylint::frontend
