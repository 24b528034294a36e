#include "parity/workers/worker_pool.hpp"

#include <poll.h>
#include <sched.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <utility>

#include "exit_status.hpp"
#include "framing.hpp"
#include "job_progress.hpp"
#include "protocol.hpp"
#include "worker_process.hpp"

namespace parity::workers {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

/// This many failed starts in a row (no worker became ready in between) end the pool.
constexpr int max_consecutive_failed_starts = 3;
/// How long a worker that closed its socket gets to become waitable before it is killed.
constexpr std::chrono::milliseconds end_of_file_grace{1'000};
/// How long the workers get to exit after "stop" when the pool is destroyed.
constexpr std::chrono::milliseconds stop_grace{2'000};
constexpr int milliseconds_per_second = 1'000;

enum class SlotState { starting, idle, busy };

/// One worker of the pool and, while it is busy, the job it runs.
struct Slot {
    int id = 0;
    bool baseline = false;  // a baseline worker (PoolConfig::baseline_adapter)
    std::optional<WorkerProcess> process;
    FrameReader reader;
    SlotState state = SlotState::starting;
    std::string phase;           // the last startup phase the worker announced
    Clock::time_point deadline;  // starting: for being ready; busy: for the path in flight

    JobProgress job;   // busy: the job it runs
    json job_message;  // kept to hand the job to a replacement (see drain_or_crash)
    bool resent = false;
};

/// "10 s", "300 ms".
std::string format_duration(std::chrono::milliseconds duration) {
    const auto count = duration.count();
    if (count % milliseconds_per_second == 0) {
        return std::to_string(count / milliseconds_per_second) + " s";
    }
    return std::to_string(count) + " ms";
}

/// Reads what a worker has sent; true if it closed its socket.
bool read_available(Slot& slot) {
    for (;;) {
        switch (slot.reader.fill(slot.process->fd())) {
            case FrameReader::Fill::more_data:
                continue;
            case FrameReader::Fill::drained:
            case FrameReader::Fill::would_block:
                return false;
            case FrameReader::Fill::end_of_file:
                return true;
        }
    }
}

int poll_timeout_ms(Clock::time_point deadline, Clock::time_point now) {
    if (deadline <= now) {
        return 0;
    }
    // Rounded up: waking before the deadline would only poll again.
    const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    return static_cast<int>(std::min<long long>(remaining, std::numeric_limits<int>::max()));
}

}  // namespace

class WorkerPool::Impl {
  public:
    explicit Impl(PoolConfig config)
        : config_(std::move(config)),
          workers_(std::max(config_.workers, 1U)),
          baseline_config_(baseline_config(config_)),
          slots_(workers_ * (config_.baseline_adapter.empty() ? 1 : 2)) {
        std::vector<Slot*> all;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            slots_[i].id = static_cast<int>(i);
            slots_[i].baseline = i >= workers_;
            all.push_back(&slots_[i]);
        }
        start(all);
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    ~Impl() {
        for (Slot& slot : slots_) {
            if (!slot.process) {
                continue;
            }
            if (slot.state != SlotState::idle || !slot.process->send(protocol::stop_message())) {
                slot.process->kill_and_reap();  // busy or starting: nothing worth waiting for
            }
        }
        const auto give_up = Clock::now() + stop_grace;
        for (Slot& slot : slots_) {
            if (slot.process && slot.process->pid() > 0) {
                const auto left = std::max(Clock::duration::zero(), give_up - Clock::now());
                slot.process->reap(std::chrono::duration_cast<std::chrono::milliseconds>(left));
            }
        }
    }

    std::vector<FixtureProblem> fixture_problems;
    std::vector<AdapterProblem> adapter_problems;
    std::vector<AdapterProblem> baseline_adapter_problems;

    [[nodiscard]] bool idle(int worker) const {
        return slot_at(worker).state == SlotState::idle;
    }

    [[nodiscard]] unsigned workers() const {
        return workers_;
    }

    [[nodiscard]] std::size_t in_flight() const {
        return in_flight_;
    }

    void submit_to(int worker, Job job) {
        Slot& slot = slot_at(worker);
        if (slot.state != SlotState::idle) {
            throw std::logic_error("WorkerPool::submit_to: worker " + std::to_string(worker) +
                                   " is not idle");
        }
        send_job(slot, std::move(job));
    }

    void send_job(Slot& slot, Job job) {
        slot.job_message = protocol::job_message(job);
        slot.resent = false;
        // A failed send means the worker died while idle: poll() sees its end of file, and
        // drain_or_crash() hands the job to a replacement.
        slot.process->send(slot.job_message);
        slot.state = SlotState::busy;
        slot.job = JobProgress(job);
        // Until the first "started" arrives; each "started" restarts it for its own path.
        slot.deadline = Clock::now() + config_.timeout;
        ++in_flight_;
    }

    JobResult wait_next() {
        if (in_flight_ == 0) {
            throw std::logic_error("WorkerPool::wait_next: no job in flight");
        }
        for (;;) {
            for (Slot& slot : slots_) {
                if (slot.state == SlotState::busy) {
                    if (auto result = drain_or_crash(slot, false)) {
                        return std::move(*result);
                    }
                }
            }
            std::vector<pollfd> fds;
            std::vector<Slot*> polled;
            auto earliest = Clock::time_point::max();
            for (Slot& slot : slots_) {
                if (slot.state == SlotState::starting) {
                    continue;
                }
                fds.push_back(pollfd{slot.process->fd(), POLLIN, 0});
                polled.push_back(&slot);
                if (slot.state == SlotState::busy) {
                    earliest = std::min(earliest, slot.deadline);
                }
            }
            if (::poll(fds.data(), fds.size(), poll_timeout_ms(earliest, Clock::now())) < 0 &&
                errno != EINTR) {
                throw std::system_error(errno, std::generic_category(), "poll");
            }
            for (std::size_t i = 0; i < fds.size(); ++i) {
                if (fds[i].revents == 0) {
                    continue;
                }
                Slot& slot = *polled[i];
                const bool end_of_file = read_available(slot);
                if (slot.state == SlotState::idle) {
                    // An idle worker has nothing to say: it died, or it is confused. Replace it.
                    slot.process->kill_and_reap();
                    replace(slot);
                    continue;
                }
                if (auto result = drain_or_crash(slot, end_of_file)) {
                    return std::move(*result);
                }
            }
            const auto now = Clock::now();
            for (Slot& slot : slots_) {
                if (slot.state == SlotState::busy && slot.deadline <= now) {
                    return timed_out(slot);
                }
            }
        }
    }

  private:
    [[nodiscard]] const Slot& slot_at(int worker) const {
        if (worker < 0 || static_cast<std::size_t>(worker) >= slots_.size()) {
            throw std::logic_error("WorkerPool: no worker " + std::to_string(worker));
        }
        return slots_[static_cast<std::size_t>(worker)];
    }

    [[nodiscard]] Slot& slot_at(int worker) {
        return const_cast<Slot&>(std::as_const(*this).slot_at(worker));
    }

    /// What a baseline worker runs: the baseline as its candidate, its folders first on sys.path.
    static PoolConfig baseline_config(const PoolConfig& config) {
        PoolConfig baseline = config;
        baseline.candidate_adapter = config.baseline_adapter;
        baseline.python_path = config.baseline_python_path;
        baseline.python_path.insert(baseline.python_path.end(), config.python_path.begin(),
                                    config.python_path.end());
        baseline.baseline_adapter.clear();
        baseline.baseline_python_path.clear();
        return baseline;
    }

    // ---- startup -------------------------------------------------------------------------------

    void spawn(Slot& slot) {
        slot.reader.clear();
        slot.phase = "starting the interpreter";
        slot.state = SlotState::starting;
        slot.deadline = Clock::now() + config_.startup_timeout;
        slot.process.emplace(WorkerProcess::spawn(slot.baseline ? baseline_config_ : config_));
        if (config_.pin_cpus) {
            pin_to_cpu(slot.process->pid(),
                       slot.id % static_cast<int>(workers_));  // a baseline worker shares
        }
    }

    /// Restricts a worker to one of the CPUs this process may use (the id-th, wrapping), so that its
    /// timings do not include migrations. Best effort: a failure leaves the worker unpinned.
    static void pin_to_cpu(pid_t pid, int id) {
        cpu_set_t allowed;
        CPU_ZERO(&allowed);
        if (::sched_getaffinity(0, sizeof allowed, &allowed) != 0 || CPU_COUNT(&allowed) == 0) {
            return;
        }
        int wanted = id % CPU_COUNT(&allowed);
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
            if (CPU_ISSET(cpu, &allowed) && wanted-- == 0) {
                cpu_set_t one;
                CPU_ZERO(&one);
                CPU_SET(cpu, &one);
                ::sched_setaffinity(pid, sizeof one, &one);
                return;
            }
        }
    }

    /// Spawns the slots' workers and waits until each is ready, respawning those that fail.
    void start(const std::vector<Slot*>& slots) {
        for (Slot* slot : slots) {
            spawn(*slot);
        }
        for (;;) {
            std::vector<pollfd> fds;
            std::vector<Slot*> polled;
            auto earliest = Clock::time_point::max();
            for (Slot* slot : slots) {
                if (slot->state == SlotState::starting) {
                    fds.push_back(pollfd{slot->process->fd(), POLLIN, 0});
                    polled.push_back(slot);
                    earliest = std::min(earliest, slot->deadline);
                }
            }
            if (fds.empty()) {
                return;
            }
            if (::poll(fds.data(), fds.size(), poll_timeout_ms(earliest, Clock::now())) < 0 &&
                errno != EINTR) {
                throw std::system_error(errno, std::generic_category(), "poll");
            }
            for (std::size_t i = 0; i < fds.size(); ++i) {
                Slot& slot = *polled[i];
                if (fds[i].revents != 0) {
                    advance_startup(slot);
                }
                if (slot.state == SlotState::starting && Clock::now() >= slot.deadline) {
                    slot.process->kill_and_reap();
                    failed_start(slot, "did not become ready within " +
                                           format_duration(config_.startup_timeout) + " (during " +
                                           slot.phase + ")");
                }
            }
        }
    }

    /// Handles what a starting worker sent: phases, then ready or its failure.
    void advance_startup(Slot& slot) {
        const bool end_of_file = read_available(slot);
        std::string failure;
        try {
            while (auto message = slot.reader.next()) {
                const std::string kind = protocol::message_kind(*message);
                if (kind == protocol::kind::phase) {
                    slot.phase = message->at("text").get<std::string>();
                } else if (kind == protocol::kind::ready) {
                    became_ready(slot, protocol::parse_ready(*message));
                    return;
                } else if (kind == protocol::kind::startup_failed) {
                    failure = message->at("message").get<std::string>();
                } else {
                    failure = "sent " + kind + " before being ready";
                }
            }
        } catch (const std::exception& error) {
            failure = std::string("sent an unreadable message: ") + error.what();
        }
        if (!end_of_file && failure.empty()) {
            return;
        }
        const ExitStatus status =
            end_of_file ? slot.process->reap(end_of_file_grace) : slot.process->kill_and_reap();
        if (failure.empty()) {
            failure = describe(status) + " during " + slot.phase;
        }
        failed_start(slot, failure);
    }

    void became_ready(Slot& slot, protocol::StartupReport report) {
        slot.state = SlotState::idle;
        consecutive_failed_starts_ = 0;
        if (slot.baseline) {
            if (!have_baseline_startup_report_) {
                baseline_adapter_problems = std::move(report.adapter_problems);
                have_baseline_startup_report_ = true;
            }
        } else if (!have_startup_report_) {
            fixture_problems = std::move(report.fixture_problems);
            adapter_problems = std::move(report.adapter_problems);
            have_startup_report_ = true;
        }
    }

    void failed_start(Slot& slot, const std::string& why) {
        if (++consecutive_failed_starts_ >= max_consecutive_failed_starts) {
            throw WorkerStartError("parity workers: could not start a worker process (" +
                                   std::to_string(consecutive_failed_starts_) +
                                   " failed starts in a row); the last one: " + why);
        }
        spawn(slot);
    }

    /// A fresh worker in place of one that died or was killed; blocks until it is ready.
    void replace(Slot& slot) {
        start({&slot});
    }

    // ---- jobs ----------------------------------------------------------------------------------

    /// Handles the messages a busy worker has sent; returns its job once done, or crashed if the
    /// worker closed its socket or said something that makes no sense.
    std::optional<JobResult> drain_or_crash(Slot& slot, bool end_of_file) {
        try {
            while (auto message = slot.reader.next()) {
                if (auto result = on_job_message(slot, *message)) {
                    return result;
                }
            }
        } catch (const std::exception& error) {
            slot.process->kill_and_reap();
            return ended_abnormally(slot, PathStatus::crash, 0,
                                    std::string("worker protocol error: ") + error.what(), "crashed");
        }
        if (!end_of_file) {
            return std::nullopt;
        }
        const ExitStatus status = slot.process->reap(end_of_file_grace);
        if (!slot.job.any_started() && !slot.resent) {
            // Dead before it started the job (killed while idle, say): the job is not the cause,
            // so it goes once to a replacement rather than being reported as a crash.
            replace(slot);
            slot.state = SlotState::busy;
            slot.resent = true;
            slot.deadline = Clock::now() + config_.timeout;
            slot.process->send(slot.job_message);
            return std::nullopt;
        }
        const char* when = slot.job.path_running() ? " while running " : " before running ";
        return ended_abnormally(slot, PathStatus::crash, status.signal,
                                describe(status) + when + slot.job.current_label(), "crashed");
    }

    std::optional<JobResult> on_job_message(Slot& slot, const json& message) {
        const std::string kind = protocol::message_kind(message);
        if (kind == protocol::kind::started) {
            slot.job.on_started(protocol::parse_started(message));
            slot.deadline = Clock::now() + config_.timeout;
            return std::nullopt;
        }
        if (kind == protocol::kind::result) {
            slot.job.on_result(protocol::parse_result(message));
            // The worker goes straight on to the next path; this covers the moment until it says so.
            slot.deadline = Clock::now() + config_.timeout;
            return std::nullopt;
        }
        if (kind == protocol::kind::done) {
            const auto out_of_domain = message.find("out_of_domain");
            const bool rejected = out_of_domain != message.end() && !slot.job.any_started();
            if ((!rejected && !slot.job.all_finished()) ||
                message.at("sequence").get<std::uint64_t>() != slot.job.sequence()) {
                throw std::runtime_error("unexpected done message");
            }
            slot.state = SlotState::idle;
            --in_flight_;
            JobResult result = slot.job.take_result(slot.id, message.at("rss_bytes").get<std::int64_t>());
            if (rejected) {
                result.out_of_domain = out_of_domain->get<std::string>();
                for (PathResult* path : {&result.reference, &result.candidate}) {
                    path->detail = "not run: outside the kernel's domain: " + result.out_of_domain;
                }
            }
            return result;
        }
        throw std::runtime_error("unexpected message " + kind);
    }

    JobResult timed_out(Slot& slot) {
        slot.process->kill_and_reap();
        return ended_abnormally(slot, PathStatus::timeout, 0, "exceeded " + format_duration(config_.timeout),
                                "timed out");
    }

    /// The job of a worker that crashed or was killed (see JobProgress::end_abnormally). The worker
    /// is replaced before this returns.
    JobResult ended_abnormally(Slot& slot, PathStatus status, int signal, std::string detail,
                               const char* verb) {
        slot.job.end_abnormally(status, signal, std::move(detail), verb);
        --in_flight_;
        JobResult result = slot.job.take_result(slot.id, 0);
        replace(slot);
        return result;
    }

    PoolConfig config_;
    unsigned workers_;
    PoolConfig baseline_config_;
    std::vector<Slot> slots_;
    std::size_t in_flight_ = 0;
    int consecutive_failed_starts_ = 0;
    bool have_startup_report_ = false;
    bool have_baseline_startup_report_ = false;
};

WorkerPool::WorkerPool(PoolConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

WorkerPool::~WorkerPool() = default;

const std::vector<FixtureProblem>& WorkerPool::fixture_problems() const {
    return impl_->fixture_problems;
}

const std::vector<AdapterProblem>& WorkerPool::adapter_problems() const {
    return impl_->adapter_problems;
}

const std::vector<AdapterProblem>& WorkerPool::baseline_adapter_problems() const {
    return impl_->baseline_adapter_problems;
}

unsigned WorkerPool::workers() const {
    return impl_->workers();
}

bool WorkerPool::idle(int worker) const {
    return impl_->idle(worker);
}

void WorkerPool::submit_to(int worker, Job job) {
    impl_->submit_to(worker, std::move(job));
}

JobResult WorkerPool::wait_next() {
    return impl_->wait_next();
}

std::size_t WorkerPool::in_flight() const {
    return impl_->in_flight();
}

}  // namespace parity::workers
