// Penn Treebank input: the bracketed parses that the PETRARCH validation
// records carry (<Parse>), read into trees, and the analysis the coder
// consumes (tags, chunks, clauses) derived from a tree instead of from the
// chunker and clause finder. Used by `tigris validate --use-parse`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/syntax.h"
#include "tigris/status.h"

namespace tigris {

struct TreeNode {
  std::string label;  // "NP", "VP", "S"; a preterminal's label is its POS ("VBD")
  std::string word;   // the word, for preterminals only (as written: "-LRB-")
  std::int32_t parent = -1;
  std::vector<std::int32_t> children;
  std::int32_t first_leaf = 0;  // leaf range covered, inclusive
  std::int32_t last_leaf = -1;
  bool preterminal() const { return !word.empty(); }
};

struct ParseTree {
  std::vector<TreeNode> nodes;       // nodes[0] is the root
  std::vector<std::int32_t> leaves;  // the preterminal node of each leaf, in order
};

// Reads one or more bracketed trees ("(ROOT (S (NP (NNP Arnor)) ...))").
// Function tags are dropped (NP-SBJ -> NP), empty elements (-NONE-) skipped.
// Fails with the offset of the problem on unbalanced brackets or an empty tree.
Result<std::vector<ParseTree>> read_treebank(std::string_view text);

// Reads CoNLL-U dependency parses (UD-PETRARCH's <Parse>; sentences separated
// by blank lines) and converts each into a phrase-structure tree: a verb and
// its dependents become S/VP, other heads NP, "case" prepositions PP, "mark"
// subordinators SBAR, conjuncts coordinations. Leaf labels are the XPOS (Penn)
// tags. Fails on malformed word lines or heads out of range.
Result<std::vector<ParseTree>> read_conllu(std::string_view text);

// The word of a leaf as it appears in running text ("-LRB-" -> "(", "``" -> "\"").
std::string leaf_text(const TreeNode& leaf);

// Fills `analysis` (chunks, token_chunk, clauses) from `tree` for tokens that
// were produced by tokenizing the tree's leaves joined by spaces and tagged by
// tag_tokens; `token_leaf` maps each token to its leaf. Token tags, lemmas and
// verb forms are corrected from the tree's part-of-speech tags.
void analyse_tree(const SyntaxContext& ctx, const ParseTree& tree,
                  const std::vector<std::int32_t>& token_leaf, std::vector<Token>& tokens,
                  SentenceAnalysis& analysis);

}  // namespace tigris
