#include "output_bounds.hpp"

#include <string>
#include <utility>

#include "parity/bounds/bound_value.hpp"
#include "parity/bounds/value_summary.hpp"

namespace parity::workers {
namespace {

/// Cut at a character boundary, marked with "…".
std::string shortened_pointer(std::string pointer) {
    if (pointer.size() <= max_note_pointer_bytes) {
        return pointer;
    }
    std::size_t cut = max_note_pointer_bytes;
    constexpr unsigned char continuation_mask = 0xC0;
    constexpr unsigned char continuation = 0x80;
    while (cut > 0 && (static_cast<unsigned char>(pointer[cut]) & continuation_mask) == continuation) {
        --cut;
    }
    pointer.resize(cut);
    return pointer + "…";
}

void bound_notes(std::vector<pyjson::ConversionNote>& notes) {
    for (auto& note : notes) {
        note.pointer = shortened_pointer(std::move(note.pointer));
    }
    if (notes.size() <= max_sent_notes) {
        return;
    }
    const std::size_t dropped = notes.size() - (max_sent_notes - 1);
    notes.resize(max_sent_notes - 1);
    notes.push_back(pyjson::ConversionNote{"", std::to_string(dropped) + " more conversion notes not sent"});
}

void bound_error(PathResult& result, const OutputBounds& bounds) {
    for (const char* key : {"type", "message"}) {
        auto found = result.value.find(key);
        if (found == result.value.end() || !found->is_string() ||
            found->get_ref<const std::string&>().size() <= bounds.max_bytes / 2) {
            continue;
        }
        *found = bounds::summary_text(bounds::summarise(*found));
        ++result.summarised_for_size;
    }
}

}  // namespace

void bound_path_result(PathResult& result, const OutputBounds& bounds) {
    bound_notes(result.notes);
    if (result.status == PathStatus::error && result.value.is_object()) {
        bound_error(result, bounds);
        return;
    }
    if (result.status != PathStatus::ok) {
        return;
    }
    bounds::Bounded bounded =
        bounds::bound_value(std::move(result.value), bounds::ValueBounds{bounds.max_depth, bounds.max_bytes});
    result.value = std::move(bounded.value);
    result.summarised_for_depth += bounded.depth_hits;
    result.summarised_for_size += bounded.size_hits;
}

}  // namespace parity::workers
