#include "core/json_reader.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <set>
#include <vector>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/input_error.hpp"

namespace splitsim {
namespace {

// nlohmann reports a byte offset; users want a line and a column.
std::string line_and_column(const std::string& text, std::size_t byte) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return fmt::format("line {}, column {}", line, column);
}

// nlohmann's messages look like "[json.exception.parse_error.101] parse error at line 1, column 2: syntax
// error while parsing value - invalid literal; last read: 'x'"; keep the part after the location.
std::string short_parse_message(const std::string& what) {
  auto pos = what.find(": ");
  std::string msg = pos == std::string::npos ? what : what.substr(pos + 2);
  return msg;
}

// Where the first number that does not fit a double is (nlohmann says only that one overflowed).
std::string overflowing_number(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!((c >= '0' && c <= '9') || c == '-') || (i > 0 && (std::isalnum(static_cast<unsigned char>(text[i - 1])) != 0 || text[i - 1] == '.'))) continue;
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(text.c_str() + i, &end);
    if (errno == ERANGE && std::isinf(v)) return line_and_column(text, i);
    i = static_cast<std::size_t>(end - text.c_str());
  }
  return "";
}

// The strict reading every file gets: duplicate keys and nesting deeper than kMaxJsonDepth are errors with
// their place (nlohmann would keep the last duplicate silently).
class StrictChecks {
 public:
  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (frames_.size() >= kMaxJsonDepth) {
          throw InputError(file_, pointer(), fmt::format("nested deeper than {} levels", kMaxJsonDepth));
        }
        frames_.push_back({event == E::array_start, 0, {}, {}});
        break;
      case E::key: {
        Frame& f = frames_.back();
        f.key = parsed.get<std::string>();
        if (!f.keys.insert(f.key).second) throw InputError(file_, pointer(), fmt::format("duplicate key \"{}\"", f.key));
        break;
      }
      case E::object_end:
      case E::array_end:
        frames_.pop_back();
        next_element();
        break;
      case E::value:
        next_element();
        break;
    }
    return true;
  }
  explicit StrictChecks(std::string file) : file_(std::move(file)) {}

 private:
  struct Frame {
    bool array;
    std::size_t index;
    std::string key;
    std::set<std::string> keys;
  };
  void next_element() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  std::string pointer() const {
    std::string out;
    for (const Frame& f : frames_) out = f.array ? json_child(out, f.index) : json_child(out, f.key);
    return out.empty() ? "/" : out;
  }
  std::string file_;
  std::vector<Frame> frames_;
};

}  // namespace

Json parse_json_text(const std::string& text, const std::string& file) {
  try {
    StrictChecks checks(file);
    return Json::parse(text, std::ref(checks));
  } catch (const Json::parse_error& e) {
    throw InputError(file, line_and_column(text, e.byte > 0 ? e.byte - 1 : 0),
                     "invalid JSON: " + short_parse_message(e.what()));
  } catch (const Json::out_of_range&) {
    throw InputError(file, overflowing_number(text), "a number beyond the range of a double (about 1.8e308)");
  }
}

Json read_json_file(const std::string& path) {
  require_regular_file(path, "JSON file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "", "cannot open file (missing or unreadable)");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path, "", "cannot read file");
  return parse_json_text(buffer.str(), path);
}

std::string dump_json(const Json& value) { return value.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string describe_json(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::string:
      return fmt::format("the string {}", value.dump(-1, ' ', false, Json::error_handler_t::replace));
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return fmt::format("the number {}", value.dump(-1, ' ', false, Json::error_handler_t::replace));
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    default: return "an unsupported value";
  }
}

std::string json_child(const std::string& pointer, std::string_view key) {
  std::string out = pointer + "/";
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string json_child(const std::string& pointer, std::size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::int64_t json_int(const Json& v, const std::string& file, const std::string& pointer,
                      std::int64_t min_value, std::int64_t max_value) {
  std::int64_t out = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      throw InputError(file, pointer, "expected an integer, found a number too large");
    }
    out = v.get<std::int64_t>();
  } else if (v.is_number_float() && std::isfinite(v.get<double>()) &&
             v.get<double>() == std::floor(v.get<double>()) && std::fabs(v.get<double>()) < 9e15) {
    out = static_cast<std::int64_t>(v.get<double>());
  } else {
    throw InputError(file, pointer, "expected an integer, found " + describe_json(v));
  }
  if (out < min_value || out > max_value) {
    std::string range = max_value == INT64_MAX ? fmt::format("at least {}", min_value)
                        : min_value == INT64_MIN ? fmt::format("at most {}", max_value)
                                                 : fmt::format("between {} and {}", min_value, max_value);
    throw InputError(file, pointer, fmt::format("expected an integer {}, found {}", range, out));
  }
  return out;
}

double json_number(const Json& v, const std::string& file, const std::string& pointer, double min_value,
                   double max_value) {
  if (!v.is_number()) throw InputError(file, pointer, "expected a number, found " + describe_json(v));
  double out = v.get<double>();
  if (!std::isfinite(out)) throw InputError(file, pointer, "expected a finite number");
  if (out < min_value || out > max_value) {
    std::string range = max_value >= 1e308  ? fmt::format("at least {}", min_value)
                        : min_value <= -1e308 ? fmt::format("at most {}", max_value)
                                              : fmt::format("between {} and {}", min_value, max_value);
    throw InputError(file, pointer, fmt::format("expected a number {}, found {}", range, v.dump()));
  }
  return out;
}

std::string json_string(const Json& v, const std::string& file, const std::string& pointer) {
  if (!v.is_string()) throw InputError(file, pointer, "expected a string, found " + describe_json(v));
  return v.get<std::string>();
}

bool json_bool(const Json& v, const std::string& file, const std::string& pointer) {
  if (!v.is_boolean()) throw InputError(file, pointer, "expected true or false, found " + describe_json(v));
  return v.get<bool>();
}

JsonReader::JsonReader(const Json& value, std::string file, std::string pointer)
    : value_(&value), file_(std::move(file)), pointer_(std::move(pointer)) {
  if (!value.is_object()) {
    throw InputError(file_, pointer_.empty() ? "/" : pointer_, "expected an object, found " + describe_json(value));
  }
}

bool JsonReader::has(std::string_view key) const { return value_->contains(key); }

const Json* JsonReader::find(std::string_view key) {
  used_.emplace(key);
  auto it = value_->find(key);
  return it == value_->end() ? nullptr : &*it;
}

const Json& JsonReader::at(std::string_view key) {
  const Json* v = find(key);
  if (v == nullptr) {
    throw InputError(file_, pointer_.empty() ? "/" : pointer_, fmt::format("missing required key \"{}\"", key));
  }
  return *v;
}

std::string JsonReader::string(std::string_view key) { return json_string(at(key), file_, child(key)); }

std::string JsonReader::string_or(std::string_view key, std::string_view fallback) {
  const Json* v = find(key);
  return v ? json_string(*v, file_, child(key)) : std::string(fallback);
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min_value, std::int64_t max_value) {
  return json_int(at(key), file_, child(key), min_value, max_value);
}

std::int64_t JsonReader::integer_or(std::string_view key, std::int64_t fallback, std::int64_t min_value,
                                    std::int64_t max_value) {
  const Json* v = find(key);
  return v ? json_int(*v, file_, child(key), min_value, max_value) : fallback;
}

double JsonReader::number(std::string_view key, double min_value, double max_value) {
  return json_number(at(key), file_, child(key), min_value, max_value);
}

double JsonReader::number_or(std::string_view key, double fallback, double min_value, double max_value) {
  const Json* v = find(key);
  return v ? json_number(*v, file_, child(key), min_value, max_value) : fallback;
}

bool JsonReader::boolean_or(std::string_view key, bool fallback) {
  const Json* v = find(key);
  return v ? json_bool(*v, file_, child(key)) : fallback;
}

JsonReader JsonReader::object(std::string_view key) { return JsonReader(at(key), file_, child(key)); }

void JsonReader::ignore(std::string_view key) { used_.emplace(key); }

void JsonReader::fail(std::string_view key, const std::string& problem) const {
  throw InputError(file_, child(key), problem);
}

void JsonReader::fail_here(const std::string& problem) const {
  throw InputError(file_, pointer_.empty() ? "/" : pointer_, problem);
}

void JsonReader::finish() const {
  for (const auto& [key, value] : value_->items()) {
    if (!used_.contains(key)) throw InputError(file_, child(key), fmt::format("unknown key \"{}\"", key));
  }
}

}  // namespace splitsim
