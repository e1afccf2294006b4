// End-to-end throughput: reads JSONL stories, codes them on one thread through
// every stage, writes the events (to a buffer that is discarded, so disk speed
// does not count) and reports sentences/s and stories/s per core, events
// produced, dictionary load time and peak RSS, as JSON.
//
//   throughput [--dict DIR]... [--dict-file FILE]... [--no-default-dict] [--json OUT.json] [--label
//   NAME] FILE.jsonl...
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include "tigris/io.h"
#include "tigris/pipeline.h"

namespace {

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  tigris::PipelineOptions options;
  std::vector<std::string> inputs;
  std::string json_path;
  std::string label = "default";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--dict" && i + 1 < argc) {
      options.dictionary_dirs.push_back(argv[++i]);
    } else if (arg == "--dict-file" && i + 1 < argc) {
      options.dictionary_files.push_back(argv[++i]);
    } else if (arg == "--no-default-dict") {
      options.replace_default_dictionaries = true;
    } else if (arg == "--json" && i + 1 < argc) {
      json_path = argv[++i];
    } else if (arg == "--label" && i + 1 < argc) {
      label = argv[++i];
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) {
    std::cerr
        << "usage: throughput [--dict DIR]... [--no-default-dict] [--json OUT] [--label NAME] "
           "FILE.jsonl...\n";
    return 1;
  }
  // Dictionaries and WordNet alone (no gazetteer), then the full pipeline.
  double dict_cpu_start = cpu_seconds();
  {
    tigris::PipelineOptions without_gazetteer = options;
    without_gazetteer.gazetteer_path = "/nonexistent";
    auto dictionaries = tigris::Pipeline::load(without_gazetteer);
    if (!dictionaries.is_ok()) {
      std::cerr << dictionaries.status().to_string() << "\n";
      return 1;
    }
  }
  double dictionary_cpu = cpu_seconds() - dict_cpu_start;
  auto wall_start = std::chrono::steady_clock::now();
  double cpu_start = cpu_seconds();
  auto pipeline = tigris::Pipeline::load(options);
  if (!pipeline.is_ok()) {
    std::cerr << pipeline.status().to_string() << "\n";
    return 1;
  }
  double load_cpu = cpu_seconds() - cpu_start;
  double load_wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  long rss_after_load = peak_rss_kib();

  tigris::Workspace ws;
  std::size_t stories = 0, sentences = 0, events = 0, skipped = 0, bytes = 0;
  std::string out;
  double code_cpu_start = cpu_seconds();
  auto code_wall_start = std::chrono::steady_clock::now();
  for (const auto& path : inputs) {
    auto reader = tigris::StoryReader::open(path, tigris::InputFormat::kJsonl, {});
    if (!reader.is_ok()) {
      std::cerr << reader.status().to_string() << "\n";
      return 1;
    }
    tigris::Story story;
    tigris::SkippedRecord skip;
    while (true) {
      auto next = reader.value()->next(story, skip);
      if (next == tigris::StoryReader::Next::kEnd) break;
      if (next == tigris::StoryReader::Next::kSkipped) {
        ++skipped;
        continue;
      }
      ++stories;
      bytes += story.text.size();
      tigris::CodedStory coded = pipeline.value()->code(story, ws);
      sentences += coded.sentences;
      for (const auto& event : coded.events) {
        tigris::append_event_json(event, out);
        out.push_back('\n');
        ++events;
      }
      if (out.size() > (1u << 20)) out.clear();  // written and discarded
    }
  }
  double code_cpu = cpu_seconds() - code_cpu_start;
  double code_wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - code_wall_start).count();
  char json[4096];
  std::snprintf(
      json, sizeof(json),
      "{\"label\": \"%s\", \"stories\": %zu, \"sentences\": %zu, \"events\": %zu, "
      "\"skipped\": %zu, \"text_mib\": %.1f, \"code_cpu_s\": %.3f, \"code_wall_s\": %.3f, "
      "\"sentences_per_cpu_s\": %.0f, \"stories_per_cpu_s\": %.0f, "
      "\"events_per_sentence\": %.4f, \"dictionary_load_cpu_s\": %.3f, "
      "\"pipeline_load_cpu_s\": %.3f, \"pipeline_load_wall_s\": %.3f, \"gazetteer\": %s, "
      "\"rss_after_load_mib\": %.1f, "
      "\"peak_rss_mib\": %.1f}",
      label.c_str(), stories, sentences, events, skipped, static_cast<double>(bytes) / (1 << 20),
      code_cpu, code_wall, static_cast<double>(sentences) / code_cpu,
      static_cast<double>(stories) / code_cpu,
      sentences ? static_cast<double>(events) / static_cast<double>(sentences) : 0.0,
      dictionary_cpu, load_cpu, load_wall, pipeline.value()->has_gazetteer() ? "true" : "false",
      static_cast<double>(rss_after_load) / 1024.0, static_cast<double>(peak_rss_kib()) / 1024.0);
  std::cout << json << "\n";
  if (!json_path.empty()) {
    std::FILE* f = std::fopen(json_path.c_str(), "w");
    if (!f) {
      std::cerr << "cannot write " << json_path << "\n";
      return 1;
    }
    std::fprintf(f, "%s\n", json);
    std::fclose(f);
  }
  return 0;
}
