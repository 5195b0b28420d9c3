#pragma once
// Element types of tensors: their names in JSON and their sizes.

#include <cstdint>
#include <optional>
#include <string_view>

namespace splitsim {

enum class DType : std::uint8_t { float32, float16, bfloat16, int8, uint8, int32, int64 };

/// Bytes per element.
int dtype_size_bytes(DType t);
std::string_view dtype_name(DType t);
std::optional<DType> parse_dtype(std::string_view name);
/// "float32, float16, ..." for error messages.
std::string_view dtype_choices();

}  // namespace splitsim
