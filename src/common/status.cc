#include "tigris/status.h"

namespace tigris {

const char* status_code_name(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidInput:
      return "invalid input";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kIoError:
      return "i/o error";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

Status& Status::with_excerpt(std::string text) {
  // Keep error lines readable when the offending text is a whole paragraph.
  constexpr std::size_t kMaxExcerpt = 120;
  if (text.size() > kMaxExcerpt) {
    std::size_t cut = kMaxExcerpt;
    // Never cut inside a UTF-8 character (continuation bytes are 10xxxxxx).
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  excerpt_ = std::move(text);
  return *this;
}

std::string Status::to_string() const {
  if (is_ok()) return "ok";
  std::string out;
  if (!file_.empty()) {
    out += file_;
    if (line_ > 0) {
      out += ':';
      out += std::to_string(line_);
    }
    out += ": ";
  }
  out += message_;
  if (!excerpt_.empty()) out += ": \"" + excerpt_ + "\"";
  return out;
}

}  // namespace tigris
