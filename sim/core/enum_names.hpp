#pragma once
// The names of an enumeration's values, written once: parsing, printing, error messages, schemas and docs
// all read the same table.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace splitsim {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

template <class E>
std::optional<E> enum_from_name(std::span<const EnumName<E>> names, std::string_view name) {
  for (const auto& n : names) {
    if (n.name == name) return n.value;
  }
  return std::nullopt;
}

template <class E>
std::string_view enum_name(std::span<const EnumName<E>> names, E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.name;
  }
  return "?";
}

/// "a, b or c" for error messages.
template <class E>
std::string enum_alternatives(std::span<const EnumName<E>> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i].name;
  }
  return out;
}

}  // namespace splitsim
