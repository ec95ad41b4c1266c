// The JSON writers' string escaping: every output must be valid JSON, whatever bytes a
// finding quotes from the user's file.
#include <policylint/output/json_text.hpp>

#include <doctest/doctest.h>

#include <string>

using policylint::output::append_json_string;
using policylint::output::json_string;

TEST_CASE("json text: printable ASCII is copied as is, quotes and backslashes escaped") {
  CHECK(json_string("") == R"("")");
  CHECK(json_string("arn:aws:s3:::bucket/*") == R"("arn:aws:s3:::bucket/*")");
  CHECK(json_string(R"(say "hi")") == R"("say \"hi\"")");
  CHECK(json_string(R"(C:\path\)") == R"("C:\\path\\")");
  CHECK(json_string("\"") == R"("\"")");
  CHECK(json_string("~\x7f") == "\"~\x7f\""); // DEL needs no escape in JSON
}

TEST_CASE("json text: control characters are escaped, short forms where JSON has them") {
  CHECK(json_string("a\nb\tc\rd") == R"("a\nb\tc\rd")");
  CHECK(json_string(std::string("x\0y", 3)) == R"("x\u0000y")");
  CHECK(json_string("\x1f") == R"("\u001f")");
}

TEST_CASE("json text: valid UTF-8 is kept, invalid bytes become U+FFFD") {
  CHECK(json_string("caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80") ==
        "\"caf\xC3\xA9 \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80\"");
  CHECK(json_string("a\xFFz") == "\"a\xEF\xBF\xBDz\"");
  CHECK(json_string("\xC3") == "\"\xEF\xBF\xBD\""); // truncated at the end
  CHECK(json_string("\xE6\x9D" "a") == "\"\xEF\xBF\xBD\xEF\xBF\xBD" "a\"");
}

TEST_CASE("json text: appending keeps what the buffer held") {
  std::string out = "[";
  append_json_string(out, "a\"b");
  out += ',';
  append_json_string(out, "plain text at the end");
  CHECK(out == R"(["a\"b","plain text at the end")");
}
