# Shapes from the AWS provider's documentation examples and common public modules: every
# policy-taking resource, every way of writing a policy, and HCL the front end must read
# without a false error (meta-arguments, dynamic blocks, for expressions, heredocs).
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "bucket_name" {
  description = "Name of the bucket"
  type        = string
}

variable "readers" {
  type    = list(string)
  default = ["arn:aws:iam::111122223333:role/reader"]
}

locals {
  name_prefix = "app-${var.region}"
  common_tags = {
    Owner       = "platform"
    Environment = terraform.workspace
  }
  queue_names = [for n in ["a", "b"] : "${local.name_prefix}-${n}"]
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

resource "aws_s3_bucket" "logs" {
  bucket = var.bucket_name
  tags   = merge(local.common_tags, { Name = "logs" })
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid    = "DenyInsecureTransport"
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions = ["s3:*"]
    resources = [
      aws_s3_bucket.logs.arn,
      "${aws_s3_bucket.logs.arn}/*",
    ]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }

  statement {
    sid       = "Readers"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = var.readers
    }
  }
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = data.aws_iam_policy_document.bucket.json
}

resource "aws_sqs_queue" "jobs" {
  count = length(local.queue_names)
  name  = local.queue_names[count.index]
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs[0].id
  policy    = <<POLICY
{
  "Version": "2012-10-17",
  "Id": "sqspolicy",
  "Statement": [
    {
      "Sid": "First",
      "Effect": "Allow",
      "Principal": {"Service": "sns.amazonaws.com"},
      "Action": "sqs:SendMessage",
      "Resource": "${aws_sqs_queue.jobs[0].arn}",
      "Condition": {
        "ArnEquals": {
          "aws:SourceArn": "${aws_sns_topic.events.arn}"
        }
      }
    }
  ]
}
POLICY
}

resource "aws_sns_topic" "events" {
  name = "${local.name_prefix}-events"
}

resource "aws_sns_topic_policy" "events" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountPublish"
      Effect    = "Allow"
      Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = ["SNS:Publish"]
      Resource  = aws_sns_topic.events.arn
    }]
  })
}

resource "aws_kms_key" "main" {
  description             = "main key"
  deletion_window_in_days = 10
  enable_key_rotation     = true
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "key-default-1"
    Statement = [
      {
        Sid    = "Enable IAM User Permissions"
        Effect = "Allow"
        Principal = {
          AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"
        }
        Action   = "kms:*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role" "lambda" {
  name_prefix = "lambda-"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Action    = "sts:AssumeRole"
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })

  inline_policy {
    name = "logs"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Effect   = "Allow"
        Resource = "arn:aws:logs:*:*:*"
      }]
    })
  }

  dynamic "inline_policy" {
    for_each = var.extra_policies
    content {
      name   = inline_policy.key
      policy = inline_policy.value
    }
  }

  lifecycle {
    create_before_destroy = true
    ignore_changes        = [tags]
  }
}

resource "aws_iam_policy" "read" {
  name        = "${local.name_prefix}-read"
  path        = "/"
  description = "Read the logs"
  policy      = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::example-logs/*\"}]}"
}

resource "aws_iam_role_policy_attachment" "read" {
  for_each   = toset(["a"])
  role       = aws_iam_role.lambda.name
  policy_arn = aws_iam_policy.read.arn
  depends_on = [aws_iam_policy.read]
}

output "role_arn" {
  value       = aws_iam_role.lambda.arn
  description = <<-EOT
    The role's ARN, ${upper("for")} consumers.
    %{ if var.region == "eu-west-1" }Ireland%{ else }elsewhere%{ endif }
  EOT
  sensitive   = var.region != "" ? false : true
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
  azs    = slice(data.aws_availability_zones.all.names, 0, 3)
}
