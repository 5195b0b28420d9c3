#include "network/network_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "core/data_dir.hpp"
#include "core/input_error.hpp"
#include "network/network_loader.hpp"
#include "network/onnx_import.hpp"

namespace splitsim {

const std::vector<std::string>& shipped_network_names() {
  static const std::vector<std::string> names{"imc", "vgg", "face", "dig", "asr", "pos", "ner", "chk"};
  return names;
}

std::string resolve_network_path(const std::string& name_or_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file(name_or_path, ec)) return name_or_path;
  std::string lower = name_or_path;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  bool looks_like_path = name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".json") ||
                         name_or_path.ends_with(".onnx");
  if (!looks_like_path) {
    fs::path shipped = fs::path(data_dir()) / "networks" / (lower + ".json");
    if (fs::is_regular_file(shipped, ec)) return shipped.string();
  }
  if (looks_like_path) throw InputError(name_or_path, "", "cannot open file (missing or unreadable)");
  throw UsageError(fmt::format("unknown network \"{}\": not a file and not a shipped network ({})", name_or_path,
                               fmt::join(shipped_network_names(), ", ")));
}

Network load_network(const std::string& name_or_path) {
  std::string path = resolve_network_path(name_or_path);
  return path.ends_with(".onnx") ? load_onnx_network(path) : load_network_file(path);
}

}  // namespace splitsim
