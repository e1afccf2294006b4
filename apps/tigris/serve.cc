// `tigris serve`: cpp-httplib server for the API of docs/openapi.yaml.
//
// Every worker thread owns one Workspace (coding scratch) and one database
// connection (SQLite in WAL mode: readers never block each other); the
// Pipeline is loaded once and shared read-only. Every failure is a JSON error
// with a 4xx/5xx status; no input ends the process.
#include "serve.h"

#include <httplib.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <signal.h>
#include <simdjson.h>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

#include "serve_api.h"
#include "store/analysis.h"
#include "store/event_store.h"
#include "tigris/io.h"

namespace tigris::cli {
namespace {

// ---- metrics (Prometheus text exposition)

constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                             0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

class Metrics {
 public:
  void observe(const std::string& method, const std::string& path, int code, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{method, path, code}];
    Histogram& h = latency_[path];
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
    ++h.count;
    h.sum += seconds;
  }
  void add_coded(std::size_t stories, std::size_t events) {
    stories_coded_ += stories;
    events_coded_ += events;
  }
  std::string text() const {
    std::string out;
    out += "# HELP tigris_http_requests_total HTTP requests by method, route and status code.\n";
    out += "# TYPE tigris_http_requests_total counter\n";
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, count] : requests_) {
      const auto& [method, path, code] = key;
      out += "tigris_http_requests_total{method=\"" + method + "\",path=\"" + path + "\",code=\"" +
             std::to_string(code) + "\"} " + std::to_string(count) + "\n";
    }
    out += "# HELP tigris_http_request_duration_seconds Time from routing to response, by route.\n";
    out += "# TYPE tigris_http_request_duration_seconds histogram\n";
    char number[64];
    for (const auto& [path, h] : latency_) {
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        std::snprintf(number, sizeof(number), "%g", kBuckets[i]);
        out += "tigris_http_request_duration_seconds_bucket{path=\"" + path + "\",le=\"" + number +
               "\"} " + std::to_string(h.buckets[i]) + "\n";
      }
      out += "tigris_http_request_duration_seconds_bucket{path=\"" + path + "\",le=\"+Inf\"} " +
             std::to_string(h.count) + "\n";
      std::snprintf(number, sizeof(number), "%.6f", h.sum);
      out += "tigris_http_request_duration_seconds_sum{path=\"" + path + "\"} " + number + "\n";
      out += "tigris_http_request_duration_seconds_count{path=\"" + path + "\"} " +
             std::to_string(h.count) + "\n";
    }
    out += "# HELP tigris_stories_coded_total Stories coded by POST /v1/code.\n";
    out += "# TYPE tigris_stories_coded_total counter\n";
    out += "tigris_stories_coded_total " + std::to_string(stories_coded_.load()) + "\n";
    out += "# HELP tigris_events_coded_total Events produced by POST /v1/code.\n";
    out += "# TYPE tigris_events_coded_total counter\n";
    out += "tigris_events_coded_total " + std::to_string(events_coded_.load()) + "\n";
    return out;
  }

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0.0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::uint64_t> stories_coded_{0};
  std::atomic<std::uint64_t> events_coded_{0};
};

// The route a path belongs to, so metric labels stay few whatever clients send.
std::string route_of(const std::string& path) {
  static const std::set<std::string> kRoutes = {"/healthz",   "/metrics",   "/v1/code",
                                                "/v1/events", "/v1/series", "/v1/alerts",
                                                "/v1/places", "/v1/dyads"};
  if (kRoutes.count(path)) return path;
  if (path.starts_with("/v1/stories/")) return "/v1/stories/{id}";
  if (path.starts_with("/v1/")) return "/v1/other";
  return "/";  // the dashboard's static files
}

// The methods each API path accepts (for 405 and the Allow header).
const char* allowed_methods(const std::string& path) {
  if (path == "/v1/code") return "POST";
  std::string route = route_of(path);
  if (route == "/v1/other" || route == "/") return nullptr;
  return "GET, HEAD";
}

// ---- per-thread state

thread_local std::chrono::steady_clock::time_point t_request_start;
thread_local bool t_request_started = false;

std::string read_token(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read token file " + path;
    return "";
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string token = buffer.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && std::isspace(static_cast<unsigned char>(token[start]))) ++start;
  token.erase(0, start);
  if (token.empty()) error = "token file " + path + " is empty";
  return token;
}

// Compares in time independent of where the strings differ (SHA-256 of both,
// then CRYPTO_memcmp), so response times do not reveal the token.
bool same_token(const std::string& given, const std::string& expected) {
  unsigned char a[SHA256_DIGEST_LENGTH], b[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(given.data()), given.size(), a);
  SHA256(reinterpret_cast<const unsigned char*>(expected.data()), expected.size(), b);
  return CRYPTO_memcmp(a, b, sizeof(a)) == 0;
}

std::string error_json(const std::string& message) {
  std::string out = "{\"error\":";
  append_json_string(message, out);
  out += "}";
  return out;
}

// The parameters of the URL's query string only: httplib also puts the fields
// of a form-encoded body into Request::params, and a POST body is never parameters.
ApiParams url_params(const httplib::Request& req) {
  ApiParams params;
  std::size_t question = req.target.find('?');
  if (question != std::string::npos) {
    httplib::Params parsed;
    httplib::detail::parse_query_text(req.target.substr(question + 1), parsed);
    params.insert(parsed.begin(), parsed.end());
  }
  return params;
}

const char* kNoDashboardPage =
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>Tigris</title></head><body>"
    "<h1>Tigris</h1><p>The dashboard was not built (no index.html in the web root). "
    "The API is available: <a href=\"/healthz\">/healthz</a>, <code>/v1/events</code>, "
    "<code>/v1/series</code>, <code>/v1/alerts</code>, <code>/v1/places</code>, "
    "<code>/v1/dyads</code>, <code>/v1/stories/{id}</code>, <code>POST /v1/code</code> "
    "(docs/openapi.yaml).</p></body></html>\n";

}  // namespace

std::string default_web_root() {
#ifdef TIGRIS_WEB_ROOT
  return TIGRIS_WEB_ROOT;
#else
  return "web";
#endif
}

ExitCode run_serve(std::shared_ptr<const Pipeline> pipeline, const ServeOptions& options) {
  // A file that is not there would be created empty: say so instead. A
  // clickhouse:// URL is checked by opening it.
  if (!EventStore::is_server_url(options.db)) {
    std::string path = options.db.rfind("sqlite://", 0) == 0 ? options.db.substr(9) : options.db;
    if (!std::filesystem::exists(path)) {
      std::cerr << "tigris: no database at " << path << " (create it with tigris ingest)\n";
      return ExitCode::kCannotStart;
    }
  }
  {
    // Opened once here so schema problems stop the server before it listens
    // (and an older schema is migrated once, not by every worker).
    auto store = EventStore::open(options.db);
    if (!store.is_ok()) {
      std::cerr << "tigris: " << store.status().to_string() << "\n";
      return ExitCode::kCannotStart;
    }
  }
  std::string token;
  if (!options.token_file.empty()) {
    std::string error;
    token = read_token(options.token_file, error);
    if (!error.empty()) {
      std::cerr << "tigris: " << error << "\n";
      return ExitCode::kCannotStart;
    }
  }
  if (options.max_body == 0 || options.max_batch == 0 || options.threads == 0) {
    std::cerr << "tigris: --max-body, --max-batch and --threads must be at least 1\n";
    return ExitCode::kCannotStart;
  }

  ApiLimits limits;
  limits.max_batch = options.max_batch;
  Api api(pipeline, options.db, limits);
  Metrics metrics;

  // SIGINT/SIGTERM are taken by one thread (sigtimedwait) that stops the
  // server; every other thread, including httplib's, inherits the mask.
  // A client that hangs up mid-response must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  const unsigned threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_payload_max_length(options.max_body);
  server.set_keep_alive_max_count(1000);
  // Small JSON responses: without TCP_NODELAY, Nagle's algorithm and delayed
  // ACKs add about 40 ms to every keep-alive request.
  server.set_tcp_nodelay(true);

  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    t_request_start = std::chrono::steady_clock::now();
    t_request_started = true;
    const char* allowed = allowed_methods(req.path);
    if (allowed) {
      std::string methods = allowed;
      if (methods.find(req.method) == std::string::npos) {
        res.status = 405;
        res.set_header("Allow", allowed);
        res.set_content(error_json("method " + req.method + " not allowed on " + req.path +
                                   " (allowed: " + methods + ")"),
                        "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    if (req.method == "POST" && !token.empty()) {
      std::string header = req.get_header_value("Authorization");
      static constexpr std::string_view kBearer = "Bearer ";
      if (!header.starts_with(kBearer) || !same_token(header.substr(kBearer.size()), token)) {
        res.status = 401;
        res.set_header("WWW-Authenticate", "Bearer");
        res.set_content(
            error_json(header.empty() ? "missing bearer token (Authorization: Bearer TOKEN)"
                                      : "wrong bearer token"),
            "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Errors raised by httplib itself (unknown path, body too large, bad
  // request line) get a JSON body like the API's own errors.
  const std::size_t max_body = options.max_body;
  server.set_error_handler([max_body](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message;
    switch (res.status) {
      case 404:
        message = "no such path: " + req.path;
        break;
      case 413:
        message = "request body larger than the limit of " + std::to_string(max_body) +
                  " bytes (--max-body)";
        break;
      case 400:
        message = "malformed HTTP request";
        break;
      default:
        message = "HTTP error " + std::to_string(res.status);
        break;
    }
    res.set_content(error_json(message), "application/json");
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string what = "internal error";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what += std::string(": ") + e.what();
        } catch (...) {
        }
        res.status = 500;
        res.set_content(error_json(what), "application/json");
      });
  server.set_logger([&metrics](const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0.0;
    if (t_request_started) {
      seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t_request_start).count();
      t_request_started = false;
    }
    metrics.observe(req.method, route_of(req.path), res.status, seconds);
  });

  auto reply = [](httplib::Response& res, const ApiResponse& out) {
    res.status = out.status;
    res.set_content(out.body, out.content_type.c_str());
  };
  server.Get("/healthz", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.healthz(url_params(req)));
  });
  server.Get("/metrics", [&](const httplib::Request& req, httplib::Response& res) {
    if (!url_params(req).empty()) {
      reply(res, {400, error_json("/metrics takes no parameters"), "application/json"});
      return;
    }
    res.set_content(metrics.text(), "text/plain; version=0.0.4");
  });
  server.Post("/v1/code", [&](const httplib::Request& req, httplib::Response& res) {
    ApiResponse out = api.code(url_params(req), req.body);
    metrics.add_coded(out.stories_coded, out.events_coded);
    reply(res, out);
  });
  server.Get("/v1/events", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.events(url_params(req)));
  });
  server.Get("/v1/series", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.series(url_params(req)));
  });
  server.Get("/v1/alerts", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.alerts(url_params(req)));
  });
  server.Get("/v1/places", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.places(url_params(req)));
  });
  server.Get("/v1/dyads", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.dyads(url_params(req)));
  });
  server.Get(R"(/v1/stories/(.+))", [&](const httplib::Request& req, httplib::Response& res) {
    reply(res, api.story(url_params(req), req.matches[1].str()));
  });

  std::string web_root = options.web_root.empty() ? default_web_root() : options.web_root;
  bool dashboard = std::filesystem::exists(std::filesystem::path(web_root) / "index.html") &&
                   server.set_mount_point("/", web_root);
  if (!dashboard) {
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kNoDashboardPage, "text/html; charset=utf-8");
    });
  }

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
    if (port < 0) port = 0;
  } else if (!server.bind_to_port(options.host, port)) {
    port = 0;
  }
  if (port <= 0) {
    std::cerr << "tigris: cannot listen on " << options.host << ":" << options.port << "\n";
    return ExitCode::kCannotStart;
  }
  if (!dashboard) {
    std::cerr << "tigris: no dashboard in " << web_root
              << " (build it, or use --web-root); / says so\n";
  }
  std::cerr << "listening on http://" << options.host << ":" << port << std::endl;

  std::atomic<bool> done{false};
  std::thread stopper([&] {
    timespec wait{0, 200 * 1000 * 1000};
    while (!done.load()) {
      int signal = sigtimedwait(&signals, nullptr, &wait);
      if (signal == SIGINT || signal == SIGTERM) {
        std::cerr << "tigris: " << (signal == SIGINT ? "SIGINT" : "SIGTERM")
                  << ", finishing requests in flight\n";
        server.stop();
        return;
      }
    }
  });
  bool listened = server.listen_after_bind();
  done = true;
  stopper.join();
  std::cerr << "tigris: stopped\n";
  return listened ? ExitCode::kOk : ExitCode::kCannotStart;
}

}  // namespace tigris::cli
