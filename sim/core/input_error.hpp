#pragma once
// The one error type for bad user input: it names the file, the place in it and the problem, and the CLI
// turns it into a single line on stderr and exit code 2.

#include <stdexcept>
#include <string>

namespace splitsim {

/// Bad input. `what()` is "<file>: <place>: <problem>" (place omitted when empty).
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& file, const std::string& place, const std::string& problem);
  const std::string& file() const { return file_; }
  const std::string& place() const { return place_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  std::string place_;
  std::string problem_;
};

/// InputError unless `path` is absent (left to the opener) or a regular file: a folder is "a directory, not a
/// <what>", a device, pipe or socket is refused (reading /dev/zero would never end).
void require_regular_file(const std::string& path, const std::string& what);

/// Bad command-line usage (no file involved); also exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace splitsim
