#pragma once

// The worker pool of a fuzz or shrink run, with both adapters set up, and what running an input
// through both paths needs: the corpus's manifest and fixtures, the diff rules.

#include <memory>
#include <string>
#include <vector>

#include "parity/diff/rules.hpp"
#include "parity/fuzz/fuzz_options.hpp"
#include "parity/fuzz/json_text.hpp"
#include "parity/fuzz/rng.hpp"
#include "parity/replay/manifest.hpp"
#include "parity/workers/job.hpp"
#include "parity/workers/worker_pool.hpp"

namespace parity::fuzz {

/// An input to run, with the fixtures it references.
struct Request {
    Input input;
    std::vector<std::string> fixtures;
};

/// The corpus line the workers receive for `request` (only "input" matters to them; the rest says
/// what it is in logs and bundles).
[[nodiscard]] std::string request_line(const std::string& id, const std::string& kernel,
                                       const Request& request);
/// The same with the input already JSON text (a case.json's `input_text`).
[[nodiscard]] std::string request_line(const std::string& id, const std::string& kernel,
                                       const std::vector<std::string>& fixtures,
                                       const std::string& input_text);

class FuzzSession {
  public:
    /// Reads the manifest and rules, checks the adapters against --allow-modules and starts the pool.
    /// Throws std::runtime_error (usage or input problems, with what and where) or
    /// replay::CorpusFormatError; an adapter that cannot be imported or set up is an error too: nothing
    /// could be compared.
    FuzzSession(const RunOptions& options, std::uint64_t seed);
    ~FuzzSession();

    /// Runs each request through both paths, at most `jobs` at once, in a random path order; results in
    /// the requests' order. With check_domain, the reference adapter's domain() is asked first.
    /// `noise_runs` extra runs of the reference per request (noisy_patterns()).
    std::vector<workers::JobResult> run(const std::vector<Request>& requests, bool check_domain,
                                        int noise_runs = 0);

    [[nodiscard]] const replay::Manifest& manifest() const noexcept {
        return manifest_;
    }
    [[nodiscard]] const diff::Rules& rules() const noexcept {
        return rules_;
    }
    [[nodiscard]] const std::string& reference() const noexcept {
        return reference_;
    }
    [[nodiscard]] const std::string& candidate() const noexcept {
        return candidate_;
    }
    [[nodiscard]] unsigned workers() const noexcept {
        return workers_;
    }
    /// Fixture files the workers could not load ("fixtures/sha256-….json: …"): a request naming one fails
    /// alike on both paths, so it hides nothing the search reports, but it must be said.
    [[nodiscard]] const std::vector<std::string>& fixture_problems() const noexcept {
        return fixture_problems_;
    }

  private:
    replay::Manifest manifest_;
    diff::Rules rules_;
    std::string reference_;
    std::string candidate_;
    unsigned workers_ = 1;
    std::vector<std::string> fixture_problems_;
    std::unique_ptr<workers::WorkerPool> pool_;
    Rng order_rng_;
    std::uint64_t sequence_ = 0;
};

}  // namespace parity::fuzz
