// Story readers: JSONL (simdjson On Demand), plain text, PETRARCH-style XML.
// Each reads its input in blocks; a record is never larger than its line (or
// its <Sentence> element), so memory stays flat however large the input.
#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "common/strings.h"
#include "common/xml.h"
#include "tigris/io.h"
#include "time/dates.h"

namespace tigris {
namespace {

// Reads a file (or stdin, or a string) line by line in 1 MiB blocks.
class LineSource {
 public:
  explicit LineSource(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  explicit LineSource(std::string content) : buffer_(std::move(content)), eof_(true) {}
  ~LineSource() {
    if (owned_ && file_) std::fclose(file_);
  }
  LineSource(const LineSource&) = delete;
  LineSource& operator=(const LineSource&) = delete;

  // Next line without its newline; false at end of input.
  bool next(std::string& line) {
    while (true) {
      std::size_t newline = buffer_.find('\n', pos_);
      if (newline != std::string::npos) {
        line.assign(buffer_, pos_, newline - pos_);
        pos_ = newline + 1;
        ++number_;
        return true;
      }
      if (eof_) {
        if (pos_ >= buffer_.size()) return false;
        line.assign(buffer_, pos_, std::string::npos);
        pos_ = buffer_.size();
        ++number_;
        return true;
      }
      buffer_.erase(0, pos_);
      pos_ = 0;
      char block[1 << 16];
      std::size_t got = std::fread(block, 1, sizeof(block), file_);
      if (got == 0) eof_ = true;
      buffer_.append(block, got);
    }
  }
  std::size_t line_number() const { return number_; }

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::size_t number_ = 0;
};

std::string file_label(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

class JsonlReader : public StoryReader {
 public:
  JsonlReader(std::unique_ptr<LineSource> source, std::string name)
      : source_(std::move(source)), name_(std::move(name)) {}

  Next next(Story& story, SkippedRecord& skipped) override {
    std::string line;
    while (source_->next(line)) {
      if (trim(line).empty()) continue;
      std::size_t number = source_->line_number();
      skipped = {name_, number, "", ""};
      std::string reason = parse(line, story);
      story.input_line = number;
      if (reason.empty()) return Next::kStory;
      skipped.id = story.id;
      skipped.reason = reason;
      return Next::kSkipped;
    }
    return Next::kEnd;
  }

 private:
  // Returns "" on success, else why the line is not a story. The DOM parser
  // validates the whole line, so trailing garbage after the object is an error.
  std::string parse(std::string& line, Story& story) {
    story = Story();
    if (first_line_) {
      first_line_ = false;
      if (line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte-order mark
    }
    simdjson::dom::element doc;
    if (parser_.parse(line).get(doc)) return "not valid JSON";
    simdjson::dom::object object;
    if (doc.get_object().get(object)) return "not a JSON object";
    bool have_text = false;
    for (auto field : object) {
      std::string_view key = field.key;
      simdjson::dom::element value = field.value;
      auto as_string = [&](std::string& out) -> bool {
        if (value.is_null()) return true;
        if (value.is_number()) {
          out = simdjson::minify(value);
          return true;
        }
        std::string_view text;
        if (value.get_string().get(text)) return false;
        out = std::string(text);
        return true;
      };
      if (key == "id") {
        if (!as_string(story.id)) return "field \"id\" is not a string";
      } else if (key == "date") {
        if (!as_string(story.date)) return "field \"date\" is not a string";
      } else if (key == "text") {
        if (!as_string(story.text)) return "field \"text\" is not a string";
        have_text = !value.is_null();
      } else if (key == "source") {
        if (!as_string(story.source)) return "field \"source\" is not a string";
      } else if (key == "title") {
        if (!as_string(story.title)) return "field \"title\" is not a string";
      } else if (key == "url") {
        if (!as_string(story.url)) return "field \"url\" is not a string";
      }
    }
    if (story.id.empty()) return "missing \"id\"";
    if (!have_text) return "missing \"text\"";
    // A story without a date (null or absent) is still coded: dates written
    // in full in the text resolve, relative ones ("yesterday") cannot.
    if (!story.date.empty() && !normalize_story_date(story.date)) {
      return "\"date\" is not a YYYY-MM-DD calendar date";
    }
    if (!is_valid_utf8(story.text)) return "\"text\" is not valid UTF-8";
    return "";
  }

  std::unique_ptr<LineSource> source_;
  std::string name_;
  simdjson::dom::parser parser_;
  bool first_line_ = true;
};

class TextReader : public StoryReader {
 public:
  TextReader(std::unique_ptr<LineSource> source, std::string name, TextDefaults defaults)
      : source_(std::move(source)), name_(std::move(name)), defaults_(std::move(defaults)) {}

  Next next(Story& story, SkippedRecord& skipped) override {
    if (done_) return Next::kEnd;
    done_ = true;
    story = Story();
    std::string line;
    while (source_->next(line)) {
      story.text += line;
      story.text += '\n';
    }
    story.id = defaults_.id.empty() ? name_ : defaults_.id;
    story.date = defaults_.date;
    story.input_line = 1;
    skipped = {name_, 1, story.id, ""};
    if (story.date.empty()) {
      skipped.reason = "plain text needs --date YYYY-MM-DD";
      return Next::kSkipped;
    }
    if (!normalize_story_date(story.date)) {
      skipped.reason = "--date is not a YYYY-MM-DD calendar date";
      return Next::kSkipped;
    }
    if (!is_valid_utf8(story.text)) {
      skipped.reason = "text is not valid UTF-8";
      return Next::kSkipped;
    }
    return Next::kStory;
  }

 private:
  std::unique_ptr<LineSource> source_;
  std::string name_;
  TextDefaults defaults_;
  bool done_ = false;
};

// PETRARCH <Sentence date="20080801" id=".." ...><Text>..</Text><Parse>..</Parse></Sentence>.
// Reads element by element, keeping at most one element in memory.
class XmlReader : public StoryReader {
 public:
  XmlReader(std::unique_ptr<LineSource> source, std::string name)
      : source_(std::move(source)), name_(std::move(name)) {}

  Next next(Story& story, SkippedRecord& skipped) override {
    std::string line;
    std::string element;
    std::size_t start_line = 0;
    while (true) {
      if (element.empty()) {
        // Skip comments, which may hold commented-out records.
        std::size_t comment = pending_.find("<!--");
        std::size_t open = xml_find_start_tag(pending_, "Sentence", 0);
        if (comment != std::string::npos && (open == std::string::npos || comment < open)) {
          std::size_t end = pending_.find("-->", comment);
          if (end == std::string::npos) {
            if (!source_->next(line)) return Next::kEnd;
            pending_ += line + "\n";
            continue;
          }
          pending_.erase(comment, end + 3 - comment);
          continue;
        }
        if (open == std::string::npos) {
          if (!source_->next(line)) return Next::kEnd;
          pending_ = line + "\n";
          continue;
        }
        pending_.erase(0, open);
        start_line = source_->line_number();
        element = pending_;
        pending_.clear();
      }
      std::size_t close = element.find("</Sentence>");
      if (close != std::string::npos) {
        pending_ = element.substr(close + 11);
        element.resize(close);
        break;
      }
      if (!source_->next(line)) {
        skipped = {name_, start_line, "", "unterminated <Sentence> element"};
        return Next::kSkipped;
      }
      element += line + "\n";
    }
    story = Story();
    std::size_t tag_end = element.find('>');
    std::string_view open_tag = std::string_view(element).substr(0, tag_end);
    story.id = xml_attribute(open_tag, "id");
    story.date = xml_attribute(open_tag, "date");
    story.source = xml_attribute(open_tag, "source");
    story.input_line = start_line;
    skipped = {name_, start_line, story.id, ""};
    std::size_t text_open = element.find("<Text>");
    std::size_t text_close = element.find("</Text>");
    if (text_open == std::string::npos || text_close == std::string::npos ||
        text_close < text_open) {
      skipped.reason = "<Sentence> without <Text>";
      return Next::kSkipped;
    }
    story.text = std::string(trim(
        xml_unescape(std::string_view(element).substr(text_open + 6, text_close - text_open - 6))));
    // PETRARCH files wrap <Text> at a fixed width: a line break there is a space.
    std::replace(story.text.begin(), story.text.end(), '\n', ' ');
    if (story.id.empty()) {
      skipped.reason = "<Sentence> without id";
      return Next::kSkipped;
    }
    if (!normalize_story_date(story.date)) {
      skipped.reason = "<Sentence> date is not YYYYMMDD or YYYY-MM-DD";
      return Next::kSkipped;
    }
    if (!is_valid_utf8(story.text)) {
      skipped.reason = "<Text> is not valid UTF-8";
      return Next::kSkipped;
    }
    return Next::kStory;
  }

 private:
  std::unique_ptr<LineSource> source_;
  std::string name_;
  std::string pending_;
};

std::unique_ptr<StoryReader> make_reader(std::unique_ptr<LineSource> source, InputFormat format,
                                         const TextDefaults& defaults, const std::string& name) {
  switch (format) {
    case InputFormat::kXml:
      return std::make_unique<XmlReader>(std::move(source), name);
    case InputFormat::kText:
      return std::make_unique<TextReader>(std::move(source), name, defaults);
    default:
      return std::make_unique<JsonlReader>(std::move(source), name);
  }
}

}  // namespace

bool normalize_story_date(std::string& date) {
  std::string candidate = date;
  if (candidate.size() == 8 && candidate.find('-') == std::string::npos) {
    candidate =
        candidate.substr(0, 4) + "-" + candidate.substr(4, 2) + "-" + candidate.substr(6, 2);
  }
  Date parsed;
  if (!parse_iso_date(candidate, parsed)) return false;
  date = candidate;
  return true;
}

Result<InputFormat> parse_input_format(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "jsonl" || name == "json") return InputFormat::kJsonl;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "xml") return InputFormat::kXml;
  return Status(StatusCode::kInvalidInput, "unknown input format (want auto, jsonl, text or xml)")
      .with_excerpt(std::string(name));
}

Result<std::unique_ptr<StoryReader>> StoryReader::open(const std::string& path, InputFormat format,
                                                       const TextDefaults& defaults) {
  if (format == InputFormat::kAuto) {
    std::string lower = path;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.ends_with(".jsonl") || lower.ends_with(".json") || path == "-") {
      format = InputFormat::kJsonl;
    } else if (lower.ends_with(".xml")) {
      format = InputFormat::kXml;
    } else {
      format = InputFormat::kText;
    }
  }
  std::FILE* file = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return Status(StatusCode::kNotFound, "cannot open input file").at(path, 0);
  auto source = std::make_unique<LineSource>(file, path != "-");
  return make_reader(std::move(source), format, defaults, file_label(path));
}

std::unique_ptr<StoryReader> StoryReader::from_string(std::string content, InputFormat format,
                                                      const TextDefaults& defaults,
                                                      std::string name) {
  if (format == InputFormat::kAuto) format = InputFormat::kJsonl;
  return make_reader(std::make_unique<LineSource>(std::move(content)), format, defaults, name);
}

}  // namespace tigris
