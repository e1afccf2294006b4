#include "validate/validation.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "common/strings.h"
#include "tigris/io.h"

namespace tigris {
namespace {

std::string unescape(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 6) {
        std::string_view e = text.substr(i + 1, semi - i - 1);
        const char* rep = e == "amp" ? "&" : e == "lt" ? "<" : e == "gt" ? ">" : e == "quot" ? "\"" : e == "apos" ? "'" : nullptr;
        if (rep) {
          out += rep;
          i = semi;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// The value of attribute `name` in a start tag; handles '...' and "..." quoting
// and spaces around '='.
std::string attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool boundary = pos == 0 || is_space(static_cast<unsigned char>(tag[pos - 1]));
    std::size_t eq = pos + name.size();
    while (eq < tag.size() && tag[eq] == ' ') ++eq;
    if (!boundary || eq >= tag.size() || tag[eq] != '=') {
      pos += name.size();
      continue;
    }
    std::size_t q = eq + 1;
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size()) return "";
    char quote = tag[q];
    if (quote != '"' && quote != '\'') return "";
    std::size_t end = tag.find(quote, q + 1);
    if (end == std::string_view::npos) return "";
    return unescape(tag.substr(q + 1, end - q - 1));
  }
  return "";
}

bool has_attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = tag.find(name);
  return pos != std::string_view::npos && (pos == 0 || is_space(static_cast<unsigned char>(tag[pos - 1])));
}

std::string element_text(std::string_view body, std::string_view name) {
  std::string open = "<" + std::string(name) + ">";
  std::string close = "</" + std::string(name) + ">";
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
  std::size_t pos = 0;
  while ((pos = text.find("<Sentence ", pos)) != std::string::npos) {
    std::size_t tag_end = text.find('>', pos);
    std::size_t close = text.find("</Sentence>", pos);
    std::size_t next_open = text.find("<Sentence ", pos + 1);
    if (tag_end == std::string::npos) break;
    if (close == std::string::npos || (next_open != std::string::npos && next_open < close)) {
      close = next_open == std::string::npos ? text.size() : next_open;
    }
    std::string_view tag(text.data() + pos, tag_end - pos);
    std::string_view body(text.data() + tag_end + 1, close > tag_end ? close - tag_end - 1 : 0);
    ValidationRecord record;
    record.line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n')) + 1;
    record.story.id = attribute(tag, "id");
    record.story.date = attribute(tag, "date");
    record.category = attribute(tag, "category");
    record.evaluate = attribute(tag, "evaluate") != "false";
    if (!normalize_story_date(record.story.date)) record.story.date = "2000-01-01";
    record.story.text = unescape(element_text(body, "Text"));
    record.story.input_line = record.line;
    std::size_t coding = 0;
    while ((coding = body.find("<EventCoding", coding)) != std::string_view::npos) {
      std::size_t coding_end = body.find('>', coding);
      std::string_view ctag = body.substr(coding, coding_end - coding);
      if (has_attribute(ctag, "noevents") || has_attribute(ctag, "error")) {
        record.expect_none = true;
      } else {
        ExpectedEvent e{attribute(ctag, "sourcecode"), attribute(ctag, "targetcode"),
                        attribute(ctag, "eventcode")};
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
