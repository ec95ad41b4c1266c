// Hostile inputs end to end (issue "never crash, never hang, never lose a byte"): each case
// runs the real binary with a kill timeout and checks for a positioned finding or a clear
// error naming the file, no signal, no hang, bounded memory, and the other inputs still
// linted. Empty/whitespace/BOM/invalid UTF-8/NUL/binary files, 100,000-deep arrays, symlink
// loops and FIFOs are covered in tests/cli/cli_test.cpp; this file covers the rest.
#include "hostile/hostile_support.hpp"

#include <doctest/doctest.h>

#include <fstream>

using namespace policylint::testing::hostile;
using namespace std::string_literals;

// AddressSanitizer's shadow memory and quarantine multiply the footprint; the bounds below
// are for a normal build and are scaled, not dropped, under the sanitizer.
#if defined(__SANITIZE_ADDRESS__)
constexpr long k_rss_slack = 4;
#else
constexpr long k_rss_slack = 1;
#endif

namespace {

// Writes the admin policy next to the hostile input, so every run proves the rest is linted.
void add_witness(const Scratch& dir) { spit(dir / "admin.json", k_admin); }
constexpr std::string_view k_witness = "admin.json:6:17: error:";

std::string statements(std::size_t n, std::string_view statement, std::string_view separator) {
  std::string s = R"({"Version":"2012-10-17","Statement":[)";
  s.reserve(s.size() + n * (statement.size() + separator.size()) + 8);
  for (std::size_t i = 0; i < n; ++i) {
    if (i != 0) {
      s += ',';
      s += separator;
    }
    s += statement;
  }
  s += "]}\n";
  return s;
}

} // namespace

TEST_CASE("hostile: 100,000-deep object nesting gives PL014 at the bracket") {
  Scratch dir;
  add_witness(dir);
  std::string deep = R"({"Version":"2012-10-17","Statement":)";
  for (int i = 0; i < 100000; ++i) {
    deep += R"({"a":)";
  }
  deep += "1" + std::string(100000, '}') + "}";
  spit(dir / "deep.json", deep);
  const Run r = run({"deep.json", "admin.json"}, dir.path());
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  // Level 257 opens at byte 36 + 255 * 5 = column 1312 of line 1 (--max-depth 256).
  CHECK(has(r.out, "deep.json:1:1312: error: nesting deeper than 256 levels (--max-depth) [PL014"));
  CHECK(has(r.out, k_witness));

  // The largest accepted --max-depth still leaves the recursive walk far from the stack limit
  // (--max-depth 10000 used to be accepted and crashed with SIGSEGV at about 5,000 levels).
  const Run raised = run({"--max-depth", "1000", "deep.json"}, dir.path());
  INFO(describe(raised));
  CHECK(raised.signal == 0);
  CHECK(raised.exit_code == 1);
  CHECK(has(raised.out, "nesting deeper than 1000 levels"));
  const Run too_deep = run({"--max-depth", "10000", "deep.json"}, dir.path());
  INFO(describe(too_deep));
  CHECK(too_deep.signal == 0);
  CHECK(too_deep.exit_code == 2);
}

TEST_CASE("hostile: a 200 MB policy is refused by size without being read") {
  Scratch dir;
  add_witness(dir);
  {
    // Sparse: 200 MB long, nothing on disk. Its content never matters; only its size does.
    std::ofstream(dir / "huge.json").put('{');
    fs::resize_file(dir / "huge.json", 200U * 1024U * 1024U);
  }
  const Run r = run({"huge.json", "admin.json"}, dir.path());
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "huge.json:1:1: error: file is 209715200 bytes, over the limit of 10485760 (--max-file-size)"));
  CHECK(has(r.out, "[PL014 input-limit-exceeded]"));
  CHECK(has(r.out, k_witness));
  CHECK(r.peak_rss_kib < k_rss_slack * (64 * 1024)); // never read into memory
}

TEST_CASE("hostile: size limits per kind: a snapshot over 10 MiB is read, a policy is not") {
  Scratch dir;
  add_witness(dir);
  // 11 MiB each: blanks after the document keep the JSON valid and the content small.
  const std::string padding(11U * 1024U * 1024U, ' ');
  spit(dir / "snapshot.json", R"({"UserDetailList": [{"UserName": "alice", "UserId": "AIDAEXAMPLE", "Arn": "arn:aws:iam::111122223333:user/alice",
 "UserPolicyList": [{"PolicyName": "admin", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}],
 "GroupDetailList": [], "RoleDetailList": [], "Policies": []})" + padding);
  spit(dir / "policy.json", std::string(k_admin) + padding);
  // A plain policy whose head names a snapshot key passes the first look, not the parse.
  spit(dir / "disguised.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": "Policies", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})" + padding);
  const Run r = run({"snapshot.json", "policy.json", "disguised.json", "admin.json"}, dir.path());
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "snapshot.json:2:133: error:")); // the inline policy's "*" is linted
  CHECK_FALSE(has(r.out, "snapshot.json:1:1: error:"));
  CHECK(has(r.out, "policy.json:1:1: error: file is 11534468 bytes, over the limit of 10485760 (--max-file-size)"));
  CHECK(has(r.out, "disguised.json:1:1: error: file is 11534459 bytes, over the limit of 10485760 for a policy file "
                   "(--max-file-size)"));
  CHECK(has(r.out, k_witness));

  // --max-file-size is one limit for every kind.
  const Run small = run({"--max-file-size", "1000000", "snapshot.json"}, dir.path());
  INFO(describe(small));
  CHECK(has(small.out, "snapshot.json:1:1: error: file is"));
  const Run none = run({"--max-file-size", "0", "policy.json", "disguised.json"}, dir.path());
  INFO(describe(none));
  CHECK_FALSE(has(none.out, "[PL014"));
  CHECK(has(none.out, "policy.json:6:17: error:"));
}

TEST_CASE("hostile: a million statements: PL014 on Statement, bounded memory, the rest linted") {
  Scratch dir;
  add_witness(dir);
  const std::string text =
      statements(1000000, R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*"})", "\n");
  spit(dir / "million.json", text);
  const Run r = run({"--max-file-size", "0", "million.json", "admin.json"}, dir.path(), 120);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "million.json:1:25: error: \"Statement\" holds 1000000 entries, over the limit of 1000 "
                   "(--max-statements); only the first 1000 statements were analysed [PL014"));
  CHECK(has(r.out, k_witness));
  // The JSON tree of the whole document is held at once; it must stay within 20x the input.
  const auto input_kib = static_cast<long>(text.size() / 1024);
  CHECK(r.peak_rss_kib < k_rss_slack * (20 * input_kib));
  MESSAGE("1,000,000 statements (" << text.size() << " bytes): " << r.seconds << " s, peak RSS "
                                   << r.peak_rss_kib / 1024 << " MiB");
}

TEST_CASE("hostile: --max-statements counts, reports once and 0 disables it") {
  Scratch dir;
  spit(dir / "five.json", statements(5, R"({"Effect":"Allow","Action":"*","Resource":"*"})", "\n"));
  const Run two = run({"--max-statements", "2", "five.json"}, dir.path());
  INFO(describe(two));
  CHECK(two.exit_code == 1);
  CHECK(count(two.out, "[PL014 input-limit-exceeded]") == 1);
  CHECK(has(two.out, "holds 5 entries, over the limit of 2 (--max-statements); only the first 2 statements"));
  CHECK(count(two.out, "[PL101") == 2); // statements 3..5 are not analysed

  const Run none = run({"--max-statements", "0", "five.json"}, dir.path());
  INFO(describe(none));
  CHECK(none.exit_code == 1);
  CHECK(count(none.out, "[PL014") == 0);
  CHECK(count(none.out, "[PL101") == 5);

  const Run bad = run({"--max-statements", "many", "five.json"}, dir.path());
  CHECK(bad.exit_code == 2);
}

TEST_CASE("hostile: thousands of findings on one long line stay fast and small (regression)") {
  // Once quadratic in time and memory: every finding copied the whole (here 188 KB) line and
  // counted its column from the line start; 4,000 findings took 39 s and 750 MB in Debug.
  Scratch dir;
  const std::string text = statements(4000, R"({"Effect":"Allow","Action":"*","Resource":"*"})", "");
  spit(dir / "oneline.json", text);
  const Run r = run({"--max-statements", "4000", "--select", "PL101", "oneline.json"}, dir.path(), 60);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(count(r.out, "[PL101") == 4000);
  CHECK(has(r.out, "oneline.json:1:188018: error:")); // the last statement's "*": code points, not guesses
  CHECK(r.peak_rss_kib < k_rss_slack * (128 * 1024));
}

TEST_CASE("hostile: huge and odd numbers") {
  Scratch dir;
  add_witness(dir);
  const std::string digits(100000, '9');
  spit(dir / "numbers.json", R"({"Version": )" + digits + R"(, "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
 "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": [1e999999, -0.0, 1e-400, 123456789012345678901234567890, )" +
                                   digits + "]}}, \"Sid\": 1e309}]}\n");
  spit(dir / "root-number.json", digits + "\n");
  spit(dir / "bad-number.json", R"({"Version": "2012-10-17", "Statement": [01]})");
  const Run r = run({"numbers.json", "root-number.json", "bad-number.json", "admin.json"}, dir.path());
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "numbers.json:1:13: warning:"));   // Version is not a string
  CHECK(has(r.out, "bad-number.json:1:41: error:")); // leading zero
  CHECK(has(r.out, k_witness));
  // A bare number holds nothing IAM-like: skipped by content, counted; read as a policy it is one
  // that is not an object.
  CHECK_FALSE(has(r.out, "root-number.json"));
  CHECK(has(r.err, "1 file is not an IAM policy (skipped)"));
  const Run strict = run({"--input-format", "policy", "root-number.json"}, dir.path());
  INFO(describe(strict));
  CHECK(strict.exit_code == 1);
  CHECK(has(strict.out, "root-number.json:1:1: error:"));
}

TEST_CASE("hostile: duplicate keys are reported at the second key, at every level") {
  Scratch dir;
  spit(dir / "dup.json", R"({"Version": "2012-10-17", "Version": "2012-10-17",
 "Statement": [{"Effect": "Deny", "Effect": "Allow", "Action": "*", "Resource": "*",
  "Condition": {"Bool": {"aws:SecureTransport": "true", "aws:SecureTransport": "false"}}}],
 "Statement": []}
)");
  const Run r = run({"--format", "json", "dup.json"}, dir.path());
  INFO(describe(r));
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  const Run text = run({"dup.json"}, dir.path());
  INFO(describe(text));
  CHECK(has(text.out, "dup.json:1:27: "));
  CHECK(has(text.out, "dup.json:2:35: "));
  CHECK(has(text.out, "dup.json:3:57: "));
  CHECK(has(text.out, "dup.json:4:2: "));
  CHECK(count(text.out, "duplicate-json-key]") == 4);
}

TEST_CASE("hostile: very long strings, keys and escapes") {
  Scratch dir;
  add_witness(dir);
  const std::string long_action = "s3:" + std::string(5U * 1024U * 1024U, 'G');
  std::string escapes;
  for (int i = 0; i < 200000; ++i) {
    escapes += "\\u00e9\\ud83d\\ude00";
  }
  spit(dir / "long.json", R"({"Version": "2012-10-17", "Statement": [{"Sid": ")" + std::string(1000000, 'S') +
                              R"(", "Effect": "Allow", "Action": ")" + long_action + R"(", "Resource": ")" + escapes +
                              R"(", ")" + std::string(100000, 'K') + R"(": 1}]})");
  const Run r = run({"long.json", "admin.json"}, dir.path(), 60);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "long.json:1:"));
  CHECK(has(r.out, k_witness));
  CHECK(r.peak_rss_kib < k_rss_slack * (512 * 1024));
}

TEST_CASE("hostile: an unreadable file is an I/O error naming it, the rest is linted") {
  Scratch dir;
  add_witness(dir);
  spit(dir / "secret.json", k_admin);
  ::chmod((dir / "secret.json").c_str(), 0);
  spit(dir / "tree/secret-dir/inside.json", k_admin);
  ::chmod((dir / "tree/secret-dir").c_str(), 0);
  spit(dir / "tree/ok.json", k_admin);
  // As root, permissions mean nothing: the child drops to "nobody" first.
  const Run r = run({"secret.json", "tree", "admin.json"}, dir.path(), 30, true);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "policylint: error: secret.json: cannot open: Permission denied"));
  CHECK(has(r.err, "secret-dir"));
  CHECK(has(r.out, k_witness));
  CHECK(has(r.out, "tree/ok.json:6:17: error:"));
}

TEST_CASE("hostile: devices named on the command line are refused, not read") {
  Scratch dir;
  add_witness(dir);
  const Run r = run({"/dev/zero", "/dev/null", "/dev/urandom", "admin.json"}, dir.path(), 30);
  INFO(describe(r));
  REQUIRE_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  for (const char* dev : {"/dev/zero", "/dev/null", "/dev/urandom"}) {
    CHECK(has(r.err, "policylint: error: "s + dev + ": not a regular file"));
  }
  CHECK(has(r.out, k_witness));
  CHECK(r.peak_rss_kib < k_rss_slack * (64 * 1024));
}

TEST_CASE("hostile: paths that vanish before or during the run") {
  Scratch dir;
  add_witness(dir);
  fs::create_symlink("gone.json", dir / "dangling.json");
  SUBCASE("a dangling symlink named on the command line") {
    const Run r = run({"dangling.json", "admin.json"}, dir.path());
    INFO(describe(r));
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "dangling.json"));
    CHECK(has(r.out, k_witness));
  }
  SUBCASE("files deleted while the run walks them") {
    constexpr int k_files = 3000;
    for (int i = 0; i < k_files; ++i) {
      spit(dir / ("tree/p" + std::to_string(10000 + i) + ".json"), k_admin);
    }
    std::thread remover([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      for (int i = k_files - 1; i >= 0; i -= 2) {
        std::error_code ec;
        fs::remove(dir / ("tree/p" + std::to_string(10000 + i) + ".json"), ec);
      }
    });
    const Run r = run({"tree", "admin.json"}, dir.path(), 60);
    remover.join();
    INFO(describe(r));
    REQUIRE_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK((r.exit_code == 1 || r.exit_code == 2));
    CHECK(has(r.out, k_witness));
    // Every file is either linted or named in an error; none is lost silently.
    for (int i = 0; i < k_files; ++i) {
      const std::string name = "tree/p" + std::to_string(10000 + i) + ".json";
      const bool linted = has(r.out, name + ":6:17:");
      const bool reported = has(r.err, name);
      const bool still_there = fs::exists(dir / name);
      if (!linted && !reported) {
        // Only files removed before the directory was listed may be absent from both.
        CHECK_MESSAGE(!still_there, name << " was neither linted nor reported");
      }
    }
  }
}
