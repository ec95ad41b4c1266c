// End-to-end tests of the CI output formats: --format github (workflow commands), junit
// (JUnit XML) and markdown (step summary). Exact output for a small realistic policy,
// escaping of untrusted file names, and exit codes (which the format never changes).
#include "cli/fixtures.hpp"
#include "cli/process.hpp"

#include <doctest/doctest.h>

namespace {

using namespace policylint::testing::cli;

constexpr std::string_view k_pl101_message =
    "statement AdministratorAccess allows every action, and no Deny stops requests from outside an IP allow-list: "
    "iam:CreateAccessKey from 198.51.100.23 is allowed";
constexpr std::string_view k_pl101_counterexample =
    "iam:CreateAccessKey on * [aws:SourceIp=198.51.100.23; aws:ViaAWSService=false; aws:MultiFactorAuthPresent "
    "absent] \xe2\x86\x92 allowed (signed with leaked long-term access keys)";

// A display name with every character some format has to escape.
const std::string k_odd_name = "p%q,r:s\nt<&|u.json";

struct Fixture {
  TempDir dir;
  Fixture() {
    dir.write("admin.json", k_admin_user);
    dir.write("clean.json", k_clean);
  }
  [[nodiscard]] RunResult check(const std::string& format, std::vector<std::string> paths) const {
    std::vector<std::string> args{"check", "-q", "--format", format};
    args.insert(args.end(), paths.begin(), paths.end());
    return run(args, at(dir.path()));
  }
  [[nodiscard]] RunResult check_odd_name(const std::string& format) const {
    RunOptions options = at(dir.path());
    options.with_stdin(std::string(k_admin_user));
    return run({"check", "-q", "--format", format, "--stdin-filename", k_odd_name, "-"}, options);
  }
};

} // namespace

TEST_SUITE("cli.formats") {

TEST_CASE("github: one workflow command per finding") {
  const Fixture f;
  const auto r = f.check("github", {"admin.json", "clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(r.err.empty());
  CHECK(r.out == "::error file=admin.json,line=7,col=23,endLine=7,endColumn=26,"
                 "title=PL101 action-star-without-source-ip-deny::" +
                     std::string(k_pl101_message) + "%0Acounterexample: " + std::string(k_pl101_counterexample) +
                     "\n");
}

TEST_CASE("github: property values and the message are escaped") {
  const Fixture f;
  const auto r = f.check_odd_name("github");
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  const auto lines = split_lines(r.out);
  REQUIRE(lines.size() == 1);
  // % , : and the newline are escaped in the property; "<&|" need no escaping there.
  CHECK(lines[0].starts_with("::error file=p%25q%2Cr%3As%0At<&|u.json,line=7,col=23,"));
  // The message keeps ":" and "," but its newline becomes %0A.
  CHECK(contains(lines[0], "::statement AdministratorAccess allows every action, and no Deny"));
  CHECK(contains(lines[0], "is allowed%0Acounterexample: "));
}

TEST_CASE("github: clean input prints nothing") {
  const Fixture f;
  const auto r = f.check("github", {"clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
}

TEST_CASE("junit: a failing testcase per file with findings and one for the clean files") {
  const Fixture f;
  const auto r = f.check("junit", {"admin.json", "clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(r.out == "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"policylint\" tests=\"2\" failures=\"1\" errors=\"0\">\n"
                 "  <testsuite name=\"policylint\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
                 "    <testcase classname=\"policylint\" name=\"admin.json\">\n"
                 "      <failure type=\"error\" message=\"1 finding\">admin.json:7:23: error: " +
                     std::string(k_pl101_message) +
                     " [PL101 action-star-without-source-ip-deny]\n"
                     "    counterexample: " +
                     std::string(k_pl101_counterexample) +
                     "\n"
                     "</failure>\n"
                     "    </testcase>\n"
                     "    <testcase classname=\"policylint\" name=\"1 file without findings\"/>\n"
                     "  </testsuite>\n"
                     "</testsuites>\n");
}

TEST_CASE("junit: clean run has only the passing testcase") {
  const Fixture f;
  const auto r = f.check("junit", {"clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "tests=\"1\" failures=\"0\""));
  CHECK(contains(r.out, "<testcase classname=\"policylint\" name=\"1 file without findings\"/>"));
  CHECK(!contains(r.out, "<failure"));
}

TEST_CASE("junit: names are XML-escaped and control bytes never reach the XML") {
  const Fixture f;
  const auto r = f.check_odd_name("junit");
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "<testcase classname=\"policylint\" name=\"p%q,r:s\\x0at&lt;&amp;|u.json\">"));
  CHECK(contains(r.out, "p%q,r:s\\x0at&lt;&amp;|u.json:7:23: error: "));
  CHECK(!contains(r.out, "<&"));
  for (const char c : r.out) {
    const auto u = static_cast<unsigned char>(c);
    CHECK((u >= 0x20U || c == '\n'));
  }
}

TEST_CASE("markdown: counts by level and a table of findings") {
  const Fixture f;
  const auto r = f.check("markdown", {"admin.json", "clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(r.out == "## policylint\n"
                 "\n"
                 "1 problem (1 error, 0 warnings, 0 notes) in 1 file of 2 linted.\n"
                 "\n"
                 "| Level | Count |\n"
                 "| --- | ---: |\n"
                 "| error | 1 |\n"
                 "| warning | 0 |\n"
                 "| note | 0 |\n"
                 "\n"
                 "| Location | Level | Code | Message |\n"
                 "| --- | --- | --- | --- |\n"
                 "| admin.json:7:23 | error | PL101 | " +
                     std::string(k_pl101_message) + " |\n");
}

TEST_CASE("markdown: clean run") {
  const Fixture f;
  const auto r = f.check("markdown", {"clean.json"});
  INFO(describe(r));
  CHECK(r.exit_code == 0);
  CHECK(r.out == "## policylint\n\nNo problems in 1 file.\n");
}

TEST_CASE("markdown: | and HTML are escaped and a newline cannot end the row") {
  const Fixture f;
  const auto r = f.check_odd_name("markdown");
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "| p%q,r:s\\\\x0at&lt;&amp;\\|u.json:7:23 | error | PL101 | "));
}

TEST_CASE("exit codes do not depend on the format") {
  const Fixture f;
  for (const std::string format : {"github", "junit", "markdown"}) {
    CAPTURE(format);
    CHECK(f.check(format, {"admin.json"}).exit_code == 1);
    CHECK(f.check(format, {"clean.json"}).exit_code == 0);
    CHECK(f.check(format, {"admin.json", "--exit-zero"}).exit_code == 0);
    CHECK(f.check(format, {"admin.json", "--fail-on", "none"}).exit_code == 0);
    CHECK(f.check(format, {"missing.json"}).exit_code == 2);
  }
  CHECK(f.check("bogus", {"admin.json"}).exit_code == 2);
}

TEST_CASE("--output writes the new formats to a file") {
  const Fixture f;
  const auto r = f.check("junit", {"admin.json", "-o", "report.xml"});
  INFO(describe(r));
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(read_file(f.dir / "report.xml").starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
}

} // TEST_SUITE
