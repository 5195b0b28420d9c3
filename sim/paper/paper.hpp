#pragma once
// `splitsim paper`: the Neurosurgeon evaluation regenerated from scenarios/paper/ (paper.json names every
// experiment and every setting the paper leaves open). Results are kept as plain structs; paper_report
// turns them into the CSV files and Markdown tables of docs/reproduction.md.

#include <map>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "calib/prediction_warnings.hpp"
#include "core/output_target.hpp"
#include "world/query_record.hpp"

namespace splitsim {

struct PaperSpec {
  std::string dir;  ///< folder of paper.json: scenario files resolve against it
  Json settings;
  std::vector<std::string> benchmarks;
  std::vector<std::pair<std::string, std::string>> mobiles;  ///< label, platform
  struct Wireless {
    std::string label;
    double uplink_mbps = 0;
    std::string radio;
  };
  std::vector<Wireless> wireless;
  std::string grid_scenario, load_scenario, lte_scenario, throughput_scenario;
  std::vector<double> load_levels_percent;
  std::vector<std::string> load_platforms;  ///< the server-load experiment runs on each
  std::vector<double> gpu_shares_percent;
  int phones_per_benchmark = 10;
  double target_sojourn_ms = 200;
  int queries_per_trial = 4000;
};

PaperSpec load_paper_spec(const std::string& path);

/// One query's outcome, reduced to what the tables need.
struct Outcome {
  std::string split;
  int split_index = 0;
  double arrival_s = 0;
  double latency_ms = 0, mobile_ms = 0, upload_ms = 0, server_ms = 0;
  double mobile_j = 0, radio_j = 0, tail_j = 0;  ///< radio: transfers and promotions
  double energy_j() const { return mobile_j + radio_j + tail_j; }
};
Outcome outcome_of(const QueryRecord& r);

struct Cell {
  std::string benchmark, mobile, wireless;
  Outcome status_quo, local, ns_latency, ns_energy;
  std::vector<Outcome> per_split;  ///< fixed at each layer (paper accounting only)
};

struct LoadPoint {
  std::string server;
  double load_percent = 0;
  Outcome status_quo, neurosurgeon;
};

struct LtePoint {
  double t_s = 0, bandwidth_mbps = 0;
  Outcome status_quo, neurosurgeon, oracle;
};

struct ThroughputPoint {
  std::string wireless;
  double gpu_share_percent = 0;
  double status_quo_qps = 0, neurosurgeon_qps = 0;
  bool neurosurgeon_unbounded = false;  ///< the target was met at the search's upper limit
};

struct PaperResults {
  PredictionWarnings warnings;   ///< stretched predictions of every experiment
  std::vector<Cell> cells;        ///< paper accounting
  std::vector<Cell> tail_cells;   ///< with RRC tails
  std::vector<LoadPoint> load;
  std::vector<LtePoint> lte;
  std::vector<ThroughputPoint> throughput;
};

/// Runs every experiment, in parallel over `threads` (0: one per core).
PaperResults run_paper(const PaperSpec& spec, int threads);

/// Writes the files of docs/reproduction.md into the reserved folder `out` (not committed) and returns the Markdown tables.
std::string write_paper_outputs(const PaperSpec& spec, const PaperResults& results, const OutputTarget& out);

}  // namespace splitsim
