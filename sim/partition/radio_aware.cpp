// Radio-aware Algorithm 1. The grounds: TailEnder (Balasubramanian et al., IMC 2009) prices a transfer with the
// tail it starts and the chance that the next transfer comes within it; Huang et al. (MobiSys 2012) give the LTE
// promotion and tail. With tails off every added term is zero and the choice is Neurosurgeon's, bit for bit.
#include "partition/radio_aware.hpp"

#include <algorithm>
#include <cmath>


namespace splitsim {

double expected_survival_s(const RadioView& r, SimTime from, SimTime to) {
  if (to <= from) return 0;
  if (r.next_arrival) {  // deterministic: the tail runs until the known next query
    SimTime end = std::min(to, std::max(from, *r.next_arrival));
    return (end - from).seconds();
  }
  if (r.arrival_rate_per_s <= 0) return (to - from).seconds();
  const double l = r.arrival_rate_per_s;
  // P(A > u) = exp(-l (u - now)) for u >= now: memoryless gaps from the decision on.
  double a = std::exp(-l * std::max(0.0, (from - r.now).seconds()));
  double b = std::exp(-l * std::max(0.0, (to - r.now).seconds()));
  return (a - b) / l;
}

double expected_tail_j(const RadioView& r, SimTime start, SimTime from) {
  double joules = 0;
  SimTime phase_start = start;
  for (const TailPhase& p : r.profile->tail) {
    SimTime phase_end = phase_start + p.duration;
    joules += p.power.value * expected_survival_s(r, std::max(from, phase_start), phase_end);
    phase_start = phase_end;
  }
  return joules;
}

double promotion_share(const RadioView& r) {
  const Duration tail = r.profile->tail_length();
  if (r.next_arrival) return *r.next_arrival - r.now > tail ? 1.0 : 0.0;
  if (r.arrival_rate_per_s <= 0) return 1.0;
  return std::exp(-r.arrival_rate_per_s * tail.seconds());
}

namespace {

// When the mobile prefix of split j ends, if it starts at the decision.
SimTime prefix_end(const CostTable& t, const RadioView& r, int j) {
  return r.now + Duration::from_ms(t.mobile_prefix_ms[static_cast<std::size_t>(j)]);
}

// What an upload woken at `t` is charged for the radio: a resume within a running tail (or the wait for a
// transfer under way) as it is; a promotion from idle shared by the queries expected to reuse the tail it opens.
RadioProfile::WakeCost charged_wake(const RadioView& r, SimTime t) {
  RadioProfile::WakeCost w = r.radio->wake_cost_at(t);
  bool warm = r.radio->busy() || (r.radio->in_tail() && t - r.radio->tail_start() < r.profile->tail_length());
  if (warm) return w;
  double share = promotion_share(r);
  return {Duration::from_seconds(w.delay.seconds() * share), Joules{w.energy.value * share}};
}

}  // namespace

double predicted_latency_ms(const CostTable& t, const Beliefs& b, const RadioView& r, int j) {
  const int n = t.splits();
  auto k = static_cast<std::size_t>(j);
  const bool tails = r.profile->tails;
  if (j == n - 1) return t.mobile_prefix_ms[k];
  // The same expression, in the same order, as decide_latency: with tails off the sums are Neurosurgeon's.
  const double ms_per_byte = 8e3 / b.uplink_bps;
  const double remote_extra = b.server_wait_ms + b.download_ms;
  double ms = t.mobile_prefix_ms[k] + static_cast<double>(t.upload_bytes[k]) * ms_per_byte +
              t.server_suffix_ms[0][k] * b.server_slowdown + remote_extra;
  if (tails) ms += charged_wake(r, prefix_end(t, r, j)).delay.ms();
  return ms;
}

double predicted_energy_j(const CostTable& t, const Beliefs& b, const RadioView& r, int j) {
  const int n = t.splits();
  auto k = static_cast<std::size_t>(j);
  const bool tails = r.profile->tails;
  if (j == n - 1) return t.mobile_prefix_energy_j[k];
  // A tail already running is not charged to either choice: what the phone pays for it until the next query is
  // much the same whether this upload cuts it and opens another or the query stays on the phone, and charging its
  // continuation to local execution would keep every later query sending to save it.
  const double seconds_per_byte = 8.0 / b.uplink_bps;
  double e = t.mobile_prefix_energy_j[k] + static_cast<double>(t.upload_bytes[k]) * (seconds_per_byte * b.upload_power_w);
  if (tails) {
    SimTime wake_at = prefix_end(t, r, j);
    RadioProfile::WakeCost wake = charged_wake(r, wake_at);
    SimTime sent = wake_at + r.radio->wake_cost_at(wake_at).delay +
                   Duration::from_seconds(static_cast<double>(t.upload_bytes[k]) * seconds_per_byte);
    e += wake.energy.value + expected_tail_j(r, sent, sent);
  }
  return e;
}

namespace {

// The split minimising `cost`, ties to the earlier one; local execution (the last split) is the start, as in
// Algorithm 1.
template <class Cost>
int argmin(int n, Cost cost) {
  int best = n - 1;
  double best_cost = cost(n - 1);
  for (int j = 0; j < n - 1; ++j) {
    double c = cost(j);
    if (c < best_cost || (c == best_cost && j < best)) {
      best_cost = c;
      best = j;
    }
  }
  return best;
}

}  // namespace

int decide_radio_latency(const CostTable& t, const Beliefs& b, const RadioView& r) {
  return argmin(t.splits(), [&](int j) { return predicted_latency_ms(t, b, r, j); });
}

int decide_radio_energy(const CostTable& t, const Beliefs& b, const RadioView& r) {
  return argmin(t.splits(), [&](int j) { return predicted_energy_j(t, b, r, j); });
}

int decide_slo_energy(const CostTable& t, const Beliefs& b, const RadioView& r, double slo_ms) {
  const int n = t.splits();
  int best = -1;
  double best_j = 0;
  for (int j = n - 1; j >= 0; --j) {  // local first, as Algorithm 1 starts; then the earlier split wins ties
    if (predicted_latency_ms(t, b, r, j) > slo_ms) continue;
    double e = predicted_energy_j(t, b, r, j);
    if (best < 0 || e < best_j || (e == best_j && j < best)) {
      best = j;
      best_j = e;
    }
  }
  return best >= 0 ? best : decide_radio_latency(t, b, r);  // nothing meets the deadline: the fastest
}

extern const PolicyTraits kRadioLatency{
    .name = "radio-latency",
    .description = "Algorithm 1's latency target plus the radio's wake-up delay at the end of the mobile prefix: "
                   "nothing when connected, a resume within a running tail, a promotion from idle times P(the next "
                   "query comes after the tail it opens) (TailEnder's amortisation over the queries that reuse it); "
                   "with tails off, Neurosurgeon's choice",
    .optimises = "predicted latency including the radio wake-up, a promotion shared over the queries reusing its tail",
    .objective = Objective::latency,
    .uses_beliefs = true,
    .uses_radio = true,
    .decide = [](const DecisionView& v) { return decide_radio_latency(v.costs, v.beliefs, *v.radio); },
};

extern const PolicyTraits kSloEnergy{
    .name = "slo-energy",
    .description = "latency-bounded energy: the split with the lowest `radio-energy` prediction among those whose "
                   "`radio-latency` prediction meets the client group's deadline `slo_ms`; the fastest split when "
                   "none does. summary.json reports the share of queries that missed the deadline",
    .optimises = "predicted energy (with the radio) subject to predicted latency within slo_ms",
    .objective = Objective::energy,
    .needs_power_model = true,
    .needs_slo = true,
    .uses_beliefs = true,
    .uses_radio = true,
    .decide = [](const DecisionView& v) { return decide_slo_energy(v.costs, v.beliefs, *v.radio, v.slo_ms); },
};

extern const PolicyTraits kRadioEnergy{
    .name = "radio-energy",
    .description = "Algorithm 1's energy target plus the radio's wake-up energy (a resume within a running tail as "
                   "it is; a promotion from idle times P(the next query comes after the tail it opens), its share "
                   "over the queries that reuse that tail) and the expected energy of the tail the transfer starts "
                   "until the next query cuts it (exponential gaps at the client's arrival rate; a periodic "
                   "client's next query exactly): each split priced as if every query used it; with tails off, "
                   "Neurosurgeon's choice",
    .optimises = "predicted compute + upload energy + shared promotion + expected tail until the next query",
    .objective = Objective::energy,
    .needs_power_model = true,
    .uses_beliefs = true,
    .uses_radio = true,
    .decide = [](const DecisionView& v) { return decide_radio_energy(v.costs, v.beliefs, *v.radio); },
};

}  // namespace splitsim
