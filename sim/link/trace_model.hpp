#pragma once
// A stochastic bandwidth model, fitted to a real trace and used to generate the example traces the
// project ships: a log-normal AR(1) process sampled once per step,
//   x_t = mu + phi (x_{t-1} - mu) + sigma sqrt(1 - phi^2) eps_t,  bandwidth_t = exp(x_t) Mbps,
// whose stationary law is log-normal(mu, sigma^2). docs/links.md gives the fitting method.

#include <cstdint>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "link/capacity_trace.hpp"

namespace splitsim {

struct TraceModel {
  double mean_mbps = 0;  ///< of the fitted trace's one-second bins
  double std_mbps = 0;
  double phi = 0;        ///< lag-1 autocorrelation of log bandwidth
  double mu = 0;         ///< of log bandwidth (log Mbps)
  double sigma = 0;
  double step_s = 1.0;
  std::string fitted_from;
};

/// Moment fit on one-second bins: mean and variance matched exactly by the log-normal law
/// (sigma^2 = ln(1 + var/mean^2), mu = ln(mean) - sigma^2/2), phi from the bins' log series.
TraceModel fit_trace_model(const CapacityTrace& trace, const std::string& source);

/// One bandwidth per step (Mbps), `duration_s / step_s` values, reproducible for a seed.
std::vector<double> generate_bandwidth(const TraceModel& model, double duration_s, std::uint64_t seed);

Json trace_model_to_json(const TraceModel& model);
TraceModel trace_model_from_json(const Json& doc, const std::string& file);

}  // namespace splitsim
