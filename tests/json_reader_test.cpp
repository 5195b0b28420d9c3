#include <catch2/catch.hpp>

#include "core/input_error.hpp"
#include "core/json_reader.hpp"

using namespace splitsim;

TEST_CASE("json_reader: errors name the file and the JSON pointer") {
  SECTION("syntax errors give a line and a column") {
    try {
      parse_json_text("{\n  \"a\": 1,\n  \"b\": }\n", "f.json");
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK(e.file() == "f.json");
      CHECK(e.place() == "line 3, column 8");
      CHECK(e.problem().starts_with("invalid JSON"));
    }
  }
  SECTION("unknown keys are reported with their pointer") {
    Json doc = parse_json_text(R"({"a": {"x": 1, "typo": 2}})", "f.json");
    JsonReader top(doc, "f.json", "");
    JsonReader a = top.object("a");
    CHECK(a.integer("x") == 1);
    CHECK_THROWS_WITH(a.finish(), "f.json: /a/typo: unknown key \"typo\"");
  }
  SECTION("typed reads check type and range") {
    Json doc = parse_json_text(R"({"n": "3", "m": -1, "f": 2.5, "k": 4.0})", "f.json");
    JsonReader r(doc, "f.json", "");
    CHECK_THROWS_WITH(r.integer("n"), "f.json: /n: expected an integer, found the string \"3\"");
    CHECK_THROWS_WITH(r.integer("m", 1), "f.json: /m: expected an integer at least 1, found -1");
    CHECK_THROWS_WITH(r.integer("f"), "f.json: /f: expected an integer, found the number 2.5");
    CHECK(r.integer("k") == 4);
    CHECK_THROWS_WITH(r.at("missing"), "f.json: /: missing required key \"missing\"");
  }
  SECTION("pointers escape ~ and /") { CHECK(json_child("/a", "b/c~d") == "/a/b~1c~0d"); }
}
