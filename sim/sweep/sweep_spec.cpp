// Reading a sweep file: the base scenario, fixed settings and axes, each value checked before anything runs.
#include "sweep/sweep.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "scenario/scenario.hpp"
#include "sweep/shard_files.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

std::string value_text(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

SweepAxis read_axis(const Json& axis_json, const std::string& path, const std::string& ptr) {
  JsonReader a(axis_json, path, ptr);
  a.ignore("comment");
  SweepAxis axis;
  axis.name = a.string("name");
  if (axis.name.empty() || axis.name.find(',') != std::string::npos) a.fail("name", "an axis name must be non-empty and without commas");
  const Json& values = a.at("values");
  if (a.has("path")) {
    // One setting per value, optionally through a format: "constant:{}".
    std::string setting = a.string("path");
    std::string format = a.string_or("format", "{}");
    if (!values.is_array() || values.empty()) a.fail("values", "expected a non-empty array of values");
    for (const Json& v : values) {
      axis.labels.push_back(value_text(v));
      Json value = v;
      if (format != "{}") {
        try {
          value = fmt::format(fmt::runtime(format), value_text(v));
        } catch (const fmt::format_error& e) {
          a.fail("format", fmt::format("bad format \"{}\": {} (use {{}} where the value goes)", format, e.what()));
        }
      }
      axis.settings.push_back({setting + "=" + value.dump()});
    }
  } else {
    // Named values, each a bundle of settings: [{"name": ..., "set": {path: value, ...}}, ...], in order.
    if (!values.is_array() || values.empty()) {
      a.fail("values", "expected a non-empty array (of values with a \"path\", or of {\"name\", \"set\"} bundles)");
    }
    for (std::size_t v = 0; v < values.size(); ++v) {
      JsonReader b(values[v], path, json_child(json_child(ptr, "values"), v));
      axis.labels.push_back(value_text(b.at("name")));
      const Json& set = b.at("set");
      if (!set.is_object() || set.empty()) b.fail("set", "expected an object of settings");
      std::vector<std::string> sets;
      for (const auto& [k, value] : set.items()) sets.push_back(k + "=" + value.dump());
      axis.settings.push_back(sets);
      b.finish();
    }
  }
  for (const auto& l : axis.labels) {
    if (l.find(',') != std::string::npos || l.find('\n') != std::string::npos) {
      a.fail("values", fmt::format("value \"{}\" cannot be written in a CSV cell", l));
    }
  }
  a.finish();
  return axis;
}

// Each axis value checked once before running anything, so that a bad value fails here with its place
// rather than halfway through the grid.
void check_axis_values(const Sweep& s) {
  const std::string& path = s.file;
  for (std::size_t k = 0; k < s.axes.size(); ++k) {
    for (std::size_t v = 0; v < s.axes[k].labels.size(); ++v) {
      std::vector<std::string> settings = s.sets;
      for (std::size_t m = 0; m < s.axes.size(); ++m) {
        const auto& chosen = s.axes[m].settings[m == k ? v : 0];
        settings.insert(settings.end(), chosen.begin(), chosen.end());
      }
      try {
        load_scenario(s.scenario, settings);
      } catch (const std::exception& e) {
        throw InputError(path, json_child(json_child(json_child("/axes", k), "values"), v),
                         fmt::format("value \"{}\" of axis {}: {}", s.axes[k].labels[v], s.axes[k].name, e.what()));
      }
    }
  }
}

}  // namespace

std::size_t Sweep::points() const {
  std::size_t n = 1;
  for (const auto& a : axes) n *= a.labels.size();
  return n;
}

std::vector<std::size_t> Sweep::coordinates(std::size_t index) const {
  std::vector<std::size_t> c(axes.size());
  for (std::size_t k = axes.size(); k-- > 0;) {
    c[k] = index % axes[k].labels.size();
    index /= axes[k].labels.size();
  }
  return c;
}

std::vector<std::string> Sweep::settings_of(std::size_t index) const {
  std::vector<std::string> out = sets;
  auto c = coordinates(index);
  for (std::size_t k = 0; k < axes.size(); ++k) {
    const auto& s = axes[k].settings[c[k]];
    out.insert(out.end(), s.begin(), s.end());
  }
  return out;
}

Sweep load_sweep(const std::string& path, const std::vector<std::string>& sets) {
  Json doc = read_json_file(path);
  JsonReader r(doc, path, "");
  r.ignore("comment");
  Sweep s;
  s.file = path;
  std::string scenario = r.string("scenario");
  fs::path base = fs::path(path).parent_path() / scenario;
  if (!fs::is_regular_file(base)) r.fail("scenario", fmt::format("cannot open scenario \"{}\"", scenario));
  s.scenario = base.string();
  if (const Json* set = r.find("set")) {
    JsonReader sr(*set, path, "/set");
    for (const auto& [k, v] : set->items()) {
      s.sets.push_back(k + "=" + v.dump());
      sr.ignore(k);
    }
  }
  const Json& axes = r.at("axes");
  if (!axes.is_array() || axes.empty()) r.fail("axes", "expected a non-empty array of axes");
  for (std::size_t i = 0; i < axes.size(); ++i) {
    s.axes.push_back(read_axis(axes[i], path, json_child("/axes", i)));
    // Checked axis by axis, before the product can overflow.
    if (s.points() > limits::kMaxSweepPoints) {
      r.fail("axes", fmt::format("more than {} grid points (docs/limits.md)", limits::kMaxSweepPoints));
    }
  }
  r.finish();
  // The command line's --set come after the file's own: they win, as in `run`, and axes still vary on top.
  s.sets.insert(s.sets.end(), sets.begin(), sets.end());
  std::uint64_t h = fnv1a(slurp(s.scenario), fnv1a(doc.dump(-1, ' ', false, Json::error_handler_t::replace)));
  for (const std::string& set : sets) h = fnv1a(set, h);
  s.identity = fmt::format("{:016x}", h);
  load_scenario(s.scenario, s.sets);  // a bad --set fails as in `run`, before any axis is blamed
  check_axis_values(s);
  return s;
}



Json sweep_schema() {
  Json settings{{"type", "object"}, {"minProperties", 1}, {"additionalProperties", true},
                {"description", "--set paths of the scenario (docs/scenarios.md) and their values"}};
  Json path_axis{{"type", "object"},
                 {"required", Json::array({"name", "path", "values"})},
                 {"additionalProperties", false},
                 {"properties", {{"name", {{"type", "string"}, {"pattern", "^[^,]+$"}}},
                                 {"path", {{"type", "string"}}},
                                 {"format", {{"type", "string"}, {"description", "e.g. constant:{}"}}},
                                 {"values", {{"type", "array"}, {"minItems", 1}}},
                                 {"comment", {{"type", "string"}}}}}};
  Json bundle{{"type", "object"},
              {"required", Json::array({"name", "set"})},
              {"additionalProperties", false},
              {"properties", {{"name", Json::object()}, {"set", settings}}}};
  Json bundle_axis{{"type", "object"},
                   {"required", Json::array({"name", "values"})},
                   {"additionalProperties", false},
                   {"properties", {{"name", {{"type", "string"}, {"pattern", "^[^,]+$"}}},
                                   {"values", {{"type", "array"}, {"minItems", 1}, {"items", bundle}}},
                                   {"comment", {{"type", "string"}}}}}};
  return Json{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
              {"title", "splitsim sweep"},
              {"description", "A grid over scenario settings (docs/sweeps.md). Generated by `splitsim describe "
                              "sweep-schema`; `splitsim validate` also checks every axis value against the scenario."},
              {"type", "object"},
              {"required", Json::array({"scenario", "axes"})},
              {"additionalProperties", false},
              {"properties", {{"scenario", {{"type", "string"}, {"description", "the base scenario, relative to the sweep file"}}},
                              {"comment", {{"type", "string"}}},
                              {"set", settings},
                              {"axes", {{"type", "array"}, {"minItems", 1}, {"items", {{"oneOf", Json::array({path_axis, bundle_axis})}}}}}}}};
}

std::pair<std::size_t, std::size_t> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  std::size_t i = 0, n = 0;
  try {
    if (slash == std::string::npos) throw std::invalid_argument("");
    auto digits = [](const std::string& t) { return !t.empty() && t.size() <= 9 && t.find_first_not_of("0123456789") == std::string::npos; };
    if (!digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) throw std::invalid_argument("");
    std::size_t used = 0;
    i = std::stoul(text.substr(0, slash), &used);
    if (used != slash) throw std::invalid_argument("");
    n = std::stoul(text.substr(slash + 1), &used);
    if (used != text.size() - slash - 1) throw std::invalid_argument("");
  } catch (...) {
    throw UsageError(fmt::format("bad --shard \"{}\": expected I/N, e.g. 2/8", text));
  }
  if (n < 1 || i < 1 || i > n) throw UsageError(fmt::format("bad --shard \"{}\": I must be between 1 and N", text));
  return {i, n};
}

}  // namespace splitsim
