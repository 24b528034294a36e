#pragma once

// A vector kept per thread from call to call. A batch's arrays of records and results are a few
// kilobytes: allocating them anew each call is a "large" malloc, which makes glibc merge all of
// its fast bins first (malloc_consolidate), and the row strings allocated next pay for it.

#include <cstddef>
#include <vector>

namespace parity::bindings {

/// The calling thread's reusable vector of T, empty on entry and cleared (capacity kept) on exit.
/// A nested use on the same thread (a Mapping's get() may call back into Python, and from there
/// into the matcher) gets a vector of its own instead, and so does one made with `reuse` false
/// (for a one-off array too large to keep).
///
///     ThreadScratch<Row> rows;
///     rows.get().push_back(...);
///
/// With `KeepItems`, the items themselves are kept from call to call (not cleared), for a caller
/// that overwrites them in place and so reuses the memory they own (the results' strings).
template <typename T, std::size_t MaxKeptItems = 1024,  // recorded batches are a few dozen rows
          bool KeepItems = false>
class ThreadScratch {
    static constexpr std::size_t max_kept_items = MaxKeptItems;

  public:
    explicit ThreadScratch(bool reuse = true) : owner_(reuse && !slot().in_use) {
        if (owner_) {
            slot().in_use = true;
            items_ = &slot().items;
        }
    }
    ~ThreadScratch() {
        if (owner_) {
            if constexpr (!KeepItems) {
                items_->clear();
            }
            if (items_->capacity() > max_kept_items) {
                std::vector<T>().swap(*items_);  // one huge batch does not pin its memory for good
            }
            slot().in_use = false;
        }
    }
    ThreadScratch(const ThreadScratch&) = delete;
    ThreadScratch& operator=(const ThreadScratch&) = delete;
    ThreadScratch(ThreadScratch&&) = delete;
    ThreadScratch& operator=(ThreadScratch&&) = delete;

    [[nodiscard]] std::vector<T>& get() {
        return *items_;
    }

  private:
    struct Slot {
        std::vector<T> items;
        bool in_use = false;
    };
    static Slot& slot() {
        thread_local Slot instance;
        return instance;
    }

    bool owner_;
    std::vector<T> own_;
    std::vector<T>* items_ = &own_;
};

}  // namespace parity::bindings
