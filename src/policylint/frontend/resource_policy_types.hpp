#pragma once
// The CloudFormation (and SAM) resource types that carry a resource-based policy document, and
// where in their Properties it is: the front end reads every one of them (docs/inputs.md), so a
// public grant in an ECR repository or an OpenSearch domain is linted like a bucket policy.
// AWS::Lambda::Permission and AWS::Events::EventBusPolicy hold one statement's parts instead of
// a document: lambda_permission_document / event_bus_statement_document build it, with every
// value keeping its place in the template.
#include <policylint/json/value.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace policylint::frontend {

struct PolicyProperty {
  std::string_view type;
  std::string_view path; // property, or "Outer.Inner" for a document nested one level down
  // The service's policies name no Resource (ECR: the repository itself is the resource).
  bool implicit_resource = false;
};

// Adds "Resource": "*" (the policy's own resource) to the statements that name neither
// Resource nor NotResource, for the types whose policies leave it implicit.
void add_implicit_resource(json::Value& document);

// Every type whose property is a whole policy document (an object, or JSON text in a string).
[[nodiscard]] std::span<const PolicyProperty> resource_policy_properties();
[[nodiscard]] const PolicyProperty* resource_policy_property(std::string_view type);

// The document an AWS::Lambda::Permission grants: Principal, Action, FunctionName and the
// SourceArn / SourceAccount / PrincipalOrgID / FunctionUrlAuthType conditions, as Lambda writes
// it into the function's policy. nullopt without Principal or Action.
[[nodiscard]] std::optional<json::Value> lambda_permission_document(const json::Value& properties,
                                                                    std::string_view template_account);

// {"Version", "Statement": [Statement]} for an AWS::Events::EventBusPolicy's Statement property.
[[nodiscard]] std::optional<json::Value> event_bus_statement_document(const json::Value& properties);

} // namespace policylint::frontend
