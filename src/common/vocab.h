// Interns words: every distinct upper-cased string gets a small integer id once,
// so the hot loops compare integers. Id 0 means "not in the vocabulary".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tigris {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    // FNV-1a: short keys, cheap, good enough spread for words.
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
      hash ^= c;
      hash *= 1099511628211ull;
    }
    return static_cast<std::size_t>(hash);
  }
};

class Vocabulary {
 public:
  static constexpr std::uint32_t kUnknown = 0;

  Vocabulary() { words_.emplace_back(); }

  // Returns the id of `word`, adding it when new. Not thread-safe: build time only.
  std::uint32_t intern(std::string_view word) {
    auto it = ids_.find(word);
    if (it != ids_.end()) return it->second;
    auto id = static_cast<std::uint32_t>(words_.size());
    words_.emplace_back(word);
    ids_.emplace(words_.back(), id);
    return id;
  }
  // Returns the id of `word` or kUnknown. Thread-safe once building is over.
  std::uint32_t find(std::string_view word) const {
    auto it = ids_.find(word);
    return it == ids_.end() ? kUnknown : it->second;
  }
  std::string_view text(std::uint32_t id) const {
    return id < words_.size() ? std::string_view(words_[id]) : std::string_view();
  }
  std::size_t size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
};

}  // namespace tigris
