#include "unicode_forms.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace parity::diff {
namespace {

utf8proc_option_t options_for(UnicodeForm form) {
    switch (form) {
        case UnicodeForm::nfc:
            return static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
        case UnicodeForm::nfd:
            return static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE);
        case UnicodeForm::nfkc:
            return static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
        case UnicodeForm::nfkd:
            return static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT);
    }
    return UTF8PROC_STABLE;
}

struct FreeDeleter {
    void operator()(utf8proc_uint8_t* memory) const noexcept {
        std::free(memory);  // NOLINT(cppcoreguidelines-no-malloc): utf8proc_map allocates with malloc
    }
};

}  // namespace

std::optional<std::string> normalize(std::string_view text, UnicodeForm form) {
    utf8proc_uint8_t* mapped = nullptr;
    // With an explicit length (no UTF8PROC_NULLTERM), an embedded NUL is just U+0000.
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped, options_for(form));
    const std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owner(mapped);
    if (length < 0) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

bool equal_under(std::string_view a, std::string_view b, UnicodeForm form) {
    const std::optional<std::string> normal_a = normalize(a, form);
    if (!normal_a) {
        return false;
    }
    const std::optional<std::string> normal_b = normalize(b, form);
    return normal_b && *normal_a == *normal_b;
}

std::optional<UnicodeForm> first_equalizing_form(std::string_view a, std::string_view b) {
    // Canonical equivalence (NFC = NFD) implies compatibility equivalence (NFKC = NFKD).
    for (const UnicodeForm form : {UnicodeForm::nfc, UnicodeForm::nfkc}) {
        if (equal_under(a, b, form)) {
            return form;
        }
    }
    return std::nullopt;
}

}  // namespace parity::diff
