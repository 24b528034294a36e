#include "job_progress.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "protocol.hpp"

namespace parity::workers {

JobProgress::JobProgress(const Job& job)
    : sequence_(job.sequence), order_(protocol::run_order(job)), results_(order_.size()) {}

std::string JobProgress::current_label() const {
    if (all_finished()) {
        return {};
    }
    const PathName path = order_[finished_];
    if (path != PathName::noise) {
        return std::string(to_string(path));
    }
    const auto noise_before =
        std::count(order_.begin(), order_.begin() + static_cast<std::ptrdiff_t>(finished_), PathName::noise);
    return "noise run " + std::to_string(noise_before + 1);
}

void JobProgress::on_started(PathName path) {
    if (path_running() || started_ >= order_.size() || order_[started_] != path) {
        throw std::runtime_error("unexpected start of the " + std::string(to_string(path)) + " path");
    }
    ++started_;
}

void JobProgress::on_result(PathResult result) {
    if (!path_running()) {
        throw std::runtime_error("a result without a started path");
    }
    results_[finished_++] = std::move(result);
}

void JobProgress::end_abnormally(PathStatus status, int signal, std::string detail, std::string_view verb) {
    if (all_finished()) {
        return;
    }
    const std::string label = current_label();
    PathResult& in_flight = results_[finished_];
    in_flight = PathResult{};
    in_flight.status = status;
    in_flight.signal = signal;
    in_flight.detail = std::move(detail);
    for (std::size_t i = finished_ + 1; i < order_.size(); ++i) {
        results_[i] = PathResult{};
        results_[i].detail = "not run: the worker " + std::string(verb) + " in " + label;
    }
    started_ = finished_ = order_.size();
}

JobResult JobProgress::take_result(int worker_id, std::int64_t rss_bytes) {
    JobResult result;
    result.sequence = sequence_;
    result.worker_id = worker_id;
    result.worker_rss_bytes = rss_bytes;
    for (std::size_t i = 0; i < order_.size(); ++i) {
        switch (order_[i]) {
            case PathName::reference:
                result.reference = std::move(results_[i]);
                break;
            case PathName::candidate:
                result.candidate = std::move(results_[i]);
                break;
            case PathName::noise:
                result.noise.push_back(std::move(results_[i]));
                break;
        }
    }
    return result;
}

}  // namespace parity::workers
