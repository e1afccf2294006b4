#include "dict/lint.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "code/codebook.h"
#include "dict/dictionary.h"
#include "lexicon/lexicon.h"

namespace tigris {

Result<std::vector<LintFinding>> lint_dictionaries(const std::vector<std::string>& paths,
                                                   const std::string& wordnet_dir,
                                                   const Codebook& codebook) {
  Vocabulary vocab;
  auto lexicon = Lexicon::load(wordnet_dir, vocab);
  if (!lexicon.is_ok()) return lexicon.status();
  DictionaryBuilder builder(vocab, *lexicon.value());
  builder.set_lenient(true);
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) {
      TIGRIS_RETURN_IF_ERROR(builder.add_directory(path));
    } else {
      DictionaryKind kind =
          dictionary_kind_from_name(std::filesystem::path(path).filename().string());
      TIGRIS_RETURN_IF_ERROR(builder.add_file(path, kind));
    }
  }
  std::vector<LintFinding> findings;
  for (const auto& note : builder.notes()) {
    std::string kind = note.reason.starts_with("skipped") ? "malformed" : "unsupported";
    findings.push_back({note.file, note.line, kind, note.reason, note.text});
  }
  for (const auto& dup : builder.duplicates()) {
    findings.push_back({dup.file, dup.line, "duplicate", dup.reason, dup.text});
  }
  std::unique_ptr<Dictionary> dict = builder.finish();
  auto file_of = [&](std::uint32_t source) { return dict->sources()[source]; };
  // Overlapping date ranges within one actor.
  for (const auto& actor : dict->actors()) {
    std::vector<DatedCode> ranges = actor.dated;
    std::sort(ranges.begin(), ranges.end(),
              [](const DatedCode& a, const DatedCode& b) { return a.from < b.from; });
    for (std::size_t i = 1; i < ranges.size(); ++i) {
      if (ranges[i].from < ranges[i - 1].to) {
        findings.push_back({file_of(actor.source), actor.line, "overlapping dates",
                            "ranges of " + ranges[i - 1].code + " and " + ranges[i].code +
                                " overlap by more than a boundary day",
                            actor.name});
      }
    }
  }
  auto check_code = [&](const std::string& code, std::uint32_t source, std::uint32_t line,
                        const std::string& text) {
    if (code.empty() || code == "---") return;
    if (!codebook.codes().count(code)) {
      findings.push_back({file_of(source), line, "unknown code",
                          "CAMEO code " + code + " is not in the codebook", text});
    }
  };
  for (const auto& nominal : dict->nominals()) {
    check_code(nominal.code, nominal.source, nominal.line, nominal.phrase);
  }
  std::vector<std::size_t> verbs_per_block(dict->verb_blocks().size(), 0);
  for (const auto& verb : dict->verbs()) {
    ++verbs_per_block[verb.block];
    check_code(verb.code, verb.source, verb.line, verb.text);
  }
  for (std::size_t b = 0; b < dict->verb_blocks().size(); ++b) {
    const VerbBlock& block = dict->verb_blocks()[b];
    std::set<std::string> seen;
    for (const auto& pattern : block.patterns) {
      check_code(pattern.code, pattern.source, pattern.line, pattern.text);
      // The pattern as written minus its code and spacing: a repeat never fires.
      std::string key = pattern.text.substr(0, pattern.text.rfind('['));
      key.erase(
          std::remove_if(key.begin(), key.end(), [](char c) { return c == ' ' || c == '\t'; }),
          key.end());
      if (!seen.insert(key).second) {
        findings.push_back({file_of(pattern.source), pattern.line, "unreachable",
                            "same pattern as an earlier one in block " + block.name, pattern.text});
      }
      if (verbs_per_block[b] == 0) {
        findings.push_back({file_of(pattern.source), pattern.line, "unreachable",
                            "block " + block.name + " has no verbs", pattern.text});
      }
    }
  }
  std::sort(findings.begin(), findings.end(), [](const LintFinding& a, const LintFinding& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  return findings;
}

}  // namespace tigris
