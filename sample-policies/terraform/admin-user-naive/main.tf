# The seed's first attempt as a Terraform module (jsonencode form): an IAM user with
# AdministratorAccess whose only protection is a raw aws:SourceIp deny. The deny breaks calls
# AWS services make for the user, and a leaked key still works from the office.

variable "office_cidr" {
  type    = string
  default = "203.0.113.0/24"
}

resource "aws_iam_user" "test_user" {
  name = "test-user"
}

resource "aws_iam_user_policy_attachment" "admin" {
  user       = aws_iam_user.test_user.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_user_policy" "source_ip_restriction" {
  name = "SourceIPRestriction"
  user = aws_iam_user.test_user.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "SourceIPRestriction"
        Effect   = "Deny"
        Action   = "*"
        Resource = "*"
        Condition = {
          NotIpAddress = {
            "aws:SourceIp" = var.office_cidr
          }
        }
      }
    ]
  })
}
