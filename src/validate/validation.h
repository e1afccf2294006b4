// Validation suites in the PETRARCH/UD-PETRARCH XML format: records with a
// text and the events it must produce, run against the coder.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "tigris/document.h"
#include "tigris/status.h"

namespace tigris {

struct ExpectedEvent {
  std::string source;
  std::string target;
  std::string code;
  friend bool operator<(const ExpectedEvent& a, const ExpectedEvent& b) {
    return std::tie(a.source, a.target, a.code) < std::tie(b.source, b.target, b.code);
  }
  friend bool operator==(const ExpectedEvent&, const ExpectedEvent&) = default;
};

struct ValidationRecord {
  Story story;
  std::string category;
  std::vector<ExpectedEvent> expected;  // empty with expect_none: no event must be coded
  bool expect_none = false;
  bool evaluate = true;  // evaluate="false" records are reported, not scored
  std::size_t line = 0;
  std::string parse;  // the <Parse> element as written (Treebank or CoNLL-U)
};

struct ValidationSuite {
  // Dictionary file names from the <Environment> block (may be empty).
  std::string verb_file, actor_file, agent_file, discard_file;
  std::string ontology_file;  // <PICOfile>: UD-PETRARCH's coding ontology (negation)
  std::vector<ValidationRecord> records;
};

// Reads a validation file. The suites are not strictly well-formed XML, so
// this is a tolerant scanner for the elements it needs.
Result<ValidationSuite> read_validation_file(const std::string& path);

}  // namespace tigris
