#pragma once

// Reading a JSON document into typed model structs (report.json, verdict.json), key by key, with
// errors that say where they are. Each model type T provides
//
//     void read_model(const parity::harness::ModelReader& in, T& out);   // found by ADL
//
// which names its keys:
//
//     void read_model(const ModelReader& in, Summary& out) {
//         in.required("requests", out.requests);
//         in.required("compared", out.compared);
//     }
//
// and is then read with read_document(json, out, Leniency::strict) (or nlohmann's get<T>() where the
// model's namespace forwards from_json to it).

#include <nlohmann/json.hpp>

#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace parity::harness {

/// A document does not hold what its model requires. The message names the key by its path from the
/// document's root ("summary.compared", "fields[2].count"), and the file when it was read from one:
/// "reports/x/report.json: summary.compared: expected a number, got string".
class ModelError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// What a reader does when a key is absent or its value of the wrong type.
enum class Leniency {
    strict,    ///< throw ModelError: nothing may be decided on partial evidence (gate, merge)
    tolerant,  ///< note the problem, leave the member at its default and go on (rendering old reports)
};

class ModelReader;

/// A model type: one with `read_model(const ModelReader&, T&)` found by ADL.
template <typename T>
concept ReadableModel = requires(const ModelReader& in, T& out) {
    read_model(in, out);
};

/// Reads the members of one JSON object of a model; made by read_document and by the reader of the
/// enclosing object, never by hand.
class ModelReader {
  public:
    ModelReader(const nlohmann::json& object, std::string path, Leniency leniency,
                std::vector<std::string>* problems);

    /// A key every complete document has. When tolerant, an absent or malformed value leaves `member`
    /// as it was.
    template <typename T>
    void required(std::string_view key, T& member) const {
        const auto* value = find(key);
        if (value == nullptr) {
            problem(key, "missing");
            return;
        }
        read_value(*value, path_of(key), member);
    }

    /// A key that may be absent, or null, in a complete document (written only when known): nullopt then.
    template <typename T>
    void optional(std::string_view key, std::optional<T>& member) const {
        member.reset();
        const auto* value = find(key);
        if (value == nullptr || value->is_null())
            return;
        T read{};
        if (read_value(*value, path_of(key), read))
            member = std::move(read);
    }

    /// A string written only when not empty: "" when absent.
    void optional_text(std::string_view key, std::string& member) const {
        std::optional<std::string> value;
        optional(key, value);
        member = value.value_or("");
    }

    /// A key every complete document has, null when the value is unknown: nullopt then.
    template <typename T>
    void nullable(std::string_view key, std::optional<T>& member) const {
        member.reset();
        const auto* value = find(key);
        if (value == nullptr) {
            problem(key, "missing");
            return;
        }
        T read{};
        if (!value->is_null() && read_value(*value, path_of(key), read))
            member = std::move(read);
    }

    /// A key every complete document has but old ones lack (e.g. a report's "latency"): required when
    /// strict; when tolerant, absent is nullopt without a problem noted.
    template <typename T>
    void section(std::string_view key, std::optional<T>& member) const {
        member.reset();
        const auto* value = find(key);
        if (value == nullptr) {
            if (leniency_ == Leniency::strict)
                problem(key, "missing");
            return;
        }
        T read{};
        if (read_value(*value, path_of(key), read))
            member = std::move(read);
    }

    /// A value present but unacceptable (an unknown name, a number out of range): throws when strict,
    /// else noted.
    void problem(std::string_view key, const std::string& message) const;

  private:
    [[nodiscard]] const nlohmann::json* find(std::string_view key) const;
    [[nodiscard]] std::string path_of(std::string_view key) const;
    /// Throws when strict; else notes "<path>: <message>" and returns false.
    bool fail(const std::string& path, const std::string& message) const;
    bool wrong_type(const std::string& path, std::string_view expected, const nlohmann::json& value) const;

    /// Reads `value` into `out`; false (when tolerant) if it is of the wrong type and `out` untouched.
    /// Containers and objects are read as far as they can be: their malformed parts are left out.
    template <typename T>
    bool read_value(const nlohmann::json& value, const std::string& path, T& out) const;

    const nlohmann::json& object_;
    std::string path_;
    Leniency leniency_;
    std::vector<std::string>* problems_;
};

/// Reads a whole document into a model. Strict: throws ModelError at the first problem. Tolerant:
/// appends "<key path>: <problem>" to `problems` for every key it had to leave at its default.
template <ReadableModel T>
void read_document(const nlohmann::json& document, T& out, Leniency leniency,
                   std::vector<std::string>* problems = nullptr) {
    if (!document.is_object()) {
        const std::string message = std::string("expected an object, got ") + document.type_name();
        if (leniency == Leniency::strict)
            throw ModelError(message);
        if (problems != nullptr)
            problems->push_back(message);
        return;
    }
    read_model(ModelReader(document, "", leniency, problems), out);
}

/// The writing side of ModelReader::nullable: the value, or null when unknown.
template <typename T>
nlohmann::ordered_json json_or_null(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json();
}

/// Names of an enum's values, for reading and writing it as a string: each enum model type provides
/// `std::optional<E> parse_name(std::string_view, E*)` found by ADL (the pointer only selects the
/// overload) and `std::string_view to_string(E)`.
template <typename E>
concept NamedEnum = std::is_enum_v<E> && requires(std::string_view name, E value) {
    { parse_name(name, static_cast<E*>(nullptr)) } -> std::same_as<std::optional<E>>;
    { to_string(value) } -> std::convertible_to<std::string_view>;
};

template <typename T>
bool ModelReader::read_value(const nlohmann::json& value, const std::string& path, T& out) const {
    if constexpr (std::is_same_v<T, nlohmann::json>) {
        out = value;
        return true;
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!value.is_boolean())
            return wrong_type(path, "true or false", value);
        out = value.get<bool>();
        return true;
    } else if constexpr (std::is_integral_v<T> && std::is_unsigned_v<T>) {
        if (value.is_number_unsigned()) {
            const auto number = value.get<std::uint64_t>();
            if (number > std::numeric_limits<T>::max())
                return fail(path, "number out of range: " + value.dump());
            out = static_cast<T>(number);
            return true;
        }
        if (value.is_number_integer()) {
            const auto number = value.get<std::int64_t>();  // negative: parsed JSON makes the rest unsigned
            if (number < 0)
                return fail(path, "expected a whole number >= 0, got " + value.dump());
            if (static_cast<std::uint64_t>(number) > std::numeric_limits<T>::max())
                return fail(path, "number out of range: " + value.dump());
            out = static_cast<T>(number);
            return true;
        }
        return wrong_type(path, "a whole number >= 0", value);
    } else if constexpr (std::is_integral_v<T>) {
        if (!value.is_number_integer())
            return wrong_type(path, "a whole number", value);
        if (value.is_number_unsigned() &&
            value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<T>::max()))
            return fail(path, "number out of range: " + value.dump());
        const auto number = value.get<std::int64_t>();
        if (number < std::numeric_limits<T>::min() || number > std::numeric_limits<T>::max())
            return fail(path, "number out of range: " + value.dump());
        out = static_cast<T>(number);
        return true;
    } else if constexpr (std::is_floating_point_v<T>) {
        if (!value.is_number())
            return wrong_type(path, "a number", value);
        out = value.get<T>();
        return true;
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!value.is_string())
            return wrong_type(path, "a string", value);
        out = value.get<std::string>();
        return true;
    } else if constexpr (NamedEnum<T>) {
        if (!value.is_string())
            return wrong_type(path, "a string", value);
        const auto parsed = parse_name(value.get<std::string>(), static_cast<T*>(nullptr));
        if (!parsed)
            return fail(path, "unknown value " + value.dump());
        out = *parsed;
        return true;
    } else if constexpr (requires {
                             typename T::value_type;
                             typename T::mapped_type;
                         }) {
        if (!value.is_object())
            return wrong_type(path, "an object", value);
        out.clear();
        for (const auto& [key, element] : value.items()) {
            typename T::mapped_type read{};
            if (read_value(element, path + "." + key, read))
                out.emplace(key, std::move(read));  // tolerant: a malformed entry is left out
        }
        return true;
    } else if constexpr (requires {
                             std::tuple_size<T>::value;
                             typename T::value_type;
                         }) {
        constexpr std::size_t size = std::tuple_size<T>::value;
        if (!value.is_array())
            return wrong_type(path, "an array of " + std::to_string(size), value);
        if (value.size() != size) {
            return fail(
                path, "expected " + std::to_string(size) + " elements, got " + std::to_string(value.size()));
        }
        for (std::size_t i = 0; i < size; ++i)
            read_value(value[i], path + "[" + std::to_string(i) + "]", out[i]);
        return true;
    } else if constexpr (requires {
                             typename T::value_type;
                             out.push_back(typename T::value_type{});
                         }) {
        if (!value.is_array())
            return wrong_type(path, "an array", value);
        out.clear();
        for (std::size_t i = 0; i < value.size(); ++i) {
            typename T::value_type read{};
            if (read_value(value[i], path + "[" + std::to_string(i) + "]", read))
                out.push_back(std::move(read));  // tolerant: a malformed element is left out
        }
        return true;
    } else {
        static_assert(ReadableModel<T>, "no read_model(const ModelReader&, T&) for this member's type");
        if (!value.is_object())
            return wrong_type(path, "an object", value);
        read_model(ModelReader(value, path, leniency_, problems_), out);
        return true;  // tolerant: what could be read, its problems noted
    }
}

}  // namespace parity::harness
