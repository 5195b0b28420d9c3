#pragma once
// The splits a replica has used, by id: ids 0..N-1 are the topological prefix cuts of the cost table
// (id j: layers 0..j on the mobile; N-1 is local-only); a min-cut decision that is not a prefix gets the next
// id the first time it is seen. Each id carries what the engine charges: mobile time and energy, upload
// bytes, server time per batch size, and a name.

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "partition/cost_table.hpp"
#include "network/network.hpp"

namespace splitsim {

class CutBook {
 public:
  CutBook(const Network& net, const CostTable& table);

  int local_only() const { return local_only_; }
  double mobile_ms(int id) const { return mobile_ms_[static_cast<std::size_t>(id)]; }
  double mobile_j(int id) const { return mobile_j_[static_cast<std::size_t>(id)]; }
  std::int64_t upload_bytes(int id) const { return upload_bytes_[static_cast<std::size_t>(id)]; }
  double server_ms(int id, int batch) const {
    return server_ms_[static_cast<std::size_t>(batch - 1)][static_cast<std::size_t>(id)];
  }
  /// Stable for the book's lifetime.
  const std::string& name(int id) const { return names_[static_cast<std::size_t>(id)]; }

  /// The id of the cut that runs `on_mobile` (closed under predecessors, input included) on the mobile.
  int id_of(const std::vector<char>& on_mobile);

 private:
  const Network* net_;
  const CostTable* table_;
  int local_only_ = 0;
  std::vector<double> mobile_ms_, mobile_j_;
  std::vector<std::int64_t> upload_bytes_;
  std::vector<std::vector<double>> server_ms_;
  std::deque<std::string> names_;
  std::unordered_map<std::string, int> ids_;
};

}  // namespace splitsim
