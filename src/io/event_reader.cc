// Reads events back from the JSON that append_event_json writes (for
// `tigris ingest --events` and tests). Unknown fields are ignored.
#include <simdjson.h>

#include "tigris/io.h"

namespace tigris {
namespace {

std::string text_of(simdjson::dom::element element, const char* key) {
  std::string_view value;
  if (element[key].get_string().get(value)) return "";
  return std::string(value);
}

std::optional<Actor> actor_of(simdjson::dom::element element, const char* key) {
  simdjson::dom::element actor;
  if (element[key].get(actor) || actor.is_null() || !actor.is_object()) return std::nullopt;
  Actor out;
  out.code = text_of(actor, "code");
  out.country = text_of(actor, "country");
  out.name = text_of(actor, "name");
  out.text = text_of(actor, "text");
  out.entry = text_of(actor, "entry");
  return out;
}

}  // namespace

Result<Event> parse_event_json(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line.data(), line.size()).get(doc) || !doc.is_object()) {
    return Status(StatusCode::kInvalidInput, "not a JSON object");
  }
  Event e;
  e.story_id = text_of(doc, "story_id");
  int64_t index = 0;
  if (!doc["sentence_index"].get_int64().get(index))
    e.sentence_index = static_cast<std::uint32_t>(index);
  e.sentence = text_of(doc, "sentence");
  e.date = text_of(doc, "date");
  e.date_source = text_of(doc, "date_source");
  bool historical = false;
  if (!doc["historical"].get_bool().get(historical)) e.historical = historical;
  auto source = actor_of(doc, "source");
  if (!source || e.story_id.empty()) {
    return Status(StatusCode::kInvalidInput, "event without story_id or source");
  }
  e.source = *source;
  e.target = actor_of(doc, "target");
  e.cameo = text_of(doc, "cameo");
  e.root = text_of(doc, "root");
  if (e.cameo.empty()) return Status(StatusCode::kInvalidInput, "event without cameo code");
  if (e.root.empty()) e.root = e.cameo.substr(0, 2);
  int64_t quad = 0;
  if (!doc["quad_class"].get_int64().get(quad)) e.quad_class = static_cast<int>(quad);
  double goldstein = 0;
  if (!doc["goldstein"].get_double().get(goldstein)) e.goldstein = goldstein;
  simdjson::dom::element plover;
  if (!doc["plover"].get(plover) && plover.is_object()) {
    e.plover_type = text_of(plover, "event_type");
    e.plover_mode = text_of(plover, "mode");
  }
  e.mode = text_of(doc, "mode");
  simdjson::dom::element location;
  if (!doc["location"].get(location) && location.is_object()) {
    Location place;
    place.name = text_of(location, "name");
    place.country = text_of(location, "country");
    double value = 0;
    if (!location["lat"].get_double().get(value)) place.lat = value;
    if (!location["lon"].get_double().get(value)) place.lon = value;
    e.location = place;
  }
  simdjson::dom::element evidence;
  if (!doc["evidence"].get(evidence) && evidence.is_object()) {
    e.evidence.verb = text_of(evidence, "verb");
    e.evidence.pattern = text_of(evidence, "pattern");
    e.evidence.pattern_entry = text_of(evidence, "entry");
  }
  return e;
}

}  // namespace tigris
