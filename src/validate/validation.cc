#include "validate/validation.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "common/strings.h"
#include "common/xml.h"
#include "tigris/io.h"

namespace tigris {
namespace {

std::string element_text(std::string_view body, std::string_view name) {
  std::string open("<");
  open.append(name).push_back('>');
  std::string close("</");
  close.append(name).push_back('>');
  std::size_t a = body.find(open);
  std::size_t b = a == std::string_view::npos ? a : body.find(close, a);
  if (b == std::string_view::npos) return "";
  return std::string(trim(body.substr(a + open.size(), b - a - open.size())));
}

// Removes <!-- ... --> comments, keeping newlines so line numbers stay right.
std::string strip_comments(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t open = text.find("<!--", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, open - pos));
    std::size_t close = text.find("-->", open + 4);
    std::size_t stop = close == std::string_view::npos ? text.size() : close + 3;
    for (std::size_t i = open; i < stop; ++i) {
      if (text[i] == '\n') out.push_back('\n');
    }
    pos = stop;
  }
  return out;
}

}  // namespace

Result<ValidationSuite> read_validation_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open validation file").at(path, 0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = strip_comments(buffer.str());
  ValidationSuite suite;
  std::string environment = element_text(text, "Environment");
  suite.verb_file = element_text(environment, "Verbfile");
  suite.actor_file = element_text(environment, "Actorfile");
  suite.agent_file = element_text(environment, "Agentfile");
  suite.discard_file = element_text(environment, "Discardfile");
  suite.ontology_file = element_text(environment, "PICOfile");
  std::size_t pos = 0;
  while ((pos = xml_find_start_tag(text, "Sentence", pos)) != std::string::npos) {
    std::size_t tag_end = text.find('>', pos);
    std::size_t close = text.find("</Sentence>", pos);
    std::size_t next_open = xml_find_start_tag(text, "Sentence", pos + 1);
    if (tag_end == std::string::npos) break;
    if (close == std::string::npos || (next_open != std::string::npos && next_open < close)) {
      close = next_open == std::string::npos ? text.size() : next_open;
    }
    std::string_view tag(text.data() + pos, tag_end - pos);
    std::string_view body(text.data() + tag_end + 1, close > tag_end ? close - tag_end - 1 : 0);
    ValidationRecord record;
    record.line = static_cast<std::size_t>(
                      std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n')) +
                  1;
    record.story.id = xml_attribute(tag, "id");
    record.story.date = xml_attribute(tag, "date");
    record.category = xml_attribute(tag, "category");
    record.evaluate = xml_attribute(tag, "evaluate") != "false";
    if (!normalize_story_date(record.story.date)) record.story.date = "2000-01-01";
    record.story.text = xml_unescape(element_text(body, "Text"));
    // The suites wrap <Text> at a fixed width: a line break there is a space.
    std::replace(record.story.text.begin(), record.story.text.end(), '\n', ' ');
    record.story.input_line = record.line;
    record.parse = element_text(body, "Parse");
    std::size_t coding = 0;
    while ((coding = body.find("<EventCoding", coding)) != std::string_view::npos) {
      std::size_t coding_end = body.find('>', coding);
      std::string_view ctag = body.substr(coding, coding_end - coding);
      if (xml_has_attribute(ctag, "noevents") || xml_has_attribute(ctag, "error")) {
        record.expect_none = true;
      } else {
        ExpectedEvent e{xml_attribute(ctag, "sourcecode"), xml_attribute(ctag, "targetcode"),
                        xml_attribute(ctag, "eventcode")};
        if (!e.code.empty()) record.expected.push_back(std::move(e));
      }
      coding = coding_end;
    }
    if (!record.story.id.empty()) suite.records.push_back(std::move(record));
    pos = close;
  }
  if (suite.records.empty()) {
    return Status(StatusCode::kInvalidInput, "no <Sentence> records found").at(path, 0);
  }
  return suite;
}

}  // namespace tigris
