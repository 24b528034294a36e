#pragma once

// One block of memory for read-only arrays that are built once and then read at random, such as
// a built matcher's blocking index, customer store and ids. The kernel may back the block with
// transparent huge pages: it is aligned to a huge page and advised MADV_HUGEPAGE, which the kernel
// honours in its "madvise" and "always" THP modes (/sys/kernel/mm/transparent_hugepage/enabled).
// Look-ups that come after other work has evicted the arrays' page table entries from the TLB, and
// that are scattered over megabytes, otherwise nearly all walk the page tables with 4 kB pages (on a
// virtual machine, a two-level walk), where one 2 MB page covers 512 of them. Where THP is off,
// the advice is ignored and the block is plain memory.

#include <cstddef>
#include <cstring>
#include <span>
#include <type_traits>

namespace parity::platform {

///     HugePageArena arena(HugePageArena::array_bytes(sizeof a) + HugePageArena::array_bytes(sizeof b));
///     std::span<const int> a_copy = arena.copy(std::span<const int>(a));
///     std::span<const int> b_copy = arena.copy(std::span<const int>(b));
class HugePageArena {
  public:
    static constexpr std::size_t huge_page_size = std::size_t{2} << 20U;
    static constexpr std::size_t alignment = 64;  // each array starts on a cache line

    HugePageArena() = default;
    /// Room for `bytes`, counted with array_bytes(). Less than half a huge page is allocated as any
    /// memory is: a huge page would mostly go unused.
    explicit HugePageArena(std::size_t bytes);
    ~HugePageArena();
    HugePageArena(HugePageArena&& other) noexcept;
    HugePageArena& operator=(HugePageArena&& other) noexcept;
    HugePageArena(const HugePageArena&) = delete;
    HugePageArena& operator=(const HugePageArena&) = delete;

    /// The room an array of `bytes` takes in an arena.
    [[nodiscard]] static constexpr std::size_t array_bytes(std::size_t bytes) {
        return (bytes + alignment - 1) / alignment * alignment;
    }

    /// A copy of `items` in the arena, valid as long as the arena. std::length_error when the room
    /// given at construction is used up.
    template <typename T>
    requires std::is_trivially_copyable_v<T>
    [[nodiscard]] std::span<const T> copy(std::span<const T> items) {
        std::byte* place = take(items.size_bytes());
        if (!items.empty()) {
            std::memcpy(place, items.data(), items.size_bytes());
        }
        return {reinterpret_cast<const T*>(place), items.size()};
    }

    /// Whether the block was mapped for huge pages (large enough), whatever the kernel then did.
    [[nodiscard]] bool advised() const {
        return mapped_bytes_ != 0;
    }

  private:
    std::byte* take(std::size_t bytes);
    void release() noexcept;

    std::byte* base_ = nullptr;
    std::size_t capacity_ = 0;
    std::size_t used_ = 0;
    std::size_t mapped_bytes_ = 0;  // of an mmap (0: operator new)
};

}  // namespace parity::platform
