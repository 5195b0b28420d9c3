#include "world/offload_world.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "world/arrivals.hpp"

namespace splitsim {

OffloadWorld::OffloadWorld(const ExperimentSetup& setup, std::size_t replica, std::vector<QueryObserver*> observers,
                           std::optional<std::uint64_t> seed, const Yardstick* yardstick)
    : setup_(setup),
      replica_(replica),
      seed_(seed.value_or(setup.scenario.seed)),
      observers_(std::move(observers)),
      server_(ServerConfig{setup.scenario.server.workers, setup.scenario.server.max_batch, setup.scenario.server.load_slowdown},
              setup.load),
      horizon_(SimTime::from_seconds(setup.scenario.horizon_s)) {
  clients_.reserve(setup.clients);
  for (std::uint32_t g = 0; g < setup.groups.size(); ++g) {
    const GroupSetup& gs = setup.groups[g];
    for (int k = 0; k < gs.spec.count; ++k) {
      std::uint32_t index = gs.first_client + static_cast<std::uint32_t>(k);
      // Seeded by (scenario seed, client): the same arrivals and offsets under every partitioner.
      ClientStart start = client_start(gs, seed_, index);
      clients_.push_back(Client{g, start.rng, start.trace_offset, SharedLink(gs.uplink.get()), 0, {},
                                Radio(&gs.radio), 0, BandwidthEstimator(gs.spec.estimator), false, {}, SimTime::zero(), 0,
                                SimTime::min()});
    }
  }
  for (const GroupSetup& gs : setup.groups) {
    books_.emplace_back(gs.network, gs.costs);
    const PolicyTraits& policy = *gs.partitioners[replica].policy;
    policy_states_.push_back(policy.make_state ? policy.make_state(gs.network) : nullptr);
  }
  plan_optimum(yardstick);
  prepare_beliefs();
  slots_.reserve(1024);
  sim_.schedule(SimTime::zero(), ProbeTick{});  // first, so that a query at t = 0 sees a probed server
  for (std::uint32_t c = 0; c < clients_.size(); ++c) schedule_next_arrival(c, SimTime::zero());
}

// The offline-optimum partitioners replay a plan: the yardstick's (one client), or each client's own as if alone.
void OffloadWorld::plan_optimum(const Yardstick* yardstick) {
  for (std::uint32_t g = 0; g < setup_.groups.size(); ++g) {
    const PolicyTraits& policy = *setup_.groups[g].partitioners[replica_].policy;
    if (!policy.follows_plan) continue;
    const bool energy = policy.objective == Objective::energy;
    if (yardstick != nullptr && yardstick->kind == Yardstick::Kind::offline_optimum) {
      follow_plan(0, (energy ? yardstick->energy_plans : yardstick->latency_plans).front().splits);
      continue;
    }
    std::vector<std::vector<int>> plans = optimum_plans(setup_, seed_, g, policy.objective);
    for (std::uint32_t c = 0; c < plans.size(); ++c) {
      if (!plans[c].empty()) follow_plan(c, std::move(plans[c]));
    }
  }
}

void OffloadWorld::follow_plan(std::uint32_t client, std::vector<int> splits) {
  plans_.resize(clients_.size());
  plans_[client] = std::move(splits);
}

void OffloadWorld::run() {
  sim_.run(*this);
  // Tails still open when the last event fired run to idle.
  for (Client& c : clients_) {
    Radio::TailEnd t = c.radio.finish_tail();
    if (t.open) charge_tail(t.owner, t.energy);
  }
}

// Starts loading the client that the next event will touch: its index is the event's first field, or that of
// the query slot there. Outputs do not depend on it.
inline void OffloadWorld::prefetch(const EventQueue::Entry& next) const {
  std::uint32_t index;
  std::memcpy(&index, &next.payload, sizeof index);  // the events below start with a client's or a slot's index
  std::uint32_t client;
  switch (next.kind()) {
    case Sim::kind_of<Arrival>():
    case Sim::kind_of<UploadDone>():
    case Sim::kind_of<TailEnd>():
      client = index;
      break;
    case Sim::kind_of<MobileDone>():
    case Sim::kind_of<RadioReady>():
    case Sim::kind_of<OwnUploadDone>():
    case Sim::kind_of<DownloadDone>():
      client = slots_[index].client;
      break;
    default:
      return;
  }
  const char* bytes = reinterpret_cast<const char*>(&clients_[client]);
  for (std::size_t offset = 0; offset < sizeof(Client); offset += 64) __builtin_prefetch(bytes + offset);
  __asm__ volatile("");  // GCC counts a prefetch as no effect and would drop the call
}

double OffloadWorld::server_utilisation() const { return server_.utilisation(last_finish_); }

ResourceLoads OffloadWorld::resource_loads() const {
  ResourceLoads l;
  const double horizon = horizon_.seconds();
  l.server = server_utilisation() * last_finish_.seconds() / horizon;
  double processors = 0, links = 0, n = 0;
  for (std::uint32_t i = 0; i < clients_.size(); ++i) {
    const Client& c = clients_[i];
    const GroupSetup& g = group_of(c);
    if (g.spec.open_population) continue;
    double compute = c.compute_s / horizon;
    SimTime from = SimTime::zero() + c.trace_offset;
    double capacity = g.uplink->capacity_between(from, from + (horizon_ - SimTime::zero()));
    double link = capacity > 0 ? c.upload_bits / capacity : (c.upload_bits > 0 ? 1e9 : 0);
    if (l.processor_client < 0 || compute > l.processor_max) l.processor_max = compute, l.processor_client = i;
    if (l.link_client < 0 || link > l.link_max) l.link_max = link, l.link_client = i;
    processors += compute;
    links += link;
    ++n;
  }
  if (n > 0) l.processor_mean = processors / n, l.link_mean = links / n;
  return l;
}

Duration OffloadWorld::mobile_time(std::uint32_t group, int split, SimTime start) const {
  const PhoneSpeed& phone = setup_.groups[group].phone;
  double ms = books_[group].mobile_ms(split);
  return Duration::from_ms(phone.active() ? ms * phone.slowdown(start) : ms);
}

void OffloadWorld::schedule_next_arrival(std::uint32_t client, SimTime after) {
  Client& c = clients_[client];
  std::optional<SimTime> next = next_arrival(group_of(c), c.rng, after, c.trace_cursor);
  ++c.trace_cursor;
  if (!next || *next > horizon_) return;
  sim_.schedule(*next, Arrival{client});
}

std::uint32_t OffloadWorld::new_query(std::uint32_t client) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Query& q = slots_[slot];
  std::uint32_t generation = q.generation + 1;
  q = Query{};
  q.generation = generation;
  q.client = client;
  // Query ids depend only on the client and its arrival count: identical in every replica.
  q.id = query_id(client, clients_[client].trace_cursor - 1);
  q.arrival = sim_.now();
  q.service_draw = service_draw(seed_, q.id, setup_.scenario.server.exponential_service);
  return slot;
}

void OffloadWorld::operator()(const Arrival& e) {
  const std::int64_t max_queries = setup_.scenario.max_queries;
  if (max_queries > 0 && issued_ >= max_queries) return;
  ++issued_;
  std::uint32_t slot = new_query(e.client);
  schedule_next_arrival(e.client, sim_.now());
  Query& q = slots_[slot];
  q.split = decide(slot);
  const GroupSetup& g = group_of(clients_[e.client]);
  q.mobile_j = book_of(q).mobile_j(q.split);
  if (q.split == 0 && book_of(q).mobile_ms(0) == 0) {  // nothing to compute locally: the input goes out at once
    q.mobile_start = q.mobile_end = sim_.now();
    begin_transfer(slot, true);
    return;
  }
  Client& c = clients_[e.client];
  if (g.spec.open_population) {  // every query has a phone of its own
    start_mobile(slot);
    return;
  }
  c.mobile_free_at = std::max(c.mobile_free_at, sim_.now()) + mobile_time(c.group, q.split, sim_.now());
  if (c.mobile_busy) {
    c.mobile_queue.push(slot);
  } else {
    start_mobile(slot);
  }
}

int OffloadWorld::decide(std::uint32_t slot) {
  const std::uint32_t client = slots_[slot].client;
  const std::uint32_t group = clients_[client].group;
  const GroupSetup& g = setup_.groups[group];
  // A replayed plan, made on the true costs. A plan made from other arrivals than the run's is a
  // std::out_of_range, never a read past its end.
  if (!plans_.empty() && !plans_[client].empty()) {
    const int split = plans_[client].at(slots_[slot].id & 0xffffffffu);
    if (g.tracks_truth) slots_[slot].truth_split = split;
    return split;
  }
  const Partitioner& p = g.partitioners[replica_];
  const PolicyTraits& policy = *p.policy;
  Beliefs beliefs;
  if (policy.uses_beliefs) beliefs = beliefs_of(client);
  ClientFuture future;
  const bool sees_future = policy.uses_future_link || policy.uses_server_view;
  if (sees_future) future = future_of(client, slots_[slot].service_draw);
  RadioView radio;
  if (policy.uses_radio) radio = radio_view_of(client);
  // Policies that decide on beliefs predict with the believed costs; the others see the truth.
  DecisionView view{policy.uses_beliefs ? believed_now(client) : g.costs, books_[group], beliefs,
                    sees_future ? &future : nullptr, p.fixed_index, policy_states_[group].get(),
                    policy.uses_radio ? &radio : nullptr, g.spec.slo_ms.value_or(0)};
  int split = policy.decide(view);
  if (g.tracks_truth) judge(slot, split, view);
  return split;
}

// What the client knows: its bandwidth estimate (after a passive probe, when configured) and the server as last
// probed.
Beliefs OffloadWorld::beliefs_of(std::uint32_t client) {
  probe_link(client);
  const Client& c = clients_[client];
  const GroupSetup& g = group_of(c);
  Beliefs b;
  b.uplink_bps = c.estimator.estimate_bps();
  b.server_slowdown = probed_slowdown_;
  b.server_wait_ms = probed_wait_ms_;
  b.download_ms = download_time(g).ms();
  b.upload_power_w = g.radio.transfer_power_w(b.uplink_bps * 1e-6, 0);
  return b;
}

// The radio as it is and when the next query is expected: a Poisson client's rate, a periodic client's next
// arrival exactly, a trace's mean rate.
RadioView OffloadWorld::radio_view_of(std::uint32_t client) const {
  const Client& c = clients_[client];
  const GroupSetup& g = group_of(c);
  RadioView r;
  r.now = sim_.now();
  r.radio = &c.radio;
  r.profile = &g.radio;
  const ArrivalSpec& a = g.spec.arrival;
  switch (a.kind) {
    case ArrivalSpec::Kind::poisson:
      r.arrival_rate_per_s = a.rate_per_s;
      break;
    case ArrivalSpec::Kind::periodic:
      r.next_arrival = sim_.now() + Duration::from_seconds(a.period_s);
      break;
    case ArrivalSpec::Kind::trace: {
      const auto& times = g.arrival_times_s;
      if (times.size() > 1 && times.back() > times.front()) {
        r.arrival_rate_per_s = static_cast<double>(times.size() - 1) / (times.back() - times.front());
      }
      break;
    }
  }
  return r;
}

ClientFuture OffloadWorld::future_of(std::uint32_t client, double draw) const {
  const Client& c = clients_[client];
  const GroupSetup& g = group_of(c);
  ClientFuture f;
  f.now = sim_.now();
  f.mobile_free_at = c.mobile_free_at;
  f.radio = &c.radio;
  f.radio_profile = &g.radio;
  f.link = &c.link;
  f.uplink = g.uplink.get();
  f.trace_offset = c.trace_offset;
  f.server = &server_;
  f.mobile_slowdown = g.phone.slowdown(sim_.now());
  f.server_free = server_.next_free(sim_.now());
  f.service_draw = draw;
  if (g.spec.download) f.download = download_time(g);
  return f;
}

void OffloadWorld::probe_link(std::uint32_t client) {
  Client& c = clients_[client];
  const GroupSetup& g = group_of(c);
  if (!g.spec.probe_period_s) return;
  // A passive probe: the capacity the link offered over the last probe period, at most once per period.
  Duration period = Duration::from_seconds(*g.spec.probe_period_s);
  SimTime now = sim_.now();
  if (now < SimTime::zero() + period || now - c.last_probe < period) return;
  c.last_probe = now;
  c.estimator.observe(g.uplink->capacity_between(now - period + c.trace_offset, now + c.trace_offset), period);
}

void OffloadWorld::start_mobile(std::uint32_t slot) {
  Query& q = slots_[slot];
  Client& c = clients_[q.client];
  c.mobile_busy = !group_of(c).spec.open_population;
  q.mobile_start = sim_.now();
  sim_.schedule_in(mobile_time(c.group, q.split, sim_.now()), MobileDone{slot});
}

void OffloadWorld::operator()(const MobileDone& e) {
  Query& q = slots_[e.slot];
  Client& c = clients_[q.client];
  q.mobile_end = sim_.now();
  if (learns_[c.group]) learn_mobile(q);
  if (!group_of(c).spec.open_population) {
    c.mobile_busy = false;
    if (!c.mobile_queue.empty()) start_mobile(c.mobile_queue.pop());
  }
  if (q.split == book_of(q).local_only()) {
    q.upload_end = q.server_start = q.server_end = q.mobile_end;
    finish(e.slot);
  } else {
    begin_transfer(e.slot, true);
  }
}

void OffloadWorld::operator()(const ProbeTick&) {
  // What a client's periodic ping would report: the background load and the server's backlog now.
  probed_slowdown_ = server_.slowdown(sim_.now());
  probed_wait_ms_ = server_.backlog_ms(sim_.now());
  if (sim_.now() < horizon_) sim_.schedule_in(Duration::from_seconds(setup_.scenario.server.probe_period_s), ProbeTick{});
}

void OffloadWorld::finish(std::uint32_t slot) {
  Query& q = slots_[slot];
  q.done = true;
  q.finish = sim_.now();
  last_finish_ = std::max(last_finish_, sim_.now());
  const Client& c = clients_[q.client];
  // The record waits while this query's transfer owns the radio's running tail.
  if (c.radio.in_tail() && c.radio.tail_owner() == owner_key(slot)) return;
  emit(slot);
}

void OffloadWorld::emit(std::uint32_t slot) {
  Query& q = slots_[slot];
  QueryRecord r;
  r.id = q.id;
  r.client = q.client;
  r.group = clients_[q.client].group;
  r.split_index = q.split;
  r.split_after = &book_of(q).name(q.split);
  r.arrival = q.arrival;
  r.mobile_start = q.mobile_start;
  r.mobile_end = q.mobile_end;
  r.upload_end = q.upload_end;
  r.server_start = q.server_start;
  r.server_end = q.server_end;
  r.done = q.finish;
  r.local = q.split == book_of(q).local_only();
  r.worker = r.local ? -1 : q.worker;
  r.upload_bytes = r.local ? 0 : book_of(q).upload_bytes(q.split);
  r.mobile_energy_j = q.mobile_j;
  r.radio_energy_j = q.radio_j;
  r.promotion_energy_j = q.promotion_j;
  r.tail_energy_j = q.tail_j;
  r.truth_split = q.truth_split;
  r.mispredict_ms = q.mispredict_ms;
  r.mispredict_j = q.mispredict_j;
  Client& c = clients_[q.client];
  c.compute_s += (q.mobile_end - q.mobile_start).seconds();
  c.upload_bits += static_cast<double>(r.upload_bytes) * 8.0;
  for (QueryObserver* o : observers_) o->on_query(r);
  ++finished_;
  q.done = false;
  free_slots_.push_back(slot);
}

}  // namespace splitsim
