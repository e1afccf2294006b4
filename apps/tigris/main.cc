// tigris: the command-line front end. It parses arguments, calls the library
// and formats output; all coding logic lives in the library.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "serve.h"
#include "tigris/io.h"
#include "tigris/pipeline.h"

namespace {

using tigris::cli::ExitCode;

struct ResourceOptions {
  std::string data_dir;
  std::string wordnet_dir;
  std::vector<std::string> dict_dirs;
  std::vector<std::string> dict_files;
  bool no_default_dict = false;
  bool petrarch_conventions = false;

  void add_to(CLI::App* app) {
    app->add_option("--data", data_dir,
                    "Tigris data folder (dict/, codebook/); default: the built-in one")
        ->check(CLI::ExistingDirectory);
    app->add_option("--wordnet", wordnet_dir,
                    "WordNet database folder (default /usr/share/wordnet)")
        ->check(CLI::ExistingDirectory);
    app->add_option(
           "--dict", dict_dirs,
           "Extra dictionary folder (PETRARCH/Phoenix or TABARI 0.8 format), loaded on top of "
           "the defaults; repeatable")
        ->allow_extra_args(false)
        ->check(CLI::ExistingDirectory);
    app->add_option(
           "--dict-file", dict_files,
           "Extra dictionary file; its kind comes from its name (*actors*, *agents*, *verbs*, "
           "*nominals*, *discards*, *ontology*; TABARI: .actors, .agents, .verbs, .options); "
           "repeatable")
        ->allow_extra_args(false)
        ->check(CLI::ExistingFile);
    app->add_flag("--no-default-dict", no_default_dict,
                  "Use only the dictionaries given with --dict/--dict-file");
  }

  tigris::PipelineOptions options() const {
    tigris::PipelineOptions o;
    o.data_dir = data_dir;
    o.wordnet_dir = wordnet_dir;
    o.dictionary_dirs = dict_dirs;
    o.dictionary_files = dict_files;
    o.replace_default_dictionaries = no_default_dict;
    o.petrarch_conventions = petrarch_conventions;
    return o;
  }
};

std::shared_ptr<const tigris::Pipeline> load_or_report(const ResourceOptions& resources) {
  auto pipeline = tigris::Pipeline::load(resources.options());
  if (!pipeline.is_ok()) {
    std::cerr << "tigris: cannot load resources: " << pipeline.status().to_string() << "\n";
    return nullptr;
  }
  // Constructs of user dictionaries that were skipped: say so once, with where to look.
  const auto& notes = pipeline.value()->load_notes();
  if (!notes.empty()) {
    std::cerr << "tigris: " << notes.size()
              << " dictionary line(s) not loaded or not supported, first: " << notes.front().file
              << ":" << notes.front().line << ": " << notes.front().reason
              << " (list all with: tigris dict lint DIR)\n";
  }
  return pipeline.value();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tigris: political event data from news text (CAMEO and PLOVER coding)"};
  app.set_version_flag("--version", std::string("tigris ") + tigris::version());
  app.require_subcommand(1);

  // ---- code
  tigris::cli::CodeOptions code;
  ResourceOptions code_resources;
  CLI::App* code_cmd = app.add_subcommand(
      "code",
      "Code stories into events (JSONL by default). Exit status: 0 every story coded, 2 some "
      "stories skipped (listed on stderr), 1 cannot start, 3 cannot write output");
  code_cmd->add_option("inputs", code.inputs,
                       "Input files (JSONL, XML or plain text); '-' or none: stdin");
  code_cmd->add_option("--input-format", code.input_format, "auto, jsonl, xml or text")
      ->capture_default_str();
  code_cmd->add_option("--date", code.text_date,
                       "Publication date YYYY-MM-DD for plain-text input");
  code_cmd->add_option("--id", code.text_id,
                       "Story id for plain-text input (default: the file name)");
  code_cmd->add_option("--out,-o", code.out,
                       "Write events here instead of stdout (written atomically)");
  code_cmd->add_option("--format,-f", code.output_format, "jsonl or tsv")->capture_default_str();
  code_cmd
      ->add_option("--threads,-j", code.threads,
                   "Worker threads (0: all cores); output order is "
                   "the input order whatever the count")
      ->capture_default_str();
  code_cmd->add_flag("--quiet,-q", code.quiet,
                     "No summary on stderr (skipped stories are still listed)");
  code_resources.add_to(code_cmd);

  // ---- explain
  std::string explain_sentence;
  std::string explain_date = "2020-01-01";
  ResourceOptions explain_resources;
  CLI::App* explain_cmd = app.add_subcommand(
      "explain",
      "Show every stage for one text: cleaning, tokens and tags, chunks, actors, clauses, "
      "patterns and events");
  explain_cmd->add_option("text", explain_sentence, "The sentence or paragraph to explain")
      ->required();
  explain_cmd->add_option("--date", explain_date, "Publication date YYYY-MM-DD")
      ->capture_default_str();
  explain_resources.add_to(explain_cmd);
  explain_cmd->add_flag("--petrarch-conventions", explain_resources.petrarch_conventions,
                        "Code with the PETRARCH suites' conventions, as `validate` does");

  // ---- dict
  CLI::App* dict_cmd = app.add_subcommand("dict", "Dictionary tools");
  dict_cmd->require_subcommand(1);
  ResourceOptions stats_resources;
  CLI::App* stats_cmd =
      dict_cmd->add_subcommand("stats", "Counts per dictionary file and per CAMEO code");
  stats_resources.add_to(stats_cmd);

  // ---- validate
  tigris::cli::ValidateOptions validate;
  CLI::App* validate_cmd = app.add_subcommand(
      "validate",
      "Run a PETRARCH-format validation file (records with expected events) with the "
      "dictionaries its <Environment> names; last line: passed N of M records");
  validate_cmd->add_option("file", validate.file, "Validation XML file")
      ->required()
      ->check(CLI::ExistingFile);
  validate_cmd->add_option("--dict-dir", validate.dict_dir,
                           "Folder holding the suite's dictionaries (default: beside the file, or "
                           "../dictionaries)");
  validate_cmd->add_option("--data", validate.data_dir, "Tigris data folder (for the codebook)");
  validate_cmd->add_option("--wordnet", validate.wordnet_dir, "WordNet database folder");
  validate_cmd->add_flag("--verbose,-v", validate.verbose, "List passing records too");
  validate_cmd->add_flag("--use-parse", validate.use_parse,
                         "Code from each record's <Parse> (Penn Treebank or CoNLL-U) instead of "
                         "Tigris's own chunker and clause finder");
  validate_cmd->add_flag(
      "--tigris-conventions", validate.tigris_conventions,
      "Code future acts as CAMEO 03x/13x intents, as `tigris code` does (default: "
      "the suites' PETRARCH convention, \"will abandon\" coded as abandon)");

  std::vector<std::string> lint_paths;
  std::string lint_data, lint_wordnet;
  CLI::App* lint_cmd = dict_cmd->add_subcommand(
      "lint",
      "Check dictionaries: malformed lines, duplicates, overlapping date ranges, codes not "
      "in the codebook, unreachable patterns. Exit 0 when clean, 2 with findings");
  lint_cmd->add_option("paths", lint_paths,
                       "Dictionary folders or files (default: the built-in data/dict)");
  lint_cmd->add_option("--data", lint_data, "Tigris data folder (for the codebook)");
  lint_cmd->add_option("--wordnet", lint_wordnet, "WordNet database folder");

  std::string fetch_name, fetch_from, fetch_to;
  CLI::App* fetch_cmd = dict_cmd->add_subcommand(
      "fetch",
      "Install a public dictionary set (phoenix: the PETRARCH2/Phoenix dictionaries at a "
      "pinned commit, SHA-256 checked) for use with --dict");
  fetch_cmd->add_option("name", fetch_name, "Dictionary set: phoenix")->required();
  fetch_cmd->add_option("--from", fetch_from, "Copy from this local folder instead of downloading")
      ->check(CLI::ExistingDirectory);
  fetch_cmd->add_option("--to", fetch_to,
                        "Install here (default: $XDG_DATA_HOME/tigris/dict/NAME)");

  // ---- ingest / query
  tigris::cli::IngestOptions ingest;
  ResourceOptions ingest_resources;
  CLI::App* ingest_cmd = app.add_subcommand(
      "ingest",
      "Code stories and store them with their events in a SQLite database (one "
      "transaction: a failed run stores nothing; re-ingesting a story replaces its events) "
      "or in ClickHouse (docs/store.md)");
  ingest_cmd
      ->add_option("inputs", ingest.inputs, "Story files (JSONL/XML/text), or events with --events")
      ->required();
  ingest_cmd
      ->add_option("--db", ingest.db,
                   "SQLite database file (created when absent) or clickhouse://HOST:PORT/DATABASE")
      ->required();
  ingest_cmd->add_flag("--events", ingest.events_input, "Inputs are events JSONL coded elsewhere");
  ingest_resources.add_to(ingest_cmd);

  tigris::cli::QueryOptions query;
  CLI::App* query_cmd = app.add_subcommand("query", "Query stored events (GDELT-style columns)");
  query_cmd->add_option("--db", query.db, "SQLite database file or clickhouse://HOST:PORT/DATABASE")
      ->required();
  query_cmd->add_option("--source", query.sources, "Source country or code prefix (comma list)")
      ->allow_extra_args(false);
  query_cmd->add_option("--target", query.targets, "Target country or code prefix (comma list)")
      ->allow_extra_args(false);
  query_cmd->add_option("--dyad", query.dyads, "A,B: events between A and B in either direction")
      ->allow_extra_args(false);
  query_cmd->add_option("--root", query.roots, "CAMEO roots, e.g. 18,19")->allow_extra_args(false);
  query_cmd->add_option("--plover", query.plover, "PLOVER event types, e.g. ASSAULT")
      ->allow_extra_args(false);
  query_cmd->add_option("--from", query.from, "First event date (YYYY, YYYY-MM or YYYY-MM-DD)");
  query_cmd->add_option("--to", query.to, "Last event date, inclusive");
  query_cmd->add_option("--place", query.place, "Location name contains");
  query_cmd->add_option("--format,-f", query.format, "csv, tsv or jsonl")
      ->check(CLI::IsMember({"csv", "tsv", "jsonl"}))
      ->capture_default_str();
  query_cmd->add_option("--limit", query.limit, "At most this many events (0: all)");
  query_cmd->add_flag(
      "--one-a-day", query.one_a_day,
      "One row per date, source, target and event code, with the count and story ids");
  query_cmd->add_flag(
      "--clusters", query.clusters,
      "Add EventCluster, NumMentions, NumArticles: reports of the same event across "
      "stories (docs/alerts.md)");

  auto add_filters = [](CLI::App* cmd, tigris::cli::QueryOptions& q) {
    cmd->add_option("--db", q.db, "SQLite database file or clickhouse://HOST:PORT/DATABASE")
        ->required();
    cmd->add_option("--source", q.sources, "Source country or code prefix")
        ->allow_extra_args(false);
    cmd->add_option("--target", q.targets, "Target country or code prefix")
        ->allow_extra_args(false);
    cmd->add_option("--dyad", q.dyads, "A,B: either direction")->allow_extra_args(false);
    cmd->add_option("--root", q.roots, "CAMEO roots")->allow_extra_args(false);
    cmd->add_option("--plover", q.plover, "PLOVER event types")->allow_extra_args(false);
    cmd->add_option("--from", q.from, "First event date");
    cmd->add_option("--to", q.to, "Last event date");
  };
  tigris::cli::SeriesOptions series;
  CLI::App* series_cmd = app.add_subcommand(
      "series",
      "Counts per period by quad class and the Goldstein sum (CSV), in total or per dyad");
  add_filters(series_cmd, series.filter);
  series_cmd->add_option("--by", series.by, "day, week (Monday start) or month")
      ->check(CLI::IsMember({"day", "week", "month"}))
      ->capture_default_str();
  series_cmd->add_flag("--per-dyad", series.per_dyad, "One series per source->target country pair");

  tigris::cli::AlertsOptions alerts;
  std::string window = "7d", baseline = "84d";
  CLI::App* alerts_cmd = app.add_subcommand(
      "alerts",
      "Dyads whose recent count of a quad class is improbable under their own baseline "
      "(Poisson CUSUM or one-sided Poisson test; docs/alerts.md)");
  add_filters(alerts_cmd, alerts.filter);
  alerts_cmd->add_option("--window", window, "Recent window, e.g. 7d")->capture_default_str();
  alerts_cmd->add_option("--baseline", baseline, "Baseline before the window, e.g. 84d")
      ->capture_default_str();
  alerts_cmd->add_option("--class", alerts.quad_class, "Quad class 1-4, 0 for all")
      ->check(CLI::Range(0, 4))
      ->capture_default_str();
  alerts_cmd->add_option("--as-of", alerts.as_of, "Last day of the window (default: latest event)");
  alerts_cmd
      ->add_option("--method", alerts.method,
                   "cusum (CUSUM on daily counts) or poisson (window total)")
      ->check(CLI::IsMember({"cusum", "poisson"}))
      ->capture_default_str();
  alerts_cmd
      ->add_option("--threshold", alerts.cusum_threshold, "cusum: alert when the score >= this")
      ->capture_default_str();
  alerts_cmd
      ->add_option("--ratio", alerts.cusum_ratio,
                   "cusum: the rise (times the baseline rate) to detect")
      ->capture_default_str();
  alerts_cmd->add_flag("!--no-dispersion", alerts.adjust_dispersion,
                       "cusum: do not divide the score by the baseline's over-dispersion");
  alerts_cmd->add_option("--max-p", alerts.max_p, "poisson: alert when p <= this")
      ->capture_default_str();
  alerts_cmd->add_option("--min-events", alerts.min_events, "...and at least this many events")
      ->capture_default_str();

  // ---- serve
  tigris::cli::ServeOptions serve;
  ResourceOptions serve_resources;
  CLI::App* serve_cmd =
      app.add_subcommand("serve",
                         "HTTP API over an event database, and the dashboard at / (docs/serve.md, "
                         "docs/openapi.yaml). Stops cleanly on SIGTERM or SIGINT");
  serve_cmd
      ->add_option(
          "--db", serve.db,
          "SQLite database file (create it with tigris ingest) or clickhouse://HOST:PORT/DATABASE")
      ->required();
  serve_cmd->add_option("--host", serve.host, "Address to bind (loopback unless you say otherwise)")
      ->capture_default_str();
  serve_cmd
      ->add_option("--port", serve.port,
                   "TCP port; 0 picks a free one. Once bound, stderr says "
                   "'listening on http://HOST:PORT'")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve_cmd
      ->add_option("--token-file", serve.token_file,
                   "File holding a bearer token; POST requests must then send "
                   "'Authorization: Bearer TOKEN' (else 401)")
      ->check(CLI::ExistingFile);
  serve_cmd->add_option("--max-body", serve.max_body, "Largest request body in bytes (else 413)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30))
      ->capture_default_str();
  serve_cmd->add_option("--max-batch", serve.max_batch, "Most stories per POST /v1/code (else 413)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  serve_cmd
      ->add_option("--threads,-j", serve.threads,
                   "HTTP worker threads (each serves one connection at a time)")
      ->check(CLI::Range(1u, 1024u))
      ->capture_default_str();
  serve_cmd->add_option("--web-root", serve.web_root,
                        "Dashboard files served at / (default: the build tree's web/, " +
                            tigris::cli::default_web_root() + ")");
  serve_resources.add_to(serve_cmd);

  CLI11_PARSE(app, argc, argv);
  if (serve_cmd->parsed()) {
    auto pipeline = load_or_report(serve_resources);
    if (!pipeline) return static_cast<int>(ExitCode::kCannotStart);
    return static_cast<int>(tigris::cli::run_serve(pipeline, serve));
  }
  if (series_cmd->parsed()) return static_cast<int>(tigris::cli::run_series(series));
  if (alerts_cmd->parsed()) {
    auto days = [](const std::string& text, int& out) {
      if (text.empty() || text.back() != 'd') return false;
      try {
        out = std::stoi(text.substr(0, text.size() - 1));
      } catch (...) {
        return false;
      }
      return out > 0;
    };
    if (!days(window, alerts.window_days) || !days(baseline, alerts.baseline_days)) {
      std::cerr << "tigris: --window and --baseline take a number of days such as 7d\n";
      return static_cast<int>(ExitCode::kCannotStart);
    }
    return static_cast<int>(tigris::cli::run_alerts(alerts));
  }
  if (ingest_cmd->parsed()) {
    std::shared_ptr<const tigris::Pipeline> pipeline;
    if (!ingest.events_input) {
      pipeline = load_or_report(ingest_resources);
      if (!pipeline) return static_cast<int>(ExitCode::kCannotStart);
    }
    if (!pipeline) {
      auto loaded = tigris::Pipeline::load({});
      if (!loaded.is_ok()) return static_cast<int>(ExitCode::kCannotStart);
      pipeline = loaded.value();
    }
    return static_cast<int>(tigris::cli::run_ingest(*pipeline, ingest));
  }
  if (query_cmd->parsed()) return static_cast<int>(tigris::cli::run_query(query));
  if (fetch_cmd->parsed()) {
    return static_cast<int>(tigris::cli::run_dict_fetch(fetch_name, fetch_from, fetch_to));
  }
  if (lint_cmd->parsed()) {
    return static_cast<int>(tigris::cli::run_dict_lint(lint_paths, lint_data, lint_wordnet));
  }

  if (validate_cmd->parsed()) return static_cast<int>(tigris::cli::run_validate(validate));

  if (code_cmd->parsed()) {
    auto pipeline = load_or_report(code_resources);
    if (!pipeline) return static_cast<int>(ExitCode::kCannotStart);
    return static_cast<int>(tigris::cli::run_code(*pipeline, code));
  }
  if (explain_cmd->parsed()) {
    auto pipeline = load_or_report(explain_resources);
    if (!pipeline) return static_cast<int>(ExitCode::kCannotStart);
    tigris::Story story;
    story.id = "explain";
    story.date = explain_date;
    if (!tigris::normalize_story_date(story.date)) {
      std::cerr << "tigris: --date must be YYYY-MM-DD\n";
      return static_cast<int>(ExitCode::kCannotStart);
    }
    story.text = explain_sentence;
    tigris::Workspace ws;
    std::cout << pipeline->explain(story, ws);
    tigris::CodedStory coded = pipeline->code(story, ws);
    std::string line;
    for (const auto& event : coded.events) {
      line.clear();
      tigris::append_event_json(event, line);
      std::cout << line << "\n";
    }
    return 0;
  }
  if (stats_cmd->parsed()) {
    auto pipeline = load_or_report(stats_resources);
    if (!pipeline) return static_cast<int>(ExitCode::kCannotStart);
    tigris::cli::print_dict_stats(*pipeline, std::cout);
    return 0;
  }
  return 0;
}
