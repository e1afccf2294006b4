#include "lexicon/lexicon.h"

#include "common/mapped_file.h"
#include "common/strings.h"

namespace tigris {
namespace {

Result<MappedFile> read_file(const std::string& path) {
  auto file = MappedFile::open(path);
  if (!file.is_ok()) {
    return Status(StatusCode::kNotFound,
                  "cannot open WordNet file (install Debian's wordnet-base, or pass --wordnet DIR)")
        .at(path, 0);
  }
  return file;
}

// Calls `fn(line)` for each line of `content`.
template <typename Fn>
void for_each_line(std::string_view content, Fn&& fn) {
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    fn(content.substr(pos, end - pos));
    pos = end + 1;
  }
}

// WordNet writes "prime_minister"; we intern "PRIME MINISTER". Writes into
// `out` (reused across calls, so the load does not allocate per lemma).
const std::string& wordnet_to_upper(std::string_view lemma, std::string& out) {
  out.assign(lemma);
  for (char& c : out) c = c == '_' ? ' ' : ascii_upper(c);
  return out;
}

struct ClosedEntry {
  std::string_view word;
  ClosedClass cls;
};

// The closed classes of English: grammar, not dictionary content.
// clang-format off
constexpr ClosedEntry kClosedWords[] = {
    {"THE", ClosedClass::kDeterminer}, {"A", ClosedClass::kDeterminer},
    {"AN", ClosedClass::kDeterminer}, {"THIS", ClosedClass::kDeterminer},
    {"THESE", ClosedClass::kDeterminer}, {"THOSE", ClosedClass::kDeterminer},
    {"EACH", ClosedClass::kDeterminer}, {"EVERY", ClosedClass::kDeterminer},
    {"SOME", ClosedClass::kDeterminer}, {"ANY", ClosedClass::kDeterminer},
    {"NO", ClosedClass::kDeterminer}, {"ALL", ClosedClass::kDeterminer},
    {"BOTH", ClosedClass::kDeterminer}, {"SEVERAL", ClosedClass::kDeterminer},
    {"MANY", ClosedClass::kDeterminer}, {"FEW", ClosedClass::kDeterminer},
    {"ANOTHER", ClosedClass::kDeterminer}, {"OTHER", ClosedClass::kDeterminer},
    {"SUCH", ClosedClass::kDeterminer}, {"EITHER", ClosedClass::kDeterminer},
    {"NEITHER", ClosedClass::kDeterminer}, {"MOST", ClosedClass::kDeterminer},
    {"VARIOUS", ClosedClass::kDeterminer}, {"THAT", ClosedClass::kThat},
    {"HE", ClosedClass::kPronoun}, {"SHE", ClosedClass::kPronoun},
    {"IT", ClosedClass::kPronoun}, {"THEY", ClosedClass::kPronoun},
    {"WE", ClosedClass::kPronoun}, {"I", ClosedClass::kPronoun},
    {"YOU", ClosedClass::kPronoun}, {"HIM", ClosedClass::kPronoun},
    {"THEM", ClosedClass::kPronoun}, {"US", ClosedClass::kPronoun},
    {"ME", ClosedClass::kPronoun}, {"ITSELF", ClosedClass::kPronoun},
    {"THEMSELVES", ClosedClass::kPronoun}, {"HIMSELF", ClosedClass::kPronoun},
    {"HERSELF", ClosedClass::kPronoun}, {"SOMEONE", ClosedClass::kPronoun},
    {"ANYONE", ClosedClass::kPronoun}, {"EVERYONE", ClosedClass::kPronoun},
    {"NOBODY", ClosedClass::kPronoun}, {"NOTHING", ClosedClass::kPronoun},
    {"SOMETHING", ClosedClass::kPronoun}, {"ANYTHING", ClosedClass::kPronoun},
    {"EVERYTHING", ClosedClass::kPronoun}, {"ONE", ClosedClass::kPronoun},
    {"HIS", ClosedClass::kPossPronoun}, {"HER", ClosedClass::kPossPronoun},
    {"ITS", ClosedClass::kPossPronoun}, {"THEIR", ClosedClass::kPossPronoun},
    {"OUR", ClosedClass::kPossPronoun}, {"MY", ClosedClass::kPossPronoun},
    {"YOUR", ClosedClass::kPossPronoun},
    {"OF", ClosedClass::kPreposition}, {"IN", ClosedClass::kPreposition},
    {"ON", ClosedClass::kPreposition}, {"AT", ClosedClass::kPreposition},
    {"BY", ClosedClass::kPreposition}, {"WITH", ClosedClass::kPreposition},
    {"FROM", ClosedClass::kPreposition}, {"FOR", ClosedClass::kPreposition},
    {"INTO", ClosedClass::kPreposition}, {"ONTO", ClosedClass::kPreposition},
    {"AGAINST", ClosedClass::kPreposition}, {"ABOUT", ClosedClass::kPreposition},
    {"OVER", ClosedClass::kParticle}, {"UNDER", ClosedClass::kPreposition},
    {"BETWEEN", ClosedClass::kPreposition}, {"AMONG", ClosedClass::kPreposition},
    {"THROUGH", ClosedClass::kPreposition}, {"DURING", ClosedClass::kPreposition},
    {"WITHOUT", ClosedClass::kPreposition}, {"WITHIN", ClosedClass::kPreposition},
    {"TOWARD", ClosedClass::kPreposition}, {"TOWARDS", ClosedClass::kPreposition},
    {"UPON", ClosedClass::kPreposition}, {"ACROSS", ClosedClass::kPreposition},
    {"ALONG", ClosedClass::kPreposition}, {"AMID", ClosedClass::kPreposition},
    {"AMIDST", ClosedClass::kPreposition}, {"DESPITE", ClosedClass::kPreposition},
    {"NEAR", ClosedClass::kPreposition}, {"BEYOND", ClosedClass::kPreposition},
    {"BEHIND", ClosedClass::kPreposition}, {"ABOVE", ClosedClass::kPreposition},
    {"BELOW", ClosedClass::kPreposition}, {"OUTSIDE", ClosedClass::kPreposition},
    {"INSIDE", ClosedClass::kPreposition}, {"VIA", ClosedClass::kPreposition},
    {"PER", ClosedClass::kPreposition}, {"LIKE", ClosedClass::kPreposition},
    {"FOLLOWING", ClosedClass::kPreposition}, {"REGARDING", ClosedClass::kPreposition},
    {"CONCERNING", ClosedClass::kPreposition}, {"INCLUDING", ClosedClass::kPreposition},
    {"ACCORDING", ClosedClass::kPreposition}, {"AROUND", ClosedClass::kPreposition},
    {"AFTER", ClosedClass::kPrepOrSub}, {"BEFORE", ClosedClass::kPrepOrSub},
    {"SINCE", ClosedClass::kPrepOrSub}, {"UNTIL", ClosedClass::kPrepOrSub},
    {"TILL", ClosedClass::kPrepOrSub}, {"AS", ClosedClass::kPrepOrSub},
    {"IF", ClosedClass::kSubordinator}, {"UNLESS", ClosedClass::kSubordinator},
    {"BECAUSE", ClosedClass::kSubordinator}, {"ALTHOUGH", ClosedClass::kSubordinator},
    {"THOUGH", ClosedClass::kSubordinator}, {"WHILE", ClosedClass::kSubordinator},
    {"WHETHER", ClosedClass::kSubordinator}, {"WHEREAS", ClosedClass::kSubordinator},
    {"ONCE", ClosedClass::kSubordinator},
    {"WHO", ClosedClass::kWh}, {"WHOM", ClosedClass::kWh}, {"WHOSE", ClosedClass::kWh},
    {"WHICH", ClosedClass::kWh}, {"WHERE", ClosedClass::kWh}, {"WHEN", ClosedClass::kWh},
    {"WHY", ClosedClass::kWh}, {"HOW", ClosedClass::kWh}, {"WHAT", ClosedClass::kWh},
    {"THAN", ClosedClass::kDeterminer}, {"AND", ClosedClass::kConjunction}, {"OR", ClosedClass::kConjunction},
    {"BUT", ClosedClass::kConjunction}, {"NOR", ClosedClass::kConjunction},
    {"YET", ClosedClass::kConjunction},
    {"IS", ClosedClass::kBe}, {"ARE", ClosedClass::kBe}, {"WAS", ClosedClass::kBe},
    {"WERE", ClosedClass::kBe}, {"BE", ClosedClass::kBe}, {"BEEN", ClosedClass::kBe},
    {"BEING", ClosedClass::kBe}, {"AM", ClosedClass::kBe}, {"'RE", ClosedClass::kBe},
    {"'M", ClosedClass::kBe},
    {"HAS", ClosedClass::kHave}, {"HAVE", ClosedClass::kHave}, {"HAD", ClosedClass::kHave},
    {"HAVING", ClosedClass::kHave}, {"'VE", ClosedClass::kHave}, {"'D", ClosedClass::kModal},
    {"DO", ClosedClass::kDo}, {"DOES", ClosedClass::kDo}, {"DID", ClosedClass::kDo},
    {"WILL", ClosedClass::kModal}, {"WOULD", ClosedClass::kModal},
    {"CAN", ClosedClass::kModal}, {"COULD", ClosedClass::kModal},
    {"MAY", ClosedClass::kModal}, {"MIGHT", ClosedClass::kModal},
    {"SHALL", ClosedClass::kModal}, {"SHOULD", ClosedClass::kModal},
    {"MUST", ClosedClass::kModal}, {"'LL", ClosedClass::kModal}, {"WO", ClosedClass::kModal},
    {"CA", ClosedClass::kModal},
    {"NOT", ClosedClass::kNegation}, {"N'T", ClosedClass::kNegation},
    {"NEVER", ClosedClass::kNegation},
    {"TO", ClosedClass::kTo},
    {"OUT", ClosedClass::kParticle}, {"UP", ClosedClass::kParticle},
    {"DOWN", ClosedClass::kParticle}, {"OFF", ClosedClass::kParticle},
    {"BACK", ClosedClass::kParticle}, {"AWAY", ClosedClass::kParticle},
    {"ALSO", ClosedClass::kAdverb}, {"ALREADY", ClosedClass::kAdverb},
    {"STILL", ClosedClass::kAdverb}, {"JUST", ClosedClass::kAdverb},
    {"EVEN", ClosedClass::kAdverb}, {"ONLY", ClosedClass::kAdverb},
    {"AGAIN", ClosedClass::kAdverb}, {"RECENTLY", ClosedClass::kAdverb},
    {"REPEATEDLY", ClosedClass::kAdverb}, {"REPORTEDLY", ClosedClass::kAdverb},
    {"ALLEGEDLY", ClosedClass::kAdverb}, {"LONG", ClosedClass::kAdverb},
    {"THEN", ClosedClass::kAdverb}, {"NOW", ClosedClass::kAdverb},
    {"TODAY", ClosedClass::kAdverb}, {"YESTERDAY", ClosedClass::kAdverb},
    {"TOMORROW", ClosedClass::kAdverb}, {"SOON", ClosedClass::kAdverb},
    {"LATER", ClosedClass::kAdverb}, {"EARLIER", ClosedClass::kAdverb},
    {"ALWAYS", ClosedClass::kAdverb}, {"OFTEN", ClosedClass::kAdverb},
    {"USUALLY", ClosedClass::kAdverb}, {"TYPICALLY", ClosedClass::kAdverb},
    {"HOWEVER", ClosedClass::kAdverb}, {"MEANWHILE", ClosedClass::kAdverb},
    {"THERE", ClosedClass::kAdverb}, {"HERE", ClosedClass::kAdverb},
    {"VERY", ClosedClass::kAdverb}, {"TOO", ClosedClass::kAdverb},
    {"ACTUALLY", ClosedClass::kAdverb}, {"APPARENTLY", ClosedClass::kAdverb},
    {"IMMEDIATELY", ClosedClass::kAdverb}, {"PREVIOUSLY", ClosedClass::kAdverb},
    {"ESSENTIALLY", ClosedClass::kAdverb}, {"NECESSARILY", ClosedClass::kAdverb},
    {"REPORTEDLY", ClosedClass::kAdverb}, {"FINALLY", ClosedClass::kAdverb},
};
// clang-format on

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_vowel(char c) {
  return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}

}  // namespace

Result<std::shared_ptr<Lexicon>> Lexicon::load(const std::string& wordnet_dir, Vocabulary& vocab) {
  auto lexicon = std::make_shared<Lexicon>();
  std::string upper;
  // WordNet brings about 90,000 single-word lemmas and forms; dictionaries add
  // tens of thousands more.
  vocab.reserve(vocab.size() + 100000);
  auto mark = [&](std::uint32_t id, std::uint8_t bit) {
    if (lexicon->pos_.size() <= id) lexicon->pos_.resize(id + 1, 0);
    lexicon->pos_[id] |= bit;
  };
  struct IndexFile {
    const char* name;
    std::uint8_t bit;
  };
  for (IndexFile file : {IndexFile{"index.noun", kPosNoun}, IndexFile{"index.verb", kPosVerb},
                         IndexFile{"index.adj", kPosAdj}, IndexFile{"index.adv", kPosAdv}}) {
    auto content = read_file(wordnet_dir + "/" + file.name);
    if (!content.is_ok()) return content.status();
    for_each_line(content.value().text(), [&](std::string_view line) {
      if (line.empty() || line[0] == ' ') return;  // license header lines start with spaces
      std::size_t space = line.find(' ');
      std::string_view lemma = line.substr(0, space);
      if (lemma.find('_') != std::string_view::npos) return;  // multi-word lemmas unused here
      mark(vocab.intern(wordnet_to_upper(lemma, upper)), file.bit);
      ++lexicon->lemma_total_;
    });
  }
  struct ExceptionFile {
    const char* name;
    std::unordered_map<std::uint32_t, std::uint32_t>* table;
  };
  for (ExceptionFile file : {ExceptionFile{"verb.exc", &lexicon->verb_exceptions_},
                             ExceptionFile{"noun.exc", &lexicon->noun_exceptions_}}) {
    auto content = read_file(wordnet_dir + "/" + file.name);
    if (!content.is_ok()) return content.status();
    for_each_line(content.value().text(), [&](std::string_view line) {
      auto parts = split(line, ' ');
      if (parts.size() < 2 || parts[0].find('_') != std::string_view::npos) return;
      std::uint32_t surface = vocab.intern(wordnet_to_upper(parts[0], upper));
      std::uint32_t lemma = vocab.intern(wordnet_to_upper(trim(parts[1]), upper));
      file.table->emplace(surface, lemma);
    });
  }
  // Sense frequencies: "lemma%ss_type:... sense_number tag_count".
  auto counts = read_file(wordnet_dir + "/cntlist.rev");
  if (counts.is_ok()) {
    for_each_line(counts.value().text(), [&](std::string_view line) {
      std::size_t percent = line.find('%');
      if (percent == std::string_view::npos || percent + 1 >= line.size()) return;
      std::string_view lemma = line.substr(0, percent);
      if (lemma.find('_') != std::string_view::npos) return;
      char type = line[percent + 1];
      std::size_t last_space = line.rfind(' ');
      std::uint32_t count = 0;
      for (char c : line.substr(last_space + 1)) {
        if (is_ascii_digit(static_cast<unsigned char>(c))) count = count * 10 + (c - '0');
      }
      std::uint32_t id = vocab.find(wordnet_to_upper(lemma, upper));
      if (id == Vocabulary::kUnknown) return;
      if (type == '1') lexicon->noun_counts_[id] += count;
      if (type == '2') lexicon->verb_counts_[id] += count;
    });
  }
  for (const auto& entry : kClosedWords)
    lexicon->closed_.emplace(std::string(entry.word), entry.cls);
  return lexicon;
}

ClosedClass Lexicon::closed_class(std::string_view upper) const {
  auto it = closed_.find(upper);
  return it == closed_.end() ? ClosedClass::kNone : it->second;
}

std::uint32_t Lexicon::noun_count(std::uint32_t lemma_id) const {
  auto it = noun_counts_.find(lemma_id);
  return it == noun_counts_.end() ? 0 : it->second;
}

std::uint32_t Lexicon::verb_count(std::uint32_t lemma_id) const {
  auto it = verb_counts_.find(lemma_id);
  return it == verb_counts_.end() ? 0 : it->second;
}

Lexicon::Lemma Lexicon::verb_lemma(std::string_view upper, const Vocabulary& vocab) const {
  std::uint32_t surface = vocab.find(upper);
  if (surface != Vocabulary::kUnknown) {
    auto exception = verb_exceptions_.find(surface);
    if (exception != verb_exceptions_.end()) {
      VerbForm form = ends_with(upper, "ING") ? VerbForm::kGerund
                      : ends_with(upper, "S") ? VerbForm::kPresent3
                                              : VerbForm::kPast;
      return {exception->second, form};
    }
    if (pos_bits(surface) & kPosVerb) return {surface, VerbForm::kBase};
  }
  // Morphological rules, as WordNet's morphy applies them, plus consonant
  // doubling (stopped -> stop), which morphy leaves to the exception lists.
  char buffer[64];
  auto try_stem = [&](std::string_view stem, std::string_view add) -> std::uint32_t {
    if (stem.size() + add.size() >= sizeof(buffer) || stem.size() < 2) return 0;
    std::copy(stem.begin(), stem.end(), buffer);
    std::copy(add.begin(), add.end(), buffer + stem.size());
    std::uint32_t id = vocab.find(std::string_view(buffer, stem.size() + add.size()));
    return (id != Vocabulary::kUnknown && (pos_bits(id) & kPosVerb)) ? id : 0;
  };
  auto undoubled = [&](std::string_view stem) -> std::uint32_t {
    if (stem.size() >= 3 && stem[stem.size() - 1] == stem[stem.size() - 2] &&
        !is_vowel(stem.back())) {
      return try_stem(stem.substr(0, stem.size() - 1), "");
    }
    return 0;
  };
  if (ends_with(upper, "ING")) {
    std::string_view stem = upper.substr(0, upper.size() - 3);
    if (auto id = try_stem(stem, "")) return {id, VerbForm::kGerund};
    if (auto id = try_stem(stem, "E")) return {id, VerbForm::kGerund};
    if (auto id = undoubled(stem)) return {id, VerbForm::kGerund};
    if (ends_with(stem, "Y")) {
      if (auto id = try_stem(stem.substr(0, stem.size() - 1), "IE")) return {id, VerbForm::kGerund};
    }
    return {};
  }
  if (ends_with(upper, "ED")) {
    std::string_view stem = upper.substr(0, upper.size() - 2);
    if (auto id = try_stem(upper.substr(0, upper.size() - 1), "")) return {id, VerbForm::kPast};
    if (auto id = try_stem(stem, "")) return {id, VerbForm::kPast};
    if (auto id = undoubled(stem)) return {id, VerbForm::kPast};
    if (ends_with(upper, "IED")) {
      if (auto id = try_stem(upper.substr(0, upper.size() - 3), "Y")) return {id, VerbForm::kPast};
    }
    return {};
  }
  if (ends_with(upper, "S")) {
    if (ends_with(upper, "IES")) {
      if (auto id = try_stem(upper.substr(0, upper.size() - 3), "Y"))
        return {id, VerbForm::kPresent3};
    }
    if (ends_with(upper, "ES")) {
      if (auto id = try_stem(upper.substr(0, upper.size() - 2), ""))
        return {id, VerbForm::kPresent3};
    }
    if (auto id = try_stem(upper.substr(0, upper.size() - 1), "")) return {id, VerbForm::kPresent3};
  }
  return {};
}

std::uint32_t Lexicon::noun_lemma(std::string_view upper, const Vocabulary& vocab) const {
  std::uint32_t surface = vocab.find(upper);
  if (surface != Vocabulary::kUnknown) {
    auto exception = noun_exceptions_.find(surface);
    if (exception != noun_exceptions_.end()) return exception->second;
    if (pos_bits(surface) & kPosNoun) return surface;
  }
  char buffer[64];
  auto try_stem = [&](std::string_view stem, std::string_view add) -> std::uint32_t {
    if (stem.size() + add.size() >= sizeof(buffer) || stem.empty()) return 0;
    std::copy(stem.begin(), stem.end(), buffer);
    std::copy(add.begin(), add.end(), buffer + stem.size());
    std::uint32_t id = vocab.find(std::string_view(buffer, stem.size() + add.size()));
    return (id != Vocabulary::kUnknown && (pos_bits(id) & kPosNoun)) ? id : 0;
  };
  // WordNet's morphy order: plain -s first ("ties" -> tie, not ti).
  if (ends_with(upper, "S") && !ends_with(upper, "SS")) {
    if (auto id = try_stem(upper.substr(0, upper.size() - 1), "")) return id;
  }
  if (ends_with(upper, "IES")) {
    if (auto id = try_stem(upper.substr(0, upper.size() - 3), "Y")) return id;
  }
  if (ends_with(upper, "MEN")) {
    if (auto id = try_stem(upper.substr(0, upper.size() - 3), "MAN")) return id;
  }
  if (ends_with(upper, "ES")) {
    if (auto id = try_stem(upper.substr(0, upper.size() - 2), "")) return id;
  }
  if (ends_with(upper, "S") && !ends_with(upper, "SS")) {
    if (auto id = try_stem(upper.substr(0, upper.size() - 1), "")) return id;
  }
  return 0;
}

}  // namespace tigris
