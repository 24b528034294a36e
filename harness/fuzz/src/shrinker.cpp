#include "parity/fuzz/shrinker.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <variant>

#include "parity/fuzz/code_points.hpp"
#include "parity/fuzz/input_nodes.hpp"

namespace parity::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

/// One edit of the current input, made only when it is tried (a 20,000-character string has tens of
/// thousands of possible cuts: they are not all copied up front).
struct Edit {
    enum class Kind {
        drop_elements,
        drop_key,
        set_value,
        set_empty_string,
        drop_code_points,
        ascii_code_point
    };
    Kind kind;
    std::string pointer;  // the array, object, or value edited
    std::size_t start = 0;
    std::size_t count = 0;
    std::string key;
    Input value;
};

std::vector<Input> simpler_numbers(const Input& number) {
    std::vector<Input> simpler{Input(std::int64_t{0}), Input(std::int64_t{1})};
    if (number.is_number_float()) {
        const double v = number.get<double>();
        simpler.emplace_back(0.0);
        if (std::isfinite(v)) {
            if (std::fabs(v) < 9.2e18)
                simpler.emplace_back(static_cast<std::int64_t>(std::trunc(v)));
            simpler.emplace_back(std::trunc(v));
            for (int digits = 1; digits <= 15; ++digits) {
                char text[40];
                std::snprintf(text, sizeof text, "%.*g", digits, v);
                simpler.emplace_back(std::strtod(text, nullptr));
            }
        }
    } else if (number.is_number_integer() && !number.is_number_unsigned()) {
        const auto v = number.get<std::int64_t>();
        if (v != std::numeric_limits<std::int64_t>::min()) {
            simpler.emplace_back(v / 10);
            simpler.emplace_back(v < 0 ? -v : v);
        }
    }
    return simpler;
}

/// The edits of one sweep's pass, for the input as it is now.
std::vector<Edit> edits_of_pass(int pass, Input& input) {
    std::vector<Edit> edits;
    std::vector<InputNode> nodes = input_nodes(input);
    for (const auto& node : nodes) {
        const Input& value = *node.value;
        if (is_fixture_reference(value))
            continue;
        switch (pass) {
            case 0:  // arrays: halves, quarters, … single elements
                if (value.is_array() && !value.empty()) {
                    for (std::size_t size = value.size(); size >= 1; size /= 2) {
                        for (std::size_t start = 0; start < value.size(); start += size) {
                            edits.push_back({Edit::Kind::drop_elements,
                                             node.pointer,
                                             start,
                                             std::min(size, value.size() - start),
                                             {},
                                             {}});
                        }
                        if (size == 1)
                            break;
                    }
                }
                break;
            case 1:  // object keys
                if (value.is_object()) {
                    for (const auto& [key, element] : value.items()) {
                        if (!is_fixture_reference(element)) {
                            edits.push_back({Edit::Kind::drop_key, node.pointer, 0, 0, key, {}});
                        }
                    }
                }
                break;
            case 2:  // strings
                if (value.is_string()) {
                    const auto code_points = decode_code_points(value.get_ref<const std::string&>());
                    if (!code_points || code_points->empty())
                        break;
                    edits.push_back({Edit::Kind::set_empty_string, node.pointer, 0, 0, {}, {}});
                    const std::size_t length = code_points->size();
                    for (std::size_t size = length / 2; size >= 1; size /= 2) {
                        for (std::size_t start = 0; start < length; start += size) {
                            edits.push_back({Edit::Kind::drop_code_points,
                                             node.pointer,
                                             start,
                                             std::min(size, length - start),
                                             {},
                                             {}});
                        }
                        if (size == 1)
                            break;
                    }
                    for (std::size_t i = 0; i < length; ++i) {
                        if ((*code_points)[i] >= 0x80) {
                            edits.push_back({Edit::Kind::ascii_code_point, node.pointer, i, 1, {}, {}});
                        }
                    }
                }
                break;
            default:  // numbers
                if (value.is_number()) {
                    for (auto& simpler : simpler_numbers(value)) {
                        edits.push_back({Edit::Kind::set_value, node.pointer, 0, 0, {}, std::move(simpler)});
                    }
                }
        }
    }
    return edits;
}

std::optional<Input> edited_input(const Input& input, const Edit& edit) {
    Input edited = input;
    Input& node = edited[Input::json_pointer(edit.pointer)];
    switch (edit.kind) {
        case Edit::Kind::drop_elements:
            if (!node.is_array() || edit.start + edit.count > node.size())
                return std::nullopt;
            node.erase(node.begin() + static_cast<std::ptrdiff_t>(edit.start),
                       node.begin() + static_cast<std::ptrdiff_t>(edit.start + edit.count));
            return edited;
        case Edit::Kind::drop_key:
            if (!node.is_object() || !node.contains(edit.key))
                return std::nullopt;
            node.erase(edit.key);
            return edited;
        case Edit::Kind::set_value:
            node = edit.value;
            return edited;
        case Edit::Kind::set_empty_string:
            node = std::string();
            return edited;
        case Edit::Kind::drop_code_points:
        case Edit::Kind::ascii_code_point: {
            if (!node.is_string())
                return std::nullopt;
            auto code_points = decode_code_points(node.get_ref<const std::string&>());
            if (!code_points || edit.start + edit.count > code_points->size())
                return std::nullopt;
            if (edit.kind == Edit::Kind::drop_code_points) {
                code_points->erase(
                    code_points->begin() + static_cast<std::ptrdiff_t>(edit.start),
                    code_points->begin() + static_cast<std::ptrdiff_t>(edit.start + edit.count));
            } else {
                (*code_points)[edit.start] = U'a';
            }
            node = encode_code_points(*code_points);
            return edited;
        }
    }
    return std::nullopt;
}

}  // namespace

bool smaller(const std::string& a_text, const std::string& b_text) {
    return a_text.size() != b_text.size() ? a_text.size() < b_text.size() : a_text < b_text;
}

ShrinkOutcome shrink(Input input, const KeepsDivergence& test, const ShrinkLimits& limits) {
    ShrinkOutcome outcome;
    const auto deadline = Clock::now() + limits.time;
    std::string current_text = python_json_text(input);
    const auto out_of_budget = [&] { return outcome.tests >= limits.max_tests || Clock::now() >= deadline; };
    constexpr int passes = 4;
    bool changed = true;
    while (changed) {
        changed = false;
        for (int pass = 0; pass < passes; ++pass) {
            // Within a pass, after a kept edit the edits are listed again for the new input and the
            // pass goes on from the kept edit's position, which now holds the next element, key or cut:
            // what came before it was tried already.
            std::size_t position = 0;
            std::vector<Edit> edits = edits_of_pass(pass, input);
            while (position < edits.size()) {
                if (out_of_budget()) {
                    outcome.limited = true;
                    outcome.input = std::move(input);
                    return outcome;
                }
                std::vector<Input> batch;
                std::vector<std::string> texts;
                std::vector<std::size_t> positions;
                while (position < edits.size() && batch.size() < std::max<std::size_t>(limits.batch, 1)) {
                    const std::size_t at = position++;
                    auto edited = edited_input(input, edits[at]);
                    if (!edited)
                        continue;
                    std::string text = python_json_text(*edited);
                    if (!smaller(text, current_text))
                        continue;
                    batch.push_back(std::move(*edited));
                    texts.push_back(std::move(text));
                    positions.push_back(at);
                }
                if (batch.empty())
                    continue;
                outcome.tests += batch.size();
                const std::vector<bool> keeps = test(batch);
                for (std::size_t i = 0; i < batch.size() && i < keeps.size(); ++i) {
                    if (keeps[i]) {
                        input = std::move(batch[i]);
                        current_text = std::move(texts[i]);
                        ++outcome.accepted;
                        changed = true;
                        edits = edits_of_pass(pass, input);
                        position = positions[i];
                        break;
                    }
                }
            }
        }
    }
    outcome.input = std::move(input);
    return outcome;
}

}  // namespace parity::fuzz
