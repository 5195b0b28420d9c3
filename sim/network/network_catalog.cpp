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
  // Shipped names are case-insensitive ("IMC" is imc).
  std::string name = name_or_path;
  if (name.find('/') == std::string::npos) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(name_or_path, ec)) return name_or_path;
  return resolve_data_file(name, "networks", ".json", "network",
                           fmt::format("{}, resnet18, mobilenet_v2, googlenet", fmt::join(shipped_network_names(), ", ")));
}

Network load_network(const std::string& name_or_path) {
  std::string path = resolve_network_path(name_or_path);
  return path.ends_with(".onnx") ? load_onnx_network(path) : load_network_file(path);
}

}  // namespace splitsim
