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
void BM_TagAndMatchActors(benchmark::State& state) { run_syntax(state, false); }
void BM_TagChunkClauses(benchmark::State& state) { run_syntax(state, true); }
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
  state.counters["events"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
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

}  // namespace

BENCHMARK_MAIN();
