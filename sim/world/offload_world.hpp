#pragma once
// The simulated system under one partitioner: mobile clients (a processor, a replayed uplink, a radio, a
// bandwidth estimator each) sending split queries to a shared server (worker slots, FIFO queue, optional
// batching, background load). Handlers are the visitor of the event variant; per-query state lives in a
// recycled slab, so the event loop does not allocate once warm.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "core/huge_page_allocator.hpp"
#include "core/random.hpp"
#include "engine/simulation.hpp"
#include "link/bandwidth_estimator.hpp"
#include "link/shared_link.hpp"
#include "partition/cut_book.hpp"
#include "partition/policy.hpp"
#include "radio/radio.hpp"
#include "server/server_pool.hpp"
#include "world/experiment_setup.hpp"
#include "world/query_record.hpp"
#include "world/resource_loads.hpp"
#include "world/yardstick.hpp"

namespace splitsim {

class OffloadWorld {
 public:
  struct Arrival { std::uint32_t client; };
  struct MobileDone { std::uint32_t slot; };
  struct RadioReady { std::uint32_t slot; bool upload; };
  struct UploadDone { std::uint32_t client; std::uint32_t generation; };
  struct OwnUploadDone { std::uint32_t slot; };  ///< open population: an upload on a link of its own
  struct ServerDone { std::uint32_t worker; };
  struct DownloadDone { std::uint32_t slot; };
  struct TailEnd { std::uint32_t client; std::uint32_t generation; };
  struct ProbeTick {};

  /// `replica` selects the compared partitioner; observers see every finished query. `seed` replaces the
  /// scenario's (independent replications); none: the scenario's own. An offline-optimum partitioner takes its
  /// plans from `yardstick` when it holds them (one client), else plans each of its clients as if alone.
  OffloadWorld(const ExperimentSetup& setup, std::size_t replica, std::vector<QueryObserver*> observers,
               std::optional<std::uint64_t> seed = std::nullopt, const Yardstick* yardstick = nullptr);

  /// From now on the client's k-th query takes `splits[k]` whatever the partitioner (a replayed plan).
  void follow_plan(std::uint32_t client, std::vector<int> splits);

  /// Runs until every query that arrived before the horizon has finished (tails included).
  void run();

  std::uint64_t events() const { return sim_.events_processed(); }
  std::uint64_t queries() const { return finished_; }
  /// Busy worker time over (workers x the time the last query finished).
  double server_utilisation() const;
  /// Offered load of the server, each client's processor and each client's uplink, over the horizon.
  ResourceLoads resource_loads() const;

  void operator()(const Arrival& e);
  void operator()(const MobileDone& e);
  void operator()(const RadioReady& e);
  void operator()(const UploadDone& e);
  void operator()(const OwnUploadDone& e);
  void operator()(const ServerDone& e);
  void operator()(const DownloadDone& e);
  void operator()(const TailEnd& e);
  void operator()(const ProbeTick& e);
  /// Called with the next event while the current one is handled: starts loading its client's state.
  void prefetch(const EventQueue::Entry& next) const;

 private:
  struct Query {
    std::uint64_t id = 0;
    std::uint32_t client = 0;
    std::uint32_t generation = 0;
    int split = 0;
    bool done = false;
    SimTime arrival, mobile_start, mobile_end, data_start, upload_end, server_start, server_end, finish;
    Radio::Token radio_token = 0;
    double mobile_j = 0, radio_j = 0, promotion_j = 0, tail_j = 0;
    double service_draw = 1.0;
    std::int32_t worker = -1;
    std::int32_t batch = 1;        ///< queries served together with it
    std::int32_t truth_split = -1;  ///< GroupSetup::tracks_truth
    double mispredict_ms = 0, mispredict_j = 0;
  };
  struct Client {
    std::uint32_t group = 0;
    RandomStream rng;
    Duration trace_offset;
    SharedLink link;
    std::uint32_t link_generation = 0;
    boost::container::small_vector<std::pair<SharedLink::FlowId, std::uint32_t>, 2> flows;  ///< (flow, query slot)
    Radio radio;
    std::uint32_t tail_generation = 0;
    BandwidthEstimator estimator;
    bool mobile_busy = false;
    RingQueue<std::uint32_t> mobile_queue;
    SimTime mobile_free_at;
    std::size_t trace_cursor = 0;
    SimTime last_probe;
    double compute_s = 0, upload_bits = 0;  ///< offered to the processor and the uplink (resource_loads)
    double mobile_correction = 1.0, server_correction = 1.0;  ///< `+learn`: observed over believed times
  };

  const GroupSetup& group_of(const Client& c) const { return setup_.groups[c.group]; }
  CutBook& book_of(const Query& q) { return books_[clients_[q.client].group]; }
  std::uint32_t new_query(std::uint32_t client);
  std::uint64_t owner_key(std::uint32_t slot) const { return (static_cast<std::uint64_t>(slots_[slot].generation) << 32) | slot; }
  void schedule_next_arrival(std::uint32_t client, SimTime after);
  void plan_optimum(const Yardstick* yardstick);
  int decide(std::uint32_t slot);
  Beliefs beliefs_of(std::uint32_t client);
  void prepare_beliefs();
  const CostTable& believed_now(std::uint32_t client);
  void judge(std::uint32_t slot, int split, const DecisionView& view);
  void learn_mobile(const Query& q);
  void learn_server(const Query& q);
  ClientFuture future_of(std::uint32_t client, double draw) const;
  RadioView radio_view_of(std::uint32_t client) const;
  void probe_link(std::uint32_t client);
  void start_mobile(std::uint32_t slot);
  void begin_transfer(std::uint32_t slot, bool upload);
  void start_upload_data(std::uint32_t slot);
  void start_download_data(std::uint32_t slot);
  void reschedule_link(std::uint32_t client);
  void upload_finished(std::uint32_t slot);
  void charge_tail(std::uint64_t owner, Joules energy);
  void watch_tail(std::uint32_t client);
  void server_arrival(std::uint32_t slot);
  void start_worker(std::uint32_t worker);
  void finish(std::uint32_t slot);
  void emit(std::uint32_t slot);
  /// The mobile part of `split` started at `start`, at the phone's load and speed then.
  Duration mobile_time(std::uint32_t group, int split, SimTime start) const;

  const ExperimentSetup& setup_;
  std::size_t replica_;
  std::uint64_t seed_;
  std::vector<QueryObserver*> observers_;
  using Sim = Simulation<Arrival, MobileDone, RadioReady, UploadDone, OwnUploadDone, ServerDone, DownloadDone, TailEnd, ProbeTick>;
  Sim sim_;
  std::vector<Client, HugePageAllocator<Client>> clients_;  ///< read at random: on huge pages when large
  std::vector<CutBook> books_;  ///< per group: the splits used so far
  std::vector<std::unique_ptr<PolicyState>> policy_states_;  ///< per group, for policies with state
  std::vector<CostTable> adjusted_;   ///< per group whose partitioner adjusts its costs: this decision's
  std::vector<CostTable> truth_now_;  ///< per group with a loaded phone: the true costs at this decision
  std::vector<char> learns_;          ///< per group: its partitioner is `+learn`
  std::vector<std::vector<int>> plans_;  ///< per client: a replayed plan's splits by query index (or empty)
  std::vector<Query> slots_;
  std::vector<std::uint32_t> free_slots_;
  ServerPool server_;
  SimTime horizon_;
  SimTime last_finish_;
  std::int64_t issued_ = 0;
  std::uint64_t finished_ = 0;
  double probed_slowdown_ = 1.0;
  double probed_wait_ms_ = 0.0;
};

}  // namespace splitsim
