// Memory for the large, long-lived arrays of a dictionary load (vocabulary
// and trie tables). A first load in a fresh process used to spend about a
// third of its time in page faults (one per 4 KiB while the heap grew, ~7 us
// each on a VM) and its lookups in TLB misses. Blocks of kLargeBlock bytes or
// more are therefore mapped on their own, aligned to 2 MiB and advised as
// transparent huge pages (Linux madvise(MADV_HUGEPAGE), honoured when THP is
// "always" or "madvise"): one fault per 2 MiB instead of 512. Where that is
// not available (other systems, THP "never"), the memory is ordinary: the
// contents and the results are the same either way.
#pragma once

#include <cstddef>
#include <vector>

namespace tigris {

inline constexpr std::size_t kLargeBlock = std::size_t{1} << 20;

// `bytes` of memory aligned for any type; throws std::bad_alloc like new.
// Must be freed by free_large with the same `bytes`. Thread-safe.
void* allocate_large(std::size_t bytes);
void free_large(void* block, std::size_t bytes) noexcept;

// A std allocator over allocate_large, for std::vector of plain elements.
template <typename T>
struct LargeAllocator {
  using value_type = T;
  LargeAllocator() = default;
  template <typename U>
  LargeAllocator(const LargeAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_large(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { free_large(p, n * sizeof(T)); }
  template <typename U>
  bool operator==(const LargeAllocator<U>&) const noexcept {
    return true;
  }
};

// A vector whose storage, once it reaches kLargeBlock bytes, is large memory.
template <typename T>
using LargeVector = std::vector<T, LargeAllocator<T>>;

}  // namespace tigris
