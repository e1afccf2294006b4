// A whole file's bytes, read-only. On Linux the file is mapped (MAP_POPULATE:
// its page-cache pages are entered in one call), so loading dictionaries and
// WordNet neither copies the text nor faults in a fresh heap buffer for it;
// elsewhere, or when mapping fails, the file is read into memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tigris/status.h"

namespace tigris {

class MappedFile {
 public:
  // kNotFound with the path when the file cannot be opened or read.
  static Result<MappedFile> open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Valid while this object lives.
  std::string_view text() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }

 private:
  MappedFile() = default;
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;  // the fallback
};

}  // namespace tigris
