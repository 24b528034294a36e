#include "parity/bounds/value_summary.hpp"

#include <utility>

#include "parity/bounds/canonical_text.hpp"
#include "parity/bounds/sha256.hpp"

namespace parity::bounds {
namespace {

using nlohmann::json;

constexpr std::string_view tag = "$summary";
constexpr std::size_t summary_keys = 5;
constexpr std::size_t hash_digits_shown = 12;
constexpr unsigned char continuation_mask = 0xC0;
constexpr unsigned char continuation = 0x80;

bool is_continuation(char c) noexcept {
    return (static_cast<unsigned char>(c) & continuation_mask) == continuation;
}

/// The length of a UTF-8 lead byte's sequence (1 for anything else).
std::size_t sequence_length(char c) noexcept {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0xF0)
        return 4;
    if (byte >= 0xE0)
        return 3;
    if (byte >= 0xC0)
        return 2;
    return 1;
}

/// Cuts an incomplete character off the end of `text`.
void trim_end(std::string& text) {
    std::size_t start = text.size();
    while (start > 0 && is_continuation(text[start - 1])) {
        --start;
    }
    if (start > 0 && start - 1 + sequence_length(text[start - 1]) > text.size()) {
        text.resize(start - 1);
    }
}

/// Cuts the continuation bytes of a character begun before `text` off its start.
void trim_start(std::string& text) {
    std::size_t skip = 0;
    while (skip < text.size() && is_continuation(text[skip])) {
        ++skip;
    }
    text.erase(0, skip);
}

/// Length, hash, head and tail of a stream of bytes.
class SummarySink final : public TextSink {
  public:
    void write(std::string_view piece) override {
        bytes_ += piece.size();
        hash_.update(piece);
        if (head_.size() < summary_edge_bytes) {
            const std::size_t taken = std::min(piece.size(), summary_edge_bytes - head_.size());
            head_.append(piece.substr(0, taken));
            piece.remove_prefix(taken);
        }
        if (piece.size() >= summary_edge_bytes) {
            recent_.assign(piece.substr(piece.size() - summary_edge_bytes));
            return;
        }
        recent_.append(piece);
        if (recent_.size() > 4 * summary_edge_bytes) {
            recent_.erase(0, recent_.size() - summary_edge_bytes);
        }
    }

    ValueSummary finish(std::string type) {
        ValueSummary summary{std::move(type), bytes_, hash_.hex_digest(), std::move(head_), {}};
        if (recent_.size() > summary_edge_bytes) {
            recent_.erase(0, recent_.size() - summary_edge_bytes);
        }
        summary.tail = std::move(recent_);
        trim_end(summary.head);
        trim_start(summary.tail);
        return summary;
    }

  private:
    std::uint64_t bytes_ = 0;
    Sha256 hash_;
    std::string head_;
    std::string recent_;  // bytes after the head, of which the last summary_edge_bytes are the tail
};

std::string type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::boolean:
            return "boolean";
        case json::value_t::string:
            return "string";
        case json::value_t::array:
            return "array";
        case json::value_t::object:
            return "object";
        default:
            return "number";
    }
}

}  // namespace

ValueSummary summarise(const json& value) {
    if (value.is_string()) {
        return summarise_string(value.get_ref<const json::string_t&>());
    }
    SummarySink sink;
    write_canonical(value, sink);
    return sink.finish(type_name(value));
}

ValueSummary summarise_string(std::string_view utf8) {
    SummarySink sink;
    sink.write(utf8);
    return sink.finish("string");
}

json summary_json(const ValueSummary& summary) {
    return json::object({{std::string(tag), summary.type},
                         {"bytes", summary.bytes},
                         {"sha256", summary.sha256},
                         {"head", summary.head},
                         {"tail", summary.tail}});
}

std::optional<ValueSummary> read_summary(const json& value) {
    if (!value.is_object() || value.size() != summary_keys) {
        return std::nullopt;
    }
    const auto text = [&value](std::string_view key) -> const json* {
        const auto found = value.find(key);
        return found != value.end() && found->is_string() ? &*found : nullptr;
    };
    const json* type = text(tag);
    const json* sha256 = text("sha256");
    const json* head = text("head");
    const json* tail = text("tail");
    const auto bytes = value.find("bytes");
    // Integer, signed or not: MessagePack gives back a positive integer as unsigned.
    if (type == nullptr || sha256 == nullptr || head == nullptr || tail == nullptr || bytes == value.end() ||
        !bytes->is_number_integer() || (!bytes->is_number_unsigned() && bytes->get<std::int64_t>() < 0)) {
        return std::nullopt;
    }
    return ValueSummary{type->get<std::string>(), bytes->get<std::uint64_t>(), sha256->get<std::string>(),
                        head->get<std::string>(), tail->get<std::string>()};
}

ValueSummary summary_of(const json& value) {
    if (auto summary = read_summary(value)) {
        return std::move(*summary);
    }
    return summarise(value);
}

bool same_value(const ValueSummary& a, const ValueSummary& b) noexcept {
    return a.type == b.type && a.bytes == b.bytes && a.sha256 == b.sha256;
}

std::string describe(const ValueSummary& summary) {
    return summary.type + " of " + std::to_string(summary.bytes) + " bytes (sha256 " +
           summary.sha256.substr(0, hash_digits_shown) + "…)";
}

std::string summary_text(const ValueSummary& summary) {
    return "<str of " + std::to_string(summary.bytes) + " bytes, sha256 " + summary.sha256 + ": " +
           summary.head + " … " + summary.tail + ">";
}

}  // namespace parity::bounds
