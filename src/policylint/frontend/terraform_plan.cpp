#include <policylint/frontend/terraform_plan.hpp>
#include <policylint/frontend/policy_types.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace policylint::frontend {

namespace {

using account::PrincipalKind;

struct PlanResource {
  std::string address;
  std::string type;
  std::string mode; // managed | data
  const json::Value* values = nullptr;
  const json::Value* after_unknown = nullptr;
};

std::string text_of(const json::Value* object, std::string_view key) {
  if (object == nullptr) {
    return {};
  }
  const json::Value* v = object->find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

std::vector<std::string> strings_of(const json::Value* object, std::string_view key) {
  std::vector<std::string> out;
  const json::Value* v = object != nullptr ? object->find(key) : nullptr;
  if (v == nullptr) {
    return out;
  }
  if (v->is_string()) {
    out.push_back(v->text);
  }
  for (const auto& item : v->items) {
    if (item.is_string()) {
      out.push_back(item.text);
    }
  }
  return out;
}

// Attributes that hold a policy document, and what kind of document.
struct PolicyAttribute {
  std::string_view type; // resource type ("" = any type not listed)
  std::string_view attribute;
  policy::PolicyKind kind;
};

constexpr PolicyAttribute k_identity_attributes[] = {
    {"aws_iam_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_role_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_user_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_group_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_role", "assume_role_policy", policy::PolicyKind::trust},
};

class PlanReader {
public:
  PlanReader(const json::Value& root, Collector& c) : m_root(root), m_c(c) {}

  void run() {
    collect();
    for (auto& r : m_resources) {
      declare(r);
    }
    for (auto& r : m_resources) {
      extract(r);
    }
    for (auto& r : m_resources) {
      attach(r);
    }
  }

private:
  const json::Value& m_root;
  Collector& m_c;
  std::vector<PlanResource> m_resources;
  std::set<std::string, std::less<>> m_seen;
  std::map<std::string, std::size_t, std::less<>> m_policy_of_arn;     // known ARN → document
  std::map<std::string, std::size_t, std::less<>> m_policy_of_address; // aws_iam_policy address → document
  std::map<std::string, std::string, std::less<>> m_references;        // "address.attr" → referenced address

  account::Account& account() { return m_c.out().account; }

  void walk_module(const json::Value* module, bool data_only) {
    if (module == nullptr || !module->is_object()) {
      return;
    }
    if (const json::Value* resources = module->find("resources"); resources != nullptr) {
      for (const auto& r : resources->items) {
        PlanResource pr;
        pr.address = text_of(&r, "address");
        pr.type = text_of(&r, "type");
        pr.mode = text_of(&r, "mode");
        pr.values = r.find("values");
        if (data_only && pr.mode != "data") {
          continue;
        }
        if (pr.values == nullptr || !pr.values->is_object() || !m_seen.insert(pr.address).second) {
          continue;
        }
        m_resources.push_back(pr);
      }
    }
    if (const json::Value* children = module->find("child_modules"); children != nullptr) {
      for (const auto& child : children->items) {
        walk_module(&child, data_only);
      }
    }
  }

  void collect() {
    const json::Value* planned = m_root.find("planned_values");
    walk_module(planned != nullptr ? planned->find("root_module") : nullptr, false);
    const json::Value* prior = m_root.find("prior_state");
    const json::Value* prior_values = prior != nullptr ? prior->find("values") : nullptr;
    walk_module(prior_values != nullptr ? prior_values->find("root_module") : nullptr, true);
    // Unknown-at-plan attributes, and resources only in resource_changes.
    std::map<std::string, const json::Value*, std::less<>> unknown_of;
    if (const json::Value* changes = m_root.find("resource_changes"); changes != nullptr) {
      for (const auto& rc : changes->items) {
        const json::Value* change = rc.find("change");
        if (change == nullptr) {
          continue;
        }
        const std::string address = text_of(&rc, "address");
        unknown_of[address] = change->find("after_unknown");
        const json::Value* after = change->find("after");
        if (after != nullptr && after->is_object() && m_seen.insert(address).second) {
          PlanResource pr;
          pr.address = address;
          pr.type = text_of(&rc, "type");
          pr.mode = text_of(&rc, "mode");
          pr.values = after;
          m_resources.push_back(pr);
        }
      }
    }
    for (auto& r : m_resources) {
      if (auto it = unknown_of.find(r.address); it != unknown_of.end()) {
        r.after_unknown = it->second;
      }
    }
    read_references(m_root.find("configuration"));
  }

  // configuration.root_module.resources[].expressions.<attr>.references: how an attachment
  // names a policy whose ARN is unknown until apply ("aws_iam_policy.admin.arn").
  void read_references(const json::Value* configuration) {
    const json::Value* module = configuration != nullptr ? configuration->find("root_module") : nullptr;
    const json::Value* resources = module != nullptr ? module->find("resources") : nullptr;
    if (resources == nullptr) {
      return;
    }
    for (const auto& r : resources->items) {
      const std::string address = text_of(&r, "address");
      const json::Value* expressions = r.find("expressions");
      if (expressions == nullptr || !expressions->is_object()) {
        continue;
      }
      for (const auto& m : expressions->members) {
        const json::Value* refs = m.value.find("references");
        if (refs == nullptr) {
          continue;
        }
        for (const auto& ref : refs->items) {
          // The longest reference is listed first ("aws_iam_policy.a.arn", then "aws_iam_policy.a").
          if (ref.is_string() && !m_references.contains(address + "." + m.key)) {
            std::string target = ref.text;
            if (const auto dot = target.rfind('.'); dot != std::string::npos &&
                std::count(target.begin(), target.end(), '.') >= 2) {
              target.resize(dot);
            }
            m_references[address + "." + m.key] = target;
          }
        }
      }
    }
  }

  // The attribute's value is unknown until apply: say so where the plan says it.
  bool unknown(const PlanResource& r, std::string_view attribute) {
    if (r.after_unknown == nullptr) {
      return false;
    }
    const json::Value* flag = r.after_unknown->find(attribute);
    if (flag == nullptr || flag->text != "true") {
      return false;
    }
    for (const auto& m : r.after_unknown->members) {
      if (m.key == attribute) {
        m_c.note("value-unknown-at-plan", m.key_range,
                 fmt::format("{}.{} is known only after apply, so this policy cannot be linted from the plan",
                             r.address, attribute));
      }
    }
    return true;
  }

  std::optional<std::size_t> policy_string(const PlanResource& r, std::string_view attribute,
                                           std::optional<policy::PolicyKind> kind, std::string name = {},
                                           std::string arn = {}, std::optional<policy::PolicyType> type = std::nullopt) {
    const json::Value* v = r.values->find(attribute);
    if (v == nullptr || v->kind == json::Kind::null || (v->is_string() && v->text.empty())) {
      unknown(r, attribute);
      return std::nullopt;
    }
    DocumentInfo info;
    info.kind = kind;
    info.type = type;
    if (kind == policy::PolicyKind::resource) {
      add_resource_context(info, r.type);
    }
    info.origin = fmt::format("{}.{}", r.address, attribute);
    info.name = name.empty() ? info.origin : std::move(name);
    info.arn = std::move(arn);
    return m_c.add_value(*v, std::move(info));
  }

  void declare(const PlanResource& r) {
    std::optional<PrincipalKind> kind;
    std::string segment;
    if (r.type == "aws_iam_user") {
      kind = PrincipalKind::user;
      segment = "user";
    } else if (r.type == "aws_iam_group") {
      kind = PrincipalKind::group;
      segment = "group";
    } else if (r.type == "aws_iam_role") {
      kind = PrincipalKind::role;
      segment = "role";
    }
    if (!kind || r.mode == "data") {
      return;
    }
    account::Principal p;
    p.kind = *kind;
    p.name = text_of(r.values, "name");
    p.arn = text_of(r.values, "arn");
    p.file = m_c.file().path();
    if (const json::Value* n = r.values->find("name"); n != nullptr) {
      p.anchor = n->range;
    }
    p.permissions_boundary_arn = text_of(r.values, "permissions_boundary");
    m_principal_of_address[r.address] = account().principals.size();
    account().principals.push_back(std::move(p));
  }

  std::map<std::string, std::size_t, std::less<>> m_principal_of_address;

  std::optional<std::size_t> principal(PrincipalKind kind, std::string_view name) {
    for (std::size_t i = 0; i < account().principals.size(); ++i) {
      if (account().principals[i].kind == kind && account().principals[i].name == name && !name.empty()) {
        return i;
      }
    }
    return std::nullopt;
  }

  void extract(const PlanResource& r) {
    if (r.type == "aws_iam_policy_document" && r.mode == "data") {
      policy_string(r, "json", std::nullopt); // kind detected: the data source serves every kind
      return;
    }
    if (r.mode == "data") {
      return; // other data sources read existing objects; the account snapshot is the input for those
    }
    for (const auto& a : k_identity_attributes) {
      if (a.type != r.type) {
        continue;
      }
      const std::string name = text_of(r.values, "name");
      const std::string arn = text_of(r.values, "arn");
      auto index = policy_string(r, a.attribute, a.kind, a.kind == policy::PolicyKind::trust ? "trust policy" : name, arn);
      if (!index) {
        break;
      }
      if (r.type == "aws_iam_policy") {
        m_policy_of_address[r.address] = *index;
        if (!arn.empty()) {
          m_policy_of_arn[arn] = *index;
        }
      } else if (r.type == "aws_iam_role") {
        account().principals[m_principal_of_address[r.address]].trust_policy = *index;
      } else {
        const auto [key, kind] = r.type == "aws_iam_role_policy"   ? std::pair{"role", PrincipalKind::role}
                                 : r.type == "aws_iam_user_policy" ? std::pair{"user", PrincipalKind::user}
                                                                   : std::pair{"group", PrincipalKind::group};
        if (auto p = principal(kind, text_of(r.values, key))) {
          account().principals[*p].policies.push_back(*index);
        }
      }
    }
    if (r.type == "aws_iam_role") {
      inline_policies(r);
    }
    if (r.type == "aws_organizations_policy") {
      // An SCP or RCP: `content` is the document; other Organizations policy types are not IAM.
      if (const auto type = organizations_policy_type(text_of(r.values, "type"))) {
        if (auto index = policy_string(r, "content", policy::kind_of(*type), text_of(r.values, "name"), {}, type)) {
          account().organisation_policies.push_back(*index);
        }
      }
      return;
    }
    if (!r.type.starts_with("aws_iam_")) {
      // Bucket, queue, topic, key, repository, secret, endpoint, domain… policies, under the
      // attribute names the AWS provider uses for them.
      for (const char* attribute : {"policy", "access_policies", "policy_document", "resource_policy"}) {
        if (const json::Value* v = r.values->find(attribute); v != nullptr && v->is_string() &&
                                                               v->text.find("Statement") != std::string::npos) {
          policy_string(r, attribute, policy::PolicyKind::resource);
        } else if ((v == nullptr || v->kind == json::Kind::null) && r.type.ends_with("_policy")) {
          // Only a *_policy resource exists to set a policy; on others (aws_s3_bucket's legacy
          // `policy`) a computed attribute is not a policy being written.
          unknown(r, attribute);
        }
      }
    }
  }

  void inline_policies(const PlanResource& r) {
    const json::Value* list = r.values->find("inline_policy");
    if (list == nullptr) {
      return;
    }
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const json::Value& item = list->items[i];
      const json::Value* policy = item.find("policy");
      if (policy == nullptr || !policy->is_string() || policy->text.empty()) {
        continue;
      }
      DocumentInfo info;
      info.origin = fmt::format("{}.inline_policy[{}]", r.address, i);
      info.name = text_of(&item, "name");
      if (auto index = m_c.add_value(*policy, std::move(info))) {
        account().principals[m_principal_of_address[r.address]].policies.push_back(*index);
      }
    }
  }

  // The policy an attachment names: by ARN when known, else through the configuration's reference.
  std::optional<std::size_t> attached_policy(const PlanResource& r, std::string& arn) {
    arn = text_of(r.values, "policy_arn");
    if (auto it = m_policy_of_arn.find(arn); !arn.empty() && it != m_policy_of_arn.end()) {
      return it->second;
    }
    if (auto ref = m_references.find(r.address + ".policy_arn"); ref != m_references.end()) {
      if (auto it = m_policy_of_address.find(ref->second); it != m_policy_of_address.end()) {
        return it->second;
      }
    }
    return std::nullopt;
  }

  // A principal named by a plan value, or by the configuration's reference when unknown.
  std::vector<std::size_t> principals_named(const PlanResource& r, std::string_view attribute, PrincipalKind kind) {
    std::vector<std::size_t> out;
    for (const auto& n : strings_of(r.values, attribute)) {
      if (auto p = principal(kind, n)) {
        out.push_back(*p);
      }
    }
    if (out.empty()) {
      if (auto ref = m_references.find(r.address + "." + std::string(attribute)); ref != m_references.end()) {
        if (auto it = m_principal_of_address.find(ref->second); it != m_principal_of_address.end()) {
          out.push_back(it->second);
        }
      }
    }
    return out;
  }

  void attach_policy(const PlanResource& r, std::string_view attribute, PrincipalKind kind) {
    std::string arn;
    const auto doc = attached_policy(r, arn);
    for (auto p : principals_named(r, attribute, kind)) {
      if (doc) {
        account().principals[p].policies.push_back(*doc);
      } else if (!arn.empty()) {
        account().principals[p].unresolved_policy_arns.push_back(arn);
      }
    }
  }

  void attach(const PlanResource& r) {
    if (r.type == "aws_iam_role_policy_attachment") {
      attach_policy(r, "role", PrincipalKind::role);
    } else if (r.type == "aws_iam_user_policy_attachment") {
      attach_policy(r, "user", PrincipalKind::user);
    } else if (r.type == "aws_iam_group_policy_attachment") {
      attach_policy(r, "group", PrincipalKind::group);
    } else if (r.type == "aws_iam_policy_attachment") {
      attach_policy(r, "users", PrincipalKind::user);
      attach_policy(r, "roles", PrincipalKind::role);
      attach_policy(r, "groups", PrincipalKind::group);
    } else if (r.type == "aws_iam_group_membership") {
      const std::string group = text_of(r.values, "group");
      for (auto p : principals_named(r, "users", PrincipalKind::user)) {
        account().principals[p].groups.push_back(group);
      }
    } else if (r.type == "aws_iam_user_group_membership") {
      for (auto p : principals_named(r, "user", PrincipalKind::user)) {
        for (const auto& g : strings_of(r.values, "groups")) {
          account().principals[p].groups.push_back(g);
        }
      }
    } else if (r.type == "aws_iam_role" || r.type == "aws_iam_user" || r.type == "aws_iam_group") {
      if (r.type == "aws_iam_role" && r.mode != "data") {
        for (const auto& arn : strings_of(r.values, "managed_policy_arns")) {
          auto& p = account().principals[m_principal_of_address[r.address]];
          if (auto it = m_policy_of_arn.find(arn); it != m_policy_of_arn.end()) {
            p.policies.push_back(it->second);
          } else {
            p.unresolved_policy_arns.push_back(arn);
          }
        }
      }
    }
  }
};

} // namespace

bool looks_like_plan(const json::Value& root) {
  if (!root.is_object()) {
    return false;
  }
  const bool plan_part = root.find("planned_values") != nullptr || root.find("resource_changes") != nullptr;
  return plan_part && (root.find("format_version") != nullptr || root.find("terraform_version") != nullptr ||
                       root.find("planned_values") != nullptr);
}

void extract_terraform_plan(const json::Value& root, Collector& collector) {
  PlanReader(root, collector).run();
}

} // namespace policylint::frontend
