#include <policylint/probes/services.hpp>

#include <policylint/query/request_search.hpp>

#include <algorithm>
#include <array>

namespace policylint::probes {

namespace {

// Services whose AWS documentation has a "cross-service confused deputy prevention" section
// recommending aws:SourceArn / aws:SourceAccount in the resource policy or trust that lets
// them in (IAM User Guide, "The confused deputy problem", and each service's page).
constexpr std::array<std::string_view, 9> k_services{
    "cloudtrail.amazonaws.com",       // trail delivery to S3 / SNS (CloudTrail User Guide)
    "config.amazonaws.com",           // configuration delivery to S3 / SNS (AWS Config Developer Guide)
    "sns.amazonaws.com",              // topic subscriptions to SQS / Lambda (Amazon SNS Developer Guide)
    "s3.amazonaws.com",               // event notifications, inventory, replication (Amazon S3 User Guide)
    "logging.s3.amazonaws.com",       // server access logs (Amazon S3 User Guide)
    "events.amazonaws.com",           // EventBridge rule targets (Amazon EventBridge User Guide)
    "delivery.logs.amazonaws.com",    // vended log delivery (Amazon CloudWatch Logs User Guide)
    "ses.amazonaws.com",              // receipt rules writing to S3 / SNS (Amazon SES Developer Guide)
    "logs.amazonaws.com",             // subscription filters, KMS (Amazon CloudWatch Logs User Guide)
};

} // namespace

bool acts_across_accounts(std::string_view service) {
  const std::string lower = query::to_lower(service);
  for (std::string_view s : k_services) {
    if (lower == s) {
      return true;
    }
  }
  // CloudWatch Logs is also named per region: logs.REGION.amazonaws.com.
  return lower.starts_with("logs.") && lower.ends_with(".amazonaws.com");
}

DeputyRequest service_for_outsider(const std::string& service, const policy::Policy& policy) {
  DeputyRequest out;
  Caller& c = out.caller;
  c.principal = service;
  c.description = service + " acting for a resource of the unrelated account " + std::string(k_outside_account);
  for (const auto& key : caller_keys()) {
    fix_key(c, key, std::nullopt);
  }
  fix_key(c, "aws:principalisawsservice", std::vector<std::string>{"true"});
  fix_key(c, "aws:principalservicename", std::vector<std::string>{service});
  fix_key(c, "aws:sourceaccount", std::vector<std::string>{k_outside_account});
  fix_key(c, "aws:sourceowner", std::vector<std::string>{k_outside_account});
  fix_key(c, "aws:sourceorgid", std::vector<std::string>{k_outside_org});
  fix_key(c, "aws:sourceorgpaths", std::vector<std::string>{std::string(k_outside_org) + "/r-out0/"});
  // aws:SourceArn: some resource of the unrelated account, named as the policy likes.
  c.keys.erase(std::remove_if(c.keys.begin(), c.keys.end(), [](const auto& k) { return k.first == "aws:sourcearn"; }),
               c.keys.end());
  // Five segments and a colon-free resource, so StringLike's '*' cannot slide the policy's
  // account into the resource part.
  out.constraints.push_back({"ArnLike", "aws:sourcearn", {std::string("arn:*:*:*:") + k_outside_account + ":*"}});
  out.constraints.push_back({"StringNotLike", "aws:sourcearn", {"*:*:*:*:*:*:*"}});
  // KMS calls made by CloudTrail and CloudWatch Logs carry the source in their encryption
  // context (the trail's or the log group's ARN): the service's own equivalent of aws:SourceArn.
  const std::string lower = query::to_lower(service);
  const auto keys = mentioned_keys(policy);
  // StringLike's '*' crosses colons, so the ARN is also held to its number of segments.
  const auto context_key = [&](const char* key, const std::string& arn, const char* too_many_segments) {
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) {
      out.constraints.push_back({"StringLike", key, {arn}});
      out.constraints.push_back({"StringNotLike", key, {too_many_segments}});
    }
  };
  if (lower == "cloudtrail.amazonaws.com") {
    context_key("kms:encryptioncontext:aws:cloudtrail:arn",
                std::string("arn:*:cloudtrail:*:") + k_outside_account + ":trail/*", "*:*:*:*:*:*:*");
  } else if (lower.starts_with("logs.")) {
    context_key("kms:encryptioncontext:aws:logs:arn",
                std::string("arn:*:logs:*:") + k_outside_account + ":log-group:*", "*:*:*:*:*:*:*:*:*");
  }
  return out;
}

} // namespace policylint::probes
