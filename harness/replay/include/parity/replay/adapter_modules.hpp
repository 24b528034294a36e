#pragma once

// The trust boundary of a replay: a corpus names the adapters to run as "module:attribute", and a
// worker imports each module, running its top-level code, before any request is read. Replaying a
// corpus therefore runs code the corpus names; `--allow-modules` limits which.

#include <stdexcept>
#include <string>
#include <vector>

namespace parity::replay {

/// An adapter lies outside the module prefixes --allow-modules admits: nothing was imported.
class AdapterNotAllowedError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The module an adapter spec imports: "importer.adapters" of "importer.adapters:native" (the
/// whole spec when it has no ':', which the worker then refuses without importing anything).
[[nodiscard]] std::string adapter_module(const std::string& spec);

/// Whether `module` is admitted by one of `prefixes`. A prefix ending in '.' admits the modules
/// that start with it ("importer." admits "importer.adapters", not "importer" itself); any other
/// prefix is a module name admitting itself and its submodules ("importer" admits "importer" and
/// "importer.adapters", never "importer_evil"). No prefixes admit every module.
[[nodiscard]] bool module_allowed(const std::string& module, const std::vector<std::string>& prefixes);

/// Throws AdapterNotAllowedError naming the adapter, where it was named (`source`, e.g.
/// "manifest.json" or "--candidate") and the prefixes, unless module_allowed.
void check_adapter_allowed(const std::string& role, const std::string& spec, const std::string& source,
                           const std::vector<std::string>& prefixes);

}  // namespace parity::replay
