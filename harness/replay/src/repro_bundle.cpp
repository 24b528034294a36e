#include "parity/replay/repro_bundle.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "parity/bounds/value_summary.hpp"
#include "parity/workers/pool_config.hpp"

namespace parity::replay {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
        throw std::runtime_error(path.string() + ": cannot write");
    }
}

std::string pretty(const nlohmann::json& value) {
    // Strings may hold bytes that are not UTF-8 only if a converter tagged them; replace, never throw.
    return json_safe(value).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

/// Indented if that fits `max_bytes` (0: no limit), else compact, else the value's summary.
std::string held_to(const nlohmann::json& value, std::uint64_t max_bytes) {
    std::string text = pretty(value);
    if (max_bytes == 0 || text.size() <= max_bytes) {
        return text;
    }
    text = json_safe(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (text.size() <= max_bytes) {
        return text;
    }
    return pretty(bounds::summary_json(bounds::summarise(value)));
}

}  // namespace

std::string bundle_folder_name(const std::string& request_id) {
    std::string name;
    for (const char c : request_id) {
        const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '.' || c == '_' || c == '-';
        name += safe ? c : '_';
    }
    if (name.empty() || name == "." || name == "..") {
        name = "_" + name;
    }
    return name;
}

std::string shell_quote(const std::string& argument) {
    const bool plain = !argument.empty() && argument.find_first_not_of(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/:=+,@") == std::string::npos;
    if (plain) {
        return argument;
    }
    std::string quoted = "'";
    for (const char c : argument) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string rerun_command(const ReplayOptions& options, const std::string& reference,
                          const std::string& candidate, const std::string& request_id) {
    std::string command = "parity replay " + shell_quote(std::filesystem::absolute(options.corpus).string()) +
                          " --id " + shell_quote(request_id) + " --reference " + shell_quote(reference) +
                          " --candidate " + shell_quote(candidate);
    if (options.rules_file) {
        command += " --rules " + shell_quote(std::filesystem::absolute(*options.rules_file).string());
    }
    for (const auto& folder : options.python_path) {
        command += " --python-path " + shell_quote(std::filesystem::absolute(folder).string());
    }
    // The same Python as the run that found the difference: a difference may depend on it.
    command += " --python " + shell_quote(workers::python_argument(options.python_executable));
    std::ostringstream seconds;
    seconds << static_cast<double>(options.timeout.count()) / 1000.0;  // "10", "0.3"
    command += " --timeout " + seconds.str();
    return command;
}

nlohmann::json json_safe(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::number_float: {
            const double number = value.get<double>();
            if (std::isnan(number)) return {{"$float", "nan"}};
            if (std::isinf(number)) return {{"$float", number > 0 ? "inf" : "-inf"}};
            return value;
        }
        case nlohmann::json::value_t::array: {
            nlohmann::json result = nlohmann::json::array();
            for (const auto& element : value) result.push_back(json_safe(element));
            return result;
        }
        case nlohmann::json::value_t::object: {
            nlohmann::json result = nlohmann::json::object();
            for (const auto& [key, element] : value.items()) result[key] = json_safe(element);
            return result;
        }
        default: return value;
    }
}

nlohmann::ordered_json difference_to_json(const diff::Difference& difference) {
    return {{"kind", std::string(diff::to_string(difference.kind))},
            {"pointer", difference.pointer},
            {"pattern", difference.pattern},
            {"reference", json_safe(difference.reference)},
            {"candidate", json_safe(difference.candidate)},
            {"detail", difference.detail}};
}

nlohmann::ordered_json bundle_origin(const std::filesystem::path& corpus, const std::string& reference,
                                     const std::string& candidate,
                                     const std::optional<std::filesystem::path>& rules) {
    return {{"format", "parity.repro.bundle"},
            {"corpus", std::filesystem::absolute(corpus).lexically_normal().string()},
            {"reference", reference},
            {"candidate", candidate},
            {"rules",
             rules ? nlohmann::ordered_json(std::filesystem::absolute(*rules).lexically_normal().string())
                   : nlohmann::ordered_json()}};
}

std::string write_repro_bundle(const std::filesystem::path& report, const ReproContent& content,
                               const std::string& command) {
    std::string relative = "repro/" + bundle_folder_name(content.request_id);
    if (std::filesystem::exists(report / relative) && !content.place.empty()) {
        std::string place = content.place;
        std::replace(place.begin(), place.end(), ':', '.');
        relative = "repro/" + bundle_folder_name(content.request_id + "." + place);
    }
    for (int suffix = 2; std::filesystem::exists(report / relative); ++suffix) {
        relative = "repro/" + bundle_folder_name(content.request_id) + "~" + std::to_string(suffix);
    }
    const std::filesystem::path folder = report / relative;
    std::filesystem::create_directories(folder);

    if (content.request_summary) {
        write_file(folder / "request.summary.json", pretty(*content.request_summary));
    } else {
        write_file(folder / "request.jsonl", content.request_line + "\n");
    }
    if (!content.origin.is_null()) {
        write_file(folder / "bundle.json", content.origin.dump(2) + "\n");
    }
    write_file(folder / "reference.json", held_to(content.reference, content.max_file_bytes));
    write_file(folder / "candidate.json", held_to(content.candidate, content.max_file_bytes));
    nlohmann::ordered_json differences = nlohmann::ordered_json::array();
    for (const auto& difference : content.differences) {
        differences.push_back(difference_to_json(difference));
    }
    write_file(folder / "diff.json", differences.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    std::string held;  // what the bundle's size cap left out, if anything
    if (content.request_summary) {
        held +=
            "request.summary.json  the corpus line was too long for this bundle: its length, sha256,\n"
            "                      head and tail, and where it is in the corpus (--max-bundle-bytes)\n";
    }
    if (content.differences_not_written > 0) {
        held +=
            "diff.json lists the first differences only: " + std::to_string(content.differences_not_written) +
            " more were not written (--max-bundle-bytes)\n";
    }
    std::string fixtures;
    for (const auto& id : content.fixtures) {
        fixtures += "  fixtures/" + id + ".json\n";
    }
    write_file(
        folder / "README.txt",
        "Request " + content.request_id +
            (content.place.empty() ? std::string() : " (corpus line " + content.place + ")") +
            "\n\n"
            "request.jsonl   the corpus line, verbatim (its input is what both paths received)\n"
            "reference.json  what the reference returned or raised\n"
            "candidate.json  what the candidate returned or raised\n"
            "diff.json       the differences, each located by a JSON Pointer\n" +
            (content.origin.is_null() ? std::string()
                                      : "bundle.json     the corpus, adapters and rules it ran with: `parity "
                                        "shrink` on this folder reads it\n") +
            "\n" + (held.empty() ? std::string() : held + "\n") +
            "Fixtures it references (in the corpus folder):\n" +
            (fixtures.empty() ? std::string("  (none)\n") : fixtures) + "\nRe-run only this request:\n  " +
            command + "\n");
    return relative;
}

}  // namespace parity::replay
