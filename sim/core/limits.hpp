#pragma once
// The ranges every number read from a file or a flag must lie in (docs/limits.md gives each one's reason).
// Checked where the number is parsed, so that nothing downstream can overflow: simulated time is int64
// nanoseconds (±9.2e18), and every bound below keeps sums and products of bounded values inside it.

#include <cstdint>

namespace splitsim::limits {

/// Any time or duration (horizon, trace timestamps, --at, probe period, steps): about 31.7 years.
inline constexpr double kMaxSeconds = 1e9;
/// Periods, steps and gaps between samples: one microsecond (a finer one rounds to too few nanoseconds).
inline constexpr double kMinPeriodSeconds = 1e-6;
/// A link rate sample or constant, in Mbit/s: 10 Tbit/s at most; a positive one at least 1 bit/s.
inline constexpr double kMaxMbps = 1e7;
inline constexpr double kMinPositiveMbps = 1e-6;
/// A data size: one petabyte.
inline constexpr double kMaxBytes = 1e15;
/// Arrivals per second of one client.
inline constexpr double kMaxArrivalRate = 1e6;
/// Elements of one tensor (whole batch) and FLOPs of one layer.
inline constexpr std::int64_t kMaxElements = std::int64_t{1} << 40;
inline constexpr std::int64_t kMaxFlops = std::int64_t{1} << 60;
/// A batch size.
inline constexpr std::int64_t kMaxBatch = 1'000'000;
/// Points of one sweep grid.
inline constexpr std::uint64_t kMaxSweepPoints = 100'000'000;
/// Threads or jobs.
inline constexpr int kMaxThreads = 1024;
/// A time past every simulated event: completions that would come later are "never" (kMaxSeconds x 4 in ns).
inline constexpr std::int64_t kNeverNs = 4'000'000'000'000'000'000;
/// Work a run may do unless the user raises the limit (run/sweep --max-queries, --max-clients).
inline constexpr double kDefaultMaxQueries = 1e8;
inline constexpr double kDefaultMaxClients = 2e6;

}  // namespace splitsim::limits
