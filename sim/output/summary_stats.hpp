#pragma once
// Per-partitioner statistics with memory independent of the number of queries: sums for means, a
// log-bucketed histogram (0.1 % wide, two levels) for latency percentiles, counts per split.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "world/query_record.hpp"

namespace splitsim {

/// Latencies in log buckets 0.1 % wide (bucket k holds [1.001^k, 1.001^(k+1)) us; 32,768 buckets reach 1.7e8 s),
/// stored in two levels so that a run pays only for the range its latencies span: 64 blocks of 512 buckets, a
/// block's buckets allocated when it is first touched (a run touches a few: one block spans a factor 1.67), its
/// count kept beside. add() is O(1); a quantile reads the 64 block counts and one block.
class LatencyHistogram {
 public:
  LatencyHistogram() { fine_.reserve(kReservedBlocks * kBlock); }
  void add(Duration d);
  /// The q-quantile (0..1), in ms, within 0.1 %: the middle of the bucket holding the ceil(q n)-th latency.
  double quantile_ms(double q) const;
  std::int64_t count() const { return count_; }
  void merge(const LatencyHistogram& o);

 private:
  static constexpr int kBuckets = 32768;
  static constexpr int kBlock = 512;
  static constexpr int kBlocks = kBuckets / kBlock;
  static constexpr int kReservedBlocks = 8;  ///< touched blocks before fine_ grows (a factor 60 of latencies)
  std::int64_t* block(int b);                ///< the block's buckets, allocated on first touch
  std::array<std::int64_t, kBlocks> block_counts_{};
  std::array<std::int32_t, kBlocks> block_offset_ = filled(-1);  ///< into fine_; -1: not touched
  std::vector<std::int64_t> fine_;
  std::int64_t count_ = 0;
  static constexpr std::array<std::int32_t, kBlocks> filled(std::int32_t v) {
    std::array<std::int32_t, kBlocks> a{};
    for (auto& x : a) x = v;
    return a;
  }
};

class SummaryStats : public QueryObserver {
 public:
  /// `split_offsets[g]` is where group g's splits start in the histogram of `total_splits` entries; queries
  /// arriving before `count_from` (the scenario's warm-up) are left out.
  /// `slo_ms[g]`: group g's latency deadline (0: none); with any, the entry reports the share of queries missing it.
  SummaryStats(std::vector<int> split_offsets, int total_splits, SimTime count_from = SimTime::min(),
               std::vector<double> slo_ms = {})
      : count_from_(count_from), offsets_(std::move(split_offsets)), split_counts_(static_cast<std::size_t>(total_splits), 0),
        slo_ms_(std::move(slo_ms)) {}
  void on_query(const QueryRecord& r) override;
  /// Adds another run's queries (the same scenario under another seed): pooled counts, sums and histogram.
  void merge(const SummaryStats& o);

  std::int64_t count() const { return latency_.count(); }
  double mean_latency_ms() const { return count() ? latency_sum_ms_ / static_cast<double>(count()) : 0; }
  double quantile_ms(double q) const { return latency_.quantile_ms(q); }
  double mean_mobile_energy_j() const { return count() ? mobile_j_ / static_cast<double>(count()) : 0; }
  double mean_radio_energy_j() const { return count() ? radio_j_ / static_cast<double>(count()) : 0; }
  double mean_promotion_energy_j() const { return count() ? promotion_j_ / static_cast<double>(count()) : 0; }
  double mean_tail_energy_j() const { return count() ? tail_j_ / static_cast<double>(count()) : 0; }
  double mean_energy_j() const {
    return mean_mobile_energy_j() + mean_radio_energy_j() + mean_promotion_energy_j() + mean_tail_energy_j();
  }
  const std::vector<std::int64_t>& split_counts() const { return split_counts_; }
  const std::map<std::string, std::int64_t>& other_cuts() const { return other_cuts_; }
  /// The most chosen split and its count, over prefix splits (named by `names`) and other cuts.
  std::pair<std::string, std::int64_t> top_split(const std::vector<std::string>& names) const;

  /// The summary.json entry; `names` are the split layer names, utilisation that of the server.
  Json to_json(const std::vector<std::string>& names, double server_utilisation) const;

 private:
  SimTime count_from_;
  LatencyHistogram latency_;
  double latency_sum_ms_ = 0, mobile_j_ = 0, radio_j_ = 0, promotion_j_ = 0, tail_j_ = 0, upload_bytes_ = 0;
  double mobile_ms_ = 0, upload_ms_ = 0, queue_ms_ = 0, server_ms_ = 0, download_ms_ = 0;
  std::vector<int> offsets_;
  std::vector<std::int64_t> split_counts_;
  std::map<std::string, std::int64_t> other_cuts_;  ///< min-cut splits that are not prefixes, by name
  std::vector<double> slo_ms_;
  std::int64_t slo_queries_ = 0, slo_misses_ = 0;
  std::int64_t truth_queries_ = 0, mispredicted_ = 0;  ///< queries whose truth is tracked, and choices that differ
  double mispredict_ms_ = 0, mispredict_j_ = 0;
};

}  // namespace splitsim
