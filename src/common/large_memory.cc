#include "common/large_memory.h"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

// Sanitizers check only the memory they hand out, and LeakSanitizer does not
// look for pointers inside private mappings (objects reachable only through
// them would be reported as leaks): sanitized builds use operator new.
#if defined(__SANITIZE_ADDRESS__)
#define TIGRIS_PLAIN_LARGE_MEMORY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define TIGRIS_PLAIN_LARGE_MEMORY 1
#endif
#endif

namespace tigris {

#if defined(__linux__) && defined(MADV_HUGEPAGE) && !defined(TIGRIS_PLAIN_LARGE_MEMORY)

namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;

std::size_t round_up(std::size_t bytes) {
  return (bytes + kHugePage - 1) & ~(kHugePage - 1);
}

}  // namespace

void* allocate_large(std::size_t bytes) {
  if (bytes < kLargeBlock) return ::operator new(bytes);
  std::size_t size = round_up(bytes);
  // Map one huge page more than needed and unmap the ends, so the block starts
  // on a 2 MiB boundary (the kernel backs only aligned 2 MiB ranges with huge pages).
  std::size_t mapped = size + kHugePage;
  void* raw = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  auto begin = reinterpret_cast<std::uintptr_t>(raw);
  std::uintptr_t aligned = (begin + kHugePage - 1) & ~(std::uintptr_t{kHugePage} - 1);
  if (aligned > begin) munmap(raw, aligned - begin);
  std::uintptr_t end = begin + mapped;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - aligned - size);
  auto* block = reinterpret_cast<void*>(aligned);
  madvise(block, size, MADV_HUGEPAGE);  // advice only: without THP the block still works
  return block;
}

void free_large(void* block, std::size_t bytes) noexcept {
  if (block == nullptr) return;
  if (bytes < kLargeBlock) {
    ::operator delete(block);
    return;
  }
  munmap(block, round_up(bytes));
}

#else

void* allocate_large(std::size_t bytes) {
  return ::operator new(bytes);
}

void free_large(void* block, std::size_t) noexcept {
  ::operator delete(block);
}

#endif

}  // namespace tigris
