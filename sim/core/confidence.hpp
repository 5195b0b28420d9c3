#pragma once
// Confidence intervals over independent replications (Student t), for the means a run reports.

#include <span>

namespace splitsim {

/// The 97.5 % quantile of Student's t with `df` degrees of freedom (df >= 1): the factor of a two-sided 95 %
/// interval. From Boost.Math's students_t distribution.
double t_quantile_975(int df);

struct MeanInterval {
  double mean = 0;
  double half_width = 0;  ///< 95 %: t(0.975, n-1) x s / sqrt(n); 0 with fewer than two values
};

/// The mean of `values` and the half-width of its 95 % confidence interval.
MeanInterval mean_ci95(std::span<const double> values);

}  // namespace splitsim
