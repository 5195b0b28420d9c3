#include "world/experiment_setup.hpp"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/data_dir.hpp"
#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "network/shape_inference.hpp"
#include "link/trace_reader.hpp"
#include "server/load_trace_reader.hpp"
#include "network/network_catalog.hpp"
#include "network/network_loader.hpp"
#include "world/belief.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

// A file named relative to the scenario's folder wins over a shipped name of the same spelling.
std::string relative_to(const std::string& value, const std::string& scenario_file) {
  if (value.starts_with("constant:") || fs::path(value).is_absolute()) return value;
  fs::path candidate = fs::path(scenario_file).parent_path() / value;
  std::error_code ec;
  if (fs::is_regular_file(candidate, ec)) return candidate.string();
  return value;
}

// A trace setting: constant:<value>, a file, or a shipped example trace (scenarios/traces/<name>.txt).
std::string trace_file(const std::string& value, const std::string& choices) {
  if (value.starts_with("constant:")) return value;
  return resolve_data_file(value, "scenarios/traces", ".txt", "trace", choices);
}

// Runs `f`, putting a setting's errors in the scenario's terms: the file and the JSON pointer of the
// setting. Errors inside a file the setting names (a bad network file) keep that file's own place.
template <class F>
auto at(const std::string& file, const std::string& pointer, F&& f) {
  try {
    return f();
  } catch (const InputError& e) {
    if (e.problem().starts_with("cannot open file")) {
      throw InputError(file, pointer, fmt::format("cannot open \"{}\" (missing or unreadable)", e.file()));
    }
    throw;
  } catch (const UsageError& e) {
    throw InputError(file, pointer, e.what());
  } catch (const std::invalid_argument& e) {
    throw InputError(file, pointer, e.what());
  } catch (const ShapeError& e) {  // a size limit crossed when the server batches queries
    throw InputError(file, pointer, fmt::format("batched on the server: {}", e.what()));
  }
}

std::vector<double> read_arrival_times(const std::string& path, const std::string& scenario, const std::string& ptr) {
  try {
    require_regular_file(path, "arrival trace");
  } catch (const InputError&) {
    throw InputError(scenario, ptr, fmt::format("arrival trace \"{}\" is not a regular file", path));
  }
  std::ifstream in(path);
  if (!in) throw InputError(scenario, ptr, fmt::format("cannot open arrival trace \"{}\"", path));
  std::vector<double> times;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    char* end = nullptr;
    double t = std::strtod(line.c_str(), &end);
    while (end && (*end == ' ' || *end == '\t' || *end == '\r')) ++end;
    if (end == line.c_str() || (end && *end != '\0') || !std::isfinite(t) || t < 0 || t > limits::kMaxSeconds) {
      throw InputError(path, fmt::format("line {}", number), fmt::format("expected an arrival time in seconds, found \"{}\"", line));
    }
    if (!times.empty() && t < times.back()) {
      throw InputError(path, fmt::format("line {}", number), "arrival times must not decrease");
    }
    times.push_back(t);
  }
  if (times.empty()) throw InputError(path, "", "empty arrival trace");
  return times;
}

// What a query sends when nothing runs on the phone: the input tensor (in `input_dtype`) or the raw input.
void set_input(const ClientGroup& c, const std::string& file, const std::string& ptr, Network& net) {
  if (c.input_dtype && c.raw_input) {
    throw InputError(file, json_child(ptr, "input_dtype"),
                     "input_dtype sets the input tensor's type; with \"input\": \"raw\" the network's raw input is sent");
  }
  if (c.input_dtype) {
    Layer& input = net.layers[0];
    input.dtype = *parse_dtype(*c.input_dtype);
    input.output_bytes = input.output_elements * dtype_size_bytes(input.dtype);
  }
  if (c.raw_input) {
    if (!net.raw_input) throw InputError(file, json_child(ptr, "input"), fmt::format("network {} declares no raw input (input.raw)", net.abbrev));
    net.layers[0].output_bytes = net.raw_input->bytes_per_item * net.batch;
  }
}

// The phone work of a group, at the power of the network's first layer on the mobile.
void charge_phone_work(CostTable& t, double ms) {
  if (ms <= 0) return;
  double power_w = t.layer_mobile_ms.size() > 1 && t.layer_mobile_ms[1] > 0 ? t.layer_mobile_j[1] / (t.layer_mobile_ms[1] * 1e-3) : 0.0;
  add_phone_work(t, ms, power_w);
}

// The group's believed cost table: the belief's platforms (its own or the true ones) times its error factors.
CostTable believed_group_costs(const GroupSetup& gs, const Platform& mobile, const Platform& server, const Scenario& s,
                               const std::string& ptr, ResourceCache& cache) {
  const std::string& file = s.file;
  const ClientGroup& c = gs.spec;
  const BeliefSpec& sb = s.server.belief;
  const std::string bptr = json_child(ptr, "belief");
  const Platform& bm = c.belief.platform.empty() ? mobile : *at(file, json_child(bptr, "platform"), [&] {
    return &cache.platform(relative_to(c.belief.platform, file));
  });
  const Platform& bs = sb.platform.empty() ? server : *at(file, "/server/belief/platform", [&] {
    return &cache.platform(relative_to(sb.platform, file));
  });
  CostTable t = at(file, bptr, [&] { return believed_costs(gs.network, bm, bs, c, s.server); });
  charge_phone_work(t, c.phone_work_ms);
  return t;
}

// A load trace setting (the server's, a phone's): a file beside the scenario, a shipped example or constant:<load>.
LoadTrace read_load(const std::string& value, const std::string& file, double step_s, LoadUnit unit) {
  return read_load_trace(trace_file(relative_to(value, file), "server-load"), step_s, unit);
}

PhoneSpeed read_phone(const PhoneSpec& p, const std::string& file, const std::string& ptr) {
  if (!p.active()) return {};
  if (!p.load_trace.empty() && p.load_level != 0) {
    throw InputError(file, json_child(ptr, "load_trace"), "sets both load_trace and load_level, and a load trace replaces the level: remove one");
  }
  LoadTrace load = p.load_trace.empty() ? LoadTrace::constant(p.load_level) : at(file, json_child(ptr, "load_trace"), [&] {
    return read_load(p.load_trace, file, p.load_step_s, p.load_unit);
  });
  LoadTrace speed = LoadTrace::constant(1.0);
  if (!p.speed_trace.empty()) {
    speed = at(file, json_child(ptr, "speed_trace"), [&] {
      LoadTrace s;
      try {
        s = read_load_trace(trace_file(relative_to(p.speed_trace, file), "phone-speed"), p.speed_step_s, LoadUnit::fraction);
      } catch (const UsageError& e) {  // a constant above 1
        throw std::invalid_argument(fmt::format("speed factors must be in (0, 1]: {}", e.what()));
      }
      for (double v : s.values()) {
        if (!(v > 0)) throw std::invalid_argument(fmt::format("speed factor {} is not above 0 (a stopped processor never finishes)", v));
      }
      return s;
    });
  }
  return PhoneSpeed(std::move(load), std::move(speed));
}

// The cached value of `key`, loaded outside the lock on a miss (two threads may both load it; the first kept wins).
template <class Map, class Load>
const typename Map::mapped_type& cached(std::mutex& lock, Map& map, const std::string& key, Load load) {
  {
    std::lock_guard g(lock);
    if (auto it = map.find(key); it != map.end()) return it->second;
  }
  auto value = load();
  std::lock_guard g(lock);
  return map.emplace(key, std::move(value)).first->second;
}

}  // namespace

Network ResourceCache::network(const std::string& name) {
  return cached(lock_, networks_, name, [&] { return load_network(name); });
}

const Platform& ResourceCache::platform(const std::string& name) {
  return cached(lock_, platforms_, name, [&] { return load_platform(name); });
}

RadioProfile ResourceCache::radio(const std::string& name) {
  return cached(lock_, radios_, name, [&] { return load_radio_profile(name); });
}

std::shared_ptr<const CapacityTrace> ResourceCache::trace(const std::string& name, TraceFormat format,
                                                          SampleConvention convention) {
  std::string key = fmt::format("{}|{}|{}", name, static_cast<int>(format), static_cast<int>(convention));
  return cached(lock_, traces_, key, [&] {
    return std::make_shared<const CapacityTrace>(read_bandwidth_trace(name, format, convention));
  });
}

void ResourceCache::note(const PredictionWarnings& w) {
  std::lock_guard g(lock_);
  warnings_.merge(w);
}

PredictionWarnings ResourceCache::warnings() {
  std::lock_guard g(lock_);
  return warnings_;
}

Duration download_time(const GroupSetup& g) {
  if (!g.spec.download) return Duration::zero();
  return Duration::from_seconds(static_cast<double>(g.costs.result_bytes) * 8.0 / (g.spec.downlink_mbps * 1e6));
}

WorkEstimate estimate_work(const ExperimentSetup& x) {
  WorkEstimate w;
  const Scenario& s = x.scenario;
  for (const GroupSetup& g : x.groups) {
    double per_client = 0;
    switch (g.spec.arrival.kind) {
      case ArrivalSpec::Kind::poisson: per_client = g.spec.arrival.rate_per_s * s.horizon_s; break;
      case ArrivalSpec::Kind::periodic: per_client = s.horizon_s / g.spec.arrival.period_s; break;
      case ArrivalSpec::Kind::trace: per_client = static_cast<double>(g.arrival_times_s.size()); break;
    }
    w.clients += g.spec.count;
    w.queries_per_replica += per_client * g.spec.count;
  }
  if (s.max_queries > 0) w.queries_per_replica = std::min(w.queries_per_replica, static_cast<double>(s.max_queries));
  w.replicas = static_cast<double>(s.partitioners.size()) * static_cast<double>(s.replications);  // every partitioner in every replication
  return w;
}

void check_work(const ExperimentSetup& x, const WorkLimits& limits) {
  WorkEstimate w = estimate_work(x);
  const std::string& file = x.scenario.file;
  if (w.queries_per_replica * w.replicas > limits.max_queries) {
    throw InputError(file, "", fmt::format("about {:.3g} queries ({:.3g} per partitioner and replication x {:g}) exceed the limit of {:.3g}; "
                                           "raise it with --max-queries if that is meant (docs/limits.md)",
                                           w.queries_per_replica * w.replicas, w.queries_per_replica, w.replicas, limits.max_queries));
  }
  if (w.clients > limits.max_clients) {
    throw InputError(file, "/clients", fmt::format("{:.3g} clients (about {:.0f} MB of client state per partitioner) exceed the limit "
                                                   "of {:.3g}; raise it with --max-clients if that is meant (docs/limits.md)",
                                                   w.clients, w.clients * kClientBytes * 1e-6, limits.max_clients));
  }
}

ExperimentSetup build_experiment(const Scenario& s, ResourceCache* cache) {
  ResourceCache local;
  if (cache == nullptr) cache = &local;
  ExperimentSetup x;
  x.scenario = s;
  const std::string& file = s.file;
  const ServerSpec& srv = s.server;
  const Platform& server = *at(file, "/server/platform", [&] { return &cache->platform(relative_to(srv.platform, file)); });
  if (!srv.load_trace.empty()) {
    x.load = at(file, "/server/load_trace", [&] {
      return read_load(srv.load_trace, file, srv.load_step_s, srv.load_unit);
    });
  } else {
    x.load = LoadTrace::constant(srv.load_level);
  }
  std::uint32_t next_client = 0;
  for (std::size_t g = 0; g < s.clients.size(); ++g) {
    const ClientGroup& c = s.clients[g];
    std::string ptr = json_child("/clients", g);
    GroupSetup gs;
    gs.spec = c;
    gs.first_client = next_client;
    next_client += static_cast<std::uint32_t>(c.count);
    gs.network = at(file, json_child(ptr, "network"), [&] { return cache->network(relative_to(c.network, file)); });
    set_input(c, file, ptr, gs.network);
    const Platform& mobile = *at(file, json_child(ptr, "mobile_platform"), [&] { return &cache->platform(relative_to(c.mobile_platform, file)); });
    gs.costs = at(file, ptr, [&] { return build_cost_table(gs.network, mobile, server, srv.max_batch, c.mobile_power); });
    if (c.belief.differs() || srv.belief.differs()) gs.believed = believed_group_costs(gs, mobile, server, s, ptr, *cache);
    charge_phone_work(gs.costs, c.phone_work_ms);
    x.warnings.merge(gs.costs.warnings);
    gs.phone = read_phone(c.phone, file, json_child(ptr, "phone"));
    gs.uplink = at(file, json_child(json_child(ptr, "uplink"), "trace"), [&] {
      return cache->trace(trace_file(relative_to(c.uplink.trace, file), "wifi, lte, 3g"), c.uplink.format, c.uplink.convention);
    });
    if (c.uplink.scale_mean_mbps) {
      gs.uplink = std::make_shared<const CapacityTrace>(gs.uplink->scaled(*c.uplink.scale_mean_mbps * 1e6 / gs.uplink->mean_bps()));
    }
    gs.radio = at(file, json_child(ptr, "radio"), [&] { return cache->radio(relative_to(c.radio, file)); });
    gs.radio.tails = c.tails;
    if (c.arrival.kind == ArrivalSpec::Kind::trace) {
      gs.arrival_times_s = read_arrival_times(relative_to(c.arrival.path, file), file, json_child(json_child(ptr, "arrival"), "path"));
    }
    for (std::size_t r = 0; r < s.partitioners.size(); ++r) {
      bool own = !c.partitioner.empty();
      std::string name = own ? c.partitioner : s.partitioners[r];
      std::string where = own ? json_child(ptr, "partitioner") : json_child("/partitioners", r);
      Partitioner p = at(file, where, [&] { return parse_partitioner(name, gs.network); });
      if (std::string why = policy_refusal(p, gs.costs, c.mobile_platform, c.slo_ms.has_value()); !why.empty()) {
        throw InputError(file, where, why);
      }
      gs.partitioners.push_back(p);
      gs.tracks_truth = gs.tracks_truth || p.adjusts_costs();
    }
    gs.tracks_truth = gs.tracks_truth || gs.believed.has_value() || gs.phone.active();
    x.groups.push_back(std::move(gs));
  }
  x.clients = next_client;
  cache->note(x.warnings);
  return x;
}

}  // namespace splitsim
