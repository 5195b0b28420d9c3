#pragma once
// Profiles: measured layers in the tool-neutral CSV (docs/calibration.md), and the named importers for the
// authors' own djinn files.

#include <string>
#include <string_view>
#include <vector>

#include "calib/layer_sample.hpp"

namespace splitsim {

enum class Importer {
  neutral,       ///< layer_type,in_c,in_h,in_w,out_c,out_h,out_w,kernel,stride,latency_ms[,groups,batch,power_w,network,layer]
  djinn_sweep,   ///< model-fit/{jetson,server}/<type>-{cpu,gpu}-gflops.csv: single-layer sweeps
  djinn_layers,  ///< gflops/*/<platform>-layer.csv: model,layer,lat joined with the shipped networks
};

Importer parse_importer(std::string_view name);  ///< UsageError when unknown
std::string_view importer_name(Importer importer);

/// Reads one profile. `spec` is a path, or "<importer>:<path>" to override `importer` for this file.
/// Returns the importer actually used in `used`.
std::vector<LayerSample> read_profile(const std::string& spec, Importer importer, Importer* used = nullptr);

/// The tool-neutral header, and one row per sample (with network and layer; power_w when known).
std::string profile_csv_header();
std::string profile_csv_row(const LayerSample& s);

}  // namespace splitsim
