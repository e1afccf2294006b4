// Reads events back from the JSON that append_event_json writes (for
// `tigris ingest --events`, the SQLite store's event_extra column and tests).
// Every field append_event_json writes is read back, so writing the parsed
// event again gives the same JSON. Unknown fields are ignored.
#include <simdjson.h>

#include <limits>

#include "tigris/io.h"

namespace tigris {
namespace {

using simdjson::dom::element;

// The value of `key` when it is present and not null.
bool field(element object, const char* key, element& out) {
  return !object[key].get(out) && !out.is_null();
}

// Sets `out` when `key` is a string; a missing key or null leaves it as it is.
Status read_text(element object, const char* key, std::string& out) {
  element value;
  if (!field(object, key, value)) return Status::ok();
  std::string_view text;
  if (value.get_string().get(text)) {
    return Status(StatusCode::kInvalidInput, std::string("'") + key + "' is not a string");
  }
  out.assign(text);
  return Status::ok();
}

template <typename Unsigned>
Status read_unsigned(element object, const char* key, Unsigned& out) {
  element value;
  if (!field(object, key, value)) return Status::ok();
  std::uint64_t number = 0;
  if (value.get_uint64().get(number) || number > std::numeric_limits<Unsigned>::max()) {
    return Status(StatusCode::kInvalidInput,
                  std::string("'") + key + "' is not an unsigned integer in range");
  }
  out = static_cast<Unsigned>(number);
  return Status::ok();
}

Status read_double(element object, const char* key, double& out) {
  element value;
  if (!field(object, key, value)) return Status::ok();
  if (value.get_double().get(out)) {
    return Status(StatusCode::kInvalidInput, std::string("'") + key + "' is not a number");
  }
  return Status::ok();
}

Status read_optional_double(element object, const char* key, std::optional<double>& out) {
  element value;
  if (!field(object, key, value)) return Status::ok();
  double number = 0;
  TIGRIS_RETURN_IF_ERROR(read_double(object, key, number));
  out = number;
  return Status::ok();
}

Status read_bool(element object, const char* key, bool& out) {
  element value;
  if (!field(object, key, value)) return Status::ok();
  if (value.get_bool().get(out)) {
    return Status(StatusCode::kInvalidInput, std::string("'") + key + "' is not true or false");
  }
  return Status::ok();
}

// The object at `key`, when present and not null; an error when it is
// something else.
Result<bool> object_at(element parent, const char* key, element& out) {
  if (!field(parent, key, out)) return false;
  if (!out.is_object()) {
    return Status(StatusCode::kInvalidInput, std::string("'") + key + "' is not an object");
  }
  return true;
}

Status merge_location(element object, Location& place) {
  TIGRIS_RETURN_IF_ERROR(read_text(object, "name", place.name));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "country", place.country));
  TIGRIS_RETURN_IF_ERROR(read_optional_double(object, "lat", place.lat));
  TIGRIS_RETURN_IF_ERROR(read_optional_double(object, "lon", place.lon));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "admin1", place.admin1));
  element id;
  if (field(object, "geonames_id", id) && id.get_int64().get(place.geonames_id)) {
    return Status(StatusCode::kInvalidInput, "'geonames_id' is not an integer");
  }
  return Status::ok();
}

// An object at `key` creates the location when absent and sets what it names.
Status merge_optional_location(element parent, const char* key, std::optional<Location>& place) {
  element object;
  auto present = object_at(parent, key, object);
  if (!present.is_ok()) return present.status();
  if (!present.value()) return Status::ok();
  if (!place) place = Location{};
  return merge_location(object, *place);
}

Status merge_actor(element object, Actor& actor) {
  TIGRIS_RETURN_IF_ERROR(read_text(object, "code", actor.code));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "country", actor.country));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "name", actor.name));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "text", actor.text));
  TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "begin", actor.span.begin));
  TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "end", actor.span.end));
  TIGRIS_RETURN_IF_ERROR(read_text(object, "entry", actor.entry));
  return merge_optional_location(object, "location", actor.location);
}

Status merge_optional_actor(element parent, const char* key, std::optional<Actor>& actor) {
  element object;
  auto present = object_at(parent, key, object);
  if (!present.is_ok()) return present.status();
  if (!present.value()) return Status::ok();
  if (!actor) actor = Actor{};
  return merge_actor(object, *actor);
}

Status merge_event(element doc, Event& e) {
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "story_id", e.story_id));
  TIGRIS_RETURN_IF_ERROR(read_unsigned(doc, "sentence_index", e.sentence_index));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "sentence", e.sentence));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "date", e.date));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "date_source", e.date_source));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "date_text", e.date_text));
  TIGRIS_RETURN_IF_ERROR(read_bool(doc, "historical", e.historical));
  element object;
  auto present = object_at(doc, "source", object);
  if (!present.is_ok()) return present.status();
  if (present.value()) TIGRIS_RETURN_IF_ERROR(merge_actor(object, e.source));
  TIGRIS_RETURN_IF_ERROR(merge_optional_actor(doc, "target", e.target));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "cameo", e.cameo));
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "root", e.root));
  element quad;
  if (field(doc, "quad_class", quad)) {
    std::int64_t value = 0;
    if (quad.get_int64().get(value) || value < 0 || value > 4) {
      return Status(StatusCode::kInvalidInput, "'quad_class' is not 0 to 4");
    }
    e.quad_class = static_cast<int>(value);
  }
  TIGRIS_RETURN_IF_ERROR(read_double(doc, "goldstein", e.goldstein));
  present = object_at(doc, "plover", object);
  if (!present.is_ok()) return present.status();
  if (present.value()) {
    TIGRIS_RETURN_IF_ERROR(read_text(object, "event_type", e.plover_type));
    TIGRIS_RETURN_IF_ERROR(read_text(object, "mode", e.plover_mode));
  }
  TIGRIS_RETURN_IF_ERROR(read_text(doc, "mode", e.mode));
  TIGRIS_RETURN_IF_ERROR(merge_optional_actor(doc, "reported_by", e.reported_by));
  TIGRIS_RETURN_IF_ERROR(merge_optional_location(doc, "location", e.location));
  present = object_at(doc, "evidence", object);
  if (!present.is_ok()) return present.status();
  if (present.value()) {
    Evidence& evidence = e.evidence;
    TIGRIS_RETURN_IF_ERROR(read_text(object, "verb", evidence.verb));
    TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "verb_begin", evidence.verb_span.begin));
    TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "verb_end", evidence.verb_span.end));
    TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "sentence_begin", e.sentence_span.begin));
    TIGRIS_RETURN_IF_ERROR(read_unsigned(object, "sentence_end", e.sentence_span.end));
    TIGRIS_RETURN_IF_ERROR(read_text(object, "pattern", evidence.pattern));
    TIGRIS_RETURN_IF_ERROR(read_text(object, "entry", evidence.pattern_entry));
    element rules;
    if (field(object, "rules", rules)) {
      simdjson::dom::array array;
      if (rules.get_array().get(array)) {
        return Status(StatusCode::kInvalidInput, "'rules' is not an array");
      }
      evidence.rules.clear();
      for (element rule : array) {
        std::string_view text;
        if (rule.get_string().get(text)) {
          return Status(StatusCode::kInvalidInput, "'rules' holds something else than strings");
        }
        evidence.rules.emplace_back(text);
      }
    }
  }
  return Status::ok();
}

}  // namespace

Status merge_event_json(std::string_view json, Event& event) {
  // One parser per thread: its buffers are reused from line to line.
  thread_local simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) || !doc.is_object()) {
    return Status(StatusCode::kInvalidInput, "not a JSON object");
  }
  return merge_event(doc, event);
}

Result<Event> parse_event_json(std::string_view line) {
  Event e;
  TIGRIS_RETURN_IF_ERROR(merge_event_json(line, e));
  if (e.story_id.empty()) return Status(StatusCode::kInvalidInput, "event without story_id");
  if (e.source.code.empty() && e.source.country.empty()) {
    return Status(StatusCode::kInvalidInput, "event without source");
  }
  if (e.cameo.empty()) return Status(StatusCode::kInvalidInput, "event without cameo code");
  if (e.root.empty()) e.root = e.cameo.substr(0, 2);
  return e;
}

}  // namespace tigris
