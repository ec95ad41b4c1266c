#pragma once
// How PL005 and PL024 judge an action name the catalog lacks. The catalog is a dated copy of
// AWS's Service Authorization Reference and AWS adds actions every week, so an unknown name is
// one of three things:
//   * known after all: an AWS managed policy grants it by name (AWS's own use is evidence);
//   * a typo: within two edits of a real action of the same service (s3:GetObjekt), an error;
//   * probably newer than the catalog: the service exists (in the catalog, or named by an AWS
//     managed policy) and the name is a well-formed ActionName: a note naming the catalog's date.
#include <policylint/catalog/catalog.hpp>
#include <policylint/engine/unit.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace policylint::rules::support {

// A literal "service:ActionName" that some embedded AWS managed policy names in Action or
// NotAction (case-insensitive). Built once, on first use, from the embedded policies.
[[nodiscard]] bool named_by_aws_managed_policy(std::string_view action);

// A service prefix that some embedded AWS managed policy names in an action or pattern
// ("datazonecontrol:*"): the service exists even if the catalog lacks it.
[[nodiscard]] bool service_named_by_aws_managed_policy(std::string_view prefix);

// A condition key that some embedded AWS managed policy tests (aws:PrincipalOrgMasterAccountId).
[[nodiscard]] bool condition_key_named_by_aws_managed_policy(std::string_view key);

// The real action of the same service within two edits of `action` (case-insensitive), if any.
[[nodiscard]] std::optional<std::string> near_typo_of(const catalog::Catalog& cat, std::string_view action);

// Letters and digits, starting with a letter: the shape of every AWS action name.
[[nodiscard]] bool well_formed_action_name(std::string_view name) noexcept;

enum class UnknownAction {
  known,              // in the catalog or named by an AWS managed policy: nothing to report
  error,              // unknown service, malformed name or near-typo: PL005
  newer_than_catalog, // a service the catalog or AWS's policies know, a well-formed name, no typo: PL024
};
// Only for a literal, wildcard-free "service:name".
[[nodiscard]] UnknownAction classify_action(const catalog::Catalog& cat, std::string_view action);

// The same, kept for the document: PL005 and PL024 ask it of the same names, and a name the
// catalog lacks costs an edit-distance pass over every action of its service.
[[nodiscard]] UnknownAction classify_action(const engine::PolicyUnit& unit, std::string_view action);

} // namespace policylint::rules::support
