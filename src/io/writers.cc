// Event writers: one JSON object per line (docs/output.md), or TSV.
#include <charconv>
#include <cstdio>

#include "tigris/io.h"

namespace tigris {
namespace {

void append_number(double value, std::string& out) {
  char buffer[32];
  int n = std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  out.append(buffer, static_cast<std::size_t>(n));
}

void append_coordinate(double value, std::string& out) {
  char buffer[32];
  int n = std::snprintf(buffer, sizeof(buffer), "%.5f", value);
  out.append(buffer, static_cast<std::size_t>(n));
}

void append_uint(std::uint64_t value, std::string& out) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, result.ptr);
}

void append_key(std::string_view key, std::string& out) {
  append_json_string(key, out);
  out.push_back(':');
}

void append_string_or_null(std::string_view value, std::string& out) {
  if (value.empty()) {
    out += "null";
  } else {
    append_json_string(value, out);
  }
}

// {name, country, lat, lon, admin1, geonames_id}, or null.
void append_location(const std::optional<Location>& location, std::string& out) {
  if (!location) {
    out += "null";
    return;
  }
  out += "{";
  append_key("name", out);
  append_json_string(location->name, out);
  out += ",";
  append_key("country", out);
  append_string_or_null(location->country, out);
  out += ",";
  append_key("lat", out);
  if (location->lat) {
    append_coordinate(*location->lat, out);
  } else {
    out += "null";
  }
  out += ",";
  append_key("lon", out);
  if (location->lon) {
    append_coordinate(*location->lon, out);
  } else {
    out += "null";
  }
  out += ",";
  append_key("admin1", out);
  append_string_or_null(location->admin1, out);
  out += ",";
  append_key("geonames_id", out);
  if (location->geonames_id) {
    append_uint(static_cast<std::uint64_t>(location->geonames_id), out);
  } else {
    out += "null";
  }
  out += "}";
}

void append_actor(const Actor& actor, std::string& out) {
  out += "{";
  append_key("code", out);
  append_json_string(actor.code, out);
  out += ",";
  append_key("country", out);
  append_string_or_null(actor.country, out);
  out += ",";
  append_key("name", out);
  append_string_or_null(actor.name, out);
  out += ",";
  append_key("text", out);
  append_json_string(actor.text, out);
  out += ",";
  append_key("begin", out);
  append_uint(actor.span.begin, out);
  out += ",";
  append_key("end", out);
  append_uint(actor.span.end, out);
  out += ",";
  append_key("entry", out);
  append_string_or_null(actor.entry, out);
  out += ",";
  append_key("location", out);
  append_location(actor.location, out);
  out += "}";
}

// TSV fields must not contain tabs or newlines.
void append_tsv_field(std::string_view value, std::string& out) {
  for (char c : value) out.push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

}  // namespace

void append_json_string(std::string_view text, std::string& out) {
  out.push_back('"');
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (b < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", b);
          out += buffer;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

Result<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  if (name == "tsv") return OutputFormat::kTsv;
  return Status(StatusCode::kInvalidInput, "unknown output format (want jsonl or tsv)")
      .with_excerpt(std::string(name));
}

void append_event_json(const Event& e, std::string& out) {
  out += "{";
  append_key("story_id", out);
  append_json_string(e.story_id, out);
  out += ",";
  append_key("sentence_index", out);
  append_uint(e.sentence_index, out);
  out += ",";
  append_key("sentence", out);
  append_json_string(e.sentence, out);
  out += ",";
  append_key("date", out);
  append_string_or_null(e.date, out);
  out += ",";
  append_key("date_source", out);
  append_json_string(e.date_source, out);
  if (!e.date_text.empty()) {
    out += ",";
    append_key("date_text", out);
    append_json_string(e.date_text, out);
  }
  out += ",";
  append_key("historical", out);
  out += e.historical ? "true" : "false";
  out += ",";
  append_key("source", out);
  append_actor(e.source, out);
  out += ",";
  append_key("target", out);
  if (e.target) {
    append_actor(*e.target, out);
  } else {
    out += "null";
  }
  out += ",";
  append_key("cameo", out);
  append_json_string(e.cameo, out);
  out += ",";
  append_key("root", out);
  append_json_string(e.root, out);
  out += ",";
  append_key("quad_class", out);
  append_uint(static_cast<std::uint64_t>(e.quad_class), out);
  out += ",";
  append_key("goldstein", out);
  append_number(e.goldstein, out);
  out += ",";
  append_key("plover", out);
  out += "{";
  append_key("event_type", out);
  append_string_or_null(e.plover_type, out);
  out += ",";
  append_key("mode", out);
  append_string_or_null(e.plover_mode, out);
  out += "},";
  append_key("mode", out);
  append_string_or_null(e.mode, out);
  out += ",";
  append_key("reported_by", out);
  if (e.reported_by) {
    append_actor(*e.reported_by, out);
  } else {
    out += "null";
  }
  out += ",";
  append_key("location", out);
  if (e.location) {
    out += "{";
    append_key("name", out);
    append_json_string(e.location->name, out);
    out += ",";
    append_key("country", out);
    append_string_or_null(e.location->country, out);
    out += ",";
    append_key("lat", out);
    if (e.location->lat)
      append_coordinate(*e.location->lat, out);
    else
      out += "null";
    out += ",";
    append_key("lon", out);
    if (e.location->lon)
      append_coordinate(*e.location->lon, out);
    else
      out += "null";
    out += ",";
    append_key("admin1", out);
    append_string_or_null(e.location->admin1, out);
    out += ",";
    append_key("geonames_id", out);
    if (e.location->geonames_id)
      append_uint(static_cast<std::uint64_t>(e.location->geonames_id), out);
    else
      out += "null";
    out += "}";
  } else {
    out += "null";
  }
  out += ",";
  append_key("evidence", out);
  out += "{";
  append_key("verb", out);
  append_json_string(e.evidence.verb, out);
  out += ",";
  append_key("verb_begin", out);
  append_uint(e.evidence.verb_span.begin, out);
  out += ",";
  append_key("verb_end", out);
  append_uint(e.evidence.verb_span.end, out);
  out += ",";
  append_key("sentence_begin", out);
  append_uint(e.sentence_span.begin, out);
  out += ",";
  append_key("sentence_end", out);
  append_uint(e.sentence_span.end, out);
  out += ",";
  append_key("pattern", out);
  append_json_string(e.evidence.pattern, out);
  out += ",";
  append_key("entry", out);
  append_string_or_null(e.evidence.pattern_entry, out);
  out += ",";
  append_key("rules", out);
  out += "[";
  for (std::size_t i = 0; i < e.evidence.rules.size(); ++i) {
    if (i) out += ",";
    append_json_string(e.evidence.rules[i], out);
  }
  out += "]}}";
}

std::string tsv_header() {
  return "story_id\tsentence_index\tdate\tdate_source\tsource_code\tsource_country\ttarget_code\t"
         "target_country\tcameo\troot\tquad_class\tgoldstein\tplover_type\tplover_mode\tmode\t"
         "location\tlocation_country\tverb\tpattern\tsentence\n";
}

void append_event_tsv(const Event& e, std::string& out) {
  auto field = [&](std::string_view value, bool last = false) {
    append_tsv_field(value, out);
    out.push_back(last ? '\n' : '\t');
  };
  field(e.story_id);
  field(std::to_string(e.sentence_index));
  field(e.date);
  field(e.date_source);
  field(e.source.code);
  field(e.source.country);
  field(e.target ? e.target->code : "");
  field(e.target ? e.target->country : "");
  field(e.cameo);
  field(e.root);
  field(std::to_string(e.quad_class));
  char goldstein[16];
  std::snprintf(goldstein, sizeof(goldstein), "%.1f", e.goldstein);
  field(goldstein);
  field(e.plover_type);
  field(e.plover_mode);
  field(e.mode);
  field(e.location ? e.location->name : "");
  field(e.location ? e.location->country : "");
  field(e.evidence.verb);
  field(e.evidence.pattern);
  field(e.sentence, true);
}

}  // namespace tigris
