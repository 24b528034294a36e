#pragma once

// Python str objects as the scoring kernel sees them: sequences of code points, compared for equality
// only (docs/scoring.md section 1.2; a lone surrogate is a code point like any other). CPython stores
// every str in the narrowest of three widths its largest code point allows, so two strs are equal
// exactly when their widths, lengths and stored bytes are: equality and hashing read those bytes
// directly, with no UTF-8 or UTF-32 codec on the hot path.

#include <Python.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace parity::bindings::scoring {

/// memcmp(a, b, size) == 0 for the short strings of a request (ids, codes), without a call into the C
/// library: two overlapping loads from each end cover up to twice their width, and nothing outside
/// [a, a + size) or [b, b + size) is read.
[[nodiscard]] inline bool same_bytes(const void* a, const void* b, std::size_t size) {
    const auto* x = static_cast<const unsigned char*>(a);
    const auto* y = static_cast<const unsigned char*>(b);
    const auto equal_at = [&]<class Word>(std::size_t offset, Word) {
        Word u;
        Word v;
        std::memcpy(&u, x + offset, sizeof u);
        std::memcpy(&v, y + offset, sizeof v);
        return u == v;
    };
    if (size >= sizeof(std::uint64_t)) {
        if (size > 2 * sizeof(std::uint64_t)) {
            return std::memcmp(x, y, size) == 0;
        }
        return equal_at(0, std::uint64_t{}) && equal_at(size - sizeof(std::uint64_t), std::uint64_t{});
    }
    if (size >= sizeof(std::uint32_t)) {
        return equal_at(0, std::uint32_t{}) && equal_at(size - sizeof(std::uint32_t), std::uint32_t{});
    }
    for (std::size_t i = 0; i < size; ++i) {
        if (x[i] != y[i]) {
            return false;
        }
    }
    return true;
}

/// The stored bytes of a ready str (every str object on Python 3.12+, and on 3.11 every str not made
/// by the deprecated Py_UNICODE APIs; callers check PyUnicode_READY first).
struct StrBytes {
    const void* data;
    std::size_t size;  // in bytes
    int kind;          // bytes per code point: 1, 2 or 4

    StrBytes(const void* bytes, std::size_t byte_count, int bytes_per_code_point)
        : data(bytes), size(byte_count), kind(bytes_per_code_point) {}

    explicit StrBytes(PyObject* text)
        : data(PyUnicode_DATA(text)),
          size(static_cast<std::size_t>(PyUnicode_GET_LENGTH(text)) * PyUnicode_KIND(text)),
          kind(PyUnicode_KIND(text)) {}

    [[nodiscard]] bool operator==(const StrBytes& other) const {
        return kind == other.kind && size == other.size && same_bytes(data, other.data, size);
    }
};

/// Readies a str for StrBytes (a no-op except for legacy strs on 3.11); throws on failure.
void ready(PyObject* text);

/// A hash of the code points (not Python's hash(), which a str computes with SipHash on first use).
[[nodiscard]] std::uint64_t hash_of(const StrBytes& text);

/// The str's code points in UTF-8, a lone surrogate encoded as the "surrogatepass" error handler does
/// (so distinct strs give distinct byte strings: parity::scoring::Model::mcc_risk's keys).
[[nodiscard]] std::string code_point_bytes(PyObject* text);

}  // namespace parity::bindings::scoring
