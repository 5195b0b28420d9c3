#pragma once
// Everything a split decision needs about one (network, mobile platform, server platform) triple,
// computed once per run: prefix sums of mobile latency and energy, suffix sums of server latency (per
// batch size), and the bytes that cross each split. A split index j runs layers 1..j on the mobile;
// j = 0 sends the input (cloud-only), j = N-1 runs everything locally.

#include <cstdint>
#include <string>
#include <vector>

#include "calib/network_prediction.hpp"
#include "network/network.hpp"

namespace splitsim {

struct CostTable {
  std::vector<std::string> layer_names;       ///< for split_after
  std::vector<double> mobile_prefix_ms;       ///< [j]: layers 1..j on the mobile
  std::vector<double> mobile_prefix_energy_j; ///< [j]: their energy (0 without a power model)
  std::vector<std::vector<double>> server_suffix_ms;  ///< [b-1][j]: layers j+1.. on the server, b queries batched
  std::vector<std::int64_t> upload_bytes;     ///< [j]: tensors produced at or before j and read after j
  std::int64_t result_bytes = 0;              ///< the final output, downloaded
  bool has_mobile_power = false;
  double phone_work_ms = 0;  ///< per query on the phone outside the layers, included in every mobile prefix
  // Per layer, for cuts that are not prefixes (min-cut on DAGs):
  std::vector<double> layer_mobile_ms, layer_mobile_j;
  std::vector<std::vector<double>> layer_server_ms;  ///< [b-1][v]
  std::vector<std::int64_t> layer_output_bytes;
  PredictionWarnings warnings;  ///< stretched predictions of either platform

  int splits() const { return static_cast<int>(mobile_prefix_ms.size()); }
  int local_only() const { return splits() - 1; }
};

/// Predicts `net` on both platforms (and on the server at batch multiples up to `max_batch`) and builds the
/// table. `power` as in predict_network.
CostTable build_cost_table(const Network& net, const Platform& mobile, const Platform& server, int max_batch,
                           std::optional<PowerForm> power);

/// Multiplies each layer's mobile time and energy by mobile[v] and its server time (every batch size) by
/// server[v], and sums the prefixes and suffixes again (in build_cost_table's order). Before add_phone_work.
void scale_layers(CostTable& t, const std::vector<double>& mobile, const std::vector<double>& server);

/// `out` (a copy of `base`, so no allocation) with every mobile time x `mobile` and every server time x
/// `server`; energies as in `base`.
void scale_times(const CostTable& base, double mobile, double server, CostTable& out);

/// Charges `ms` of phone work per query outside the layers (the application's own preprocessing and
/// post-processing) to every split, at the power of the network's first layer on the mobile.
void add_phone_work(CostTable& t, double ms, double power_w);

/// Bytes crossing each topological prefix cut: outputs of layers <= j consumed by a layer > j.
std::vector<std::int64_t> crossing_bytes(const Network& net);

}  // namespace splitsim
