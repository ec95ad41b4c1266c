// PL030: a Resource ARN whose service segment no AWS service uses: neither a service prefix of
// the catalog nor the service of any resource type's ARN template (retired services such as
// AWS's "sdb", typos such as "s4").
#include <policylint/engine/rule_context.hpp>
#include <policylint/engine/unit.hpp>
#include <policylint/eval/arn.hpp>
#include <policylint/generated/rule_declarations.hpp>
#include <policylint/query/engine.hpp>

#include <set>
#include <string>

namespace policylint::rules::validity {

namespace {

// The service segment of every ARN template of the catalog, lower case.
std::set<std::string, std::less<>> arn_services(const catalog::Catalog& cat) {
  std::set<std::string, std::less<>> out;
  for (const auto& service : cat.services()) {
    out.insert(query::to_lower(service.prefix()));
    for (const auto& type : service.resource_types()) {
      const auto arn = eval::parse_arn(type.arn_template());
      if (arn && arn->service.find("${") == std::string_view::npos) {
        out.insert(query::to_lower(arn->service));
      }
    }
  }
  return out;
}

// Built once per catalog and thread: a run uses one catalog, and each thread reads its own copy.
const std::set<std::string, std::less<>>& known_arn_services(const catalog::Catalog& cat) {
  thread_local const catalog::Catalog* built_for = nullptr;
  thread_local std::set<std::string, std::less<>> services;
  if (built_for != &cat) {
    services = arn_services(cat);
    built_for = &cat;
  }
  return services;
}

} // namespace

void check_resource_arn_unknown_service(const engine::PolicyUnit& unit, engine::RuleContext& ctx) {
  const std::set<std::string, std::less<>>* known = nullptr;
  for (const auto& st : unit.policy.statements) {
    for (const auto& r : st.resource.values) {
      const auto arn = eval::parse_arn(r.value);
      if (!arn || arn->service.empty() || arn->service.find_first_of("*?$") != std::string_view::npos) {
        continue;
      }
      // Most ARNs name their service's own prefix (s3, iam): a catalog look-up, without
      // building the set of every ARN template's service, which cost a one-file run ~0.4 ms.
      if (unit.catalog->find_service(arn->service)) {
        continue;
      }
      if (known == nullptr) {
        known = &known_arn_services(*unit.catalog);
      }
      if (!known->contains(query::to_lower(arn->service))) {
        ctx.report(r.range,
                   "\"{}\" in statement {} names service \"{}\", which no AWS service of the catalog ({}) uses in its "
                   "ARNs: a retired service or a typo, matching no resource",
                   r.value, st.label(), arn->service, unit.catalog->info().data_date)
            .statement = st.label();
      }
    }
  }
}

} // namespace policylint::rules::validity
