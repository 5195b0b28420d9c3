#include "scenario/scenario.hpp"

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "core/limits.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

const char* kFormatNames[] = {"auto", "mahimahi", "two-column"};
const char* kArrivalNames[] = {"periodic", "poisson", "trace"};

std::string enum_choice(JsonReader& r, std::string_view key, const std::vector<std::string>& choices,
                        const std::string& fallback) {
  std::string v = r.string_or(key, fallback);
  for (const auto& c : choices) {
    if (c == v) return v;
  }
  r.fail(key, fmt::format("unknown value \"{}\" (expected one of: {})", v, fmt::join(choices, ", ")));
}

UplinkSpec parse_uplink(JsonReader r) {
  r.ignore("comment");
  UplinkSpec u;
  u.trace = r.string_or("trace", u.trace);
  u.format = parse_trace_format(enum_choice(r, "format", {"auto", "mahimahi", "two-column"}, "auto"));
  u.convention = parse_sample_convention(enum_choice(r, "convention", {"start", "end"}, "start"));
  if (const Json* v = r.find("scale_mean_mbps"); v && !v->is_null()) {
    u.scale_mean_mbps = json_number(*v, r.file(), r.child("scale_mean_mbps"), limits::kMinPositiveMbps, limits::kMaxMbps);
  }
  if (const Json* v = r.find("offset_s")) {
    if (v->is_string() && v->get<std::string>() == "random") {
      u.offset_s.reset();
    } else {
      u.offset_s = json_number(*v, r.file(), r.child("offset_s"), 0.0, limits::kMaxSeconds);
    }
  } else {
    u.offset_s = 0.0;
  }
  r.finish();
  return u;
}

ArrivalSpec parse_arrival(JsonReader r) {
  r.ignore("comment");
  ArrivalSpec a;
  std::string kind = enum_choice(r, "process", {"periodic", "poisson", "trace"}, "poisson");
  a.kind = kind == "periodic" ? ArrivalSpec::Kind::periodic
           : kind == "poisson" ? ArrivalSpec::Kind::poisson
                               : ArrivalSpec::Kind::trace;
  if (a.kind == ArrivalSpec::Kind::poisson) a.rate_per_s = r.number_or("rate_per_s", 1.0, 1e-9, limits::kMaxArrivalRate);
  if (a.kind == ArrivalSpec::Kind::periodic) {
    a.period_s = r.number_or("period_s", 1.0, 1.0 / limits::kMaxArrivalRate, limits::kMaxSeconds);
    a.phase_s = r.number_or("phase_s", 0.0, 0.0, limits::kMaxSeconds);
  }
  if (a.kind == ArrivalSpec::Kind::trace) a.path = r.string("path");
  r.finish();
  return a;
}

EstimatorConfig parse_estimator(JsonReader r, std::optional<double>& probe) {
  r.ignore("comment");
  EstimatorConfig e;
  if (const Json* v = r.find("probe_period_s"); v && !v->is_null()) probe = json_number(*v, r.file(), r.child("probe_period_s"), 1e-3, limits::kMaxSeconds);
  e.kind = parse_estimator_kind(enum_choice(r, "kind", {"last", "ewma", "harmonic"}, "harmonic"));
  e.initial_mbps = r.number_or("initial_mbps", e.initial_mbps, limits::kMinPositiveMbps, limits::kMaxMbps);
  e.ewma_alpha = r.number_or("alpha", e.ewma_alpha, 1e-6, 1.0);
  e.window = static_cast<int>(r.integer_or("window", e.window, 1, 1000));
  r.finish();
  return e;
}

ClientGroup parse_client(JsonReader r) {
  r.ignore("comment");
  ClientGroup c;
  c.name = r.string_or("name", c.name);
  c.count = static_cast<int>(r.integer_or("count", 1, 1, 10'000'000));
  c.network = r.string_or("network", c.network);
  if (const Json* v = r.find("input_dtype"); v && !v->is_null()) {
    c.input_dtype = json_string(*v, r.file(), r.child("input_dtype"));
    if (!parse_dtype(*c.input_dtype)) r.fail("input_dtype", fmt::format("unknown element type \"{}\"", *c.input_dtype));
  }
  c.mobile_platform = r.string_or("mobile_platform", c.mobile_platform);
  if (const Json* v = r.find("mobile_power"); v && !v->is_null()) {
    std::string f = json_string(*v, r.file(), r.child("mobile_power"));
    c.mobile_power = parse_power_form(f);
    if (!c.mobile_power) r.fail("mobile_power", fmt::format("unknown power form \"{}\" (expected per-network or per-layer)", f));
  }
  if (r.has("uplink")) c.uplink = parse_uplink(r.object("uplink"));
  c.downlink_mbps = r.number_or("downlink_mbps", c.downlink_mbps, limits::kMinPositiveMbps, limits::kMaxMbps);
  c.radio = r.string_or("radio", c.radio);
  c.tails = r.boolean_or("tails", c.tails);
  c.download = r.boolean_or("download", c.download);
  c.open_population = r.boolean_or("open_population", c.open_population);
  if (r.has("arrival")) c.arrival = parse_arrival(r.object("arrival"));
  if (r.has("estimator")) c.estimator = parse_estimator(r.object("estimator"), c.probe_period_s);
  if (const Json* v = r.find("partitioner"); v && !v->is_null()) c.partitioner = json_string(*v, r.file(), r.child("partitioner"));
  r.finish();
  return c;
}

ServerSpec parse_server(JsonReader r) {
  r.ignore("comment");
  ServerSpec s;
  s.platform = r.string_or("platform", s.platform);
  s.workers = static_cast<int>(r.integer_or("workers", 1, 1, 100000));
  s.max_batch = static_cast<int>(r.integer_or("max_batch", 1, 1, 1024));
  s.exponential_service = enum_choice(r, "service_time", {"deterministic", "exponential"}, "deterministic") == "exponential";
  s.load_level = r.number_or("load_level", 0.0, 0.0, 0.99);
  s.load_trace = r.string_or("load_trace", "");
  s.load_step_s = r.number_or("load_step_s", 300.0, limits::kMinPeriodSeconds, limits::kMaxSeconds);
  s.load_unit = parse_load_unit(enum_choice(r, "load_unit", {"percent", "fraction"}, "percent"));
  s.load_slowdown = enum_choice(r, "load_model", {"processor-sharing", "none"}, "processor-sharing") == "processor-sharing";
  s.probe_period_s = r.number_or("probe_period_s", 1.0, limits::kMinPeriodSeconds, limits::kMaxSeconds);
  r.finish();
  return s;
}

std::vector<std::string> parse_partitioners(const Json& v, const std::string& file, const std::string& ptr) {
  if (!v.is_array() || v.empty()) throw InputError(file, ptr, "expected a non-empty array of partitioner names");
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string name = json_string(v[i], file, json_child(ptr, i));
    if (!seen.insert(name).second) throw InputError(file, json_child(ptr, i), fmt::format("partitioner \"{}\" is listed twice", name));
    out.push_back(name);
  }
  return out;
}

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
  r.ignore("comment");
  r.ignore("include");
  Scenario s;
  s.file = file;
  s.name = r.string_or("name", fs::path(file).stem().string());
  s.description = r.string_or("description", "");
  s.seed = static_cast<std::uint64_t>(r.integer_or("seed", 1, 0, std::int64_t{1} << 53));
  s.horizon_s = r.number_or("horizon_s", 60.0, 1e-9, limits::kMaxSeconds);
  s.max_queries = r.integer_or("max_queries", 0, 0);
  if (const Json* p = r.find("partitioners")) s.partitioners = parse_partitioners(*p, file, r.child("partitioners"));
  const Json& clients = r.at("clients");
  if (!clients.is_array() || clients.empty()) r.fail("clients", "expected a non-empty array of client groups, found " + describe_json(clients));
  for (std::size_t i = 0; i < clients.size(); ++i) {
    s.clients.push_back(parse_client(JsonReader(clients[i], file, json_child("/clients", i))));
  }
  if (r.has("server")) s.server = parse_server(r.object("server"));
  if (r.has("output")) {
    JsonReader o = r.object("output");
    o.ignore("comment");
    s.queries_csv = o.boolean_or("queries_csv", true);
    s.trace_json = o.boolean_or("trace_json", false);
    s.trace_max_queries = o.integer_or("trace_max_queries", 2000, 1);
    o.finish();
  }
  r.finish();
  return s;
}

Json Scenario::to_json() const {
  Json j;
  j["name"] = name;
  j["description"] = description;
  j["seed"] = seed;
  j["horizon_s"] = horizon_s;
  j["max_queries"] = max_queries;
  j["partitioners"] = partitioners;
  Json cs = Json::array();
  for (const auto& c : clients) {
    Json u{{"trace", c.uplink.trace},
           {"format", kFormatNames[static_cast<int>(c.uplink.format)]},
           {"convention", c.uplink.convention == SampleConvention::start ? "start" : "end"},
           {"scale_mean_mbps", c.uplink.scale_mean_mbps ? Json(*c.uplink.scale_mean_mbps) : Json(nullptr)},
           {"offset_s", c.uplink.offset_s ? Json(*c.uplink.offset_s) : Json("random")}};
    Json a{{"process", kArrivalNames[static_cast<int>(c.arrival.kind)]}};
    if (c.arrival.kind == ArrivalSpec::Kind::poisson) a["rate_per_s"] = c.arrival.rate_per_s;
    if (c.arrival.kind == ArrivalSpec::Kind::periodic) a["period_s"] = c.arrival.period_s, a["phase_s"] = c.arrival.phase_s;
    if (c.arrival.kind == ArrivalSpec::Kind::trace) a["path"] = c.arrival.path;
    cs.push_back({{"name", c.name},
                  {"count", c.count},
                  {"network", c.network},
                  {"input_dtype", c.input_dtype ? Json(*c.input_dtype) : Json(nullptr)},
                  {"mobile_platform", c.mobile_platform},
                  {"mobile_power", c.mobile_power ? Json(power_form_name(*c.mobile_power)) : Json(nullptr)},
                  {"uplink", u},
                  {"downlink_mbps", c.downlink_mbps},
                  {"radio", c.radio},
                  {"tails", c.tails},
                  {"download", c.download},
                  {"arrival", a},
                  {"estimator",
                   {{"kind", estimator_kind_name(c.estimator.kind)},
                    {"initial_mbps", c.estimator.initial_mbps},
                    {"alpha", c.estimator.ewma_alpha},
                    {"window", c.estimator.window},
                    {"probe_period_s", c.probe_period_s ? Json(*c.probe_period_s) : Json(nullptr)}}},
                  {"partitioner", c.partitioner.empty() ? Json(nullptr) : Json(c.partitioner)},
                  {"open_population", c.open_population}});
  }
  j["clients"] = cs;
  j["server"] = {{"platform", server.platform},
                 {"workers", server.workers},
                 {"max_batch", server.max_batch},
                 {"service_time", server.exponential_service ? "exponential" : "deterministic"},
                 {"load_level", server.load_level},
                 {"load_trace", server.load_trace},
                 {"load_step_s", server.load_step_s},
                 {"load_unit", server.load_unit == LoadUnit::percent ? "percent" : "fraction"},
                 {"load_model", server.load_slowdown ? "processor-sharing" : "none"},
                 {"probe_period_s", server.probe_period_s}};
  j["output"] = {{"queries_csv", queries_csv}, {"trace_json", trace_json}, {"trace_max_queries", trace_max_queries}};
  return j;
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
      if (node->is_null()) *node = Json::object();
      if (!node->is_object()) throw UsageError(fmt::format("bad --set path \"{}\": \"{}\" is inside a value that is not an object", path, part));
      node = &(*node)[part];
    }
    if (last) break;
    start = dot + 1;
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
