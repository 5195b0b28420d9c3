#pragma once
// What the experiments of `splitsim paper` share: one replica's outcomes, the settings every scenario of the
// reproduction takes, a cell's settings (paper_runner.cpp, paper_beliefs.cpp).

#include <string>
#include <string_view>
#include <vector>

#include "paper/paper.hpp"
#include "world/experiment_setup.hpp"
#include "world/yardstick.hpp"

namespace splitsim {

/// The outcomes of replica `replica`, by query id.
std::vector<Outcome> run_replica(const ExperimentSetup& setup, std::size_t replica, const Yardstick* yardstick = nullptr);
/// `s` as a JSON string, for a `--set` value.
std::string quoted(const std::string& s);
/// The replica of the partitioner named `name`; the paper's scenario files must compare it.
std::size_t replica_of(const ExperimentSetup& setup, std::string_view name);
/// What paper.json's settings change in every scenario of the reproduction.
std::vector<std::string> common_settings(const PaperSettings& p);
/// One cell of the grid: benchmark, mobile platform, wireless network, tails.
std::vector<std::string> cell_settings(const PaperSettings& settings, const std::string& bench, const std::string& platform,
                                       const PaperSpec::Wireless& w, bool tails);

}  // namespace splitsim
