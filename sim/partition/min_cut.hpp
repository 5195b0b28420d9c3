#pragma once
// Optimal partitioning of a DAG (the DADS construction, Hu et al., INFOCOM 2019): the set of layers run on
// the mobile must be closed under predecessors; the cost is the sum of its layers' mobile costs, the other
// layers' server costs, and the transfer cost of every tensor produced on the mobile and read on the server,
// counted once however many server layers read it. This is an s-t minimum cut of a graph with one vertex per
// layer and one per tensor; max-flow is Dinic's algorithm on arrays allocated once per network, so a
// decision allocates nothing.

#include <cstdint>
#include <vector>

#include "network/network.hpp"

namespace splitsim {

class MinCut {
 public:
  /// Builds the graph's structure for `net` (once per network).
  explicit MinCut(const Network& net);

  /// Per layer (aligned with net.layers): the cost if run on the mobile, if run on the server, and of
  /// uploading its output. The input layer always stays on the mobile. Returns the minimum total cost and
  /// fills on_mobile (1 for layers on the mobile).
  double solve(const std::vector<double>& mobile, const std::vector<double>& server, const std::vector<double>& transfer,
               std::vector<char>& on_mobile);

  /// The cost of a given set, by the same definition (for checks and tests).
  static double cost_of(const Network& net, const std::vector<char>& on_mobile, const std::vector<double>& mobile,
                        const std::vector<double>& server, const std::vector<double>& transfer);

 private:
  struct Edge {
    int to;
    double cap;
  };
  void add_edge(int from, int to);  // capacity set per solve
  bool bfs();
  double dfs(int v, double pushed);

  int layers_ = 0;
  int nodes_ = 0;
  std::vector<std::vector<int>> consumers_;
  std::vector<Edge> edges_;                 // pairs: edge e and its reverse e ^ 1
  std::vector<std::vector<int>> adjacency_;
  std::vector<int> source_edge_, sink_edge_, transfer_edge_;  // per layer, or -1
  std::vector<int> level_, next_;
  std::vector<int> queue_;
};

}  // namespace splitsim
