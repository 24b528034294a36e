#include <catch2/catch.hpp>

#include "diff_test_support.hpp"

namespace parity::diff {
namespace {

using nlohmann::json;

// "Zoë" with U+00EB (NFC) and with e + U+0308 (NFD).
const json nfc_name = json::array({json{{"name", "Zo\u00eb"}}});
const json nfd_name = json::array({json{{"name", "Zoe\u0308"}}});

Rules unicode_rule(std::string_view form) {
    json document = {{"rules", json::array({json{{"path", "/*/name"}, {"unicode", form}}})}};
    return Rules::parse(document, "test");
}

TEST_CASE("NFD instead of NFC is a value difference by default, never silently equal", "[diff][strings]") {
    const auto found = diff_values(nfc_name, nfd_name, Rules{});
    PARITY_DIFF_CONTEXT(nfc_name, nfd_name, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].pointer == "/0/name");
    CHECK(found[0].detail == R"("Zo\u00eb" vs "Zoe\u0308" (equal under NFC))");
}

TEST_CASE("with a unicode rule, NFD instead of NFC is a unicode_normalization difference",
          "[diff][strings]") {
    const std::string form = GENERATE("NFC", "NFD", "NFKC", "NFKD");
    CAPTURE(form);
    const auto found = diff_values(nfc_name, nfd_name, unicode_rule(form));
    PARITY_DIFF_CONTEXT(nfc_name, nfd_name, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::unicode_normalization);
    CHECK(found[0].pointer == "/0/name");
    CHECK(found[0].detail == R"("Zo\u00eb" vs "Zoe\u0308" (equal under )" + form + ")");
}

TEST_CASE("compatibility-only equality needs a compatibility form", "[diff][strings]") {
    // U+FB01 LATIN SMALL LIGATURE FI is "fi" under NFKC only.
    const json reference = json::array({json{{"name", "\ufb01le"}}});
    const json candidate = json::array({json{{"name", "file"}}});

    const auto strict = diff_values(reference, candidate, Rules{});
    PARITY_DIFF_CONTEXT(reference, candidate, strict);
    REQUIRE(strict.size() == 1);
    CHECK(strict[0].kind == DifferenceKind::value);
    CHECK(strict[0].detail == R"("\ufb01le" vs "file" (equal under NFKC))");

    const auto under_nfc = diff_values(reference, candidate, unicode_rule("NFC"));
    REQUIRE(under_nfc.size() == 1);
    CHECK(under_nfc[0].kind == DifferenceKind::value);
    CHECK(under_nfc[0].detail == R"("\ufb01le" vs "file" (equal under NFKC, not under the rule's NFC))");

    const auto under_nfkc = diff_values(reference, candidate, unicode_rule("NFKC"));
    REQUIRE(under_nfkc.size() == 1);
    CHECK(under_nfkc[0].kind == DifferenceKind::unicode_normalization);
}

TEST_CASE("strings that really differ are value differences, even under a unicode rule", "[diff][strings]") {
    const json reference = json::array({json{{"name", "Zoe"}}});
    const json candidate = json::array({json{{"name", "Zoé"}}});
    const auto found = diff_values(reference, candidate, unicode_rule("NFKD"));
    PARITY_DIFF_CONTEXT(reference, candidate, found);
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(found[0].detail == R"("Zoe" vs "Zoé")");
}

TEST_CASE("invalid UTF-8 and embedded NULs are compared bytewise without failing", "[diff][strings]") {
    const json reference = std::string("a\xff", 2);
    const json candidate = std::string("a\0b", 3);
    const auto found = diff_values(reference, candidate, unicode_rule("NFC"));
    REQUIRE(found.size() == 1);
    CHECK(found[0].kind == DifferenceKind::value);
    CHECK(diff_values(json(std::string("a\0b", 3)), json(std::string("a\0b", 3)), Rules{}).empty());
    CHECK(diff_values(json(std::string("a\0b", 3)), json(std::string("a\0c", 3)), Rules{}).size() == 1);
}

TEST_CASE("long strings are cut in the detail, not in the values", "[diff][strings]") {
    const std::string long_text(500, 'x');
    const auto found = diff_values(json(long_text), json(long_text + "y"), Rules{});
    REQUIRE(found.size() == 1);
    CHECK(found[0].detail.size() < 300);
    CHECK(found[0].candidate == long_text + "y");
}

}  // namespace
}  // namespace parity::diff
