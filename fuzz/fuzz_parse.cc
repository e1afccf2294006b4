// Feeds arbitrary bytes to the parse readers behind `validate --use-parse`
// (Penn Treebank brackets and CoNLL-U): a tree or an error, never a crash.
#include <cstdint>
#include <string_view>

#include "syntax/treebank.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto trees = tigris::read_treebank(input);
  if (trees.is_ok()) {
    for (const auto& tree : trees.value()) {
      for (auto leaf : tree.leaves)
        (void)tigris::leaf_text(tree.nodes[static_cast<std::size_t>(leaf)]);
    }
  }
  (void)tigris::read_conllu(input);
  return 0;
}
