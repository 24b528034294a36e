#pragma once

// An array filled in a container while its owner is built, then moved into a HugePageArena once
// the owner is complete (freeze()). Readers go through data() and size(), which serve whichever
// holds the items, so the owner's look-ups read the same way before and after.

#include <cstddef>
#include <span>
#include <utility>

#include "parity/platform/huge_page_arena.hpp"

namespace parity::core::matching {

///     ArenaArray<std::vector<int>> array;
///     array.building().push_back(7);
///     platform::HugePageArena arena(array.frozen_bytes());
///     array.freeze(arena);  // array.data()[0] == 7, now in the arena
template <typename Container>
class ArenaArray {
  public:
    using value_type = typename Container::value_type;

    explicit ArenaArray(Container items = Container()) : building_(std::move(items)) {}

    /// The container to fill; empty, and not to be filled, once frozen.
    [[nodiscard]] Container& building() {
        return building_;
    }
    [[nodiscard]] const Container& building() const {
        return building_;
    }

    [[nodiscard]] bool frozen() const {
        return frozen_;
    }
    [[nodiscard]] const value_type* data() const {
        return frozen_ ? in_arena_.data() : building_.data();
    }
    [[nodiscard]] std::size_t size() const {
        return frozen_ ? in_arena_.size() : building_.size();
    }

    /// The room freeze() takes in an arena.
    [[nodiscard]] std::size_t frozen_bytes() const {
        return platform::HugePageArena::array_bytes(building_.size() * sizeof(value_type));
    }
    /// Copies the items into `arena`, which must outlive this array, and releases the container.
    void freeze(platform::HugePageArena& arena) {
        if (frozen_) {
            return;
        }
        in_arena_ = arena.copy(std::span<const value_type>(building_.data(), building_.size()));
        Container().swap(building_);
        frozen_ = true;
    }

  private:
    Container building_;
    std::span<const value_type> in_arena_;
    bool frozen_ = false;
};

}  // namespace parity::core::matching
