#include "commands.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <thread>

#include "code/codebook.h"
#include "dict/dictionary.h"
#include "dict/lint.h"
#include "tigris/io.h"
#include "validate/validation.h"

namespace tigris::cli {
namespace {

// Stories are coded in batches: each batch is split across the workers and
// written in input order, so the output never depends on the thread count and
// memory is bounded by the batch size.
constexpr std::size_t kBatchStories = 512;

struct Summary {
  std::size_t read = 0;
  std::size_t coded = 0;
  std::size_t skipped = 0;
  std::size_t events = 0;
  std::size_t sentences = 0;
};

}  // namespace

ExitCode run_code(const Pipeline& pipeline, const CodeOptions& options) {
  auto input_format = parse_input_format(options.input_format);
  auto output_format = parse_output_format(options.output_format);
  if (!input_format.is_ok() || !output_format.is_ok()) {
    std::cerr
        << "tigris: "
        << (!input_format.is_ok() ? input_format.status() : output_format.status()).to_string()
        << "\n";
    return ExitCode::kCannotStart;
  }
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  // Output: stdout, or a temporary file renamed into place at the end, so a
  // failed run never leaves a half-written file under the requested name.
  std::string temp_path;
  std::FILE* out = stdout;
  if (!options.out.empty()) {
    temp_path = options.out + ".tmp";
    out = std::fopen(temp_path.c_str(), "wb");
    if (!out) {
      std::cerr << "tigris: cannot write " << temp_path << "\n";
      return ExitCode::kCannotWrite;
    }
  }
  unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Workspace> workspaces(threads);
  Summary summary;
  bool write_failed = false;
  std::string buffer;
  if (output_format.value() == OutputFormat::kTsv) buffer = tsv_header();
  TextDefaults defaults{options.text_id, options.text_date};
  std::vector<Story> batch;
  std::vector<CodedStory> results;
  auto flush_batch = [&]() {
    results.assign(batch.size(), CodedStory());
    auto work = [&](unsigned worker) {
      for (std::size_t i = worker; i < batch.size(); i += threads) {
        results[i] = pipeline.code(batch[i], workspaces[worker]);
      }
    };
    if (threads == 1 || batch.size() == 1) {
      work(0);
    } else {
      std::vector<std::thread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
      for (auto& thread : pool) thread.join();
    }
    for (const auto& result : results) {
      ++summary.coded;
      summary.sentences += result.sentences;
      for (const auto& event : result.events) {
        if (output_format.value() == OutputFormat::kTsv) {
          append_event_tsv(event, buffer);
        } else {
          append_event_json(event, buffer);
          buffer.push_back('\n');
        }
        ++summary.events;
      }
      if (buffer.size() > (1 << 20)) {
        if (std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) write_failed = true;
        buffer.clear();
      }
    }
    batch.clear();
  };
  for (const auto& input : inputs) {
    auto reader = StoryReader::open(input, input_format.value(), defaults);
    if (!reader.is_ok()) {
      std::cerr << "tigris: " << reader.status().to_string() << "\n";
      ++summary.skipped;
      continue;
    }
    Story story;
    SkippedRecord skipped;
    while (true) {
      auto next = reader.value()->next(story, skipped);
      if (next == StoryReader::Next::kEnd) break;
      ++summary.read;
      if (next == StoryReader::Next::kSkipped) {
        ++summary.skipped;
        std::cerr << skipped.file << ":" << skipped.line << ": skipped"
                  << (skipped.id.empty() ? "" : " story " + skipped.id) << ": " << skipped.reason
                  << "\n";
        continue;
      }
      batch.push_back(std::move(story));
      if (batch.size() == kBatchStories) flush_batch();
    }
  }
  flush_batch();
  if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size()) {
    write_failed = true;
  }
  if (std::fflush(out) != 0) write_failed = true;
  if (!temp_path.empty()) {
    if (std::fclose(out) != 0) write_failed = true;
    std::error_code error;
    if (!write_failed) std::filesystem::rename(temp_path, options.out, error);
    if (write_failed || error) {
      std::filesystem::remove(temp_path, error);
      std::cerr << "tigris: cannot write " << options.out << "\n";
      return ExitCode::kCannotWrite;
    }
  }
  if (write_failed) {
    std::cerr << "tigris: cannot write output\n";
    return ExitCode::kCannotWrite;
  }
  if (!options.quiet) {
    std::cerr << "tigris: " << summary.read << " stories read, " << summary.coded << " coded ("
              << summary.sentences << " sentences), " << summary.events << " events written, "
              << summary.skipped << " skipped\n";
  }
  return summary.skipped ? ExitCode::kSomeSkipped : ExitCode::kOk;
}

void print_dict_stats(const Pipeline& pipeline, std::ostream& out) {
  const Dictionary& dict = pipeline.dictionary();
  std::map<std::string, std::map<std::string, std::size_t>> per_file;
  auto file_of = [&](std::uint32_t source) {
    std::string path = dict.sources()[source];
    return std::filesystem::path(path).filename().string();
  };
  std::size_t dated = 0;
  for (const auto& actor : dict.actors()) {
    ++per_file[file_of(actor.source)]["actors"];
    if (!actor.dated.empty()) ++dated;
  }
  for (const auto& agent : dict.agents()) ++per_file[file_of(agent.source)]["agent phrases"];
  for (const auto& nominal : dict.nominals()) ++per_file[file_of(nominal.source)]["event nouns"];
  for (const auto& verb : dict.verbs()) ++per_file[file_of(verb.source)]["verbs"];
  std::map<std::string, std::size_t> per_code;
  std::size_t patterns = 0;
  for (const auto& block : dict.verb_blocks()) {
    for (const auto& pattern : block.patterns) {
      ++per_file[file_of(pattern.source)]["patterns"];
      ++patterns;
      if (pattern.code != "---") ++per_code[pattern.code];
    }
  }
  for (const auto& verb : dict.verbs()) {
    const std::string& code = verb.code.empty() ? dict.verb_blocks()[verb.block].code : verb.code;
    if (code != "---" && !code.empty()) ++per_code[code];
  }
  for (const auto& nominal : dict.nominals()) ++per_code[nominal.code];
  for (const auto& discard : dict.discards()) (void)discard;
  out << "file\tkind\tcount\n";
  for (const auto& [file, kinds] : per_file) {
    for (const auto& [kind, count] : kinds) out << file << "\t" << kind << "\t" << count << "\n";
  }
  out << "\nactors with date-restricted codes\t" << dated << "\n";
  out << "discard phrases\t" << dict.discards().size() << "\n";
  std::size_t in_codebook = 0;
  std::map<std::string, std::size_t> roots;
  for (const auto& [code, count] : per_code) {
    if (pipeline.codebook().find(code)) ++in_codebook;
    roots[code.substr(0, 2)] += count;
  }
  out << "distinct CAMEO codes reachable\t" << per_code.size() << " (" << in_codebook
      << " in the codebook of " << pipeline.codebook().size() << ")\n";
  out << "roots covered\t" << roots.size() << " of 20\n\ncode\tverbs+patterns+nouns\n";
  for (const auto& [code, count] : per_code) out << code << "\t" << count << "\n";
}

namespace {

std::string find_suite_file(const std::string& name, const std::string& suite_path,
                            const std::string& dict_dir) {
  namespace fs = std::filesystem;
  fs::path folder = fs::path(suite_path).parent_path();
  std::vector<fs::path> candidates;
  if (!dict_dir.empty()) candidates.push_back(fs::path(dict_dir) / name);
  candidates.push_back(folder / name);
  candidates.push_back(folder / ".." / "dictionaries" / name);
  for (const auto& candidate : candidates) {
    if (fs::exists(candidate)) return candidate.string();
  }
  return "";
}

std::string format_events(const std::vector<ExpectedEvent>& events) {
  if (events.empty()) return "(no event)";
  std::string out;
  for (const auto& e : events) {
    if (!out.empty()) out += "; ";
    out += e.source + " " + e.target + " " + e.code;
  }
  return out;
}

}  // namespace

ExitCode run_validate(const ValidateOptions& options) {
  auto suite = read_validation_file(options.file);
  if (!suite.is_ok()) {
    std::cerr << "tigris: " << suite.status().to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  PipelineOptions pipeline_options;
  pipeline_options.data_dir = options.data_dir;
  pipeline_options.wordnet_dir = options.wordnet_dir;
  pipeline_options.replace_default_dictionaries = true;
  pipeline_options.petrarch_conventions = !options.tigris_conventions;
  const ValidationSuite& s = suite.value();
  // A suite with Penn Treebank parses is PETRARCH-2's (one actor per code of
  // "FRO/BIL/SAM", pattern words as written); one with CoNLL-U parses is
  // UD-PETRARCH's (the code kept, pattern words also matching lemmas).
  for (const auto& record : s.records) {
    std::string_view parse = record.parse;
    std::size_t first = parse.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) continue;
    pipeline_options.split_multiple_codes = parse[first] == '(' && !options.tigris_conventions;
    pipeline_options.pattern_words_as_written = pipeline_options.split_multiple_codes;
    break;
  }
  for (const std::string* name :
       {&s.verb_file, &s.actor_file, &s.agent_file, &s.discard_file, &s.ontology_file}) {
    if (name->empty()) continue;
    std::string path = find_suite_file(*name, options.file, options.dict_dir);
    if (path.empty()) {
      std::cerr << "tigris: the suite names " << *name
                << " but it is not next to the suite or in --dict-dir\n";
      return ExitCode::kCannotStart;
    }
    pipeline_options.dictionary_files.push_back(path);
  }
  auto pipeline = Pipeline::load(pipeline_options);
  if (!pipeline.is_ok()) {
    std::cerr << "tigris: cannot load the suite's dictionaries: " << pipeline.status().to_string()
              << "\n";
    return ExitCode::kCannotStart;
  }
  Workspace ws;
  std::size_t passed = 0;
  std::size_t total = 0;
  std::size_t unparsed = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_category;  // passed, total
  for (const auto& record : s.records) {
    CodedStory coded;
    if (options.use_parse) {
      auto parsed =
          record.parse.empty()
              ? Result<CodedStory>(Status(StatusCode::kInvalidInput, "the record has no <Parse>")
                                       .at(options.file, record.line))
              : pipeline.value()->code_parsed(record.story, record.parse, ws);
      if (!parsed.is_ok()) {
        // Reported and counted as a failure, never skipped silently.
        std::cout << "ERROR " << record.story.id << ": " << parsed.status().to_string() << "\n";
        ++unparsed;
      } else {
        coded = std::move(parsed.value());
      }
    } else {
      coded = pipeline.value()->code(record.story, ws);
    }
    std::vector<ExpectedEvent> got;
    for (const auto& event : coded.events) {
      got.push_back({event.source.code, event.target ? event.target->code : "---", event.cameo});
    }
    std::sort(got.begin(), got.end());
    got.erase(std::unique(got.begin(), got.end()), got.end());
    std::vector<ExpectedEvent> want = record.expected;
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    bool ok = got == want;
    std::string category = record.category.empty() ? "-" : record.category;
    if (!record.evaluate) {
      if (options.verbose) std::cout << "SKIP " << record.story.id << " (evaluate=false)\n";
      continue;
    }
    ++total;
    auto& cat = by_category[category];
    ++cat.second;
    if (ok) {
      ++passed;
      ++cat.first;
    }
    if (!ok || options.verbose) {
      std::cout << (ok ? "PASS " : "FAIL ") << record.story.id << " [" << category << "] line "
                << record.line << "\n  expected: " << format_events(want)
                << "\n  coded:    " << format_events(got) << "\n";
    }
  }
  std::cout << "\nby category (passed/total):\n";
  for (const auto& [category, counts] : by_category) {
    std::cout << "  " << category << "\t" << counts.first << "/" << counts.second << "\n";
  }
  if (unparsed)
    std::cout << unparsed << " record(s) without a readable <Parse> (coded as no event)\n";
  std::cout << "passed " << passed << " of " << total << " records\n";
  return passed == total ? ExitCode::kOk : ExitCode::kSomeSkipped;
}

ExitCode run_dict_lint(const std::vector<std::string>& paths, const std::string& data_dir,
                       const std::string& wordnet_dir) {
  std::string data = data_dir.empty() ? default_data_dir() : data_dir;
  auto codebook = Codebook::load(data + "/codebook");
  if (!codebook.is_ok()) {
    std::cerr << "tigris: " << codebook.status().to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  std::vector<std::string> targets = paths;
  if (targets.empty()) targets.push_back(data + "/dict");
  auto findings = lint_dictionaries(
      targets, wordnet_dir.empty() ? "/usr/share/wordnet" : wordnet_dir, codebook.value());
  if (!findings.is_ok()) {
    std::cerr << "tigris: " << findings.status().to_string() << "\n";
    return ExitCode::kCannotStart;
  }
  std::map<std::string, std::size_t> by_kind;
  for (const auto& f : findings.value()) {
    std::cout << f.file << ":" << f.line << ": " << f.kind << ": " << f.message;
    if (!f.text.empty()) std::cout << ": \"" << f.text << "\"";
    std::cout << "\n";
    ++by_kind[f.kind];
  }
  std::cout << findings.value().size() << " finding(s)";
  for (const auto& [kind, count] : by_kind) std::cout << ", " << count << " " << kind;
  std::cout << "\n";
  return findings.value().empty() ? ExitCode::kOk : ExitCode::kSomeSkipped;
}

}  // namespace tigris::cli
