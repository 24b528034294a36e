#include "bind_scorer.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <span>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "model_reader.hpp"
#include "parity/scoring/scorer.hpp"
#include "released_gil.hpp"
#include "request_reader.hpp"
#include "result_objects.hpp"

namespace py = pybind11;

namespace parity::bindings::scoring {
namespace {

namespace core = parity::scoring;

/// The cyclic garbage collector held off while the results are made: 100,000 new containers (a dict and
/// a list per transaction) would otherwise run it a few hundred times, older generations included, over
/// the request's own objects too. The results hold no cycles, so nothing the collector could free is
/// kept longer than until its next run.
class CollectorPause {
  public:
    CollectorPause() : was_enabled_(PyGC_Disable()) {}
    ~CollectorPause() {
        if (was_enabled_ != 0) {
            PyGC_Enable();
        }
    }
    CollectorPause(const CollectorPause&) = delete;
    CollectorPause& operator=(const CollectorPause&) = delete;

  private:
    int was_enabled_;
};

/// From this many transactions on, the results are made while the kernel runs (ResultStream): below,
/// starting a thread costs more than the overlap saves (tens of microseconds against a kernel of a few).
constexpr std::size_t overlap_threshold = 4096;

/// The kernel on a thread of its own, without the GIL, handing over its results as it computes them
/// (in time order) while the calling thread, holding the GIL, makes their dicts: the two halves of a
/// large request's work overlap instead of following each other. The list is the same list of the
/// same dicts as result_list makes, each in its input position; the kernel's exceptions reach the
/// caller as before (the list made so far is dropped).
class ResultStream {
  public:
    ResultStream(const core::Model& model, const core::Request& request)
        : model_(model), request_(request), results_(request.transactions.size()), ready_(results_.size()) {}

    ResultStream(const ResultStream&) = delete;
    ResultStream& operator=(const ResultStream&) = delete;

    /// Joins the kernel's thread, stopping it early if the results are no longer wanted.
    ~ResultStream() {
        if (worker_.joinable()) {
            cancelled_.store(true, std::memory_order_relaxed);
            worker_.join();
        }
    }

    /// Starts the kernel; false when no thread could be started (nothing started then).
    bool start() {
        try {
            worker_ = std::thread([this] { run(); });
        } catch (const std::system_error&) {
            return false;
        }
        return true;
    }

    /// The result list, built as the results arrive (under the GIL, released while waiting for them).
    [[nodiscard]] PyObject* build(std::span<OwnedRef> ids) {
        OwnedRef list(PyList_New(static_cast<Py_ssize_t>(results_.size())));
        if (list.get() == nullptr) {
            throw_python_error();
        }
        std::size_t built = 0;
        for (;;) {
            std::size_t available = 0;
            bool finished = false;
            {
                const std::lock_guard<std::mutex> lock(mutex_);
                available = published_;
                finished = finished_;
            }
            if (available == built && !finished) {
                const ReleasedGil released;
                std::unique_lock<std::mutex> lock(mutex_);
                changed_.wait(lock, [&] { return published_ != built || finished_; });
                continue;  // the lock goes before the GIL is taken back (the kernel never waits on the GIL)
            }
            for (; built < available; ++built) {
                // Transactions come in time order, their ids and list slots in no particular order.
                if (built + prefetch_distance < available) {
                    const std::size_t ahead = ready_[built + prefetch_distance];
                    __builtin_prefetch(&ids[ahead], 1);
                    __builtin_prefetch(&PyList_GET_ITEM(list.get(), static_cast<Py_ssize_t>(ahead)), 1);
                }
                const std::size_t transaction = ready_[built];
                PyObject* dict = result_dict(results_[built], ids[transaction].release());
                if (dict == nullptr) {
                    throw_python_error();  // ~ResultStream stops and joins the kernel
                }
                PyList_SET_ITEM(list.get(), static_cast<Py_ssize_t>(transaction), dict);
            }
            if (finished) {
                break;
            }
        }
        worker_.join();
        if (error_) {
            std::rethrow_exception(error_);
        }
        PyObject* out = list.get();
        Py_INCREF(out);
        return out;
    }

  private:
    /// Results are published to the building thread in runs of this many (one lock and notify each).
    static constexpr std::size_t publish_every = 256;
    /// How many results ahead the building thread asks for the cache lines it will write.
    static constexpr std::size_t prefetch_distance = 16;

    /// Thrown by the sink to end the walk early when the building thread gave up.
    struct Cancelled {};

    void run() {
        std::size_t count = 0;
        try {
            core::score_request_each(model_, request_,
                                     [&](std::size_t transaction, const core::Result& result) {
                                         results_[count] = result;
                                         ready_[count++] = transaction;
                                         if (count % publish_every == 0) {
                                             if (cancelled_.load(std::memory_order_relaxed)) {
                                                 throw Cancelled{};
                                             }
                                             publish(count, false);
                                         }
                                     });
        } catch (const Cancelled&) {
            // the building thread is no longer reading
        } catch (...) {
            error_ = std::current_exception();
        }
        publish(count, true);  // after an exception the caller gets the error, not the list
    }

    void publish(std::size_t count, bool finished) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            published_ = count;
            finished_ = finished;
        }
        changed_.notify_one();
    }

    const core::Model& model_;
    const core::Request& request_;
    // In the order the kernel finished them (time order), so that the building thread reads both in
    // sequence: the k-th result and its transaction, written before k is published.
    std::vector<core::Result> results_;
    std::vector<std::size_t> ready_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t published_ = 0;  // guarded by mutex_: ready_[0, published_) may be built
    bool finished_ = false;      // guarded by mutex_: the kernel returned or threw
    std::exception_ptr error_;   // set by the kernel's thread before finished_
    std::atomic<bool> cancelled_{false};
    std::thread worker_;  // last: joined (by the destructor) before the rest goes
};

class Scorer {
  public:
    explicit Scorer(const py::object& model) {
        ReadModel read = read_model(model.ptr());
        model_ = std::move(read.model);
        version_ = py::reinterpret_borrow<py::object>(read.version.get());
    }

    [[nodiscard]] py::object version() const {
        return version_;
    }

    /// Reads and checks the arguments (under the GIL), scores without the GIL, builds the results.
    [[nodiscard]] py::object score(const py::object& profile, const py::object& history,
                                   const py::object& transactions) const {
        ReadRequest read = read_request(profile.ptr(), history.ptr(), transactions.ptr());
        if (read.request.transactions.size() >= overlap_threshold) {
            ResultStream stream(model_, read.request);
            if (stream.start()) {
                // The collector paused while the GIL is released too: the wait is the kernel's time.
                const CollectorPause paused;
                return py::reinterpret_steal<py::object>(stream.build(read.ids));
            }
        }
        std::vector<core::Result> results;
        {
            const ReleasedGil released;
            results = core::score_request(model_, read.request);
        }
        const CollectorPause paused;
        return py::reinterpret_steal<py::object>(result_list(results, read.ids));
    }

  private:
    core::Model model_;
    py::object version_;
};

}  // namespace

void bind_scorer(py::module_& module) {
    py::class_<Scorer>(module, "Scorer",
                       "scoring.kernel.Scorer in C++: the same checks, results (bit for bit) and exceptions "
                       "(docs/scoring.md).")
        .def(py::init<const py::object&>(), py::arg("model"))
        .def_property_readonly("version", &Scorer::version, "The model's `version`.")
        .def("score", &Scorer::score, py::arg("profile"), py::arg("history"), py::arg("transactions"),
             "One {'id', 'score', 'decision', 'reasons'} dict per transaction, in input order.");

    py::tuple features(core::feature_count);
    for (std::size_t f = 0; f < core::feature_count; ++f) {
        features[f] = py::str(std::string(core::feature_names[f]));
    }
    module.attr("FEATURES") = features;
}

}  // namespace parity::bindings::scoring
