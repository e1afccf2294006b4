// Per-stage benchmarks over real news (../shared/data/corpus/wikinews.jsonl
// when present, else the bundled sample). Each reports items/s; sentences are
// the unit for the stages that work per sentence.
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "dict/dictionary.h"
#include "lexicon/lexicon.h"
#include "syntax/syntax.h"
#include "text/text.h"
#include "tigris/io.h"
#include "tigris/pipeline.h"

namespace {

struct Corpus {
  std::string jsonl;
  std::vector<tigris::Story> stories;
  std::shared_ptr<const tigris::Pipeline> pipeline;
};

const Corpus& corpus() {
  static Corpus* c = [] {
    auto* out = new Corpus;
    std::string path = std::string(TIGRIS_BENCH_SHARED) + "/data/corpus/wikinews.jsonl";
    std::ifstream in(path);
    if (!in) {
      path = std::string(TIGRIS_BENCH_DATA) + "/samples/sample.jsonl";
      in.open(path);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out->jsonl = buffer.str();
    auto reader = tigris::StoryReader::from_string(out->jsonl, tigris::InputFormat::kJsonl, {});
    tigris::Story story;
    tigris::SkippedRecord skipped;
    while (reader->next(story, skipped) != tigris::StoryReader::Next::kEnd) {
      if (!story.text.empty()) out->stories.push_back(story);
    }
    auto loaded = tigris::Pipeline::load({});
    if (loaded.is_ok()) out->pipeline = loaded.value();
    return out;
  }();
  return *c;
}

// Sentences of every story, split once for the per-sentence stages.
struct SplitCorpus {
  std::vector<std::pair<const tigris::Story*, tigris::Sentence>> sentences;
};

const SplitCorpus& split_corpus() {
  static SplitCorpus* s = [] {
    auto* out = new SplitCorpus;
    tigris::SentenceSplitter splitter;
    tigris::CleanedText cleaned;
    std::vector<tigris::Sentence> sentences;
    for (const auto& story : corpus().stories) {
      tigris::clean_text(story.text, cleaned);
      sentences.clear();
      for (std::uint32_t p = 0; p < cleaned.paragraphs.size(); ++p) {
        splitter.split(story.text, cleaned.paragraphs[p], p, sentences);
      }
      for (const auto& sentence : sentences) out->sentences.emplace_back(&story, sentence);
    }
    return out;
  }();
  return *s;
}

void BM_ReadJsonl(benchmark::State& state) {
  const Corpus& c = corpus();
  std::size_t stories = 0;
  for (auto _ : state) {
    auto reader = tigris::StoryReader::from_string(c.jsonl, tigris::InputFormat::kJsonl, {});
    tigris::Story story;
    tigris::SkippedRecord skipped;
    while (reader->next(story, skipped) != tigris::StoryReader::Next::kEnd) ++stories;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(stories));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.jsonl.size()));
}
BENCHMARK(BM_ReadJsonl)->Unit(benchmark::kMillisecond);

void BM_Clean(benchmark::State& state) {
  tigris::CleanedText cleaned;
  std::size_t stories = 0;
  for (auto _ : state) {
    for (const auto& story : corpus().stories) {
      tigris::clean_text(story.text, cleaned);
      benchmark::DoNotOptimize(cleaned.paragraphs.data());
      ++stories;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(stories));
}
BENCHMARK(BM_Clean)->Unit(benchmark::kMillisecond);

void BM_SplitSentences(benchmark::State& state) {
  tigris::SentenceSplitter splitter;
  tigris::CleanedText cleaned;
  std::vector<tigris::Sentence> sentences;
  std::size_t count = 0;
  for (auto _ : state) {
    for (const auto& story : corpus().stories) {
      tigris::clean_text(story.text, cleaned);
      sentences.clear();
      for (std::uint32_t p = 0; p < cleaned.paragraphs.size(); ++p) {
        splitter.split(story.text, cleaned.paragraphs[p], p, sentences);
      }
      count += sentences.size();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(count));
}
BENCHMARK(BM_SplitSentences)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  std::vector<tigris::Token> tokens;
  std::string arena;
  std::size_t count = 0;
  for (auto _ : state) {
    for (const auto& [story, sentence] : split_corpus().sentences) {
      tokens.clear();
      arena.clear();
      tigris::tokenize(story->text, sentence.span, tokens, arena);
      ++count;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(count));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

// Tagging with dictionary mentions, then chunks and clauses.
void run_syntax(benchmark::State& state, bool with_clauses) {
  const auto& p = *corpus().pipeline;
  std::vector<tigris::Token> tokens;
  std::string arena;
  tigris::SentenceAnalysis analysis;
  std::size_t count = 0;
  for (auto _ : state) {
    for (const auto& [story, sentence] : split_corpus().sentences) {
      tokens.clear();
      arena.clear();
      analysis.clear();
      tigris::tokenize(story->text, sentence.span, tokens, arena);
      tigris::SyntaxContext ctx{p.lexicon(), p.dictionary(), p.vocabulary(), arena, story->text};
      tigris::tag_tokens(ctx, tokens, analysis, false);
      if (with_clauses) {
        tigris::chunk_tokens(ctx, tokens, analysis);
        tigris::build_clauses(ctx, tokens, analysis);
      }
      ++count;
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(count));
}
void BM_TagAndMatchActors(benchmark::State& state) {
  run_syntax(state, false);
}
void BM_TagChunkClauses(benchmark::State& state) {
  run_syntax(state, true);
}
BENCHMARK(BM_TagAndMatchActors)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagChunkClauses)->Unit(benchmark::kMillisecond);

// The whole pipeline per story (cleaning to events); items are sentences.
void BM_CodeStories(benchmark::State& state) {
  const auto& p = *corpus().pipeline;
  tigris::Workspace ws;
  std::size_t sentences = 0;
  std::size_t events = 0;
  for (auto _ : state) {
    for (const auto& story : corpus().stories) {
      auto coded = p.code(story, ws);
      sentences += coded.sentences;
      events += coded.events.size();
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(sentences));
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
}
BENCHMARK(BM_CodeStories)->Unit(benchmark::kMillisecond);

void BM_WriteJson(benchmark::State& state) {
  const auto& p = *corpus().pipeline;
  tigris::Workspace ws;
  std::vector<tigris::Event> events;
  for (const auto& story : corpus().stories) {
    auto coded = p.code(story, ws);
    events.insert(events.end(), coded.events.begin(), coded.events.end());
  }
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const auto& event : events) tigris::append_event_json(event, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events.size()));
}
BENCHMARK(BM_WriteJson)->Unit(benchmark::kMicrosecond);

void BM_LoadDefaultDictionaries(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = tigris::Pipeline::load({});
    benchmark::DoNotOptimize(loaded.is_ok());
  }
}
BENCHMARK(BM_LoadDefaultDictionaries)->Unit(benchmark::kMillisecond)->Iterations(3);

// TABARI 0.8 sets from ../shared/data/tabari-dictionaries, read and compiled
// by DictionaryBuilder alone (WordNet is loaded outside the timing, as every
// load needs it). Counters give what was loaded, so a run that reads nothing
// cannot look fast.
void load_tabari(benchmark::State& state, const std::vector<std::string>& names) {
  const std::string dir = std::string(TIGRIS_BENCH_SHARED) + "/data/tabari-dictionaries/";
  std::size_t actors = 0, agents = 0, verbs = 0, patterns = 0, notes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    tigris::Vocabulary vocab;
    auto lexicon = tigris::Lexicon::load("/usr/share/wordnet", vocab);
    if (!lexicon.is_ok()) {
      state.SkipWithError("WordNet not found");
      return;
    }
    state.ResumeTiming();
    tigris::DictionaryBuilder builder(vocab, *lexicon.value());
    builder.set_lenient(true);
    for (const auto& name : names) {
      if (!builder.add_file(dir + name, tigris::dictionary_kind_from_name(name)).is_ok()) {
        state.SkipWithError(("cannot read " + dir + name).c_str());
        return;
      }
    }
    notes = builder.notes().size();
    auto dict = builder.finish();
    actors = dict->actors().size();
    agents = dict->agents().size();
    verbs = dict->verbs().size();
    patterns = 0;
    for (const auto& block : dict->verb_blocks()) patterns += block.patterns.size();
    state.PauseTiming();
    dict.reset();  // freeing is not loading
    state.ResumeTiming();
  }
  state.counters["actors"] = static_cast<double>(actors);
  state.counters["agents"] = static_cast<double>(agents);
  state.counters["verbs"] = static_cast<double>(verbs);
  state.counters["patterns"] = static_cast<double>(patterns);
  state.counters["notes"] = static_cast<double>(notes);
}

void BM_LoadTabariGlobalnet(benchmark::State& state) {
  load_tabari(state, {"GLOBALNET.131001.actors", "GLOBALNET.131001.agents",
                      "GLOBALNET.131001.verbs", "GLOBALNET.131001.options"});
}
BENCHMARK(BM_LoadTabariGlobalnet)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_LoadTabariCameo(benchmark::State& state) {
  load_tabari(state, {"CAMEO.080612.verbs", "CAMEO.ECS.120522.actors", "CAMEO.RCS.120521.actors",
                      "CAMEO.09b5.options", "Levant.080629.actors", "PSU.120522.agents"});
}
BENCHMARK(BM_LoadTabariCameo)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
