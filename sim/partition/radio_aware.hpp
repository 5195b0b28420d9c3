#pragma once
// Radio-aware partitioning (docs/scenarios.md, "Radio-aware policies"): Algorithm 1's latency and energy
// targets, with each split priced by what the radio makes it cost — the promotion it pays now, the tail its
// transfer starts (until the next query is expected), the rest of a tail already running, and the wake-up the
// next query will pay in the radio state the choice leaves behind.

#include <optional>

#include "partition/policy.hpp"

namespace splitsim {

/// Latency: Neurosurgeon's latency target plus the wake-up delay the upload would wait for at the end of the
/// mobile prefix (a promotion from idle, a resume within a tail, nothing when connected).
int decide_radio_latency(const CostTable& t, const Beliefs& b, const RadioView& r);
/// Energy: Neurosurgeon's energy target plus the wake-up energy, the expected energy of the tail the transfer
/// starts (until the next query's arrival cuts it, or to its end), and the expected remainder of a running tail
/// (cut by the upload when the split sends; run until the next query or its end when it does not).
int decide_radio_energy(const CostTable& t, const Beliefs& b, const RadioView& r);
/// Latency-bounded energy: the lowest predicted energy among the splits whose predicted latency is within
/// `slo_ms`; when none is, the fastest.
int decide_slo_energy(const CostTable& t, const Beliefs& b, const RadioView& r, double slo_ms);

/// The predictions the three decide by, for split j (the last split is local execution).
double predicted_latency_ms(const CostTable& t, const Beliefs& b, const RadioView& r, int j);
double predicted_energy_j(const CostTable& t, const Beliefs& b, const RadioView& r, int j);

/// The next query's expected wake-up cost if its upload comes at its arrival: nothing before the tail that
/// begins at `tail_start`, the phase's resume within it, a promotion after it or with no tail at all (empty).
/// The policies assume the next query sends: keeping the radio warm is worth what it saves that query.
struct NextWake {
  double delay_ms = 0, energy_j = 0;
};
NextWake expected_next_wake(const RadioView& r, std::optional<SimTime> tail_start);

/// ∫ P(next arrival > u) du over [from, to], in seconds: the expected time a tail spends in that interval before
/// the next query cuts it.
double expected_survival_s(const RadioView& r, SimTime from, SimTime to);
/// The expected energy of a tail that began at `start`, counted from `from` (>= start) until the next arrival
/// or the tail's end.
double expected_tail_j(const RadioView& r, SimTime start, SimTime from);

}  // namespace splitsim
