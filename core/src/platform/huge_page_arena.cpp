#include "parity/platform/huge_page_arena.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <new>
#include <stdexcept>
#include <utility>

namespace parity::platform {
namespace {

std::size_t round_up(std::size_t bytes, std::size_t unit) {
    return (bytes + unit - 1) / unit * unit;
}

}  // namespace

HugePageArena::HugePageArena(std::size_t bytes) : capacity_(bytes) {
    if (bytes == 0) {
        return;
    }
    if (bytes < huge_page_size / 2) {
        base_ = static_cast<std::byte*>(::operator new (bytes, std::align_val_t{alignment}));
        return;
    }
    // One huge page more than needed, then the unaligned ends unmapped: the block starts on a
    // huge page boundary, where the kernel can back it with whole huge pages.
    const std::size_t length = round_up(bytes, huge_page_size);
    void* mapped =
        mmap(nullptr, length + huge_page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED) {
        throw std::bad_alloc();
    }
    auto* start = static_cast<std::byte*>(mapped);
    const auto address = reinterpret_cast<std::uintptr_t>(start);
    const std::size_t head = round_up(address, huge_page_size) - address;
    if (head != 0) {
        munmap(start, head);
    }
    if (head != huge_page_size) {
        munmap(start + head + length, huge_page_size - head);
    }
    base_ = start + head;
    mapped_bytes_ = length;
    // Advice only: where THP is "never", or no huge page is free, the block keeps 4 kB pages.
    static_cast<void>(madvise(base_, length, MADV_HUGEPAGE));
}

HugePageArena::~HugePageArena() {
    release();
}

HugePageArena::HugePageArena(HugePageArena&& other) noexcept
    : base_(std::exchange(other.base_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)),
      used_(std::exchange(other.used_, 0)),
      mapped_bytes_(std::exchange(other.mapped_bytes_, 0)) {}

HugePageArena& HugePageArena::operator=(HugePageArena&& other) noexcept {
    if (this != &other) {
        release();
        base_ = std::exchange(other.base_, nullptr);
        capacity_ = std::exchange(other.capacity_, 0);
        used_ = std::exchange(other.used_, 0);
        mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    }
    return *this;
}

std::byte* HugePageArena::take(std::size_t bytes) {
    const std::size_t room = array_bytes(bytes);
    if (room > capacity_ - used_) {
        throw std::length_error("HugePageArena: more arrays than the room it was given");
    }
    std::byte* place = base_ + used_;
    used_ += room;
    return place;
}

void HugePageArena::release() noexcept {
    if (base_ == nullptr) {
        return;
    }
    if (mapped_bytes_ != 0) {
        munmap(base_, mapped_bytes_);
    } else {
        ::operator delete (base_, std::align_val_t{alignment});
    }
    base_ = nullptr;
}

}  // namespace parity::platform
