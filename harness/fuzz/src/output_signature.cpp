#include "parity/fuzz/output_signature.hpp"

#include <bit>
#include <cctype>
#include <cmath>
#include <string>
#include <string_view>

namespace parity::fuzz {
namespace {

constexpr std::uint64_t fnv_offset = 14695981039346656037ULL;
constexpr std::uint64_t fnv_prime = 1099511628211ULL;

/// A field's strings are features by value while it has shown at most this many distinct values.
constexpr std::size_t enum_like_values = 16;
/// At most this many values are walked per output: a 2,500-row output's every row adds nothing the
/// first rows did not, and the walk must stay cheap next to the run.
constexpr std::size_t walked_values = 4096;

std::uint64_t hash(std::string_view text, std::uint64_t seed = fnv_offset) {
    std::uint64_t h = seed;
    for (const char c : text) {
        h = (h ^ static_cast<unsigned char>(c)) * fnv_prime;
    }
    return h;
}

int magnitude(double value) {
    if (value == 0 || !std::isfinite(value))
        return 0;
    return static_cast<int>(std::floor(std::log2(std::fabs(value))));
}

/// Error messages without their digits and quoted parts, so "row 17: …" and "row 3: …" are one feature.
std::string message_shape(const std::string& message) {
    std::string shape;
    bool quoted = false;
    for (const char c : message) {
        if (c == '\'') {
            quoted = !quoted;
            shape += c;
        } else if (!quoted) {
            shape += std::isdigit(static_cast<unsigned char>(c)) != 0 ? '#' : c;
        }
        if (shape.size() >= 80)
            break;
    }
    return shape;
}

/// Length's power of two and which character classes occur: lower, upper, digit, space, punctuation,
/// non-ASCII.
std::string string_shape(const std::string& text) {
    unsigned classes = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        classes |= byte >= 0x80              ? 32u
                   : std::islower(byte) != 0 ? 1u
                   : std::isupper(byte) != 0 ? 2u
                   : std::isdigit(byte) != 0 ? 4u
                   : std::isspace(byte) != 0 ? 8u
                                             : 16u;
    }
    return "#" + std::to_string(std::bit_width(text.size())) + ":" + std::to_string(classes);
}

struct Walk {
    std::string_view side;
    std::vector<std::uint64_t>& features;
    std::unordered_map<std::uint64_t, std::unordered_set<std::uint64_t>>& strings_by_field;
    std::size_t budget = walked_values;
};

void walk(const nlohmann::json& value, const std::string& pattern, Walk& state) {
    const std::string_view side = state.side;
    std::vector<std::uint64_t>& features = state.features;
    std::size_t& budget = state.budget;
    if (budget == 0)
        return;
    --budget;
    std::string feature(side);
    feature += pattern;
    feature += '|';
    switch (value.type()) {
        case nlohmann::json::value_t::object:
            feature += "object";
            for (const auto& [key, element] : value.items())
                walk(element, pattern + "/" + key, state);
            break;
        case nlohmann::json::value_t::array:
            feature += "array:" + std::to_string(std::bit_width(value.size()));
            for (const auto& element : value)
                walk(element, pattern + "/*", state);
            break;
        case nlohmann::json::value_t::string: {
            const auto& text = value.get_ref<const std::string&>();
            auto& values = state.strings_by_field[hash(feature)];
            if (values.size() <= enum_like_values)
                values.insert(hash(text));
            feature += values.size() <= enum_like_values ? "s=" + text : "s" + string_shape(text);
            break;
        }
        case nlohmann::json::value_t::number_float: {
            const double number = value.get<double>();
            feature += std::isnan(number)   ? "nan"
                       : std::isinf(number) ? (number > 0 ? "inf" : "-inf")
                                            : "f" + std::string(std::signbit(number) ? "-" : "+") +
                                                  (number == 0 ? "0" : std::to_string(magnitude(number)));
            break;
        }
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: {
            const double number = value.get<double>();
            feature += "i" + std::string(number < 0 ? "-" : "+") +
                       (number == 0 ? "0" : std::to_string(magnitude(number)));
            break;
        }
        case nlohmann::json::value_t::boolean:
            feature += value.get<bool>() ? "true" : "false";
            break;
        default:
            feature += value.type_name();
    }
    features.push_back(hash(feature));
}

void path_features(const workers::PathResult& path, std::string_view side,
                   std::vector<std::uint64_t>& features,
                   std::unordered_map<std::uint64_t, std::unordered_set<std::uint64_t>>& strings_by_field) {
    const std::string status(workers::to_string(path.status));
    features.push_back(hash(std::string(side) + "status=" + status));
    if (path.status == workers::PathStatus::error) {
        const std::string type = path.value.value("type", "");
        features.push_back(
            hash(std::string(side) + "error=" + type + ":" + message_shape(path.value.value("message", ""))));
    } else if (path.status == workers::PathStatus::ok) {
        Walk state{side, features, strings_by_field};
        walk(path.value, "", state);
    }
}

}  // namespace

std::vector<std::uint64_t> FeatureSet::features_of(const workers::JobResult& job) {
    std::vector<std::uint64_t> features;
    path_features(job.reference, "R", features, strings_by_field_);
    path_features(job.candidate, "C", features, strings_by_field_);
    return features;
}

std::size_t FeatureSet::add(const std::vector<std::uint64_t>& features) {
    std::size_t fresh = 0;
    for (const auto feature : features) {
        fresh += seen_.insert(feature).second ? 1 : 0;
    }
    return fresh;
}

}  // namespace parity::fuzz
