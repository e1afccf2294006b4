// `tigris dict lint`: checks a dictionary set for what the loader tolerates
// but an editor should fix.
#pragma once

#include <string>
#include <vector>

#include "tigris/status.h"

namespace tigris {

class Codebook;

struct LintFinding {
  std::string file;
  std::size_t line = 0;
  std::string kind;  // "malformed", "duplicate", "overlapping dates", "unknown code", "unreachable"
  std::string message;
  std::string text;
};

// Loads every dictionary file under `paths` (folders or files) leniently with
// WordNet from `wordnet_dir`, and reports: malformed lines, phrases defined
// twice, date ranges of one actor that overlap (a shared boundary day is
// allowed), event codes absent from `codebook`, and patterns that can never
// match (a repeat of an earlier pattern of the same block, or a block without
// verbs). Findings are sorted by file and line.
Result<std::vector<LintFinding>> lint_dictionaries(const std::vector<std::string>& paths,
                                                   const std::string& wordnet_dir,
                                                   const Codebook& codebook);

}  // namespace tigris
