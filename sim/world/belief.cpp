#include "world/belief.hpp"

#include <cmath>

#include "core/random.hpp"
#include "network/layer.hpp"

namespace splitsim {

std::vector<double> belief_factors(const BeliefSpec& b, const Network& net, std::uint64_t stream) {
  RandomStream rng(static_cast<std::uint64_t>(b.random_seed), stream);
  std::vector<double> f(net.layers.size(), 1.0);
  for (std::size_t v = 0; v < f.size(); ++v) {
    double x = b.error;
    if (auto it = b.layer_error.find(std::string(layer_type_name(net.layers[v].type))); it != b.layer_error.end()) x *= it->second;
    if (b.random_sigma > 0) x *= std::exp(b.random_sigma * rng.normal());
    f[v] = x;
  }
  return f;
}

CostTable believed_costs(const Network& net, const Platform& mobile, const Platform& server, const ClientGroup& c,
                         const ServerSpec& s) {
  CostTable t = build_cost_table(net, mobile, server, s.max_batch, c.mobile_power);
  scale_layers(t, belief_factors(c.belief, net, 0), belief_factors(s.belief, net, 1));
  return t;
}

}  // namespace splitsim
