// tigris/io.h: reading stories and writing events.
//
// Readers stream: memory does not grow with the input. A malformed record is
// reported (with its line) and skipped; it never stops the reader.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "tigris/document.h"
#include "tigris/event.h"
#include "tigris/status.h"

namespace tigris {

enum class InputFormat { kAuto, kJsonl, kText, kXml };

// Parses "jsonl", "text", "xml" or "auto".
Result<InputFormat> parse_input_format(std::string_view name);

// Defaults for inputs that carry no metadata (plain text).
struct TextDefaults {
  std::string id;    // story id; the file name when empty
  std::string date;  // YYYY-MM-DD; required for plain text
};

// Why a record was not read as a story.
struct SkippedRecord {
  std::string file;
  std::size_t line = 0;
  std::string id;  // when the record got far enough to have one
  std::string reason;
};

class StoryReader {
 public:
  enum class Next { kStory, kSkipped, kEnd };
  virtual ~StoryReader() = default;
  // Reads the next record into `story`, or describes in `skipped` why it was skipped.
  virtual Next next(Story& story, SkippedRecord& skipped) = 0;

  // Opens `path` ("-" is standard input). kAuto picks the format from the
  // extension (.jsonl/.json, .xml, anything else is text).
  static Result<std::unique_ptr<StoryReader>> open(const std::string& path, InputFormat format,
                                                   const TextDefaults& defaults);
  // Reads from memory (used by the HTTP server and tests); `name` labels errors.
  static std::unique_ptr<StoryReader> from_string(std::string content, InputFormat format,
                                                  const TextDefaults& defaults,
                                                  std::string name = "<input>");
};

// Checks a YYYY-MM-DD date (real calendar day). Also accepts YYYYMMDD and
// rewrites it in place to the dashed form.
bool normalize_story_date(std::string& date);

enum class OutputFormat { kJsonl, kTsv };
Result<OutputFormat> parse_output_format(std::string_view name);

// Appends one event as a JSON object (no newline) to `out`.
void append_event_json(const Event& event, std::string& out);
// The TSV header line (with newline) and one event's row (with newline).
std::string tsv_header();
void append_event_tsv(const Event& event, std::string& out);

// Parses one event as append_event_json writes it, every field included, so
// append_event_json of the result gives the same JSON. Unknown fields are
// ignored; a field of the wrong type, or no story_id, source or cameo, is an error.
Result<Event> parse_event_json(std::string_view line);
// Sets the fields of `event` that `json` (an object shaped as append_event_json
// writes, possibly partial) holds; absent or null fields are left as they are,
// a present "target", "reported_by" or "location" object creates the member.
// Thread-safe (each thread parses with its own parser).
Status merge_event_json(std::string_view json, Event& event);

// Appends `text` as a quoted JSON string with escapes.
void append_json_string(std::string_view text, std::string& out);

}  // namespace tigris
