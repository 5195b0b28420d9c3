#include "server/server_pool.hpp"

#include <algorithm>
#include <bit>

namespace splitsim {

ServerPool::ServerPool(const ServerConfig& config, const LoadTrace& load) : config_(config), load_(&load) {
  workers_.resize(static_cast<std::size_t>(config.workers));
  for (Worker& w : workers_) w.batch.reserve(static_cast<std::size_t>(config.max_batch));
  idle_.assign((workers_.size() + 63) / 64, 0);
  for (std::size_t w = 0; w < workers_.size(); ++w) idle_[w / 64] |= std::uint64_t{1} << (w % 64);
}

double ServerPool::slowdown_at(double load) const {
  if (!config_.load_slowdown) return 1.0;
  return sharing_slowdown(load);
}

double ServerPool::least_slowdown() const {
  const std::vector<double>& v = load_->values();
  return slowdown_at(v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()));
}

int ServerPool::arrive(const Job& job) {
  queue_.push(job);
  queued_work_ms_ += job.work_ms;
  // The lowest-numbered idle worker, as a scan of the workers would find it.
  for (std::size_t i = 0; i < idle_.size(); ++i) {
    if (idle_[i] != 0) return static_cast<int>(i * 64 + static_cast<std::size_t>(std::countr_zero(idle_[i])));
  }
  return -1;
}

const std::vector<ServerPool::Job>& ServerPool::take_batch(int w) {
  Worker& worker = workers_[static_cast<std::size_t>(w)];
  worker.batch.clear();
  worker.batch.push_back(queue_.pop());
  const std::uint64_t key = worker.batch.front().batch_key;
  const auto max_batch = static_cast<std::size_t>(config_.max_batch);
  for (std::size_t i = 0; i < queue_.size() && worker.batch.size() < max_batch;) {
    if (queue_.at(i).batch_key == key) {
      worker.batch.push_back(queue_.at(i));
      queue_.erase(i);
    } else {
      ++i;
    }
  }
  for (const Job& j : worker.batch) queued_work_ms_ -= j.work_ms;
  return worker.batch;
}

SimTime ServerPool::begin(int w, SimTime now, Duration service) {
  Worker& worker = workers_[static_cast<std::size_t>(w)];
  idle_[static_cast<std::size_t>(w) / 64] &= ~(std::uint64_t{1} << (w % 64));
  worker.started = now;
  worker.ends = now + service;
  return worker.ends;
}

const std::vector<ServerPool::Job>& ServerPool::finish(int w, SimTime now) {
  Worker& worker = workers_[static_cast<std::size_t>(w)];
  idle_[static_cast<std::size_t>(w) / 64] |= std::uint64_t{1} << (w % 64);
  busy_time_ += now - worker.started;
  return worker.batch;
}

double ServerPool::backlog_ms(SimTime now) const {
  double remaining_ms = queued_work_ms_;
  for (std::size_t w = 0; w < workers_.size(); ++w) {
    if (busy(w)) remaining_ms += (workers_[w].ends - now).ms();
  }
  return remaining_ms / static_cast<double>(workers_.size());
}

SimTime ServerPool::next_free(SimTime now) const {
  std::vector<SimTime>& free_at = free_at_;
  free_at.clear();
  for (std::size_t w = 0; w < workers_.size(); ++w) free_at.push_back(busy(w) ? workers_[w].ends : now);
  std::sort(free_at.begin(), free_at.end());
  for (std::size_t i = 0; i < queue_.size() && i < 4096; ++i) {
    const Job& j = queue_.at(i);
    free_at.front() += service_time(j.work_ms, free_at.front(), j.draw);
    std::sort(free_at.begin(), free_at.end());
  }
  return free_at.front();
}

double ServerPool::utilisation(SimTime span_end) const {
  double span = span_end.seconds() * static_cast<double>(workers_.size());
  return span > 0 ? busy_time_.seconds() / span : 0.0;
}

}  // namespace splitsim
