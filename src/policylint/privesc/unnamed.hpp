#pragma once
// "Is a method's target step allowed on a resource nobody names?" is asked with stand-in
// resources. A step that fixes no resource (lambda:UpdateFunctionCode, ssm:SendCommand) gets
// one stand-in per resource type of its action: the type's ARN template with the resource's
// name spelled `*policylint-unnamed*` and every other placeholder `*`, so that "function:*",
// "function:report-*" and "instance/*" leave the name free, and "function:report" or
// "stack/web/*" (a stack's name, then its id) name it.
#include <policylint/catalog/catalog.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace policylint::privesc {

inline constexpr std::string_view k_unnamed = "policylint-unnamed";

// The stand-ins of `action`'s resource types; empty when the catalog does not list the action
// or none of its types is an ARN with a name (the method data's own stand-in serves then).
[[nodiscard]] std::vector<std::string> unnamed_stand_ins(std::string_view action, const catalog::Catalog& catalog);

// Whether `resource` is an ARN of one of the stand-ins, each '*' (a placeholder's value)
// spanning no '/' and no ':'. Resource matching lets a '*' span both, so the engine's witness
// for a pattern naming one stack ("stack/web/*") is "stack/web/policylint-unnamed/": the
// stand-in's name taking "web/" too. No resource of the type is spelled so, and such a witness
// counts as no answer.
[[nodiscard]] bool is_stand_in(std::string_view resource, std::span<const std::string> stand_ins);

} // namespace policylint::privesc
