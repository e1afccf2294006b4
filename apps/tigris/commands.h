// The CLI's commands, kept apart from argument parsing so they stay small.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "tigris/pipeline.h"

namespace tigris::cli {

// Documented in `tigris code --help` and docs/cli.md.
enum class ExitCode : int { kOk = 0, kCannotStart = 1, kSomeSkipped = 2, kCannotWrite = 3 };

struct CodeOptions {
  std::vector<std::string> inputs;
  std::string input_format = "auto";
  std::string text_date;
  std::string text_id;
  std::string out;
  std::string output_format = "jsonl";
  unsigned threads = 0;
  bool quiet = false;
};

ExitCode run_code(const Pipeline& pipeline, const CodeOptions& options);

struct ValidateOptions {
  std::string file;
  std::string
      dict_dir;  // where the suite's dictionaries are; default: next to the file or ../dictionaries
  std::string data_dir;  // for the codebook
  std::string wordnet_dir;
  bool verbose = false;             // print passing records too
  bool tigris_conventions = false;  // code future acts as intents (default: PETRARCH's convention)
  bool use_parse =
      false;  // code from each record's <Parse> (Treebank or CoNLL-U), not our own syntax
};

// Runs a PETRARCH-format validation file; prints each record's result, the
// failures by category and, last, "passed N of M records". Exit 0 when every
// evaluated record passed, 2 otherwise, 1 when the suite cannot be read.
ExitCode run_validate(const ValidateOptions& options);
void print_dict_stats(const Pipeline& pipeline, std::ostream& out);

// Lints dictionary folders or files; prints "FILE:LINE: kind: message" lines and
// a count. Exit 0 when clean, 2 with findings, 1 when it cannot run.
ExitCode run_dict_lint(const std::vector<std::string>& paths, const std::string& data_dir,
                       const std::string& wordnet_dir);

struct IngestOptions {
  std::vector<std::string> inputs;
  std::string db;
  bool events_input = false;  // inputs are events JSONL coded elsewhere
};
// Codes stories (or reads coded events) into the SQLite store in one
// transaction: a failed run leaves the database as it was.
ExitCode run_ingest(const Pipeline& pipeline, const IngestOptions& options);

struct QueryOptions {
  std::string db;
  std::vector<std::string> sources, targets, dyads, roots, plover;
  std::string from, to, place;
  std::string format = "csv";
  std::size_t limit = 0;
  bool one_a_day = false;  // one row per date, source, target and code (docs/alerts.md)
  bool clusters = false;   // add EventCluster, NumMentions, NumArticles (docs/alerts.md)
};
// Prints stored events matching the filters as CSV/TSV (GDELT column names) or JSONL.
ExitCode run_query(const QueryOptions& options);

struct SeriesOptions {
  QueryOptions filter;
  std::string by = "week";  // day, week, month
  bool per_dyad = false;
};
ExitCode run_series(const SeriesOptions& options);

struct AlertsOptions {
  QueryOptions filter;
  int window_days = 7;
  int baseline_days = 84;
  int quad_class = 4;
  std::string as_of;
  std::string method = "cusum";  // or "poisson"
  double max_p = 0.01;
  double cusum_ratio = 3.0;
  double cusum_threshold = 4.0;
  bool adjust_dispersion = true;
  int min_events = 3;
};
ExitCode run_alerts(const AlertsOptions& options);

// Installs a public dictionary set ("phoenix") into `to` (default:
// default_dictionary_home()/NAME), from the pinned upstream commit or from a
// local copy `from`, checking every file's SHA-256.
ExitCode run_dict_fetch(const std::string& name, const std::string& from, const std::string& to);
std::string default_dictionary_home();

}  // namespace tigris::cli
