// Realistic policies shared by the end-to-end CLI tests. Tests assert their findings and
// positions (line:column), so change a fixture only together with every test that uses it.
#pragma once

#include <string_view>

namespace policylint::testing::cli {

// An IAM user with AdministratorAccess: PL101 on the "*" of Action, at 7:23 (Sid
// AdministratorAccess); a custom check for admin access fires there too.
inline constexpr std::string_view k_admin_user = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "AdministratorAccess",
            "Effect": "Allow",
            "Action": "*",
            "Resource": "*"
        }
    ]
}
)";

// Read-only access to one bucket: no finding at all.
inline constexpr std::string_view k_clean = R"({
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReports",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::example-reports", "arn:aws:s3:::example-reports/*"]
        }
    ]
}
)";

// A role trust policy with no conditions: PL201 (no MFA) and PL301 (no source IP), at 7:16.
inline constexpr std::string_view k_naive_trust = R"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "arn:aws:iam::111122223333:user/test-user"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
)";

}  // namespace policylint::testing::cli
