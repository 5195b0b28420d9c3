// Boost.Math gives the exact t quantile for every degree of freedom; a hand-copied table would need
// interpolation between its rows and is one more thing to get wrong.
#include "core/confidence.hpp"

#include <cmath>

#include <boost/math/distributions/students_t.hpp>

namespace splitsim {

double t_quantile_975(int df) {
  return boost::math::quantile(boost::math::students_t_distribution<double>(static_cast<double>(df)), 0.975);
}

MeanInterval mean_ci95(std::span<const double> values) {
  MeanInterval m;
  const auto n = static_cast<double>(values.size());
  if (values.empty()) return m;
  for (double v : values) m.mean += v;
  m.mean /= n;
  if (values.size() < 2) return m;
  double ss = 0;
  for (double v : values) ss += (v - m.mean) * (v - m.mean);
  m.half_width = t_quantile_975(static_cast<int>(values.size()) - 1) * std::sqrt(ss / (n - 1)) / std::sqrt(n);
  return m;
}

}  // namespace splitsim
