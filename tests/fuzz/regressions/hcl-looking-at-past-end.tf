# The seed's first attempt as a Terraform module (jsonencode form): an IAm_user_policy" "source_ip_restriction" {
  name = "SourceIPRestriction"
  user = aws_iam_user.test_user.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "SourceIPRestriction"
       fcfEte    = "Deny"
      !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!  Action   = "*"
   ˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜˜     Resourcenencode({
ôÿÿÿ    Version = "2012          NotIpAddress = {
            "awôÿÿÿurceIp" = var.office_cidr
          }
        }
      }
    ]
  })
}
