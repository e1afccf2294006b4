// The pipeline: load resources once; per story, clean -> sentences -> tokens
// -> tags and mentions -> time expressions -> chunks -> clauses -> events.
#include "tigris/pipeline.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "code/codebook.h"
#include "code/coder.h"
#include "common/mapped_file.h"
#include "common/strings.h"
#include "dict/dictionary.h"
#include "geo/gazetteer.h"
#include "lexicon/lexicon.h"
#include "syntax/syntax.h"
#include "syntax/treebank.h"
#include "text/text.h"
#include "time/dates.h"

#ifndef TIGRIS_DATA_DIR
#define TIGRIS_DATA_DIR "data"
#endif
#ifndef TIGRIS_GAZETTEER_INDEX
#define TIGRIS_GAZETTEER_INDEX ""
#endif
#ifndef TIGRIS_VERSION
#define TIGRIS_VERSION "0.0.0"
#endif

namespace tigris {

const char* version() {
  return TIGRIS_VERSION;
}

std::string default_data_dir() {
  const char* env = std::getenv("TIGRIS_DATA");
  return env && *env ? env : TIGRIS_DATA_DIR;
}

const char* tag_name(Tag tag) {
  switch (tag) {
    case Tag::kUnknown:
      return "?";
    case Tag::kNoun:
      return "NOUN";
    case Tag::kProperNoun:
      return "PROPN";
    case Tag::kPronoun:
      return "PRON";
    case Tag::kVerb:
      return "VERB";
    case Tag::kAuxiliary:
      return "AUX";
    case Tag::kModal:
      return "MODAL";
    case Tag::kAdjective:
      return "ADJ";
    case Tag::kAdverb:
      return "ADV";
    case Tag::kDeterminer:
      return "DET";
    case Tag::kNumber:
      return "NUM";
    case Tag::kPreposition:
      return "PREP";
    case Tag::kParticle:
      return "PART";
    case Tag::kTo:
      return "TO";
    case Tag::kConjunction:
      return "CONJ";
    case Tag::kSubordinator:
      return "SUB";
    case Tag::kWh:
      return "WH";
    case Tag::kNegation:
      return "NEG";
    case Tag::kPossessive:
      return "POS";
    case Tag::kPunct:
      return "PUNCT";
    case Tag::kQuote:
      return "QUOTE";
  }
  return "?";
}

struct WorkspaceData {
  CleanedText cleaned;
  SentenceSplitter splitter;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::string arena;
  SentenceAnalysis analysis;
  std::vector<TimeExpression> times;
  std::vector<std::string_view> words;
};

Workspace::Workspace() : data_(std::make_unique<WorkspaceData>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

Pipeline::Pipeline() = default;
Pipeline::~Pipeline() = default;

// Everything immutable the pipeline shares: the vocabulary must outlive the
// lexicon and dictionary that index into it, so one object owns them all.
struct PipelineResources {
  Vocabulary vocab;
  std::shared_ptr<Lexicon> lexicon;
  std::unique_ptr<Dictionary> dictionary;
  Codebook codebook;
  std::shared_ptr<const Gazetteer> gazetteer;  // may be null (index not built)
  std::unique_ptr<EventCoder> coder;
};
using Resources = PipelineResources;

namespace {

std::string fnv_hex(std::string_view data, std::uint64_t seed) {
  std::uint64_t hash = seed;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[20];
  std::snprintf(buffer, sizeof(buffer), "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace

Result<std::shared_ptr<const Pipeline>> Pipeline::load(const PipelineOptions& options) {
  std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  std::string wordnet_dir = options.wordnet_dir;
  if (wordnet_dir.empty()) {
    const char* env = std::getenv("TIGRIS_WORDNET");
    wordnet_dir = env && *env ? env : "/usr/share/wordnet";
  }
  auto resources = std::make_shared<PipelineResources>();
  auto lexicon = Lexicon::load(wordnet_dir, resources->vocab);
  if (!lexicon.is_ok()) return lexicon.status();
  resources->lexicon = lexicon.value();
  DictionaryBuilder builder(resources->vocab, *resources->lexicon);
  if (!options.replace_default_dictionaries) {
    TIGRIS_RETURN_IF_ERROR(builder.add_directory(data_dir + "/dict"));
  }
  // Dictionaries the user brings are read leniently: a malformed line is
  // reported (load_notes) and skipped rather than refusing the whole set.
  builder.set_lenient(true);
  for (const auto& dir : options.dictionary_dirs)
    TIGRIS_RETURN_IF_ERROR(builder.add_directory(dir));
  for (const auto& file : options.dictionary_files) {
    DictionaryKind kind =
        dictionary_kind_from_name(std::filesystem::path(file).filename().string());
    if (kind == DictionaryKind::kUnknown) {
      return Status(StatusCode::kInvalidInput,
                    "cannot tell the dictionary kind from the file name (want *actors*, *agents*, "
                    "*verbs*, *nominals*, *discards* or *ontology* in it, or TABARI's .actors, "
                    ".agents, .verbs "
                    "or .options extension)")
          .at(file, 0);
    }
    TIGRIS_RETURN_IF_ERROR(builder.add_file(file, kind));
  }
  auto pipeline = std::shared_ptr<Pipeline>(new Pipeline());
  pipeline->load_notes_ = std::move(builder.notes());
  resources->dictionary = builder.finish();
  auto codebook = Codebook::load(data_dir + "/codebook");
  if (!codebook.is_ok()) return codebook.status();
  resources->codebook = std::move(codebook.value());
  std::string gazetteer_path = options.gazetteer_path;
  if (gazetteer_path.empty()) {
    const char* env = std::getenv("TIGRIS_GAZETTEER");
    gazetteer_path = env && *env ? env : TIGRIS_GAZETTEER_INDEX;
  }
  if (!gazetteer_path.empty() && std::filesystem::exists(gazetteer_path)) {
    auto gazetteer = Gazetteer::load(gazetteer_path, data_dir + "/geo/aliases.tsv");
    if (!gazetteer.is_ok()) return gazetteer.status();
    resources->gazetteer = gazetteer.value();
  }
  CoderOptions coder_options;
  coder_options.future_as_intent = !options.petrarch_conventions;
  coder_options.first_actor_target = options.petrarch_conventions;
  coder_options.reciprocal_compound_subjects = options.petrarch_conventions;
  coder_options.combine_agents = options.petrarch_conventions;
  coder_options.subordinate_codes = options.petrarch_conventions;
  coder_options.split_multiple_codes = options.split_multiple_codes;
  coder_options.pattern_words_as_written = options.pattern_words_as_written;
  coder_options.first_actor_in_phrase = options.petrarch_conventions;
  coder_options.agent_object_target = options.petrarch_conventions;
  coder_options.complete_events_first = options.petrarch_conventions;
  coder_options.target_across_commas = options.petrarch_conventions;
  coder_options.regular_verb_endings = options.petrarch_conventions;
  resources->coder =
      std::make_unique<EventCoder>(*resources->dictionary, resources->codebook, resources->vocab,
                                   resources->gazetteer.get(), coder_options);
  // Hash of the dictionary sources, recorded with stored events.
  std::uint64_t seed = 1469598103934665603ull;
  std::string hash;
  for (const auto& source : resources->dictionary->sources()) {
    auto content = MappedFile::open(source);  // an unreadable file hashes as empty
    hash = fnv_hex(content.is_ok() ? content.value().text() : std::string_view(), seed);
    seed = std::strtoull(hash.c_str(), nullptr, 16);
  }
  pipeline->dictionary_hash_ = hash;
  pipeline->resources_ = std::move(resources);
  return std::shared_ptr<const Pipeline>(std::move(pipeline));
}

namespace {

bool looks_title_case(const std::vector<Token>& tokens, std::string_view text) {
  int words = 0;
  int capitalized = 0;
  int all_caps = 0;
  for (const auto& token : tokens) {
    std::string_view surface = token.span.in(text);
    if (surface.size() < 4 || !is_ascii_alpha(static_cast<unsigned char>(surface[0]))) continue;
    ++words;
    if (token.flags & kCapitalized) ++capitalized;
    if (token.flags & kAllCaps) ++all_caps;
  }
  return words >= 3 && (capitalized * 10 >= words * 8 || all_caps * 10 >= words * 6);
}

}  // namespace

// Shared by code() and explain(): runs the stages for one story.
class StoryRunner {
 public:
  StoryRunner(const Resources& resources, WorkspaceData& ws) : r_(resources), ws_(ws) {}

  // Codes from given parse trees: `story.text` is their leaves joined by
  // spaces, one tree per sentence, as made by code_parsed().
  void use_trees(const std::vector<ParseTree>* trees, const std::vector<Span>* spans,
                 const std::vector<std::vector<std::uint32_t>>* leaf_starts) {
    trees_ = trees;
    tree_spans_ = spans;
    leaf_starts_ = leaf_starts;
  }

  CodedStory run(const Story& story, std::string* trace) {
    CodedStory result;
    const std::string& text = story.text;
    clean_text(text, ws_.cleaned);
    result.dateline = ws_.cleaned.dateline;
    ws_.sentences.clear();
    if (trees_) {
      for (const Span& span : *tree_spans_) ws_.sentences.push_back({span, 0, false});
    }
    for (std::size_t p = 0; p < ws_.cleaned.paragraphs.size() && !trees_; ++p) {
      ws_.splitter.split(text, ws_.cleaned.paragraphs[p], static_cast<std::uint32_t>(p),
                         ws_.sentences);
    }
    if (trace) {
      for (const auto& dropped : ws_.cleaned.dropped) {
        *trace += std::string("dropped (") + dropped.reason +
                  "): " + std::string(dropped.span.in(text)) + "\n";
      }
      if (!ws_.cleaned.dateline.empty()) *trace += "dateline: " + ws_.cleaned.dateline + "\n";
    }
    Date story_date;
    parse_iso_date(story.date, story_date);
    StoryCodingState state;
    state.dateline = ws_.cleaned.dateline;
    SyntaxContext ctx{*r_.lexicon, *r_.dictionary, r_.vocab, ws_.arena, text};
    result.sentences = ws_.sentences.size();
    for (std::size_t s = 0; s < ws_.sentences.size(); ++s) {
      const Sentence& sentence = ws_.sentences[s];
      ws_.tokens.clear();
      ws_.arena.clear();
      ws_.analysis.clear();
      tokenize(text, sentence.span, ws_.tokens, ws_.arena);
      if (ws_.tokens.empty()) continue;
      bool title_case = looks_title_case(ws_.tokens, text);
      tag_tokens(ctx, ws_.tokens, ws_.analysis, title_case);
      // Discards: a sentence (or story) mentioning a discard phrase is not coded.
      if (discarded(ws_.tokens, result)) {
        if (trace) *trace += "sentence " + std::to_string(s) + " discarded\n";
        if (result.discarded) {
          result.events.clear();
          return result;
        }
        continue;
      }
      ws_.words.clear();
      for (const auto& token : ws_.tokens) ws_.words.push_back(token_norm(token, ws_.arena));
      ws_.times.clear();
      find_time_expressions(ws_.words, story_date, ws_.times);
      ws_.analysis.token_time.assign(ws_.tokens.size(), 0);
      for (std::size_t e = 0; e < ws_.times.size(); ++e) {
        for (std::size_t t = ws_.times[e].first; t <= ws_.times[e].last; ++t) {
          ws_.analysis.token_time[t] = static_cast<std::uint8_t>(1 + e % 250);
        }
      }
      if (trees_) {
        // Each token belongs to the leaf it starts in.
        const auto& starts = (*leaf_starts_)[s];
        std::vector<std::int32_t> token_leaf;
        for (const auto& token : ws_.tokens) {
          auto it = std::upper_bound(starts.begin(), starts.end(), token.span.begin);
          token_leaf.push_back(static_cast<std::int32_t>(it - starts.begin()) - 1);
        }
        analyse_tree(ctx, (*trees_)[s], token_leaf, ws_.tokens, ws_.analysis);
      } else {
        chunk_tokens(ctx, ws_.tokens, ws_.analysis);
        build_clauses(ctx, ws_.tokens, ws_.analysis);
      }
      if (trace) trace_sentence(s, sentence, text, *trace);
      SentenceInput input{text,
                          ws_.tokens,
                          ws_.analysis,
                          ws_.times,
                          ws_.arena,
                          sentence.span,
                          static_cast<std::uint32_t>(s),
                          story_date};
      r_.coder->code_sentence(input, state, result.events, trace);
    }
    for (auto& event : result.events) event.story_id = story.id;
    return result;
  }

 private:
  bool discarded(const std::vector<Token>& tokens, CodedStory& result) {
    const auto& trie = r_.dictionary->discard_trie();
    if (trie.phrase_count() == 0) return false;
    std::vector<std::uint32_t> ids;
    std::vector<std::string_view> texts;
    for (const auto& token : tokens) {
      ids.push_back(token.norm);
      texts.push_back(token_norm(token, ws_.arena));
    }
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      auto match = trie.longest(&ids[i], &texts[i], tokens.size() - i);
      if (match.length == 0) continue;
      ++result.discarded_sentences;
      if (r_.dictionary->discards()[match.value].whole_story) result.discarded = true;
      return true;
    }
    return false;
  }

  void trace_sentence(std::size_t s, const Sentence& sentence, const std::string& text,
                      std::string& trace) {
    trace += "\nsentence " + std::to_string(s) + (sentence.headline ? " (headline)" : "") + ": " +
             std::string(sentence.span.in(text)) + "\n  tokens:";
    for (const auto& token : ws_.tokens) {
      trace += ' ';
      trace += token.span.in(text);
      trace += '/';
      trace += tag_name(token.tag);
      if (token.tag == Tag::kVerb || token.tag == Tag::kNoun) {
        trace += "(" + std::string(r_.vocab.text(token.lemma)) + ")";
      }
    }
    trace += "\n  chunks:";
    static const char* kKinds[] = {"NP", "VG", "P",    "CONJ", "SUB", "WH",
                                   ",",  "Q",  "TIME", "-",    "END"};
    for (const auto& chunk : ws_.analysis.chunks) {
      trace += " [";
      trace += kKinds[static_cast<int>(chunk.kind)];
      trace += ' ';
      trace += text.substr(ws_.tokens[chunk.first].span.begin,
                           ws_.tokens[chunk.last].span.end - ws_.tokens[chunk.first].span.begin);
      trace += ']';
    }
    trace += "\n";
    for (const auto& mention : ws_.analysis.mentions) {
      std::string words(
          text.substr(ws_.tokens[mention.first].span.begin,
                      ws_.tokens[mention.last].span.end - ws_.tokens[mention.first].span.begin));
      if (mention.kind == Mention::Kind::kActor) {
        const auto& actor = r_.dictionary->actors()[mention.entry];
        trace += "  actor \"" + words + "\" = " + actor.name + " [" + actor.default_code +
                 (actor.dated.empty() ? "" : ", dated") + "] " +
                 r_.dictionary->entry_label(actor.source, actor.line) + "\n";
      } else if (mention.kind == Mention::Kind::kAgent) {
        const auto& agent = r_.dictionary->agents()[mention.entry];
        trace += "  agent \"" + words + "\" = ~" + agent.code + " " +
                 r_.dictionary->entry_label(agent.source, agent.line) + "\n";
      } else {
        const auto& nominal = r_.dictionary->nominals()[mention.entry];
        trace += "  event noun \"" + words + "\" = " + nominal.code + " " +
                 r_.dictionary->entry_label(nominal.source, nominal.line) + "\n";
      }
    }
    for (const auto& time : ws_.times) {
      trace +=
          "  time \"" +
          std::string(
              text.substr(ws_.tokens[time.first].span.begin,
                          ws_.tokens[time.last].span.end - ws_.tokens[time.first].span.begin)) +
          "\"" +
          (time.kind == TimeExpression::Kind::kAbsolute ? " = " + time.date.to_string()
                                                        : " (relative to the previous event)") +
          "\n";
    }
  }

  const Resources& r_;
  WorkspaceData& ws_;
  const std::vector<ParseTree>* trees_ = nullptr;
  const std::vector<Span>* tree_spans_ = nullptr;
  const std::vector<std::vector<std::uint32_t>>* leaf_starts_ = nullptr;
};

const Dictionary& Pipeline::dictionary() const {
  return *resources_->dictionary;
}
const Codebook& Pipeline::codebook() const {
  return resources_->codebook;
}
const Lexicon& Pipeline::lexicon() const {
  return *resources_->lexicon;
}
const Vocabulary& Pipeline::vocabulary() const {
  return resources_->vocab;
}
bool Pipeline::has_gazetteer() const {
  return resources_->gazetteer != nullptr;
}

CodedStory Pipeline::code(const Story& story, Workspace& ws) const {
  StoryRunner runner(*resources_, ws.data());
  return runner.run(story, nullptr);
}

Result<CodedStory> Pipeline::code_parsed(const Story& story, std::string_view treebank,
                                         Workspace& ws, std::string* trace) const {
  std::string_view first = trim(treebank);
  auto trees =
      !first.empty() && first.front() != '(' ? read_conllu(treebank) : read_treebank(treebank);
  if (!trees.is_ok()) {
    Status status = trees.status();
    return status.at(story.id.empty() ? "<Parse>" : "<Parse> of " + story.id, story.input_line);
  }
  Story parsed = story;
  parsed.text.clear();
  std::vector<Span> spans;
  std::vector<std::vector<std::uint32_t>> leaf_starts;
  for (const auto& tree : trees.value()) {
    if (!parsed.text.empty()) parsed.text += "\n\n";  // a paragraph break: no dateline or joining
    auto begin = static_cast<std::uint32_t>(parsed.text.size());
    leaf_starts.emplace_back();
    for (std::size_t l = 0; l < tree.leaves.size(); ++l) {
      if (l > 0) parsed.text += ' ';
      leaf_starts.back().push_back(static_cast<std::uint32_t>(parsed.text.size()));
      parsed.text += leaf_text(tree.nodes[static_cast<std::size_t>(tree.leaves[l])]);
    }
    spans.push_back({begin, static_cast<std::uint32_t>(parsed.text.size())});
  }
  StoryRunner runner(*resources_, ws.data());
  runner.use_trees(&trees.value(), &spans, &leaf_starts);
  CodedStory result = runner.run(parsed, trace);
  if (trace) *trace += "\n" + std::to_string(result.events.size()) + " event(s)\n";
  return result;
}

std::string Pipeline::explain(const Story& story, Workspace& ws) const {
  std::string trace;
  StoryRunner runner(*resources_, ws.data());
  CodedStory result = runner.run(story, &trace);
  trace += '\n';
  trace += std::to_string(result.events.size());
  trace += " event(s)\n";
  return trace;
}

}  // namespace tigris
