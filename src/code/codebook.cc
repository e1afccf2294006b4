#include "code/codebook.h"

#include <charconv>
#include <fstream>
#include <sstream>

#include "common/strings.h"

namespace tigris {
namespace {

Result<std::string> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open codebook file").at(path, 0);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

Result<Codebook> Codebook::load(const std::string& dir) {
  Codebook book;
  std::string cameo_path = dir + "/cameo.tsv";
  auto cameo = slurp(cameo_path);
  if (!cameo.is_ok()) return cameo.status();
  std::size_t number = 0;
  for (auto line : split(cameo.value(), '\n')) {
    ++number;
    line = trim(line);
    if (line.empty() || number == 1 || line[0] == '#') continue;
    auto fields = split(line, '\t');
    if (fields.size() < 5) {
      return Status(StatusCode::kInvalidInput, "want 5 tab-separated fields")
          .at(cameo_path, number)
          .with_excerpt(std::string(line));
    }
    CameoCode code;
    code.code = std::string(fields[0]);
    code.name = std::string(fields[1]);
    code.root = std::string(fields[2]);
    code.quad_class = fields[3].empty() ? 0 : fields[3][0] - '0';
    std::string goldstein(trim(fields[4]));
    char* end = nullptr;
    code.goldstein = std::strtod(goldstein.c_str(), &end);
    if (end == goldstein.c_str() || code.quad_class < 1 || code.quad_class > 4) {
      return Status(StatusCode::kInvalidInput, "bad quad class or Goldstein value")
          .at(cameo_path, number)
          .with_excerpt(std::string(line));
    }
    book.codes_.emplace(code.code, std::move(code));
  }
  std::string plover_path = dir + "/plover.tsv";
  auto plover = slurp(plover_path);
  if (!plover.is_ok()) return plover.status();
  number = 0;
  for (auto line : split(plover.value(), '\n')) {
    ++number;
    if (number == 1 || trim(line).empty()) continue;
    auto fields = split(line, '\t');
    auto it = book.codes_.find(trim(fields[0]));
    if (it == book.codes_.end()) {
      return Status(StatusCode::kInvalidInput, "PLOVER mapping for a code not in cameo.tsv")
          .at(plover_path, number)
          .with_excerpt(std::string(line));
    }
    if (fields.size() > 1) it->second.plover_type = std::string(trim(fields[1]));
    if (fields.size() > 2) it->second.plover_mode = std::string(trim(fields[2]));
  }
  return book;
}

const CameoCode* Codebook::find(std::string_view code) const {
  auto it = codes_.find(code);
  if (it != codes_.end()) return &it->second;
  if (code.size() == 4) {
    it = codes_.find(code.substr(0, 3));
    if (it != codes_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace tigris
