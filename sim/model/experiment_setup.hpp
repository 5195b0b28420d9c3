#pragma once
// Everything a run needs that does not change during it, built once from the scenario and shared
// read-only by the replicas (one per compared partitioner): networks, predictions, traces, radio profiles.

#include <memory>
#include <string>
#include <vector>

#include "calib/platform.hpp"
#include "link/capacity_trace.hpp"
#include "link/load_trace.hpp"
#include "model/cost_table.hpp"
#include "model/partitioner.hpp"
#include "model/scenario.hpp"
#include "network/network.hpp"
#include "radio/radio_profile.hpp"

namespace splitsim {

struct GroupSetup {
  ClientGroup spec;
  Network network;
  CostTable costs;
  std::shared_ptr<const CapacityTrace> uplink;
  RadioProfile radio;
  std::vector<double> arrival_times_s;  ///< arrival process "trace"
  std::uint32_t first_client = 0;       ///< global index of its first client
  std::vector<Partitioner> partitioners;  ///< one per replica (the group's own, or the compared one)
};

struct ExperimentSetup {
  Scenario scenario;
  std::vector<GroupSetup> groups;
  LoadTrace load;
  std::uint32_t clients = 0;
};

/// Loads and checks everything the scenario names; problems are InputErrors naming the scenario file and the
/// JSON pointer of the setting (or the file that is wrong).
ExperimentSetup build_experiment(const Scenario& scenario);

}  // namespace splitsim
