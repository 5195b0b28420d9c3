#include "core/data_dir.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "core/input_error.hpp"

#ifndef SPLITSIM_SOURCE_DIR
#error "SPLITSIM_SOURCE_DIR must be defined by the build"
#endif

namespace splitsim {

std::string data_dir() {
  const char* env = std::getenv("SPLITSIM_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return SPLITSIM_SOURCE_DIR;
}

std::string resolve_data_file(const std::string& name_or_path, const std::string& folder, const std::string& extension,
                              const std::string& what, const std::string& choices) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
  bool looks_like_path = name_or_path.find('/') != std::string::npos || fs::path(name_or_path).has_extension();
  if (!looks_like_path) {
    fs::path shipped = fs::path(data_dir()) / folder / (name_or_path + extension);
    if (fs::is_regular_file(shipped, ec)) return shipped.string();
    throw UsageError(fmt::format("unknown {} \"{}\": not a file and not a shipped {} ({})", what, name_or_path, what, choices));
  }
  throw InputError(name_or_path, "", "cannot open file (missing or unreadable)");
}

}  // namespace splitsim
