// The CAMEO codebook (name, root, quad class, Goldstein score) and the
// CAMEO -> PLOVER mapping, read from data/codebook/*.tsv.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/vocab.h"
#include "tigris/status.h"

namespace tigris {

struct CameoCode {
  std::string code;
  std::string name;
  std::string root;
  int quad_class = 0;
  double goldstein = 0.0;
  std::string plover_type;
  std::string plover_mode;
};

class Codebook {
 public:
  // Reads cameo.tsv and plover.tsv from `dir`.
  static Result<Codebook> load(const std::string& dir);

  // The entry for `code`; for an unknown 4-digit code, its 3-digit parent.
  const CameoCode* find(std::string_view code) const;
  std::size_t size() const { return codes_.size(); }
  const std::unordered_map<std::string, CameoCode, StringHash, std::equal_to<>>& codes() const {
    return codes_;
  }

 private:
  std::unordered_map<std::string, CameoCode, StringHash, std::equal_to<>> codes_;
};

}  // namespace tigris
