// The exact query engine (src/policylint/query/engine.hpp, docs/query.md): value regions,
// action classes, constraints, variables, sets and the diff outcome.
#include "../property/policy_builder.hpp"
#include "../property/policy_generator.hpp"

#include <doctest/doctest.h>

#include <policylint/catalog/catalog.hpp>
#include <policylint/eval/evaluator.hpp>
#include <policylint/query/automaton.hpp>
#include <policylint/query/engine.hpp>
#include <policylint/query/resource_types.hpp>

#include <algorithm>
#include <array>

using namespace policylint;
using property::make_policy;
using property::Stmt;
using query::Outcome;

namespace {

std::optional<query::Found> ask(const policy::Policy& p, query::Query q, bool exact = true) {
  const std::array<const policy::Policy*, 1> set{&p};
  query::Engine engine(set);
  auto found = engine.find(q);
  CHECK(engine.last_exact() == exact);
  return found;
}

const std::string* value(const query::Found& f, const std::string& key) {
  const auto* v = f.request.context_values(key);
  return v == nullptr || v->empty() ? nullptr : &v->front();
}

} // namespace

TEST_CASE("automaton: witnesses realise intersections that no single pattern instance does") {
  const std::vector<query::Pattern> patterns{query::glob_pattern("a*"), query::glob_pattern("*b")};
  const auto w = query::witnesses(patterns, {});
  // neither, only a*, only *b, both
  CHECK(w.values.size() == 4);
  CHECK(std::any_of(w.values.begin(), w.values.end(), [&](const std::string& v) {
    return query::pattern_accepts(patterns[0], v) && query::pattern_accepts(patterns[1], v);
  }));
}

TEST_CASE("automaton: a repeated walk answers as the first, and inputs that differ stay apart") {
  // witnesses() keeps its walks for the process: the same patterns give the same values, and
  // patterns or seeds that concatenate alike are still different inputs.
  const std::vector<query::Pattern> ab{query::glob_pattern("a*"), query::glob_pattern("*b")};
  const auto first = query::witnesses(ab, {});
  const auto again = query::witnesses(ab, {});
  CHECK(again.values == first.values);
  CHECK(again.complete == first.complete);
  const std::vector<query::Pattern> joined{query::glob_pattern("a**b")};
  CHECK(query::witnesses(joined, {}).values.size() == 2); // matches or not
  const std::vector<query::Pattern> none;
  const auto one_seed = query::witnesses(none, {"ab"});
  const auto two_seeds = query::witnesses(none, {"a", "b"});
  CHECK(one_seed.values.front() == "ab");
  CHECK(two_seeds.values.front() == "a");
}

TEST_CASE("automaton: ArnLike stays inside segments, StringLike does not") {
  const auto arn = query::arn_like_pattern("arn:aws:svc:*:111122223333:finance/*");
  const auto like = query::glob_pattern("arn:aws:svc:*:111122223333:finance/*");
  const std::string tricky = "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/x";
  CHECK(query::pattern_accepts(like, tricky));
  CHECK_FALSE(query::pattern_accepts(arn, tricky));
  CHECK(query::pattern_accepts(query::resource_pattern("arn:aws:iam::*"), "arn:aws:iam::123456789012:role/x"));
}

TEST_CASE("automaton: shortest_common finds a string of every pattern, or proves there is none") {
  const auto own = query::resource_pattern("arn:aws:iam::*:role/service-role/*SageMaker*");
  const auto unnamed = query::resource_pattern("arn:aws:iam::????????????:role/*policylint-unnamed*");
  const std::array<const query::Pattern*, 2> both{&own, &unnamed};
  const auto common = query::shortest_common(both);
  CHECK(common.complete);
  REQUIRE(common.value.has_value());
  CHECK(query::pattern_accepts(own, *common.value));
  CHECK(query::pattern_accepts(unnamed, *common.value));
  // A named role and a pattern of a name nobody writes: no string, and that is a proof. (With
  // a wildcard account there is one: a segment-final '*' crosses colons, docs/query.md.)
  const auto named = query::resource_pattern("arn:aws:iam::123456789012:role/DataPipelineDefaultRole");
  const std::array<const query::Pattern*, 2> none{&named, &unnamed};
  const auto empty = query::shortest_common(none);
  CHECK(empty.complete);
  CHECK_FALSE(empty.value.has_value());
  // Literal prefixes agree but a segment cannot: a '*' before the last segment stays in it.
  const auto bucket = query::resource_pattern("arn:aws:s3:::acme-*");
  const auto object = query::arn_like_pattern("arn:?*:s3:::?*/?*");
  const auto other = query::resource_pattern("arn:aws:s3:::other/*");
  const std::array<const query::Pattern*, 2> acme_objects{&bucket, &object};
  const std::array<const query::Pattern*, 2> apart{&bucket, &other};
  CHECK(query::shortest_common(acme_objects).value.has_value());
  CHECK_FALSE(query::shortest_common(apart).value.has_value());
}

TEST_CASE("query: an answer past the walk's bound is the same as below it") {
  // A role pattern open to any name, beside hundreds of named roles: the walk over every
  // combination of patterns used to stop at its bound and miss the open one. An Allow tried on
  // one resource of the intersection settles the query, exactly, whatever the document holds.
  std::vector<std::string> named;
  for (unsigned i = 0; i < 400; ++i) {
    std::string name; // distinct names that share little: a trie of thousands of states
    for (unsigned n = i * 7919U + 1U; n != 0; n /= 26U) {
      name += static_cast<char>('a' + n % 26U);
    }
    named.push_back("arn:aws:iam::123456789012:role/service-role/" + name + "-pipeline");
  }
  query::Query unnamed;
  unnamed.actions = {"iam:PassRole"};
  unnamed.resources = {"arn:aws:iam::????????????:role/*policylint-unnamed*"};
  const auto open = make_policy({Stmt{.actions = {"iam:PassRole"}, .resources = named},
                                 Stmt{.actions = {"iam:PassRole"}, .resources = {"arn:aws:iam::*:role/service-role/*SageMaker*"}}});
  const auto found = ask(open, unnamed);
  REQUIRE(found.has_value());
  CHECK(found->request.resource.find("policylint-unnamed") != std::string::npos);
  CHECK(found->request.resource.find("SageMaker") != std::string::npos);
  CHECK(found->request.resource.starts_with("arn:aws:iam::111122223333:role/")); // readable account
  // Only named roles: no unnamed one, proved without the walk.
  const auto closed = make_policy({Stmt{.actions = {"iam:PassRole"}, .resources = named}});
  CHECK_FALSE(ask(closed, unnamed).has_value());
  // A Deny on some resources only: the shortcut does not apply, the walk decides (and finds
  // the open role outside the Deny).
  const auto denied = make_policy({Stmt{.actions = {"iam:PassRole"}, .resources = {"arn:aws:iam::*:role/*"}},
                                   Stmt{.effect = policy::Effect::deny, .actions = {"iam:PassRole"},
                                        .resources = {"arn:aws:iam::*:role/*SageMaker*"}}});
  const auto outside = ask(denied, unnamed);
  REQUIRE(outside.has_value());
  CHECK(outside->request.resource.find("SageMaker") == std::string::npos);
}

TEST_CASE("query: a glob intersection is found, not just each pattern's instance") {
  // Allowed only when the tag matches both patterns, and a Deny removes the exact value "ab".
  const auto p = make_policy({Stmt{.actions = {"s3:GetObject"},
                                   .conditions = {{"StringLike", "aws:PrincipalTag/team", {"a*"}},
                                                  {"StringLike", "aws:PrincipalTag/team", {"*b"}}}},
                              Stmt{.effect = policy::Effect::deny,
                                   .actions = {"*"},
                                   .conditions = {{"StringEquals", "aws:PrincipalTag/team", {"ab"}}}}});
  const auto found = ask(p, {});
  REQUIRE(found);
  const std::string* team = value(*found, "aws:principaltag/team");
  REQUIRE(team != nullptr);
  CHECK(team->front() == 'a');
  CHECK(team->back() == 'b');
  CHECK(*team != "ab");
}

TEST_CASE("query: CIDR regions find the address between nested ranges") {
  // Allow the /16 but deny its /24 and a host: some address in the /16 outside both is allowed.
  const auto p = make_policy({Stmt{.actions = {"*"}, .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.0.0/16"}}}},
                              Stmt{.effect = policy::Effect::deny,
                                   .actions = {"*"},
                                   .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.0.0/24", "203.0.1.0"}}}}});
  const auto found = ask(p, {});
  REQUIRE(found);
  CHECK(*value(*found, "aws:sourceip") == "203.0.1.1");
  // Deny the whole /16 in two halves: nothing is left.
  const auto closed = make_policy({Stmt{.actions = {"*"}, .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.0.0/16"}}}},
                                   Stmt{.effect = policy::Effect::deny,
                                        .actions = {"*"},
                                        .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.0.0/17", "203.0.128.0/17"}}}}});
  CHECK_FALSE(ask(closed, {}));
}

TEST_CASE("query: numeric and date bounds, and the values between them") {
  const auto p = make_policy({Stmt{.actions = {"*"},
                                   .conditions = {{"NumericGreaterThan", "aws:MultiFactorAuthAge", {"10"}},
                                                  {"NumericLessThan", "aws:MultiFactorAuthAge", {"12"}},
                                                  {"DateGreaterThan", "s3:object-lock-retain-until-date", {"2024-01-01T00:00:00Z"}},
                                                  {"DateLessThan", "s3:object-lock-retain-until-date", {"2024-01-01T00:00:02Z"}}}}});
  const auto found = ask(p, {});
  REQUIRE(found);
  CHECK(*value(*found, "aws:multifactorauthage") == "11");
  CHECK(*value(*found, "s3:object-lock-retain-until-date") == "2024-01-01T00:00:01Z");
  const auto empty = make_policy({Stmt{.actions = {"*"},
                                       .conditions = {{"NumericGreaterThan", "aws:MultiFactorAuthAge", {"10"}},
                                                      {"NumericLessThanEquals", "aws:MultiFactorAuthAge", {"10"}}}}});
  CHECK_FALSE(ask(empty, {}));
}

TEST_CASE("query: clock keys take no value before the catalog's date") {
  // The same window on a clock key is closed: requests are made now, after the catalog's date.
  const auto window = make_policy({Stmt{.actions = {"*"},
                                        .conditions = {{"DateGreaterThan", "aws:CurrentTime", {"2024-01-01T00:00:00Z"}},
                                                       {"DateLessThan", "aws:CurrentTime", {"2024-01-01T00:00:02Z"}}}}});
  CHECK_FALSE(ask(window, {}));
  // A token issued before 2020 has expired; absent (long-term keys), DateLessThan is false.
  const auto old_tokens = make_policy(
      {Stmt{.actions = {"*"}, .conditions = {{"DateLessThan", "aws:TokenIssueTime", {"2020-01-01T00:00:01Z"}}}}});
  CHECK_FALSE(ask(old_tokens, {}));
  CHECK_FALSE(ask(make_policy({Stmt{.actions = {"*"},
                                    .conditions = {{"NumericLessThan", "aws:EpochTime", {"1577836800"}}}}}),
                  {}));
  // Open-ended windows stay open, with a value from the catalog's day on.
  const auto open = make_policy(
      {Stmt{.actions = {"*"}, .conditions = {{"DateGreaterThan", "aws:CurrentTime", {"2020-01-01T00:00:00Z"}}}}});
  const auto found = ask(open, {});
  REQUIRE(found);
  const auto day = catalog::embedded_catalog().info().data_date;
  CHECK(value(*found, "aws:currenttime")->starts_with(std::string(day)));
  // A window still to come is found too (a deadline far ahead).
  CHECK(ask(make_policy({Stmt{.actions = {"*"},
                              .conditions = {{"DateLessThan", "aws:CurrentTime", {"2999-01-01T00:00:00Z"}}}}}),
            {}));
}

TEST_CASE("query: action classes come from the catalog, NotAction reaches actions no pattern names") {
  const auto p = make_policy({Stmt{.actions = {"iam:*", "s3:*"}, .not_action = true}});
  query::Query q;
  q.actions = {"iam:*"};
  CHECK_FALSE(ask(p, q));
  q.actions = {};
  const auto found = ask(p, q);
  REQUIRE(found);
  CHECK(found->request.action.rfind("iam:", 0) != 0);
  CHECK(found->request.action.rfind("s3:", 0) != 0);
  // Only Get* of S3 is denied: some other S3 action stays allowed, and it is a real one.
  const auto s3 = make_policy({Stmt{.actions = {"s3:*"}},
                               Stmt{.effect = policy::Effect::deny, .actions = {"s3:Get*", "s3:List*"}}});
  q.actions = {"s3:*"};
  const auto s3_found = ask(s3, q);
  REQUIRE(s3_found);
  CHECK(catalog::embedded_catalog().find_action(s3_found->request.action).has_value());
}

TEST_CASE("query: access levels narrow the action class to privileged actions") {
  using catalog::AccessLevel;
  const auto& cat = catalog::embedded_catalog();
  query::Query q;
  q.access_levels = {AccessLevel::write, AccessLevel::permissions_management};
  // Read and list actions only: nothing privileged is allowed.
  const auto reads = make_policy({Stmt{.actions = {"s3:Get*", "s3:List*"}}});
  CHECK_FALSE(ask(reads, q));
  // One write action among them: that is the one found.
  const auto one_write = make_policy({Stmt{.actions = {"s3:Get*", "s3:List*", "s3:PutObject"}}});
  const auto found = ask(one_write, q);
  REQUIRE(found);
  CHECK(found->request.action == "s3:PutObject");
  // "*" with every write and permissions-management action of IAM denied: a privileged
  // action of another service (not mentioned anywhere) is found, never a read.
  const auto most = make_policy({Stmt{.actions = {"*"}}, Stmt{.effect = policy::Effect::deny, .actions = {"iam:*"}}});
  const auto other = ask(most, q);
  REQUIRE(other);
  const auto action = cat.find_action(other->request.action);
  REQUIRE(action.has_value());
  CHECK((action->access_level() == AccessLevel::write || action->access_level() == AccessLevel::permissions_management));
  CHECK(other->request.action.rfind("iam:", 0) != 0);
  // An action the catalog does not list has no access level: never in the class.
  const auto unlisted = make_policy({Stmt{.actions = {"s3:PutObjectNewerThanTheCatalog"}}});
  CHECK_FALSE(ask(unlisted, q));
}

TEST_CASE("query: constraints in policy syntax (aws:SourceIp outside 203.0.113.0/24)") {
  const auto p = make_policy({Stmt{.actions = {"*"}, .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.112.0/23"}}}}});
  query::Query q;
  q.constraints = {{"NotIpAddress", "aws:SourceIp", {"203.0.113.0/24"}}, {"Null", "aws:SourceIp", {"false"}}};
  const auto found = ask(p, q);
  REQUIRE(found);
  CHECK(*value(*found, "aws:sourceip") == "203.0.112.0");
  const auto narrow = make_policy({Stmt{.actions = {"*"}, .conditions = {{"IpAddress", "aws:SourceIp", {"203.0.113.0/25"}}}}});
  CHECK_FALSE(ask(narrow, q));
}

TEST_CASE("query: MFA absent as a fixed key") {
  const auto p = make_policy({Stmt{.actions = {"*"}, .conditions = {{"BoolIfExists", "aws:MultiFactorAuthPresent", {"true"}}}}});
  query::Query q;
  q.context["aws:multifactorauthpresent"] = std::nullopt;
  CHECK(ask(p, q));
  q.context["aws:multifactorauthpresent"] = std::vector<std::string>{"false"};
  CHECK_FALSE(ask(p, q));
}

TEST_CASE("query: multi-valued keys explore the empty set and sets of regions") {
  // ForAllValues in an Allow is vacuously true for an empty set; the Deny needs a value.
  const auto p = make_policy({Stmt{.actions = {"*"}, .conditions = {{"ForAllValues:StringEquals", "aws:TagKeys", {"env"}}}},
                              Stmt{.effect = policy::Effect::deny,
                                   .actions = {"*"},
                                   .conditions = {{"Null", "aws:TagKeys", {"true"}}}}});
  const auto found = ask(p, {});
  REQUIRE(found);
  const auto* keys = found->request.context_values("aws:tagkeys");
  REQUIRE(keys != nullptr);
  CHECK(std::all_of(keys->begin(), keys->end(), [](const std::string& k) { return k == "env"; }));
  // ForAnyValue needs two different values at once: env and something that is not env.
  const auto both = make_policy({Stmt{.actions = {"*"},
                                      .conditions = {{"ForAnyValue:StringEquals", "aws:TagKeys", {"env"}},
                                                     {"ForAnyValue:StringNotEquals", "aws:TagKeys", {"env"}}}}});
  const auto pair = ask(both, {});
  REQUIRE(pair);
  CHECK(pair->request.context_values("aws:tagkeys")->size() == 2);
}

TEST_CASE("query: policy variables link keys (per-user home folders)") {
  const auto p = make_policy({Stmt{.actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::home/${aws:username}/*"}}});
  query::Query q;
  q.resources = {"arn:aws:s3:::home/*"};
  const auto found = ask(p, q, false); // variables are approximated (docs/query.md)
  REQUIRE(found);
  const std::array<const policy::Policy*, 1> set{&p};
  CHECK(eval::evaluate(set, found->request).decision == eval::Decision::allowed);
}

TEST_CASE("query: explicit and implicit deny outcomes, decided_by") {
  const auto p = make_policy({Stmt{.sid = "A", .actions = {"s3:*"}},
                              Stmt{.sid = "D", .effect = policy::Effect::deny, .actions = {"s3:DeleteBucket"}}});
  query::Query q;
  q.outcome = Outcome::explicit_deny;
  const auto denied = ask(p, q);
  REQUIRE(denied);
  CHECK(query::to_lower(denied->request.action) == "s3:deletebucket");
  q.outcome = Outcome::implicit_deny;
  q.actions = {"s3:*"};
  CHECK_FALSE(ask(p, q));
  q.actions = {};
  CHECK(ask(p, q));
  q.outcome = Outcome::allowed;
  q.decided_by = &p.statements[1];
  CHECK_FALSE(ask(p, q));
}

TEST_CASE("query: newly allowed requests between two versions, one per action class") {
  const auto old_p = make_policy({Stmt{.actions = {"s3:GetObject"}}});
  const auto new_p = make_policy({Stmt{.actions = {"s3:Get*", "sqs:SendMessage"}}});
  const std::array<const policy::Policy*, 1> old_set{&old_p};
  const std::array<const policy::Policy*, 1> new_set{&new_p};
  query::Engine engine(new_set, old_set);
  query::Query q;
  q.outcome = Outcome::newly_allowed;
  q.split_by_service = true;
  const auto all = engine.find_per_action_class(q);
  REQUIRE(all.size() == 2); // s3:Get* other than GetObject, and sqs:SendMessage
  for (const auto& f : all) {
    CHECK(f.evaluation.decision == eval::Decision::allowed);
    REQUIRE(f.baseline);
    CHECK(f.baseline->decision != eval::Decision::allowed);
    CHECK(query::to_lower(f.request.action) != "s3:getobject");
  }
  query::Engine same(old_set, old_set);
  CHECK(same.find_per_action_class(q).empty());
}

TEST_CASE("query: many Denies over shared keys (a satisfiability puzzle) are searched without a budget") {
  // 8 keys, 34 Denies of three literals each (x_i = "on", or x_i != "on"): the Allow survives
  // exactly when some assignment falsifies one condition of every Deny.
  property::Rng rng(42);
  std::vector<Stmt> statements{Stmt{.actions = {"*"}}};
  for (int d = 0; d < 34; ++d) {
    Stmt deny{.effect = policy::Effect::deny, .actions = {"*"}};
    for (int l = 0; l < 3; ++l) {
      const std::string key = "aws:PrincipalTag/x" + std::to_string(rng.below(8));
      deny.conditions.push_back({rng.percent(50) ? "StringEquals" : "StringNotEquals", key, {"on"}});
    }
    statements.push_back(std::move(deny));
  }
  const auto p = make_policy(statements);
  const std::array<const policy::Policy*, 1> set{&p};
  query::Engine engine(set);
  const auto found = engine.find({});
  CHECK(engine.last_exact());
  // Brute force over on/off/absent for the 8 keys.
  bool brute = false;
  for (int mask = 0; mask < 6561 && !brute; ++mask) {
    eval::Request r;
    r.action = "s3:GetObject";
    int m = mask;
    for (int k = 0; k < 8; ++k, m /= 3) {
      if (m % 3 != 0) {
        r.set_context("aws:principaltag/x" + std::to_string(k), {m % 3 == 1 ? "on" : "off"});
      }
    }
    brute = eval::evaluate(set, r).decision == eval::Decision::allowed;
  }
  CHECK(found.has_value() == brute);
  if (found) {
    CHECK(eval::evaluate(set, found->request).decision == eval::Decision::allowed);
  }
}

// Issue 18 item 6: the typed request space (Query::typed_resources, docs/query.md).
TEST_CASE("query: typed queries name only resources of the action's types, untyped ones are unchanged") {
  const auto& catalog = catalog::embedded_catalog();
  auto fits = [&](const query::Found& f) { return query::request_resource_fits(catalog, f.request.action, f.request.resource); };
  query::Query untyped;
  query::Query typed;
  typed.typed_resources = true;
  // An object action granted on a bucket ARN only: untyped, the request the policy literally
  // allows; typed, none exists, and that is a proof.
  const auto bucket_only = make_policy({Stmt{.actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::acme-data"}}});
  const auto loose = ask(bucket_only, untyped);
  REQUIRE(loose.has_value());
  CHECK(loose->request.resource == "arn:aws:s3:::acme-data");
  CHECK_FALSE(ask(bucket_only, typed).has_value());
  // An action with no resource type: "*" only.
  const auto list_all = make_policy({Stmt{.actions = {"s3:ListAllMyBuckets"}, .resources = {"arn:aws:s3:::acme-data"}}});
  CHECK(ask(list_all, untyped).has_value());
  CHECK_FALSE(ask(list_all, typed).has_value());
  const auto list_star = ask(make_policy({Stmt{.actions = {"s3:ListAllMyBuckets"}}}), typed);
  REQUIRE(list_star.has_value());
  CHECK(list_star->request.resource == "*");
  // Resource "*": a typed action is shown on an ARN of its type, not on "*".
  const auto get_any = ask(make_policy({Stmt{.actions = {"s3:GetObject"}}}), typed);
  REQUIRE(get_any.has_value());
  CHECK(get_any->request.resource != "*");
  CHECK(fits(*get_any));
  // One action class of several resource types: s3:* on a bucket is found through an action
  // that takes buckets, and s3:GetObject on a bucket pattern as an object inside it.
  const auto star_bucket = ask(make_policy({Stmt{.actions = {"s3:*"}, .resources = {"arn:aws:s3:::acme-data"}}}), typed);
  REQUIRE(star_bucket.has_value());
  CHECK(star_bucket->request.resource == "arn:aws:s3:::acme-data");
  CHECK(fits(*star_bucket));
  query::Query get = typed;
  get.actions = {"s3:GetObject"};
  const auto object = ask(make_policy({Stmt{.actions = {"s3:*"}, .resources = {"arn:aws:s3:::acme-*"}}}), get);
  REQUIRE(object.has_value());
  CHECK(object->request.resource == "arn:aws:s3:::acme-x/x");
  // NotAction reaches services no pattern names: the request is of a type that takes the
  // bucket (another service's action on an S3 bucket), never an object action on it.
  const auto not_s3 = make_policy({Stmt{.actions = {"s3:*"}, .not_action = true, .resources = {"arn:aws:s3:::acme-data"}}});
  const auto other = ask(not_s3, typed);
  REQUIRE(other.has_value());
  CHECK(fits(*other));
  CHECK(other->request.action.rfind("s3:", 0) != 0);
  // Trust policies are not constrained: their resource is the role itself.
  const auto trust = make_policy({Stmt{.actions = {"sts:AssumeRole"}, .principals = {{"AWS", "arn:aws:iam::111122223333:root"}}}},
                                 policy::PolicyKind::trust);
  const std::array<const policy::Policy*, 1> trust_set{&trust};
  query::Engine trust_engine(trust_set);
  CHECK(trust_engine.find(typed).has_value());
}

TEST_CASE("query: typed newly allowed, merging object and bucket statements grants nothing new") {
  const auto old_policy = make_policy({Stmt{.actions = {"s3:GetObject"}, .resources = {"arn:aws:s3:::acme-data/*"}},
                                       Stmt{.actions = {"s3:ListBucket"}, .resources = {"arn:aws:s3:::acme-data"}}});
  const auto merged = make_policy({Stmt{.actions = {"s3:GetObject", "s3:ListBucket"},
                                        .resources = {"arn:aws:s3:::acme-data/*", "arn:aws:s3:::acme-data"}}});
  const std::array<const policy::Policy*, 1> old_set{&old_policy};
  const std::array<const policy::Policy*, 1> new_set{&merged};
  query::Engine engine(new_set, old_set);
  query::Query q;
  q.outcome = Outcome::newly_allowed;
  q.split_by_service = true;
  const auto untyped = engine.find_per_action_class(q);
  CHECK(untyped.size() == 2); // GetObject on the bucket, ListBucket on an object: no such requests
  q.typed_resources = true;
  CHECK(engine.find_per_action_class(q).empty());
  CHECK(engine.last_exact());
}

TEST_CASE("query: resource_type_mismatch explains, ARN formats keep bucket names free of '/'") {
  const auto& catalog = catalog::embedded_catalog();
  CHECK_FALSE(query::request_resource_fits(catalog, "s3:GetObject", "arn:aws:s3:::acme-data"));
  CHECK(query::request_resource_fits(catalog, "s3:GetObject", "arn:aws:s3:::acme-data/report.csv"));
  CHECK(query::request_resource_fits(catalog, "s3:GetObject", "arn:aws-cn:s3:::acme-data/report.csv"));
  CHECK_FALSE(query::request_resource_fits(catalog, "s3:ListBucket", "arn:aws:s3:::acme-data/report.csv"));
  CHECK(query::request_resource_fits(catalog, "s3:ListBucket", "arn:aws:s3:::acme-data"));
  CHECK_FALSE(query::request_resource_fits(catalog, "s3:GetObject", "*"));
  CHECK(query::request_resource_fits(catalog, "s3:ListAllMyBuckets", "*"));
  CHECK(query::request_resource_fits(catalog, "s3:PolicylintUnlistedAction", "arn:aws:s3:::acme-data"));
  CHECK_FALSE(query::request_resource_fits(catalog, "iam:CreateAccessKey", "arn:aws:iam::111122223333:role/x"));
  CHECK(query::request_resource_fits(catalog, "iam:CreateAccessKey", "arn:aws:iam::111122223333:user/alice"));
  const auto why = query::resource_type_mismatch(catalog, "s3:GetObject", "arn:aws:s3:::acme-data");
  REQUIRE(why.has_value());
  CHECK(why->find("object (arn:${Partition}:s3:::${BucketName}/${ObjectName})") != std::string::npos);
  const auto f = query::arn_format("arn:${Partition}:s3:::${BucketName}", "aws");
  CHECK(f.glob == "arn:aws:s3:::?*");
  CHECK(f.exclude == "arn:aws:s3:::*/*");
  CHECK(query::simplest_arn("arn:${Partition}:s3:::${BucketName}/${ObjectName}", "aws") == "arn:aws:s3:::x/x");
}
