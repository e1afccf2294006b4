// Interns words: every distinct upper-cased string gets a small integer id once,
// so the hot loops compare integers. Id 0 means "not in the vocabulary".
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/large_memory.h"

namespace tigris {

struct StringHash {
  using is_transparent = void;
  // The standard library's string hash (murmur-style, 8 bytes at a step).
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>{}(text);
  }
};

class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0;

  Vocabulary() : slots_(kInitialSlots) { words_.emplace_back(); }
  // Makes room for `words` in all without growing the table again (a large
  // load such as WordNet's calls it first; small vocabularies stay small).
  void reserve(std::size_t words) {
    while (2 * words > slots_.size()) grow();
    words_.reserve(words);
  }
  Vocabulary(const Vocabulary&) = delete;  // views point into this object's arena
  Vocabulary& operator=(const Vocabulary&) = delete;

  // Returns the id of `word`, adding it when new. Not thread-safe: build time only.
  std::uint32_t intern(std::string_view word) {
    std::uint64_t hash = StringHash{}(word);
    std::size_t slot = probe(word, hash);
    if (slots_[slot].id != kUnknown) return slots_[slot].id;
    auto id = static_cast<std::uint32_t>(words_.size());
    words_.push_back(store(word));
    slots_[slot] = {id, static_cast<std::uint32_t>(hash)};
    if (2 * words_.size() > slots_.size()) grow();
    return id;
  }
  // Returns the id of `word` or kUnknown. Thread-safe once building is over.
  std::uint32_t find(std::string_view word) const {
    return slots_[probe(word, StringHash{}(word))].id;
  }
  std::string_view text(std::uint32_t id) const {
    return id < words_.size() ? words_[id] : std::string_view();
  }
  std::size_t size() const { return words_.size(); }

 private:
  // An open-addressing table of ids (linear probing, at most half full): no
  // allocation per word and one cache line per lookup in the common case.
  struct Slot {
    std::uint32_t id = kUnknown;
    std::uint32_t hash = 0;  // low bits of the word's hash, to skip most comparisons
  };
  static constexpr std::size_t kInitialSlots = 1024;

  // The slot holding `word`, or the empty slot where it would go.
  std::size_t probe(std::string_view word, std::uint64_t hash) const {
    std::size_t mask = slots_.size() - 1;
    auto low = static_cast<std::uint32_t>(hash);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id == kUnknown || (slot.hash == low && words_[slot.id] == word)) return i;
    }
  }

  void grow() {
    std::vector<Slot, LargeAllocator<Slot>> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id == kUnknown) continue;
      std::uint64_t hash = StringHash{}(words_[slot.id]);
      std::size_t i = hash & mask;
      while (slots_[i].id != kUnknown) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  // Word texts live in large blocks that never move, so the id list holds
  // views and interning allocates only when a block fills. The first MiB comes
  // in 64 KiB blocks (small vocabularies stay small), the rest in 2 MiB blocks
  // of large memory (huge pages where available).
  struct BlockDeleter {
    std::size_t size = 0;
    void operator()(char* block) const noexcept { free_large(block, size); }
  };
  using Block = std::unique_ptr<char[], BlockDeleter>;
  static Block new_block(std::size_t size) {
    return Block(static_cast<char*>(allocate_large(size)), BlockDeleter{size});
  }

  std::string_view store(std::string_view word) {
    constexpr std::size_t kSmallBlock = std::size_t{1} << 16;
    constexpr std::size_t kSmallBlocks = 16;
    constexpr std::size_t kLargeBlockSize = std::size_t{2} << 20;
    if (word.size() > kSmallBlock / 4) {  // a block of its own, kept before the one being filled
      Block own = new_block(word.size());
      std::memcpy(own.get(), word.data(), word.size());
      std::string_view view(own.get(), word.size());
      if (blocks_.empty()) {
        blocks_.push_back(new_block(kSmallBlock));
        used_ = 0;
      }
      blocks_.insert(blocks_.end() - 1, std::move(own));
      return view;
    }
    if (blocks_.empty() || used_ + word.size() > blocks_.back().get_deleter().size) {
      blocks_.push_back(new_block(blocks_.size() < kSmallBlocks ? kSmallBlock : kLargeBlockSize));
      used_ = 0;
    }
    char* data = blocks_.back().get() + used_;
    if (!word.empty()) std::memcpy(data, word.data(), word.size());
    used_ += word.size();
    return {data, word.size()};
  }

  std::vector<Slot, LargeAllocator<Slot>> slots_;
  std::vector<Block> blocks_;
  std::size_t used_ = 0;  // bytes used in blocks_.back()
  std::vector<std::string_view, LargeAllocator<std::string_view>> words_;
};

}  // namespace tigris
