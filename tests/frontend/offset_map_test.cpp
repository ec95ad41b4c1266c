// The decoded-byte → file-byte maps that let findings in policies held in strings point into
// the user's file.
#include <doctest/doctest.h>

#include <policylint/core/source_file.hpp>
#include <policylint/frontend/offset_map.hpp>
#include <policylint/json/parser.hpp>

using namespace policylint;
using namespace policylint::frontend;

TEST_CASE("offset map: JSON escapes map each decoded byte to its escape sequence") {
  // raw:  a \n \" \u00e9 b      (é is two UTF-8 bytes from one 6-byte escape)
  const std::string raw = R"(a\n\"\u00e9b)";
  const auto d = decode_json_string(raw, 100);
  REQUIRE(d.has_value());
  CHECK(d->text == "a\n\"\xC3\xA9" "b");
  REQUIRE(d->map.size() == d->text.size());
  CHECK(d->map.at(0) == 100); // a
  CHECK(d->map.at(1) == 101); // \n
  CHECK(d->map.at(2) == 103); // \"
  CHECK(d->map.at(3) == 105); // \u00e9, first byte
  CHECK(d->map.at(4) == 105); // second byte
  CHECK(d->map.at(5) == 111); // b
  CHECK(d->map.at(6) == 112); // past the end: the closing quote
  // A range over "b" maps to exactly the raw "b".
  CHECK(d->outer(SourceRange{5, 6}) == SourceRange{111, 112});
  // A range over the escaped quote covers both raw bytes.
  CHECK(d->outer(SourceRange{2, 3}) == SourceRange{103, 105});
}

TEST_CASE("offset map: surrogate pairs and malformed escapes") {
  const auto pair = decode_json_string(R"(\ud83d\ude00x)", 0);
  REQUIRE(pair.has_value());
  CHECK(pair->text == "\xF0\x9F\x98\x80x");
  CHECK(pair->map.at(4) == 12);
  CHECK_FALSE(decode_json_string(R"(\q)", 0).has_value());
  CHECK_FALSE(decode_json_string(R"(\u12)", 0).has_value());
  CHECK_FALSE(decode_json_string(R"(\udc00)", 0).has_value()); // a lone low surrogate
  CHECK_FALSE(decode_json_string("\\", 0).has_value());
}

TEST_CASE("offset map: percent-decoding composes with the JSON map") {
  const std::string raw = "%7B%22A%22%3A1%7D"; // {"A":1}
  const auto json_level = decode_json_string(raw, 10);
  REQUIRE(json_level.has_value());
  CHECK(looks_percent_encoded(json_level->text));
  const auto d = percent_decode(*json_level);
  CHECK(d.text == "{\"A\":1}");
  REQUIRE(d.map.size() == 7);
  CHECK(d.map.at(0) == 10); // {  ← %7B
  CHECK(d.map.at(1) == 13); // "  ← %22
  CHECK(d.map.at(2) == 16); // A
  CHECK(d.map.at(5) == 23); // 1
  CHECK(d.map.at(7) == 10 + raw.size());
  // A malformed % is kept as is.
  DecodedText odd;
  odd.text = "%zz%4";
  odd.map.append_run(0, 5);
  odd.map.finish(5);
  CHECK(percent_decode(odd).text == "%zz%4");
  CHECK_FALSE(looks_percent_encoded("{\"Version\""));
}

TEST_CASE("offset map: a parsed tree's ranges are moved to the outer file") {
  const std::string outer = R"({"Policy": "{\"Version\":\"2012-10-17\"}"})";
  const auto open = outer.find("\"{") + 1;
  const auto close = outer.rfind('"');
  const auto d = decode_json_string(std::string_view(outer).substr(open, close - open), static_cast<std::uint32_t>(open));
  REQUIRE(d.has_value());
  const SourceFile inner("x", d->text);
  auto tree = json::parse(inner);
  REQUIRE(tree.has_value());
  remap_ranges(*tree, *d);
  const auto& member = tree->members.at(0);
  // "2012-10-17" with its escaped quotes, as written in the outer file.
  CHECK(outer.substr(member.value.range.begin, member.value.range.end - member.value.range.begin) ==
        R"(\"2012-10-17\")");
  CHECK(outer.substr(member.key_range.begin, member.key_range.end - member.key_range.begin) == R"(\"Version\")");
}

TEST_CASE("offset map: pieces answer like a per-byte map, read at random or in order") {
  // Runs, one-byte escapes, a multi-byte escape and a run again, at a base offset.
  const std::string raw = R"(abc\"def\\g\u00e9hij\nk)";
  const auto d = decode_json_string(raw, 1000);
  REQUIRE(d.has_value());
  // The per-byte map, built by hand from the escapes above.
  const std::vector<std::uint32_t> expected = {1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1010,
                                               1011, 1011, 1017, 1018, 1019, 1020, 1022, 1023};
  REQUIRE(d->map.size() + 1 == expected.size());
  OffsetMap::Reader in_order(d->map);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(d->map.at(i) == expected[i]);
    CHECK(in_order.at(i) == expected[i]);
  }
  CHECK(d->map.at(expected.size() + 5) == 1023); // past the end: the end offset
}

TEST_CASE("offset map: a long string without escapes maps its last byte exactly") {
  const std::string raw(3'000'000, 'k');
  const auto d = decode_json_string(raw, 7);
  REQUIRE(d.has_value());
  CHECK(d->map.at(0) == 7);
  CHECK(d->map.at(1'234'567) == 7 + 1'234'567);
  CHECK(d->map.at(raw.size() - 1) == 7 + raw.size() - 1);
  CHECK(d->outer(SourceRange{10, 20}) == SourceRange{17, 27});
}
