// A corpus's manifest.json as Manifest::load reads it: parse_json_input (strict: duplicate keys and
// numbers out of range are input errors), then Manifest::from_json. Both throw only the documented
// errors; anything else escapes and libFuzzer reports it.

#include <cstddef>
#include <cstdint>

#include "fuzz_input.hpp"
#include "parity/harness/json_input.hpp"
#include "parity/replay/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto document =
            parity::harness::parse_json_input(parity::fuzz::input_text(data, size), "manifest.json");
        const auto manifest = parity::replay::Manifest::from_json(document);
        // The report quotes the recorder's settings as they were read.
        (void)nlohmann::ordered_json(manifest.recorder).dump();
    } catch (const parity::harness::JsonInputError&) {
    } catch (const parity::replay::CorpusFormatError&) {
    }
    return 0;
}
