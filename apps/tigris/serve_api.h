// The endpoints of `tigris serve` as plain functions of (query parameters,
// body) -> (status, JSON), independent of the HTTP library. The contract is
// docs/openapi.yaml.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "tigris/pipeline.h"

namespace tigris::cli {

// Query parameters as the HTTP layer decoded them (a key may repeat).
using ApiParams = std::multimap<std::string, std::string>;

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::size_t stories_coded = 0;  // POST /v1/code, for the metrics
  std::size_t events_coded = 0;
};

struct ApiLimits {
  std::size_t max_batch = 1000;        // stories per POST /v1/code
  std::size_t max_events_page = 1000;  // /v1/events limit
  std::size_t max_rows = 10000;        // /v1/places and /v1/dyads limit
};

// Thread-safe: each calling thread gets its own Workspace and database
// connection (thread_local), created on its first request.
class Api {
 public:
  Api(std::shared_ptr<const Pipeline> pipeline, std::string db, ApiLimits limits);

  ApiResponse healthz(const ApiParams& params) const;
  ApiResponse code(const ApiParams& params, const std::string& body) const;
  ApiResponse events(const ApiParams& params) const;
  ApiResponse series(const ApiParams& params) const;
  ApiResponse alerts(const ApiParams& params) const;
  ApiResponse places(const ApiParams& params) const;
  ApiResponse dyads(const ApiParams& params) const;
  ApiResponse story(const ApiParams& params, const std::string& id) const;

 private:
  std::shared_ptr<const Pipeline> pipeline_;
  std::string db_;
  ApiLimits limits_;
};

}  // namespace tigris::cli
