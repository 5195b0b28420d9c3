#pragma once
// Shared by the fuzz targets (scripts/fuzz; docs/limits.md): the input as files, and the one outcome a loader
// may have besides success: an InputError or UsageError (exit 2). Anything else escapes and is a finding.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "core/input_error.hpp"

namespace splitsim::fuzz {

/// A folder of this process's own for the files a target writes.
inline std::filesystem::path work_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("splitsim-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string write_file(const std::string& name, std::string_view bytes) {
  std::filesystem::path p = work_dir() / name;
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return p.string();
}

/// The input cut at each occurrence of `separator` (a fuzzer finds it from the seeds).
inline std::vector<std::string> split(std::string_view data, std::string_view separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = data.find(separator, start);
    parts.emplace_back(data.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + separator.size();
  }
}

/// Runs `f`, accepting the errors a bad input is meant to give.
template <class F>
void expect_input_errors(F&& f) {
  try {
    f();
  } catch (const InputError&) {
  } catch (const UsageError&) {
  }
}

}  // namespace splitsim::fuzz
