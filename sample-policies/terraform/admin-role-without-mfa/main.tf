# The fixed design as a Terraform module (aws_iam_policy_document form), whose trust policy
# forgot MFA: the same configuration as admin-role-without-mfa.plan.json, before any plan.

variable "office_cidr" {
  type    = string
  default = "203.0.113.0/24"
}

resource "aws_iam_user" "test_user" {
  name = "test-user"
}

data "aws_iam_policy_document" "assume_admin_only" {
  statement {
    sid       = "AllowAssumeRole"
    actions   = ["sts:AssumeRole"]
    resources = [aws_iam_role.admin.arn]
  }

  statement {
    sid       = "SourceIPRestriction"
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]

    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = [var.office_cidr]
    }
  }
}

resource "aws_iam_user_policy" "assume_admin_only" {
  name   = "AssumeAdministratorRoleOnly"
  user   = aws_iam_user.test_user.name
  policy = data.aws_iam_policy_document.assume_admin_only.json
}

data "aws_iam_policy_document" "admin_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_user.test_user.arn]
    }

    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = [var.office_cidr]
    }
  }
}

resource "aws_iam_role" "admin" {
  name               = "AssumedAdministratorAccessRole"
  assume_role_policy = data.aws_iam_policy_document.admin_trust.json
}

resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.admin.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
