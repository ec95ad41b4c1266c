// The HCL2 native-syntax reader: bodies, blocks, every expression form, templates with their
// offset maps, heredocs (<<- included), comments, errors at the offending byte, limits.
#include <policylint/hcl/parser.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace policylint;
using hcl::ExprKind;

namespace {

hcl::Body parse_ok(const std::string& text) {
  auto body = hcl::parse(text);
  if (!body) {
    FAIL("unexpected error: " << body.error().message << " at " << body.error().range.value_or(SourceRange{}).begin);
  }
  return std::move(*body);
}

std::string slice(const std::string& text, SourceRange r) { return text.substr(r.begin, r.end - r.begin); }

} // namespace

TEST_CASE("hcl: blocks with labels and attributes keep their spans") {
  const std::string text = "resource \"aws_iam_role\" \"admin\" {\n  name = \"admin\" # the role\n  count = 2\n}\n";
  const auto body = parse_ok(text);
  REQUIRE(body.blocks.size() == 1);
  const auto& b = body.blocks[0];
  CHECK(b.type == "resource");
  REQUIRE(b.labels.size() == 2);
  CHECK(b.labels[1].text == "admin");
  CHECK(slice(text, b.labels[0].range) == "\"aws_iam_role\"");
  const hcl::Attribute* name = b.body.attribute("name");
  REQUIRE(name != nullptr);
  CHECK(slice(text, name->value.range) == "\"admin\"");
  CHECK(name->value.literal_string() == "admin");
  CHECK(b.body.attribute("count")->value.kind == ExprKind::number);
  CHECK(slice(text, b.range) == text.substr(0, text.size() - 1));
}

TEST_CASE("hcl: all three comment forms are blanks") {
  const auto body = parse_ok("# one\n// two\n/* three\n spans lines */ a = 1 /* inline */\nb = [1, /* c */ 2]\n");
  CHECK(body.attributes.size() == 2);
  CHECK(body.attribute("b")->value.items.size() == 2);
}

TEST_CASE("hcl: jsonencode objects with newline and comma separated members") {
  const std::string text = R"(policy = jsonencode({
  Version = "2012-10-17"
  Statement = [{
    Effect = "Allow", Action = ["s3:GetObject"],
    "Resource": "*"
  }]
}))";
  const auto body = parse_ok(text);
  const auto& call = body.attribute("policy")->value;
  REQUIRE(call.kind == ExprKind::call);
  CHECK(call.text == "jsonencode");
  const auto& object = call.items.at(0);
  REQUIRE(object.kind == ExprKind::object);
  REQUIRE(object.members.size() == 2);
  CHECK(object.members[0].key[0].text == "Version");
  const auto& statement = object.members[1].value[0].items.at(0);
  REQUIRE(statement.members.size() == 3);
  CHECK(statement.members[2].key[0].literal_string() == "Resource");
  CHECK(slice(text, statement.members[1].value[0].items[0].range) == "\"s3:GetObject\"");
}

TEST_CASE("hcl: traversals splats conditionals operators and for expressions") {
  const auto body = parse_ok(
      "a = aws_iam_role.admin[0].arn\n"
      "b = aws_iam_user.all[*].name\n"
      "c = var.enabled ? \"x\" : local.y.*.z\n"
      "d = !var.a && 1 + 2 * 3 >= 4 || -5 < 6\n"
      "e = [for s in var.list : upper(s) if s != \"\"]\n"
      "f = {for k, v in var.map : k => v...}\n"
      "g = provider::aws::arn_parse(var.arn)\n"
      "h = (1 + 2) % 3\n");
  CHECK(body.attribute("a")->value.kind == ExprKind::get_attr);
  CHECK(body.attribute("a")->value.items[0].kind == ExprKind::index);
  CHECK(body.attribute("b")->value.kind == ExprKind::get_attr);
  CHECK(body.attribute("b")->value.items[0].kind == ExprKind::splat);
  CHECK(body.attribute("c")->value.kind == ExprKind::conditional);
  CHECK(body.attribute("d")->value.text == "||");
  CHECK(body.attribute("e")->value.kind == ExprKind::for_expr);
  CHECK(body.attribute("f")->value.kind == ExprKind::for_expr);
  CHECK(body.attribute("g")->value.text == "provider::aws::arn_parse");
  CHECK(body.attribute("h")->value.text == "%");
}

TEST_CASE("hcl: quoted templates decode escapes and map every byte back") {
  const std::string text = "s = \"a\\\"b\\u00e9$${lit}%%{x} ${var.name}!\"\n";
  const auto body = parse_ok(text);
  const auto& t = body.attribute("s")->value;
  REQUIRE(t.parts.size() == 3);
  CHECK(t.parts[0].text == "a\"b\xc3\xa9${lit}%{x} ");
  CHECK(t.parts[0].map.size() == t.parts[0].text.size() + 1);
  CHECK(text[t.parts[0].map[1]] == '\\'); // the decoded quote comes from its escape
  CHECK(t.parts[1].kind == hcl::TemplatePart::Kind::interpolation);
  CHECK(slice(text, t.parts[1].range) == "${var.name}");
  CHECK(t.parts[2].text == "!");
  CHECK(!t.is_literal_string());
}

TEST_CASE("hcl: template directives with strip markers") {
  const auto body = parse_ok("s = \"%{ if var.a ~}yes%{~ else }no%{ endif } %{for x in var.l}${x}%{endfor}\"\n");
  const auto& t = body.attribute("s")->value;
  int directives = 0;
  for (const auto& p : t.parts) {
    directives += p.kind == hcl::TemplatePart::Kind::directive ? 1 : 0;
  }
  CHECK(directives == 5);
}

TEST_CASE("hcl: heredocs and indented heredocs") {
  const std::string text = "a = <<EOF\n{\"k\": \"${var.v}\"}\nEOF\nb = <<-JSON\n    {\n      \"x\": 1\n    }\n    JSON\nc = 1\n";
  const auto body = parse_ok(text);
  const auto& a = body.attribute("a")->value;
  CHECK(a.heredoc);
  REQUIRE(a.parts.size() == 3);
  CHECK(a.parts[0].text == "{\"k\": \"");
  CHECK(a.parts[2].text == "\"}\n");
  const auto& b = body.attribute("b")->value;
  REQUIRE(b.parts.size() == 1);
  CHECK(b.parts[0].text == "{\n  \"x\": 1\n}\n");
  // The indentation is gone from the text, not from the map: `"x"` still points at its byte.
  const std::size_t x = b.parts[0].text.find("\"x\"");
  CHECK(text.substr(b.parts[0].map[x], 3) == "\"x\"");
  CHECK(body.attribute("c") != nullptr);
}

TEST_CASE("hcl: one-line blocks and nested blocks") {
  const auto body = parse_ok("data \"x\" \"y\" { statement { actions = [\"*\"] } }\nlocals {}\n");
  REQUIRE(body.blocks.size() == 2);
  REQUIRE(body.blocks[0].body.blocks.size() == 1);
  CHECK(body.blocks[0].body.blocks[0].body.attribute("actions") != nullptr);
}

TEST_CASE("hcl: syntax errors carry the offending byte") {
  struct Case {
    std::string text;
    std::string at; // the text at the error's position
  };
  const Case cases[] = {
      {"a = \"unterminated\nb = 1\n", "\"unterminated"},
      {"a = [1, 2\nb = 3\n", ""},
      {"resource \"x\" {\n  a = 1\n", ""},
      {"a = 1 b = 2\n", "b = 2"},
      {"a = <<EOF\nnever closed\n", "<<EOF"},
      {"a = \"bad \\q escape\"\n", "\\q"},
      {"a = {x = }\n", "}"},
      {"= 1\n", "= 1"},
      {"a = /* open\n", "/* open"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto body = hcl::parse(c.text);
    REQUIRE_FALSE(body);
    REQUIRE(body.error().range);
    const auto r = *body.error().range;
    CHECK(r.begin <= c.text.size());
    if (!c.at.empty()) {
      CHECK(c.text.substr(r.begin, c.at.size()) == c.at);
    }
    CHECK(body.error().code == ErrorCode::invalid_json);
  }
}

TEST_CASE("hcl: nesting deeper than the limit is refused with a position") {
  const std::string deep = "a = " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  auto body = hcl::parse(deep, hcl::ParseLimits{64});
  REQUIRE_FALSE(body);
  CHECK(body.error().code == ErrorCode::limit);
  const std::string chain = "a = " + std::string(3000, '!') + "true\n";
  CHECK_FALSE(hcl::parse(chain, hcl::ParseLimits{64}));
  const std::string shallow = "a = " + std::string(20, '[') + std::string(20, ']') + "\n";
  CHECK(hcl::parse(shallow, hcl::ParseLimits{64}));
}

TEST_CASE("hcl: a byte-order mark and CRLF line endings read as plain text") {
  const auto body = parse_ok("\xEF\xBB\xBFresource \"a\" \"b\" {\r\n  x = <<EOF\r\nline\r\nEOF\r\n}\r\n");
  REQUIRE(body.blocks.size() == 1);
  CHECK(body.blocks[0].type == "resource");
  CHECK(body.blocks[0].body.attribute("x")->value.literal_string() == "line\r\n");
}
