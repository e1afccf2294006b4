// Feeds arbitrary bytes to every dictionary parser, PETRARCH's and TABARI's:
// malformed lines must give a Status naming the line, never a crash. An empty
// lexicon keeps each run cheap; the parsers only use it to find verb lemmas.
#include <cstdint>
#include <string>

#include "dict/dictionary.h"
#include "lexicon/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tigris::Lexicon lexicon;
  std::string text(reinterpret_cast<const char*>(data), size);
  for (auto kind : {tigris::DictionaryKind::kActors, tigris::DictionaryKind::kAgents,
                    tigris::DictionaryKind::kVerbs, tigris::DictionaryKind::kNominals,
                    tigris::DictionaryKind::kDiscards, tigris::DictionaryKind::kTabariActors,
                    tigris::DictionaryKind::kTabariAgents, tigris::DictionaryKind::kTabariVerbs,
                    tigris::DictionaryKind::kTabariOptions}) {
    tigris::Vocabulary vocab;
    tigris::DictionaryBuilder builder(vocab, lexicon);
    (void)builder.add_text(text, "fuzz.txt", kind);
    (void)builder.finish();
  }
  return 0;
}
