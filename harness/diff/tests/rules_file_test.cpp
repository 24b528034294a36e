#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "diff_test_support.hpp"
#include "parity/diff/rules.hpp"

namespace parity::diff {
namespace {

std::string parse_error(std::string_view text) {
    try {
        (void)Rules::parse(test::parse(text), "rules.json");
    } catch (const RulesError& error) {
        return error.what();
    }
    return "(no error)";
}

TEST_CASE("rules document errors name the source, the rule and the problem", "[rules][errors]") {
    struct Case {
        const char* document;
        const char* message;
    };
    const Case cases[] = {
        {R"([])", R"(rules.json: a rules document is an object: {"rules": [...]})"},
        {R"({"rule": []})",
         R"(rules.json: unknown top-level key "rule" (expected "rules" or "description"))"},
        {R"({})", R"(rules.json: "rules" must be an array of rules)"},
        {R"({"rules": {}})", R"(rules.json: "rules" must be an array of rules)"},
        {R"({"rules": [7]})", R"(rules.json: rule 1: must be an object)"},
        {R"({"rules": [{"ignore": true}]})", R"(rules.json: rule 1: "path" is required ("" is the root))"},
        {R"({"rules": [{"path": 3, "ignore": true}]})", R"(rules.json: rule 1: "path" must be a string)"},
        {R"({"rules": [{"path": "", "ignore": true}, {"path": "", "ignore": true},
                       {"path": "/*/score", "float": {"abs": 1e-9}, "tolerence": 1}]})",
         R"(rules.json: rule 3 (path "/*/score"): unknown key "tolerence")"},
        {R"({"rules": [{"path": "/*/score", "float": {"abs": -1}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float.abs" must be a non-negative number)"},
        {R"({"rules": [{"path": "/*/score", "float": {"abs": "1e-9"}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float.abs" must be a non-negative number)"},
        {R"({"rules": [{"path": "/*/score", "float": {"rel": -0.5}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float.rel" must be a non-negative number)"},
        {R"({"rules": [{"path": "/*/score", "float": {"ulps": 1.5}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float.ulps" must be a non-negative integer)"},
        {R"({"rules": [{"path": "/*/score", "float": {"ulps": -1}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float.ulps" must be a non-negative integer)"},
        {R"({"rules": [{"path": "/*/score", "float": {"absolute": 1}}]})",
         R"(rules.json: rule 1 (path "/*/score"): )"
         R"(unknown key "float.absolute" (expected "abs", "rel" or "ulps"))"},
        {R"({"rules": [{"path": "/*/score", "float": {}}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float" needs at least one of "abs", "rel", "ulps")"},
        {R"({"rules": [{"path": "/*/score", "float": 1e-9}]})",
         R"(rules.json: rule 1 (path "/*/score"): "float" must be an object such as {"abs": 1e-9})"},
        {R"({"rules": [{"path": "/a~2b", "ignore": true}]})",
         R"(rules.json: rule 1 (path "/a~2b"): )"
         R"(invalid path: "~" must be followed by 0 (for ~) or 1 (for /) in "a~2b")"},
        {R"({"rules": [{"path": "a", "ignore": true}]})",
         R"(rules.json: rule 1 (path "a"): )"
         R"(invalid path: a path is "" (the root), "**" (everywhere) or starts with "/")"},
        {R"({"rules": [{"path": "", "unicode": "NFX"}]})",
         R"(rules.json: rule 1 (path ""): "unicode" must be "NFC", "NFD", "NFKC" or "NFKD", not "NFX")"},
        {R"({"rules": [{"path": "", "unicode": "nfc"}]})",
         R"(rules.json: rule 1 (path ""): "unicode" must be "NFC", "NFD", "NFKC" or "NFKD", not "nfc")"},
        {R"({"rules": [{"path": "", "array": "sorted"}]})",
         R"(rules.json: rule 1 (path ""): )"
         R"("array" must be "ordered", "unordered" or {"keyed_by": "<field>"}, not "sorted")"},
        {R"({"rules": [{"path": "", "array": {"key": "row"}}]})",
         R"(rules.json: rule 1 (path ""): unknown key "array.key" (expected "keyed_by"))"},
        {R"({"rules": [{"path": "", "array": {"keyed_by": ""}}]})",
         R"(rules.json: rule 1 (path ""): "array.keyed_by" must be a non-empty string)"},
        {R"({"rules": [{"path": "", "ignore": "yes"}]})",
         R"(rules.json: rule 1 (path ""): "ignore" must be true or false)"},
        {R"({"rules": [{"path": "", "null_equals_missing": 1}]})",
         R"(rules.json: rule 1 (path ""): "null_equals_missing" must be true or false)"},
        {R"({"rules": [{"path": ""}]})",
         R"(rules.json: rule 1 (path ""): )"
         R"(sets nothing: give one of "ignore", "float", "array", "unicode", "null_equals_missing")"},
        {R"({"rules": [{"path": "", "ignore": true, "description": 5}]})",
         R"(rules.json: rule 1 (path ""): "description" must be a string)"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.document);
        CHECK(parse_error(c.document) == c.message);
    }
}

TEST_CASE("descriptions are allowed at both levels", "[rules]") {
    CHECK(parse_error(
              R"({"description": "why", "rules": [{"path": "", "ignore": true, "description": "x"}]})") ==
          "(no error)");
}

class TemporaryFile {
  public:
    TemporaryFile(const std::string& name, const std::string& contents)
        : path_(std::filesystem::temp_directory_path() / name) {
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const {
        return path_;
    }

  private:
    std::filesystem::path path_;
};

std::string load_error(const std::filesystem::path& file) {
    try {
        (void)Rules::load(file);
    } catch (const RulesError& error) {
        return error.what();
    }
    return "(no error)";
}

TEST_CASE("rules files load, with comments", "[rules][file]") {
    const TemporaryFile file("parity_diff_rules_ok.json", R"({
    // scores are recomputed in C++
    "rules": [{"path": "/*/score", "float": {"abs": 1e-9}}]
})");
    const Rules rules = Rules::load(file.path());
    CHECK(rules.settings_at("/0/score").float_tolerance->abs == 1e-9);
}

TEST_CASE("JSON syntax errors name the file, line and column", "[rules][file][errors]") {
    const TemporaryFile file("parity_diff_rules_syntax.json",
                             "{\n  \"rules\": [\n    {\"path\": \"\",}\n  ]\n}\n");
    const std::string message = load_error(file.path());
    CAPTURE(message);
    CHECK_THAT(message, Catch::Matchers::StartsWith(file.path().string() + ":3:17: syntax error"));
}

TEST_CASE("rule errors in a file name the file", "[rules][file][errors]") {
    const TemporaryFile file("parity_diff_rules_bad.json", R"({"rules": [{"path": "/x", "tolerence": 1}]})");
    CHECK(load_error(file.path()) ==
          file.path().string() + R"(: rule 1 (path "/x"): unknown key "tolerence")");
}

TEST_CASE("a missing rules file is a RulesError naming it", "[rules][file][errors]") {
    const auto path = std::filesystem::temp_directory_path() / "parity_diff_no_such_rules.json";
    CHECK(load_error(path) == path.string() + ": cannot open the rules file");
}

}  // namespace
}  // namespace parity::diff
