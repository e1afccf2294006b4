// Chunking: a left-to-right state machine over tags. Noun phrases are runs of
// determiners, adjectives, nouns and numbers (a possessive "'s" continues
// them); verb groups are auxiliaries, modals, negation and adverbs ending in a
// verb, plus its particle; "to" + verb is an infinitive verb group.
#include "syntax/syntax.h"
#include "text/text.h"

namespace tigris {
namespace {

bool np_tag(Tag t) {
  return t == Tag::kDeterminer || t == Tag::kAdjective || t == Tag::kNoun ||
         t == Tag::kProperNoun || t == Tag::kNumber || t == Tag::kPossessive;
}

bool head_tag(Tag t) {
  return t == Tag::kNoun || t == Tag::kProperNoun || t == Tag::kPronoun || t == Tag::kNumber;
}

}  // namespace

void chunk_tokens(const SyntaxContext& ctx, const std::vector<Token>& tokens, SentenceAnalysis& a) {
  const std::size_t n = tokens.size();
  a.chunks.clear();
  a.token_chunk.assign(n, -1);
  auto text_of = [&](std::size_t i) { return token_norm(tokens[i], ctx.arena); };
  auto push = [&](ChunkKind kind, std::size_t first, std::size_t last, std::size_t head) {
    Chunk chunk{kind, static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last),
                static_cast<std::uint16_t>(head), -1};
    for (std::size_t k = first; k <= last; ++k) {
      a.token_chunk[k] = static_cast<std::int16_t>(a.chunks.size());
      if (kind == ChunkKind::kNounPhrase && tokens[k].tag == Tag::kPossessive) {
        chunk.possessive = static_cast<std::int16_t>(k);
      }
    }
    a.chunks.push_back(chunk);
  };
  std::size_t i = 0;
  while (i < n) {
    const Token& token = tokens[i];
    Tag tag = token.tag;
    std::string_view text = text_of(i);
    if (!a.token_time.empty() && a.token_time[i]) {
      std::size_t j = i;
      while (j + 1 < n && a.token_time[j + 1] == a.token_time[i]) ++j;
      push(ChunkKind::kTime, i, j, j);
      i = j + 1;
      continue;
    }
    if (tag == Tag::kPronoun) {
      push(ChunkKind::kNounPhrase, i, i, i);
      ++i;
      continue;
    }
    if (np_tag(tag) && tag != Tag::kPossessive) {
      std::size_t j = i;
      std::size_t head = i;
      bool seen_noun = head_tag(tag);
      if (seen_noun) head = i;
      while (j + 1 < n) {
        const Token& next = tokens[j + 1];
        if (!a.token_time.empty() && a.token_time[j + 1]) break;
        if (next.tag == Tag::kQuote && j + 3 < n && tokens[j].tag == Tag::kProperNoun &&
            tokens[j + 2].tag == Tag::kProperNoun && tokens[j + 3].tag == Tag::kQuote) {
          j += 3;  // Kenneth "Frank" McKenzie
          continue;
        }
        // A prefix with its hyphen and a space, "an anti- Gondor parade": the
        // hyphen, attached to the word before it, continues the phrase.
        if (next.tag == Tag::kPunct && text_of(j + 1) == "-" && j + 2 < n &&
            tokens[j].span.end == next.span.begin && next.span.end < tokens[j + 2].span.begin &&
            np_tag(tokens[j + 2].tag) && tokens[j + 2].tag != Tag::kDeterminer) {
          ++j;
          continue;
        }
        // Coordinated adjectives before the head: "complete, full diplomatic ties".
        if (!seen_noun && tokens[j].tag == Tag::kAdjective && next.tag == Tag::kPunct &&
            text_of(j + 1) == "," && j + 2 < n && tokens[j + 2].tag == Tag::kAdjective) {
          ++j;
          continue;
        }
        // A degree adverb before an adjective, ahead of the head: "a really
        // pleasant place", "the very large army".
        if (!seen_noun && next.tag == Tag::kAdverb && j + 2 < n &&
            tokens[j + 2].tag == Tag::kAdjective &&
            (tokens[j].tag == Tag::kDeterminer || tokens[j].tag == Tag::kAdjective ||
             tokens[j].tag == Tag::kPossessive || tokens[j].tag == Tag::kNumber)) {
          ++j;
          continue;
        }
        // Adjectives joined by "and"/"or" when both are common words before the head
        // ("Ithilen's awful and evil minister"); "Iraqi and Syrian troops",
        // names or actor words, stay a coordination of phrases.
        auto common = [&](std::size_t t) {
          return (tokens[t].flags & (kCapitalized | kInActor)) == 0;
        };
        if (tokens[j].tag == Tag::kAdjective && next.tag == Tag::kConjunction &&
            (text_of(j + 1) == "AND" || text_of(j + 1) == "OR") && j + 3 < n &&
            tokens[j + 2].tag == Tag::kAdjective && common(j) && common(j + 2) &&
            np_tag(tokens[j + 3].tag) && tokens[j + 3].tag != Tag::kDeterminer &&
            tokens[j + 3].tag != Tag::kPossessive) {
          ++j;
          continue;
        }
        if (!np_tag(next.tag)) break;
        // A determiner after a noun starts a new phrase ("warns Iraq it ..."
        // never reaches here, but "Iraq the country" does).
        if (next.tag == Tag::kDeterminer && seen_noun && tokens[j].tag != Tag::kPossessive &&
            text_of(j + 1) != "THAN" && text_of(j) != "THAN") {
          break;
        }
        // A new actor mention right after a complete proper name starts a new
        // phrase only when separated by nothing: keep "U.S. Embassy" together.
        ++j;
        if (head_tag(tokens[j].tag)) {
          head = j;
          seen_noun = true;
        }
      }
      // Trailing adjectives without a noun ("the response apparently was not enough").
      if (!seen_noun) head = j;
      push(ChunkKind::kNounPhrase, i, j, head);
      i = j + 1;
      continue;
    }
    bool verbal = tag == Tag::kAuxiliary || tag == Tag::kModal || tag == Tag::kVerb ||
                  (tag == Tag::kNegation && i + 1 < n &&
                   (tokens[i + 1].tag == Tag::kVerb || tokens[i + 1].tag == Tag::kAuxiliary));
    bool infinitive =
        tag == Tag::kTo && i + 1 < n &&
        (tokens[i + 1].tag == Tag::kVerb ||
         (tokens[i + 1].tag == Tag::kAdverb && i + 2 < n && tokens[i + 2].tag == Tag::kVerb) ||
         (tokens[i + 1].tag == Tag::kAuxiliary && text_of(i + 1) == "BE"));
    if (verbal || infinitive) {
      std::size_t j = i;
      std::size_t main = i;
      bool have_main = tag == Tag::kVerb;
      if (have_main) main = i;
      while (j + 1 < n) {
        Tag next = tokens[j + 1].tag;
        if (have_main) {
          if (next == Tag::kParticle) {
            // "pulled out", "step down": a particle right after the verb, unless
            // it heads a prepositional phrase ("out of Iraq").
            std::string_view after = j + 2 < n ? text_of(j + 2) : std::string_view();
            if (after == "OF" || after == "FROM") break;
            ++j;
            continue;
          }
          // Passive or progressive chains continue after an auxiliary main.
          break;
        }
        if (next == Tag::kAuxiliary || next == Tag::kModal || next == Tag::kNegation ||
            next == Tag::kAdverb || next == Tag::kVerb) {
          ++j;
          if (next == Tag::kVerb) {
            main = j;
            have_main = true;
          }
          continue;
        }
        break;
      }
      if (!have_main) {
        // A copula or auxiliary alone ("was a triumph"): its last auxiliary is the verb.
        main = j;
        while (main > i && tokens[main].tag != Tag::kAuxiliary && tokens[main].tag != Tag::kModal) {
          --main;
        }
        // "would be seen": absorb a following verb of the chain.
      }
      // Trailing adverbs belong outside the group.
      while (j > main && tokens[j].tag == Tag::kAdverb) --j;
      push(ChunkKind::kVerbGroup, i, j, main);
      i = j + 1;
      continue;
    }
    switch (tag) {
      case Tag::kPreposition:
      case Tag::kTo:
        push(ChunkKind::kPreposition, i, i, i);
        break;
      case Tag::kParticle: {
        // "out of", "up to": one two-word preposition; otherwise a lone particle.
        std::string_view after = i + 1 < n ? text_of(i + 1) : std::string_view();
        if ((after == "OF" || after == "FROM" || after == "TO") && i + 1 < n) {
          push(ChunkKind::kPreposition, i, i + 1, i + 1);
          i += 2;
          continue;
        }
        bool before_np =
            i + 1 < n && (np_tag(tokens[i + 1].tag) || tokens[i + 1].tag == Tag::kPronoun);
        push(before_np ? ChunkKind::kPreposition : ChunkKind::kOther, i, i, i);
        break;
      }
      case Tag::kConjunction:
        push(ChunkKind::kConjunction, i, i, i);
        break;
      case Tag::kSubordinator:
        push(ChunkKind::kSubordinator, i, i, i);
        break;
      case Tag::kWh:
        push(ChunkKind::kWh, i, i, i);
        break;
      case Tag::kQuote:
        push(ChunkKind::kQuote, i, i, i);
        break;
      case Tag::kPunct:
        if (text == ",") {
          push(ChunkKind::kComma, i, i, i);
        } else if (text == "." || text == "!" || text == "?" || text == ";") {
          push(ChunkKind::kEnd, i, i, i);
        } else {
          push(ChunkKind::kOther, i, i, i);
        }
        break;
      default:
        push(ChunkKind::kOther, i, i, i);
        break;
    }
    ++i;
  }
}

}  // namespace tigris
