// SourceFile: the line index behind every reported position (1-based lines, columns in
// Unicode code points), line terminators \n, \r\n and lone \r, and reading files.
#include <doctest/doctest.h>

#include <policylint/core/source_file.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using policylint::ErrorCode;
using policylint::Position;
using policylint::SourceFile;
using policylint::SourceRange;

namespace {

std::string show(Position p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

std::string at(const SourceFile& f, std::size_t offset) { return show(f.position(static_cast<std::uint32_t>(offset))); }

} // namespace

TEST_CASE("source file: keeps the path and the text, with zeroed padding after it") {
  const std::string text = R"({"Version": "2012-10-17"})";
  const SourceFile f("policies/readonly.json", text);
  CHECK(f.path() == "policies/readonly.json");
  CHECK(f.text() == text);
  CHECK(f.size() == text.size());
  REQUIRE(f.padded_capacity() >= f.size() + 64);
  bool zeroed = true;
  for (std::size_t i = f.size(); i < f.padded_capacity(); ++i) {
    zeroed = zeroed && f.padded_data()[i] == '\0';
  }
  CHECK(zeroed);
}

TEST_CASE("source file: lines and columns are 1-based with \\n line ends") {
  const std::string text = "{\n  \"Effect\": \"Allow\",\n  \"Action\": \"s3:GetObject\"\n}\n";
  const SourceFile f("p.json", text);
  CHECK(at(f, 0) == "1:1");                         // {
  CHECK(at(f, 1) == "1:2");                         // the \n itself ends line 1
  CHECK(at(f, 2) == "2:1");
  CHECK(at(f, text.find("\"Effect\"")) == "2:3");
  CHECK(at(f, text.find("\"Allow\"")) == "2:13");
  CHECK(at(f, text.find("\"Action\"")) == "3:3");
  CHECK(at(f, text.rfind('}')) == "4:1");
  CHECK(f.line_text(1) == "{");
  CHECK(f.line_text(2) == "  \"Effect\": \"Allow\",");
  CHECK(f.line_text(3) == "  \"Action\": \"s3:GetObject\"");
  CHECK(f.line_text(4) == "}");
}

TEST_CASE("source file: a multibyte UTF-8 character before the token counts as one column") {
  // é is 2 bytes, the euro sign 3, the emoji 4: each is one column.
  const std::string text = "{\"Sid\": \"Caf\xC3\xA9\", \"Note\": \"\xE2\x82\xAC\xF0\x9F\x98\x80\", \"Effect\": \"Allow\"}";
  const SourceFile f("p.json", text);
  const auto effect = text.find("\"Effect\"");
  // Bytes before "Effect": effect; code points: effect - 1 (é) - 2 (€) - 3 (emoji).
  CHECK(at(f, effect) == "1:" + std::to_string(effect - 6 + 1));
  CHECK(at(f, text.find("\"Note\"")) == "1:" + std::to_string(text.find("\"Note\"") - 1 + 1));
  // The column right after é counts é once.
  const auto after_e_acute = text.find("\xC3\xA9") + 2;
  CHECK(at(f, after_e_acute) == "1:" + std::to_string(after_e_acute - 1 + 1));
  // Columns on the second line restart, also after multibyte text on that line.
  const SourceFile g("p.json", "[\n\"\xC3\xA9\xC3\xA9\", 1]");
  CHECK(at(g, 2) == "2:1");
  CHECK(at(g, 8) == "2:5"); // the ',' after "éé"
  CHECK(at(g, 10) == "2:7"); // the 1
}

TEST_CASE("source file: \\r\\n is one line end, the \\r and \\n belong to the line they end") {
  const std::string text = "{\r\n  \"Effect\": \"Deny\"\r\n}\r\n";
  const SourceFile f("p.json", text);
  CHECK(at(f, 1) == "1:2"); // \r
  CHECK(at(f, 2) == "1:3"); // \n of the same terminator
  CHECK(at(f, 3) == "2:1");
  CHECK(at(f, text.find("\"Deny\"")) == "2:13");
  CHECK(at(f, text.rfind('}')) == "3:1");
  CHECK(f.line_text(1) == "{");
  CHECK(f.line_text(2) == "  \"Effect\": \"Deny\"");
  CHECK(f.line_text(3) == "}");
  CHECK(f.line_text(4).empty());
  CHECK(at(f, text.size()) == "4:1");
}

TEST_CASE("source file: a lone \\r (classic Mac OS) ends a line") {
  const std::string text = "{\r  \"Effect\": \"Allow\"\r}";
  const SourceFile f("p.json", text);
  CHECK(at(f, 2) == "2:1");
  CHECK(at(f, text.find("\"Effect\"")) == "2:3");
  CHECK(at(f, text.size() - 1) == "3:1");
  CHECK(f.line_text(2) == "  \"Effect\": \"Allow\"");
  CHECK(f.line_text(3) == "}");
  // \r\r\n: a lone \r, then a \r\n: two line ends, one empty line between them.
  const SourceFile g("p.json", "a\r\r\nb");
  CHECK(at(g, 4) == "3:1");
  CHECK(g.line_text(1) == "a");
  CHECK(g.line_text(2).empty());
  CHECK(g.line_text(3) == "b");
  // \n\r: a \n, then a lone \r.
  const SourceFile h("p.json", "a\n\rb");
  CHECK(at(h, 3) == "3:1");
}

TEST_CASE("source file: positions at and past the end of the text") {
  SUBCASE("text without a final newline") {
    const SourceFile f("p.json", "{\n}");
    CHECK(at(f, 3) == "2:2");
    CHECK(at(f, 4) == "2:2");   // clamped
    CHECK(at(f, 1000) == "2:2"); // clamped
  }
  SUBCASE("text with a final newline: EOF is on the empty last line") {
    const SourceFile f("p.json", "{}\n");
    CHECK(at(f, 2) == "1:3");
    CHECK(at(f, 3) == "2:1");
    CHECK(f.line_text(2).empty());
  }
  SUBCASE("empty text") {
    const SourceFile f("p.json", "");
    CHECK(at(f, 0) == "1:1");
    CHECK(at(f, 5) == "1:1");
    CHECK(f.line_text(1).empty());
  }
  SUBCASE("EOF after multibyte text") {
    const SourceFile f("p.json", "\"\xC3\xA9\"");
    CHECK(at(f, 4) == "1:4");
  }
}

TEST_CASE("source file: line_text out of range is empty") {
  const SourceFile f("p.json", "{\n}\n");
  CHECK(f.line_text(0).empty());
  CHECK(f.line_text(3).empty());
  CHECK(f.line_text(4).empty());
  CHECK(f.line_text(1000).empty());
}

TEST_CASE("source file: locate resolves both ends, range_of maps a view back to offsets") {
  const std::string text = "{\n  \"Action\": \"s3:GetObject\"\n}";
  const SourceFile f("p.json", text);
  const auto begin = static_cast<std::uint32_t>(text.find("\"s3:GetObject\""));
  const auto loc = f.locate(SourceRange{begin, begin + 14});
  CHECK(loc.offset == begin);
  CHECK(loc.end_offset == begin + 14);
  CHECK(show(loc.start) == "2:13");
  CHECK(show(loc.end) == "2:27");
  // An inverted range is treated as empty at its start.
  const auto inverted = f.locate(SourceRange{begin + 3, begin});
  CHECK(inverted.end_offset == begin + 3);
  CHECK(show(inverted.end) == show(inverted.start));

  const std::string_view action = f.text().substr(begin, 14);
  const SourceRange r = f.range_of(action);
  CHECK(r.begin == begin);
  CHECK(r.end == begin + 14);
}

TEST_CASE("source file: read_source_file reads a file, refuses directories and oversize files") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("policylint-source-file-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "policy.json").string();
  const std::string text = "{\"Version\": \"2012-10-17\", \"Statement\": []}\n";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  {
    auto f = policylint::read_source_file(path, "shown/policy.json", 0);
    REQUIRE(f.has_value());
    CHECK(f->path() == "shown/policy.json");
    CHECK(f->text() == text);
  }
  {
    auto f = policylint::read_source_file(path, "policy.json", text.size());
    CHECK(f.has_value()); // exactly at the limit
  }
  {
    auto f = policylint::read_source_file(path, "policy.json", text.size() - 1);
    REQUIRE_FALSE(f.has_value());
    CHECK(f.error().code == ErrorCode::limit);
  }
  {
    auto f = policylint::read_source_file(dir.string(), "dir", 0);
    REQUIRE_FALSE(f.has_value());
    CHECK(f.error().code == ErrorCode::io);
  }
  {
    auto f = policylint::read_source_file((dir / "missing.json").string(), "missing.json", 0);
    REQUIRE_FALSE(f.has_value());
    CHECK(f.error().code == ErrorCode::io);
  }
  std::filesystem::remove_all(dir);
}
