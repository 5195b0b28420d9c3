#pragma once
// `splitsim paper`: the Neurosurgeon evaluation regenerated from scenarios/paper/ (paper.json names every
// experiment and every setting the paper leaves open). Results are kept as plain structs; paper_report
// turns them into the CSV files and Markdown tables of docs/reproduction.md.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "calib/prediction_warnings.hpp"
#include "core/output_target.hpp"
#include "world/query_record.hpp"

namespace splitsim {
class ResourceCache;
}

namespace splitsim {

/// The choices the paper leaves open (paper.json's `settings`), each applied to every experiment it concerns
/// (docs/reproduction.md).
struct PaperSettings {
  std::string server = "server-gpu";       ///< the server platform of the grid, LTE and throughput experiments
  std::string input = "raw";               ///< what a phone sends as the input: `raw` (the network's) or `tensor`
  std::string input_dtype = "float32";     ///< the input tensor's element type, when `input` is `tensor`
  bool tails = false;                      ///< RRC promotions and tails in the main tables
  std::string load_model = "processor-sharing";  ///< how background load slows the server (server-load experiment)
  std::string lte_device = "cpu";          ///< the mobile (by name) of the LTE-variation experiment
  std::string throughput_mix = "equal";    ///< the benchmark mix of the throughput experiment
  std::string aggregate = "both";          ///< aggregate rows: both, arithmetic or geometric means
  std::map<std::string, double> phone_work_ms;  ///< per benchmark: work on the phone per query outside the layers
};

struct PaperSpec {
  std::string dir;  ///< folder of paper.json: scenario files resolve against it
  PaperSettings settings;
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
  /// The tails experiment: one phone with promotions and tails, a query every gap (periodic, or Poisson with that
  /// mean gap).
  struct Tails {
    std::string scenario;
    std::vector<std::string> wireless;  ///< labels of `wireless`
    bool poisson = false;
    std::vector<double> gaps_s;
    int queries_per_cell = 100;
  };
  std::optional<Tails> tails;
  /// The phone-load experiment (AlexNet on the mobile CPU): the paper's Neurosurgeon, which ignores the phone's
  /// load, against `+phone`, which measures it, at each level.
  struct PhoneLoad {
    std::string scenario;
    std::vector<std::string> wireless;  ///< labels of `wireless`
    std::vector<double> levels_percent;
  };
  std::optional<PhoneLoad> phone_load;
  /// The misprediction variant: every grid cell decided on the authors' regressions (believed platforms by mobile
  /// label, and for the server), charged at splitsim's platforms.
  struct Misprediction {
    std::map<std::string, std::string> mobile_beliefs;  ///< mobile label -> believed platform
    std::string server_belief;
  };
  std::optional<Misprediction> misprediction;
  /// The online-learning experiment: the paper's Neurosurgeon against `+learn` on the mobile CPU, after a step in
  /// the phone's speed (the scenario's throttling) and starting from the authors' regressions.
  struct Learning {
    std::string scenario;
    std::vector<std::string> wireless;  ///< labels of `wireless`
    double step_s = 60;                 ///< when the scenario's phone throttles
  };
  std::optional<Learning> learning;
  /// What the paper publishes (its abstract and the labels of its speedup figure): printed beside what splitsim
  /// computes, never used to compute it.
  struct Published {
    double speedup_mean = 0, speedup_max = 0;                    ///< ×
    double energy_reduction_mean = 0, energy_reduction_max = 0;  ///< fractions
    double throughput_mean = 0, throughput_max = 0;              ///< ×
    std::map<std::string, std::vector<double>> labels_above_20;  ///< per mobile: the speedup figure's bars above 20×
  };
  std::optional<Published> published;
};

PaperSpec load_paper_spec(const std::string& path);

/// One query's outcome, reduced to what the tables need.
struct Outcome {
  std::string split;
  int split_index = 0;
  double arrival_s = 0;
  double latency_ms = 0, mobile_ms = 0, upload_ms = 0, server_ms = 0;
  double mobile_j = 0, radio_j = 0, tail_j = 0;  ///< radio: transfers and promotions
  int truth_split_index = -1;                    ///< where the truth is tracked (QueryRecord)
  double mispredict_ms = 0, mispredict_j = 0;
  double energy_j() const { return mobile_j + radio_j + tail_j; }
};
Outcome outcome_of(const QueryRecord& r);

/// A documented alternative to the reproduction's settings (another input encoding, no phone work, the other
/// server platform), under which every cell is decided again.
struct PaperAlternative {
  std::string name;  ///< `setting=value`, as docs/reproduction.md names it
  PaperSettings settings;
};
std::vector<PaperAlternative> paper_alternatives(const PaperSettings& s);

/// Neurosurgeon's partition points in a cell under one alternative.
struct AlternativeChoice {
  std::string alternative, latency_split, energy_split;
};

struct Cell {
  std::string benchmark, mobile, wireless;
  Outcome status_quo, local, ns_latency, ns_energy;
  std::vector<Outcome> per_split;  ///< fixed at each layer (paper accounting only)
  std::vector<AlternativeChoice> alternatives;  ///< paper accounting only
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

/// The throughput experiment's result for one wireless network and share of GPU phones: load-aware
/// Neurosurgeon (it probes the server and moves work to the phones) and the static mode of BigHouse.
struct ThroughputPoint {
  std::string wireless;
  double gpu_share_percent = 0;
  double status_quo_qps = 0, neurosurgeon_qps = 0;
  bool neurosurgeon_unbounded = false;  ///< the target was met at the search's upper limit
  bool status_quo_unreachable = false, neurosurgeon_unreachable = false;  ///< not met at any rate searched
  double static_qps = 0;         ///< BigHouse's static mode: splits fixed at the idle server's choice
  bool static_at_limit = false;
  /// The share of the queries that reach the server at a low rate (0: every query runs on its phone).
  double static_offloaded_share = 0, neurosurgeon_offloaded_share = 0;
};

/// One cell of the tails experiment: each compared partitioner's mean latency and energy per query.
struct TailsCell {
  std::string benchmark, mobile, wireless;
  double gap_s = 0;
  bool optimum_exact = false;  ///< the offline optimum is exact in this cell (no transfers overlap)
  struct Result {
    std::string partitioner;
    double latency_ms = 0, energy_j = 0, tail_j = 0;
    std::string top_split;
  };
  std::vector<Result> results;
};

/// One level of the phone-load experiment: local execution, the paper's Neurosurgeon and `+phone`.
struct PhoneLoadPoint {
  std::string wireless;
  double load_percent = 0;
  Outcome local, paper, aware;
};

/// One grid cell decided on the authors' regressions: Neurosurgeon's choices, what the truth would have chosen.
struct MispredictCell {
  std::string benchmark, mobile, wireless;
  Outcome latency, energy;  ///< neurosurgeon-latency and -energy on the believed costs
  std::string truth_latency_split, truth_energy_split;
};

/// One cell of the online-learning experiment, counted over the queries after the step (or all, from the
/// authors' regressions): how many choices differ from the truth's, and after how many queries `+learn`'s choices
/// equal the truth's from then on (-1: not by the end).
struct LearningCell {
  std::string benchmark, wireless, start;  ///< start: "throttled" or "authors' regressions"
  int queries = 0;
  int static_wrong = 0, learn_wrong = 0;
  int learn_settled = -1;
  std::string truth_split;  ///< the truth's last choice
};

struct PaperResults {
  PredictionWarnings warnings;   ///< stretched predictions of every experiment
  std::vector<Cell> cells;        ///< paper accounting
  std::vector<Cell> tail_cells;   ///< with RRC tails
  std::vector<LoadPoint> load;
  std::vector<LtePoint> lte;
  std::vector<ThroughputPoint> throughput;
  std::vector<TailsCell> tails;
  std::vector<PhoneLoadPoint> phone_load;
  std::vector<MispredictCell> mispredictions;
  std::vector<LearningCell> learning;
};

/// The phone-load and misprediction experiments (paper_beliefs.cpp): their runs, CSV files and tables.
PhoneLoadPoint run_phone_load_point(const PaperSpec& spec, const PaperSpec::Wireless& w, double percent, ResourceCache& cache);
MispredictCell run_mispredict_cell(const PaperSpec& spec, const std::string& bench, const std::pair<std::string, std::string>& mobile,
                                   const PaperSpec::Wireless& w, ResourceCache& cache);
/// `authors`: start from the authors' regressions (the misprediction variant's beliefs) on a phone that does not
/// throttle; else the scenario's throttling with a true belief.
LearningCell run_learning_cell(const PaperSpec& spec, const std::string& bench, const PaperSpec::Wireless& w, bool authors,
                               ResourceCache& cache);
std::string learning_csv(const std::vector<LearningCell>& cells);
std::string learning_markdown(const std::vector<LearningCell>& cells);
std::string phone_load_csv(const std::vector<PhoneLoadPoint>& points);
std::string phone_load_markdown(const std::vector<PhoneLoadPoint>& points);
std::string mispredictions_csv(const std::vector<MispredictCell>& cells);
std::string mispredictions_markdown(const PaperSpec& spec, const std::vector<MispredictCell>& cells);

/// tails.csv and the tables.md section.
std::string tails_csv(const std::vector<TailsCell>& cells);
std::string tails_markdown(const std::vector<TailsCell>& cells);

/// Runs every experiment, in parallel over `threads` (0: one per core).
PaperResults run_paper(const PaperSpec& spec, int threads);

/// Writes the files of docs/reproduction.md into the reserved folder `out` (not committed) and returns the Markdown tables.
std::string write_paper_outputs(const PaperSpec& spec, const PaperResults& results, const OutputTarget& out);

}  // namespace splitsim
