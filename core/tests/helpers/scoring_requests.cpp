#include "helpers/scoring_requests.hpp"

namespace parity::test {

RequestBuilder::RequestBuilder(std::string home_country, std::string home_currency) {
    request_.home_country = id(countries_, home_country);
    request_.home_currency = id(currencies_, home_currency);
}

RequestBuilder& RequestBuilder::history(const Record& record) {
    request_.history.push_back(event(record));
    return *this;
}

RequestBuilder& RequestBuilder::transaction(const Record& record) {
    request_.transactions.push_back(event(record));
    return *this;
}

scoring::Event RequestBuilder::event(const Record& record) {
    scoring::Event event;
    event.t_ms = record.t_ms;
    event.amount = record.amount;
    event.card = id(cards_, record.card);
    event.merchant = id(merchants_, record.merchant);
    event.device = record.device ? id(devices_, *record.device) : scoring::no_device;
    event.country = id(countries_, record.country);
    event.currency = id(currencies_, record.currency);
    const std::size_t mccs_before = mccs_.size();
    event.mcc = id(mccs_, record.mcc);
    if (mccs_.size() != mccs_before) {
        request_.mcc_names.push_back(record.mcc);
    }
    if (record.location) {
        event.has_location = true;
        event.lat = record.location->first;
        event.lon = record.location->second;
    }
    return event;
}

std::uint32_t RequestBuilder::id(std::map<std::string, std::uint32_t>& ids, const std::string& text) {
    return ids.try_emplace(text, static_cast<std::uint32_t>(ids.size())).first->second;
}

scoring::Model zero_model() {
    scoring::Model model;
    model.version = "test";
    return model;
}

}  // namespace parity::test
