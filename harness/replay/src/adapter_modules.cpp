#include "parity/replay/adapter_modules.hpp"

namespace parity::replay {

std::string adapter_module(const std::string& spec) {
    return spec.substr(0, spec.find(':'));
}

bool module_allowed(const std::string& module, const std::vector<std::string>& prefixes) {
    if (prefixes.empty()) {
        return true;
    }
    for (const auto& prefix : prefixes) {
        if (prefix.empty()) {
            continue;
        }
        if (prefix.back() == '.' ? module.starts_with(prefix)
                                 : module == prefix || module.starts_with(prefix + ".")) {
            return true;
        }
    }
    return false;
}

void check_adapter_allowed(const std::string& role, const std::string& spec, const std::string& source,
                           const std::vector<std::string>& prefixes) {
    const std::string module = adapter_module(spec);
    if (module_allowed(module, prefixes)) {
        return;
    }
    std::string allowed;
    for (const auto& prefix : prefixes) {
        allowed += (allowed.empty() ? "" : ", ") + prefix;
    }
    throw AdapterNotAllowedError(role + " adapter " + spec + " (from " + source + ") is in module " + module +
                                 ", outside --allow-modules " + allowed + ": refused, nothing was imported");
}

}  // namespace parity::replay
