// Feeds arbitrary bytes to the JSONL and XML story readers: every record must
// come back as a story or as a skip with a reason, never a crash.
#include <cstdint>
#include <string>

#include "tigris/io.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  for (auto format : {tigris::InputFormat::kJsonl, tigris::InputFormat::kXml}) {
    auto reader = tigris::StoryReader::from_string(input, format, {"fuzz", "2020-01-01"});
    tigris::Story story;
    tigris::SkippedRecord skipped;
    while (reader->next(story, skipped) != tigris::StoryReader::Next::kEnd) {
    }
  }
  return 0;
}
