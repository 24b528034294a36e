#include "parity/fuzz/fuzzer.hpp"

#include <chrono>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <variant>

#include "parity/fuzz/output_signature.hpp"
#include "parity/replay/corpus_reader.hpp"

namespace parity::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

/// Mutants kept as starting points, at most: beyond it a new one replaces a random old one.
constexpr std::size_t max_queue = 20'000;
/// Out-of-domain reasons listed in the report, at most (the count covers all).
constexpr std::size_t listed_reasons = 20;

struct Seed {
    Request request;
    std::string origin;                      // the corpus request id it descends from
    std::vector<AppliedMutation> mutations;  // every mutation since, oldest first
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<Seed> read_seeds(const FuzzOptions& options, const replay::Manifest& manifest, FuzzStats& stats) {
    std::vector<Seed> seeds;
    replay::CorpusReader reader(options.run.corpus, manifest,
                                replay::FixtureCatalog::scan(options.run.corpus));
    while (auto entry = reader.next()) {
        const auto* request = std::get_if<replay::CorpusRequest>(&*entry);
        if (request == nullptr) {
            ++stats.skipped_lines;
            continue;
        }
        if (seeds.size() >= options.max_seeds)
            break;
        if (nesting_depth(request->line) > max_input_depth) {
            ++stats.skipped_lines;  // counted: a line too deep for the walks is not silently dropped
            continue;
        }
        Input line = Input::parse(request->line, nullptr, false);
        if (line.is_discarded() || !line.contains("input")) {
            ++stats.skipped_lines;
            continue;
        }
        seeds.push_back(Seed{Request{std::move(line["input"]), request->fixtures}, request->id, {}});
    }
    stats.seeds = seeds.size();
    if (seeds.empty()) {
        throw std::runtime_error(options.run.corpus.string() + ": no usable request to start from");
    }
    return seeds;
}

class Search {
  public:
    Search(const FuzzOptions& options, FuzzSession& session, std::ostream& log)
        : options_(options), session_(session), log_(log), rng_(options.seed) {}

    FuzzResult run();

  private:
    struct Mutant {
        Seed seed;
        std::vector<AppliedMutation> mutations;
    };

    Mutant make_mutant(const Mutator& mutator);
    void judge(Mutant& mutant, workers::JobResult& result);
    bool should_stop();
    void progress(bool last);

    const FuzzOptions& options_;
    FuzzSession& session_;
    std::ostream& log_;
    Rng rng_;
    FuzzResult result_;
    std::vector<Seed> seeds_;
    std::vector<Seed> queue_;
    FeatureSet features_;
    NoisyPatterns noisy_;
    std::map<std::string, std::size_t> finding_of_key_;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_progress_ = Clock::now();
};

Search::Mutant Search::make_mutant(const Mutator& mutator) {
    // Half the draws from the mutants that showed something new, while there are any: the search goes
    // where behaviour changes, and the corpus keeps it from narrowing to one corner.
    const bool from_queue = !queue_.empty() && rng_.chance(1, 2);
    Mutant mutant{from_queue ? queue_[rng_.below(queue_.size())] : seeds_[rng_.below(seeds_.size())], {}};
    const int count =
        1 +
        static_cast<int>(rng_.below(static_cast<std::size_t>(std::max(1, options_.max_stacked_mutations))));
    mutant.mutations = mutator.mutate(mutant.seed.request.input, rng_, count);
    mutant.seed.mutations.insert(mutant.seed.mutations.end(), mutant.mutations.begin(),
                                 mutant.mutations.end());
    return mutant;
}

void Search::judge(Mutant& mutant, workers::JobResult& job) {
    FuzzStats& stats = result_.stats;
    ++stats.runs;
    for (const auto& mutation : mutant.mutations)
        ++stats.mutations[mutation.name].runs;
    if (!job.out_of_domain.empty()) {
        ++stats.out_of_domain;
        for (const auto& mutation : mutant.mutations)
            ++stats.mutations[mutation.name].out_of_domain;
        auto& reasons = stats.out_of_domain_reasons;
        if (reasons.count(job.out_of_domain) > 0 || reasons.size() < listed_reasons)
            ++reasons[job.out_of_domain];
        return;
    }
    Comparison comparison = compare_paths(job, session_.rules(), noisy_);
    if (comparison.divergence && finding_of_key_.count(comparison.divergence->key()) == 0) {
        // A new kind of divergence: is it the reference differing from itself (a request id, a clock)?
        // Run the mutant again with a second run of the reference before believing it.
        const NoisyPatterns noise =
            noisy_patterns(session_.run({mutant.seed.request}, true, 1).front(), session_.rules());
        if (!noise.empty()) {
            noisy_.insert(noise.begin(), noise.end());
            comparison = compare_paths(job, session_.rules(), noisy_);
        }
    }
    const std::size_t fresh = features_.add(features_.features_of(job));
    if (fresh > 0) {
        for (const auto& mutation : mutant.mutations)
            ++stats.mutations[mutation.name].new_features;
    }
    if (comparison.reference_failed)
        ++stats.reference_failed;
    bool new_finding = false;
    if (comparison.divergence) {
        ++stats.divergent_runs;
        for (const auto& mutation : mutant.mutations)
            ++stats.mutations[mutation.name].divergent;
        const std::string key = comparison.divergence->key();
        if (const auto found = finding_of_key_.find(key); found != finding_of_key_.end()) {
            ++result_.findings[found->second].hits;
        } else if (result_.findings.size() < options_.max_findings) {
            Finding finding;
            finding.id =
                "fuzz-s" + std::to_string(options_.seed) + "-" + std::to_string(result_.findings.size() + 1);
            finding.divergence = *comparison.divergence;
            finding.origin = mutant.seed.origin;
            finding.mutations = mutant.seed.mutations;
            finding.found_at_run = stats.runs;
            finding.found_after_s = seconds_since(started_);
            finding.original = mutant.seed.request;
            finding.request = mutant.seed.request;
            finding.differences = comparison.differences;
            finding.result = std::move(job);
            finding.original_bytes = finding.bytes = python_json_text(finding.original.input).size();
            log_ << "parity fuzz: finding " << result_.findings.size() + 1 << ": " << key << " (run "
                 << stats.runs << ", " << static_cast<long long>(finding.found_after_s) << " s) from "
                 << finding.origin << " by " << describe(finding.mutations) << "\n";
            finding_of_key_.emplace(key, result_.findings.size());
            result_.findings.push_back(std::move(finding));
            new_finding = true;
        }
    }
    if (fresh > 0 || new_finding) {
        if (queue_.size() < max_queue) {
            queue_.push_back(std::move(mutant.seed));
        } else {
            queue_[rng_.below(queue_.size())] = std::move(mutant.seed);
        }
    }
}

bool Search::should_stop() {
    FuzzStats& stats = result_.stats;
    if (options_.max_runs && stats.runs >= *options_.max_runs) {
        stats.stopped_by = "runs";
    } else if (options_.max_findings > 0 && result_.findings.size() >= options_.max_findings) {
        stats.stopped_by = "findings";
    } else if (Clock::now() - started_ >= options_.time) {
        stats.stopped_by = "time";
    }
    return !stats.stopped_by.empty();
}

void Search::progress(bool last) {
    if (options_.run.quiet || (!last && Clock::now() - last_progress_ < std::chrono::seconds(10)))
        return;
    last_progress_ = Clock::now();
    const FuzzStats& stats = result_.stats;
    const double elapsed = seconds_since(started_);
    char line[256];
    std::snprintf(
        line, sizeof line,
        "parity fuzz: %.0f s, %llu runs (%.0f/s), %zu findings, %llu divergent, %llu out of domain, "
        "%zu features, %zu queued\n",
        elapsed, static_cast<unsigned long long>(stats.runs),
        elapsed > 0 ? static_cast<double>(stats.runs) / elapsed : 0.0, result_.findings.size(),
        static_cast<unsigned long long>(stats.divergent_runs),
        static_cast<unsigned long long>(stats.out_of_domain), features_.size(), queue_.size());
    log_ << line << std::flush;
}

FuzzResult Search::run() {
    seeds_ = read_seeds(options_, session_.manifest(), result_.stats);
    InputDictionary dictionary;
    for (const auto& seed : seeds_)
        dictionary.add(seed.request.input);
    const Mutator mutator(dictionary, options_.mutator_limits);
    // The corpus's own outputs first: their features are the baseline a mutant must go beyond.
    const std::size_t batch_size = 2 * static_cast<std::size_t>(session_.workers());
    for (std::size_t start = 0; start < std::min<std::size_t>(seeds_.size(), 500); start += batch_size) {
        std::vector<Request> batch;
        for (std::size_t i = start; i < std::min(seeds_.size(), start + batch_size); ++i)
            batch.push_back(seeds_[i].request);
        // With a second run of the reference each: the fields where it differs from itself are noise.
        for (const auto& job : session_.run(batch, false, 1)) {
            features_.add(features_.features_of(job));
            const NoisyPatterns noise = noisy_patterns(job, session_.rules());
            noisy_.insert(noise.begin(), noise.end());
        }
        if (Clock::now() - started_ >= options_.time)
            break;
    }
    started_ = Clock::now();
    while (!should_stop()) {
        std::vector<Mutant> mutants;
        std::vector<Request> batch;
        std::size_t failed_draws = 0;
        while (mutants.size() < batch_size) {
            Mutant mutant = make_mutant(mutator);
            if (mutant.mutations.empty()) {
                // Inputs such as a bare null leave no mutation anything to act on: say so, never spin.
                if (++failed_draws == 10'000)
                    throw std::runtime_error(options_.run.corpus.string() +
                                             ": no mutation applies to the corpus's inputs (10,000 draws)");
                continue;
            }
            batch.push_back(mutant.seed.request);
            mutants.push_back(std::move(mutant));
        }
        std::vector<workers::JobResult> results = session_.run(batch, true);
        for (std::size_t i = 0; i < mutants.size(); ++i) {
            judge(mutants[i], results[i]);
            if (should_stop())
                break;
        }
        progress(false);
    }
    result_.stats.search_s = seconds_since(started_);
    result_.stats.features = features_.size();
    result_.stats.queue = queue_.size();
    result_.noisy = noisy_;
    result_.stats.noisy_patterns.assign(noisy_.begin(), noisy_.end());
    progress(true);
    return std::move(result_);
}

}  // namespace

FuzzResult run_fuzz(const FuzzOptions& options, FuzzSession& session, std::ostream& log) {
    FuzzResult result = Search(options, session, log).run();
    if (options.shrink) {
        const auto started = Clock::now();
        for (auto& finding : result.findings)
            shrink_finding(finding, session, options.shrink_limits, result.noisy, log);
        result.stats.shrink_s = seconds_since(started);
    }
    return result;
}

void shrink_finding(Finding& finding, FuzzSession& session, const ShrinkLimits& limits,
                    const NoisyPatterns& noisy, std::ostream& log) {
    const auto runs_show = [&](const std::vector<Request>& requests) {
        std::vector<bool> keeps;
        for (const auto& job : session.run(requests, true)) {
            keeps.push_back(job.out_of_domain.empty() &&
                            shows(compare_paths(job, session.rules(), noisy), finding.divergence));
        }
        return keeps;
    };
    finding.reproduced = runs_show({finding.original}).front();
    if (!finding.reproduced) {
        log << "parity fuzz: " << finding.id << " (" << finding.divergence.key()
            << ") did not show again when re-run: not shrunk\n";
        return;
    }
    ShrinkLimits batch_limits = limits;
    batch_limits.batch = std::max<std::size_t>(limits.batch, session.workers());
    const ShrinkOutcome outcome = shrink(
        finding.original.input,
        [&](const std::vector<Input>& inputs) {
            std::vector<Request> requests;
            for (const auto& input : inputs)
                requests.push_back(Request{input, finding.original.fixtures});
            return runs_show(requests);
        },
        batch_limits);
    finding.shrunk = true;
    finding.shrink_limited = outcome.limited;
    finding.shrink_tests = outcome.tests;
    finding.request = Request{outcome.input, finding.original.fixtures};
    finding.bytes = python_json_text(finding.request.input).size();
    workers::JobResult job = std::move(session.run({finding.request}, true).front());
    Comparison comparison = compare_paths(job, session.rules(), noisy);
    finding.differences = std::move(comparison.differences);
    finding.result = std::move(job);
    log << "parity fuzz: " << finding.id << " (" << finding.divergence.key() << ") shrunk from "
        << finding.original_bytes << " to " << finding.bytes << " bytes in " << outcome.tests << " runs"
        << (outcome.limited ? " (stopped by the shrink budget)" : "") << "\n";
}

}  // namespace parity::fuzz
