// tigris/status.h: the one error type of the library.
//
// Every fallible call returns a Status or a Result<T>. A Status carries a code,
// a message and, where it applies, the file, line and offending text that caused
// it, so that a user reading the error can go straight to the problem.
// No exception crosses the library boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tigris {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  kInvalidInput,  // malformed story, dictionary line, option value
  kNotFound,      // missing file or resource
  kIoError,       // read or write failure
  kUnsupported,   // a construct we recognise but do not implement
  kInternal,      // a bug in Tigris
};

const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }
  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::string& excerpt() const { return excerpt_; }

  // Context setters return *this so errors read as one expression:
  //   return Status(kInvalidInput, "bad code").at(path, line).with_excerpt(text);
  Status& at(std::string file, std::size_t line) {
    file_ = std::move(file);
    line_ = line;
    return *this;
  }
  Status& with_excerpt(std::string text);

  // "file:line: message: «excerpt»", the form compilers use, so editors can jump to it.
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string file_;
  std::size_t line_ = 0;
  std::string excerpt_;
};

// A value or the Status explaining why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool is_ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return is_ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace tigris

#define TIGRIS_RETURN_IF_ERROR(expr)                    \
  do {                                                  \
    ::tigris::Status tigris_status_ = (expr);           \
    if (!tigris_status_.is_ok()) return tigris_status_; \
  } while (false)
