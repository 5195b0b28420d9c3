#pragma once
// A scenario setting defined once: its key, where it lives in the parsed struct, its default (the struct's),
// range or choices, and help. One table per scenario object drives the strict parse, scenario.resolved.json,
// the JSON Schema and the docs table (docs/architecture.md, "A new setting").

#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/enum_names.hpp"
#include "core/json_reader.hpp"

namespace splitsim {

template <class T>
struct Setting {
  std::string key;
  std::string help;
  std::string default_text;                   ///< for the docs; empty: the default value as JSON
  std::function<void(JsonReader&, T&)> read;  ///< reads the key (absent: keeps the default)
  std::function<Json(const T&)> write;        ///< the resolved value
  std::function<Json()> schema;               ///< its JSON Schema, built only when asked (docs, `describe`)
  std::function<bool(const T&)> applies;      ///< read and written only when it holds (null: always)
  const std::vector<Setting<T>>* children = nullptr;  ///< a nested object whose keys bind into T
  /// Docs rows of a nested object of another type (its keys prefixed); null: one row.
  std::function<std::string(const T&, const std::string& prefix)> rows = nullptr;
};

template <class T>
using SettingTable = std::vector<Setting<T>>;

namespace setting {

// `ref` is a member pointer or a callable `auto& (auto& t)` naming the value inside T.
template <class T, class Ref>
decltype(auto) at(Ref ref, T& t) {
  return std::invoke(ref, t);
}

inline Json range_schema(const char* type, double lo, double hi) {
  Json s{{"type", type}};
  if (lo > -1e300) s["minimum"] = lo;
  if (hi < 1e300) s["maximum"] = hi;
  return s;
}

template <class T, class Ref>
Setting<T> number(std::string key, Ref ref, double lo, double hi, std::string help) {
  return {key, std::move(help), "",
          [=](JsonReader& r, T& t) { at(ref, t) = r.number_or(key, at(ref, t), lo, hi); },
          [=](const T& t) { return Json(at(ref, t)); }, [=] { return range_schema("number", lo, hi); }, nullptr};
}

template <class T, class Ref>
Setting<T> integer(std::string key, Ref ref, std::int64_t lo, std::int64_t hi, std::string help) {
  return {key, std::move(help), "",
          [=](JsonReader& r, T& t) {
            auto& v = at(ref, t);
            v = static_cast<std::remove_reference_t<decltype(v)>>(r.integer_or(key, static_cast<std::int64_t>(v), lo, hi));
          },
          [=](const T& t) { return Json(at(ref, t)); },
          [=] {
            return range_schema("integer", static_cast<double>(lo),
                                hi == std::numeric_limits<std::int64_t>::max() ? 1e308 : static_cast<double>(hi));
          },
          nullptr};
}

template <class T, class Ref>
Setting<T> text(std::string key, Ref ref, std::string help) {
  return {key, std::move(help), "", [=](JsonReader& r, T& t) { at(ref, t) = r.string_or(key, at(ref, t)); },
          [=](const T& t) { return Json(at(ref, t)); }, [] { return Json{{"type", "string"}}; }, nullptr};
}

template <class T, class Ref>
Setting<T> flag(std::string key, Ref ref, std::string help) {
  return {key, std::move(help), "", [=](JsonReader& r, T& t) { at(ref, t) = r.boolean_or(key, at(ref, t)); },
          [=](const T& t) { return Json(at(ref, t)); }, [] { return Json{{"type", "boolean"}}; }, nullptr};
}

/// {"enum": [the names]}.
template <class V>
Json enum_schema(std::span<const EnumName<V>> names) {
  Json values = Json::array();
  for (const auto& n : names) values.push_back(std::string(n.name));
  return Json{{"enum", values}};
}

/// A value written as one of the names of `names` (an enum, or a bool with two names).
template <class T, class V, class Ref>
Setting<T> choice(std::string key, Ref ref, std::span<const EnumName<V>> names, std::string help) {
  return {key, std::move(help), "",
          [=](JsonReader& r, T& t) {
            std::string v = r.string_or(key, std::string(enum_name<V>(names, at(ref, t))));
            auto parsed = enum_from_name<V>(names, v);
            if (!parsed) {
              std::vector<std::string_view> all;
              for (const auto& n : names) all.push_back(n.name);
              r.fail(key, fmt::format("unknown value \"{}\" (expected one of: {})", v, fmt::join(all, ", ")));
            }
            at(ref, t) = *parsed;
          },
          [=](const T& t) { return Json(std::string(enum_name<V>(names, at(ref, t)))); },
          [=] { return enum_schema<V>(names); }, nullptr};
}

/// A number that may be absent (null): `none` is what absence means, for the docs.
template <class T, class Ref>
Setting<T> optional_number(std::string key, Ref ref, double lo, double hi, std::string none, std::string help) {
  Setting<T> s{key, std::move(help), std::move(none),
               [=](JsonReader& r, T& t) {
                 if (const Json* v = r.find(key); v && !v->is_null()) at(ref, t) = json_number(*v, r.file(), r.child(key), lo, hi);
               },
               [=](const T& t) { return at(ref, t) ? Json(*at(ref, t)) : Json(nullptr); },
               [=] { return Json{{"oneOf", Json::array({range_schema("number", lo, hi), Json{{"type", "null"}}})}}; }, nullptr};
  return s;
}

/// A nested object whose keys bind into T itself (e.g. `server` of a scenario, `estimator` of a group).
template <class T>
Setting<T> object(std::string key, const SettingTable<T>& children, std::string help);

}  // namespace setting

/// Reads every setting of `table` from `r` into `t` and fails on keys that are not in it ("comment" is free).
template <class T>
void read_settings(const SettingTable<T>& table, JsonReader& r, T& t) {
  r.ignore("comment");
  for (const Setting<T>& s : table) {
    if (s.applies && !s.applies(t)) continue;
    if (s.children) {
      if (!r.has(s.key)) continue;
      JsonReader child = r.object(s.key);
      read_settings(*s.children, child, t);
      continue;
    }
    s.read(r, t);
  }
  r.finish();
}

template <class T>
Json write_settings(const SettingTable<T>& table, const T& t) {
  Json j = Json::object();
  for (const Setting<T>& s : table) {
    if (s.applies && !s.applies(t)) continue;
    j[s.key] = s.children ? write_settings(*s.children, t) : s.write(t);
  }
  return j;
}

/// The JSON Schema of an object holding `table`'s keys (unknown keys refused, as splitsim does).
template <class T>
Json settings_schema(const SettingTable<T>& table) {
  Json props = Json::object();
  props["comment"] = {{"type", "string"}, {"description", "free text"}};
  for (const Setting<T>& s : table) {
    Json p = s.children ? settings_schema(*s.children) : s.schema();
    if (!s.help.empty()) p["description"] = s.help;
    props[s.key] = p;
  }
  return {{"type", "object"}, {"additionalProperties", false}, {"properties", props}};
}

/// A default as the docs show it: strings and lists in code font, numbers as written, "" as a dash.
inline std::string default_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>().empty() ? "–" : fmt::format("`{}`", v.get<std::string>());
  if (v.is_number_float()) return fmt::format("{:g}", v.get<double>());
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const Json& e : v) items.push_back(e.dump());
    return fmt::format("`[{}]`", fmt::join(items, ", "));
  }
  return v.dump();
}

/// Docs rows "| `prefix.key` | default | help |" for `table` with T's defaults `t`.
template <class T>
std::string settings_rows(const SettingTable<T>& table, const T& t, const std::string& prefix = "") {
  std::string out;
  for (const Setting<T>& s : table) {
    std::string key = prefix + s.key;
    if (s.children) {
      out += settings_rows(*s.children, t, key + ".");
      continue;
    }
    if (s.rows) {
      out += s.rows(t, key + ".");
      continue;
    }
    std::string def = s.default_text.empty() ? default_text(s.write(t)) : s.default_text;
    out += fmt::format("| `{}` | {} | {} |\n", key, def, s.help);
  }
  return out;
}

template <class T>
Setting<T> setting::object(std::string key, const SettingTable<T>& children, std::string help) {
  Setting<T> s{std::move(key), std::move(help), "", nullptr, nullptr, nullptr, nullptr, &children};
  return s;
}

}  // namespace splitsim
