#pragma once
// Everything a run needs that does not change during it, built once from the scenario and shared
// read-only by the replicas (one per compared partitioner): networks, predictions, traces, radio profiles.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "calib/platform.hpp"
#include "link/capacity_trace.hpp"
#include "server/load_trace.hpp"
#include "core/limits.hpp"
#include "partition/cost_table.hpp"
#include "partition/policy.hpp"
#include "scenario/scenario.hpp"
#include "network/network.hpp"
#include "radio/radio_profile.hpp"
#include "world/phone_speed.hpp"

namespace splitsim {

struct GroupSetup {
  ClientGroup spec;
  Network network;
  CostTable costs;                  ///< what the simulation charges (the truth)
  std::optional<CostTable> believed;  ///< what policies deciding on beliefs predict with, when it differs
  PhoneSpeed phone;                 ///< the phone's own load and speed
  std::shared_ptr<const CapacityTrace> uplink;
  RadioProfile radio;
  std::vector<double> arrival_times_s;  ///< arrival process "trace"
  std::uint32_t first_client = 0;       ///< global index of its first client
  std::vector<Partitioner> partitioners;  ///< one per replica (the group's own, or the compared one)

  /// Whether every query records the split its policy would choose knowing the truth: the costs are believed
  /// apart from the truth, the phone is loaded or throttled, or a compared partitioner adjusts its costs.
  bool tracks_truth = false;

  const CostTable& belief() const { return believed ? *believed : costs; }
};

/// The result's download for a client of the group: its bytes at the downlink rate; zero when not counted.
Duration download_time(const GroupSetup& g);

struct ExperimentSetup {
  Scenario scenario;
  std::vector<GroupSetup> groups;
  LoadTrace load;
  std::uint32_t clients = 0;
  PredictionWarnings warnings;  ///< of every group's cost table
};

/// Files already read, by resolved name, so that many scenarios over the same networks and platforms (a
/// sweep, the paper) read each once. Thread-safe; owned by the caller (no global state).
class ResourceCache {
 public:
  Network network(const std::string& name);
  /// Valid as long as the cache: platforms are large (their fit reports), so they are not copied.
  const Platform& platform(const std::string& name);
  RadioProfile radio(const std::string& name);
  std::shared_ptr<const CapacityTrace> trace(const std::string& name, TraceFormat format, SampleConvention convention);
  /// The prediction warnings of every experiment built with this cache, merged.
  void note(const PredictionWarnings& w);
  PredictionWarnings warnings();

 private:
  std::mutex lock_;
  PredictionWarnings warnings_;
  std::map<std::string, Network> networks_;
  std::map<std::string, Platform> platforms_;  ///< a map: its entries stay where they are as it grows
  std::map<std::string, RadioProfile> radios_;
  std::map<std::string, std::shared_ptr<const CapacityTrace>> traces_;
};

/// What a run will do, estimated before it starts from arrival rates x horizon x clients.
struct WorkEstimate {
  double clients = 0;
  double queries_per_replica = 0;
  double replicas = 0;
};
/// Memory a client costs per partitioner (its state, link, radio and queues): 444 bytes measured with 200,000
/// AlexNet clients (docs/limits.md), rounded up.
inline constexpr double kClientBytes = 512;

struct WorkLimits {
  double max_queries = limits::kDefaultMaxQueries;  ///< over all replicas
  double max_clients = limits::kDefaultMaxClients;
};

WorkEstimate estimate_work(const ExperimentSetup& setup);
/// InputError with the estimate when a limit is exceeded: refused before the run, not after hours.
void check_work(const ExperimentSetup& setup, const WorkLimits& limits);

/// Loads and checks everything the scenario names; problems are InputErrors naming the scenario file and the
/// JSON pointer of the setting (or the file that is wrong). `cache` may be null.
ExperimentSetup build_experiment(const Scenario& scenario, ResourceCache* cache = nullptr);

}  // namespace splitsim
