#pragma once

// One scoring request in C++ types (docs/scoring.md section 1.2), its records already checked. Strings
// that are only compared for equality arrive as dense integer ids, one numbering per kind of string
// (cards, merchants, devices, countries, currencies, merchant category codes), given by whoever builds
// the request: equal strings must get equal ids and different strings different ids. Card, merchant and
// device ids are dense (numbered from 0 over the request's own strings, so each is below the number of
// events: the kernel keeps flat arrays by id and refuses larger ids); mcc ids index mcc_names. Country
// and currency ids are only ever compared with the profile's: it is enough that an id equals
// home_country (home_currency) exactly when the string equals the profile's.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace parity::scoring {

/// The id of a device_id that is None.
inline constexpr std::uint32_t no_device = std::numeric_limits<std::uint32_t>::max();

/// A history record or a transaction: the kernel fields, strings as ids.
struct Event {
    std::int64_t t_ms = 0;
    double amount = 0.0;
    /// Meaningful only when has_location.
    double lat = 0.0;
    double lon = 0.0;
    std::uint32_t card = 0;
    std::uint32_t merchant = 0;
    std::uint32_t device = no_device;
    std::uint32_t country = 0;
    std::uint32_t currency = 0;
    /// An index into Request::mcc_names.
    std::uint32_t mcc = 0;
    /// Both lat and lon are numbers.
    bool has_location = false;
};

struct Request {
    /// The profile's home_country and home_currency, as ids of the country and currency numberings.
    std::uint32_t home_country = 0;
    std::uint32_t home_currency = 0;
    std::vector<Event> history;
    std::vector<Event> transactions;
    /// Each mcc id's code points in UTF-8 (Model::mcc_risk's encoding).
    std::vector<std::string> mcc_names;
};

}  // namespace parity::scoring
