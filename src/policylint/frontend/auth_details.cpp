#include <policylint/frontend/auth_details.hpp>

#include <fmt/format.h>

#include <map>

namespace policylint::frontend {

namespace {

using account::PrincipalKind;

std::string text_of(const json::Value& object, std::string_view key) {
  const json::Value* v = object.find(key);
  return v != nullptr && v->is_string() ? v->text : std::string();
}

// A list that some samples give as a single object (aws-cli's example does for groups).
std::vector<const json::Value*> entries(const json::Value* list) {
  std::vector<const json::Value*> out;
  if (list == nullptr) {
    return out;
  }
  if (list->is_object()) {
    out.push_back(list);
  }
  for (const auto& item : list->items) {
    if (item.is_object()) {
      out.push_back(&item);
    }
  }
  return out;
}

std::string account_of(std::string_view arn) {
  // arn:aws:iam::123456789012:user/x
  std::size_t at = 0;
  for (int colons = 0; colons < 4; ++colons) {
    at = arn.find(':', at);
    if (at == std::string_view::npos) {
      return {};
    }
    ++at;
  }
  const auto end = arn.find(':', at);
  return end == std::string_view::npos ? std::string() : std::string(arn.substr(at, end - at));
}

class SnapshotReader {
public:
  SnapshotReader(const json::Value& root, Collector& c) : m_root(root), m_c(c) {}

  void run() {
    for (const json::Value* p : entries(m_root.find("Policies"))) {
      managed_policy(*p);
    }
    principals("UserDetailList", PrincipalKind::user, "UserName", "UserPolicyList");
    principals("GroupDetailList", PrincipalKind::group, "GroupName", "GroupPolicyList");
    principals("RoleDetailList", PrincipalKind::role, "RoleName", "RolePolicyList");
  }

private:
  const json::Value& m_root;
  Collector& m_c;
  std::map<std::string, std::size_t, std::less<>> m_managed; // ARN → account document

  account::Account& account() { return m_c.out().account; }

  void managed_policy(const json::Value& p) {
    const std::string arn = text_of(p, "Arn");
    const std::string name = text_of(p, "PolicyName");
    const std::string default_version = text_of(p, "DefaultVersionId");
    const bool aws_managed = arn.starts_with("arn:aws:iam::aws:") || arn.find(":iam::aws:policy/") != std::string::npos;
    const auto versions = entries(p.find("PolicyVersionList"));
    for (std::size_t i = 0; i < versions.size(); ++i) {
      const json::Value& v = *versions[i];
      const json::Value* is_default = v.find("IsDefaultVersion");
      const bool default_one = (is_default != nullptr && is_default->text == "true") ||
                               (!default_version.empty() && text_of(v, "VersionId") == default_version);
      const json::Value* doc = v.find("Document");
      if (doc == nullptr) {
        continue;
      }
      if (!default_one) {
        continue; // older versions are not in force; not linted, not in the account
      }
      DocumentInfo info;
      info.kind = policy::PolicyKind::identity;
      info.lint = !aws_managed;
      info.origin = fmt::format("policy {} version {}", name, text_of(v, "VersionId"));
      info.name = name;
      info.arn = arn;
      if (auto index = m_c.add_value(*doc, std::move(info))) {
        m_managed[arn] = *index;
      }
    }
  }

  void principals(std::string_view list, PrincipalKind kind, std::string_view name_key, std::string_view inline_key) {
    for (const json::Value* e : entries(m_root.find(list))) {
      account::Principal p;
      p.kind = kind;
      p.name = text_of(*e, name_key);
      p.arn = text_of(*e, "Arn");
      p.file = m_c.file().path();
      const json::Value* name_value = e->find(name_key);
      p.anchor = name_value != nullptr ? name_value->range : e->range;
      if (account().id.empty() && !p.arn.empty()) {
        const std::string id = account_of(p.arn);
        if (id.size() == 12 && id.find_first_not_of("0123456789") == std::string::npos) {
          account().id = id;
        }
      }
      const std::string who = fmt::format("{} {}", kind == PrincipalKind::user    ? "user"
                                                   : kind == PrincipalKind::group ? "group"
                                                                                  : "role",
                                          p.name);
      if (const json::Value* trust = e->find("AssumeRolePolicyDocument"); trust != nullptr) {
        DocumentInfo info;
        info.kind = policy::PolicyKind::trust;
        info.origin = who + " trust policy";
        info.name = "trust policy";
        p.trust_policy = m_c.add_value(*trust, std::move(info));
      }
      for (const json::Value* ip : entries(e->find(inline_key))) {
        const json::Value* doc = ip->find("PolicyDocument");
        if (doc == nullptr) {
          continue;
        }
        DocumentInfo info;
        info.origin = fmt::format("{} inline policy {}", who, text_of(*ip, "PolicyName"));
        info.name = text_of(*ip, "PolicyName");
        if (auto index = m_c.add_value(*doc, std::move(info))) {
          p.policies.push_back(*index);
        }
      }
      for (const json::Value* a : entries(e->find("AttachedManagedPolicies"))) {
        const std::string arn = text_of(*a, "PolicyArn");
        if (auto it = m_managed.find(arn); it != m_managed.end()) {
          p.policies.push_back(it->second);
        } else if (!arn.empty()) {
          p.unresolved_policy_arns.push_back(arn);
        }
      }
      if (const json::Value* b = e->find("PermissionsBoundary"); b != nullptr) {
        p.permissions_boundary_arn = text_of(*b, "PermissionsBoundaryArn");
        if (auto it = m_managed.find(p.permissions_boundary_arn); it != m_managed.end()) {
          p.permissions_boundary = it->second;
        }
      }
      if (const json::Value* groups = e->find("GroupList"); groups != nullptr) {
        for (const auto& g : groups->items) {
          if (g.is_string()) {
            p.groups.push_back(g.text);
          }
        }
      }
      account().principals.push_back(std::move(p));
    }
  }
};

} // namespace

bool looks_like_auth_details(const json::Value& root) {
  if (!root.is_object()) {
    return false;
  }
  for (const char* key : {"UserDetailList", "GroupDetailList", "RoleDetailList"}) {
    if (const json::Value* v = root.find(key); v != nullptr && v->is_array()) {
      return true;
    }
  }
  const json::Value* policies = root.find("Policies");
  return policies != nullptr && policies->is_array() && !policies->items.empty() &&
         policies->items[0].find("PolicyVersionList") != nullptr;
}

void extract_auth_details(const json::Value& root, Collector& collector) {
  SnapshotReader(root, collector).run();
}

} // namespace policylint::frontend
