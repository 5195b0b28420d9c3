#include "scenario/scenario.hpp"

#include "core/random.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

// Deep merge: objects key by key, everything else replaced.
void merge_into(Json& base, const Json& over) {
  if (!base.is_object() || !over.is_object()) {
    base = over;
    return;
  }
  for (const auto& [k, v] : over.items()) {
    if (base.contains(k)) {
      merge_into(base[k], v);
    } else {
      base[k] = v;
    }
  }
}

Json load_with_includes(const std::string& path, std::vector<std::string>& chain) {
  std::string canonical = fs::weakly_canonical(path).string();
  for (const auto& p : chain) {
    if (p == canonical) throw InputError(path, "/include", "include cycle: the file includes itself through " + chain.front());
  }
  chain.push_back(canonical);
  Json doc = read_json_file(path);
  if (!doc.is_object()) throw InputError(path, "/", "expected an object, found " + describe_json(doc));
  Json merged = Json::object();
  if (doc.contains("include")) {
    const Json& inc = doc["include"];
    std::vector<std::string> files;
    if (inc.is_string()) {
      files.push_back(inc.get<std::string>());
    } else if (inc.is_array()) {
      for (std::size_t i = 0; i < inc.size(); ++i) files.push_back(json_string(inc[i], path, json_child("/include", i)));
    } else {
      throw InputError(path, "/include", "expected a file name or an array of file names, found " + describe_json(inc));
    }
    for (const auto& f : files) {
      fs::path p = fs::path(path).parent_path() / f;
      if (!fs::is_regular_file(p)) throw InputError(path, "/include", fmt::format("cannot open included file \"{}\"", f));
      merge_into(merged, load_with_includes(p.string(), chain));
    }
    doc.erase("include");
  }
  merge_into(merged, doc);
  chain.pop_back();
  return merged;
}

}  // namespace

Scenario parse_scenario(const Json& doc, const std::string& file) {
  JsonReader r(doc, file, "");
  r.ignore("include");
  Scenario s;
  s.file = file;
  const Json* server = r.find("server");
  if (server != nullptr && server->is_object() && server->contains("load_level") && server->contains("load_trace") &&
      server->at("load_trace") != Json("")) {  // scenario.resolved.json writes "" for no trace
    throw InputError(file, "/server/load_trace",
                     "sets both load_trace and load_level, and a load trace replaces the level: remove one (with "
                     "--set, e.g. server.load_level=null)");
  }
  read_settings(scenario_settings(), r, s);
  if (s.warmup_s >= s.horizon_s) {
    r.fail("warmup_s", fmt::format("the warm-up ({} s) must end before the horizon ({} s)", s.warmup_s, s.horizon_s));
  }
  return s;
}

std::uint64_t replication_seed(std::uint64_t seed, std::int64_t k) {
  return k == 0 ? seed : mix64(seed ^ mix64(0x5eed0000ULL + static_cast<std::uint64_t>(k)));
}

Json Scenario::to_json() const {
  Json doc = write_settings(scenario_settings(), *this);
  if (!server.load_trace.empty()) doc["server"].erase("load_level");  // the trace replaces it; both are refused
  return doc;
}

void apply_override(Json& doc, const std::string& assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw UsageError(fmt::format("bad --set \"{}\": expected path=value (e.g. server.load_level=0.5)", assignment));
  }
  std::string path = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  if (path == "include" || path.rfind("include.", 0) == 0) {
    throw UsageError(fmt::format("bad --set \"{}\": includes are read before --set applies; name the file in the scenario", assignment));
  }
  Json value;
  try {
    value = Json::parse(text);
  } catch (const Json::parse_error&) {
    value = text;  // a bare word is a string
  } catch (const Json::out_of_range&) {
    throw UsageError(fmt::format("bad --set \"{}\": the number is beyond the range of a double", assignment));
  }
  Json* node = &doc;
  Json* parent = nullptr;
  std::string key;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw UsageError(fmt::format("bad --set path \"{}\": empty component", path));
    bool last = dot == std::string::npos;
    if (node->is_array()) {
      std::size_t idx = 0;
      bool canonical = part.size() <= 9 && part.find_first_not_of("0123456789") == std::string::npos && (part == "0" || part[0] != '0');
      if (!canonical) throw UsageError(fmt::format("bad --set path \"{}\": \"{}\" is not an index into an array", path, part));
      idx = std::stoul(part);
      if (idx >= node->size()) {
        throw UsageError(fmt::format("bad --set path \"{}\": index {} is out of range (the array has {})", path, idx, node->size()));
      }
      node = &(*node)[idx];
    } else {
      // null removes the setting, so that its default applies again (an inherited one included)
      if (value.is_null() && (node->is_null() || (node->is_object() && !node->contains(part)))) return;
      if (node->is_null()) *node = Json::object();
      if (!node->is_object()) throw UsageError(fmt::format("bad --set path \"{}\": \"{}\" is inside a value that is not an object", path, part));
      parent = node;
      key = part;
      node = &(*node)[part];
    }
    if (last) break;
    start = dot + 1;
  }
  if (value.is_null() && parent != nullptr) {
    parent->erase(key);
    return;
  }
  *node = value;
}

Json merged_scenario_json(const std::string& path, const std::vector<std::string>& sets) {
  std::vector<std::string> chain;
  Json doc = load_with_includes(path, chain);
  for (const auto& s : sets) apply_override(doc, s);
  return doc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets, std::optional<std::uint64_t> seed) {
  Json doc = merged_scenario_json(path, sets);
  if (seed) doc["seed"] = *seed;
  return parse_scenario(doc, path);
}

}  // namespace splitsim
