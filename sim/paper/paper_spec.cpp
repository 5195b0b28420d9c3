#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/input_error.hpp"
#include "network/dtype.hpp"
#include "paper/paper.hpp"

namespace splitsim {
namespace {

// One named setting: an object with its `value` (or, for the platforms, `server`) and a comment.
template <class Read>
void setting(JsonReader& r, const char* key, Read read) {
  if (!r.has(key)) return;
  JsonReader s = r.object(key);
  s.ignore("comment");
  read(s);
  s.finish();
}

std::string one_of(JsonReader& r, const char* key, std::initializer_list<const char*> choices, const std::string& fallback) {
  std::string v = r.string_or(key, fallback);
  for (const char* c : choices) {
    if (v == c) return v;
  }
  r.fail(key, fmt::format("unknown value \"{}\" (expected one of: {})", v, fmt::join(choices, ", ")));
}

PaperSettings read_settings(JsonReader r) {
  r.ignore("comment");
  PaperSettings p;
  setting(r, "platforms", [&](JsonReader& s) { p.server = s.string_or("server", p.server); });
  setting(r, "input", [&](JsonReader& s) { p.input = one_of(s, "value", {"raw", "tensor"}, p.input); });
  setting(r, "input_dtype", [&](JsonReader& s) {
    p.input_dtype = s.string_or("value", p.input_dtype);
    if (!parse_dtype(p.input_dtype)) s.fail("value", fmt::format("unknown element type \"{}\"", p.input_dtype));
  });
  setting(r, "tails", [&](JsonReader& s) { p.tails = s.boolean_or("value", p.tails); });
  setting(r, "load_model", [&](JsonReader& s) { p.load_model = one_of(s, "value", {"processor-sharing", "none"}, p.load_model); });
  setting(r, "lte_device", [&](JsonReader& s) { p.lte_device = s.string_or("value", p.lte_device); });
  setting(r, "throughput_mix", [&](JsonReader& s) { p.throughput_mix = one_of(s, "value", {"equal"}, p.throughput_mix); });
  setting(r, "phone_work_ms", [&](JsonReader& s) {
    const Json& v = s.at("value");
    if (!v.is_object()) s.fail("value", "expected an object of milliseconds per benchmark, found " + describe_json(v));
    for (const auto& [bench, ms] : v.items()) p.phone_work_ms[bench] = json_number(ms, s.file(), json_child(s.child("value"), bench), 0, 1e6);
    s.ignore("grounds");
  });
  setting(r, "aggregate", [&](JsonReader& s) { p.aggregate = one_of(s, "value", {"both", "arithmetic", "geometric"}, p.aggregate); });
  r.finish();
  return p;
}

PaperSpec::Published read_published(JsonReader r) {
  r.ignore("comment");
  PaperSpec::Published p;
  p.speedup_mean = r.number("latency_speedup_mean", 1e-9);
  p.speedup_max = r.number("latency_speedup_max", 1e-9);
  p.energy_reduction_mean = r.number("energy_reduction_mean_percent", 0, 100) / 100;
  p.energy_reduction_max = r.number("energy_reduction_max_percent", 0, 100) / 100;
  p.throughput_mean = r.number("throughput_gain_mean", 1e-9);
  p.throughput_max = r.number("throughput_gain_max", 1e-9);
  const Json& labels = r.at("speedup_labels_above_20");
  const std::string ptr = r.child("speedup_labels_above_20");
  if (!labels.is_object()) throw InputError(r.file(), ptr, "expected an object of per-mobile arrays, found " + describe_json(labels));
  for (const auto& [mobile, values] : labels.items()) {
    if (!values.is_array()) throw InputError(r.file(), json_child(ptr, mobile), "expected an array of speedups");
    for (std::size_t i = 0; i < values.size(); ++i) {
      p.labels_above_20[mobile].push_back(json_number(values[i], r.file(), json_child(json_child(ptr, mobile), i), 20));
    }
  }
  r.finish();
  return p;
}

PaperSpec::Tails read_tails(JsonReader te, const PaperSpec& s) {
  te.ignore("comment");
  PaperSpec::Tails t;
  t.scenario = (std::filesystem::path(s.dir) / te.string("scenario")).string();
  const std::string& path = te.file();
  for (const Json& v : te.at("wireless")) {
    std::string label = json_string(v, path, "/tails_experiment/wireless");
    bool known = std::any_of(s.wireless.begin(), s.wireless.end(), [&](const auto& w) { return w.label == label; });
    if (!known) te.fail("wireless", fmt::format("no wireless network named \"{}\"", label));
    t.wireless.push_back(label);
  }
  const std::string arrival = te.string("arrival");
  if (arrival != "periodic" && arrival != "poisson") te.fail("arrival", "expected \"periodic\" or \"poisson\"");
  t.poisson = arrival == "poisson";
  for (const Json& v : te.at("gaps_s")) t.gaps_s.push_back(json_number(v, path, "/tails_experiment/gaps_s", 1e-3, 1e6));
  t.queries_per_cell = static_cast<int>(te.integer("queries_per_cell", 1, 1'000'000));
  te.finish();
  return t;
}

PaperSpec::PhoneLoad read_phone_load(JsonReader e, const std::string& dir, const std::string& path) {
  PaperSpec::PhoneLoad p;
  e.ignore("comment");
  p.scenario = (std::filesystem::path(dir) / e.string("scenario")).string();
  for (const Json& v : e.at("levels_percent")) p.levels_percent.push_back(json_number(v, path, "/phone_load/levels_percent", 0, 99));
  for (const Json& v : e.at("wireless")) p.wireless.push_back(json_string(v, path, "/phone_load/wireless"));
  e.finish();
  return p;
}

PaperSpec::Misprediction read_misprediction(JsonReader e, const PaperSpec& s, const std::string& path) {
  PaperSpec::Misprediction m;
  e.ignore("comment");
  JsonReader beliefs = e.object("mobile_beliefs");
  for (const auto& [label, platform] : e.at("mobile_beliefs").items()) m.mobile_beliefs[label] = beliefs.string(label);
  beliefs.finish();
  m.server_belief = e.string("server_belief");
  e.finish();
  for (const auto& [label, platform] : s.mobiles) {
    if (!m.mobile_beliefs.count(label)) throw InputError(path, "/misprediction/mobile_beliefs", fmt::format("no believed platform for mobile \"{}\"", label));
  }
  return m;
}

PaperSpec::Learning read_learning(JsonReader e, const PaperSpec& s, const std::string& path) {
  PaperSpec::Learning l;
  e.ignore("comment");
  l.scenario = (std::filesystem::path(s.dir) / e.string("scenario")).string();
  for (const Json& v : e.at("wireless")) l.wireless.push_back(json_string(v, path, "/learning/wireless"));
  l.step_s = e.number("step_s", 0.0);
  e.finish();
  if (!s.misprediction) {
    throw InputError(path, "/learning", "the learning experiment starts from the misprediction variant's beliefs: add \"misprediction\"");
  }
  return l;
}

}  // namespace

PaperSpec load_paper_spec(const std::string& path) {
  Json doc = read_json_file(path);
  JsonReader r(doc, path, "");
  r.ignore("comment");
  PaperSpec s;
  s.dir = std::filesystem::path(path).parent_path().string();
  s.settings = read_settings(r.object("settings"));
  const Json& benchmarks = r.at("benchmarks");
  if (!benchmarks.is_array() || benchmarks.empty()) r.fail("benchmarks", "expected a non-empty array of networks");
  for (std::size_t i = 0; i < benchmarks.size(); ++i) s.benchmarks.push_back(json_string(benchmarks[i], path, json_child("/benchmarks", i)));
  const Json& mobiles = r.at("mobiles");
  if (!mobiles.is_array() || mobiles.empty()) r.fail("mobiles", "expected a non-empty array of {name, platform}");
  for (std::size_t i = 0; i < mobiles.size(); ++i) {
    JsonReader m(mobiles[i], path, json_child("/mobiles", i));
    s.mobiles.emplace_back(m.string("name"), m.string("platform"));
    m.finish();
  }
  const Json& wireless = r.at("wireless");
  if (!wireless.is_array() || wireless.empty()) r.fail("wireless", "expected a non-empty array of {name, uplink_mbps, radio}");
  for (std::size_t i = 0; i < wireless.size(); ++i) {
    JsonReader w(wireless[i], path, json_child("/wireless", i));
    w.ignore("comment");
    s.wireless.push_back({w.string("name"), w.number("uplink_mbps", 1e-6), w.string("radio")});
    w.finish();
  }
  auto scenario = [&](const char* key, std::string& out) {
    JsonReader e = r.object(key);
    e.ignore("comment");
    out = (std::filesystem::path(s.dir) / e.string("scenario")).string();
    return e;
  };
  JsonReader grid = scenario("grid", s.grid_scenario);
  grid.finish();
  JsonReader load = scenario("server_load", s.load_scenario);
  for (const Json& v : load.at("levels_percent")) s.load_levels_percent.push_back(json_number(v, path, "/server_load/levels_percent", 0, 99));
  for (const Json& v : load.at("platforms")) s.load_platforms.push_back(json_string(v, path, "/server_load/platforms"));
  load.finish();
  JsonReader lte = scenario("lte_variation", s.lte_scenario);
  lte.finish();
  JsonReader tp = scenario("throughput", s.throughput_scenario);
  for (const Json& v : tp.at("gpu_shares_percent")) s.gpu_shares_percent.push_back(json_number(v, path, "/throughput/gpu_shares_percent", 0, 100));
  s.phones_per_benchmark = static_cast<int>(tp.integer("phones_per_benchmark", 1, 10000));
  s.target_sojourn_ms = tp.number("target_mean_sojourn_ms", 1e-3);
  s.queries_per_trial = static_cast<int>(tp.integer("queries_per_trial", 100, 10'000'000));
  tp.finish();
  if (r.has("tails_experiment")) s.tails = read_tails(r.object("tails_experiment"), s);
  if (r.has("published")) s.published = read_published(r.object("published"));
  if (r.has("phone_load")) s.phone_load = read_phone_load(r.object("phone_load"), s.dir, path);
  if (r.has("misprediction")) s.misprediction = read_misprediction(r.object("misprediction"), s, path);
  if (r.has("learning")) s.learning = read_learning(r.object("learning"), s, path);
  r.finish();
  bool known = std::any_of(s.mobiles.begin(), s.mobiles.end(), [&](const auto& m) { return m.first == s.settings.lte_device; });
  if (!known) throw InputError(path, "/settings/lte_device/value", fmt::format("no mobile named \"{}\"", s.settings.lte_device));
  return s;
}

}  // namespace splitsim
