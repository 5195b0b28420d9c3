#include "network/onnx_import.hpp"

#include <dlfcn.h>

#include <cstring>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "network/layer_traits.hpp"
#include "network/network_loader.hpp"
#include "network/onnx_module_abi.hpp"

namespace splitsim {
namespace {

constexpr const char* kModuleName = "libsplitsim_onnx.so";

/// The converter module, loaded on first use and kept for the life of the process (protobuf is not made to be
/// unloaded). Looked for beside the executable, then in the build folder it was compiled in (the tests').
struct OnnxModule {
  SplitsimOnnxConvert convert = nullptr;
  std::string problem;  ///< why it could not be loaded, when convert is null
};

const OnnxModule& onnx_module() {
  static const OnnxModule module = [] {
    OnnxModule m;
    std::vector<std::filesystem::path> folders;
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) folders.push_back(self.parent_path());
    folders.emplace_back(SPLITSIM_MODULE_DIR);
    std::string tried;
    for (const auto& folder : folders) {
      std::filesystem::path file = folder / kModuleName;
      tried += (tried.empty() ? "" : ", ") + file.string();
      if (!std::filesystem::exists(file, ec)) continue;
      void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) {
        m.problem = fmt::format("cannot load the ONNX converter {}: {}", file.string(), dlerror());
        return m;
      }
      auto version = reinterpret_cast<SplitsimOnnxAbiVersion>(dlsym(handle, "splitsim_onnx_abi_version"));
      m.convert = reinterpret_cast<SplitsimOnnxConvert>(dlsym(handle, "splitsim_onnx_to_network_json"));
      if (version == nullptr || m.convert == nullptr || version() != kSplitsimOnnxAbi) {
        m.convert = nullptr;
        m.problem = fmt::format("the ONNX converter {} is from another build of splitsim (rebuild it)", file.string());
      }
      return m;
    }
    m.problem = fmt::format("ONNX import is not available: the converter module was not found ({})", tried);
    return m;
  }();
  return module;
}

/// The layer type an attributeless operator imports as: the type whose traits list the operator.
const char* attributeless_layer_type(const char* op_type) {
  static const auto* types = [] {
    auto* map = new std::map<std::string, std::string, std::less<>>();
    for (const LayerTraits& t : layer_traits()) {
      for (std::string_view op : onnx_operators(t)) map->emplace(std::string(op), std::string(t.name));
    }
    return map;
  }();
  auto it = types->find(std::string_view(op_type));
  return it == types->end() ? nullptr : it->second.c_str();
}

void collect(void* context, const char* text, std::size_t size) {
  static_cast<std::vector<std::string>*>(context)->emplace_back(text, size);
}

}  // namespace

Json onnx_to_network_json(const std::string& path) {
  const OnnxModule& module = onnx_module();
  if (module.convert == nullptr) throw InputError(path, "", module.problem);
  std::vector<std::string> sent;
  int status = module.convert(path.c_str(), &attributeless_layer_type, &collect, &sent);
  if (status == 0 && sent.size() == 1) return Json::from_cbor(sent[0]);
  if (status == 1 && sent.size() == 2) throw InputError(path, sent[0], sent[1]);
  throw std::runtime_error(fmt::format("{}: the ONNX converter failed: {}", path, sent.empty() ? "" : sent.back()));
}

Network parse_imported_network(const Json& doc, const std::string& path) {
  try {
    return parse_network(doc, path);
  } catch (const InputError& e) {
    // The converted document is not the user's file: name the ONNX node (or the graph input) instead.
    const std::string& place = e.place();
    constexpr std::string_view kLayers = "/layers/";
    if (place.rfind(kLayers, 0) == 0) {
      std::size_t index = std::strtoul(place.c_str() + kLayers.size(), nullptr, 10);
      if (index < doc["layers"].size()) {
        const Json& layer = doc["layers"][index];
        std::string onnx_name = layer.contains("aliases") && !layer["aliases"].empty() ? layer["aliases"][0].get<std::string>() : "";
        throw InputError(path, fmt::format("node \"{}\" (output \"{}\")", layer["name"].get<std::string>(), onnx_name), e.problem());
      }
    }
    if (place.rfind("/input", 0) == 0 || place.rfind("/batch", 0) == 0) throw InputError(path, "graph input", e.problem());
    throw InputError(path, "", e.problem());
  }
}

Network load_onnx_network(const std::string& path) { return parse_imported_network(onnx_to_network_json(path), path); }

}  // namespace splitsim
