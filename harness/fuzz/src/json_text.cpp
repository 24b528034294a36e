#include "parity/fuzz/json_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "parity/fuzz/code_points.hpp"

namespace parity::fuzz {
namespace {

void write_string(std::string& out, const std::string& text) {
    out += '"';
    const auto code_points = decode_code_points(text);
    if (!code_points) {
        // Not WTF-8: cannot come from a decoded input; written as U+FFFD per byte rather than lost.
        for (const char c : text) {
            out += (static_cast<unsigned char>(c) < 0x80) ? std::string(1, c) : std::string("\\ufffd");
        }
        out += '"';
        return;
    }
    char escape[8];
    for (const char32_t code_point : *code_points) {
        switch (code_point) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (code_point < 0x20 || is_surrogate(code_point)) {
                    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(code_point));
                    out += escape;
                } else {
                    append_code_point(out, code_point);
                }
        }
    }
    out += '"';
}

void write(std::string& out, const Input& value) {
    switch (value.type()) {
        case Input::value_t::object: {
            out += '{';
            bool first = true;
            for (const auto& [key, element] : value.items()) {
                if (!first)
                    out += ',';
                first = false;
                write_string(out, key);
                out += ':';
                write(out, element);
            }
            out += '}';
            return;
        }
        case Input::value_t::array: {
            out += '[';
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (i > 0)
                    out += ',';
                write(out, value[i]);
            }
            out += ']';
            return;
        }
        case Input::value_t::string:
            write_string(out, value.get_ref<const std::string&>());
            return;
        case Input::value_t::number_float: {
            const double number = value.get<double>();
            if (std::isnan(number)) {
                out += "NaN";
            } else if (std::isinf(number)) {
                out += number > 0 ? "Infinity" : "-Infinity";
            } else {
                out += value.dump();  // shortest round trip, "1.0" for integral values, "-0.0"
            }
            return;
        }
        default:
            out += value.dump();
    }
}

std::string find_unstorable(const Input& value, const std::string& pointer) {
    switch (value.type()) {
        case Input::value_t::object:
            for (const auto& [key, element] : value.items()) {
                if (auto problem = find_unstorable(element, pointer + "/" + key); !problem.empty())
                    return problem;
            }
            return {};
        case Input::value_t::array:
            for (std::size_t i = 0; i < value.size(); ++i) {
                if (auto problem = find_unstorable(value[i], pointer + "/" + std::to_string(i));
                    !problem.empty())
                    return problem;
            }
            return {};
        case Input::value_t::number_float:
            return std::isfinite(value.get<double>()) ? std::string() : "a non-finite number at " + pointer;
        case Input::value_t::string: {
            const auto code_points = decode_code_points(value.get_ref<const std::string&>());
            if (!code_points)
                return "text that is not UTF-8 at " + pointer;
            for (const char32_t code_point : *code_points) {
                if (is_surrogate(code_point))
                    return "a lone surrogate at " + pointer;
            }
            return {};
        }
        default:
            return {};
    }
}

}  // namespace

std::string python_json_text(const Input& value) {
    std::string out;
    write(out, value);
    return out;
}

std::size_t nesting_depth(std::string_view json_text) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < json_text.size(); ++i) {
        const char c = json_text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

std::string not_storable_in_corpus(const Input& value) {
    return find_unstorable(value, "");
}

}  // namespace parity::fuzz
