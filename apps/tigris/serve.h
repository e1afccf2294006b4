// `tigris serve`: the HTTP API over an event store (docs/serve.md, docs/openapi.yaml).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "commands.h"
#include "tigris/pipeline.h"

namespace tigris::cli {

struct ServeOptions {
  std::string db;  // SQLite database (must exist: tigris ingest creates it)
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port (printed on stderr)
  std::string token_file;          // when set, POST requests need "Authorization: Bearer TOKEN"
  std::size_t max_body = 1 << 20;  // bytes; larger bodies get 413
  std::size_t max_batch = 1000;    // stories per POST /v1/code; more get 413
  unsigned threads = 8;  // HTTP worker threads (each a Workspace and a database connection)
  std::string web_root;  // dashboard files served at /
};

// Serves until SIGTERM or SIGINT, then finishes the requests in flight and
// returns kOk; kCannotStart when the database, token or port cannot be used.
ExitCode run_serve(std::shared_ptr<const Pipeline> pipeline, const ServeOptions& options);

// The dashboard folder of the build tree (TIGRIS_WEB_ROOT).
std::string default_web_root();

}  // namespace tigris::cli
