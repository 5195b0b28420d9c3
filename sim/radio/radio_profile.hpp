#pragma once
// Parameters of a wireless interface: the Huang et al. (MobiSys 2012) linear power model during transfers
// and the RRC state machine around them (promotion from idle, tail phases, idle). Data files in
// calibration/radio/ give the values with their sources; docs/links.md explains them.

#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/units.hpp"

namespace splitsim {

/// One phase of the tail after the last transfer, in order. A transfer that starts during the phase
/// first waits `resume_delay` at `resume_power` (0 for LTE DRX; FACH->DCH in 3G).
struct TailPhase {
  std::string name;
  Duration duration;
  Watts power;  ///< average over the phase (DRX pings included)
  Duration resume_delay;
  Watts resume_power;
};

struct RadioProfile {
  std::string name;
  std::string source;
  double alpha_up_mw_per_mbps = 0;
  double alpha_down_mw_per_mbps = 0;
  double beta_mw = 0;
  Duration promotion_delay;  ///< idle -> connected
  Watts promotion_power;
  std::vector<TailPhase> tail;
  bool tails = true;  ///< false: the paper's accounting, no promotion and no tail

  /// Power while sending at `up_mbps` and receiving at `down_mbps` (Huang's linear model), in W.
  double transfer_power_w(double up_mbps, double down_mbps) const {
    return (alpha_up_mw_per_mbps * up_mbps + alpha_down_mw_per_mbps * down_mbps + beta_mw) * 1e-3;
  }
  /// The alpha terms of Huang's model for a transfer of these bits, in mJ.
  double alpha_mj(double up_bits, double down_bits) const {
    return (alpha_up_mw_per_mbps * up_bits + alpha_down_mw_per_mbps * down_bits) * 1e-6;
  }
  /// Energy of a whole tail, run to idle.
  Joules full_tail_energy() const;
  /// Energy of the first `elapsed` of the tail.
  Joules tail_energy(Duration elapsed) const;
  /// Total length of the tail phases.
  Duration tail_length() const;
  struct WakeCost {
    Duration delay;  ///< before data can flow
    Joules energy;
  };
  /// A transfer that starts `idle` after the last one ended: the promotion from idle past the tail, the
  /// phase's resume delay within it; nothing without tails. Duration::max() means never connected.
  WakeCost wake_cost_after(Duration idle) const;
};

RadioProfile parse_radio_profile(const Json& doc, const std::string& file);
/// A file path or a shipped name (lte, 3g, wifi: calibration/radio/<name>.json).
RadioProfile load_radio_profile(const std::string& name_or_path);

}  // namespace splitsim
