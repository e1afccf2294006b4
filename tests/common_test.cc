// Tests of the shared building blocks under src/common: the flat hash map,
// string cache, large (huge-page) memory, mapped files and the vocabulary's growth.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/flat_map.h"
#include "common/large_memory.h"
#include "common/mapped_file.h"
#include "common/string_cache.h"
#include "common/vocab.h"

namespace tigris {
namespace {

TEST(FlatMap64, AgreesWithUnorderedMap) {
  // Enough keys for the table to grow past the large-memory threshold.
  FlatMap64<std::uint32_t> flat;
  std::unordered_map<std::uint64_t, std::uint32_t> reference;
  std::mt19937_64 random(42);
  for (std::uint32_t i = 0; i < 200000; ++i) {
    // Trie-like keys: small node numbers and word ids packed in 64 bits.
    std::uint64_t key = ((random() % 50000) << 32) | (random() % 1000);
    bool inserted = false;
    std::uint32_t& value = flat.insert(key, i, inserted);
    auto [it, fresh] = reference.emplace(key, i);
    ASSERT_EQ(inserted, fresh) << key;
    ASSERT_EQ(value, it->second) << key;
  }
  EXPECT_EQ(flat.size(), reference.size());
  for (const auto& [key, value] : reference) {
    const std::uint32_t* found = flat.find(key);
    ASSERT_NE(found, nullptr) << key;
    EXPECT_EQ(*found, value) << key;
  }
  std::size_t absent = 0;
  for (int i = 0; i < 10000; ++i) {
    std::uint64_t key = random();
    if (reference.count(key)) continue;
    ++absent;
    EXPECT_EQ(flat.find(key), nullptr) << key;
  }
  EXPECT_GT(absent, 9000u);
}

TEST(FlatMap64, InsertKeepsTheFirstValue) {
  FlatMap64<std::uint64_t> flat;
  bool inserted = false;
  flat.insert(7, 1, inserted) |= 4;
  EXPECT_TRUE(inserted);
  EXPECT_EQ(flat.insert(7, 100, inserted), 5u);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(flat.find(8), nullptr);
  EXPECT_EQ(flat.size(), 1u);
}

TEST(StringCache, AgreesWithUnorderedMapAndClears) {
  StringCache<std::uint32_t> cache;
  std::unordered_map<std::string, std::uint32_t> reference;
  std::mt19937 random(3);
  for (std::uint32_t i = 0; i < 50000; ++i) {
    // Keys of 0 to 20 characters over a small alphabet: many share prefixes
    // and lengths, some are longer than the hash's 8-byte step.
    std::string key(random() % 21, ' ');
    for (char& c : key) c = static_cast<char>('A' + random() % 3);
    const std::uint32_t* found = cache.find(key);
    auto it = reference.find(key);
    ASSERT_EQ(found != nullptr, it != reference.end()) << key;
    if (found) {
      ASSERT_EQ(*found, it->second) << key;
      continue;
    }
    EXPECT_EQ(cache.insert(key, i), i);
    reference.emplace(key, i);
  }
  EXPECT_EQ(cache.size(), reference.size());
  EXPECT_GT(reference.size(), 1000u);
  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
  for (const auto& entry : reference) EXPECT_EQ(cache.find(entry.first), nullptr);
}

TEST(LargeMemory, SmallAndLargeBlocksHoldTheirContents) {
  for (std::size_t bytes : {std::size_t{64}, kLargeBlock - 1, kLargeBlock, 5 * kLargeBlock + 3}) {
    auto* block = static_cast<unsigned char*>(allocate_large(bytes));
    ASSERT_NE(block, nullptr);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % alignof(std::max_align_t), 0u);
    for (std::size_t i = 0; i < bytes; i += 4093) block[i] = static_cast<unsigned char>(i);
    block[bytes - 1] = 0xAB;
    for (std::size_t i = 0; i + 1 < bytes; i += 4093) {
      ASSERT_EQ(block[i], static_cast<unsigned char>(i)) << bytes;
    }
    EXPECT_EQ(block[bytes - 1], 0xAB);
    free_large(block, bytes);
  }
  std::vector<std::uint64_t, LargeAllocator<std::uint64_t>> values;
  for (std::uint64_t i = 0; i < 1000000; ++i) values.push_back(i * 3);  // grows through 8 MB
  EXPECT_EQ(values[999999], 2999997u);
}

class MappedFileTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tigris_common_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(MappedFileTest, ReadsTheWholeFile) {
  std::string content = "IRAQ_ [IRQ]\n";
  for (int i = 0; i < 20000; ++i) content += "LINE " + std::to_string(i) + "\n";
  std::string path = (dir_ / "a.txt").string();
  std::ofstream(path, std::ios::binary) << content;
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  EXPECT_EQ(file.value().text(), content);
  MappedFile moved = std::move(file.value());
  EXPECT_EQ(moved.text(), content);
}

TEST_F(MappedFileTest, EmptyFileIsEmpty) {
  std::string path = (dir_ / "empty.txt").string();
  std::ofstream(path, std::ios::binary).flush();
  auto file = MappedFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  EXPECT_TRUE(file.value().text().empty());
}

TEST_F(MappedFileTest, MissingFileIsNotFoundWithThePath) {
  std::string path = (dir_ / "missing.txt").string();
  auto file = MappedFile::open(path);
  ASSERT_FALSE(file.is_ok());
  EXPECT_EQ(file.status().code(), StatusCode::kNotFound);
  EXPECT_NE(file.status().to_string().find("missing.txt"), std::string::npos);
}

TEST(Vocabulary, ManyWordsKeepTheirIdsAndTexts) {
  // More text than the small blocks hold, so words also land in large blocks,
  // and one word longer than a small block's quarter.
  Vocabulary vocab;
  std::vector<std::string> words;
  for (std::int64_t i = 0; i < 300000; ++i) words.push_back("WORD" + std::to_string(i * 7919));
  words.push_back(std::string(40000, 'X'));
  std::vector<std::uint32_t> ids;
  for (const auto& w : words) ids.push_back(vocab.intern(w));
  EXPECT_EQ(vocab.size(), words.size() + 1);  // id 0 is "unknown"
  for (std::size_t i = 0; i < words.size(); ++i) {
    ASSERT_EQ(vocab.find(words[i]), ids[i]) << words[i];
    ASSERT_EQ(vocab.text(ids[i]), words[i]);
    ASSERT_EQ(vocab.intern(words[i]), ids[i]);
  }
  EXPECT_EQ(vocab.find("WORD1"), Vocabulary::kUnknown);
}

}  // namespace
}  // namespace tigris
