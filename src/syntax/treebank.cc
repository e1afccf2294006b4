// Penn Treebank trees to the coder's analysis. Chunks: a noun phrase with no
// phrase inside it other than a possessor or an adjective/quantifier phrase is
// one NP chunk; a chain of VPs whose leading words are auxiliaries, modals,
// negation, "to" and adverbs is one verb group ending in the main verb (plus
// its particle); prepositions, conjunctions, subordinators, wh-words and
// punctuation are chunks of their own. Clauses: one per verb group, with the
// subject from the NP before the VP in its S (or from the clause it is a
// complement of, or the noun it modifies), the object from the first NP of the
// innermost VP, and the PPs of that VP and of the object, nested ones included.
#include "syntax/treebank.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

#include "common/strings.h"
#include "text/text.h"

namespace tigris {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::string strip_function_tags(std::string label) {
  if (label.empty() || label[0] == '-') return label;  // -NONE-, -LRB-
  std::size_t cut = label.find_first_of("-=");
  if (cut != std::string::npos && cut > 0) label.resize(cut);
  return label;
}

class TreeReader {
 public:
  explicit TreeReader(std::string_view text) : text_(text) {}

  Result<std::vector<ParseTree>> read_all() {
    std::vector<ParseTree> trees;
    skip_space();
    while (pos_ < text_.size()) {
      if (text_[pos_] != '(') return error("expected '(' to start a tree");
      ParseTree tree;
      auto root = read_node(tree, -1);
      if (!root.is_ok()) return root.status();
      if (root.value() >= 0) {
        if (tree.leaves.empty()) return error("a tree without words");
        trees.push_back(std::move(tree));
      }
      skip_space();
    }
    if (trees.empty()) return error("no tree");
    return trees;
  }

 private:
  Status error(const char* what) const {
    std::size_t from = pos_ > 20 ? pos_ - 20 : 0;
    return Status(StatusCode::kInvalidInput, std::string("Penn Treebank parse: ") + what +
                                                 " at offset " + std::to_string(pos_))
        .at("<Parse>", 0)
        .with_excerpt(std::string(text_.substr(from, 40)));
  }

  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }

  std::string read_atom() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && !is_space(text_[pos_]) && text_[pos_] != '(' &&
           text_[pos_] != ')') {
      ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  // Reads "(LABEL children...)" at pos_; returns the node index, or -1 for an
  // empty element that was skipped.
  Result<std::int32_t> read_node(ParseTree& tree, std::int32_t parent) {
    if (++depth_ > 500) return error("tree nested too deeply");
    ++pos_;  // '('
    skip_space();
    std::string label = strip_function_tags(read_atom());
    auto index = static_cast<std::int32_t>(tree.nodes.size());
    tree.nodes.push_back({});
    tree.nodes[static_cast<std::size_t>(index)].label = label;
    tree.nodes[static_cast<std::size_t>(index)].parent = parent;
    tree.nodes[static_cast<std::size_t>(index)].first_leaf =
        static_cast<std::int32_t>(tree.leaves.size());
    skip_space();
    std::string word;
    while (pos_ < text_.size() && text_[pos_] != ')') {
      if (text_[pos_] == '(') {
        auto child = read_node(tree, index);
        if (!child.is_ok()) return child.status();
        if (child.value() >= 0)
          tree.nodes[static_cast<std::size_t>(index)].children.push_back(child.value());
      } else {
        std::string atom = read_atom();
        if (!word.empty()) word += ' ';
        word += atom;
      }
      skip_space();
    }
    if (pos_ >= text_.size()) return error("unbalanced brackets: missing ')'");
    ++pos_;  // ')'
    --depth_;
    TreeNode& node = tree.nodes[static_cast<std::size_t>(index)];
    // An empty element (a trace, or a bracket with nothing in it) is dropped;
    // a -NONE- that holds real words is kept as an ordinary node.
    bool empty_element = node.children.empty() && (label == "-NONE-" || word.empty());
    if (!word.empty() && node.children.empty() && !empty_element) {
      node.word = word;
      tree.leaves.push_back(index);
    }
    node.last_leaf = static_cast<std::int32_t>(tree.leaves.size()) - 1;
    if (empty_element) {
      tree.nodes.resize(static_cast<std::size_t>(index));  // drop it (it has no children kept)
      return -1;
    }
    return index;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool is_verb_pos(std::string_view pos) {
  return starts_with(pos, "VB");
}
bool is_noun_pos(std::string_view pos) {
  return starts_with(pos, "NN") || pos == "PRP" || pos == "CD";
}
bool is_clause_label(std::string_view l) {
  return l == "S" || l == "SINV" || l == "SQ" || l == "SBAR" || l == "SBARQ";
}

bool is_be(std::string_view t) {
  return t == "IS" || t == "ARE" || t == "WAS" || t == "WERE" || t == "BE" || t == "BEEN" ||
         t == "BEING" || t == "'RE" || t == "'M" || t == "'S" || t == "AM";
}

constexpr std::array<std::string_view, 14> kObjectControl = {
    "URGE",  "ASK",    "TELL",     "ORDER", "FORCE", "ALLOW",     "INVITE",
    "PRESS", "EXHORT", "PERSUADE", "CALL",  "PUSH",  "ENCOURAGE", "REQUEST"};

class TreeAnalyser {
 public:
  TreeAnalyser(const SyntaxContext& ctx, const ParseTree& tree,
               const std::vector<std::int32_t>& token_leaf, std::vector<Token>& tokens,
               SentenceAnalysis& a)
      : ctx_(ctx), tree_(tree), tokens_(tokens), a_(a) {
    std::size_t leaves = tree.leaves.size();
    leaf_first_.assign(leaves, -1);
    leaf_last_.assign(leaves, -1);
    for (std::size_t t = 0; t < token_leaf.size(); ++t) {
      auto leaf = static_cast<std::size_t>(token_leaf[t]);
      if (leaf >= leaves) continue;
      if (leaf_first_[leaf] < 0) leaf_first_[leaf] = static_cast<int>(t);
      leaf_last_[leaf] = static_cast<int>(t);
    }
    node_chunk_.assign(tree.nodes.size(), -1);
    vp_clause_.assign(tree.nodes.size(), -1);
  }

  void run() {
    retag();
    a_.chunks.clear();
    a_.token_chunk.assign(tokens_.size(), -1);
    a_.clauses.clear();
    chunk_node(0);
    // Tokens no chunk covers (a leaf split by the tokenizer into pieces the
    // tree does not see) become "other" chunks, keeping the chunks in order.
    fill_gaps();
    for (auto& vg : groups_) build_clause(vg);
    for (std::size_t c = 0; c < a_.clauses.size(); ++c) settle_governor(c);
    attribute_reported_speech(ctx_, tokens_, a_);
  }

 private:
  struct VerbGroup {
    int chunk = -1;
    std::int32_t top = -1;                  // outermost VP of the chain
    std::int32_t inner = -1;                // innermost VP (holds the objects)
    std::vector<std::int32_t> chain;        // every VP of the chain
    std::vector<std::int32_t> verb_leaves;  // the group's leaves (aux, modal, neg, to, verb)
    std::int32_t main = -1;                 // main verb leaf
  };

  const TreeNode& node(std::int32_t n) const { return tree_.nodes[static_cast<std::size_t>(n)]; }
  const std::string& pos(std::int32_t leaf) const {
    return node(tree_.leaves[static_cast<std::size_t>(leaf)]).label;
  }
  std::string_view norm(std::size_t t) const { return token_norm(tokens_[t], ctx_.arena); }

  // Token range of a leaf range; false when no token falls in it.
  bool tokens_of(std::int32_t first_leaf, std::int32_t last_leaf, int& first, int& last) const {
    first = -1;
    last = -1;
    for (std::int32_t l = first_leaf; l <= last_leaf; ++l) {
      if (leaf_first_[static_cast<std::size_t>(l)] < 0) continue;
      if (first < 0) first = leaf_first_[static_cast<std::size_t>(l)];
      last = leaf_last_[static_cast<std::size_t>(l)];
    }
    return first >= 0;
  }

  void retag() {
    for (std::size_t t = 0; t < tokens_.size(); ++t) {
      int leaf = -1;
      for (std::size_t l = 0; l < leaf_first_.size(); ++l) {
        if (leaf_first_[l] <= static_cast<int>(t) && static_cast<int>(t) <= leaf_last_[l]) {
          leaf = static_cast<int>(l);
          break;
        }
      }
      if (leaf < 0) continue;
      Token& token = tokens_[t];
      const WordAnalysis& w = a_.words[t];
      const std::string& p = pos(leaf);
      if (a_.token_mention[t] >= 0 && !is_verb_pos(p)) continue;  // dictionary actors stay nouns
      if (is_verb_pos(p)) {
        std::string_view n = norm(t);
        bool aux = is_be(n) || n == "HAVE" || n == "HAS" || n == "HAD" || n == "DO" ||
                   n == "DOES" || n == "DID" || n == "'VE" || n == "'D";
        token.tag = aux && token.tag == Tag::kAuxiliary ? Tag::kAuxiliary : Tag::kVerb;
        if (token.tag == Tag::kVerb && w.verb_lemma) token.lemma = w.verb_lemma;
        if (p == "VBD")
          token.form = VerbForm::kPast;
        else if (p == "VBN")
          token.form = VerbForm::kPastParticiple;
        else if (p == "VBG")
          token.form = VerbForm::kGerund;
        else if (p == "VBZ")
          token.form = VerbForm::kPresent3;
        else
          token.form = VerbForm::kBase;
      } else if (p == "MD") {
        token.tag = Tag::kModal;
      } else if (p == "NNP" || p == "NNPS") {
        token.tag = Tag::kProperNoun;
        token.form = VerbForm::kNone;
        if (w.noun_lemma) token.lemma = w.noun_lemma;
      } else if (p == "NN" || p == "NNS") {
        token.tag = Tag::kNoun;
        token.form = VerbForm::kNone;
        if (w.noun_lemma) token.lemma = w.noun_lemma;
      } else if (p == "JJ" || p == "JJR" || p == "JJS") {
        if (token.tag == Tag::kVerb || token.tag == Tag::kNoun) token.tag = Tag::kAdjective;
      }
    }
  }

  int push_chunk(ChunkKind kind, int first, int last, int head) {
    if (first < 0) return -1;
    // Chunks stay in token order and do not overlap.
    if (!a_.chunks.empty() && first <= a_.chunks.back().last) {
      first = a_.chunks.back().last + 1;
      if (first > last) return -1;
      head = std::max(head, first);
    }
    Chunk c{kind, static_cast<std::uint16_t>(first), static_cast<std::uint16_t>(last),
            static_cast<std::uint16_t>(head), -1};
    for (int t = first; t <= last; ++t) {
      if (tokens_[static_cast<std::size_t>(t)].tag == Tag::kPossessive)
        c.possessive = static_cast<std::int16_t>(t);
      a_.token_chunk[static_cast<std::size_t>(t)] = static_cast<std::int16_t>(a_.chunks.size());
    }
    a_.chunks.push_back(c);
    return static_cast<int>(a_.chunks.size()) - 1;
  }

  void fill_gaps() {
    std::vector<Chunk> all;
    std::vector<int> remap(a_.chunks.size(), -1);
    std::size_t next = 0;
    for (std::size_t t = 0; t < tokens_.size(); ++t) {
      int k = a_.token_chunk[t];
      if (k < 0) {
        all.push_back({tokens_[t].tag == Tag::kPunct && norm(t) == "," ? ChunkKind::kComma
                                                                       : ChunkKind::kOther,
                       static_cast<std::uint16_t>(t), static_cast<std::uint16_t>(t),
                       static_cast<std::uint16_t>(t), -1});
        continue;
      }
      if (static_cast<std::size_t>(k) == next) {
        remap[next] = static_cast<int>(all.size());
        all.push_back(a_.chunks[next]);
        ++next;
      }
    }
    if (all.size() == a_.chunks.size()) return;
    a_.chunks = std::move(all);
    for (std::size_t k = 0; k < a_.chunks.size(); ++k) {
      for (std::size_t t = a_.chunks[k].first; t <= a_.chunks[k].last; ++t) {
        a_.token_chunk[t] = static_cast<std::int16_t>(k);
      }
    }
    for (auto& n : node_chunk_) n = n >= 0 ? remap[static_cast<std::size_t>(n)] : -1;
    for (auto& g : groups_) g.chunk = g.chunk >= 0 ? remap[static_cast<std::size_t>(g.chunk)] : -1;
  }

  // An NP that is one chunk: nothing phrasal inside but a possessor NP
  // ("Arnor 's"), adjective and quantifier phrases.
  bool base_np(std::int32_t n) const {
    for (std::int32_t c : node(n).children) {
      const TreeNode& child = node(c);
      if (child.preterminal()) {
        if (child.label == "CC" || child.label == "," || child.label == ":") return false;
        continue;
      }
      if (child.label == "ADJP" || child.label == "QP" || child.label == "NML" ||
          child.label == "NX" || child.label == "NAC") {
        continue;
      }
      if (child.label == "NP" && base_np(c) && !child.children.empty() &&
          node(child.children.back()).label == "POS") {
        continue;
      }
      return false;
    }
    return true;
  }

  void chunk_leaf(std::int32_t n) {
    const TreeNode& leaf = node(n);
    int first = 0;
    int last = 0;
    if (!tokens_of(leaf.first_leaf, leaf.last_leaf, first, last)) return;
    const std::string& p = leaf.label;
    const TreeNode* parent = leaf.parent >= 0 ? &node(leaf.parent) : nullptr;
    ChunkKind kind = ChunkKind::kOther;
    if (p == "IN" || p == "TO") {
      kind = parent && parent->label == "SBAR" ? ChunkKind::kSubordinator : ChunkKind::kPreposition;
    } else if (p == "CC") {
      kind = ChunkKind::kConjunction;
    } else if (p == ",") {
      kind = ChunkKind::kComma;
    } else if (p == ".") {
      kind = ChunkKind::kEnd;
    } else if (p == "``" || p == "''") {
      kind = ChunkKind::kQuote;
    } else if (p == "WDT" || p == "WP" || p == "WRB" || p == "WP$") {
      kind = ChunkKind::kWh;
    } else if (is_noun_pos(p) || p == "NNP") {
      kind = ChunkKind::kNounPhrase;  // a stray noun outside an NP
    }
    node_chunk_[static_cast<std::size_t>(n)] = push_chunk(kind, first, last, last);
  }

  void chunk_np(std::int32_t n) {
    const TreeNode& np = node(n);
    int first = 0;
    int last = 0;
    if (!tokens_of(np.first_leaf, np.last_leaf, first, last)) return;
    int head = last;
    for (int t = last; t >= first; --t) {
      Tag tag = tokens_[static_cast<std::size_t>(t)].tag;
      if (tag == Tag::kNoun || tag == Tag::kProperNoun || tag == Tag::kPronoun ||
          tag == Tag::kNumber) {
        head = t;
        break;
      }
    }
    bool all_time = !a_.token_time.empty();
    for (int t = first; t <= last && all_time; ++t)
      all_time = a_.token_time[static_cast<std::size_t>(t)] != 0;
    node_chunk_[static_cast<std::size_t>(n)] =
        push_chunk(all_time ? ChunkKind::kTime : ChunkKind::kNounPhrase, first, last, head);
  }

  static bool separator(const TreeNode& t) {
    return t.label == "CC" || t.label == "," || t.label == ":";
  }
  static bool np_piece(const TreeNode& t) {
    return t.preterminal() || t.label == "ADJP" || t.label == "QP" || t.label == "NML" ||
           t.label == "NX";
  }

  // "(NP (NNP Mordor) (, ,) (NNP Rohan) (CC and) (NNP Bree))": words and
  // separators only.
  bool flat_coordination(std::int32_t n) const {
    bool has_separator = false;
    for (std::int32_t c : node(n).children) {
      if (!np_piece(node(c))) return false;
      has_separator = has_separator || separator(node(c));
    }
    return has_separator;
  }

  // One NP chunk per run of words between separators.
  void chunk_flat_coordination(std::int32_t n) {
    std::vector<std::int16_t>& members = flat_members_[n];
    const auto& kids = node(n).children;
    std::size_t i = 0;
    while (i < kids.size()) {
      if (separator(node(kids[i]))) {
        chunk_leaf(kids[i]);
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j + 1 < kids.size() && !separator(node(kids[j + 1]))) ++j;
      int first = 0;
      int last = 0;
      if (tokens_of(node(kids[i]).first_leaf, node(kids[j]).last_leaf, first, last)) {
        int head = last;
        for (int t = last; t >= first; --t) {
          Tag tag = tokens_[static_cast<std::size_t>(t)].tag;
          if (tag == Tag::kNoun || tag == Tag::kProperNoun || tag == Tag::kPronoun) {
            head = t;
            break;
          }
        }
        int k = push_chunk(ChunkKind::kNounPhrase, first, last, head);
        if (k >= 0) {
          members.push_back(static_cast<std::int16_t>(k));
          if (node_chunk_[static_cast<std::size_t>(n)] < 0)
            node_chunk_[static_cast<std::size_t>(n)] = k;
        }
      }
      i = j + 1;
    }
  }

  bool has_actor(std::int32_t n) const {
    int first = 0;
    int last = 0;
    if (!tokens_of(node(n).first_leaf, node(n).last_leaf, first, last)) return false;
    for (int t = first; t <= last; ++t) {
      if (a_.token_mention[static_cast<std::size_t>(t)] >= 0) return true;
    }
    return false;
  }

  bool verbish_leaf(std::int32_t c) const {
    const std::string& l = node(c).label;
    return is_verb_pos(l) || l == "MD" || l == "TO" || l == "RB" || l == "RP";
  }

  // The verb group of a VP chain starting at `vp`.
  void chunk_vp(std::int32_t vp) {
    VerbGroup g;
    g.top = vp;
    std::int32_t cur = vp;
    std::vector<std::int32_t> rest;  // children left for recursive chunking, in order
    while (true) {
      g.chain.push_back(cur);
      std::int32_t next = -1;
      const auto& kids = node(cur).children;
      std::size_t i = 0;
      for (; i < kids.size(); ++i) {
        std::int32_t c = kids[i];
        const TreeNode& child = node(c);
        bool adverb = child.label == "ADVP" && child.first_leaf == child.last_leaf;
        if (child.preterminal() && verbish_leaf(c) && !(child.label == "RP" && g.main < 0)) {
          if (child.label == "RB" || child.label == "RP") {
            if (child.label == "RP" || g.main < 0) g.verb_leaves.push_back(child.first_leaf);
            if (child.label == "RB" && g.main >= 0) break;
          } else {
            g.verb_leaves.push_back(child.first_leaf);
            if (is_verb_pos(child.label)) g.main = child.first_leaf;
          }
          continue;
        }
        if (adverb) {
          // "was fiercely opposed": an adverb between auxiliary and verb.
          bool vp_follows = false;
          for (std::size_t j = i + 1; j < kids.size(); ++j)
            vp_follows = vp_follows || node(kids[j]).label == "VP";
          if (g.main < 0 || vp_follows) continue;
        }
        if (child.label == "PRT" && g.main >= 0) {
          g.verb_leaves.push_back(child.last_leaf);
          continue;
        }
        if (child.label == "VP" && next < 0) {
          // The chain goes on only when this VP is the verb's complement
          // (auxiliary + VP), not a coordination of VPs.
          bool coordination = false;
          for (std::size_t j = i + 1; j < kids.size(); ++j) {
            if (node(kids[j]).label == "VP" || node(kids[j]).label == "CC") coordination = true;
          }
          if (!coordination && !g.verb_leaves.empty()) {
            next = c;
            ++i;
            break;
          }
        }
        break;
      }
      for (std::size_t j = i; j < kids.size(); ++j) {
        if (kids[j] != next) rest.push_back(kids[j]);
      }
      if (next < 0) break;
      // Children after the inner VP in an outer one are chunked after it.
      std::vector<std::int32_t> later(rest.end() - static_cast<long>(kids.size() - i), rest.end());
      rest.erase(rest.end() - static_cast<long>(kids.size() - i), rest.end());
      deferred_.insert(deferred_.begin(), later.begin(), later.end());
      cur = next;
    }
    g.inner = cur;
    if (g.main < 0) {
      // A VP without its own verb: a coordination of VPs, chunked one by one
      // (which chunks the whole chain again, so nothing stays deferred).
      deferred_.clear();
      for (std::int32_t c : node(vp).children) chunk_node(c);
      return;
    }
    int first = -1;
    int last = -1;
    int f = 0;
    int l = 0;
    if (tokens_of(g.verb_leaves.front(), std::max(g.verb_leaves.back(), g.main), f, l)) {
      first = f;
      last = l;
    }
    int head = leaf_last_[static_cast<std::size_t>(g.main)];
    if (first >= 0 && head >= 0) {
      g.chunk = push_chunk(ChunkKind::kVerbGroup, first, last, head);
      if (g.chunk >= 0) {
        for (std::int32_t v : g.chain)
          vp_clause_[static_cast<std::size_t>(v)] = static_cast<int>(groups_.size());
        groups_.push_back(g);
      }
    }
    std::vector<std::int32_t> deferred;
    deferred.swap(deferred_);
    for (std::int32_t c : rest) chunk_node(c);
    for (std::int32_t c : deferred) chunk_node(c);
  }

  void chunk_node(std::int32_t n) {
    const TreeNode& t = node(n);
    if (t.preterminal()) {
      chunk_leaf(n);
      return;
    }
    if (t.label == "NP" && base_np(n)) {
      chunk_np(n);
      return;
    }
    if (t.label == "NP" && flat_coordination(n)) {
      chunk_flat_coordination(n);
      return;
    }
    if (t.label == "VP") {
      chunk_vp(n);
      return;
    }
    if (t.label == "PP") {
      // The preposition(s) as one chunk, then the rest.
      const auto& kids = t.children;
      std::size_t i = 0;
      int first = -1;
      int last = -1;
      while (i < kids.size() && node(kids[i]).preterminal() &&
             (node(kids[i]).label == "IN" || node(kids[i]).label == "TO" ||
              node(kids[i]).label == "RB" || node(kids[i]).label == "JJ" ||
              node(kids[i]).label == "VBG")) {
        int f = 0;
        int l = 0;
        if (tokens_of(node(kids[i]).first_leaf, node(kids[i]).last_leaf, f, l)) {
          if (first < 0) first = f;
          last = l;
        }
        ++i;
      }
      if (first >= 0) {
        int k = push_chunk(ChunkKind::kPreposition, first, last, last);
        node_chunk_[static_cast<std::size_t>(n)] = k;
      }
      for (; i < kids.size(); ++i) chunk_node(kids[i]);
      return;
    }
    for (std::int32_t c : t.children) chunk_node(c);
  }

  // ---- clauses

  // The chunk standing for an NP node: the first NP chunk inside it.
  int np_chunk(std::int32_t n) const {
    if (n < 0) return -1;
    const TreeNode& t = node(n);
    int k = node_chunk_[static_cast<std::size_t>(n)];
    if (k >= 0 && a_.chunks[static_cast<std::size_t>(k)].kind == ChunkKind::kNounPhrase) return k;
    for (std::int32_t c : t.children) {
      const std::string& l = node(c).label;
      if (l == "NP" || l == "NML" || l == "WHNP" || is_noun_pos(l)) {
        int inner = np_chunk(c);
        if (inner >= 0) return inner;
      }
      if (l == "PP" || l == "VP" || l == "SBAR" || l == "S") break;
    }
    return -1;
  }

  // The coordinated members of an NP: "(NP (NP Iran) (CC and) (NP Iraq))".
  void np_members(std::int32_t n, std::vector<std::int16_t>& out) const {
    const TreeNode& t = node(n);
    if (auto flat = flat_members_.find(n); flat != flat_members_.end()) {
      out.insert(out.end(), flat->second.begin(), flat->second.end());
      return;
    }
    // Apposition, "(NP (NP Old foes) (NP Gondor and Osgiliath))": the first
    // noun phrase that names an actor stands for the whole.
    std::vector<std::int32_t> appositives;
    for (std::int32_t c : t.children) {
      const std::string& l = node(c).label;
      if (l == "NP")
        appositives.push_back(c);
      else if (l != ",") {
        appositives.clear();
        break;
      }
    }
    if (appositives.size() > 1) {
      bool coordination = false;
      for (std::int32_t c : t.children) coordination = coordination || node(c).label == "CC";
      if (!coordination && !has_actor(appositives.front())) {
        for (std::int32_t c : appositives) {
          if (has_actor(c)) {
            np_members(c, out);
            return;
          }
        }
      }
    }
    // "(NP (NP the ambassadors) (PP of (NP Arnor, Osgiliath and Gondor)))":
    // the head, then the list's later members, as the clause finder gives
    // them, so that the coder passes the agent along the list.
    if (t.children.size() == 2 && node(t.children[0]).label == "NP" &&
        node(t.children[1]).label == "PP") {
      const TreeNode& pp = node(t.children[1]);
      if (pp.children.size() == 2 && node(pp.children[1]).label == "NP") {
        std::vector<std::int16_t> list;
        np_members(pp.children[1], list);
        int head = np_chunk(t.children[0]);
        if (list.size() > 1 && head >= 0) {
          out.push_back(static_cast<std::int16_t>(head));
          out.insert(out.end(), list.begin() + 1, list.end());
          return;
        }
      }
    }
    bool coordination = false;
    for (std::int32_t c : t.children) coordination = coordination || node(c).label == "CC";
    if (coordination && !base_np(n)) {
      for (std::int32_t c : t.children) {
        if (node(c).label == "NP") np_members(c, out);
      }
      return;
    }
    int k = np_chunk(n);
    if (k >= 0) out.push_back(static_cast<std::int16_t>(k));
  }

  // PPs below `n` (a VP or an NP), in order, nested ones included; stops at
  // clauses, which have their own.
  void collect_preps(std::int32_t n, Clause& clause, bool passive) const {
    for (std::int32_t c : node(n).children) {
      const TreeNode& t = node(c);
      if (t.label == "PP") {
        int prep = node_chunk_[static_cast<std::size_t>(c)];
        std::vector<std::int16_t> members;
        for (std::int32_t pc : t.children) {
          if (node(pc).label == "NP") {
            np_members(pc, members);
            break;
          }
        }
        if (prep >= 0) {
          for (std::int16_t m : members) {
            clause.preps.emplace_back(static_cast<std::int16_t>(prep), m);
          }
          if (passive && !members.empty() &&
              norm(a_.chunks[static_cast<std::size_t>(prep)].head) == "BY" && clause.by_agent < 0) {
            clause.by_agent = members.front();
          }
        }
        collect_preps(c, clause, passive);
      } else if (t.label == "NP") {
        collect_preps(c, clause, passive);
      }
    }
  }

  void build_clause(const VerbGroup& g) {
    Clause clause;
    VerbGroupInfo& info = clause.verb;
    const Chunk& vg = a_.chunks[static_cast<std::size_t>(g.chunk)];
    info.chunk = static_cast<std::uint16_t>(g.chunk);
    info.verb = vg.head;
    bool has_aux = false;
    bool be_aux = false;
    for (std::int32_t leaf : g.verb_leaves) {
      if (leaf == g.main) continue;
      int t = leaf_first_[static_cast<std::size_t>(leaf)];
      if (t < 0) continue;
      std::string_view w = norm(static_cast<std::size_t>(t));
      const std::string& p = pos(leaf);
      if (leaf < g.main && (is_verb_pos(p) || p == "MD")) {
        has_aux = true;
        if (is_be(w) || w == "GET" || w == "GOT" || w == "GETS") be_aux = true;
      }
      if (w == "NOT" || w == "N'T" || w == "NEVER") info.negated = true;
      if (w == "WILL" || w == "'LL" || w == "SHALL" || w == "WO") info.future = true;
      if (w == "WOULD" || w == "COULD" || w == "MIGHT" || w == "MAY" || w == "SHOULD" ||
          w == "'D" || w == "MUST" || w == "CAN" || w == "CA") {
        info.conditional = true;
      }
      if (p == "TO" && leaf < g.main) info.infinitive = true;
    }
    const std::string& main_pos = pos(g.main);
    std::string_view main_word = norm(vg.head);
    info.copula = is_be(main_word);
    info.passive = be_aux && !info.copula && main_pos == "VBN";
    info.gerund = !has_aux && !info.infinitive && main_pos == "VBG";
    if (info.copula) tokens_[vg.head].tag = Tag::kAuxiliary;

    // The node whose parent decides the subject: the top of the chain, above
    // any VP coordination.
    std::int32_t top = g.top;
    std::int32_t first_conjunct = -1;
    while (node(top).parent >= 0 && node(node(top).parent).label == "VP" &&
           vp_clause_[static_cast<std::size_t>(node(top).parent)] < 0) {
      std::int32_t parent = node(top).parent;
      for (std::int32_t c : node(parent).children) {
        if (node(c).label == "VP") {
          if (first_conjunct < 0) first_conjunct = c;
          break;
        }
      }
      top = parent;
    }
    std::int32_t parent = node(top).parent;
    bool later_conjunct =
        first_conjunct >= 0 && first_conjunct != g.top && !contains(first_conjunct, g.top);
    if (later_conjunct) {
      int other = clause_of_vp(first_conjunct);
      if (other >= 0) clause.shares_subject_with = static_cast<std::int16_t>(other);
      clause.subject_inherited = true;
    }
    if (parent >= 0) {
      const TreeNode& p = node(parent);
      if (p.label == "S" || p.label == "SINV" || p.label == "SQ") {
        std::int32_t subject = -1;
        for (std::int32_t c : p.children) {
          if (c == top) break;
          if (node(c).label == "NP") subject = c;
        }
        if (subject >= 0) {
          np_members(subject, clause.subjects);
          clause.subject = clause.subjects.empty() ? -1 : clause.subjects.front();
        } else {
          pending_control_.push_back(static_cast<int>(a_.clauses.size()));
        }
      } else if (p.label == "NP") {
        // "the attacks carried out by militias", "forces protecting X".
        for (std::int32_t c : p.children) {
          if (c == top) break;
          if (node(c).label == "NP") clause.subject = static_cast<std::int16_t>(np_chunk(c));
        }
        if (main_pos == "VBN" && !has_aux) {
          info.participle = true;
          info.passive = true;
        } else if (main_pos == "VBG") {
          clause.modifier = true;
        }
        if (clause.subject >= 0) clause.subjects.push_back(clause.subject);
      }
    }
    // Relative clause: "X, who met Y": the antecedent is the subject.
    if (clause.subject >= 0 &&
        a_.chunks[static_cast<std::size_t>(clause.subject)].kind != ChunkKind::kNounPhrase) {
      clause.subject = -1;
      clause.subjects.clear();
    }
    if (clause.subject < 0 && parent >= 0) {
      std::int32_t s = parent;
      if (node(s).label == "S" && node(s).parent >= 0 && node(node(s).parent).label == "SBAR") {
        std::int32_t sbar = node(s).parent;
        bool relative = false;
        for (std::int32_t c : node(sbar).children) relative = relative || node(c).label == "WHNP";
        if (relative && node(sbar).parent >= 0 && node(node(sbar).parent).label == "NP") {
          for (std::int32_t c : node(node(sbar).parent).children) {
            if (c == sbar) break;
            if (node(c).label == "NP") clause.subject = static_cast<std::int16_t>(np_chunk(c));
          }
          if (clause.subject >= 0) clause.subjects = {clause.subject};
        }
      }
    }
    if (later_conjunct && clause.subject < 0 && clause.shares_subject_with >= 0) {
      const Clause& other = a_.clauses[static_cast<std::size_t>(clause.shares_subject_with)];
      clause.subject = other.subject;
      clause.subjects = other.subjects;
    }

    // Object: the first NP of the innermost VP; "urged (S Russia to return)".
    for (std::int32_t c : node(g.inner).children) {
      const TreeNode& t = node(c);
      if (t.label == "NP" && t.first_leaf > g.main) {
        np_members(c, clause.objects);
        break;
      }
      if (t.label == "S" && t.first_leaf > g.main && !t.children.empty() &&
          node(t.children.front()).label == "NP") {
        std::int32_t vp = t.children.size() > 1 ? t.children[1] : -1;
        if (vp >= 0 && node(vp).label == "VP" && !node(vp).children.empty() &&
            node(node(vp).children.front()).label == "TO") {
          np_members(t.children.front(), clause.objects);
        }
        break;
      }
    }
    if (!clause.objects.empty()) clause.object = clause.objects.front();
    for (std::int32_t v : g.chain) {
      if (v == g.inner) collect_preps(v, clause, info.passive);
    }
    for (std::int32_t v : g.chain) {
      if (v != g.inner) collect_preps(v, clause, info.passive);
    }

    // Token range: the S around it (or the VP).
    std::int32_t span_node = parent >= 0 && is_clause_label(node(parent).label) ? parent : g.top;
    int f = 0;
    int l = 0;
    if (tokens_of(node(span_node).first_leaf, node(span_node).last_leaf, f, l)) {
      clause.first_token = static_cast<std::uint16_t>(f);
      clause.last_token = static_cast<std::uint16_t>(l);
    }
    clause_top_.push_back(top);
    a_.clauses.push_back(std::move(clause));
  }

  bool contains(std::int32_t ancestor, std::int32_t n) const {
    while (n >= 0) {
      if (n == ancestor) return true;
      n = node(n).parent;
    }
    return false;
  }

  int clause_of_vp(std::int32_t vp) const {
    int g = vp_clause_[static_cast<std::size_t>(vp)];
    return g;  // groups and clauses are built one for one, in the same order
  }

  // The clause this one is a complement of: the nearest VP above it that
  // belongs to another clause, reached through S or a "that"/"if"/empty SBAR.
  void settle_governor(std::size_t c) {
    Clause& clause = a_.clauses[c];
    std::int32_t n = node(clause_top_[c]).parent;
    bool through_clause = false;
    bool adverbial = false;
    while (n >= 0) {
      const TreeNode& t = node(n);
      if (t.label == "VP" && vp_clause_[static_cast<std::size_t>(n)] >= 0 &&
          vp_clause_[static_cast<std::size_t>(n)] != static_cast<int>(c)) {
        if (through_clause && !adverbial)
          clause.governor = static_cast<std::int16_t>(vp_clause_[static_cast<std::size_t>(n)]);
        break;
      }
      if (t.label == "NP" || t.label == "PP") break;  // a relative clause or a gerund object
      if (t.label == "S" || t.label == "SBAR") through_clause = true;
      if (t.label == "SBAR") {
        for (std::int32_t k : t.children) {
          const TreeNode& child = node(k);
          if (child.label == "WHNP" || child.label == "WHADVP") adverbial = true;
          if (!child.preterminal() || child.label != "IN") continue;
          std::string w = child.word;
          std::transform(w.begin(), w.end(), w.begin(),
                         [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
          if (w == "IF" || w == "UNLESS" || w == "WHETHER")
            clause.hypothetical = true;
          else if (w != "THAT")
            adverbial = true;
        }
      }
      n = t.parent;
    }
    // A subjectless infinitive or gerund takes its governor's subject, or
    // its object after "urge", "ask", "tell".
    if (clause.subject < 0 && clause.governor >= 0 &&
        std::find(pending_control_.begin(), pending_control_.end(), static_cast<int>(c)) !=
            pending_control_.end()) {
      const Clause& g = a_.clauses[static_cast<std::size_t>(clause.governor)];
      std::string_view glemma = ctx_.vocab.text(tokens_[g.verb.verb].lemma);
      bool object_control =
          std::find(kObjectControl.begin(), kObjectControl.end(), glemma) != kObjectControl.end();
      clause.subject = object_control && g.object >= 0 ? g.object : g.subject;
      clause.subjects = object_control && g.object >= 0 ? g.objects : g.subjects;
      clause.subject_inherited = true;
    }
    apply_governor(ctx_, tokens_, a_.clauses, clause);
    if (clause.verb.conditional && clause.governor < 0) clause.hypothetical = true;
  }

  const SyntaxContext& ctx_;
  const ParseTree& tree_;
  std::vector<Token>& tokens_;
  SentenceAnalysis& a_;
  std::vector<int> leaf_first_, leaf_last_;
  std::vector<int> node_chunk_;
  std::vector<int> vp_clause_;
  std::vector<VerbGroup> groups_;
  std::vector<std::int32_t> deferred_;
  std::vector<std::int32_t> clause_top_;
  std::vector<int> pending_control_;
  std::map<std::int32_t, std::vector<std::int16_t>> flat_members_;
};

// ---- CoNLL-U: dependencies to brackets
//
// Each head word projects a phrase: a verb (or a word with a subject, copula
// or auxiliary) an S with its subject NP and a VP holding the auxiliaries, the
// verb and the other dependents; any other word an NP whose pre-head
// modifiers form the base NP. Prepositions (case) wrap their phrase in a PP,
// subordinators (mark) in an SBAR; conjuncts become coordinations.

struct DepWord {
  std::string form, xpos, upos, rel, full_rel;  // rel without subtype ("nmod:poss" -> "nmod")
  int head = 0;
  std::vector<int> deps;  // dependents' ids, ascending
};

class DependencyConverter {
 public:
  explicit DependencyConverter(std::vector<DepWord> words)
      : w_(std::move(words)), used_(w_.size(), false) {}

  std::string convert() {
    int root = 0;
    for (std::size_t i = 1; i < w_.size(); ++i) {
      if (w_[i].head == 0) {
        root = static_cast<int>(i);
        break;
      }
    }
    if (root == 0) return "";
    std::string out = "(ROOT " + wrap(root, phrase(root), clausal(root));
    // Words no phrase reached (a second root) are kept, at the end.
    for (std::size_t i = 1; i < w_.size(); ++i) {
      if (!used_[i]) out += " " + leaf(static_cast<int>(i));
    }
    return out + ")";
  }

 private:
  const DepWord& at(int i) const { return w_[static_cast<std::size_t>(i)]; }

  std::string leaf(int i) {
    used_[static_cast<std::size_t>(i)] = true;
    std::string word = at(i).form;
    if (word == "(") word = "-LRB-";
    if (word == ")") word = "-RRB-";
    std::string pos = at(i).xpos.empty() || at(i).xpos == "_" ? at(i).upos : at(i).xpos;
    if (pos == "(") pos = "-LRB-";
    if (pos == ")") pos = "-RRB-";
    return "(" + pos + " " + word + ")";
  }

  static bool subject_rel(std::string_view r) {
    return r == "nsubj" || r == "nsubjpass" || r == "csubj" || r == "csubjpass" || r == "expl";
  }
  bool clausal(int h) const {
    if (at(h).upos == "VERB") return true;
    for (int k : at(h).deps) {
      const std::string& r = at(k).rel;
      if (subject_rel(r) || r == "cop" || r == "aux" || r == "auxpass") return true;
    }
    return false;
  }
  bool preposition(int d) const { return at(d).rel == "case" && at(d).xpos != "POS"; }
  bool subordinator(int d) const { return at(d).rel == "mark" && at(d).xpos != "TO"; }

  std::string phrase(int h) { return clausal(h) ? clause(h) : nominal(h); }

  // Prepositions and subordinators before the head wrap its phrase.
  std::string wrap(int h, const std::string& core, bool is_clause) {
    std::string preps;
    std::string marks;
    for (int d : at(h).deps) {
      if (d > h || used_[static_cast<std::size_t>(d)]) continue;
      if (preposition(d)) preps += leaf(d) + " ";
      if (subordinator(d)) marks += leaf(d) + " ";
    }
    std::string out = core;
    if (!marks.empty() || (is_clause && !preps.empty()))
      out = "(SBAR " + preps + marks + out + ")";
    else if (!preps.empty())
      out = "(PP " + preps + out + ")";
    return out;
  }

  std::string words_of(int h) {
    std::vector<int> ids;
    collect(h, ids);
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (int i : ids) {
      if (!used_[static_cast<std::size_t>(i)]) out += leaf(i) + " ";
    }
    return out;
  }
  void collect(int h, std::vector<int>& ids) const {
    ids.push_back(h);
    for (int d : at(h).deps) collect(d, ids);
  }

  int last_conjunct(int h) const {
    int last = -1;
    for (int d : at(h).deps) {
      if (at(d).rel == "conj") last = d;
    }
    return last;
  }

  // "cc"/"punct" dependents before a conjunct, placed before it.
  std::string conjunct_lead(int c) {
    std::string lead;
    for (int k : at(c).deps) {
      if (k < c && (at(k).rel == "cc" || at(k).rel == "punct")) lead += leaf(k) + " ";
    }
    return lead;
  }

  std::string nominal(int h) {
    std::string base;
    std::string after_head;
    std::string post;
    std::string coordination;
    int last_conj = last_conjunct(h);
    for (int d : at(h).deps) {
      if (used_[static_cast<std::size_t>(d)] || preposition(d) || (subordinator(d) && d < h))
        continue;
      const std::string& r = at(d).rel;
      if (r == "conj") {
        std::string lead = conjunct_lead(d);
        coordination += lead + wrap(d, phrase(d), clausal(d)) + " ";
        continue;
      }
      if ((r == "cc" || r == "punct") && d > h && d < last_conj) {
        coordination += leaf(d) + " ";  // UD v1 attaches "and" and commas to the first conjunct
        continue;
      }
      if (d < h) {
        if (at(d).full_rel == "nmod:poss" && !at(d).deps.empty()) {
          base += nominal(d) + " ";
        } else if (at(d).deps.empty()) {
          base += leaf(d) + " ";
        } else {
          base += "(ADJP " + words_of(d) + ") ";
        }
        continue;
      }
      bool in_base = post.empty() && (r == "compound" || r == "name" || r == "flat" || r == "mwe" ||
                                      (at(d).deps.empty() && (r == "nummod" || r == "amod")));
      if (in_base) {
        after_head += (at(d).deps.empty() ? leaf(d) : "(ADJP " + words_of(d) + ")") + " ";
      } else if (r == "punct" || r == "cc") {
        post += leaf(d) + " ";
      } else if (at(d).full_rel == "acl:relcl") {
        post += relative(d) + " ";
      } else {
        post += wrap(d, phrase(d), clausal(d)) + " ";
      }
    }
    std::string np = "(NP " + base + leaf(h) + " " + after_head + ")";
    if (!post.empty()) np = "(NP " + np + " " + post + ")";
    if (!coordination.empty()) np = "(NP " + np + " " + coordination + ")";
    return np;
  }

  std::string relative(int v) {
    for (int d : at(v).deps) {
      if (subject_rel(at(d).rel) && (at(d).xpos == "WP" || at(d).xpos == "WDT")) {
        std::string wh = "(WHNP " + leaf(d) + ")";
        return "(SBAR " + wh + " " + clause(v) + ")";
      }
    }
    return "(SBAR " + clause(v) + ")";
  }

  // The head of a clause: the verb, or a copula's predicate.
  std::string predicate(int h) {
    if (at(h).upos == "VERB" || at(h).upos == "AUX") return leaf(h);
    std::string pre;
    for (int d : at(h).deps) {
      if (d >= h || used_[static_cast<std::size_t>(d)]) continue;
      const std::string& r = at(d).rel;
      if (r == "det" || r == "amod" || r == "compound" || r == "nummod" || r == "nmod" ||
          r == "advmod") {
        pre += (at(d).deps.empty() ? leaf(d) : "(ADJP " + words_of(d) + ")") + " ";
      }
    }
    if (at(h).upos == "ADJ") return "(ADJP " + pre + leaf(h) + ")";
    return "(NP " + pre + leaf(h) + ")";
  }

  // An S; with `vp_only`, just the contents of its VP (for a conjunct that
  // shares the subject), words outside the VP kept after it.
  std::string clause(int h, bool vp_only = false) {
    int subject = -1;
    for (int d : at(h).deps) {
      if (subject_rel(at(d).rel) && !used_[static_cast<std::size_t>(d)]) {
        subject = d;
        break;
      }
    }
    std::string before_subject;
    std::string subject_np;
    std::string vp_pre;
    std::string vp_post;
    std::string vp_conjuncts;
    std::string clause_conjuncts;
    std::string final_punct;
    // Copular and auxiliary words go before the head in the VP; every other
    // dependent before the head but after the subject too.
    std::string separators;
    int last_conj = last_conjunct(h);
    std::vector<int> deps = at(h).deps;
    for (int d : deps) {
      if (used_[static_cast<std::size_t>(d)]) continue;
      const std::string& r = at(d).rel;
      if (d < h && (preposition(d) || subordinator(d))) continue;  // wrap() places them
      if ((r == "cc" || r == "punct") && d > h && d < last_conj) {
        separators += leaf(d) + " ";
        continue;
      }
      if (d == subject) {
        std::string np = phrase(d);
        subject_np = (at(d).xpos == "WP" || at(d).xpos == "WDT") ? "" : wrap(d, np, false) + " ";
        continue;
      }
      if (r == "conj") {
        std::string lead = separators + conjunct_lead(d);
        separators.clear();
        bool own_subject = false;
        for (int k : at(d).deps) own_subject = own_subject || subject_rel(at(k).rel);
        if (own_subject || !clausal(d)) {
          clause_conjuncts += lead + wrap(d, phrase(d), clausal(d)) + " ";
        } else {
          vp_conjuncts += lead + "(VP " + clause(d, true) + ") ";
        }
        continue;
      }
      std::string piece;
      bool small = at(d).deps.empty() &&
                   (r == "aux" || r == "auxpass" || r == "neg" || r == "cop" || r == "advmod" ||
                    r == "punct" || r == "cc" || r == "mark" || r == "compound");
      if (small && r == "advmod") {
        piece = "(ADVP " + leaf(d) + ")";
      } else if (small) {
        piece = leaf(d);
      } else if (at(d).full_rel == "acl:relcl") {
        piece = relative(d);
      } else if (r == "advmod") {
        piece = "(ADVP " + words_of(d) + ")";
      } else {
        piece = wrap(d, phrase(d), clausal(d));
      }
      if (subject >= 0 && d < subject) {
        before_subject += piece + " ";
      } else if (d < h) {
        vp_pre += piece + " ";
      } else if (r == "punct" && d + 1 == static_cast<int>(w_.size())) {
        final_punct = piece + " ";
      } else {
        vp_post += piece + " ";
      }
    }
    if (vp_only) {
      return before_subject + vp_pre + predicate(h) + " " + vp_post + separators + vp_conjuncts +
             clause_conjuncts + final_punct;
    }
    vp_post += separators;
    std::string vp = "(VP " + vp_pre + predicate(h) + " " + vp_post + ")";
    if (!vp_conjuncts.empty()) vp = "(VP " + vp + " " + vp_conjuncts + ")";
    std::string s = "(S " + before_subject + subject_np + vp + " " + final_punct + ")";
    if (!clause_conjuncts.empty()) s = "(S " + s + " " + clause_conjuncts + ")";
    return s;
  }

  std::vector<DepWord> w_;
  std::vector<bool> used_;
};

std::vector<std::string> split_tabs(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    out.emplace_back(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

Result<std::vector<ParseTree>> read_conllu(std::string_view text) {
  std::vector<ParseTree> trees;
  std::vector<DepWord> words(1);
  std::size_t line_number = 0;
  auto finish = [&]() -> Status {
    if (words.size() <= 1) return Status();
    for (std::size_t i = 1; i < words.size(); ++i) {
      int head = words[i].head;
      if (head < 0 || head >= static_cast<int>(words.size())) {
        return Status(StatusCode::kInvalidInput, "CoNLL-U parse: head " + std::to_string(head) +
                                                     " of word " + std::to_string(i) +
                                                     " is out of range")
            .at("<Parse>", line_number);
      }
      if (head > 0) words[static_cast<std::size_t>(head)].deps.push_back(static_cast<int>(i));
    }
    // Every word must lead to the root: a cycle would never end the conversion.
    for (std::size_t i = 1; i < words.size(); ++i) {
      int at = static_cast<int>(i);
      std::size_t steps = 0;
      while (at != 0 && steps++ <= words.size()) at = words[static_cast<std::size_t>(at)].head;
      if (at != 0) {
        return Status(StatusCode::kInvalidInput,
                      "CoNLL-U parse: the heads of word " + std::to_string(i) + " form a cycle")
            .at("<Parse>", line_number);
      }
    }
    std::string brackets = DependencyConverter(std::move(words)).convert();
    words.assign(1, DepWord{});
    auto tree = read_treebank(brackets);
    if (!tree.is_ok()) return tree.status();
    for (auto& t : tree.value()) trees.push_back(std::move(t));
    return Status();
  };
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty()) {
      TIGRIS_RETURN_IF_ERROR(finish());
      if (end == text.size()) break;
      continue;
    }
    if (line[0] == '#') continue;
    auto fields = split_tabs(line);
    if (fields.size() < 8) {
      return Status(StatusCode::kInvalidInput,
                    "CoNLL-U parse: a word line needs 10 tab-separated fields")
          .at("<Parse>", line_number)
          .with_excerpt(std::string(line));
    }
    if (fields[0].find_first_of("-.") != std::string::npos)
      continue;  // multiword token, empty node
    char* stop = nullptr;
    long id = std::strtol(fields[0].c_str(), &stop, 10);
    long head = std::strtol(fields[6].c_str(), nullptr, 10);
    if (*stop != '\0' || id != static_cast<long>(words.size())) {
      return Status(StatusCode::kInvalidInput, "CoNLL-U parse: word ids must count 1, 2, 3 ...")
          .at("<Parse>", line_number)
          .with_excerpt(std::string(line));
    }
    DepWord w;
    w.form = fields[1];
    w.upos = fields[3];
    w.xpos = fields[4];
    w.full_rel = fields[7];
    w.rel = w.full_rel.substr(0, w.full_rel.find(':'));
    w.head = static_cast<int>(head);
    words.push_back(std::move(w));
    if (end == text.size()) break;
  }
  TIGRIS_RETURN_IF_ERROR(finish());
  if (trees.empty())
    return Status(StatusCode::kInvalidInput, "CoNLL-U parse: no words").at("<Parse>", 0);
  return trees;
}

namespace {}  // namespace

Result<std::vector<ParseTree>> read_treebank(std::string_view text) {
  return TreeReader(text).read_all();
}

std::string leaf_text(const TreeNode& leaf) {
  const std::string& w = leaf.word;
  if (w == "-LRB-" || w == "-LCB-" || w == "-LSB-") return "(";
  if (w == "-RRB-" || w == "-RCB-" || w == "-RSB-") return ")";
  if (w == "``" || w == "''") return "\"";
  return w;
}

void analyse_tree(const SyntaxContext& ctx, const ParseTree& tree,
                  const std::vector<std::int32_t>& token_leaf, std::vector<Token>& tokens,
                  SentenceAnalysis& analysis) {
  TreeAnalyser(ctx, tree, token_leaf, tokens, analysis).run();
}

}  // namespace tigris
