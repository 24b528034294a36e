#include "parity/replay/replay_runner.hpp"

#include <unistd.h>
#include <cstdio>

#include <chrono>
#include <deque>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "parity/diff/diff.hpp"
#include "parity/diff/rules.hpp"
#include "parity/harness/utc_time.hpp"
#include "parity/replay/adapter_modules.hpp"
#include "parity/replay/corpus_digest.hpp"
#include "parity/replay/corpus_integrity.hpp"
#include "parity/replay/corpus_reader.hpp"
#include "parity/replay/environment.hpp"
#include "parity/replay/latency_recorder.hpp"
#include "parity/replay/progress.hpp"
#include "parity/replay/recorded_comparison.hpp"
#include "parity/replay/report_folder.hpp"
#include "parity/replay/repro_bundle.hpp"
#include "parity/replay/written_bounds.hpp"
#include "parity/workers/pool_config.hpp"
#include "parity/workers/worker_pool.hpp"

namespace parity::replay {
namespace {

/// Corpora up to this many requests get one noise run (a second reference run) by default.
constexpr std::uint64_t small_corpus_requests = 10'000;
/// The report lists at most this many crash/timeout/skip outcomes one by one (all are counted).
constexpr std::size_t max_listed_outcomes = 1000;

LatencyOptions latency_options(const ReplayOptions& options) {
    LatencyOptions latency;
    latency.warmup_per_worker = options.warmup;
    latency.bootstrap.resamples = options.bootstrap_resamples;
    latency.bootstrap.seed = options.seed;
    return latency;
}

std::string_view status_name(workers::PathStatus status) {
    switch (status) {
        case workers::PathStatus::ok:
            return "ok";
        case workers::PathStatus::error:
            return "error";
        case workers::PathStatus::crash:
            return "crash";
        case workers::PathStatus::timeout:
            return "timeout";
        case workers::PathStatus::unavailable:
            return "unavailable";
    }
    return "unknown";
}

bool ran(const workers::PathResult& path) {
    return path.status == workers::PathStatus::ok || path.status == workers::PathStatus::error;
}

/// The path killed its worker or ran past --timeout.
bool is_failure(const workers::PathResult& path) {
    return path.status == workers::PathStatus::crash || path.status == workers::PathStatus::timeout;
}

/// This process's peak resident set since it was executed: VmHWM of /proc/self/status, whose memory map
/// began at execve. Not getrusage's ru_maxrss, which execve keeps: a parity started by a large process
/// (a test runner at 240 MB) would report that process's size as its own.
std::int64_t peak_resident_set_bytes() {
    std::FILE* status = std::fopen("/proc/self/status", "r");
    if (status == nullptr)
        return 0;
    char line[256];
    long long kilobytes = 0;
    while (std::fgets(line, sizeof line, status) != nullptr) {
        if (std::sscanf(line, "VmHWM: %lld kB", &kilobytes) == 1)
            break;
    }
    std::fclose(status);
    return static_cast<std::int64_t>(kilobytes) * 1024;
}

diff::Outcome to_outcome(const workers::PathResult& path) {
    if (path.status == workers::PathStatus::error) {
        return diff::Outcome{true, path.value};
    }
    return diff::Outcome{false, path.value};
}

/// A path's outcome as stored in a repro bundle.
nlohmann::json outcome_json(const workers::PathResult& path) {
    switch (path.status) {
        case workers::PathStatus::ok:
            return {{"output", path.value}};
        case workers::PathStatus::error:
            return {{"error", path.value}};
        default:
            return {{std::string(status_name(path.status)), path.detail}};
    }
}

nlohmann::json path_timing(const workers::PathResult& path) {
    nlohmann::json timing = {{"status", status_name(path.status)},
                             {"wall_ns", path.wall_ns},
                             {"cpu_ns", path.cpu_ns},
                             {"process_cpu_ns", path.process_cpu_ns},
                             {"rss_delta_bytes", path.rss_delta_bytes}};
    if (!path.stages.empty()) {
        nlohmann::json stages = nlohmann::json::array();  // [name, seconds] pairs, in the adapter's order
        for (const auto& stage : path.stages)
            stages.push_back(nlohmann::json::array({stage.name, stage.seconds}));
        timing["stages"] = std::move(stages);
    }
    return timing;
}

/// Parses the input of a corpus line for display in examples (never fails: the line was validated).
nlohmann::json input_of(const std::string& line) {
    auto request = nlohmann::json::parse(line, nullptr, false);  // the parser does not recurse
    // Moved, not copied: nlohmann's copy recurses, and an input may be deep.
    return request.is_object() && request.contains("input") ? std::move(request["input"]) : nlohmann::json();
}

class Replay {
  public:
    Replay(const ReplayOptions& options, std::ostream& log)
        : options_(options), log_(log), latency_(latency_options(options)) {}

    ReplayResult run();

  private:
    /// One run of one request on one lane: the job of its worker (reference and candidate) and, with a
    /// baseline, the job of the lane's baseline worker, one after the other in random order.
    struct InFlight {
        CorpusRequest request;
        bool candidate_first = false;
        bool timing_only = false;  // a --repeat run: timed, not compared again
        int lane = 0;
        bool baseline_first = false;
        std::optional<workers::JobResult> job;        // reference and candidate, once back
        std::optional<workers::PathResult> baseline;  // the baseline worker's run, once back
        std::optional<workers::Job> waiting;          // the part not yet submitted
    };

    void start_pool();
    /// The next request run to start: a --repeat run, else the next request of the selection.
    std::optional<std::pair<workers::Job, InFlight>> next_run();
    void fill_lanes();
    void start_run(int lane, workers::Job job, InFlight flight);
    void on_job(workers::JobResult job);
    void handle(const InFlight& flight, const workers::JobResult& job);
    void compare(const InFlight& flight, const workers::JobResult& job);
    void compare_baseline(const InFlight& flight, const workers::JobResult& job);
    [[nodiscard]] bool has_baseline() const {
        return result_.baseline.has_value();
    }
    /// Every pattern differed between two reference runs too: a difference there is not the port's.
    [[nodiscard]] bool only_noise(const std::set<std::string>& patterns) const {
        return std::all_of(patterns.begin(), patterns.end(),
                           [&](const std::string& p) { return noisy_patterns_.contains(p); });
    }
    void handle_repeat(const InFlight& flight, const workers::JobResult& job);
    bool record_failure(const CorpusRequest& request, const workers::JobResult& job,
                        const workers::PathResult& path, const std::string& note);
    void record_outcome(const CorpusRequest& request, RequestOutcome outcome, std::string path,
                        std::string detail, std::string repro = {});
    void list_outcome(OutcomeRecord record);
    void skip(const CorpusLineError& error);
    std::string bundle(const CorpusRequest& request, const workers::JobResult& job,
                       const std::vector<diff::Difference>& differences);
    void log_result(const InFlight& flight, const workers::JobResult& job, RequestOutcome outcome,
                    std::size_t differences, bool timed);
    void finish();
    void warn_about_load(const Environment& environment);
    void check_before_start() const;
    void announce_adapters() const;
    void note_corpus_problems();
    void check_recorded(const CorpusRequest& request, const diff::Outcome& reference,
                        const workers::PathResult& candidate);
    void finish_recorded();

    const ReplayOptions& options_;
    std::ostream& log_;
    ReplayResult result_;
    diff::Rules rules_;
    std::unique_ptr<workers::WorkerPool> pool_;
    std::optional<CorpusReader> reader_;
    bool reader_done_ = false;
    std::uint64_t valid_ordinal_ = 0;  // valid requests seen, for --shard
    std::uint64_t sequence_ = 0;
    std::deque<std::pair<workers::Job, CorpusRequest>> repeats_;
    std::map<std::uint64_t, InFlight> in_flight_;        // by the run's job sequence
    std::map<std::uint64_t, std::uint64_t> run_of_job_;  // job sequence (either part) -> run
    std::vector<bool> lane_busy_;                        // a run is in flight on lane i
    LatencyRecorder latency_;
    StageProblems stage_problems_;         // what the adapters' stages() returned that could not be used
    std::set<std::string> failed_places_;  // crashed or timed out already (a repeat may fail again)
    std::mt19937_64 order_rng_;
    std::bernoulli_distribution coin_{0.5};
    FieldAggregator port_fields_{3};
    FieldAggregator noise_fields_{3};
    std::set<std::string> noisy_patterns_;
    // Requests with differences, and their patterns: a request counts as mismatched unless every one
    // of its patterns turns out nondeterministic, which is only known at the end.
    // Keyed by the request's place (file:line), unique where ids may not be.
    struct Differing {
        std::string id;
        std::string place;
        std::set<std::string> patterns;
    };
    std::vector<Differing> differing_;
    // Candidate vs baseline: requests both ran, and those that differed (counted at the end, as above).
    std::uint64_t baseline_ran_ = 0;
    std::vector<Differing> baseline_differing_;
    FieldAggregator baseline_fields_{3};
    std::map<std::string, std::string> bundles_;  // request place -> repro folder
    std::ofstream results_log_;
    std::unique_ptr<Progress> progress_;
    std::uint64_t done_ = 0;
    std::uint64_t problems_ = 0;
    bool reference_unavailable_ = false;
    bool candidate_unavailable_ = false;
    std::string reference_problem_;
    std::string candidate_problem_;
    bool limit_cut_reading_ = false;  // --limit stopped the reading before the corpus's end
    // Replayed outcomes against the recorded ones (reference drift); counted like differing_ at the end.
    RecordedComparison recorded_;
    FieldAggregator drift_fields_{3};
    FieldAggregator candidate_recorded_fields_{3};
    // Pattern sets of the requests differing from the recording, with how many requests had each: memory
    // grows with the distinct sets, not with the corpus.
    std::map<std::set<std::string>, std::uint64_t> drifting_;
    std::map<std::set<std::string>, std::uint64_t> candidate_recorded_differing_;
};

ReplayResult Replay::run() {
    const auto started = std::chrono::steady_clock::now();
    result_.options = options_;
    result_.started = harness::utc_timestamp();
    result_.manifest = Manifest::load(options_.corpus);
    result_.corpus_digest = corpus_digest(options_.corpus, result_.manifest);
    result_.reference = options_.reference.value_or(result_.manifest.reference);
    result_.candidate = options_.candidate.value_or(result_.manifest.candidate);
    check_before_start();
    if (result_.reference == result_.candidate) {
        LatencyOptions aa = latency_options(options_);
        aa.aa = true;  // the same code on both paths: the report shows this host's noise floor
        latency_ = LatencyRecorder(aa);
    }
    result_.noise_runs =
        options_.noise_runs.value_or(result_.manifest.count <= small_corpus_requests ? 1 : 0);
    Environment environment = capture_environment(result_.manifest.service_version);
    environment.workers_python = workers::python_argument(options_.python_executable);
    const double timer_overhead = timer_overhead_ns();
    if (options_.rules_file) {
        rules_ = diff::Rules::load(*options_.rules_file);
    }
    recorded_ = RecordedComparison(result_.manifest.recorder, rules_,
                                   (options_.corpus / Manifest::file_name).string());
    result_.recorded_ignored = recorded_.ignored();
    for (auto& warning : recorded_.warnings())
        result_.warnings.push_back(std::move(warning));
    std::filesystem::path corpus_folder = std::filesystem::absolute(options_.corpus).lexically_normal();
    if (corpus_folder.filename().empty())
        corpus_folder = corpus_folder.parent_path();  // "corpora/x/" names x too
    result_.out =
        options_.out.value_or(harness::timestamped_report_folder(corpus_folder.filename().string()));
    prepare_report_folder(result_.out, "parity replay", log_);
    results_log_.open(result_.out / "results.jsonl", std::ios::binary | std::ios::trunc);
    port_fields_ = FieldAggregator(options_.examples_per_field);
    baseline_fields_ = FieldAggregator(options_.examples_per_field);
    if (options_.baseline) {
        BaselineResult baseline;
        baseline.adapter = *options_.baseline;
        for (const auto& folder : options_.baseline_path)
            baseline.python_path.push_back(std::filesystem::absolute(folder).lexically_normal().string());
        result_.baseline = std::move(baseline);
    }
    noise_fields_ = FieldAggregator(options_.examples_per_field);
    drift_fields_ = FieldAggregator(options_.examples_per_field);
    candidate_recorded_fields_ = FieldAggregator(options_.examples_per_field);
    order_rng_.seed(options_.seed);

    announce_adapters();
    start_pool();
    std::uint64_t expected = result_.manifest.count / options_.shard.count;
    if (options_.limit)
        expected = std::min(expected, *options_.limit);
    if (options_.request_id)
        expected = 1;
    progress_ = std::make_unique<Progress>(
        log_, expected, options_.progress_bar && isatty(STDERR_FILENO) != 0, !options_.quiet);

    while (true) {
        fill_lanes();
        if (pool_->in_flight() == 0) {
            if (reader_done_ && repeats_.empty())
                break;
            continue;
        }
        on_job(pool_->wait_next());
        progress_->update(done_, problems_);
    }
    pool_.reset();  // stop the workers before writing the summary
    progress_->finish(done_, problems_);
    finish();
    note_corpus_problems();
    note_end_load(environment);
    warn_about_load(environment);
    // The stages' warnings first, so that latency.warnings (what report.md shows) holds them too.
    for (auto& warning : stage_problems_.warnings())
        result_.warnings.push_back(std::move(warning));
    result_.stages = latency_.stages(options_.ported_stage, result_.warnings);
    result_.latency = latency_.latency(timer_overhead, options_.repeat, result_.warnings);
    result_.memory = latency_.memory();
    // The replaying process itself: streaming, so it must not grow with the corpus.
    result_.memory.parity_peak_rss_bytes = peak_resident_set_bytes();
    result_.environment = environment;
    result_.finished = harness::utc_timestamp();
    result_.duration_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return std::move(result_);
}

void Replay::warn_about_load(const Environment& environment) {
    // Load above the core count means runnable processes waited for a CPU during the replay.
    for (const auto& [when, load] : {std::pair{"start", environment.load_average_start[0]},
                                     std::pair{"end", environment.load_average_end[0]}}) {
        if (environment.cores > 0 && load > static_cast<double>(environment.cores)) {
            char text[160];
            std::snprintf(text, sizeof text, "load average %.1f at %s on %u cores: timings are noisy", load,
                          when, environment.cores);
            result_.warnings.emplace_back(text);
        }
    }
}

void Replay::start_pool() {
    workers::PoolConfig config;
    config.reference_adapter = result_.reference;
    config.candidate_adapter = result_.candidate;
    config.fixtures_dir = options_.corpus / "fixtures";
    config.python_path = options_.python_path;
    config.python_path.insert(config.python_path.end(), options_.default_python_path.begin(),
                              options_.default_python_path.end());
    config.workers = std::max(1u, options_.jobs);
    config.timeout = options_.timeout;
    config.pin_cpus = options_.pin_cpus;
    config.trace_python_memory = options_.trace_python_memory;
    config.python_executable = options_.python_executable;
    config.max_output_depth = options_.max_output_depth;
    config.max_output_bytes = options_.max_output_bytes;
    if (has_baseline()) {
        config.baseline_adapter = result_.baseline->adapter;
        config.baseline_python_path.assign(result_.baseline->python_path.begin(),
                                           result_.baseline->python_path.end());
    }
    pool_ = std::make_unique<workers::WorkerPool>(config);
    lane_busy_.assign(pool_->workers(), false);
    if (has_baseline()) {
        for (const auto& problem : pool_->baseline_adapter_problems()) {
            // The baseline worker sets the reference up and runs it too (so that both workers hold the same
            // state and do the same work); only its candidate, the baseline, is compared and reported.
            const bool baseline = problem.path == workers::PathName::candidate;
            result_.baseline->problems.push_back(
                std::string(baseline ? "baseline adapter " : "reference adapter ") + problem.adapter +
                " (in the baseline's workers): " + problem.message);
        }
    }

    FixtureCatalog catalog = FixtureCatalog::scan(options_.corpus);
    for (const auto& problem : pool_->fixture_problems()) {
        catalog.mark_unusable(problem.fixture_id, problem.message);
        result_.fixture_problems.push_back(problem.message);
    }
    for (const auto& problem : pool_->adapter_problems()) {
        const bool reference = problem.path == workers::PathName::reference;
        (reference ? reference_unavailable_ : candidate_unavailable_) = true;
        (reference ? reference_problem_ : candidate_problem_) = problem.message;
        result_.adapter_problems.push_back(std::string(reference ? "reference" : "candidate") + " adapter " +
                                           problem.adapter + ": " + problem.message);
    }
    reader_.emplace(options_.corpus, result_.manifest, std::move(catalog));
}

std::optional<std::pair<workers::Job, Replay::InFlight>> Replay::next_run() {
    if (!repeats_.empty()) {
        auto [job, request] = std::move(repeats_.front());
        repeats_.pop_front();
        InFlight flight;
        flight.request = std::move(request);
        flight.candidate_first = job.candidate_first;
        flight.timing_only = true;
        return std::pair{std::move(job), std::move(flight)};
    }
    while (!reader_done_) {
        if (options_.limit && result_.summary.requests >= *options_.limit) {  // bad lines count too
            reader_done_ = true;
            limit_cut_reading_ = reader_->next().has_value();  // anything left is not replayed
            return std::nullopt;
        }
        std::optional<CorpusEntry> entry = reader_->next();
        if (!entry) {
            reader_done_ = true;
            return std::nullopt;
        }
        if (auto* error = std::get_if<CorpusLineError>(&*entry)) {
            skip(*error);
            continue;
        }
        auto& request = std::get<CorpusRequest>(*entry);
        if (options_.request_id && request.id != *options_.request_id)
            continue;
        if (!options_.shard.owns(valid_ordinal_++))
            continue;

        ++result_.summary.requests;
        if (reference_unavailable_) {
            // Nothing to compare against; every request is reported as skipped, with the reason.
            ++result_.summary.skipped;  // every request is counted under one outcome
            record_outcome(request, RequestOutcome::skipped, "reference",
                           "reference adapter unavailable: " + reference_problem_);
            ++done_;
            continue;
        }
        for (std::size_t run = 1; run < options_.repeat; ++run) {
            repeats_.emplace_back(workers::Job{sequence_++, request.line, coin_(order_rng_), 0}, request);
        }
        const bool candidate_first = coin_(order_rng_);
        workers::Job job{sequence_++, request.line, candidate_first, result_.noise_runs};
        InFlight flight;
        flight.request = std::move(request);
        flight.candidate_first = candidate_first;
        return std::pair{std::move(job), std::move(flight)};
    }
    return std::nullopt;
}

/// Starts a run on every lane with nothing in flight. A lane is a worker and, with a baseline, its
/// baseline worker: they share a CPU when pinned, so a lane runs one thing at a time.
void Replay::fill_lanes() {
    for (int lane = 0; lane < static_cast<int>(lane_busy_.size()); ++lane) {
        if (lane_busy_[static_cast<std::size_t>(lane)])
            continue;
        auto run = next_run();
        if (!run)
            return;
        start_run(lane, std::move(run->first), std::move(run->second));
    }
}

void Replay::start_run(int lane, workers::Job job, InFlight flight) {
    flight.lane = lane;
    const std::uint64_t run = job.sequence;
    run_of_job_[run] = run;
    lane_busy_[static_cast<std::size_t>(lane)] = true;
    if (!has_baseline()) {
        pool_->submit_to(lane, std::move(job));
        in_flight_.emplace(run, std::move(flight));
        return;
    }
    // The baseline worker runs the reference too (and its noise runs), in the same order as the worker does,
    // so that the candidate and the baseline run in the same conditions: after the same work in their own
    // process or in the other one (a baseline that ran alone measured about 2 % faster than the same code as
    // the candidate: bench/LOG.md, 2026-12-07). Which of the two jobs goes first is random per run.
    workers::Job baseline{sequence_++, job.request_line, job.candidate_first, job.noise_runs};
    run_of_job_[baseline.sequence] = run;
    flight.baseline_first = coin_(order_rng_);
    const int baseline_worker = static_cast<int>(pool_->workers()) + lane;
    if (flight.baseline_first) {
        pool_->submit_to(baseline_worker, std::move(baseline));
        flight.waiting = std::move(job);
    } else {
        pool_->submit_to(lane, std::move(job));
        flight.waiting = std::move(baseline);
    }
    in_flight_.emplace(run, std::move(flight));
}

/// A job is back: submits the run's other part on the same lane, or handles the finished run.
void Replay::on_job(workers::JobResult job) {
    const auto part = run_of_job_.find(job.sequence);
    if (part == run_of_job_.end()) {
        throw std::logic_error("worker returned an unknown job " + std::to_string(job.sequence));
    }
    const std::uint64_t run = part->second;
    run_of_job_.erase(part);
    InFlight& flight = in_flight_.at(run);
    const int workers = static_cast<int>(pool_->workers());
    if (job.worker_id >= workers) {
        flight.baseline = std::move(job.candidate);
    } else {
        flight.job = std::move(job);
    }
    if (flight.waiting) {
        workers::Job next = std::move(*flight.waiting);
        flight.waiting.reset();
        pool_->submit_to(flight.job ? workers + flight.lane : flight.lane, std::move(next));
        return;
    }
    lane_busy_[static_cast<std::size_t>(flight.lane)] = false;
    const InFlight done = std::move(flight);
    in_flight_.erase(run);
    handle(done, *done.job);
}

void Replay::skip(const CorpusLineError& error) {
    // A bad line cannot be attributed to a shard by its position among valid requests; shard 1 reports it.
    if (options_.shard.index != 1 || options_.request_id)
        return;
    ++result_.summary.requests;
    ++result_.summary.skipped;
    ++done_;
    list_outcome(OutcomeRecord{"", RequestOutcome::skipped, "", error.to_string(), ""});
    log_ << "parity: skipped " << error.to_string() << '\n';
}

void Replay::handle(const InFlight& flight, const workers::JobResult& job) {
    latency_.note_worker_rss(job.worker_id, job.worker_rss_bytes);
    count_output_bounds(job, result_.limit_hits);
    for (const auto* path : {&job.reference, &job.candidate}) {
        if (!path->stages_problem.empty())
            stage_problems_.add(path->stages_problem);
    }
    if (flight.timing_only) {
        handle_repeat(flight, job);
        return;
    }
    const CorpusRequest& request = flight.request;
    ++done_;
    result_.summary.conversion_notes += job.reference.notes.size() + job.candidate.notes.size();

    for (const auto* path : {&job.reference, &job.candidate}) {
        if (is_failure(*path)) {
            record_failure(request, job, *path, "");
            const bool crash = path->status == workers::PathStatus::crash;
            log_result(flight, job, crash ? RequestOutcome::crash : RequestOutcome::timeout, 0, false);
            return;
        }
    }
    if (job.reference.status == workers::PathStatus::unavailable) {
        ++result_.summary.skipped;
        record_outcome(request, RequestOutcome::skipped, "reference", job.reference.detail);
        log_result(flight, job, RequestOutcome::skipped, 0, false);
        return;
    }
    if (job.candidate.status == workers::PathStatus::unavailable) {
        ++result_.summary.candidate_unavailable;
        ++problems_;
        record_outcome(request, RequestOutcome::candidate_unavailable, "candidate", job.candidate.detail);
        result_.requests_with_differences.push_back(request.id);
        log_result(flight, job, RequestOutcome::candidate_unavailable, 0, false);
        return;
    }
    compare(flight, job);
}

void Replay::handle_repeat(const InFlight& flight, const workers::JobResult& job) {
    if (ran(job.reference) && ran(job.candidate)) {
        const bool timed = latency_.add(job.worker_id, job.reference, job.candidate, flight.baseline);
        log_result(flight, job, RequestOutcome::matched, 0, timed);
        return;
    }
    for (const auto* path : {&job.reference, &job.candidate}) {
        if (is_failure(*path)) {
            // A request that failed only when repeated for timing is still a failing request.
            record_failure(flight.request, job, *path, " (in a --repeat run)");
        }
    }
}

/// Counts a crash or timeout once per request, however many of its runs (first or --repeat) fail,
/// lists it with a repro bundle, and names the request as failing. False if it was already counted.
bool Replay::record_failure(const CorpusRequest& request, const workers::JobResult& job,
                            const workers::PathResult& path, const std::string& note) {
    if (!failed_places_.insert(request.place()).second) {
        return false;
    }
    const bool crash = path.status == workers::PathStatus::crash;
    ++(crash ? result_.summary.crashes : result_.summary.timeouts);
    ++problems_;
    record_outcome(request, crash ? RequestOutcome::crash : RequestOutcome::timeout,
                   &path == &job.reference ? "reference" : "candidate", path.detail + note,
                   bundle(request, job, {}));
    result_.requests_with_differences.push_back(request.id);
    return true;
}

void Replay::compare(const InFlight& flight, const workers::JobResult& job) {
    const CorpusRequest& request = flight.request;
    ++result_.summary.compared;
    const bool timed = latency_.add(job.worker_id, job.reference, job.candidate, flight.baseline);
    if (job.reference.status == workers::PathStatus::error)
        ++result_.summary.reference_errors;
    if (job.candidate.status == workers::PathStatus::error)
        ++result_.summary.candidate_errors;

    const diff::Outcome reference = to_outcome(job.reference);
    // Noise: what differs between two runs of the reference is not the port's doing.
    for (const auto& noise : job.noise) {
        if (!ran(noise))
            continue;
        auto noisy = diff::diff_outcomes(reference, to_outcome(noise), rules_);
        if (!noisy.empty()) {
            bound_for_writing(noisy, options_, result_.limit_hits);
            noise_fields_.add(request.id, noisy, nlohmann::json(), "");
            for (const auto& pattern : patterns_of(noisy))
                noisy_patterns_.insert(pattern);
        }
    }
    check_recorded(request, reference, job.candidate);
    compare_baseline(flight, job);
    auto differences = diff::diff_outcomes(reference, to_outcome(job.candidate), rules_);
    if (differences.empty()) {
        log_result(flight, job, RequestOutcome::matched, 0, timed);
        return;
    }
    ++problems_;
    bound_for_writing(differences, options_, result_.limit_hits);
    const std::string repro = bundle(request, job, differences);
    port_fields_.add(request.id, differences,
                     bounded_for_writing(input_of(request.line), options_, result_.limit_hits), repro);
    differing_.push_back(Differing{request.id, request.place(), patterns_of(differences)});
    log_result(flight, job, RequestOutcome::mismatched, differences.size(), timed);
}

/// The candidate against the baseline, on a compared request: same outputs, same errors. A baseline that
/// crashed or timed out where the candidate ran is counted (and named in baseline.problems), not diffed.
void Replay::compare_baseline(const InFlight& flight, const workers::JobResult& job) {
    if (!has_baseline() || !flight.baseline)
        return;
    BaselineResult& baseline = *result_.baseline;
    BaselineSummary& counts = baseline.summary;
    ++counts.compared;
    const workers::PathResult& path = *flight.baseline;
    const CorpusRequest& request = flight.request;
    if (!ran(path)) {
        ++(path.status == workers::PathStatus::crash     ? counts.crashes
           : path.status == workers::PathStatus::timeout ? counts.timeouts
                                                         : counts.unavailable);
        // Unavailable everywhere is one adapter problem, already listed; a crash or timeout is the request's.
        if (path.status != workers::PathStatus::unavailable &&
            baseline.problems.size() < max_listed_outcomes) {
            baseline.problems.push_back(request.place() + ": baseline " +
                                        std::string(status_name(path.status)) + ": " + path.detail);
        }
        baseline.requests_with_differences.push_back(request.id);
        return;
    }
    ++baseline_ran_;
    auto differences = diff::diff_outcomes(to_outcome(path), to_outcome(job.candidate), rules_);
    if (differences.empty())
        return;
    bound_for_writing(differences, options_, result_.limit_hits);
    baseline_fields_.add(request.id, differences,
                         bounded_for_writing(input_of(request.line), options_, result_.limit_hits), "");
    baseline_differing_.push_back(Differing{request.id, request.place(), patterns_of(differences)});
}

/// Both replayed outcomes against the one recorded in production, when the line carries one.
void Replay::check_recorded(const CorpusRequest& request, const diff::Outcome& reference,
                            const workers::PathResult& candidate) {
    const auto line = nlohmann::json::parse(request.line, nullptr, false);
    const std::optional<diff::Outcome> recorded = recorded_outcome(line);
    if (!recorded)
        return;
    ++result_.summary.recorded_checked;
    const nlohmann::json none;
    const nlohmann::json& input = line.contains("input") ? line.at("input") : none;
    const diff::Outcome candidate_outcome = to_outcome(candidate);
    const auto check = [&](const diff::Outcome& replayed, FieldAggregator& fields,
                           std::map<std::set<std::string>, std::uint64_t>& differing) {
        auto differences = recorded_.diff(*recorded, replayed);
        if (differences.empty())
            return;
        bound_for_writing(differences, options_, result_.limit_hits);
        fields.add(request.id, differences, bounded_for_writing(input, options_, result_.limit_hits), "");
        ++differing[patterns_of(differences)];
    };
    check(reference, drift_fields_, drifting_);
    check(candidate_outcome, candidate_recorded_fields_, candidate_recorded_differing_);
}

std::string Replay::bundle(const CorpusRequest& request, const workers::JobResult& job,
                           const std::vector<diff::Difference>& differences) {
    ReproContent content{request.id,
                         request.line,
                         request.fixtures,
                         outcome_json(job.reference),
                         outcome_json(job.candidate),
                         differences,
                         request.place()};
    content.origin =
        bundle_origin(options_.corpus, result_.reference, result_.candidate, options_.rules_file);
    bound_bundle(content, request.place(), options_, result_.limit_hits);
    const std::string folder = write_repro_bundle(
        result_.out, content, rerun_command(options_, result_.reference, result_.candidate, request.id));
    bundles_[request.place()] = folder;
    return folder;
}

void Replay::record_outcome(const CorpusRequest& request, RequestOutcome outcome, std::string path,
                            std::string detail, std::string repro) {
    list_outcome(OutcomeRecord{request.id, outcome, std::move(path),
                               request.file + ":" + std::to_string(request.line_number) + ": " + detail,
                               std::move(repro)});
}

/// Every outcome is counted; the report lists the first max_listed_outcomes one by one.
void Replay::list_outcome(OutcomeRecord record) {
    if (result_.outcomes.size() >= max_listed_outcomes) {
        ++result_.outcomes_not_listed;
        return;
    }
    result_.outcomes.push_back(std::move(record));
}

void Replay::log_result(const InFlight& flight, const workers::JobResult& job, RequestOutcome outcome,
                        std::size_t differences, bool timed) {
    nlohmann::json line = {{"id", flight.request.id},
                           {"outcome", std::string(to_string(outcome))},
                           {"differences", differences},
                           {"order", flight.candidate_first ? "candidate_first" : "reference_first"},
                           {"reference", path_timing(job.reference)},
                           {"candidate", path_timing(job.candidate)},
                           {"worker", job.worker_id},
                           {"worker_rss_bytes", job.worker_rss_bytes}};
    nlohmann::json notes = nlohmann::json::array();  // values the conversion had to tag, with where they are
    for (const auto* path : {&job.reference, &job.candidate}) {
        for (const auto& note : path->notes) {
            notes.push_back({{"path", path == &job.reference ? "reference" : "candidate"},
                             {"pointer", note.pointer},
                             {"message", note.message}});
        }
    }
    if (!notes.empty())
        line["conversion_notes"] = std::move(notes);
    if (flight.baseline) {
        line["baseline"] = path_timing(*flight.baseline);
        line["baseline_order"] = flight.baseline_first ? "baseline_first" : "baseline_last";
    }
    line["timed"] = timed;  // a latency sample (not a warm-up, both paths ran)
    if (flight.timing_only)
        line["repeat"] = true;  // a timing-only run: its outcome was taken from the first run
    results_log_ << line.dump() << '\n';
}

void Replay::finish() {
    // A request whose every differing pattern also differed between reference runs is not a port mismatch.
    for (const auto& differing : differing_) {
        if (only_noise(differing.patterns)) {
            ++result_.summary.matched;
            if (const auto folder = bundles_.find(differing.place); folder != bundles_.end()) {
                std::filesystem::remove_all(result_.out / folder->second);
            }
        } else {
            ++result_.summary.mismatched;
            result_.requests_with_differences.push_back(differing.id);
        }
    }
    result_.summary.matched += result_.summary.compared - differing_.size();
    if (has_baseline()) {
        BaselineResult& baseline = *result_.baseline;
        for (const auto& differing : baseline_differing_) {
            if (!only_noise(differing.patterns)) {
                ++baseline.summary.mismatched;
                baseline.requests_with_differences.push_back(differing.id);
            }
        }
        baseline.summary.matched = baseline_ran_ - baseline.summary.mismatched;
        baseline.fields = baseline_fields_.sorted(noisy_patterns_, false);
        std::sort(baseline.requests_with_differences.begin(), baseline.requests_with_differences.end());
    }
    result_.fields = port_fields_.sorted(noisy_patterns_, false);
    result_.nondeterministic = noise_fields_.sorted({}, false);
    result_.noisy_candidate_fields = port_fields_.sorted(noisy_patterns_, true);
    result_.summary.nondeterministic_fields = noisy_patterns_.size();
    std::sort(result_.requests_with_differences.begin(), result_.requests_with_differences.end());
    finish_recorded();
    if (const std::string capped = limits_warning(limits_report(options_, result_.limit_hits));
        !capped.empty())
        result_.warnings.push_back(capped);
    std::error_code ignored;
    if (std::filesystem::is_empty(result_.out / "repro", ignored)) {
        std::filesystem::remove(result_.out / "repro", ignored);
    }
}

/// What must hold before anything is imported or written: the adapters inside --allow-modules, every
/// listed segment readable (unless --allow-incomplete), and an --id naming one request only.
void Replay::check_before_start() const {
    for (const auto& [role, spec, given] :
         {std::tuple{"reference", result_.reference, options_.reference.has_value()},
          std::tuple{"candidate", result_.candidate, options_.candidate.has_value()}}) {
        check_adapter_allowed(role, spec, given ? "--" + std::string(role) : std::string(Manifest::file_name),
                              options_.allowed_modules);
    }
    if (options_.baseline)
        check_adapter_allowed("baseline", *options_.baseline, "--baseline", options_.allowed_modules);
    if (const auto unreadable = unreadable_segments(options_.corpus, result_.manifest);
        !unreadable.empty() && !options_.allow_incomplete) {
        std::string named;
        for (const auto& problem : unreadable) {
            named += (named.empty() ? "" : "; ") + problem;
        }
        throw CorpusIntegrityError(
            options_.corpus.string() + ": the corpus is incomplete: " + named +
            ". Nothing was replayed; --allow-incomplete replays the rest and marks the "
            "report incomplete");
    }
    if (options_.request_id) {
        const auto places = places_of_request(options_.corpus, result_.manifest, *options_.request_id);
        if (places.size() > 1) {
            std::string named;
            for (const auto& place : places) {
                named += (named.empty() ? "" : ", ") + place;
            }
            throw CorpusIntegrityError(options_.corpus.string() + ": --id " + *options_.request_id +
                                       " is ambiguous: " + std::to_string(places.size()) +
                                       " requests of the corpus have it (" + named +
                                       "). Nothing was replayed");
        }
    }
}

/// A corpus names code to run: say which before any of it is imported.
void Replay::announce_adapters() const {
    log_ << "parity: importing the adapters' modules (their top-level code runs; replay only corpora from a "
            "trusted source):\n";
    for (const auto& [role, spec, given] :
         {std::tuple{"reference", result_.reference, options_.reference.has_value()},
          std::tuple{"candidate", result_.candidate, options_.candidate.has_value()}}) {
        log_ << "  " << role << "  " << adapter_module(spec) << "  (" << spec << ", from "
             << (given ? "--" + std::string(role) : std::string(Manifest::file_name)) << ")\n";
    }
    if (has_baseline()) {
        std::string folders;
        for (const auto& folder : result_.baseline->python_path)
            folders += ", " + folder;
        log_ << "  baseline   " << adapter_module(result_.baseline->adapter) << "  ("
             << result_.baseline->adapter << ", from --baseline, in workers of its own"
             << (folders.empty() ? "" : ", first on sys.path: ") << (folders.empty() ? "" : folders.substr(2))
             << ")\n";
    }
}

/// corpus.problems: why this report's evidence is partial. A --limit that stopped early or an --id
/// replays part of the corpus by request; everything else is the corpus disagreeing with itself.
void Replay::note_corpus_problems() {
    auto& problems = result_.corpus_problems;
    if (options_.request_id) {
        problems.push_back("--id " + *options_.request_id + ": a partial replay of one request");
    } else if (limit_cut_reading_) {
        problems.push_back("--limit " + std::to_string(*options_.limit) +
                           ": a partial replay; the corpus holds more request lines, not read or checked");
    }
    for (auto& problem : reader_->problems()) {
        problems.push_back(std::move(problem));
    }
    for (auto& problem : unlisted_segments(options_.corpus, result_.manifest)) {
        problems.push_back(std::move(problem));
    }
    for (const auto& problem : problems) {
        log_ << "parity: warning: corpus incomplete: " << problem << '\n';
    }
}

/// As for port mismatches, a request differing from the recording only at nondeterministic patterns
/// does not count, and those patterns are left out of the field lists.
void Replay::finish_recorded() {
    const auto count = [&](const std::map<std::set<std::string>, std::uint64_t>& differing) {
        std::uint64_t requests = 0;
        for (const auto& [patterns, times] : differing) {
            requests += only_noise(patterns) ? 0 : times;
        }
        return requests;
    };
    result_.summary.reference_drift = count(drifting_);
    result_.summary.candidate_vs_recorded = count(candidate_recorded_differing_);
    result_.reference_drift = drift_fields_.sorted(noisy_patterns_, false);
    result_.candidate_vs_recorded = candidate_recorded_fields_.sorted(noisy_patterns_, false);
}

}  // namespace

ReplayResult run_replay(const ReplayOptions& options, std::ostream& log) {
    return Replay(options, log).run();
}

}  // namespace parity::replay
