#include <policylint/frontend/policy_types.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace policylint::frontend {

namespace {

// Resource types whose policy governs that one service's resource (CloudFormation resource
// reference; Terraform AWS provider). A VPC endpoint policy, a CloudTrail or SSM resource
// policy may name other services' actions: not listed.
constexpr std::array<std::pair<std::string_view, std::string_view>, 36> k_services{{
    {"AWS::S3::BucketPolicy", "s3"},
    {"AWS::S3::AccessPoint", "s3"},
    {"AWS::S3::MultiRegionAccessPointPolicy", "s3"},
    {"AWS::S3Express::BucketPolicy", "s3express"},
    {"AWS::S3ObjectLambda::AccessPointPolicy", "s3-object-lambda"},
    {"AWS::KMS::Key", "kms"},
    {"AWS::KMS::ReplicaKey", "kms"},
    {"AWS::SQS::QueuePolicy", "sqs"},
    {"AWS::SNS::TopicPolicy", "sns"},
    {"AWS::SecretsManager::ResourcePolicy", "secretsmanager"},
    {"AWS::ECR::Repository", "ecr"},
    {"AWS::ECR::PublicRepository", "ecr-public"},
    {"AWS::Lambda::Permission", "lambda"},
    {"AWS::DynamoDB::Table", "dynamodb"},
    {"AWS::Glacier::Vault", "glacier"},
    {"AWS::Backup::BackupVault", "backup"},
    {"AWS::EFS::FileSystem", "elasticfilesystem"},
    {"AWS::CodeArtifact::Domain", "codeartifact"},
    {"AWS::CodeArtifact::Repository", "codeartifact"},
    {"AWS::Elasticsearch::Domain", "es"},
    {"AWS::OpenSearchService::Domain", "es"},
    {"AWS::Events::EventBus", "events"},
    {"AWS::Events::EventBusPolicy", "events"},
    {"AWS::Kinesis::ResourcePolicy", "kinesis"},
    {"AWS::MediaStore::Container", "mediastore"},
    {"aws_s3_bucket_policy", "s3"},
    {"aws_s3_access_point", "s3"},
    {"aws_sqs_queue_policy", "sqs"},
    {"aws_sns_topic_policy", "sns"},
    {"aws_kms_key", "kms"},
    {"aws_kms_key_policy", "kms"},
    {"aws_secretsmanager_secret_policy", "secretsmanager"},
    {"aws_ecr_repository_policy", "ecr"},
    {"aws_glacier_vault", "glacier"},
    {"aws_backup_vault_policy", "backup"},
    {"aws_efs_file_system_policy", "elasticfilesystem"},
}};

} // namespace

std::optional<std::string_view> resource_policy_service(std::string_view resource_type) {
  const auto it = std::find_if(k_services.begin(), k_services.end(),
                               [&](const auto& entry) { return entry.first == resource_type; });
  return it == k_services.end() ? std::nullopt : std::optional<std::string_view>(it->second);
}

std::optional<policy::PolicyType> organizations_policy_type(std::string_view type) {
  if (type == "SERVICE_CONTROL_POLICY") {
    return policy::PolicyType::scp;
  }
  if (type == "RESOURCE_CONTROL_POLICY") {
    return policy::PolicyType::rcp;
  }
  return std::nullopt;
}

void add_resource_context(DocumentInfo& info, std::string_view resource_type) {
  if (const auto service = resource_policy_service(resource_type)) {
    info.type = policy::PolicyType::resource;
    info.resource_service = std::string(*service);
  }
}

} // namespace policylint::frontend
