// A cache from short strings (word forms) to small values, for one thread:
// open addressing over one array of slots, the keys' bytes in one growing
// buffer. A lookup hashes the word once (8 bytes at a step) and usually reads
// one slot and compares the bytes; std::unordered_map<std::string> allocated a
// node per entry and followed a pointer per lookup.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace tigris {

template <typename Value>
class StringCache {
 public:
  StringCache() : slots_(kInitialSlots) {}

  // The value cached for `key`, or nullptr.
  const Value* find(std::string_view key) const {
    const Slot& slot = slots_[probe(key, hash(key))];
    return slot.used ? &slot.value : nullptr;
  }
  // Caches `value` for `key` (which must not be cached yet); returns the stored value.
  const Value& insert(std::string_view key, const Value& value) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    std::uint64_t h = hash(key);
    Slot& slot = slots_[probe(key, h)];
    slot = {static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(key.size()),
            static_cast<std::uint32_t>(h), true, value};
    text_.append(key);
    ++size_;
    return slot.value;
  }
  std::size_t size() const { return size_; }
  void clear() {
    slots_.assign(kInitialSlots, Slot{});
    text_.clear();
    size_ = 0;
  }

 private:
  struct Slot {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t hash = 0;  // low bits of the key's hash, to skip most comparisons
    bool used = false;
    Value value{};
  };
  static constexpr std::size_t kInitialSlots = 1024;

  static std::uint64_t hash(std::string_view key) {
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ key.size();
    const char* p = key.data();
    std::size_t n = key.size();
    for (; n >= 8; p += 8, n -= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, 8);
      h = (h ^ word) * 0xbf58476d1ce4e5b9ULL;
      h ^= h >> 31;
    }
    if (n > 0) {
      std::uint64_t word = 0;
      std::memcpy(&word, p, n);
      h = (h ^ word) * 0x94d049bb133111ebULL;
    }
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 32);
  }
  std::size_t probe(std::string_view key, std::uint64_t h) const {
    std::size_t mask = slots_.size() - 1;
    auto low = static_cast<std::uint32_t>(h);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (!slot.used) return i;
      if (slot.hash == low && slot.length == key.size() &&
          std::memcmp(text_.data() + slot.offset, key.data(), key.size()) == 0) {
        return i;
      }
    }
  }
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (!slot.used) continue;
      std::uint64_t h = hash(std::string_view(text_).substr(slot.offset, slot.length));
      std::size_t i = h & mask;
      while (slots_[i].used) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_;
  std::string text_;
  std::size_t size_ = 0;
};

}  // namespace tigris
