#include "partition/cut_book.hpp"

namespace splitsim {

CutBook::CutBook(const Network& net, const CostTable& table)
    : net_(&net),
      table_(&table),
      local_only_(table.local_only()),
      mobile_ms_(table.mobile_prefix_ms),
      mobile_j_(table.mobile_prefix_energy_j),
      upload_bytes_(table.upload_bytes),
      server_ms_(table.server_suffix_ms),
      names_(table.layer_names.begin(), table.layer_names.end()) {}

int CutBook::id_of(const std::vector<char>& on_mobile) {
  const std::size_t n = on_mobile.size();
  // A prefix in the network's order is one of the first N ids.
  std::size_t k = 0;
  while (k < n && on_mobile[k]) ++k;
  bool prefix = true;
  for (std::size_t v = k; v < n && prefix; ++v) prefix = !on_mobile[v];
  if (prefix) return static_cast<int>(k) - 1;
  std::string key(on_mobile.begin(), on_mobile.end());
  if (auto it = ids_.find(key); it != ids_.end()) return it->second;

  int id = static_cast<int>(mobile_ms_.size());
  // The cut with nothing on the mobile costs what the phone does outside the layers (phone_work_ms).
  double ms = table_->mobile_prefix_ms[0], j = table_->mobile_prefix_energy_j[0];
  std::int64_t bytes = 0;
  std::vector<double> server(server_ms_.size(), 0.0);
  std::string name;
  for (std::size_t v = 0; v < n; ++v) {
    if (on_mobile[v]) {
      ms += table_->layer_mobile_ms[v];
      j += table_->layer_mobile_j[v];
      continue;
    }
    for (std::size_t b = 0; b < server.size(); ++b) server[b] += table_->layer_server_ms[b][v];
  }
  // What is uploaded: each mobile layer's output read by a server layer, once; the name lists them.
  std::vector<char> sent(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    if (on_mobile[v]) continue;
    for (int p : net_->layers[v].inputs) {
      auto u = static_cast<std::size_t>(p);
      if (on_mobile[u] && !sent[u]) sent[u] = 1;
    }
  }
  for (std::size_t u = 0; u < n; ++u) {
    if (!sent[u]) continue;
    bytes += table_->layer_output_bytes[u];
    name += (name.empty() ? "" : "+") + net_->layers[u].name;
  }
  mobile_ms_.push_back(ms);
  mobile_j_.push_back(j);
  upload_bytes_.push_back(bytes);
  for (std::size_t b = 0; b < server.size(); ++b) server_ms_[b].push_back(server[b]);
  names_.push_back(name);
  ids_.emplace(std::move(key), id);
  return id;
}

}  // namespace splitsim
