// The JSON front end: exact source ranges, unescaping, duplicate keys, strict RFC 8259
// rejection with the offset of the offending byte, limits (architecture brief §5.1).
#include <doctest/doctest.h>

#include <policylint/core/source_file.hpp>
#include <policylint/json/parser.hpp>

#include <cstdint>
#include <string>
#include <string_view>

using policylint::ErrorCode;
using policylint::SourceFile;
using policylint::SourceRange;
using policylint::json::Kind;
using policylint::json::ParseLimits;
using policylint::json::Value;

namespace {

std::string show(SourceRange r) { return "[" + std::to_string(r.begin) + "," + std::to_string(r.end) + ")"; }

// The source text a range covers.
std::string_view slice(std::string_view text, SourceRange r) {
  REQUIRE(r.begin <= r.end);
  REQUIRE(r.end <= text.size());
  return text.substr(r.begin, r.end - r.begin);
}

Value parse_ok(const std::string& text) {
  const SourceFile file("policy.json", text);
  auto result = policylint::json::parse(file);
  if (!result) {
    FAIL("unexpected parse error: " << result.error().message);
  }
  REQUIRE(result.has_value());
  return std::move(*result);
}

struct ParseFailure {
  ErrorCode code = ErrorCode::internal;
  std::uint32_t offset = 0;
  SourceRange range;
  std::string message;
};

ParseFailure parse_fail(const std::string& text, const ParseLimits& limits = {}) {
  const SourceFile file("policy.json", text);
  auto result = policylint::json::parse(file, limits);
  REQUIRE_MESSAGE(!result.has_value(), "the input parsed, but it is not valid JSON");
  const auto& error = result.error();
  REQUIRE_MESSAGE(error.range.has_value(), "a JSON error must carry a position");
  return ParseFailure{error.code, error.range->begin, *error.range, error.message};
}

// Checks an invalid_json failure at exactly `offset` and that the range starts there.
void check_invalid_at(const std::string& text, std::uint32_t offset) {
  INFO("input: " << text.substr(0, 200));
  const auto f = parse_fail(text);
  CHECK(f.code == ErrorCode::invalid_json);
  CHECK(f.offset == offset);
  // One byte, inside the file; an error at the very end is an empty range at the end.
  CHECK(f.range.end <= text.size());
  CHECK((f.range.end == f.range.begin + 1 || (f.range.empty() && f.range.begin == text.size())));
  CHECK_FALSE(f.message.empty());
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Ranges of every kind of token
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: scalars keep exact token ranges, strings with their quotes") {
  const std::string text = R"({"Sid": "ReadOnly", "Limit": -12.5e3, "On": true, "Off": false, "None": null})";
  const Value root = parse_ok(text);
  REQUIRE(root.kind == Kind::object);
  REQUIRE(root.members.size() == 5);

  const Value& sid = root.members[0].value;
  CHECK(sid.kind == Kind::string);
  CHECK(sid.text == "ReadOnly");
  CHECK(show(sid.range) == "[8,18)");
  CHECK(slice(text, sid.range) == R"("ReadOnly")");

  const Value& limit = root.members[1].value;
  CHECK(limit.kind == Kind::number);
  CHECK(limit.text == "-12.5e3");
  CHECK(show(limit.range) == "[29,36)");

  const Value& on = root.members[2].value;
  CHECK(on.kind == Kind::boolean);
  CHECK(on.text == "true");
  CHECK(show(on.range) == "[44,48)");

  const Value& off = root.members[3].value;
  CHECK(off.kind == Kind::boolean);
  CHECK(off.text == "false");
  CHECK(show(off.range) == "[57,62)");

  const Value& none = root.members[4].value;
  CHECK(none.kind == Kind::null);
  CHECK(none.text.empty());
  CHECK(show(none.range) == "[72,76)");

  CHECK(show(root.range) == "[0,77)");
  CHECK(root.range.end == text.size());
}

TEST_CASE("json parser: member key_range covers the key token with its quotes") {
  const std::string text = R"({"Version": "2012-10-17",  "Statement" :[]})";
  const Value root = parse_ok(text);
  REQUIRE(root.members.size() == 2);
  CHECK(root.members[0].key == "Version");
  CHECK(show(root.members[0].key_range) == "[1,10)");
  CHECK(slice(text, root.members[0].key_range) == R"("Version")");
  CHECK(root.members[1].key == "Statement");
  CHECK(show(root.members[1].key_range) == "[27,38)");
  CHECK(slice(text, root.members[1].value.range) == "[]");
}

TEST_CASE("json parser: containers begin at the bracket and end just past the closing bracket") {
  // Spaces around every token, and a trailing newline, so that no range may include them.
  const std::string text = "{\n  \"Statement\" : [ { \"Action\" : [ \"s3:GetObject\" , \"s3:ListBucket\" ] } , { } ] ,\n"
                           "  \"Empty\" : [ ] ,\n  \"Nested\":{\"Condition\":{}}\n}\n";
  const Value root = parse_ok(text);
  CHECK(root.range.begin == 0);
  CHECK(root.range.end == text.size() - 1); // the final '}', not the newline
  CHECK(slice(text, root.range).back() == '}');

  const Value* statements = root.find("Statement");
  REQUIRE(statements != nullptr);
  REQUIRE(statements->kind == Kind::array);
  CHECK(statements->range.begin == text.find('['));
  CHECK(slice(text, statements->range) ==
        R"([ { "Action" : [ "s3:GetObject" , "s3:ListBucket" ] } , { } ])");
  REQUIRE(statements->items.size() == 2);
  CHECK(slice(text, statements->items[0].range) == R"({ "Action" : [ "s3:GetObject" , "s3:ListBucket" ] })");
  CHECK(slice(text, statements->items[1].range) == "{ }");
  const Value* actions = statements->items[0].find("Action");
  REQUIRE(actions != nullptr);
  CHECK(slice(text, actions->range) == R"([ "s3:GetObject" , "s3:ListBucket" ])");
  REQUIRE(actions->items.size() == 2);
  CHECK(slice(text, actions->items[1].range) == R"("s3:ListBucket")");

  const Value* empty = root.find("Empty");
  REQUIRE(empty != nullptr);
  CHECK(empty->items.empty());
  CHECK(slice(text, empty->range) == "[ ]");

  const Value* nested = root.find("Nested");
  REQUIRE(nested != nullptr);
  CHECK(slice(text, nested->range) == R"({"Condition":{}})");
  CHECK(slice(text, nested->members.at(0).value.range) == "{}");
}

TEST_CASE("json parser: compact nested containers as the last element of their parents") {
  const std::string text = R"([{"a":[[]]},{"b":{"c":{}}}])";
  const Value root = parse_ok(text);
  CHECK(show(root.range) == "[0,27)");
  REQUIRE(root.items.size() == 2);
  CHECK(show(root.items[0].range) == "[1,11)");
  CHECK(show(root.items[0].members[0].value.range) == "[6,10)");
  CHECK(show(root.items[0].members[0].value.items[0].range) == "[7,9)");
  CHECK(show(root.items[1].range) == "[12,26)");
  CHECK(slice(text, root.items[1].members[0].value.members[0].value.range) == "{}");
}

TEST_CASE("json parser: ranges are byte offsets even after multibyte text") {
  const std::string text = "{\"Sid\": \"Caf\xC3\xA9\", \"Effect\": \"Allow\"}";
  const Value root = parse_ok(text);
  CHECK(root.members[0].value.text == "Caf\xC3\xA9");
  CHECK(show(root.members[0].value.range) == "[8,15)");
  CHECK(show(root.members[1].key_range) == "[17,25)");
  CHECK(slice(text, root.members[1].value.range) == R"("Allow")");
}

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: strings are unescaped, their range covers the escaped source") {
  const std::string text =
      R"({"Sid": "Caf\u00e9", "Smile": "\ud83d\ude00", "Quote": "say \"hi\"", "Misc": "a\\b\/c\n\t"})";
  const Value root = parse_ok(text);
  REQUIRE(root.members.size() == 4);
  CHECK(root.members[0].value.text == "Caf\xC3\xA9");
  CHECK(slice(text, root.members[0].value.range) == R"("Caf\u00e9")");
  CHECK(root.members[1].value.text == "\xF0\x9F\x98\x80"); // U+1F600 from a surrogate pair
  CHECK(slice(text, root.members[1].value.range) == R"("\ud83d\ude00")");
  CHECK(root.members[2].value.text == R"(say "hi")");
  CHECK(slice(text, root.members[2].value.range) == R"("say \"hi\"")");
  CHECK(root.members[3].value.text == "a\\b/c\n\t");
}

TEST_CASE("json parser: escaped keys are unescaped and key_range still spans the whole token") {
  const std::string text = R"({"aws:Principal\u0054ag/team": 1, "a\"b": 2, "c\\": 3})";
  const Value root = parse_ok(text);
  REQUIRE(root.members.size() == 3);
  CHECK(root.members[0].key == "aws:PrincipalTag/team");
  CHECK(slice(text, root.members[0].key_range) == R"("aws:Principal\u0054ag/team")");
  CHECK(root.members[1].key == "a\"b");
  CHECK(slice(text, root.members[1].key_range) == R"("a\"b")");
  CHECK(root.members[2].key == "c\\");
  CHECK(slice(text, root.members[2].key_range) == R"("c\\")");
  CHECK(root.find("aws:PrincipalTag/team") == &root.members[0].value);
}

// Its speed is measured by the benchmarks, not here (a timed test fails on a busy machine).
TEST_CASE("json parser: a 10 MB string value parses with an exact range") {
  const std::string bucket(10U * 1024U * 1024U, 'a');
  const std::string text = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", )"
                           R"("Resource": "arn:aws:s3:::)" +
                           bucket + R"("}})";
  const Value root = parse_ok(text);
  const Value* statement = root.find("Statement");
  REQUIRE(statement != nullptr);
  const Value* resource = statement->find("Resource");
  REQUIRE(resource != nullptr);
  CHECK(resource->text.size() == bucket.size() + 13);
  CHECK(resource->text.starts_with("arn:aws:s3:::aaaa"));
  CHECK(resource->range.begin == text.find("\"arn:aws:s3:::"));
  CHECK(resource->range.end == text.size() - 2);
}

// ---------------------------------------------------------------------------------------------
// Duplicate keys
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: duplicate keys are all kept, in source order, find() returns the first") {
  const std::string text = R"({"Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"},
  "StringEquals": {"aws:RequestedRegion": "eu-west-1"}}, "Condition": {"Bool": {"aws:SecureTransport": "true"}}})";
  const Value root = parse_ok(text);
  REQUIRE(root.members.size() == 2);
  CHECK(root.members[0].key == "Condition");
  CHECK(root.members[1].key == "Condition");
  CHECK(root.members[0].key_range.begin == 1);
  CHECK(root.members[1].key_range.begin == text.rfind("\"Condition\""));
  CHECK(root.find("Condition") == &root.members[0].value);
  const Value& first = root.members[0].value;
  REQUIRE(first.members.size() == 2);
  CHECK(first.members[0].key == "StringEquals");
  CHECK(first.members[1].key == "StringEquals");
  CHECK(first.members[0].value.members.at(0).key == "aws:PrincipalTag/team");
  CHECK(first.members[1].value.members.at(0).key == "aws:RequestedRegion");
  CHECK(root.members[1].value.members.at(0).key == "Bool");
}

// ---------------------------------------------------------------------------------------------
// Root values
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: any JSON value may be the root") {
  SUBCASE("string") {
    const Value v = parse_ok(R"(  "x" )");
    CHECK(v.kind == Kind::string);
    CHECK(v.text == "x");
    CHECK(show(v.range) == "[2,5)");
  }
  SUBCASE("number") {
    const Value v = parse_ok("42\n");
    CHECK(v.kind == Kind::number);
    CHECK(v.text == "42");
    CHECK(show(v.range) == "[0,2)");
  }
  SUBCASE("null") {
    const Value v = parse_ok("null");
    CHECK(v.kind == Kind::null);
    CHECK(show(v.range) == "[0,4)");
  }
  SUBCASE("true") {
    const Value v = parse_ok("true");
    CHECK(v.kind == Kind::boolean);
    CHECK(v.text == "true");
  }
  SUBCASE("empty array") {
    const Value v = parse_ok("[]");
    CHECK(v.kind == Kind::array);
    CHECK(v.items.empty());
    CHECK(show(v.range) == "[0,2)");
  }
  SUBCASE("empty object") {
    const Value v = parse_ok(" {} ");
    CHECK(v.kind == Kind::object);
    CHECK(v.members.empty());
    CHECK(show(v.range) == "[1,3)");
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers: every valid JSON number is accepted and keeps its text
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: negative zero keeps its text") {
  const std::string text = R"({"NumericEquals": {"s3:max-keys": -0}})";
  const Value root = parse_ok(text);
  const Value& v = root.members.at(0).value.members.at(0).value;
  CHECK(v.kind == Kind::number);
  CHECK(v.text == "-0");
  CHECK(slice(text, v.range) == "-0");
  CHECK(parse_ok("-0").text == "-0");
}

TEST_CASE("json parser: a number too large for a double (1e400) is valid JSON and keeps its text") {
  const std::string text = R"({"NumericLessThan": {"s3:max-keys": 1e400}})";
  const SourceFile file("policy.json", text);
  const auto result = policylint::json::parse(file);
  REQUIRE_MESSAGE(result.has_value(), "1e400 is a valid JSON number (RFC 8259 §6), got: "
                                          << (result ? std::string() : result.error().message));
  const Value& v = result->members.at(0).value.members.at(0).value;
  CHECK(v.kind == Kind::number);
  CHECK(v.text == "1e400");
  CHECK(slice(text, v.range) == "1e400");
}

TEST_CASE("json parser: 1e400 as the root value") {
  const SourceFile file("policy.json", "1e400");
  const auto result = policylint::json::parse(file);
  REQUIRE_MESSAGE(result.has_value(), "1e400 is a valid JSON number");
  CHECK(result->kind == Kind::number);
  CHECK(result->text == "1e400");
}

TEST_CASE("json parser: an integer beyond 64 bits is valid JSON and keeps its text") {
  const std::string text = R"({"NumericLessThanEquals": {"aws:MultiFactorAuthAge": 123456789012345678901234567890}})";
  const SourceFile file("policy.json", text);
  const auto result = policylint::json::parse(file);
  REQUIRE_MESSAGE(result.has_value(), "a big integer is a valid JSON number, got: "
                                          << (result ? std::string() : result.error().message));
  const Value& v = result->members.at(0).value.members.at(0).value;
  CHECK(v.kind == Kind::number);
  CHECK(v.text == "123456789012345678901234567890");
  CHECK(slice(text, v.range) == "123456789012345678901234567890");
  // Just past the 64-bit range, both signs.
  CHECK(parse_ok("[18446744073709551616, -9223372036854775809]").items.at(1).text == "-9223372036854775809");
  // And at the root.
  CHECK(parse_ok("123456789012345678901234567890").text == "123456789012345678901234567890");
}

TEST_CASE("json parser: ordinary numbers keep their text exactly as written") {
  const Value v = parse_ok("[0, 3600, 1.50, 1E+2, 2e-3, -7, 1e-400]");
  REQUIRE(v.items.size() == 7);
  CHECK(v.items[0].text == "0");
  CHECK(v.items[1].text == "3600");
  CHECK(v.items[2].text == "1.50");
  CHECK(v.items[3].text == "1E+2");
  CHECK(v.items[4].text == "2e-3");
  CHECK(v.items[5].text == "-7");
  CHECK(v.items[6].text == "1e-400");
}

TEST_CASE("json parser: malformed numbers are rejected at the number") {
  check_invalid_at(R"({"NumericEquals": {"s3:max-keys": 01}})", 34);
  check_invalid_at(R"({"NumericEquals": {"s3:max-keys": 1.}})", 34);
  check_invalid_at(R"({"NumericEquals": {"s3:max-keys": .5}})", 34);
  check_invalid_at(R"({"NumericEquals": {"s3:max-keys": +5}})", 34);
  check_invalid_at("[-]", 1);
}

// ---------------------------------------------------------------------------------------------
// Errors: strict JSON, with the offset of the offending byte
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser error: empty file and whitespace only") {
  check_invalid_at("", 0);
  check_invalid_at(" \n\t\r\n", 0);
}

TEST_CASE("json parser error: trailing comma in an object points at the closing brace") {
  //                   0123456789012345678
  check_invalid_at(R"({"Effect": "Allow",})", 19);
  const std::string pretty = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\",\n}";
  check_invalid_at(pretty, static_cast<std::uint32_t>(pretty.size() - 1));
}

TEST_CASE("json parser error: trailing comma in an array points at the closing bracket") {
  check_invalid_at(R"(["s3:GetObject",])", 16);
  const std::string policy = R"({"Action": ["s3:GetObject", "s3:ListBucket",], "Resource": "*"})";
  check_invalid_at(policy, static_cast<std::uint32_t>(policy.find(",]") + 1));
}

TEST_CASE("json parser error: a missing comma points at the next token") {
  check_invalid_at(R"({"Effect": "Allow" "Action": "s3:*"})", 19);
  check_invalid_at(R"({"Action": ["s3:GetObject" "s3:ListBucket"]})", 27);
}

TEST_CASE("json parser error: comments are rejected at the slash") {
  check_invalid_at("{\n  // read-only access\n  \"Effect\": \"Allow\"\n}", 4);
  check_invalid_at(R"({"Effect": /* allow */ "Allow"})", 11);
  check_invalid_at("{\"Effect\": \"Allow\"} // done", 20);
}

TEST_CASE("json parser error: single quotes") {
  check_invalid_at("{'Effect': 'Allow'}", 1);
  check_invalid_at("{\"Effect\": 'Allow'}", 11);
}

TEST_CASE("json parser error: an unquoted key") {
  check_invalid_at("{Effect: \"Allow\"}", 1);
  check_invalid_at("{\"Version\": \"2012-10-17\", Statement: []}", 26);
}

TEST_CASE("json parser error: an unterminated string points at its opening quote") {
  //                0123456789012345678
  check_invalid_at(R"({"Effect": "Allow})", 11);
  check_invalid_at("{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Sid\": \"ReadOnly}}\n", 48);
}

TEST_CASE("json parser error: a raw control character inside a string points at that byte") {
  // A tab pasted into a Sid: JSON requires \t.
  check_invalid_at("{\"Sid\": \"Read\tOnly\", \"Effect\": \"Allow\"}", 13);
}

TEST_CASE("json parser error: bad escapes point at the string") {
  check_invalid_at(R"({"Sid": "a\qb"})", 8);
  check_invalid_at(R"({"Sid": "\u00zz"})", 8);
  // A bad escape in a key: the error belongs to the key token, not to the value after it.
  const std::string key = R"({"Condition": {"StringLike": {"s3:prefix\d": "home/"}}})";
  check_invalid_at(key, static_cast<std::uint32_t>(key.find(R"("s3:prefix)")));
}

TEST_CASE("json parser error: bare words") {
  check_invalid_at(R"({"Effect": Allow})", 11);
  check_invalid_at("Allow", 0);
  check_invalid_at(R"({"Bool": {"aws:SecureTransport": True}})", 33);
  check_invalid_at(R"({"a": nul})", 6);
}

TEST_CASE("json parser error: invalid UTF-8 points at the bad byte") {
  // "café" in Latin-1: 0xE9 followed by a quote is not a UTF-8 sequence.
  check_invalid_at("{\"Sid\": \"caf\xE9\"}", 12);
  // An overlong encoding of '/' and a UTF-16 surrogate encoded in UTF-8.
  check_invalid_at("{\"Resource\": \"arn:aws:s3:::b\xC0\xAF\"}", 28);
  check_invalid_at("{\"Sid\": \"x\xED\xA0\x80\"}", 10);
  // A stray continuation byte outside any string.
  check_invalid_at("{\"Sid\": \"x\"}\x80", 12);
}

TEST_CASE("json parser error: a UTF-16 file is rejected, not crashed on") {
  // "{}" in UTF-16LE with a BOM.
  const std::string utf16("\xFF\xFE{\0}\0", 6);
  const auto f = parse_fail(utf16);
  CHECK(f.code == ErrorCode::invalid_json);
  CHECK(f.offset == 0);
}

TEST_CASE("json parser error: a NUL byte") {
  check_invalid_at(std::string("{\"Effect\":\0\"Allow\"}", 19), 10);
  // Inside a string it is an unescaped control character.
  check_invalid_at(std::string("{\"Sid\": \"Read\0Only\"}", 20), 13);
}

TEST_CASE("json parser error: a UTF-8 byte order mark is reported at offset 0") {
  const auto f = parse_fail("\xEF\xBB\xBF{\"Version\": \"2012-10-17\", \"Statement\": []}");
  CHECK(f.code == ErrorCode::invalid_json);
  CHECK(f.offset == 0);
  CHECK(show(f.range) == "[0,3)");
  CHECK(f.message.find("byte order mark") != std::string::npos);
}

TEST_CASE("json parser error: content after the root value") {
  check_invalid_at(R"({"Version": "2012-10-17"} x)", 26);
  check_invalid_at(R"({"Version": "2012-10-17"}})", 25);
  check_invalid_at("{\"Statement\": []}\n{\"Statement\": []}\n", 18);
  check_invalid_at("[1] [2]", 4);
  check_invalid_at("\"x\" \"y\"", 4);
}

TEST_CASE("json parser error: truncated documents point at the end of the file") {
  const std::string full =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})";
  // Cut the document after each of its last closing brackets, and after a ':'.
  for (const std::size_t cut : {full.size() - 1, full.size() - 2, full.size() - 3, full.find(R"("*")") - 1}) {
    CAPTURE(cut);
    const std::string truncated = full.substr(0, cut);
    check_invalid_at(truncated, static_cast<std::uint32_t>(truncated.size()));
  }
  // A document cut inside a key: the string is unterminated.
  check_invalid_at(R"({"Version": "2012-10-17", "Statement": [{"Effect)", 41);
  // Just an opening brace or bracket.
  check_invalid_at("{", 1);
  check_invalid_at("[", 1);
}

// ---------------------------------------------------------------------------------------------
// Depth limit
// ---------------------------------------------------------------------------------------------

TEST_CASE("json parser: 100,000 open brackets end with a limit error, without a stack overflow") {
  const std::string deep(100'000, '[');
  const auto f = parse_fail(deep);
  CHECK(f.code == ErrorCode::limit);
  CHECK(f.offset == ParseLimits{}.max_depth); // the first bracket past the limit
}

TEST_CASE("json parser: 100,000 balanced levels of objects are refused the same way") {
  std::string deep;
  for (int i = 0; i < 100'000; ++i) {
    deep += R"({"a":)";
  }
  deep += "1";
  deep.append(100'000, '}');
  const auto f = parse_fail(deep);
  CHECK(f.code == ErrorCode::limit);
  CHECK(f.offset == 5U * ParseLimits{}.max_depth);
}

TEST_CASE("json parser: nesting exactly at max_depth succeeds, one more level fails at that bracket") {
  const std::uint32_t limit = ParseLimits{}.max_depth;
  const std::string at_limit = std::string(limit, '[') + std::string(limit, ']');
  const Value v = parse_ok(at_limit);
  CHECK(v.kind == Kind::array);
  CHECK(show(v.range) == "[0," + std::to_string(2 * limit) + ")");

  const std::string over = std::string(limit + 1, '[') + std::string(limit + 1, ']');
  const auto f = parse_fail(over);
  CHECK(f.code == ErrorCode::limit);
  CHECK(f.offset == limit);
}

TEST_CASE("json parser: a custom depth limit counts the root as level 1") {
  const ParseLimits limits{.max_depth = 3};
  const std::string policy = R"({"Statement": [{"Condition": {}}]})"; // four levels
  const auto f = parse_fail(policy, limits);
  CHECK(f.code == ErrorCode::limit);
  CHECK(f.offset == policy.find("{}"));
  const SourceFile three("p.json", R"({"Statement": [{"Effect": "Allow"}]})");
  CHECK(policylint::json::parse(three, limits).has_value());
}
