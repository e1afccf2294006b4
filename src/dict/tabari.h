// TABARI 0.8 dictionaries (.actors, .agents, .verbs, .options), read into the
// same Dictionary model as the PETRARCH2 files. What maps and what is only
// reported is listed in docs/dictionaries.md ("TABARI dictionaries"); every
// construct that does not map becomes one LoadNote with its file and line.
//
// A TabariReader is used by DictionaryBuilder::add_text for the kTabari* kinds
// (and for a *verbs*.txt file whose content is in TABARI's layout); it writes
// into the builder's Dictionary under construction. Not thread-safe (build
// time only), like the builder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dict/dictionary.h"

namespace tigris {

// True when `content` is a verbs file in TABARI's layout: verb roots at the
// start of a line followed by "- pattern [code]" lines, and none of PETRARCH's
// "--- NAME [code] ---" block headers. Looks at the first 500 lines at most.
bool looks_like_tabari_verbs(std::string_view content);

class TabariReader {
 public:
  TabariReader(DictionaryBuilder& builder, std::uint32_t source)
      : builder_(builder), source_(source) {}

  Status read_actors(std::string_view content);
  Status read_agents(std::string_view content);
  Status read_verbs(std::string_view content);
  // .options files hold coder settings, none of which is a dictionary entry:
  // every directive is reported (LABEL lines once, as a block).
  Status read_options(std::string_view content);

 private:
  struct Line {
    std::string_view text;  // comment (after ';') removed, trimmed on the right
    std::string_view raw;
    std::size_t number = 0;
  };
  template <typename Fn>
  Status for_each_line(std::string_view content, Fn&& fn);
  void note(std::size_t line, std::string_view text, std::string reason);
  Status error(const Line& line, std::string message) const;
  const std::string& file() const;
  // WordNet lemmas (upper case), sorted, for stems: built on first use.
  const std::vector<std::string>& sorted_lemmas();
  std::uint32_t verb_lemma_for(const std::string& word, bool stem);

  DictionaryBuilder& builder_;
  std::uint32_t source_;
  std::vector<std::string> lemmas_;
};

}  // namespace tigris
