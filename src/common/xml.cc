#include "common/xml.h"

#include "common/strings.h"

namespace tigris {

std::string xml_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '&') {
      std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 6) {
        std::string_view e = text.substr(i + 1, semi - i - 1);
        const char* replacement = e == "amp"    ? "&"
                                  : e == "lt"   ? "<"
                                  : e == "gt"   ? ">"
                                  : e == "quot" ? "\""
                                  : e == "apos" ? "'"
                                                : nullptr;
        if (replacement) {
          out += replacement;
          i = semi;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

namespace {

// Offset of `name=` as a whole attribute name in `tag`, returning the offset
// just after '=' (blanks allowed around it), or npos.
std::size_t attribute_value_start(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    bool boundary = pos > 0 && is_space(static_cast<unsigned char>(tag[pos - 1]));
    std::size_t eq = pos + name.size();
    while (eq < tag.size() && is_space(static_cast<unsigned char>(tag[eq]))) ++eq;
    if (boundary && eq < tag.size() && tag[eq] == '=') return eq + 1;
    pos += name.size();
  }
  return std::string_view::npos;
}

}  // namespace

std::string xml_attribute(std::string_view tag, std::string_view name) {
  std::size_t q = attribute_value_start(tag, name);
  if (q == std::string_view::npos) return "";
  while (q < tag.size() && is_space(static_cast<unsigned char>(tag[q]))) ++q;
  if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) return "";
  std::size_t end = tag.find(tag[q], q + 1);
  if (end == std::string_view::npos) return "";
  return xml_unescape(tag.substr(q + 1, end - q - 1));
}

bool xml_has_attribute(std::string_view tag, std::string_view name) {
  return attribute_value_start(tag, name) != std::string_view::npos;
}

std::size_t xml_find_start_tag(std::string_view text, std::string_view name, std::size_t from) {
  std::string open("<");
  open.append(name);
  while ((from = text.find(open, from)) != std::string_view::npos) {
    std::size_t after = from + open.size();
    if (after >= text.size()) return std::string_view::npos;
    char c = text[after];
    if (c == '>' || c == '/' || is_space(static_cast<unsigned char>(c))) return from;
    from = after;
  }
  return std::string_view::npos;
}

}  // namespace tigris
