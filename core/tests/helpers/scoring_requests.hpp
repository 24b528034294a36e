#pragma once

// Scoring requests written with strings, numbered into the core's ids the way the binding numbers them
// (equal strings, equal ids), for tests and benchmarks of the kernel.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "parity/scoring/model.hpp"
#include "parity/scoring/request.hpp"

namespace parity::test {

struct Record {
    std::int64_t t_ms = 0;
    double amount = 0.0;
    std::string card = "card-1";
    std::string merchant = "merchant-1";
    std::optional<std::string> device;
    std::string country = "FR";
    std::string currency = "EUR";
    std::string mcc = "5411";
    std::optional<std::pair<double, double>> location;  // (lat, lon)
};

/// A request for profile (home_country, home_currency) = ("FR", "EUR") unless set otherwise.
class RequestBuilder {
  public:
    RequestBuilder(std::string home_country = "FR", std::string home_currency = "EUR");
    RequestBuilder& history(const Record& record);
    RequestBuilder& transaction(const Record& record);
    [[nodiscard]] const scoring::Request& request() const {
        return request_;
    }

  private:
    scoring::Event event(const Record& record);
    static std::uint32_t id(std::map<std::string, std::uint32_t>& ids, const std::string& text);

    scoring::Request request_;
    std::map<std::string, std::uint32_t> cards_, merchants_, devices_, countries_, currencies_, mccs_;
};

/// A model with every weight 0.0 but those given, intercept 0.0, thresholds 0.5 / 0.85, no mcc risks.
[[nodiscard]] scoring::Model zero_model();

}  // namespace parity::test
