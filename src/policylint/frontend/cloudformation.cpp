#include <policylint/frontend/cloudformation.hpp>
#include <policylint/frontend/compute_types.hpp>
#include <policylint/frontend/intrinsics.hpp>
#include <policylint/frontend/policy_types.hpp>
#include <policylint/frontend/stack_resources.hpp>
#include <policylint/frontend/resource_policy_types.hpp>

#include <fmt/format.h>

#include <map>

namespace policylint::frontend {

namespace {

using account::PrincipalKind;

struct Resource {
  std::string id;
  const json::Member* member = nullptr; // key = logical id, value = the resource
  std::string type;
  const json::Value* properties = nullptr;
  std::vector<std::string> suppressed; // Metadata: {policylint: {ignore: [...]}}
};

// An attachment decided after every resource is read (managed policies may come later).
struct Attachment {
  std::size_t principal = 0;
  std::string policy_arn;
  bool boundary = false;
};

std::vector<std::string> ignored_rules(const json::Value& resource) {
  std::vector<std::string> out;
  const json::Value* metadata = resource.find("Metadata");
  const json::Value* ours = metadata != nullptr ? metadata->find("policylint") : nullptr;
  const json::Value* ignore = ours != nullptr ? ours->find("ignore") : nullptr;
  if (ignore == nullptr) {
    return out;
  }
  if (ignore->is_string()) {
    out.push_back(ignore->text);
  }
  for (const auto& item : ignore->items) {
    if (item.is_string()) {
      out.push_back(item.text);
    }
  }
  return out;
}

class TemplateReader {
public:
  TemplateReader(const json::Value& root, Collector& collector) : m_root(root), m_c(collector) {}

  void run() {
    read_parameters();
    const json::Value* resources = m_root.find("Resources");
    if (resources == nullptr || !resources->is_object()) {
      return;
    }
    for (const auto& m : resources->members) {
      Resource r;
      r.id = m.key;
      r.member = &m;
      if (const json::Value* type = m.value.find("Type"); type != nullptr && type->is_string()) {
        r.type = type->text;
      }
      r.properties = m.value.find("Properties");
      if (r.properties != nullptr && !r.properties->is_object()) {
        r.properties = nullptr;
      }
      r.suppressed = ignored_rules(m.value);
      m_resources.push_back(std::move(r));
    }
    for (const auto& r : m_resources) {
      pin_to_stack(r);
    }
    for (const auto& r : m_resources) {
      declare(r);
    }
    for (const auto& r : m_resources) {
      extract(r);
    }
    for (const auto& r : m_resources) {
      compute(r);
    }
    attach();
  }

private:
  const json::Value& m_root;
  Collector& m_c;
  TemplateSymbols m_symbols;
  std::vector<Resource> m_resources;
  std::map<std::string, std::size_t, std::less<>> m_principal_of_id;
  std::map<std::string, std::size_t, std::less<>> m_managed_of_arn; // ARN → account document
  std::vector<Attachment> m_attachments;

  account::Account& account() { return m_c.out().account; }

  void read_parameters() {
    const json::Value* params = m_root.find("Parameters");
    if (params == nullptr || !params->is_object()) {
      return;
    }
    for (const auto& p : params->members) {
      const json::Value* def = p.value.find("Default");
      if (def != nullptr && (def->is_string() || def->kind == json::Kind::number)) {
        m_symbols.parameter_defaults[p.key] = def->text;
      }
    }
  }

  [[nodiscard]] const json::Value* prop(const Resource& r, std::string_view name) const {
    return r.properties != nullptr ? r.properties->find(name) : nullptr;
  }

  std::string literal_or(const Resource& r, std::string_view property, const std::string& fallback) {
    if (const json::Value* v = prop(r, property); v != nullptr) {
      if (auto s = resolve_string(*v, m_symbols); s && *s != "*") {
        return *s;
      }
    }
    return fallback;
  }

  // What Ref and GetAtt return for the resource: pinned to the stack's account, so that a
  // policy scoped to the stack's own topic or queue is not read as scoped to any (declare()
  // then sets IAM principals' exact values).
  void pin_to_stack(const Resource& r) {
    std::string name;
    if (const std::string_view property = name_property(r.type); !property.empty()) {
      name = literal_or(r, property, "");
    }
    auto values = stack_resource_values(r.type, name, k_template_account);
    if (values.ref) {
      m_symbols.refs[r.id] = std::move(*values.ref);
    }
    if (values.arn) {
      m_symbols.arns[r.id] = std::move(*values.arn);
    }
    if (values.arn_attribute != "Arn") {
      m_symbols.arn_attributes[r.id] = std::move(values.arn_attribute);
    }
    // Compute whose name is written: its ARN is known, and a policy naming it names that
    // resource, which runs with a role the account can show (compute()).
    if (const ComputeType* compute = cloudformation_compute_type(r.type)) {
      const std::string compute_name = literal_or(r, compute->cloudformation_name, "");
      if (compute_name.empty()) {
        return;
      }
      const std::string arn = compute_arn(*compute, k_template_account, compute_name);
      m_symbols.refs[r.id] = compute->cloudformation_ref_is_arn.empty() ? compute_name : arn;
      if (!compute->cloudformation_arn_attribute.empty()) {
        m_symbols.arns[r.id] = arn;
        if (compute->cloudformation_arn_attribute != "Arn") {
          m_symbols.arn_attributes[r.id] = std::string(compute->cloudformation_arn_attribute);
        }
      }
    }
  }

  // A compute resource whose name is written, with the role it runs with.
  void compute(const Resource& r) {
    const ComputeType* type = cloudformation_compute_type(r.type);
    const std::string name = type != nullptr ? literal_or(r, type->cloudformation_name, "") : std::string();
    if (name.empty()) {
      return;
    }
    std::string_view path = type->cloudformation_role;
    const json::Value* holder = r.properties;
    if (const auto dot = path.find('.'); dot != std::string_view::npos && holder != nullptr) {
      holder = holder->find(path.substr(0, dot));
      path = path.substr(dot + 1);
    }
    const json::Value* role = holder != nullptr && holder->is_object() ? holder->find(path) : nullptr;
    const auto role_arn = role != nullptr ? resolve_string(*role, m_symbols) : std::nullopt;
    if (!role_arn) {
      return;
    }
    account::Compute c;
    c.kind = type->kind;
    c.arn = compute_arn(*type, k_template_account, name);
    c.role_arn = *role_arn;
    c.service = type->service;
    c.file = m_c.file().path();
    c.anchor = r.member->key_range;
    account().compute.push_back(std::move(c));
  }

  // Users, groups, roles (and the role SAM creates for a function) become principals first, so
  // that policies can name them whatever the order of resources.
  void declare(const Resource& r) {
    std::optional<PrincipalKind> kind;
    std::string name;
    std::string segment;
    if (r.type == "AWS::IAM::User") {
      kind = PrincipalKind::user;
      name = literal_or(r, "UserName", r.id);
      segment = "user";
    } else if (r.type == "AWS::IAM::Group") {
      kind = PrincipalKind::group;
      name = literal_or(r, "GroupName", r.id);
      segment = "group";
    } else if (r.type == "AWS::IAM::Role") {
      kind = PrincipalKind::role;
      name = literal_or(r, "RoleName", r.id);
      segment = "role";
    } else if ((r.type == "AWS::Serverless::Function" || r.type == "AWS::Serverless::StateMachine") &&
               prop(r, "Role") == nullptr) {
      kind = PrincipalKind::role;
      name = r.id + "Role"; // the logical id SAM gives the role it generates
      segment = "role";
    } else if (r.type == "AWS::IAM::ManagedPolicy") {
      const std::string policy_name = literal_or(r, "ManagedPolicyName", r.id);
      m_symbols.refs[r.id] = fmt::format("arn:aws:iam::{}:policy/{}", k_template_account, policy_name);
      return;
    }
    if (!kind) {
      return;
    }
    account::Principal p;
    p.kind = *kind;
    p.name = name;
    p.arn = fmt::format("arn:aws:iam::{}:{}/{}", k_template_account, segment, name);
    p.file = m_c.file().path();
    p.anchor = r.member->key_range;
    if (r.type.starts_with("AWS::IAM::")) {
      m_symbols.refs[r.id] = name;
      m_symbols.arns[r.id] = p.arn;
    }
    m_principal_of_id[r.id] = account().principals.size();
    account().principals.push_back(std::move(p));
  }

  // The principal named `name` (a Ref already resolved to a name), or nullopt.
  std::optional<std::size_t> principal_named(std::string_view name, PrincipalKind kind) {
    for (std::size_t i = 0; i < account().principals.size(); ++i) {
      const auto& p = account().principals[i];
      if (p.kind == kind && (p.name == name || p.arn == name)) {
        return i;
      }
    }
    return std::nullopt;
  }

  std::optional<std::size_t> add(const Resource& r, const json::Value& value, std::string origin,
                                 policy::PolicyKind kind, std::string name = {}, std::string arn = {},
                                 std::optional<policy::PolicyType> type = std::nullopt) {
    DocumentInfo info;
    info.kind = kind;
    info.type = type;
    if (kind == policy::PolicyKind::resource) {
      add_resource_context(info, r.type);
    }
    info.origin = fmt::format("Resources.{}.{}", r.id, origin);
    info.name = name.empty() ? info.origin : std::move(name);
    info.arn = std::move(arn);
    info.suppressed = r.suppressed;
    if (is_intrinsic(value)) {
      json::Value copy = value;
      resolve_intrinsics(copy, m_symbols, m_c.out().notes, r.suppressed);
      if (copy.is_string() && copy.text.find('{') != std::string::npos) {
        // {"Fn::Sub": "{\"Statement\": …}"}: the document is JSON text with substitutions.
        return m_c.add_string(copy, std::move(info));
      }
      if (!copy.is_object()) {
        m_c.note("unresolved-intrinsic", value.range,
                 fmt::format("{}: the policy document is computed by {} and cannot be linted before deployment",
                             info.origin, value.members[0].key),
                 r.suppressed);
        return std::nullopt;
      }
      return m_c.add_tree(std::move(copy), std::move(info));
    }
    if (value.is_object()) {
      // Copied: `value` may sit in a tree that an enclosing intrinsic (Fn::If) built for the
      // moment. Without intrinsics inside, its ranges still cover plain JSON text to edit.
      info.editable = !contains_intrinsic(value);
      json::Value copy = value;
      resolve_intrinsics(copy, m_symbols, m_c.out().notes, r.suppressed);
      return m_c.add_tree(std::move(copy), std::move(info));
    }
    return m_c.add_value(value, std::move(info));
  }

  // Every element of a list property (or the single value), intrinsics resolved to strings.
  std::vector<std::string> strings_of(const json::Value* written) {
    std::vector<std::string> out;
    if (written == nullptr) {
      return out;
    }
    // An Fn::If may choose between two lists: resolve it (with its note) before reading.
    json::Value resolved = *written;
    resolve_intrinsics(resolved, m_symbols, m_c.out().notes, {});
    const json::Value* v = &resolved;
    if (v->is_array()) {
      for (const auto& item : v->items) {
        if (auto s = resolve_string(item, m_symbols)) {
          out.push_back(*s);
        }
      }
    } else if (auto s = resolve_string(*v, m_symbols)) {
      out.push_back(*s);
    }
    return out;
  }

  void inline_policies(const Resource& r, std::optional<std::size_t> principal) {
    const json::Value* written = prop(r, "Policies");
    if (written == nullptr) {
      return;
    }
    // Fn::If around an entry (or the list) must not hide a policy: resolve first.
    json::Value resolved = *written;
    resolve_intrinsics(resolved, m_symbols, m_c.out().notes, r.suppressed);
    const json::Value* policies = &resolved;
    if (!policies->is_array()) {
      m_c.note("malformed-policy", written->range,
               fmt::format("Resources.{}.Policies must be a list of {{PolicyName, PolicyDocument}}", r.id),
               r.suppressed);
      return;
    }
    for (std::size_t i = 0; i < policies->items.size(); ++i) {
      const json::Value& entry = policies->items[i];
      const json::Value* doc = entry.find("PolicyDocument");
      if (doc == nullptr) {
        m_c.note("malformed-policy", entry.range,
                 fmt::format("Resources.{}.Policies[{}] has no PolicyDocument", r.id, i), r.suppressed);
        continue;
      }
      std::string name = fmt::format("Policies[{}]", i);
      if (const json::Value* n = entry.find("PolicyName"); n != nullptr) {
        name = resolve_string(*n, m_symbols).value_or(name);
      }
      auto index = add(r, *doc, fmt::format("Policies[{}].PolicyDocument", i), policy::PolicyKind::identity, name);
      if (index && principal) {
        account().principals[*principal].policies.push_back(*index);
      }
    }
  }

  void managed_arns(const Resource& r, std::optional<std::size_t> principal) {
    if (!principal) {
      return;
    }
    for (auto& arn : strings_of(prop(r, "ManagedPolicyArns"))) {
      m_attachments.push_back({*principal, arn, false});
    }
    if (const json::Value* b = prop(r, "PermissionsBoundary"); b != nullptr) {
      if (auto arn = resolve_string(*b, m_symbols)) {
        m_attachments.push_back({*principal, *arn, true});
      }
    }
  }

  std::optional<std::size_t> principal_of(const Resource& r) {
    auto it = m_principal_of_id.find(r.id);
    return it == m_principal_of_id.end() ? std::nullopt : std::optional(it->second);
  }

  void attach_to_named(std::size_t doc, const json::Value* names, PrincipalKind kind) {
    for (const auto& n : strings_of(names)) {
      if (auto p = principal_named(n, kind)) {
        account().principals[*p].policies.push_back(doc);
      }
    }
  }

  void standalone_policy(const Resource& r, bool managed) {
    const json::Value* doc = prop(r, "PolicyDocument");
    if (doc == nullptr) {
      return;
    }
    const std::string name = managed ? literal_or(r, "ManagedPolicyName", r.id) : literal_or(r, "PolicyName", r.id);
    std::string arn;
    if (managed) {
      arn = m_symbols.refs[r.id];
    }
    auto index = add(r, *doc, "PolicyDocument", policy::PolicyKind::identity, name, arn);
    if (!index) {
      return;
    }
    if (managed) {
      m_managed_of_arn[arn] = *index;
    }
    attach_to_named(*index, prop(r, "Users"), PrincipalKind::user);
    attach_to_named(*index, prop(r, "Groups"), PrincipalKind::group);
    attach_to_named(*index, prop(r, "Roles"), PrincipalKind::role);
  }

  void principal_policy(const Resource& r, std::string_view name_property, PrincipalKind kind) {
    const json::Value* doc = prop(r, "PolicyDocument");
    if (doc == nullptr) {
      return;
    }
    auto index = add(r, *doc, "PolicyDocument", policy::PolicyKind::identity, literal_or(r, "PolicyName", r.id));
    if (index) {
      attach_to_named(*index, prop(r, name_property), kind);
    }
  }

  // `path` is a property, or "Outer.Inner" (DynamoDB's ResourcePolicy.PolicyDocument).
  void resource_policy(const Resource& r, const PolicyProperty& where) {
    const std::string_view path = where.path;
    const auto dot = path.find('.');
    const json::Value* doc = prop(r, path.substr(0, dot));
    if (doc != nullptr && dot != std::string_view::npos) {
      doc = doc->is_object() ? doc->find(path.substr(dot + 1)) : nullptr;
    }
    if (doc != nullptr && where.implicit_resource && doc->is_object()) {
      json::Value completed = *doc;
      add_implicit_resource(completed);
      add(r, completed, std::string(path), policy::PolicyKind::resource);
    } else if (doc != nullptr) {
      add(r, *doc, std::string(path), policy::PolicyKind::resource);
    }
  }

  // AWS::Lambda::Permission and AWS::Events::EventBusPolicy: one statement's parts, built into
  // the document the service stores, each value keeping its place in the template.
  void statement_policy(const Resource& r) {
    if (r.properties == nullptr || !r.properties->is_object()) {
      return;
    }
    json::Value properties = *r.properties;
    resolve_intrinsics(properties, m_symbols, m_c.out().notes, r.suppressed);
    const bool lambda = r.type == "AWS::Lambda::Permission";
    auto doc = lambda ? lambda_permission_document(properties, k_template_account)
                      : event_bus_statement_document(properties);
    if (doc) {
      add(r, *doc, lambda ? "Properties" : "Statement", policy::PolicyKind::resource);
    }
  }

  // An SCP or RCP: its Content is the document (other Organizations policy types are not IAM).
  void organizations_policy(const Resource& r) {
    const json::Value* type = prop(r, "Type");
    const auto org_type = type != nullptr && type->is_string() ? organizations_policy_type(type->text) : std::nullopt;
    if (const json::Value* content = prop(r, "Content"); content != nullptr && org_type) {
      const auto index = add(r, *content, "Content", policy::kind_of(*org_type), literal_or(r, "Name", r.id), {}, org_type);
      if (index) {
        account().organisation_policies.push_back(*index);
      }
    }
  }

  void sam_policies(const Resource& r) {
    const auto principal = principal_of(r);
    if (const json::Value* trust = prop(r, "AssumeRolePolicyDocument"); trust != nullptr) {
      auto index = add(r, *trust, "AssumeRolePolicyDocument", policy::PolicyKind::trust, "trust policy");
      if (index && principal) {
        account().principals[*principal].trust_policy = *index;
      }
    }
    if (const json::Value* b = prop(r, "PermissionsBoundary"); b != nullptr && principal) {
      if (auto arn = resolve_string(*b, m_symbols)) {
        m_attachments.push_back({*principal, *arn, true});
      }
    }
    const json::Value* policies = prop(r, "Policies");
    if (policies == nullptr) {
      return;
    }
    std::vector<const json::Value*> entries;
    if (policies->is_array()) {
      for (const auto& item : policies->items) {
        entries.push_back(&item);
      }
    } else {
      entries.push_back(policies);
    }
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const json::Value& e = *entries[i];
      const std::string origin = policies->is_array() ? fmt::format("Policies[{}]", i) : "Policies";
      if (e.is_string() || (is_intrinsic(e) && e.members[0].key != "Fn::If")) {
        // A managed policy, by name (SAM prefixes arn:aws:iam::aws:policy/) or by ARN.
        if (auto s = resolve_string(e, m_symbols); s && principal) {
          const std::string arn = s->starts_with("arn:") ? *s : "arn:aws:iam::aws:policy/" + *s;
          m_attachments.push_back({*principal, arn, false});
        }
        continue;
      }
      if (e.is_object() && (e.find("Statement") != nullptr || is_intrinsic(e))) {
        auto index = add(r, e, origin, policy::PolicyKind::identity, origin);
        if (index && principal) {
          account().principals[*principal].policies.push_back(*index);
        }
        continue;
      }
      if (e.is_object() && e.members.size() == 1) {
        m_c.note("policy-template-not-expanded", e.members[0].key_range,
                 fmt::format("Resources.{}.{}: SAM policy template {} is not expanded; its statements are not linted",
                             r.id, origin, e.members[0].key),
                 r.suppressed);
        continue;
      }
      m_c.note("malformed-policy", e.range,
               fmt::format("Resources.{}.{}: expected a policy name, a policy document or a SAM policy template",
                           r.id, origin),
               r.suppressed);
    }
  }

  void extract(const Resource& r) {
    const std::string& t = r.type;
    if (t == "AWS::IAM::Role" || t == "AWS::IAM::User" || t == "AWS::IAM::Group") {
      const auto principal = principal_of(r);
      if (t == "AWS::IAM::Role") {
        if (const json::Value* trust = prop(r, "AssumeRolePolicyDocument"); trust != nullptr) {
          auto index = add(r, *trust, "AssumeRolePolicyDocument", policy::PolicyKind::trust, "trust policy");
          if (index && principal) {
            account().principals[*principal].trust_policy = *index;
          }
        }
      }
      inline_policies(r, principal);
      managed_arns(r, principal);
      if (t == "AWS::IAM::User" && principal) {
        for (auto& g : strings_of(prop(r, "Groups"))) {
          account().principals[*principal].groups.push_back(g);
        }
      }
    } else if (t == "AWS::IAM::Policy") {
      standalone_policy(r, false);
    } else if (t == "AWS::IAM::ManagedPolicy") {
      standalone_policy(r, true);
    } else if (t == "AWS::IAM::RolePolicy") {
      principal_policy(r, "RoleName", PrincipalKind::role);
    } else if (t == "AWS::IAM::UserPolicy") {
      principal_policy(r, "UserName", PrincipalKind::user);
    } else if (t == "AWS::IAM::GroupPolicy") {
      principal_policy(r, "GroupName", PrincipalKind::group);
    } else if (t == "AWS::IAM::UserToGroupAddition") {
      const json::Value* group = prop(r, "GroupName");
      const auto group_name = group != nullptr ? resolve_string(*group, m_symbols) : std::nullopt;
      if (group_name) {
        for (auto& u : strings_of(prop(r, "Users"))) {
          if (auto p = principal_named(u, PrincipalKind::user)) {
            account().principals[*p].groups.push_back(*group_name);
          }
        }
      }
    } else if (const PolicyProperty* policy_property = resource_policy_property(t); policy_property != nullptr) {
      resource_policy(r, *policy_property);
    } else if (t == "AWS::Lambda::Permission" || t == "AWS::Events::EventBusPolicy") {
      statement_policy(r);
    } else if (t == "AWS::Serverless::Function" || t == "AWS::Serverless::StateMachine") {
      sam_policies(r);
    } else if (t == "AWS::Organizations::Policy") {
      organizations_policy(r);
    }
  }

  // ManagedPolicyArns and PermissionsBoundary: a managed policy of this template, else an ARN
  // that another input (snapshot, embedded AWS managed policies) may define.
  void attach() {
    for (const auto& a : m_attachments) {
      auto& p = account().principals[a.principal];
      auto it = m_managed_of_arn.find(a.policy_arn);
      if (a.boundary) {
        p.permissions_boundary_arn = a.policy_arn;
      }
      if (it == m_managed_of_arn.end()) {
        if (!a.boundary) {
          p.unresolved_policy_arns.push_back(a.policy_arn);
        }
        continue;
      }
      if (a.boundary) {
        p.permissions_boundary = it->second;
      } else {
        p.policies.push_back(it->second);
      }
    }
  }
};

} // namespace

bool looks_like_template(const json::Value& root) {
  if (!root.is_object()) {
    return false;
  }
  if (root.find("AWSTemplateFormatVersion") != nullptr) {
    return true;
  }
  const json::Value* resources = root.find("Resources");
  if (resources == nullptr || !resources->is_object()) {
    return false;
  }
  for (const auto& m : resources->members) {
    const json::Value* type = m.value.find("Type");
    if (type != nullptr && type->is_string() &&
        (type->text.starts_with("AWS::") || type->text.starts_with("Alexa::") || type->text.starts_with("Custom::"))) {
      return true;
    }
  }
  return false;
}

void extract_cloudformation(const json::Value& root, Collector& collector) {
  TemplateReader(root, collector).run();
}

} // namespace policylint::frontend
