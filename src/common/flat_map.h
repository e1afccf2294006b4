// An open-addressing hash map from 64-bit keys to small values: linear
// probing, at most half full, all slots in one array (LargeAllocator). A
// lookup reads one cache line in the common case, where std::unordered_map
// follows a pointer per node, and building it allocates once per doubling
// instead of once per entry. Build once, then read from any number of threads.
#pragma once

#include <cstdint>
#include <vector>

#include "common/large_memory.h"

namespace tigris {

template <typename Value>
class FlatMap64 {
 public:
  // The one key that cannot be stored (it marks empty slots).
  static constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};

  FlatMap64() : slots_(kInitialSlots) {}

  // The value of `key`, or nullptr.
  const Value* find(std::uint64_t key) const {
    const Slot& slot = slots_[probe(key)];
    return slot.key == key ? &slot.value : nullptr;
  }
  // The value of `key`, added as `fresh` when absent (then `inserted` is true).
  // `key` must not be kEmptyKey. The reference is valid until the next insert.
  Value& insert(std::uint64_t key, Value fresh, bool& inserted) {
    std::size_t i = probe(key);
    inserted = slots_[i].key != key;
    if (!inserted) return slots_[i].value;
    if (2 * (size_ + 1) > slots_.size()) {
      grow();
      i = probe(key);
    }
    slots_[i] = {key, fresh};
    ++size_;
    return slots_[i].value;
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = kEmptyKey;
    Value value{};
  };
  static constexpr std::size_t kInitialSlots = 16;

  // A 64-bit finaliser (splitmix64): trie keys pack small integers, whose low
  // bits alone would cluster.
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  // The slot holding `key`, or the empty slot where it would go.
  std::size_t probe(std::uint64_t key) const {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = mix(key) & mask;
    while (slots_[i].key != key && slots_[i].key != kEmptyKey) i = (i + 1) & mask;
    return i;
  }
  void grow() {
    std::vector<Slot, LargeAllocator<Slot>> old(slots_.size() * 2);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.key != kEmptyKey) slots_[probe(slot.key)] = slot;
    }
  }

  std::vector<Slot, LargeAllocator<Slot>> slots_;
  std::size_t size_ = 0;
};

}  // namespace tigris
