#include "core/input_error.hpp"

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

}  // namespace splitsim
