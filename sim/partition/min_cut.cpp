#include "partition/min_cut.hpp"

#include <algorithm>
#include <limits>

namespace splitsim {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kSource = 0;
constexpr int kSink = 1;
constexpr double kEpsilon = 1e-12;

}  // namespace

// Vertices: source, sink, one per layer (2 + v), one per layer output that has readers (its "tensor").
MinCut::MinCut(const Network& net) : layers_(static_cast<int>(net.layers.size())) {
  consumers_.assign(static_cast<std::size_t>(layers_), {});
  for (int v = 0; v < layers_; ++v) {
    for (int p : net.layers[static_cast<std::size_t>(v)].inputs) consumers_[static_cast<std::size_t>(p)].push_back(v);
  }
  nodes_ = 2 + layers_;
  std::vector<int> tensor(static_cast<std::size_t>(layers_), -1);
  for (int v = 0; v < layers_; ++v) {
    if (!consumers_[static_cast<std::size_t>(v)].empty()) tensor[static_cast<std::size_t>(v)] = nodes_++;
  }
  adjacency_.assign(static_cast<std::size_t>(nodes_), {});
  source_edge_.assign(static_cast<std::size_t>(layers_), -1);
  sink_edge_.assign(static_cast<std::size_t>(layers_), -1);
  transfer_edge_.assign(static_cast<std::size_t>(layers_), -1);
  for (int v = 0; v < layers_; ++v) {
    const int node = 2 + v;
    source_edge_[static_cast<std::size_t>(v)] = static_cast<int>(edges_.size());
    add_edge(kSource, node);  // cut when v is on the server: its server cost
    sink_edge_[static_cast<std::size_t>(v)] = static_cast<int>(edges_.size());
    add_edge(node, kSink);    // cut when v is on the mobile: its mobile cost
    if (tensor[static_cast<std::size_t>(v)] >= 0) {
      transfer_edge_[static_cast<std::size_t>(v)] = static_cast<int>(edges_.size());
      add_edge(node, tensor[static_cast<std::size_t>(v)]);  // cut when v is on the mobile and a reader is not
      for (int w : consumers_[static_cast<std::size_t>(v)]) {
        add_edge(tensor[static_cast<std::size_t>(v)], 2 + w);  // infinite: the tensor goes wherever its readers are
        add_edge(2 + w, node);                                 // infinite: a reader on the mobile needs v there too
      }
    }
  }
  level_.resize(static_cast<std::size_t>(nodes_));
  next_.resize(static_cast<std::size_t>(nodes_));
  queue_.resize(static_cast<std::size_t>(nodes_));
}

void MinCut::add_edge(int from, int to) {
  adjacency_[static_cast<std::size_t>(from)].push_back(static_cast<int>(edges_.size()));
  edges_.push_back({to, kInfinity});
  adjacency_[static_cast<std::size_t>(to)].push_back(static_cast<int>(edges_.size()));
  edges_.push_back({from, 0.0});
}

bool MinCut::bfs() {
  std::fill(level_.begin(), level_.end(), -1);
  int head = 0, tail = 0;
  queue_[static_cast<std::size_t>(tail++)] = kSource;
  level_[kSource] = 0;
  while (head < tail) {
    int v = queue_[static_cast<std::size_t>(head++)];
    for (int e : adjacency_[static_cast<std::size_t>(v)]) {
      const Edge& edge = edges_[static_cast<std::size_t>(e)];
      if (edge.cap > kEpsilon && level_[static_cast<std::size_t>(edge.to)] < 0) {
        level_[static_cast<std::size_t>(edge.to)] = level_[static_cast<std::size_t>(v)] + 1;
        queue_[static_cast<std::size_t>(tail++)] = edge.to;
      }
    }
  }
  return level_[kSink] >= 0;
}

double MinCut::dfs(int v, double pushed) {
  if (v == kSink) return pushed;
  auto& adj = adjacency_[static_cast<std::size_t>(v)];
  for (int& i = next_[static_cast<std::size_t>(v)]; i < static_cast<int>(adj.size()); ++i) {
    int e = adj[static_cast<std::size_t>(i)];
    Edge& edge = edges_[static_cast<std::size_t>(e)];
    if (edge.cap <= kEpsilon || level_[static_cast<std::size_t>(edge.to)] != level_[static_cast<std::size_t>(v)] + 1) continue;
    double got = dfs(edge.to, std::min(pushed, edge.cap));
    if (got > 0) {
      edge.cap -= got;
      edges_[static_cast<std::size_t>(e ^ 1)].cap += got;
      return got;
    }
  }
  return 0;
}

double MinCut::solve(const std::vector<double>& mobile, const std::vector<double>& server,
                     const std::vector<double>& transfer, std::vector<char>& on_mobile) {
  // Reset capacities: infinite structural edges, zero reverses, then this decision's costs.
  for (std::size_t e = 0; e < edges_.size(); e += 2) {
    edges_[e].cap = kInfinity;
    edges_[e + 1].cap = 0;
  }
  for (int v = 0; v < layers_; ++v) {
    auto k = static_cast<std::size_t>(v);
    edges_[static_cast<std::size_t>(source_edge_[k])].cap = v == 0 ? kInfinity : server[k];  // the input stays local
    edges_[static_cast<std::size_t>(sink_edge_[k])].cap = mobile[k];
    if (transfer_edge_[k] >= 0) edges_[static_cast<std::size_t>(transfer_edge_[k])].cap = transfer[k];
  }
  double flow = 0;
  while (bfs()) {
    std::fill(next_.begin(), next_.end(), 0);
    while (double pushed = dfs(kSource, kInfinity)) flow += pushed;
  }
  // The mobile side is what the source still reaches in the residual graph.
  on_mobile.assign(static_cast<std::size_t>(layers_), 0);
  for (int v = 0; v < layers_; ++v) on_mobile[static_cast<std::size_t>(v)] = level_[static_cast<std::size_t>(2 + v)] >= 0;
  return flow;
}

double MinCut::cost_of(const Network& net, const std::vector<char>& on_mobile, const std::vector<double>& mobile,
                       const std::vector<double>& server, const std::vector<double>& transfer) {
  double cost = 0;
  const std::size_t n = net.layers.size();
  std::vector<char> sent(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    cost += on_mobile[v] ? mobile[v] : server[v];
    if (on_mobile[v]) continue;
    for (int p : net.layers[v].inputs) {
      auto k = static_cast<std::size_t>(p);
      if (on_mobile[k] && !sent[k]) {
        sent[k] = 1;
        cost += transfer[k];
      }
    }
  }
  return cost;
}

}  // namespace splitsim
