#include "parity/fuzz/mutator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include <utf8proc.h>

#include "parity/fuzz/code_points.hpp"
#include "parity/fuzz/input_nodes.hpp"

namespace parity::fuzz {
namespace {

// ---- what the string mutations insert -------------------------------------------------------------

constexpr char32_t combining_marks[] = {0x0301, 0x0300, 0x0308, 0x0327, 0x0323,
                                        0x0307, 0x030A, 0x0303, 0x0338};
/// Case mapping and folding traps: ß and capital ẞ, dotted İ and dotless ı, the three sigmas, the
/// Kelvin and Ångström signs (fold to ASCII k / å), a ligature, a titlecase digraph, ŉ (folds to two).
constexpr char32_t case_traps[] = {0x00DF, 0x1E9E, 0x0130, 0x0131, 0x03C2, 0x03A3, 0x03C3, 0x212A,
                                   0x212B, 0xFB01, 0x01C5, 0x0149, 0x0049, 0x0069, 0x017F, 0x1E9B};
/// Zero-width characters, bidi controls and marks, soft hyphen, combining grapheme joiner, BOM.
constexpr char32_t invisibles[] = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F,
                                   0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                                   0x2068, 0x2069, 0x00AD, 0x034F, 0x061C, 0x180E};
/// Every code point Python's str.isspace() or Unicode's White_Space calls whitespace.
constexpr char32_t whitespace[] = {0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x001C, 0x001D, 0x001E,
                                   0x001F, 0x0020, 0x0085, 0x00A0, 0x1680, 0x2000, 0x2001, 0x2002,
                                   0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A,
                                   0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
/// Assigned in Unicode 15 or later (unassigned in Python 3.11's Unicode 14): Kannada U+0CF3, Kawi,
/// Cyrillic modifier letters, Nag Mundari, emoji, CJK extension H, Arabic extended-C, small kana.
constexpr char32_t after_unicode_14[] = {0x0CF3,  0x11F00, 0x11F41, 0x1E030, 0x1E4D0, 0x1F6DC,
                                         0x1FA75, 0x1FA88, 0x31350, 0x10EFD, 0x1B132, 0x1B155};

// ---- numbers ----------------------------------------------------------------------------------------

constexpr double two_53 = 9007199254740992.0;

Input number_near_powers(Rng& rng) {
    switch (rng.below(10)) {
        case 0:
            return Input(std::int64_t{9007199254740991});  // 2^53 - 1
        case 1:
            return Input(std::int64_t{9007199254740992});  // 2^53
        case 2:
            return Input(std::int64_t{9007199254740993});  // 2^53 + 1: no double holds it
        case 3:
            return Input(std::numeric_limits<std::int64_t>::max());  // 2^63 - 1
        case 4:
            return Input(std::uint64_t{9223372036854775808ULL});  // 2^63
        case 5:
            return Input(std::numeric_limits<std::int64_t>::min());  // -2^63
        case 6:
            return Input(std::numeric_limits<std::int64_t>::min() + 1);
        case 7:
            return Input(std::numeric_limits<std::uint64_t>::max());  // 2^64 - 1
        case 8:
            return Input(two_53);
        default:
            return Input(9223372036854775808.0);  // 2^63 as a double
    }
}

Input subnormal(Rng& rng) {
    constexpr double values[] = {5e-324,
                                 -5e-324,
                                 2.2250738585072009e-308,
                                 2.2250738585072014e-308,
                                 1e-310,
                                 std::numeric_limits<double>::epsilon()};
    return Input(values[rng.below(std::size(values))]);
}

Input non_finite(Rng& rng) {
    constexpr double values[] = {std::numeric_limits<double>::quiet_NaN(),
                                 std::numeric_limits<double>::infinity(),
                                 -std::numeric_limits<double>::infinity()};
    return Input(values[rng.below(std::size(values))]);
}

/// v + delta in v's own kind: an int stays an int (as far as int64 goes), a float a float.
Input shifted(const Input& value, std::int64_t delta) {
    if (value.is_number_integer()) {
        if (value.is_number_unsigned()) {
            const auto v = value.get<std::uint64_t>();
            if (delta < 0 && v == 0)
                return Input(std::int64_t{-1});
            return Input(delta < 0 ? v - 1 : v + 1);
        }
        const auto v = value.get<std::int64_t>();
        if ((delta > 0 && v == std::numeric_limits<std::int64_t>::max()))
            return Input(std::uint64_t(v) + 1);
        if (delta < 0 && v == std::numeric_limits<std::int64_t>::min())
            return Input(static_cast<double>(v) - 1024.0);
        return Input(v + delta);
    }
    return Input(value.get<double>() + static_cast<double>(delta));
}

Input next_representable(const Input& value, bool up) {
    const double v = value.get<double>();
    return Input(std::nextafter(
        v, up ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity()));
}

// ---- strings ----------------------------------------------------------------------------------------

std::optional<std::string> unicode_form(const std::string& text, utf8proc_option_t options) {
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                                 static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                                                 static_cast<utf8proc_option_t>(UTF8PROC_STABLE | options));
    if (length < 0) {
        std::free(mapped);  // NOLINT(cppcoreguidelines-no-malloc): utf8proc allocates with malloc
        return std::nullopt;
    }
    std::string result(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
    std::free(mapped);  // NOLINT(cppcoreguidelines-no-malloc)
    return result;
}

template <std::size_t N>
char32_t one_of(const char32_t (&table)[N], Rng& rng) {
    return table[rng.below(N)];
}

/// Inserts or replaces at a random place (start and end included: trimming bugs live there).
void insert_somewhere(std::vector<char32_t>& text, char32_t code_point, Rng& rng, bool may_replace) {
    const std::size_t place =
        rng.chance(1, 3) ? (rng.chance(1, 2) ? 0 : text.size()) : rng.below(text.size() + 1);
    if (may_replace && place < text.size() && rng.chance(1, 2)) {
        text[place] = code_point;
    } else {
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(place), code_point);
    }
}

char32_t simple_case(char32_t code_point, bool upper) {
    const auto mapped = upper ? utf8proc_toupper(static_cast<utf8proc_int32_t>(code_point))
                              : utf8proc_tolower(static_cast<utf8proc_int32_t>(code_point));
    return static_cast<char32_t>(mapped);
}

Input different_type(const Input& value, Rng& rng) {
    std::vector<Input> others;
    if (!value.is_string())
        others.emplace_back(value.is_number() ? value.dump() : std::string());
    if (!value.is_number_integer())
        others.emplace_back(std::int64_t{0});
    if (!value.is_number_float())
        others.emplace_back(1.5);
    if (!value.is_boolean())
        others.emplace_back(true);
    if (!value.is_array())
        others.push_back(Input::array());
    if (!value.is_object())
        others.push_back(Input::object());
    if (value.is_array() && !value.empty())
        others.push_back(value[0]);  // one element instead of a list
    if (!value.is_array())
        others.push_back(Input::array({value}));  // a list of it
    return rng.pick(others);
}

enum class Kind { string, number, array, object, other };

Kind kind_of(const Input& value) {
    if (value.is_string())
        return Kind::string;
    if (value.is_number())
        return Kind::number;
    if (value.is_array())
        return Kind::array;
    if (value.is_object())
        return Kind::object;
    return Kind::other;
}

const std::vector<std::string> string_mutations = {
    "string.combining_mark", "string.nfd",   "string.nfc",       "string.nfkc",       "string.case_trap",
    "string.upper",          "string.lower", "string.invisible", "string.whitespace", "string.lone_surrogate",
    "string.new_code_point", "string.long",  "string.empty",     "string.drop",       "string.duplicate",
    "string.ascii",          "string.splice"};
const std::vector<std::string> number_mutations = {
    "number.zero",           "number.negative_zero", "number.one_off",   "number.ulp",
    "number.seen",           "number.seen_one_off",  "number.subnormal", "number.non_finite",
    "number.near_2_53_2_63", "number.negate",        "number.int_float", "number.scale"};
const std::vector<std::string> array_mutations = {"array.empty",   "array.duplicate", "array.drop",
                                                  "array.reverse", "array.swap",      "array.huge"};
const std::vector<std::string> object_mutations = {"object.drop_key", "object.extra_key"};
const std::vector<std::string> any_mutations = {"value.null", "value.wrong_type", "value.splice"};

bool mutate_string(const std::string& name, Input& node, const std::string& pattern,
                   const InputDictionary& dictionary, const MutatorLimits& limits, Rng& rng) {
    const std::string text = node.get<std::string>();
    if (name == "string.nfd" || name == "string.nfc" || name == "string.nfkc") {
        const auto form =
            unicode_form(text, name == "string.nfd" ? UTF8PROC_DECOMPOSE
                               : name == "string.nfc"
                                   ? UTF8PROC_COMPOSE
                                   : static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
        if (!form || *form == text)
            return false;
        node = *form;
        return true;
    }
    if (name == "string.empty") {
        if (text.empty())
            return false;
        node = std::string();
        return true;
    }
    if (name == "string.splice") {
        const auto& seen = dictionary.values(pattern);
        std::vector<Input> strings;
        for (const auto& value : seen) {
            if (value.is_string() && value != node)
                strings.push_back(value);
        }
        if (strings.empty())
            return false;
        node = rng.pick(strings);
        return true;
    }
    auto code_points = decode_code_points(text);
    if (!code_points)
        return false;
    auto& cps = *code_points;
    if (name == "string.combining_mark") {
        const char32_t mark = one_of(combining_marks, rng);
        const std::size_t place = cps.empty() ? 0 : rng.below(cps.size()) + 1;  // after a character
        cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(place), mark);
        if (rng.chance(1, 4))
            cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(place), one_of(combining_marks, rng));
    } else if (name == "string.case_trap") {
        insert_somewhere(cps, one_of(case_traps, rng), rng, true);
    } else if (name == "string.upper" || name == "string.lower") {
        const bool upper = name == "string.upper";
        bool changed = false;
        for (auto& code_point : cps) {
            const char32_t mapped = simple_case(code_point, upper);
            changed = changed || mapped != code_point;
            code_point = mapped;
        }
        if (!changed)
            return false;
    } else if (name == "string.invisible") {
        insert_somewhere(cps, one_of(invisibles, rng), rng, false);
    } else if (name == "string.whitespace") {
        // Replace the spaces there are, or add some at the ends or inside.
        const char32_t space = one_of(whitespace, rng);
        bool replaced = false;
        if (rng.chance(1, 2)) {
            for (auto& code_point : cps) {
                if (code_point == U' ') {
                    code_point = space;
                    replaced = true;
                }
            }
        }
        if (!replaced)
            insert_somewhere(cps, space, rng, false);
    } else if (name == "string.lone_surrogate") {
        insert_somewhere(cps, static_cast<char32_t>(0xD800 + rng.below(0x800)), rng, true);
    } else if (name == "string.new_code_point") {
        insert_somewhere(cps, one_of(after_unicode_14, rng), rng, true);
    } else if (name == "string.long") {
        if (cps.empty())
            cps.push_back(U'a');
        const std::vector<char32_t> unit = cps;
        while (cps.size() < limits.long_string_code_points) {
            cps.insert(cps.end(), unit.begin(), unit.end());
        }
    } else if (name == "string.drop") {
        if (cps.empty())
            return false;
        cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(rng.below(cps.size())));
    } else if (name == "string.duplicate") {
        if (cps.empty())
            return false;
        const std::size_t place = rng.below(cps.size());
        cps.insert(cps.begin() + static_cast<std::ptrdiff_t>(place), cps[place]);
    } else if (name == "string.ascii") {
        if (cps.empty())
            return false;
        constexpr std::string_view ascii = "aZ09 -.'@+/";
        cps[rng.below(cps.size())] = static_cast<char32_t>(ascii[rng.below(ascii.size())]);
    } else {
        return false;
    }
    std::string mutated = encode_code_points(cps);
    if (mutated == text)
        return false;
    node = std::move(mutated);
    return true;
}

bool mutate_number(const std::string& name, Input& node, const std::string& pattern,
                   const InputDictionary& dictionary, Rng& rng) {
    const Input before = node;
    const bool integer = node.is_number_integer();
    if (name == "number.zero") {
        node = integer ? Input(std::int64_t{0}) : Input(0.0);
    } else if (name == "number.negative_zero") {
        node = Input(-0.0);
    } else if (name == "number.one_off") {
        node = shifted(node, rng.chance(1, 2) ? 1 : -1);
    } else if (name == "number.ulp") {
        if (integer)
            return false;
        node = next_representable(node, rng.chance(1, 2));
    } else if (name == "number.seen" || name == "number.seen_one_off") {
        const auto& seen = dictionary.numbers(pattern);
        if (seen.empty())
            return false;
        node = rng.pick(seen);
        if (name == "number.seen_one_off") {
            node = node.is_number_float() && rng.chance(1, 2) ? next_representable(node, rng.chance(1, 2))
                                                              : shifted(node, rng.chance(1, 2) ? 1 : -1);
        }
    } else if (name == "number.subnormal") {
        node = subnormal(rng);
    } else if (name == "number.non_finite") {
        node = non_finite(rng);
    } else if (name == "number.near_2_53_2_63") {
        node = number_near_powers(rng);
    } else if (name == "number.negate") {
        if (node.is_number_unsigned()) {
            const auto v = node.get<std::uint64_t>();
            if (v > std::uint64_t{1} << 63)
                return false;
            node = v == std::uint64_t{1} << 63 ? Input(std::numeric_limits<std::int64_t>::min())
                                               : Input(-static_cast<std::int64_t>(v));
        } else if (integer) {
            const auto v = node.get<std::int64_t>();
            node = v == std::numeric_limits<std::int64_t>::min() ? Input(std::uint64_t{1} << 63) : Input(-v);
        } else {
            node = Input(-node.get<double>());
        }
    } else if (name == "number.int_float") {
        if (integer) {
            node = Input(node.get<double>());
        } else {
            const double v = node.get<double>();
            if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) >= 9.2e18)
                return false;
            node = Input(static_cast<std::int64_t>(v));
        }
    } else if (name == "number.scale") {
        constexpr double factors[] = {10.0, 0.1, 1000.0, 0.001, 1e6, 2.0, 0.5};
        const double factor = factors[rng.below(std::size(factors))];
        const double v = node.get<double>() * factor;
        if (integer && std::fabs(v) < 9.2e18 && std::trunc(v) == v) {
            node = Input(static_cast<std::int64_t>(v));
        } else {
            node = Input(v);
        }
    } else {
        return false;
    }
    // -0.0 == 0.0 and NaN != NaN: compare the text, which tells them apart.
    return python_json_text(node) != python_json_text(before);
}

bool mutate_array(const std::string& name, Input& node, const MutatorLimits& limits, Rng& rng) {
    const std::size_t size = node.size();
    if (name == "array.empty") {
        if (size == 0)
            return false;
        node = Input::array();
    } else if (name == "array.duplicate") {
        if (size == 0)
            return false;
        const std::size_t i = rng.below(size);
        node.insert(node.begin() + static_cast<std::ptrdiff_t>(i), node[i]);
    } else if (name == "array.drop") {
        if (size == 0)
            return false;
        node.erase(node.begin() + static_cast<std::ptrdiff_t>(rng.below(size)));
    } else if (name == "array.reverse") {
        if (size < 2)
            return false;
        std::reverse(node.begin(), node.end());
    } else if (name == "array.swap") {
        if (size < 2)
            return false;
        const std::size_t i = rng.below(size);
        std::size_t j = rng.below(size - 1);
        if (j >= i)
            ++j;
        std::swap(node[i], node[j]);
    } else if (name == "array.huge") {
        if (size == 0 || size >= limits.huge_array_elements)
            return false;
        const Input unit = node;
        while (node.size() < limits.huge_array_elements) {
            for (const auto& element : unit)
                node.push_back(element);
        }
    } else {
        return false;
    }
    return true;
}

bool mutate_object(const std::string& name, Input& node, Rng& rng) {
    if (name == "object.drop_key") {
        std::vector<std::string> keys;
        for (const auto& [key, value] : node.items()) {
            if (!is_fixture_reference(value))
                keys.push_back(key);
        }
        if (keys.empty())
            return false;
        node.erase(rng.pick(keys));
        return true;
    }
    if (name == "object.extra_key") {
        const std::string key =
            node.contains("parity_fuzz_extra") ? "parity_fuzz_extra_2" : "parity_fuzz_extra";
        node[key] = rng.chance(1, 2) ? Input(1) : Input("x");
        return true;
    }
    return false;
}

bool mutate_any(const std::string& name, InputNode& target, const InputDictionary& dictionary, Rng& rng) {
    Input& node = *target.value;
    if (name == "value.null") {
        if (node.is_null())
            return false;
        node = nullptr;
        return true;
    }
    if (name == "value.wrong_type") {
        node = different_type(node, rng);
        return true;
    }
    if (name == "value.splice") {
        std::vector<Input> others;
        for (const auto& value : dictionary.values(target.pattern)) {
            if (value != node)
                others.push_back(value);
        }
        if (others.empty())
            return false;
        node = rng.pick(others);
        return true;
    }
    return false;
}

}  // namespace

std::string describe(const std::vector<AppliedMutation>& mutations) {
    std::string text;
    for (const auto& mutation : mutations) {
        text += (text.empty() ? "" : ", ") + mutation.name + " at " +
                (mutation.pointer.empty() ? "(root)" : mutation.pointer);
    }
    return text.empty() ? "none" : text;
}

Mutator::Mutator(const InputDictionary& dictionary, MutatorLimits limits)
    : dictionary_(dictionary), limits_(limits) {}

const std::vector<std::string>& Mutator::names() {
    static const std::vector<std::string> all = [] {
        std::vector<std::string> names;
        for (const auto* list :
             {&string_mutations, &number_mutations, &array_mutations, &object_mutations, &any_mutations}) {
            names.insert(names.end(), list->begin(), list->end());
        }
        return names;
    }();
    return all;
}

bool Mutator::mutate_once(Input& input, Rng& rng, AppliedMutation& applied) const {
    std::vector<InputNode> nodes = input_nodes(input);
    InputNode& target = nodes[rng.below(nodes.size())];
    Input& node = *target.value;
    if (is_fixture_reference(node)) {
        return false;
    }
    // Three draws in four act on what the value is; one in four on any value (null, another type...).
    const Kind kind = kind_of(node);
    const bool typed = kind != Kind::other && rng.chance(3, 4);
    const std::vector<std::string>& choices = !typed                 ? any_mutations
                                              : kind == Kind::string ? string_mutations
                                              : kind == Kind::number ? number_mutations
                                              : kind == Kind::array  ? array_mutations
                                                                     : object_mutations;
    const std::string& name = choices[rng.below(choices.size())];
    if (target.parent == nullptr && !typed) {
        return false;  // the input itself stays what it is: an adapter reads its keys
    }
    const Input before = node;
    bool changed = false;
    if (!typed) {
        changed = mutate_any(name, target, dictionary_, rng);
    } else if (kind == Kind::string) {
        changed = mutate_string(name, node, target.pattern, dictionary_, limits_, rng);
    } else if (kind == Kind::number) {
        changed = mutate_number(name, node, target.pattern, dictionary_, rng);
    } else if (kind == Kind::array) {
        changed = mutate_array(name, node, limits_, rng);
    } else {
        changed = mutate_object(name, node, rng);
    }
    if (!changed) {
        return false;
    }
    const std::string text = python_json_text(input);
    if (text.size() > limits_.max_input_bytes || nesting_depth(text) > max_input_depth) {
        node = before;
        return false;
    }
    applied = AppliedMutation{name, target.pointer};
    return true;
}

std::vector<AppliedMutation> Mutator::mutate(Input& input, Rng& rng, int count) const {
    std::vector<AppliedMutation> applied;
    for (int i = 0; i < count; ++i) {
        for (int attempt = 0; attempt < 8; ++attempt) {
            AppliedMutation mutation;
            if (mutate_once(input, rng, mutation)) {
                applied.push_back(std::move(mutation));
                break;
            }
        }
    }
    return applied;
}

}  // namespace parity::fuzz
