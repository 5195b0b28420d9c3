#include "link/trace_model.hpp"

#include <algorithm>
#include <cmath>

#include "core/random.hpp"
#include "link/trace_stats.hpp"

namespace splitsim {

TraceModel fit_trace_model(const CapacityTrace& trace, const std::string& source) {
  std::vector<double> bins = capacity_bins_mbps(trace);
  TraceModel m;
  m.fitted_from = source;
  double n = static_cast<double>(bins.size());
  for (double b : bins) m.mean_mbps += b / n;
  for (double b : bins) m.std_mbps += (b - m.mean_mbps) * (b - m.mean_mbps) / n;
  m.std_mbps = std::sqrt(m.std_mbps);
  m.sigma = std::sqrt(std::log1p(m.std_mbps * m.std_mbps / (m.mean_mbps * m.mean_mbps)));
  m.mu = std::log(m.mean_mbps) - m.sigma * m.sigma / 2;
  // Autocorrelation of log bandwidth; an empty second would have log 0, so bins are floored at 1 % of the mean.
  std::vector<double> logs;
  for (double b : bins) logs.push_back(std::log(std::max(b, 0.01 * m.mean_mbps)));
  double lm = 0;
  for (double v : logs) lm += v / n;
  double num = 0, den = 0;
  for (std::size_t i = 0; i < logs.size(); ++i) {
    den += (logs[i] - lm) * (logs[i] - lm);
    if (i > 0) num += (logs[i] - lm) * (logs[i - 1] - lm);
  }
  m.phi = den > 0 ? std::clamp(num / den, 0.0, 0.999) : 0.0;
  return m;
}

std::vector<double> generate_bandwidth(const TraceModel& model, double duration_s, std::uint64_t seed) {
  RandomStream rng(seed, 0);
  auto steps = static_cast<std::size_t>(std::llround(duration_s / model.step_s));
  std::vector<double> out;
  out.reserve(steps);
  double x = model.mu + model.sigma * rng.normal();  // start in the stationary law
  double innovation = model.sigma * std::sqrt(1 - model.phi * model.phi);
  for (std::size_t t = 0; t < steps; ++t) {
    if (t > 0) x = model.mu + model.phi * (x - model.mu) + innovation * rng.normal();
    out.push_back(std::exp(x));
  }
  return out;
}

Json trace_model_to_json(const TraceModel& m) {
  Json j;
  j["model"] = "lognormal-ar1";
  j["fitted_from"] = m.fitted_from;
  j["mean_mbps"] = m.mean_mbps;
  j["std_mbps"] = m.std_mbps;
  j["phi"] = m.phi;
  j["mu_log_mbps"] = m.mu;
  j["sigma_log_mbps"] = m.sigma;
  j["step_s"] = m.step_s;
  return j;
}

TraceModel trace_model_from_json(const Json& doc, const std::string& file) {
  JsonReader r(doc, file, "");
  r.ignore("comment");
  TraceModel m;
  std::string kind = r.string("model");
  if (kind != "lognormal-ar1") r.fail("model", "unknown trace model \"" + kind + "\" (expected lognormal-ar1)");
  m.fitted_from = r.string_or("fitted_from", "");
  // Ranges that keep every generated sample within what the trace reader accepts (docs/limits.md).
  m.mean_mbps = r.number("mean_mbps", 0.0, 1e6);
  m.std_mbps = r.number("std_mbps", 0.0, 1e6);
  m.phi = r.number("phi", 0.0, 0.999);
  m.mu = r.number("mu_log_mbps", -10.0, 12.0);
  m.sigma = r.number("sigma_log_mbps", 0.0, 3.0);
  m.step_s = r.number_or("step_s", 1.0, 1e-3, 1e6);
  r.finish();
  return m;
}

}  // namespace splitsim
