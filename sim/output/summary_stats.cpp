#include "output/summary_stats.hpp"

#include <algorithm>
#include <cmath>

namespace splitsim {
namespace {

// Bucket k holds latencies in [1.001^k, 1.001^(k+1)) microseconds.
constexpr double kRatio = 1.001;
const double kLogRatio = std::log(kRatio);

}  // namespace

std::int64_t* LatencyHistogram::block(int b) {
  auto i = static_cast<std::size_t>(b);
  if (block_offset_[i] < 0) {
    block_offset_[i] = static_cast<std::int32_t>(fine_.size());
    fine_.resize(fine_.size() + kBlock, 0);  // within the reserve for the first kReservedBlocks blocks
  }
  return fine_.data() + block_offset_[i];
}

void LatencyHistogram::add(Duration d) {
  double us = std::max(d.seconds() * 1e6, 1.0);
  auto k = static_cast<int>(std::min<double>(std::floor(std::log(us) / kLogRatio), kBuckets - 1));
  ++block(k / kBlock)[k % kBlock];
  ++block_counts_[static_cast<std::size_t>(k / kBlock)];
  ++count_;
}

double LatencyHistogram::quantile_ms(double q) const {
  if (count_ == 0) return 0;
  auto rank = static_cast<std::int64_t>(std::ceil(q * static_cast<double>(count_)));
  rank = std::clamp<std::int64_t>(rank, 1, count_);
  std::int64_t seen = 0;
  for (int b = 0; b < kBlocks; ++b) {
    auto bi = static_cast<std::size_t>(b);
    if (seen + block_counts_[bi] < rank) {
      seen += block_counts_[bi];
      continue;
    }
    const std::int64_t* buckets = fine_.data() + block_offset_[bi];
    for (int k = 0; k < kBlock; ++k) {
      seen += buckets[k];
      if (seen >= rank) return std::pow(kRatio, static_cast<double>(b * kBlock + k) + 0.5) * 1e-3;  // bucket middle, ms
    }
  }
  return 0;
}

void LatencyHistogram::merge(const LatencyHistogram& o) {
  for (int b = 0; b < kBlocks; ++b) {
    auto bi = static_cast<std::size_t>(b);
    if (o.block_offset_[bi] < 0) continue;
    std::int64_t* mine = block(b);
    const std::int64_t* theirs = o.fine_.data() + o.block_offset_[bi];
    for (int k = 0; k < kBlock; ++k) mine[k] += theirs[k];
    block_counts_[bi] += o.block_counts_[bi];
  }
  count_ += o.count_;
}

void SummaryStats::merge(const SummaryStats& o) {
  latency_.merge(o.latency_);
  latency_sum_ms_ += o.latency_sum_ms_;
  mobile_j_ += o.mobile_j_;
  radio_j_ += o.radio_j_;
  promotion_j_ += o.promotion_j_;
  tail_j_ += o.tail_j_;
  upload_bytes_ += o.upload_bytes_;
  mobile_ms_ += o.mobile_ms_;
  upload_ms_ += o.upload_ms_;
  queue_ms_ += o.queue_ms_;
  server_ms_ += o.server_ms_;
  download_ms_ += o.download_ms_;
  for (std::size_t i = 0; i < split_counts_.size(); ++i) split_counts_[i] += o.split_counts_[i];
  for (const auto& [name, count] : o.other_cuts_) other_cuts_[name] += count;
  slo_queries_ += o.slo_queries_;
  slo_misses_ += o.slo_misses_;
  truth_queries_ += o.truth_queries_;
  mispredicted_ += o.mispredicted_;
  mispredict_ms_ += o.mispredict_ms_;
  mispredict_j_ += o.mispredict_j_;
}

void SummaryStats::on_query(const QueryRecord& r) {
  if (r.arrival < count_from_) return;
  Duration latency = r.done - r.arrival;
  latency_.add(latency);
  if (r.group < slo_ms_.size() && slo_ms_[r.group] > 0) {
    ++slo_queries_;
    slo_misses_ += latency.ms() > slo_ms_[r.group];
  }
  if (r.truth_split >= 0) {
    ++truth_queries_;
    mispredicted_ += r.truth_split != r.split_index;
    mispredict_ms_ += r.mispredict_ms;
    mispredict_j_ += r.mispredict_j;
  }
  latency_sum_ms_ += latency.ms();
  mobile_j_ += r.mobile_energy_j;
  radio_j_ += r.radio_energy_j;
  promotion_j_ += r.promotion_energy_j;
  tail_j_ += r.tail_energy_j;
  upload_bytes_ += static_cast<double>(r.upload_bytes);
  mobile_ms_ += (r.mobile_end - r.arrival).ms();
  if (!r.local) {
    upload_ms_ += (r.upload_end - r.mobile_end).ms();
    queue_ms_ += (r.server_start - r.upload_end).ms();
    server_ms_ += (r.server_end - r.server_start).ms();
    download_ms_ += (r.done - r.server_end).ms();
  }
  std::size_t end = r.group + 1 < offsets_.size() ? static_cast<std::size_t>(offsets_[r.group + 1]) : split_counts_.size();
  auto index = static_cast<std::size_t>(offsets_[r.group] + r.split_index);
  if (index < end) {
    ++split_counts_[index];
  } else {
    ++other_cuts_[*r.split_after];  // a DAG cut that is not a prefix of the layer order
  }
}

std::pair<std::string, std::int64_t> SummaryStats::top_split(const std::vector<std::string>& names) const {
  std::pair<std::string, std::int64_t> best{names.empty() ? "" : names[0], -1};
  for (std::size_t i = 0; i < split_counts_.size(); ++i) {
    if (split_counts_[i] > best.second) best = {names[i], split_counts_[i]};
  }
  for (const auto& [name, count] : other_cuts_) {
    if (count > best.second) best = {name, count};
  }
  return best;
}

Json SummaryStats::to_json(const std::vector<std::string>& names, double server_utilisation) const {
  double n = std::max<double>(static_cast<double>(count()), 1);
  Json splits = Json::object();
  for (std::size_t i = 0; i < split_counts_.size(); ++i) {
    if (split_counts_[i] > 0) splits[names[i]] = split_counts_[i];
  }
  for (const auto& [name, count] : other_cuts_) splits[name] = count;
  Json j{{"count", count()},
              {"latency_ms",
               {{"mean", mean_latency_ms()}, {"p50", quantile_ms(0.5)}, {"p95", quantile_ms(0.95)}, {"p99", quantile_ms(0.99)}}},
              {"breakdown_ms",
               {{"mobile", mobile_ms_ / n}, {"upload", upload_ms_ / n}, {"queue", queue_ms_ / n}, {"server", server_ms_ / n},
                {"download", download_ms_ / n}}},
              {"energy_j",
               {{"total", mean_energy_j()}, {"compute", mean_mobile_energy_j()}, {"radio", mean_radio_energy_j()},
                {"promotion", mean_promotion_energy_j()}, {"tail", mean_tail_energy_j()}}},
              {"upload_bytes_mean", upload_bytes_ / n},
              {"splits", splits},
              {"server_utilisation", server_utilisation}};
  bool any_slo = std::any_of(slo_ms_.begin(), slo_ms_.end(), [](double d) { return d > 0; });
  if (any_slo) {
    j["slo_miss_share"] = slo_queries_ > 0 ? static_cast<double>(slo_misses_) / static_cast<double>(slo_queries_) : 0.0;
  }
  if (truth_queries_ > 0) {
    const auto n_truth = static_cast<double>(truth_queries_);
    j["misprediction"] = {{"share", static_cast<double>(mispredicted_) / n_truth},
                          {"regret_ms", mispredict_ms_ / n_truth},
                          {"regret_j", mispredict_j_ / n_truth}};
  }
  return j;
}

}  // namespace splitsim
