#include "parity/bounds/canonical_text.hpp"

#include <cmath>
#include <vector>

namespace parity::bounds {
namespace {

using nlohmann::json;

constexpr unsigned char first_printable = 0x20;

class CountingSink final : public TextSink {
  public:
    void write(std::string_view piece) override {
        bytes += piece.size();
    }
    std::uint64_t bytes = 0;
};

class StringSink final : public TextSink {
  public:
    void write(std::string_view piece) override {
        text.append(piece);
    }
    std::string text;
};

/// An array or object being written: where its next member is.
struct Frame {
    const json* container;
    json::const_iterator next;
    bool first = true;
};

}  // namespace

std::string canonical_string(std::string_view text) {
    constexpr std::string_view hex_digits = "0123456789abcdef";
    std::string quoted;
    quoted.reserve(text.size() + 2);
    quoted.push_back('"');
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            quoted.push_back('\\');
            quoted.push_back(c);
        } else if (byte < first_printable) {
            quoted += "\\u00";
            quoted.push_back(hex_digits[byte >> 4]);
            quoted.push_back(hex_digits[byte & 0xF]);
        } else {
            quoted.push_back(c);
        }
    }
    quoted.push_back('"');
    return quoted;
}

std::string canonical_scalar(const json& value) {
    if (value.is_string()) {
        return canonical_string(value.get_ref<const json::string_t&>());
    }
    if (value.is_number_float()) {
        const double number = value.get<double>();
        if (std::isnan(number)) {
            return "NaN";
        }
        if (std::isinf(number)) {
            return number > 0 ? "Infinity" : "-Infinity";
        }
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

void write_canonical(const json& value, TextSink& sink) {
    if (!value.is_structured()) {
        sink.write(canonical_scalar(value));
        return;
    }
    std::vector<Frame> stack;
    sink.write(value.is_array() ? "[" : "{");
    stack.push_back(Frame{&value, value.cbegin()});
    while (!stack.empty()) {
        Frame& frame = stack.back();
        if (frame.next == frame.container->cend()) {
            sink.write(frame.container->is_array() ? "]" : "}");
            stack.pop_back();
            continue;
        }
        if (!frame.first) {
            sink.write(",");
        }
        frame.first = false;
        const auto member = frame.next++;
        if (frame.container->is_object()) {
            sink.write(canonical_string(member.key()));
            sink.write(":");
        }
        const json& element = *member;
        if (!element.is_structured()) {
            sink.write(canonical_scalar(element));
            continue;
        }
        sink.write(element.is_array() ? "[" : "{");
        stack.push_back(Frame{&element, element.cbegin()});  // `frame` is not used after this
    }
}

std::uint64_t canonical_size(const json& value) {
    CountingSink sink;
    write_canonical(value, sink);
    return sink.bytes;
}

std::string canonical_text(const json& value) {
    StringSink sink;
    write_canonical(value, sink);
    return std::move(sink.text);
}

}  // namespace parity::bounds
