#pragma once
// The radio of one client: an RRC state machine (idle, promoting, active, tail phases) and the energy of
// each transfer, promotion and tail, attributed to the query that caused it. Power during data flow
// follows Huang's linear model; its constant term beta is shared equally by simultaneous transfers.

#include <cstdint>

#include "radio/radio_profile.hpp"

namespace splitsim {

class Radio {
 public:
  explicit Radio(const RadioProfile* profile) : profile_(profile) {}

  /// A transfer's mark on the running integral of 1 / (transfers active), read at data_start and again at
  /// data_end: the difference is the transfer's share of the radio time. In units of 1/kShareUnits ns, an
  /// integer that divides exactly by every count of transfers up to 10 and wraps modulo 2^64 (the difference
  /// stays exact while one transfer's share is under 2^64 units, 84 days).
  using Token = std::uint64_t;
  static constexpr std::uint64_t kShareUnits = 2520;  // lcm(1..10)
  /// A share (a difference of tokens) in seconds.
  static double share_seconds(Token share) { return static_cast<double>(share) * (1e-9 / static_cast<double>(kShareUnits)); }
  /// The share of a transfer that had the radio to itself for `d`.
  static Token lone_share(Duration d) { return static_cast<Token>(d.ns()) * kShareUnits; }

  struct Wake {
    SimTime ready;               ///< when data may flow (after any promotion)
    Joules promotion;            ///< charged to the transfer that woke the radio
    bool closed_tail = false;    ///< a running tail was cut short (or had reached idle) by this wake
    std::uint64_t tail_owner = 0;
    Joules tail;                 ///< energy of that tail, charged to tail_owner
  };
  /// A transfer wants the radio at `now`; every wake is followed by one data_start at or after `ready`.
  Wake wake(SimTime now);
  /// Data begins to flow; the returned token goes to data_end.
  Token data_start(SimTime now);
  /// Data stopped flowing. Returns the transfer's energy (Huang: alpha terms for its bits plus its share
  /// of beta). When it was the last transfer, a tail owned by `owner` begins.
  Joules data_end(SimTime now, Token token, double up_bits, double down_bits, std::uint64_t owner);

  struct TailEnd {
    bool open = false;
    std::uint64_t owner = 0;
    Joules energy;
    SimTime idle_at;
  };
  /// The running tail, if any, as if it ran to idle (used when the run ends; the radio becomes idle).
  TailEnd finish_tail();
  /// True while a tail is running (a transfer ended and no other started since).
  bool in_tail() const { return tail_open_; }
  /// When the running tail will reach idle if nothing interrupts it.
  SimTime tail_idle_time() const { return tail_start_ + profile_->tail_length(); }
  /// When data could flow if a transfer woke the radio at `t` (>= now) and nothing else happened first.
  SimTime ready_if_woken(SimTime t) const;
  std::uint64_t tail_owner() const { return tail_owner_; }
  /// What a transfer that wakes the radio at `t` (>= now, nothing else happening first) pays before data flows.
  RadioProfile::WakeCost wake_cost_at(SimTime t) const;
  /// True while the radio is connected or being woken (a transfer in flight or about to start).
  bool busy() const { return active_ > 0 || pending_ > 0; }
  /// When the running tail began (meaningful while in_tail()).
  SimTime tail_start() const { return tail_start_; }

 private:
  void accrue_beta(SimTime now);

  const RadioProfile* profile_;
  int active_ = 0;
  int pending_ = 0;  // woken, data not yet flowing
  SimTime ready_at_ = SimTime::zero();
  Token share_ = 0;  // running integral of 1 / active over time, in 1/kShareUnits ns (wrapping)
  SimTime beta_last_ = SimTime::zero();
  bool tail_open_ = false;
  SimTime tail_start_ = SimTime::zero();
  std::uint64_t tail_owner_ = 0;
};

}  // namespace splitsim
