// End to end: a directory of Terraform files is discovered and linted; an HCL syntax error in
// one file is a positioned PL000 and the other files are still linted; findings point into the
// .tf file in text and GitHub annotations; --input-format terraform reads stdin as HCL.
#include "cli/process.hpp"

#include <doctest/doctest.h>

using namespace policylint::testing::cli;

namespace {

const char* const k_open_policy = R"(resource "aws_iam_policy" "everything" {
  name = "everything"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObjectt"], Resource = "*" }]
  })
}
)";

} // namespace

TEST_CASE("cli: Terraform files in a directory are linted and a broken one does not stop the others") {
  TempDir dir;
  dir.write("infra/main.tf", k_open_policy);
  dir.write("infra/broken.tf", "resource \"aws_iam_policy\" \"x\" {\n  policy = jsonencode({\n}\n");
  dir.write("infra/notes.txt", "not linted");
  const auto r = run({"--select", "PL000,PL005", "infra"}, at(dir.path()));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "infra/broken.tf:"));
  CHECK(contains(r.out, "PL000"));
  CHECK(contains(r.out, "infra/main.tf:5:48:"));
  CHECK_FALSE(contains(r.out, "notes.txt"));
  const auto gh = run({"--select", "PL005", "--format", "github", "infra/main.tf"}, at(dir.path()));
  INFO(describe(gh));
  CHECK(contains(gh.out, "file=infra/main.tf,line=5,col=48"));
}

TEST_CASE("cli: --input-format terraform reads stdin as HCL") {
  const auto r = run({"--select", "PL005", "--input-format", "terraform", "--stdin-filename", "x.tf", "-"},
                     RunOptions().with_stdin(k_open_policy));
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "x.tf:5:48"));
}
