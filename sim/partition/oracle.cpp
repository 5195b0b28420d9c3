// The split with the earliest completion given the exact future: a per-query lower bound under the same state.
#include <algorithm>

#include "partition/policy.hpp"

namespace splitsim {
namespace {

int oracle_split(const DecisionView& v) {
  const ClientFuture& f = *v.future;
  const CostTable& t = v.costs;
  auto mobile_time = [&](int split) { return Duration::from_ms(v.book.mobile_ms(split) * f.mobile_slowdown); };
  int best = t.local_only();
  SimTime best_done = std::max(f.now, f.mobile_free_at) + mobile_time(best);
  for (int j = 0; j < t.local_only(); ++j) {
    SimTime prefix_end = j == 0 && v.book.mobile_ms(0) == 0 ? f.now : std::max(f.now, f.mobile_free_at) + mobile_time(j);
    SimTime ready = f.radio->ready_if_woken(prefix_end);
    const double bits = static_cast<double>(t.upload_bytes[static_cast<std::size_t>(j)]) * 8;
    SimTime upload_end = std::max(f.link->lone_completion(ready + f.trace_offset, bits) - f.trace_offset, ready);
    SimTime server_start = std::max(upload_end, f.server_free);
    SimTime server_end = server_start + f.server->service_time(v.book.server_ms(j, 1), server_start, f.service_draw);
    SimTime done = server_end;
    if (f.download) done = server_end + f.radio_profile->wake_cost_after(server_end - upload_end).delay + *f.download;
    if (done < best_done) {
      best_done = done;
      best = j;
    }
  }
  return best;
}

}  // namespace

extern const PolicyTraits kOracle{
    .name = "greedy-oracle",
    .description =
        "greedy per query, with hindsight of the link: the split that would finish first given the exact future "
        "link capacity and the present state of the mobile queue, the radio and the server queue, assuming no later "
        "query interferes. It is not a lower bound over a run: its choices change the state later queries see "
        "(computing locally lets the radio fall idle, so the next upload pays a promotion), so its mean can exceed "
        "a policy that keeps the radio warm. With tails off and spaced queries it is never slower than any other "
        "partitioner (`tests/offload_world_test.cpp`). On a DAG it chooses among the topological prefix cuts. Was "
        "called `oracle`",
    .optimises = "each query's own completion time, with hindsight of the link; greedy, not a bound over the run",
    .objective = Objective::latency,
    .uses_server_view = true,
    .uses_future_link = true,
    .decide = oracle_split,
};

}  // namespace splitsim
