// Tolerant helpers for the XML-like files of PETRARCH and TABARI (not always
// well-formed): entity unescaping, attribute values, element search.
#pragma once

#include <string>
#include <string_view>

namespace tigris {

// Replaces &amp; &lt; &gt; &quot; &apos;; other entities are kept as written.
std::string xml_unescape(std::string_view text);

// The value of attribute `name` in a start tag; accepts '...' or "..." and
// blanks around '='. Empty when absent.
std::string xml_attribute(std::string_view tag, std::string_view name);
bool xml_has_attribute(std::string_view tag, std::string_view name);

// Position of the next start tag `<name` followed by a blank, '>' or '/'
// (so "<Sentence" does not match "<Sentences>"), or npos.
std::size_t xml_find_start_tag(std::string_view text, std::string_view name, std::size_t from);

}  // namespace tigris
