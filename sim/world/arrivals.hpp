#pragma once
// A client's arrivals and its queries' service draws, as the world issues them. The offline optimum and the
// regret's yardstick generate the same sequences ahead of a run from the same streams, so that a plan made
// before the run meets exactly the queries of the run.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/random.hpp"
#include "core/units.hpp"
#include "world/experiment_setup.hpp"

namespace splitsim {

/// A client's random stream and trace offset: the stream is seeded by (seed, client) and has drawn the offset.
struct ClientStart {
  RandomStream rng;
  Duration trace_offset;
};
ClientStart client_start(const GroupSetup& g, std::uint64_t seed, std::uint32_t client);

/// The arrival that follows one at `after` (the first when `count` is 0), drawing from `rng` for Poisson
/// arrivals; none when a trace of arrivals is exhausted.
std::optional<SimTime> next_arrival(const GroupSetup& g, RandomStream& rng, SimTime after, std::size_t count);

/// A query's service-time multiplier: exponential with mean 1 from its own uniform, or 1.
double service_draw(std::uint64_t seed, std::uint64_t query_id, bool exponential);

/// Query id: the client and its arrival count, identical in every replica.
inline std::uint64_t query_id(std::uint32_t client, std::uint64_t index) {
  return (static_cast<std::uint64_t>(client) << 32) | index;
}

/// One client's issued queries, in order: query k has id query_id(client, k).
struct ClientArrivals {
  std::vector<SimTime> times;
  std::vector<double> draws;
};

/// Every client's arrivals up to the horizon, cut at the scenario's max_queries in time order (ties by client,
/// as the event queue orders them).
std::vector<ClientArrivals> all_arrivals(const ExperimentSetup& setup, std::uint64_t seed);

}  // namespace splitsim
