#include "python_strings.hpp"

#include "python_checks.hpp"

namespace parity::bindings::scoring {
namespace {

constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ULL;
constexpr unsigned fold_shift = 32;

std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
    h = (h ^ word) * multiplier;
    return h ^ (h >> fold_shift);
}

/// MurmurHash3's 64-bit finaliser: every input bit reaches the low bits a table indexes by. (Ids differ
/// mostly in their last bytes, which the multiplications above only carry upwards.)
std::uint64_t finish(std::uint64_t h) {
    constexpr std::uint64_t c1 = 0xFF51AFD7ED558CCDULL;
    constexpr std::uint64_t c2 = 0xC4CEB9FE1A85EC53ULL;
    constexpr unsigned shift = 33;
    h ^= h >> shift;
    h *= c1;
    h ^= h >> shift;
    h *= c2;
    h ^= h >> shift;
    return h;
}

}  // namespace

void ready(PyObject* text) {
    if (PyUnicode_READY(text) != 0) {
        throw_python_error();
    }
}

std::uint64_t hash_of(const StrBytes& text) {
    const auto* bytes = static_cast<const unsigned char*>(text.data);
    std::uint64_t h = mix(static_cast<std::uint64_t>(text.size), static_cast<std::uint64_t>(text.kind));
    std::size_t i = 0;
    for (; i + sizeof(std::uint64_t) <= text.size; i += sizeof(std::uint64_t)) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes + i, sizeof word);
        h = mix(h, word);
    }
    if (i < text.size) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes + i, text.size - i);
        h = mix(h, word);
    }
    return finish(h);
}

std::string code_point_bytes(PyObject* text) {
    Py_ssize_t size = 0;
    const char* utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 != nullptr) {
        return {utf8, static_cast<std::size_t>(size)};
    }
    // A lone surrogate has no UTF-8 form: encoded as surrogatepass does, three bytes like its neighbours.
    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError) == 0) {
        throw_python_error();
    }
    PyErr_Clear();
    const OwnedRef encoded(PyUnicode_AsEncodedString(text, "utf-8", "surrogatepass"));
    if (encoded.get() == nullptr) {
        throw_python_error();
    }
    return {PyBytes_AS_STRING(encoded.get()), static_cast<std::size_t>(PyBytes_GET_SIZE(encoded.get()))};
}

}  // namespace parity::bindings::scoring
