#include "shard_set.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>

#include "parity/replay/report_merge.hpp"
#include "parity/replay/shard.hpp"

namespace parity::replay::detail {
namespace {

/// A value every shard of one run shares, named as in report.json.
struct SharedKey {
    const char* key;
    std::function<nlohmann::json(const Report&)> value;
};

/// What makes two runs' outcomes comparable: the same requests through the same code under the same
/// rules. Options that only change timing (jobs, seed, warmup, pin_cpus, trace_python_memory) or the
/// exit code (strict) may differ between shards.
const std::vector<SharedKey>& shared_keys() {
    static const std::vector<SharedKey> keys = {
        {"corpus.digest", [](const Report& r) { return nlohmann::json(r.corpus.digest); }},
        {"corpus.kernel", [](const Report& r) { return nlohmann::json(r.corpus.kernel); }},
        {"reference", [](const Report& r) { return nlohmann::json(r.reference); }},
        {"candidate", [](const Report& r) { return nlohmann::json(r.candidate); }},
        {"tool.version", [](const Report& r) { return nlohmann::json(r.tool.version); }},
        {"options.timeout_s", [](const Report& r) { return nlohmann::json(r.options->timeout_s); }},
        {"options.noise_runs", [](const Report& r) { return nlohmann::json(r.options->noise_runs); }},
        {"options.repeat", [](const Report& r) { return nlohmann::json(r.options->repeat); }},
        {"options.limit", [](const Report& r) { return harness::json_or_null(r.options->limit); }},
        {"options.id", [](const Report& r) { return harness::json_or_null(r.options->id); }},
        {"options.rules", [](const Report& r) { return harness::json_or_null(r.options->rules); }},
        // The merged "stages" bounds one stage's port: every shard must have been asked about the same.
        {"options.ported_stage",
         [](const Report& r) { return harness::json_or_null(r.options->ported_stage); }},
    };
    return keys;
}

[[noreturn]] void refuse(const std::filesystem::path& dir, const std::string& why) {
    throw MergeError(dir.string() + ": " + why);
}

Shard shard_of(const Report& report, const std::filesystem::path& dir) {
    const std::string& text = report.options->shard;
    if (text == "merged")
        refuse(dir, "already a merged report: merge the shard folders it was made from");
    std::string error;
    const auto shard = Shard::parse(text, error);
    if (!shard)
        refuse(dir, "options.shard: " + error);
    return *shard;
}

}  // namespace

ShardCoverage check_shard_set(const std::vector<Report>& reports,
                              const std::vector<std::filesystem::path>& dirs, bool allow_partial) {
    const Report& first = reports.front();
    if (first.corpus.digest.empty())
        refuse(dirs.front(), "corpus.digest is empty: cannot tell which corpus it replayed");
    for (std::size_t i = 1; i < reports.size(); ++i) {
        for (const auto& [key, value] : shared_keys()) {
            if (value(reports[i]) != value(first)) {
                refuse(dirs[i], std::string(key) + " " + value(reports[i]).dump() + " differs from " +
                                    dirs.front().string() + "'s " + value(first).dump() +
                                    ": not shards of one replay");
            }
        }
    }
    ShardCoverage coverage;
    const Shard first_shard = shard_of(first, dirs.front());
    coverage.count = first_shard.count;
    std::map<std::uint32_t, std::size_t> given;  // index -> position in dirs
    for (std::size_t i = 0; i < reports.size(); ++i) {
        const Shard shard = shard_of(reports[i], dirs[i]);
        if (shard.count != coverage.count) {
            const bool unsharded = shard.count == 1 || coverage.count == 1;
            refuse(dirs[i], "shard " + shard.to_string() + " cannot be merged with " + dirs.front().string() +
                                "'s " + first_shard.to_string() +
                                (unsharded ? ": a whole (unsharded, 1/1) replay mixed with shards"
                                           : ": shards of different shard counts"));
        }
        if (const auto [found, fresh] = given.try_emplace(shard.index, i); !fresh) {
            refuse(dirs[i],
                   "shard " + shard.to_string() + " given twice (also " + dirs[found->second].string() + ")");
        }
    }
    for (std::uint32_t index = 1; index <= coverage.count; ++index) {
        if (!given.contains(index))
            coverage.missing.push_back(index);
    }
    if (!coverage.missing.empty() && !allow_partial) {
        std::string missing;
        for (const auto index : coverage.missing)
            missing += (missing.empty() ? "" : ", ") + Shard{index, coverage.count}.to_string();
        throw MergeError("shard(s) " + missing +
                         " missing: merge every shard of the run, or pass "
                         "--allow-partial for a report marked incomplete");
    }
    return coverage;
}

std::vector<std::string> merged_corpus_problems(const std::vector<Report>& reports,
                                                const ShardCoverage& coverage) {
    std::vector<std::string> problems;
    for (const auto& report : reports) {
        for (const auto& problem : report.corpus.problems) {
            if (std::find(problems.begin(), problems.end(), problem) == problems.end())
                problems.push_back(problem);
        }
    }
    for (const auto index : coverage.missing) {
        problems.push_back("shard " + Shard{index, coverage.count}.to_string() +
                           " missing from the merge (--allow-partial): its requests were not replayed");
    }
    return problems;
}

}  // namespace parity::replay::detail
