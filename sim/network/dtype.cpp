#include "network/dtype.hpp"

#include <array>
#include <utility>

namespace splitsim {
namespace {

struct DTypeInfo {
  DType type;
  std::string_view name;
  int size_bytes;
};

constexpr std::array kDTypes{
    DTypeInfo{DType::float32, "float32", 4}, DTypeInfo{DType::float16, "float16", 2},
    DTypeInfo{DType::bfloat16, "bfloat16", 2}, DTypeInfo{DType::int8, "int8", 1},
    DTypeInfo{DType::uint8, "uint8", 1},     DTypeInfo{DType::int32, "int32", 4},
    DTypeInfo{DType::int64, "int64", 8},
};

}  // namespace

int dtype_size_bytes(DType t) { return kDTypes[static_cast<std::size_t>(t)].size_bytes; }

std::string_view dtype_name(DType t) { return kDTypes[static_cast<std::size_t>(t)].name; }

std::optional<DType> parse_dtype(std::string_view name) {
  for (const auto& info : kDTypes) {
    if (info.name == name) return info.type;
  }
  return std::nullopt;
}

std::string_view dtype_choices() { return "float32, float16, bfloat16, int8, uint8, int32, int64"; }

}  // namespace splitsim
