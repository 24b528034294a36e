// A diff rules file as Rules::load reads it (comments allowed; syntax errors located by line and
// column), then the parsed rules asked for their settings at a few locations, as the diff walker
// does. The only documented error is RulesError.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"
#include "parity/diff/rules.hpp"
#include "scratch_folder.hpp"

namespace {

constexpr std::array<std::string_view, 6> probed_pointers = {
    "", "/0", "/0/score", "/a~1b/~0", "/3/normalized/x/y", "/matches/12/fields/name"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const parity::fuzz::ScratchFolder folder("rules");
    folder.write("rules.json", parity::fuzz::input_text(data, size));
    try {
        const auto rules = parity::diff::Rules::load(folder.path() / "rules.json");
        for (const std::string_view pointer : probed_pointers) {
            (void)rules.settings_at(pointer);
        }
    } catch (const parity::diff::RulesError&) {
    }
    return 0;
}
