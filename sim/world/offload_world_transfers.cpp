// OffloadWorld, the path of a query's data: the radio (wake, promotion, tails), the uplink (shared or its own),
// the server pool and the download. The rest of the world (arrivals, decisions, the mobile processor, records)
// is in offload_world.cpp.
#include "world/offload_world.hpp"

#include <algorithm>

namespace splitsim {

// A tail's energy goes to the query whose transfer started it; a finished query waiting for it is emitted.
void OffloadWorld::charge_tail(std::uint64_t owner, Joules energy) {
  auto slot = static_cast<std::uint32_t>(owner & 0xffffffffu);
  slots_[slot].tail_j += energy.value;
  if (slots_[slot].done) emit(slot);
}

void OffloadWorld::begin_transfer(std::uint32_t slot, bool upload) {
  Query& q = slots_[slot];
  Client& c = clients_[q.client];
  Radio::Wake wake = c.radio.wake(sim_.now());
  ++c.tail_generation;  // any pending TailEnd is stale now
  q.promotion_j += wake.promotion.value;
  if (wake.closed_tail) charge_tail(wake.tail_owner, wake.tail);
  if (wake.ready > sim_.now()) {
    sim_.schedule(wake.ready, RadioReady{slot, upload});
  } else if (upload) {
    start_upload_data(slot);
  } else {
    start_download_data(slot);
  }
}

void OffloadWorld::operator()(const RadioReady& e) {
  if (e.upload) {
    start_upload_data(e.slot);
  } else {
    start_download_data(e.slot);
  }
}

void OffloadWorld::start_upload_data(std::uint32_t slot) {
  Query& q = slots_[slot];
  Client& c = clients_[q.client];
  const GroupSetup& g = group_of(c);
  q.radio_token = c.radio.data_start(sim_.now());
  q.data_start = sim_.now();
  double bits = static_cast<double>(book_of(q).upload_bytes(q.split)) * 8.0;
  if (g.spec.open_population) {  // a link of its own: the trace from now, unshared
    sim_.schedule(g.uplink->completion_time(sim_.now() + c.trace_offset, bits) - c.trace_offset, OwnUploadDone{slot});
    return;
  }
  SharedLink::FlowId flow = c.link.start(sim_.now() + c.trace_offset, bits);
  c.flows.emplace_back(flow, slot);
  reschedule_link(q.client);
}

void OffloadWorld::reschedule_link(std::uint32_t client) {
  Client& c = clients_[client];
  ++c.link_generation;
  if (c.link.active() > 0) sim_.schedule(c.link.next_completion() - c.trace_offset, UploadDone{client, c.link_generation});
}

void OffloadWorld::operator()(const UploadDone& e) {
  Client& c = clients_[e.client];
  if (e.generation != c.link_generation) return;  // superseded by a later start
  SharedLink::FlowId flow = c.link.complete(sim_.now() + c.trace_offset);
  auto it = std::find_if(c.flows.begin(), c.flows.end(), [flow](const auto& f) { return f.first == flow; });
  std::uint32_t slot = it->second;
  c.flows.erase(it);
  reschedule_link(e.client);
  upload_finished(slot);
}

void OffloadWorld::operator()(const OwnUploadDone& e) { upload_finished(e.slot); }

void OffloadWorld::upload_finished(std::uint32_t slot) {
  Query& q = slots_[slot];
  Client& c = clients_[q.client];
  double bits = static_cast<double>(book_of(q).upload_bytes(q.split)) * 8.0;
  q.upload_end = sim_.now();
  q.radio_j += c.radio.data_end(sim_.now(), q.radio_token, bits, 0, owner_key(slot)).value;
  c.estimator.observe(bits, sim_.now() - q.data_start);
  watch_tail(q.client);
  server_arrival(slot);
}

void OffloadWorld::watch_tail(std::uint32_t client) {
  Client& c = clients_[client];
  if (c.radio.in_tail()) sim_.schedule(c.radio.tail_idle_time(), TailEnd{client, ++c.tail_generation});
}

void OffloadWorld::operator()(const TailEnd& e) {
  Client& c = clients_[e.client];
  if (e.generation != c.tail_generation) return;  // the radio woke up since
  Radio::TailEnd t = c.radio.finish_tail();
  if (t.open) charge_tail(t.owner, t.energy);
}

void OffloadWorld::server_arrival(std::uint32_t slot) {
  const Query& q = slots_[slot];
  const auto key = (static_cast<std::uint64_t>(clients_[q.client].group) << 32) | static_cast<std::uint32_t>(q.split);
  int worker = server_.arrive(ServerPool::Job{slot, key, book_of(q).server_ms(q.split, 1), q.service_draw});
  if (worker >= 0) start_worker(static_cast<std::uint32_t>(worker));
}

void OffloadWorld::start_worker(std::uint32_t w) {
  const std::vector<ServerPool::Job>& batch = server_.take_batch(static_cast<int>(w));
  for (const ServerPool::Job& j : batch) {
    slots_[j.slot].server_start = sim_.now();
    slots_[j.slot].worker = static_cast<std::int32_t>(w);
    slots_[j.slot].batch = static_cast<std::int32_t>(batch.size());
  }
  const Query& head = slots_[batch.front().slot];
  double batch_ms = book_of(head).server_ms(head.split, static_cast<int>(batch.size()));
  Duration service = server_.service_time(batch_ms, sim_.now(), head.service_draw);
  sim_.schedule(server_.begin(static_cast<int>(w), sim_.now(), service), ServerDone{w});
}

void OffloadWorld::operator()(const ServerDone& e) {
  for (const ServerPool::Job& j : server_.finish(static_cast<int>(e.worker), sim_.now())) {
    Query& q = slots_[j.slot];
    q.server_end = sim_.now();
    if (learns_[clients_[q.client].group]) learn_server(q);
    if (group_of(clients_[q.client]).spec.download) {
      begin_transfer(j.slot, false);
    } else {
      finish(j.slot);
    }
  }
  if (server_.has_queue()) start_worker(e.worker);
}

void OffloadWorld::start_download_data(std::uint32_t slot) {
  Query& q = slots_[slot];
  Client& c = clients_[q.client];
  q.radio_token = c.radio.data_start(sim_.now());
  sim_.schedule_in(download_time(group_of(c)), DownloadDone{slot});
}

void OffloadWorld::operator()(const DownloadDone& e) {
  Query& q = slots_[e.slot];
  Client& c = clients_[q.client];
  double bits = static_cast<double>(group_of(c).costs.result_bytes) * 8.0;
  q.radio_j += c.radio.data_end(sim_.now(), q.radio_token, 0, bits, owner_key(e.slot)).value;
  watch_tail(q.client);
  finish(e.slot);
}

}  // namespace splitsim
