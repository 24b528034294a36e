#include "parity/fuzz/fuzz_session.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "parity/replay/adapter_modules.hpp"

namespace parity::fuzz {

std::string request_line(const std::string& id, const std::string& kernel,
                         const std::vector<std::string>& fixtures, const std::string& input_text) {
    return R"({"id":)" + nlohmann::json(id).dump() + R"(,"kernel":)" + nlohmann::json(kernel).dump() +
           R"(,"fixtures":)" + nlohmann::json(fixtures).dump() + R"(,"input":)" + input_text + "}";
}

std::string request_line(const std::string& id, const std::string& kernel, const Request& request) {
    return request_line(id, kernel, request.fixtures, python_json_text(request.input));
}

FuzzSession::FuzzSession(const RunOptions& options, std::uint64_t seed) : order_rng_(seed ^ 0x6f72646572ULL) {
    manifest_ = replay::Manifest::load(options.corpus);
    if (options.rules_file) {
        rules_ = diff::Rules::load(*options.rules_file);
    }
    reference_ = options.reference.value_or(manifest_.reference);
    candidate_ = options.candidate.value_or(manifest_.candidate);
    replay::check_adapter_allowed("reference", reference_,
                                  options.reference ? "--reference" : "manifest.json",
                                  options.allowed_modules);
    replay::check_adapter_allowed("candidate", candidate_,
                                  options.candidate ? "--candidate" : "manifest.json",
                                  options.allowed_modules);
    workers::PoolConfig config;
    config.reference_adapter = reference_;
    config.candidate_adapter = candidate_;
    config.fixtures_dir = options.corpus / "fixtures";
    config.python_path = options.python_path;
    config.python_path.insert(config.python_path.end(), options.default_python_path.begin(),
                              options.default_python_path.end());
    config.workers = std::max(1u, options.jobs);
    config.timeout = options.timeout;
    config.python_executable = options.python_executable;
    workers_ = config.workers;
    pool_ = std::make_unique<workers::WorkerPool>(config);
    std::string problems;
    for (const auto& problem : pool_->adapter_problems()) {
        problems += "\n  " + std::string(workers::to_string(problem.path)) + " adapter " + problem.adapter +
                    ": " + problem.message;
    }
    if (!problems.empty()) {
        throw std::runtime_error("nothing can be compared:" + problems);
    }
    for (const auto& problem : pool_->fixture_problems()) {
        fixture_problems_.push_back(problem.message);
    }
}

FuzzSession::~FuzzSession() = default;

std::vector<workers::JobResult> FuzzSession::run(const std::vector<Request>& requests, bool check_domain,
                                                 int noise_runs) {
    std::vector<workers::JobResult> results(requests.size());
    std::map<std::uint64_t, std::size_t> slot_of;  // job sequence -> index in requests
    std::size_t next = 0;
    std::size_t done = 0;
    while (done < requests.size()) {
        for (int worker = 0; worker < static_cast<int>(pool_->workers()) && next < requests.size();
             ++worker) {
            if (!pool_->idle(worker))
                continue;
            workers::Job job;
            job.sequence = sequence_++;
            job.request_line =
                request_line("fuzz-" + std::to_string(job.sequence), manifest_.kernel, requests[next]);
            job.candidate_first = order_rng_.chance(1, 2);
            job.check_domain = check_domain;
            job.noise_runs = noise_runs;
            slot_of[job.sequence] = next++;
            pool_->submit_to(worker, std::move(job));
        }
        workers::JobResult result = pool_->wait_next();
        const auto slot = slot_of.find(result.sequence);
        if (slot == slot_of.end()) {
            throw std::logic_error("a job result the fuzz session did not submit");
        }
        results[slot->second] = std::move(result);
        slot_of.erase(slot);
        ++done;
    }
    return results;
}

}  // namespace parity::fuzz
