#include "parity/replay/report_merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "parity/harness/file_text.hpp"
#include "parity/replay/latency_recorder.hpp"
#include "parity/replay/report_writer.hpp"

namespace parity::replay {
namespace {

using ordered = nlohmann::ordered_json;

ordered read_json(const std::filesystem::path& path) {
    const auto text = harness::read_file_text(path);
    if (!text) throw MergeError(path.string() + ": cannot read");
    try {
        return ordered::parse(*text);
    } catch (const nlohmann::json::parse_error& error) {
        throw MergeError(path.string() + ": malformed JSON: " + error.what());
    }
}

/// Merges per-pattern field lists: counts summed, kinds summed, examples kept up to the first list's count.
ordered merge_fields(const std::vector<ordered>& lists, std::uint64_t compared) {
    std::map<std::string, ordered> merged;
    std::vector<std::string> order;
    for (const auto& list : lists) {
        for (const auto& field : list) {
            const std::string pattern = field["pattern"];
            auto [entry, fresh] = merged.try_emplace(pattern, field);
            if (fresh) {
                order.push_back(pattern);
            } else {
                ordered& target = entry->second;
                for (const char* key : {"count", "requests", "candidate_differences_not_counted"}) {
                    if (field.contains(key)) target[key] = target.value(key, 0ULL) + field[key].get<std::uint64_t>();
                }
                for (const auto& [kind, n] : field["types"].items()) {
                    target["types"][kind] = target["types"].value(kind, 0ULL) + n.get<std::uint64_t>();
                }
                for (const auto& example : field["examples"]) {
                    if (target["examples"].size() < 3) target["examples"].push_back(example);
                }
            }
        }
    }
    ordered result = ordered::array();
    for (const auto& pattern : order) {
        ordered field = merged[pattern];
        field["rate"] = compared ? field["requests"].get<double>() / static_cast<double>(compared) : 0.0;
        result.push_back(std::move(field));
    }
    std::stable_sort(result.begin(), result.end(), [](const ordered& a, const ordered& b) {
        return a["requests"].get<std::uint64_t>() > b["requests"].get<std::uint64_t>();
    });
    return result;
}

workers::PathResult path_of(const ordered& timing) {
    workers::PathResult path;
    path.status = workers::PathStatus::ok;
    path.wall_ns = timing.value("wall_ns", std::int64_t{0});
    path.cpu_ns = timing.value("cpu_ns", std::int64_t{0});
    path.rss_delta_bytes = timing.value("rss_delta_bytes", std::int64_t{0});
    return path;
}

}  // namespace

void merge_reports(const std::vector<std::filesystem::path>& shard_dirs, const std::filesystem::path& out) {
    if (shard_dirs.empty()) throw MergeError("nothing to merge");
    std::vector<ordered> reports;
    for (const auto& dir : shard_dirs) reports.push_back(read_json(dir / "report.json"));
    const ordered& first = reports.front();
    for (std::size_t i = 1; i < reports.size(); ++i) {
        for (const char* key : {"reference", "candidate"}) {
            if (reports[i][key] != first[key]) {
                throw MergeError(shard_dirs[i].string() + ": " + key + " " + reports[i][key].dump() +
                                 " differs from " + shard_dirs[0].string() + "'s " + first[key].dump());
            }
        }
        if (reports[i]["corpus"]["path"] != first["corpus"]["path"]) {
            throw MergeError(shard_dirs[i].string() + ": a replay of another corpus (" +
                             reports[i]["corpus"]["path"].get<std::string>() + ")");
        }
    }
    std::filesystem::create_directories(out);

    ordered merged = first;
    ordered summary = ordered::object();
    for (const auto& report : reports) {
        for (const auto& [key, value] : report["summary"].items()) {
            summary[key] = summary.value(key, 0ULL) + value.get<std::uint64_t>();
        }
    }
    const std::uint64_t compared = summary.value("compared", 0ULL);
    std::vector<ordered> fields, noise;
    ordered outcomes = ordered::array();
    std::set<std::string> ids, fixture_problems, adapter_problems, warnings, noisy_patterns;
    std::uint64_t outcomes_not_listed = 0;
    double duration = 0;
    ordered shards = ordered::array();
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& report = reports[i];
        fields.push_back(report["fields"]);
        noise.push_back(report["nondeterministic"]);
        for (const auto& outcome : report["outcomes"]) {
            outcomes.push_back(outcome);  // its repro folder is copied below under the same relative path
        }
        outcomes_not_listed += report.value("outcomes_not_listed", 0ULL);
        for (const auto& id : report["requests_with_differences"]) ids.insert(id.get<std::string>());
        for (const auto& p : report["problems"]["fixtures"]) fixture_problems.insert(p.get<std::string>());
        for (const auto& p : report["problems"]["adapters"]) adapter_problems.insert(p.get<std::string>());
        for (const auto& w : report.value("warnings", ordered::array())) warnings.insert(w.get<std::string>());
        for (const auto& field : report["nondeterministic"]) noisy_patterns.insert(field["pattern"].get<std::string>());
        duration = std::max(duration, report.value("duration_s", 0.0));
        shards.push_back({{"folder", std::filesystem::absolute(shard_dirs[i]).string()},
                          {"shard", report["options"].value("shard", "")}});
        if (std::filesystem::exists(shard_dirs[i] / "repro")) {
            std::filesystem::copy(shard_dirs[i] / "repro", out / "repro",
                                  std::filesystem::copy_options::recursive |
                                      std::filesystem::copy_options::overwrite_existing);
        }
    }
    summary["nondeterministic_fields"] = noisy_patterns.size();
    merged["summary"] = summary;
    merged["fields"] = merge_fields(fields, compared);
    merged["nondeterministic"] = merge_fields(noise, compared);
    merged["outcomes"] = outcomes;
    merged["outcomes_not_listed"] = outcomes_not_listed;
    merged["requests_with_differences"] = ids;
    merged["problems"] = {{"fixtures", fixture_problems}, {"adapters", adapter_problems}};
    merged["duration_s"] = duration;
    merged["options"]["shard"] = "merged";
    merged["shards"] = shards;

    // Latency from every shard's timed samples, as one run would have computed it.
    LatencyOptions options;
    options.warmup_per_worker = 0;  // the shards already left their warm-ups out ("timed": false)
    options.bootstrap.resamples = first["latency"].value("bootstrap_resamples", std::size_t{2000});
    options.bootstrap.seed = first["latency"].value("bootstrap_seed", std::uint64_t{42});
    options.aa = first["reference"] == first["candidate"];
    LatencyRecorder latency(options);
    std::ofstream results(out / "results.jsonl", std::ios::binary | std::ios::trunc);
    double timer_overhead = 0;
    std::size_t repeat = 1;
    for (std::size_t i = 0; i < reports.size(); ++i) {
        timer_overhead = std::max(timer_overhead, reports[i]["latency"].value("timer_overhead_ns", 0.0));
        repeat = std::max(repeat, reports[i]["latency"].value("repeat", std::size_t{1}));
        std::ifstream lines(shard_dirs[i] / "results.jsonl", std::ios::binary);
        std::string line;
        while (std::getline(lines, line)) {
            results << line << '\n';
            const auto entry = ordered::parse(line, nullptr, false);
            if (entry.is_discarded()) continue;
            latency.note_worker_rss(entry.value("worker", 0), entry.value("worker_rss_bytes", std::int64_t{0}));
            if (entry.value("timed", false)) {
                latency.add(0, path_of(entry["reference"]), path_of(entry["candidate"]));
            }
        }
    }
    std::vector<std::string> latency_warnings(warnings.begin(), warnings.end());
    auto merged_latency = latency.latency_json(timer_overhead, repeat, latency_warnings);
    std::set<std::string> all_warnings(latency_warnings.begin(), latency_warnings.end());
    merged["latency"] = std::move(merged_latency);
    merged["latency"]["warmup_discarded"] = [&] {
        std::uint64_t total = 0;
        for (const auto& report : reports) total += report["latency"].value("warmup_discarded", 0ULL);
        return total;
    }();
    merged["memory"] = latency.memory_json();
    merged["warnings"] = all_warnings;

    std::ofstream(out / "report.json", std::ios::binary | std::ios::trunc)
        << merged.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace parity::replay
