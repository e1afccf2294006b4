// tigris/pipeline.h: load the resources once, then code stories.
//
//   auto pipeline = tigris::Pipeline::load(options);     // slow: reads WordNet, dictionaries
//   tigris::Workspace ws;                                 // one per thread
//   tigris::CodedStory out = pipeline.value()->code(story, ws);
//
// A Pipeline is immutable after load() and safe to share between threads
// (hold it through std::shared_ptr<const Pipeline>). A Workspace owns scratch
// buffers reused from story to story; it is not thread-safe: one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tigris/document.h"
#include "tigris/event.h"
#include "tigris/status.h"

namespace tigris {

class Lexicon;
class Dictionary;
class Codebook;
class Vocabulary;
struct WorkspaceData;
struct PipelineResources;

struct PipelineOptions {
  // The folder holding dict/, codebook/ and samples/. Defaults to the data
  // folder of the source tree Tigris was built from (TIGRIS_DATA_DIR), or the
  // TIGRIS_DATA environment variable when set.
  std::string data_dir;
  // Extra dictionary folders (PETRARCH/Phoenix or TABARI formats) loaded on top
  // of the defaults, or instead of them when replace_default_dictionaries is set.
  std::vector<std::string> dictionary_dirs;
  // Individual dictionary files; the kind is taken from the name (see docs/dictionaries.md).
  std::vector<std::string> dictionary_files;
  bool replace_default_dictionaries = false;
  // WordNet database folder (Debian's wordnet-base installs /usr/share/wordnet).
  std::string wordnet_dir;
  // Gazetteer index built by tools/gazetteer/build.sh (default: the build
  // tree's, or $TIGRIS_GAZETTEER). Without it, places get no coordinates.
  std::string gazetteer_path;
  // PETRARCH/TABARI coding conventions instead of Tigris's own (for `tigris
  // validate`): a future act ("will abandon ties") is coded as the act itself,
  // not as the CAMEO 03x/13x intent to do it.
  bool petrarch_conventions = false;
  // PETRARCH-2 (and TABARI) code an actor with several codes ("THE_SHIRE
  // [FRO/BIL/SAM]") as one actor per code; UD-PETRARCH keeps "FRO/BIL/SAM" as
  // one code. `tigris validate` sets this for suites with Treebank parses.
  bool split_multiple_codes = false;
  // PETRARCH-2 matches a verb pattern's words as written ("* EFFORT" is not
  // "efforts"); UD-PETRARCH and Tigris match lemmas too. `tigris validate`
  // sets this for suites with Treebank parses.
  bool pattern_words_as_written = false;
};

// Scratch space for coding one story at a time on one thread.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  WorkspaceData& data() { return *data_; }

 private:
  std::unique_ptr<WorkspaceData> data_;
};

struct CodedStory {
  std::vector<Event> events;
  std::size_t sentences = 0;            // sentences considered after cleaning
  std::size_t discarded_sentences = 0;  // matched the discard list
  bool discarded = false;               // the whole story matched a story-level discard
  std::string dateline;                 // place named in the dateline, if any
};

// A diagnostic about a dictionary construct that was read but not supported.
struct LoadNote {
  std::string file;
  std::size_t line = 0;
  std::string text;
  std::string reason;
};

class Pipeline {
 public:
  static Result<std::shared_ptr<const Pipeline>> load(const PipelineOptions& options);
  ~Pipeline();

  // Codes one story. Never fails: text that cannot be coded yields no events.
  // Cost: linear in the story's length. Thread-safe (const); `ws` is per thread.
  CodedStory code(const Story& story, Workspace& ws) const;

  // Codes one story from its parse instead of Tigris's own chunker and clause
  // finder: Penn Treebank brackets (one tree per sentence, as in PETRARCH-2's
  // validation records) or CoNLL-U (UD-PETRARCH's), told apart by the first
  // character. The text coded is the parse's words. Fails only when the parse
  // cannot be read. `trace`, when non-null, gets explain's trace.
  Result<CodedStory> code_parsed(const Story& story, std::string_view treebank, Workspace& ws,
                                 std::string* trace = nullptr) const;

  // A human-readable trace of every stage for one sentence (tokens, tags,
  // chunks, clauses, matched actors and patterns, events), for `tigris explain`.
  std::string explain(const Story& story, Workspace& ws) const;

  const Dictionary& dictionary() const;
  const Codebook& codebook() const;
  const Lexicon& lexicon() const;
  const Vocabulary& vocabulary() const;  // for tools and benchmarks of single stages
  bool has_gazetteer() const;
  // Constructs read but not supported, each reported once with file and line.
  const std::vector<LoadNote>& load_notes() const { return load_notes_; }
  // A hash of every loaded dictionary file's content, stored with events.
  const std::string& dictionary_hash() const { return dictionary_hash_; }

 private:
  Pipeline();
  std::shared_ptr<const PipelineResources> resources_;
  std::vector<LoadNote> load_notes_;
  std::string dictionary_hash_;
};

// The version string of this build, e.g. "0.1.0".
const char* version();

// The data folder used when PipelineOptions::data_dir is empty: $TIGRIS_DATA,
// else the data/ folder of the source tree this binary was built from.
std::string default_data_dir();

}  // namespace tigris
