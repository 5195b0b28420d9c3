#include "core/input_error.hpp"

#include <filesystem>

namespace splitsim {
namespace {

std::string compose(const std::string& file, const std::string& place, const std::string& problem) {
  std::string out = file;
  if (!place.empty()) out += ": " + place;
  out += ": " + problem;
  // One line, always: a newline inside a problem text would break the contract of the CLI.
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

InputError::InputError(const std::string& file, const std::string& place, const std::string& problem)
    : std::runtime_error(compose(file, place, problem)), file_(file), place_(place), problem_(problem) {}

void require_regular_file(const std::string& path, const std::string& what) {
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(st)) return;
  if (std::filesystem::is_directory(st)) throw InputError(path, "", "is a directory, not a " + what);
  if (!std::filesystem::is_regular_file(st)) throw InputError(path, "", "not a regular file (a device, pipe or socket)");
}

}  // namespace splitsim
