# The seed's fixed design as a Terraform module: test-user may only assume the administrator
# role, and the role's trust policy requires the office addresses and MFA. The role's own
# permissions carry no IP condition, so AWS services can act for it.

variable "office_cidr" {
  type    = string
  default = "203.0.113.0/24"
}

resource "aws_iam_user" "test_user" {
  name = "test-user"
}

resource "aws_iam_user_policy" "assume_admin_only" {
  name = "AssumeAdministratorRoleOnly"
  user = aws_iam_user.test_user.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowAssumeRole"
        Effect   = "Allow"
        Action   = "sts:AssumeRole"
        Resource = aws_iam_role.admin.arn
      },
      {
        Sid      = "SourceIPRestriction"
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = {
          NotIpAddress = { "aws:SourceIp" = var.office_cidr }
        }
      },
    ]
  })
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

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
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
