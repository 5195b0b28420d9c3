// Radio-aware Algorithm 1. The grounds: TailEnder (Balasubramanian et al., IMC 2009) prices a transfer with the
// tail it starts and the chance that the next transfer comes within it; Huang et al. (MobiSys 2012) give the LTE
// promotion and tail. With tails off every added term is zero and the choice is Neurosurgeon's, bit for bit.
#include "partition/radio_aware.hpp"

#include <algorithm>
#include <cmath>

#include "partition/neurosurgeon.hpp"

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

// P(next arrival > u).
double survival(const RadioView& r, SimTime u) {
  if (r.next_arrival) return u < *r.next_arrival ? 1.0 : 0.0;
  if (r.arrival_rate_per_s <= 0) return 1.0;  // no next query
  return std::exp(-r.arrival_rate_per_s * std::max(0.0, (u - r.now).seconds()));
}

NextWake expected_next_wake(const RadioView& r, std::optional<SimTime> tail_start) {
  NextWake w;
  if (!r.profile->tails) return w;
  const bool any = r.next_arrival || r.arrival_rate_per_s > 0;
  if (!any) return w;
  auto add = [&](double p, RadioProfile::WakeCost c) {
    w.delay_ms += p * c.delay.ms();
    w.energy_j += p * c.energy.value;
  };
  if (!tail_start) {  // the radio idle: the next query's upload promotes it
    add(1.0, r.profile->wake_cost_after(Duration::max()));
    return w;
  }
  // Before the tail starts the radio is connected (no cost); within phase k it resumes; after it, a promotion.
  SimTime phase_start = *tail_start;
  Duration elapsed = Duration::zero();
  for (const TailPhase& p : r.profile->tail) {
    SimTime phase_end = phase_start + p.duration;
    add(survival(r, phase_start) - survival(r, phase_end), r.profile->wake_cost_after(elapsed));
    elapsed += p.duration;
    phase_start = phase_end;
  }
  add(survival(r, phase_start), r.profile->wake_cost_after(Duration::max()));
  return w;
}

namespace {

// Milliseconds and seconds of the mobile prefix of split j, from the decision.
SimTime prefix_end(const CostTable& t, const RadioView& r, int j) {
  return r.now + Duration::from_ms(t.mobile_prefix_ms[static_cast<std::size_t>(j)]);
}

// The tail the radio will be in when nothing is sent: the running one, one about to start when a transfer is in
// flight (taken to start now), or none (idle).
std::optional<SimTime> running_tail(const RadioView& r) {
  if (r.radio->busy()) return r.now;
  if (r.radio->in_tail()) return r.radio->tail_start();
  return std::nullopt;
}

}  // namespace

double predicted_latency_ms(const CostTable& t, const Beliefs& b, const RadioView& r, int j) {
  const int n = t.splits();
  auto k = static_cast<std::size_t>(j);
  const bool tails = r.profile->tails;
  if (j == n - 1) {
    double ms = t.mobile_prefix_ms[k];
    if (tails) ms += expected_next_wake(r, running_tail(r)).delay_ms;
    return ms;
  }
  // The same expression, in the same order, as decide_latency: with tails off the sums are Neurosurgeon's.
  const double ms_per_byte = 8e3 / b.uplink_bps;
  const double remote_extra = b.server_wait_ms + b.download_ms;
  double ms = t.mobile_prefix_ms[k] + static_cast<double>(t.upload_bytes[k]) * ms_per_byte +
              t.server_suffix_ms[0][k] * b.server_slowdown + remote_extra;
  if (tails) {
    SimTime wake_at = prefix_end(t, r, j);
    Duration wake = r.radio->wake_cost_at(wake_at).delay;
    SimTime sent = wake_at + wake + Duration::from_seconds(static_cast<double>(t.upload_bytes[k]) * 8.0 / b.uplink_bps);
    ms += wake.ms() + expected_next_wake(r, sent).delay_ms;
  }
  return ms;
}

double predicted_energy_j(const CostTable& t, const Beliefs& b, const RadioView& r, int j) {
  const int n = t.splits();
  auto k = static_cast<std::size_t>(j);
  const bool tails = r.profile->tails;
  const bool old_tail = tails && r.radio->in_tail() && !r.radio->busy();
  const SimTime old_start = r.radio->tail_start();
  if (j == n - 1) {  // not sending: the running tail goes on until the next query or its end
    double e = t.mobile_prefix_energy_j[k];
    if (old_tail) e += expected_tail_j(r, old_start, r.now);
    if (tails) e += expected_next_wake(r, running_tail(r)).energy_j;
    return e;
  }
  const double seconds_per_byte = 8.0 / b.uplink_bps;
  double e = t.mobile_prefix_energy_j[k] + static_cast<double>(t.upload_bytes[k]) * (seconds_per_byte * b.upload_power_w);
  if (tails) {
    SimTime wake_at = prefix_end(t, r, j);
    RadioProfile::WakeCost wake = r.radio->wake_cost_at(wake_at);
    // The running tail until the upload cuts it (or the next query does, first).
    if (old_tail) e += expected_tail_j(r, old_start, r.now) - expected_tail_j(r, old_start, wake_at);
    SimTime sent = wake_at + wake.delay + Duration::from_seconds(static_cast<double>(t.upload_bytes[k]) * seconds_per_byte);
    e += wake.energy.value + expected_tail_j(r, sent, sent) + expected_next_wake(r, sent).energy_j;
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
    .description = "Algorithm 1's latency target plus the radio's wake-up delay at the end of the mobile prefix "
                   "(a promotion from idle, a resume within a tail, nothing when connected), from the radio's "
                   "present state; with tails off, Neurosurgeon's choice",
    .optimises = "predicted latency including the radio promotion the upload would wait for",
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
    .description = "Algorithm 1's energy target plus the promotion energy the upload pays, the expected energy of "
                   "the tail it starts until the next query is expected to cut it (exponential gaps at the "
                   "client's arrival rate; a periodic client's next query exactly), and the expected rest of a "
                   "running tail (cut by the upload, or run on when the query stays on the phone); with tails "
                   "off, Neurosurgeon's choice",
    .optimises = "predicted compute + upload energy + promotion + expected tails (until the next query)",
    .objective = Objective::energy,
    .needs_power_model = true,
    .uses_beliefs = true,
    .uses_radio = true,
    .decide = [](const DecisionView& v) { return decide_radio_energy(v.costs, v.beliefs, *v.radio); },
};

}  // namespace splitsim
