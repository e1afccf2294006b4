// `tigris dict fetch phoenix`: installs the public PETRARCH2/Phoenix
// dictionaries for a user, checked against pinned SHA-256 digests. They are
// third-party files (MIT licence) and are never part of this repository.
#include <openssl/evp.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"

namespace tigris::cli {
namespace {

namespace fs = std::filesystem;

// openeventdata/petrarch2 at a pinned commit; the digests are of these files there.
constexpr const char* kPhoenixCommit = "676801cd9cb2924bbbad09f86d15c9323e7097bf";
constexpr const char* kPhoenixBaseUrl =
    "https://raw.githubusercontent.com/openeventdata/petrarch2/%s/petrarch2/data/dictionaries/%s";

struct PinnedFile {
  const char* name;
  const char* sha256;
};

constexpr PinnedFile kPhoenixFiles[] = {
    {"CAMEO.2.0.txt", "4a442ee42f7574651ec1c594f127353cdffbf18fa97b207ad5d8298a3cfaa08f"},
    {"Phoenix.Countries.actors.txt",
     "8d4ee11692ccb1636a5cf4421849c420508acbd9b930adab457472b843276506"},
    {"Phoenix.International.actors.txt",
     "6fafbbe39bc47858edb9262411ab005b97977818237f85f3808fd11701a3ad2c"},
    {"Phoenix.MilNonState.actors.txt",
     "78496d642ceb3501137f12a3d8af7820b139319200b5ecffa05f0f91a2508f3b"},
    {"Phoenix.agents.txt", "336330de3ae91cb7daeeb50a7320ff4c9f11e5e69b6dd3a4ebedc522751a95c6"},
    {"Phoenix.discards.txt", "862e66f907e520906142fff15a2be58c540c11f2ebdc0610e97fe45c36ed067a"},
};

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof(byte), "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// Downloads `url` to `path` with curl (no shell: arguments are passed as-is).
bool download(const std::string& url, const fs::path& path) {
  std::string command = "curl --fail --silent --show-error --location --max-time 60 -o '" +
                        path.string() + "' '" + url + "'";
  // Both strings are ours (fixed URL pattern, a path under the target folder
  // without quotes), so single-quoting is safe here.
  return std::system(command.c_str()) == 0;
}

}  // namespace

std::string default_dictionary_home() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  fs::path base = xdg && *xdg ? fs::path(xdg) : fs::path(home ? home : ".") / ".local" / "share";
  return (base / "tigris" / "dict").string();
}

ExitCode run_dict_fetch(const std::string& name, const std::string& from, const std::string& to) {
  if (name != "phoenix") {
    std::cerr << "tigris: unknown dictionary set '" << name << "' (known: phoenix)\n";
    return ExitCode::kCannotStart;
  }
  fs::path target = to.empty() ? fs::path(default_dictionary_home()) / name : fs::path(to);
  fs::path staging = target;
  staging += ".partial";
  std::error_code error;
  fs::remove_all(staging, error);
  fs::create_directories(staging, error);
  if (error) {
    std::cerr << "tigris: cannot create " << staging << ": " << error.message() << "\n";
    return ExitCode::kCannotWrite;
  }
  for (const auto& file : kPhoenixFiles) {
    fs::path destination = staging / file.name;
    if (!from.empty()) {
      fs::copy_file(fs::path(from) / file.name, destination, fs::copy_options::overwrite_existing,
                    error);
      if (error) {
        std::cerr << "tigris: cannot copy " << (fs::path(from) / file.name) << ": "
                  << error.message() << "\n";
        fs::remove_all(staging, error);
        return ExitCode::kCannotStart;
      }
    } else {
      char url[512];
      std::snprintf(url, sizeof(url), kPhoenixBaseUrl, kPhoenixCommit, file.name);
      if (!download(url, destination)) {
        std::cerr << "tigris: cannot download " << url
                  << " (no network?); use --from DIR with a local copy\n";
        fs::remove_all(staging, error);
        return ExitCode::kCannotStart;
      }
    }
    std::string content;
    if (!read_file(destination, content) || sha256_hex(content) != file.sha256) {
      std::cerr << "tigris: " << file.name << " does not match the pinned SHA-256 " << file.sha256
                << " (petrarch2 commit " << kPhoenixCommit << ")\n";
      fs::remove_all(staging, error);
      return ExitCode::kCannotStart;
    }
    std::cerr << "  " << file.name << "  sha256 ok\n";
  }
  // Replace the previous installation only once everything is verified.
  fs::remove_all(target, error);
  fs::create_directories(target.parent_path(), error);
  fs::rename(staging, target, error);
  if (error) {
    std::cerr << "tigris: cannot install into " << target << ": " << error.message() << "\n";
    return ExitCode::kCannotWrite;
  }
  std::cout << "installed the Phoenix dictionaries in " << target.string()
            << "\nuse them with: tigris code --dict " << target.string()
            << " [--no-default-dict] STORIES.jsonl\n";
  return ExitCode::kOk;
}

}  // namespace tigris::cli
