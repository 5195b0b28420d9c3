#pragma once
// A scenario (docs/scenarios.md): who runs what, over which links, against which server, compared under
// which partitioners. Every setting has a default; to_json() writes the fully resolved scenario.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calib/power_model.hpp"
#include "core/json_reader.hpp"
#include "link/bandwidth_estimator.hpp"
#include "link/trace_reader.hpp"
#include "scenario/setting.hpp"
#include "server/load_trace_reader.hpp"

namespace splitsim {

struct UplinkSpec {
  std::string trace = "constant:5.5";  ///< file, shipped name (wifi, lte, 3g) or constant:<Mbps>
  TraceFormat format = TraceFormat::auto_detect;
  SampleConvention convention = SampleConvention::automatic;
  std::optional<double> scale_mean_mbps;  ///< rescale the trace to this mean
  std::optional<double> offset_s = 0.0;   ///< where in the trace the client starts; empty: random per client
};

struct ArrivalSpec {
  enum class Kind { periodic, poisson, trace };
  static constexpr EnumName<Kind> kNames[] = {{Kind::periodic, "periodic"}, {Kind::poisson, "poisson"}, {Kind::trace, "trace"}};
  Kind kind = Kind::poisson;
  double rate_per_s = 1.0;  ///< poisson
  double period_s = 1.0;    ///< periodic
  double phase_s = 0.0;     ///< periodic: first arrival
  std::string path;         ///< trace: one arrival time (s) per line
};

/// The phone's own load (docs/scenarios.md, "A loaded phone"): background work sharing its processor (the
/// server's forms and load model: time x 1/(1 - load)) and a speed factor over time (thermal throttling:
/// time x 1/speed), both taken when a query's mobile part starts.
struct PhoneSpec {
  double load_level = 0.0;  ///< background utilisation in [0, 0.99]
  std::string load_trace;   ///< overrides load_level when set
  double load_step_s = 300;
  LoadUnit load_unit = LoadUnit::percent;
  std::string speed_trace;  ///< speed factor in (0, 1] over time; empty: full speed
  double speed_step_s = 1;
  bool active() const { return load_level != 0 || !load_trace.empty() || !speed_trace.empty(); }
};

/// What the policies believe a platform costs when it is not what the simulation charges (docs/scenarios.md,
/// "Truth and belief"): another platform file, and per-layer error factors on its predicted times.
struct BeliefSpec {
  std::string platform;  ///< empty: the true platform
  double error = 1.0;    ///< every layer's believed time x this
  std::map<std::string, double> layer_error;  ///< by layer type, on top of `error`
  double random_sigma = 0;       ///< x exp(sigma N(0, 1)) per layer, drawn once for the run
  std::int64_t random_seed = 1;
  bool differs() const { return !platform.empty() || error != 1.0 || !layer_error.empty() || random_sigma > 0; }
};

struct ClientGroup {
  std::string name = "clients";
  int count = 1;
  std::string network = "imc";
  std::optional<std::string> input_dtype;  ///< e.g. uint8 to send raw 8-bit pixels
  bool raw_input = false;
  double phone_work_ms = 0;  ///< per query on the phone outside the layers (every split pays it)
  std::optional<double> slo_ms;  ///< a latency deadline per query: slo-energy's bound, and the miss share reported
  std::string mobile_platform = "jetson-cpu";
  std::optional<PowerForm> mobile_power;   ///< empty: the platform's default
  UplinkSpec uplink;
  double downlink_mbps = 24.3;
  std::string radio = "lte";
  bool tails = true;
  bool download = true;
  ArrivalSpec arrival;
  EstimatorConfig estimator;
  std::optional<double> probe_period_s;  ///< passive link probe feeding the estimator; empty: none
  PhoneSpec phone;
  BeliefSpec belief;           ///< of the mobile platform
  double learning_weight = 0.25;  ///< `+learn` partitioners: weight of the newest observation (docs/scenarios.md)
  std::string partitioner;  ///< empty: each compared partitioner in turn
  /// Each query from a phone of its own (a large population of rare users): no queueing behind the same
  /// client's other queries on its processor or its link. The radio is still one per client.
  bool open_population = false;
};

struct ServerSpec {
  std::string platform = "server-gpu";
  int workers = 1;
  int max_batch = 1;
  bool exponential_service = false;  ///< service times exponential around the model's mean
  double load_level = 0.0;           ///< background utilisation in [0, 1)
  std::string load_trace;            ///< overrides load_level when set
  double load_step_s = 300;
  LoadUnit load_unit = LoadUnit::percent;
  bool load_slowdown = true;         ///< processor sharing with background work: time x 1/(1 - load)
  double probe_period_s = 1.0;       ///< clients see the load and backlog as of the last probe
  BeliefSpec belief;                 ///< of the server platform
};

struct Scenario {
  std::string file;  ///< where it was read from (relative paths resolve against its folder)
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  double horizon_s = 60;
  double warmup_s = 0;           ///< statistics leave out queries arriving before it
  std::int64_t max_queries = 0;  ///< per replica; 0: no limit
  std::int64_t replications = 1; ///< independent runs with derived seeds (replication_seed); means get 95 % CIs
  std::vector<std::string> partitioners{"cloud-only", "local-only", "neurosurgeon-latency", "greedy-oracle"};
  std::vector<ClientGroup> clients;
  ServerSpec server;
  bool queries_csv = true;
  bool trace_json = false;
  bool regret = true;  ///< each partitioner against the yardstick (offline optimum or lower bound)
  std::int64_t trace_max_queries = 2000;

  Json to_json() const;
};

/// The seed of replication k: the scenario's own for k = 0 (so one replication is the plain run), then a
/// mix of the seed and k, independent of the thread count and of the other replications.
std::uint64_t replication_seed(std::uint64_t seed, std::int64_t k);

/// The scenario's settings (docs/scenarios.md's tables and docs/scenario.schema.json are generated from them).
const SettingTable<Scenario>& scenario_settings();
/// The settings tables as Markdown (top level, client groups, server) and the whole JSON Schema.
std::string scenario_settings_markdown();
Json scenario_schema();

/// Strict parse of a merged scenario document; every problem names `file` and the JSON pointer.
Scenario parse_scenario(const Json& doc, const std::string& file);

/// Reads `path`, merges its includes, applies `--set path=value` overrides, parses. `seed` overrides.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& sets = {},
                       std::optional<std::uint64_t> seed = std::nullopt);

/// The merged JSON document of a scenario file and its includes, with overrides applied.
Json merged_scenario_json(const std::string& path, const std::vector<std::string>& sets);

/// Applies one "a.b.0.c=value" override (value: JSON if it parses, else a string). UsageError when bad.
void apply_override(Json& doc, const std::string& assignment);

}  // namespace splitsim
