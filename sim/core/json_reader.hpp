#pragma once
// Strict reading of JSON input files. Every value is read through a JsonReader that knows the file and
// the JSON pointer of the object it reads, so every error names both; keys that were never read are
// reported as unknown by finish().

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace splitsim {

using Json = nlohmann::json;

/// Objects and arrays nest at most this deep in any input file (docs/limits.md).
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses a JSON file; a missing file, a syntax error, a duplicate key, nesting deeper than kMaxJsonDepth,
/// a number beyond a double and invalid UTF-8 are InputErrors naming the line and column or the pointer.
Json read_json_file(const std::string& path);

/// Parses JSON text that came from `file` (used for files and tests alike).
Json parse_json_text(const std::string& text, const std::string& file);

/// Pretty-printed JSON for an output file; bytes that are not UTF-8 (from a path or a name given as input)
/// are written as U+FFFD instead of failing the command after its work.
std::string dump_json(const Json& value);

/// "a string \"abc\"", "the number -3", "an array", ... for error messages.
std::string describe_json(const Json& value);

/// JSON pointer of `key` inside the object at `pointer` (RFC 6901 escaping).
std::string json_child(const std::string& pointer, std::string_view key);
std::string json_child(const std::string& pointer, std::size_t index);

/// Typed reads of a single value; `pointer` and `file` name it in errors.
std::int64_t json_int(const Json& v, const std::string& file, const std::string& pointer,
                      std::int64_t min_value = INT64_MIN, std::int64_t max_value = INT64_MAX);
double json_number(const Json& v, const std::string& file, const std::string& pointer,
                   double min_value = -1e308, double max_value = 1e308);
std::string json_string(const Json& v, const std::string& file, const std::string& pointer);
bool json_bool(const Json& v, const std::string& file, const std::string& pointer);

/// A view of one JSON object that records which keys were read.
class JsonReader {
 public:
  /// Fails unless `value` is an object.
  JsonReader(const Json& value, std::string file, std::string pointer);

  const std::string& file() const { return file_; }
  const std::string& pointer() const { return pointer_; }
  std::string child(std::string_view key) const { return json_child(pointer_, key); }

  bool has(std::string_view key) const;
  /// The value at `key`, or nullptr when absent. Marks the key as known.
  const Json* find(std::string_view key);
  /// The value at `key`; a missing key is an error.
  const Json& at(std::string_view key);

  std::string string(std::string_view key);
  std::string string_or(std::string_view key, std::string_view fallback);
  std::int64_t integer(std::string_view key, std::int64_t min_value = INT64_MIN,
                       std::int64_t max_value = INT64_MAX);
  std::int64_t integer_or(std::string_view key, std::int64_t fallback, std::int64_t min_value = INT64_MIN,
                          std::int64_t max_value = INT64_MAX);
  double number(std::string_view key, double min_value = -1e308, double max_value = 1e308);
  double number_or(std::string_view key, double fallback, double min_value = -1e308,
                   double max_value = 1e308);
  bool boolean_or(std::string_view key, bool fallback);
  JsonReader object(std::string_view key);

  /// Marks a key as known without reading it (for keys such as "comment").
  void ignore(std::string_view key);

  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;
  [[noreturn]] void fail_here(const std::string& problem) const;

  /// Fails on the first key that was never read.
  void finish() const;

 private:
  const Json* value_;
  std::string file_;
  std::string pointer_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace splitsim
