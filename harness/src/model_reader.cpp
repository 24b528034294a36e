#include "parity/harness/model_reader.hpp"

namespace parity::harness {

ModelReader::ModelReader(const nlohmann::json& object, std::string path, Leniency leniency,
                         std::vector<std::string>* problems)
    : object_(object), path_(std::move(path)), leniency_(leniency), problems_(problems) {}

const nlohmann::json* ModelReader::find(std::string_view key) const {
    const auto found = object_.find(key);
    return found == object_.end() ? nullptr : &*found;
}

std::string ModelReader::path_of(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void ModelReader::problem(std::string_view key, const std::string& message) const {
    fail(path_of(key), message);
}

bool ModelReader::fail(const std::string& path, const std::string& message) const {
    if (leniency_ == Leniency::strict)
        throw ModelError(path + ": " + message);
    if (problems_ != nullptr)
        problems_->push_back(path + ": " + message);
    return false;
}

bool ModelReader::wrong_type(const std::string& path, std::string_view expected,
                             const nlohmann::json& value) const {
    return fail(path, "expected " + std::string(expected) + ", got " + value.type_name());
}

}  // namespace parity::harness
