// The stand-ins with which the detector asks whether a target step is allowed on a resource
// nobody names (src/policylint/privesc/unnamed.hpp).
#include <policylint/catalog/catalog.hpp>
#include <policylint/privesc/unnamed.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace policylint;

namespace {

bool has(const std::vector<std::string>& all, const std::string& s) { return std::find(all.begin(), all.end(), s) != all.end(); }

} // namespace

TEST_CASE("privesc unnamed: one stand-in per resource type, the name free and every other placeholder any") {
  const auto& catalog = catalog::embedded_catalog();
  const auto function = privesc::unnamed_stand_ins("lambda:UpdateFunctionCode", catalog);
  CHECK(has(function, "arn:aws:lambda:*:*:function:*policylint-unnamed*"));
  CHECK(has(function, "arn:aws-cn:lambda:*:*:function:*policylint-unnamed*"));
  const auto stack = privesc::unnamed_stand_ins("cloudformation:UpdateStack", catalog);
  CHECK(has(stack, "arn:aws:cloudformation:*:*:stack/*policylint-unnamed*/*"));
  // ssm:SendCommand acts on instances and on documents: both are asked.
  const auto send = privesc::unnamed_stand_ins("ssm:SendCommand", catalog);
  CHECK(has(send, "arn:aws:ec2:*:*:instance/*policylint-unnamed*"));
  CHECK(send.size() >= 2);
  // Not in the catalog, or no resource type: the method data's own stand-in serves.
  CHECK(privesc::unnamed_stand_ins("lambda:NoSuchAction", catalog).empty());
  CHECK(privesc::unnamed_stand_ins("sts:GetCallerIdentity", catalog).empty());
}

TEST_CASE("privesc unnamed: a witness is a stand-in only when each placeholder's value holds no '/' or ':'") {
  const std::vector<std::string> stack{"arn:aws:cloudformation:*:*:stack/*policylint-unnamed*/*"};
  CHECK(privesc::is_stand_in("arn:aws:cloudformation:us-east-1:111122223333:stack/policylint-unnamed/x", stack));
  CHECK(privesc::is_stand_in("arn:aws:cloudformation:us-east-1:111122223333:stack/web-policylint-unnamed/", stack));
  // What "stack/web/*" admits: the name would have to be "web/…".
  CHECK_FALSE(privesc::is_stand_in("arn:aws:cloudformation:us-east-1:111122223333:stack/web/policylint-unnamed/", stack));
  // A region '*' that spans colons (Resource matching allows it): junk, not an ARN of the type.
  CHECK_FALSE(privesc::is_stand_in(
      "arn:aws:cloudformation:x:1:stack/web/y:111122223333:stack/policylint-unnamed/z", stack));
  const std::vector<std::string> function{"arn:aws:lambda:*:*:function:*policylint-unnamed*"};
  CHECK(privesc::is_stand_in("arn:aws:lambda:us-east-1:111122223333:function:report-policylint-unnamed", function));
  CHECK_FALSE(privesc::is_stand_in("arn:aws:lambda:us-east-1:111122223333:function:report:policylint-unnamed", function));
}
