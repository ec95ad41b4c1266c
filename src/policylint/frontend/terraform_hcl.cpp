#include <policylint/frontend/collector.hpp>
#include <policylint/frontend/hcl_values.hpp>
#include <policylint/frontend/intrinsics.hpp>
#include <policylint/frontend/offset_map.hpp>
#include <policylint/frontend/compute_types.hpp>
#include <policylint/frontend/terraform_hcl.hpp>
#include <policylint/frontend/policy_types.hpp>
#include <policylint/frontend/stack_resources.hpp>
#include <policylint/frontend/terraform_lambda_permission.hpp>
#include <policylint/frontend/terraform_policy_document.hpp>
#include <policylint/hcl/parser.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace policylint::frontend {

namespace {

using account::PrincipalKind;
using hcl::ExprKind;

constexpr int k_max_indirection = 16;

struct Resource {
  const hcl::Block* block = nullptr;
  std::string type;
  std::string address; // "aws_iam_role.admin", "data.aws_iam_policy_document.trust"
};

// Resource attributes that hold a policy document, and of what kind.
struct PolicyAttribute {
  std::string_view type;
  std::string_view attribute;
  policy::PolicyKind kind;
};

constexpr PolicyAttribute k_policy_attributes[] = {
    {"aws_iam_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_role_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_user_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_group_policy", "policy", policy::PolicyKind::identity},
    {"aws_iam_role", "assume_role_policy", policy::PolicyKind::trust},
};

// Attribute names under which other resources of the AWS provider take a resource policy
// (bucket, queue, topic, key, repository, secret, domain…).
constexpr std::string_view k_resource_policy_attributes[] = {"policy", "access_policies", "policy_document",
                                                              "resource_policy"};


class HclReader {
public:
  HclReader(const hcl::Body& body, Collector& c)
      : m_body(body), m_c(c), m_values(m_symbols, c.out().notes) {}

  void run() {
    collect();
    for (const auto& r : m_resources) {
      declare(r);
    }
    for (const auto& r : m_resources) {
      if (r.type == "aws_iam_policy_document" && r.address.starts_with("data.")) {
        render(r.address);
      }
    }
    for (const auto& r : m_resources) {
      extract(r);
    }
    for (const auto& r : m_resources) {
      if (r.type == "aws_iam_policy_document" && r.address.starts_with("data.")) {
        (void)data_document(r.address, std::nullopt); // the unused ones are linted too
      }
    }
    for (const auto& r : m_resources) {
      attach(r);
    }
    for (const auto& r : m_resources) {
      compute(r);
    }
  }

private:
  const hcl::Body& m_body;
  Collector& m_c;
  ModuleSymbols m_symbols;
  HclValues m_values;
  std::vector<Resource> m_resources;

  struct Rendered {
    enum class State { rendering, done } state = State::rendering;
    json::Value tree;
    std::optional<std::size_t> document; // index in account.documents once added
  };
  std::map<std::string, Rendered, std::less<>> m_rendered;
  std::map<std::string, std::size_t, std::less<>> m_principal_of_address;
  std::map<std::string, std::size_t, std::less<>> m_policy_of_address;
  std::map<std::string, std::size_t, std::less<>> m_policy_of_arn;

  account::Account& account() { return m_c.out().account; }

  void note(SourceRange range, std::string message) { m_c.note("unresolved-intrinsic", range, std::move(message)); }

  // --- symbols --------------------------------------------------------------------------

  void collect() {
    for (const auto& b : m_body.blocks) {
      if (b.type == "variable" && b.labels.size() == 1) {
        if (const hcl::Attribute* d = b.body.attribute("default")) {
          m_symbols.variable_defaults[b.labels[0].text] = &d->value;
        }
      } else if (b.type == "locals") {
        for (const auto& a : b.body.attributes) {
          m_symbols.locals[a.name] = &a.value;
        }
      } else if ((b.type == "resource" || b.type == "data") && b.labels.size() == 2) {
        Resource r;
        r.block = &b;
        r.type = b.labels[0].text;
        r.address = (b.type == "data" ? "data." : "") + r.type + "." + b.labels[1].text;
        m_resources.push_back(std::move(r));
      }
    }
    // Names first (ARNs are built from them), then ARNs.
    for (const auto& r : m_resources) {
      const std::string segment = iam_segment(r.type);
      if (segment.empty() || r.address.starts_with("data.")) {
        continue;
      }
      const hcl::Attribute* name = r.block->body.attribute("name");
      const std::string text = name != nullptr ? m_values.to_string(name->value) : r.block->labels[1].text;
      m_symbols.names[r.address] = text;
      // The module's own account, as for templates.
      m_symbols.arns[r.address] = fmt::format("arn:aws:iam::{}:{}/{}", k_template_account, segment, text);
    }
    // Compute of the module whose name is known: a policy naming it (`aws_lambda_function.x.arn`)
    // names that resource, which runs with a role the account can show.
    for (const auto& r : m_resources) {
      const ComputeType* type = terraform_compute_type(r.type);
      const hcl::Attribute* name = type != nullptr && !r.address.starts_with("data.")
                                       ? r.block->body.attribute(type->terraform_name)
                                       : nullptr;
      const std::string text = name != nullptr ? m_values.to_string(name->value) : std::string();
      if (text.empty() || text.find('*') != std::string::npos) {
        continue; // a name AWS or an unknown value chooses
      }
      m_symbols.names[r.address] = text;
      m_symbols.arns[r.address] = compute_arn(*type, k_template_account, text);
    }
    // Every other resource of the module lives in the module's account, as a template's
    // resources do in the stack's (stack_resources.hpp): a queue policy whose aws:SourceArn is
    // `aws_sns_topic.events.arn` is scoped to this account's topic, not to any ARN.
    for (const auto& r : m_resources) {
      if (r.address.starts_with("data.") || !r.type.starts_with("aws_") || m_symbols.arns.contains(r.address) ||
          !iam_segment(r.type).empty()) {
        continue;
      }
      const auto [cloudformation_type, name_attribute] = stack_equivalent(r.type);
      if (cloudformation_type.empty() && (r.type.starts_with("aws_s3_") || r.type.starts_with("aws_route53_"))) {
        continue; // their ARNs name no account: any ARN, as before
      }
      const hcl::Attribute* name = name_attribute.empty() ? nullptr : r.block->body.attribute(name_attribute);
      std::string text = name != nullptr ? m_values.to_string(name->value) : std::string();
      if (text.find_first_of("*?") != std::string::npos) {
        text.clear();
      }
      auto values = stack_resource_values(cloudformation_type, text, k_template_account);
      if (values.arn) {
        m_symbols.arns[r.address] = std::move(*values.arn);
      }
      if (r.type == "aws_s3_bucket" && !text.empty()) {
        m_symbols.names[r.address] = text; // a bucket's id is its name
      }
    }
  }

  // The CloudFormation type whose Ref and GetAtt values a Terraform resource shares, and the
  // attribute that names it; empty for the rest (any resource of the account).
  static std::pair<std::string_view, std::string_view> stack_equivalent(std::string_view type) {
    if (type == "aws_sns_topic") {
      return {"AWS::SNS::Topic", "name"};
    }
    if (type == "aws_sqs_queue") {
      return {"AWS::SQS::Queue", "name"};
    }
    if (type == "aws_s3_bucket") {
      return {"AWS::S3::Bucket", "bucket"};
    }
    if (type == "aws_secretsmanager_secret") {
      return {"AWS::SecretsManager::Secret", "name"};
    }
    if (type == "aws_sfn_state_machine") {
      return {"AWS::StepFunctions::StateMachine", "name"};
    }
    return {"", ""};
  }

  static std::string iam_segment(std::string_view type) {
    if (type == "aws_iam_user") {
      return "user";
    }
    if (type == "aws_iam_role") {
      return "role";
    }
    if (type == "aws_iam_group") {
      return "group";
    }
    if (type == "aws_iam_policy") {
      return "policy";
    }
    return {};
  }

  void declare(const Resource& r) {
    const std::string segment = iam_segment(r.type);
    if (segment.empty() || segment == "policy" || r.address.starts_with("data.")) {
      return;
    }
    account::Principal p;
    p.kind = segment == "user" ? PrincipalKind::user : segment == "role" ? PrincipalKind::role : PrincipalKind::group;
    p.name = m_symbols.names[r.address];
    p.arn = m_symbols.arns[r.address];
    p.file = m_c.file().path();
    const hcl::Attribute* name = r.block->body.attribute("name");
    p.anchor = name != nullptr ? name->value.range : r.block->labels[1].range;
    if (const hcl::Attribute* boundary = r.block->body.attribute("permissions_boundary")) {
      p.permissions_boundary_arn = m_values.to_string(boundary->value);
    }
    m_principal_of_address[r.address] = account().principals.size();
    account().principals.push_back(std::move(p));
  }

  // --- aws_iam_policy_document ------------------------------------------------------------

  // "data.aws_iam_policy_document.x" when `e` is that data source's json (through var/local).
  std::optional<std::string> data_document_reference(const hcl::Expr& e, int depth = 0) {
    if (depth > k_max_indirection) {
      return std::nullopt;
    }
    if (e.kind == ExprKind::template_ && e.parts.size() == 1 &&
        e.parts[0].kind == hcl::TemplatePart::Kind::interpolation) {
      return data_document_reference(e.parts[0].expr.front(), depth + 1);
    }
    if (const hcl::Expr* target = m_values.dereference(e)) {
      return data_document_reference(*target, depth + 1);
    }
    const auto names = traversal_names(e);
    if (names.size() == 4 && names[0] == "data" && names[1] == "aws_iam_policy_document" &&
        (names[3] == "json" || names[3] == "minified_json")) {
      return "data.aws_iam_policy_document." + names[2];
    }
    return std::nullopt;
  }

  const Resource* resource(std::string_view address) const {
    for (const auto& r : m_resources) {
      if (r.address == address) {
        return &r;
      }
    }
    return nullptr;
  }

  // Renders a data source once; a document that merges itself (a cycle) renders empty.
  const json::Value* render(const std::string& address) {
    if (auto it = m_rendered.find(address); it != m_rendered.end()) {
      return it->second.state == Rendered::State::done ? &it->second.tree : nullptr;
    }
    const Resource* r = resource(address);
    if (r == nullptr) {
      return nullptr;
    }
    m_rendered[address].state = Rendered::State::rendering;
    auto resolve = [this](const hcl::Expr& e) { return document_value(e); };
    json::Value tree = render_policy_document(*r->block, m_values, resolve, m_c.out().notes);
    Rendered& done = m_rendered[address];
    done.tree = std::move(tree);
    done.state = Rendered::State::done;
    return &done.tree;
  }

  // A document given to source_policy_documents / override_policy_documents, as a tree.
  std::optional<json::Value> document_value(const hcl::Expr& e) {
    if (auto address = data_document_reference(e)) {
      const json::Value* tree = render(*address);
      return tree != nullptr ? std::optional<json::Value>(*tree) : std::nullopt;
    }
    if (e.kind == ExprKind::call && e.text == "jsonencode" && e.items.size() == 1) {
      return m_values.to_json(e.items.front());
    }
    if (const hcl::Expr* target = m_values.dereference(e)) {
      return document_value(*target);
    }
    if (e.kind == ExprKind::template_) {
      return parse_template(e);
    }
    return std::nullopt;
  }

  // The account document of a data source, added to the documents on first use with the
  // kind that use gives it (nullopt: detected, for a document nothing in the module uses).
  std::optional<std::size_t> data_document(const std::string& address, std::optional<policy::PolicyKind> kind) {
    const json::Value* tree = render(address);
    if (tree == nullptr) {
      return std::nullopt;
    }
    Rendered& rendered = m_rendered[address];
    if (!rendered.document) {
      DocumentInfo info;
      info.kind = kind;
      info.origin = address;
      info.name = address;
      rendered.document = m_c.add_tree(rendered.tree, std::move(info)); // the reader does not outlive the extraction
    }
    return rendered.document;
  }

  // --- policies in attributes ---------------------------------------------------------------

  // A JSON document in a quoted or heredoc string; interpolations become what they stand for,
  // mapped to the `${`, so that findings inside them point at the interpolation.
  std::optional<json::Value> parse_template(const hcl::Expr& e) {
    DecodedText decoded;
    for (const auto& p : e.parts) {
      if (p.kind == hcl::TemplatePart::Kind::literal) {
        decoded.text += p.text;
        for (std::size_t i = 0; i + 1 < p.map.size(); ++i) {
          decoded.map.append_same(p.map[i], 1);
        }
      } else if (p.kind == hcl::TemplatePart::Kind::interpolation) {
        const std::string value = m_values.to_string(p.expr.front());
        decoded.text += value;
        decoded.map.append_same(p.range.begin, value.size());
      } else {
        note(p.range, "a %{} directive in a policy string is not evaluated before plan: the policy is not linted");
        return std::nullopt;
      }
    }
    decoded.map.finish(e.parts.empty() ? e.range.begin : e.parts.back().kind == hcl::TemplatePart::Kind::literal
                                                                ? e.parts.back().map.back()
                                                                : e.parts.back().range.end);
    const SourceFile inner(m_c.file().path(), decoded.text);
    auto tree = json::parse(inner, m_c.limits());
    if (!tree) {
      Error err = tree.error();
      SourceRange at = decoded.outer(err.range.value_or(SourceRange{0, 1}));
      if (at.empty()) {
        at.end = at.begin + 1;
      }
      m_c.note(err.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json", at,
               "the policy string is not valid JSON: " + err.message);
      return std::nullopt;
    }
    remap_ranges(*tree, decoded);
    return std::move(*tree);
  }

  std::optional<std::size_t> policy_from(const hcl::Expr& e, DocumentInfo info, int depth = 0) {
    if (auto address = data_document_reference(e)) {
      if (resource(*address) == nullptr) {
        note(e.range, fmt::format("{} is not declared in this file: the policy is not linted here", *address));
        return std::nullopt;
      }
      return data_document(*address, info.kind);
    }
    if (e.kind == ExprKind::call && e.text == "jsonencode" && e.items.size() == 1) {
      json::Value tree = m_values.to_json(e.items.front());
      if (!tree.is_object()) {
        return m_c.add_value(tree, std::move(info));
      }
      return m_c.add_tree(std::move(tree), std::move(info));
    }
    if (e.kind == ExprKind::template_) {
      auto tree = parse_template(e);
      return tree ? std::optional<std::size_t>(m_c.add_tree(std::move(*tree), std::move(info))) : std::nullopt;
    }
    if (const hcl::Expr* target = m_values.dereference(e); target != nullptr && depth < k_max_indirection) {
      return policy_from(*target, std::move(info), depth + 1);
    }
    note(e.range, fmt::format("{}: the policy is not known before plan (file(), templatefile(), another "
                              "resource or module): it is not linted",
                              info.origin));
    return std::nullopt;
  }

  // Whether an expression (through var/local) is an IAM policy: a policy document data source,
  // or text that mentions Statement.
  bool holds_statements(const hcl::Expr& e, int depth = 0) {
    if (data_document_reference(e)) {
      return true;
    }
    if (const hcl::Expr* target = m_values.dereference(e); target != nullptr && depth < k_max_indirection) {
      return holds_statements(*target, depth + 1);
    }
    const std::string_view text = m_c.file().text();
    return e.range.end <= text.size() &&
           text.substr(e.range.begin, e.range.end - e.range.begin).find("Statement") != std::string_view::npos;
  }

  std::optional<std::size_t> policy_attribute(const Resource& r, const hcl::Body& body, std::string_view attribute,
                                              std::optional<policy::PolicyKind> kind, std::string origin,
                                              std::optional<policy::PolicyType> type = std::nullopt) {
    const hcl::Attribute* a = body.attribute(attribute);
    if (a == nullptr) {
      return std::nullopt;
    }
    DocumentInfo info;
    info.kind = kind;
    info.type = type;
    if (kind == policy::PolicyKind::resource) {
      add_resource_context(info, r.type);
    }
    info.origin = std::move(origin);
    const hcl::Attribute* name = body.attribute("name");
    info.name = kind == policy::PolicyKind::trust ? "trust policy"
                : name != nullptr                 ? m_values.to_string(name->value)
                                                  : r.address;
    if (r.type == "aws_iam_policy") {
      info.arn = m_symbols.arns[r.address];
    }
    return policy_from(a->value, std::move(info));
  }

  void extract(const Resource& r) {
    if (r.address.starts_with("data.")) {
      return; // data sources read existing objects; policy documents are rendered on use
    }
    const hcl::Body& body = r.block->body;
    for (const auto& a : k_policy_attributes) {
      if (a.type != r.type) {
        continue;
      }
      auto index = policy_attribute(r, body, a.attribute, a.kind, fmt::format("{}.{}", r.address, a.attribute));
      if (!index) {
        continue;
      }
      if (r.type == "aws_iam_policy") {
        m_policy_of_address[r.address] = *index;
        m_policy_of_arn[m_symbols.arns[r.address]] = *index;
      } else if (r.type == "aws_iam_role") {
        account().principals[m_principal_of_address[r.address]].trust_policy = *index;
      } else {
        const auto [key, kind] = r.type == "aws_iam_role_policy"   ? std::pair{"role", PrincipalKind::role}
                                 : r.type == "aws_iam_user_policy" ? std::pair{"user", PrincipalKind::user}
                                                                   : std::pair{"group", PrincipalKind::group};
        for (auto p : principals_named(body.attribute(key), kind)) {
          account().principals[p].policies.push_back(*index);
        }
      }
    }
    if (r.type == "aws_iam_role") {
      std::size_t i = 0;
      for (const auto& b : body.blocks) {
        if (b.type != "inline_policy") {
          continue;
        }
        auto index = policy_attribute(r, b.body, "policy", policy::PolicyKind::identity,
                                      fmt::format("{}.inline_policy[{}]", r.address, i++));
        if (index) {
          account().principals[m_principal_of_address[r.address]].policies.push_back(*index);
        }
      }
    }
    if (r.type == "aws_organizations_policy") {
      // An SCP or RCP: `content` is the document; other Organizations policy types are not IAM.
      const hcl::Attribute* type = body.attribute("type");
      const auto org_type = type != nullptr ? organizations_policy_type(m_values.to_string(type->value)) : std::nullopt;
      if (org_type) {
        if (auto index = policy_attribute(r, body, "content", policy::kind_of(*org_type),
                                          fmt::format("{}.content", r.address), org_type)) {
          account().organisation_policies.push_back(*index);
        }
      }
      return;
    }
    if (r.type == "aws_lambda_permission") {
      DocumentInfo info;
      info.kind = policy::PolicyKind::resource;
      info.origin = r.address;
      info.name = r.address;
      m_c.add_tree(render_lambda_permission(*r.block, m_values), std::move(info));
      return;
    }
    if (!r.type.starts_with("aws_iam_")) {
      for (const auto attribute : k_resource_policy_attributes) {
        // Lifecycle and other non-IAM JSON share these names: only a statement list is a policy.
        if (const hcl::Attribute* a = body.attribute(attribute); a != nullptr && holds_statements(a->value)) {
          policy_attribute(r, body, attribute, policy::PolicyKind::resource, fmt::format("{}.{}", r.address, attribute));
        }
      }
    }
  }

  // --- compute that runs with a role -------------------------------------------------------

  void compute(const Resource& r) {
    const ComputeType* type = terraform_compute_type(r.type);
    const auto arn = m_symbols.arns.find(r.address);
    if (type == nullptr || arn == m_symbols.arns.end() || !m_symbols.names.contains(r.address)) {
      return; // a name left to AWS: any resource of the account, not this one
    }
    const hcl::Body* body = &r.block->body;
    std::string_view attribute = type->terraform_role;
    if (const auto dot = attribute.find('.'); dot != std::string_view::npos) {
      const auto block = std::find_if(body->blocks.begin(), body->blocks.end(),
                                      [&](const hcl::Block& b) { return b.type == attribute.substr(0, dot); });
      if (block == body->blocks.end()) {
        return;
      }
      body = &block->body;
      attribute = attribute.substr(dot + 1);
    }
    const hcl::Attribute* role = body->attribute(attribute);
    if (role == nullptr) {
      return;
    }
    account::Compute c;
    c.kind = type->kind;
    c.arn = arn->second;
    c.role_arn = m_values.to_string(role->value);
    c.service = type->service;
    c.file = m_c.file().path();
    const hcl::Attribute* name = r.block->body.attribute(type->terraform_name);
    c.anchor = name != nullptr ? name->value.range : r.block->labels[1].range;
    account().compute.push_back(std::move(c));
  }

  // --- the principal graph ------------------------------------------------------------------

  std::optional<std::size_t> principal(PrincipalKind kind, std::string_view name) {
    for (std::size_t i = 0; i < account().principals.size(); ++i) {
      if (account().principals[i].kind == kind && account().principals[i].name == name && !name.empty()) {
        return i;
      }
    }
    return std::nullopt;
  }

  // Principals an attribute names: by reference to a resource of the module, or by name.
  std::vector<std::size_t> principals_named(const hcl::Attribute* a, PrincipalKind kind) {
    std::vector<std::size_t> out;
    if (a == nullptr) {
      return out;
    }
    const hcl::Expr* value = &a->value;
    if (const hcl::Expr* target = m_values.dereference(*value)) {
      value = target;
    }
    std::vector<const hcl::Expr*> items;
    if (value->kind == ExprKind::tuple) {
      for (const auto& item : value->items) {
        items.push_back(&item);
      }
    } else {
      items.push_back(value);
    }
    for (const hcl::Expr* item : items) {
      const auto names = traversal_names(*item);
      if (names.size() >= 2) {
        if (auto it = m_principal_of_address.find(names[0] + "." + names[1]); it != m_principal_of_address.end()) {
          out.push_back(it->second);
          continue;
        }
      }
      if (auto p = principal(kind, m_values.to_string(*item))) {
        out.push_back(*p);
      }
    }
    return out;
  }

  // The module's document a policy_arn names, or the ARN as written (an AWS managed policy).
  void attach_policy_arn(const hcl::Expr& arn_expr, std::size_t principal_index) {
    auto& p = account().principals[principal_index];
    const auto names = traversal_names(arn_expr);
    if (names.size() >= 2) {
      if (auto it = m_policy_of_address.find(names[0] + "." + names[1]); it != m_policy_of_address.end()) {
        p.policies.push_back(it->second);
        return;
      }
    }
    const std::string arn = m_values.to_string(arn_expr);
    if (auto it = m_policy_of_arn.find(arn); it != m_policy_of_arn.end()) {
      p.policies.push_back(it->second);
    } else if (arn.find('*') == std::string::npos) {
      p.unresolved_policy_arns.push_back(arn);
    }
  }

  void attach_policy(const hcl::Body& body, std::string_view attribute, PrincipalKind kind) {
    const hcl::Attribute* arn = body.attribute("policy_arn");
    if (arn == nullptr) {
      return;
    }
    for (auto p : principals_named(body.attribute(attribute), kind)) {
      attach_policy_arn(arn->value, p);
    }
  }

  std::vector<std::string> strings_of(const hcl::Attribute* a) {
    std::vector<std::string> out;
    if (a == nullptr) {
      return out;
    }
    json::Value v = m_values.to_json(a->value);
    if (v.is_string()) {
      out.push_back(v.text);
    }
    for (const auto& item : v.items) {
      if (item.is_string()) {
        out.push_back(item.text);
      }
    }
    return out;
  }

  void attach(const Resource& r) {
    const hcl::Body& body = r.block->body;
    if (r.type == "aws_iam_role_policy_attachment") {
      attach_policy(body, "role", PrincipalKind::role);
    } else if (r.type == "aws_iam_user_policy_attachment") {
      attach_policy(body, "user", PrincipalKind::user);
    } else if (r.type == "aws_iam_group_policy_attachment") {
      attach_policy(body, "group", PrincipalKind::group);
    } else if (r.type == "aws_iam_policy_attachment") {
      attach_policy(body, "users", PrincipalKind::user);
      attach_policy(body, "roles", PrincipalKind::role);
      attach_policy(body, "groups", PrincipalKind::group);
    } else if (r.type == "aws_iam_group_membership") {
      const hcl::Attribute* group = body.attribute("group");
      const std::string name = group != nullptr ? m_values.to_string(group->value) : std::string();
      for (auto p : principals_named(body.attribute("users"), PrincipalKind::user)) {
        account().principals[p].groups.push_back(name);
      }
    } else if (r.type == "aws_iam_user_group_membership") {
      for (auto p : principals_named(body.attribute("user"), PrincipalKind::user)) {
        for (const auto& g : strings_of(body.attribute("groups"))) {
          account().principals[p].groups.push_back(g);
        }
      }
    } else if (r.type == "aws_iam_role" && !r.address.starts_with("data.")) {
      if (const hcl::Attribute* arns = body.attribute("managed_policy_arns")) {
        const hcl::Expr* list = m_values.dereference(arns->value);
        list = list != nullptr ? list : &arns->value;
        if (list->kind == ExprKind::tuple) {
          for (const auto& item : list->items) {
            attach_policy_arn(item, m_principal_of_address[r.address]);
          }
        }
      }
    }
  }
};

} // namespace

bool is_terraform_path(std::string_view path) {
  return path.size() > 3 && path.substr(path.size() - 3) == ".tf";
}

Extraction extract_terraform_hcl(const SourceFile& file, const json::ParseLimits& limits) {
  Extraction out;
  out.format = InputFormat::terraform;
  auto body = hcl::parse(file.text(), hcl::ParseLimits{limits.max_depth});
  if (!body) {
    const Error& e = body.error();
    out.notes.push_back({e.code == ErrorCode::limit ? "input-limit-exceeded" : "invalid-json",
                         e.range.value_or(SourceRange{0, 0}), "HCL syntax error: " + e.message, {}});
    return out;
  }
  Collector c(file, out, limits);
  HclReader(*body, c).run();
  return out;
}

} // namespace policylint::frontend
