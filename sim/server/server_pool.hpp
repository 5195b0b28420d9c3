#pragma once
// The shared server as a passive component (beside SharedLink and Radio): worker slots serving one FIFO queue,
// optional batching of queued jobs that run the same suffix, a background load that slows service
// (processor sharing: x 1/(1 - load)), and what a client can learn of it (the backlog a probe reports, the time
// FIFO would hand a new job a worker). It schedules nothing: the world asks it what happens and schedules that.

#include <cstdint>
#include <optional>
#include <vector>

#include "core/ring_queue.hpp"
#include "core/units.hpp"
#include "server/load_trace.hpp"

namespace splitsim {

struct ServerConfig {
  int workers = 1;
  int max_batch = 1;
  bool load_slowdown = true;  ///< processor sharing with the background load
};

class ServerPool {
 public:
  struct Job {
    std::uint32_t slot = 0;       ///< the caller's handle
    std::uint64_t batch_key = 0;  ///< jobs with equal keys may be served together
    double work_ms = 0;           ///< service alone on an unloaded worker
    double draw = 1.0;            ///< service-time multiplier (exponential service), the job's own
  };

  /// `load` must outlive the pool.
  ServerPool(const ServerConfig& config, const LoadTrace& load);

  int workers() const { return static_cast<int>(workers_.size()); }
  /// The background load's slowdown of work started at t.
  double slowdown(SimTime t) const { return slowdown_at(load_->at(t)); }
  /// The least slowdown the background load ever causes (a bound for work started at any time).
  double least_slowdown() const;
  /// The slowdown at every time when the background load is constant; none otherwise.
  std::optional<double> constant_slowdown() const {
    if (load_->values().size() != 1) return std::nullopt;
    return slowdown_at(load_->values().front());
  }
  /// How long `work_ms` takes when started at `start` with the job's draw.
  Duration service_time(double work_ms, SimTime start, double draw) const {
    return Duration::from_ms(work_ms * slowdown(start) * draw);
  }

  /// Queues a job; returns a free worker the caller should start now, or -1 when all are busy.
  int arrive(const Job& job);
  bool has_queue() const { return !queue_.empty(); }
  /// Moves the queue's head onto worker `w`, with up to max_batch - 1 later queued jobs of the same key
  /// (first come first batched).
  const std::vector<Job>& take_batch(int w);
  /// Worker `w` serves its batch from `now` for `service`; returns when it ends.
  SimTime begin(int w, SimTime now, Duration service);
  /// Worker `w` ends at `now`: returns its batch (valid until it is started again).
  const std::vector<Job>& finish(int w, SimTime now);

  /// What a probe reports: queued work plus the busy workers' remaining time, spread over the workers (ms).
  double backlog_ms(SimTime now) const;
  /// When FIFO would hand a job arriving now a worker, if nothing else arrives: busy workers' ends, then
  /// the queued jobs (the first 4096) served alone in order. Allocation-free once warm.
  SimTime next_free(SimTime now) const;
  /// Busy worker time over (workers x `span_end`).
  double utilisation(SimTime span_end) const;

 private:
  struct Worker {
    SimTime started, ends;
    std::vector<Job> batch;
  };
  double slowdown_at(double load) const;
  bool busy(std::size_t w) const { return (idle_[w / 64] >> (w % 64) & 1) == 0; }

  ServerConfig config_;
  const LoadTrace* load_;
  std::vector<Worker> workers_;
  std::vector<std::uint64_t> idle_;  // bit w % 64 of word w / 64: worker w is idle (arrive finds the lowest in O(W/64))
  RingQueue<Job> queue_;
  double queued_work_ms_ = 0;
  Duration busy_time_;
  mutable std::vector<SimTime> free_at_;  // next_free's scratch
};

}  // namespace splitsim
