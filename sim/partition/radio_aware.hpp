#pragma once
// Radio-aware partitioning (docs/scenarios.md, "Radio-aware policies"): Algorithm 1's latency and energy
// targets, with each split priced by what the radio makes it cost — the wake-up its upload waits for (a
// promotion from idle shared by the queries expected to reuse the tail it opens) and the tail its transfer
// starts (until the next query is expected): what the split costs if every query used it.

#include <optional>

#include "partition/policy.hpp"

namespace splitsim {

/// Latency: Neurosurgeon's latency target plus the wake-up delay the upload would wait for at the end of the
/// mobile prefix (a resume within a tail, nothing when connected, a promotion from idle times promotion_share).
int decide_radio_latency(const CostTable& t, const Beliefs& b, const RadioView& r);
/// Energy: Neurosurgeon's energy target plus the wake-up energy (as for latency) and the expected energy of the
/// tail the transfer starts, until the next query's arrival cuts it or to its end.
int decide_radio_energy(const CostTable& t, const Beliefs& b, const RadioView& r);
/// Latency-bounded energy: the lowest predicted energy among the splits whose predicted latency is within
/// `slo_ms`; when none is, the fastest.
int decide_slo_energy(const CostTable& t, const Beliefs& b, const RadioView& r, double slo_ms);

/// The predictions the three decide by, for split j (the last split is local execution).
double predicted_latency_ms(const CostTable& t, const Beliefs& b, const RadioView& r, int j);
double predicted_energy_j(const CostTable& t, const Beliefs& b, const RadioView& r, int j);

/// The share of an idle radio's promotion a query is charged: P(the next query comes after the tail it opens
/// has ended), the reciprocal of the expected run of queries that reuse that tail (TailEnder's amortisation).
double promotion_share(const RadioView& r);

/// ∫ P(next arrival > u) du over [from, to], in seconds: the expected time a tail spends in that interval before
/// the next query cuts it.
double expected_survival_s(const RadioView& r, SimTime from, SimTime to);
/// The expected energy of a tail that began at `start`, counted from `from` (>= start) until the next arrival
/// or the tail's end.
double expected_tail_j(const RadioView& r, SimTime start, SimTime from);

}  // namespace splitsim
