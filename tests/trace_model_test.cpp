#include <catch2/catch.hpp>

#include <cmath>

#include "link/trace_model.hpp"
#include "link/trace_stats.hpp"

using namespace splitsim;

TEST_CASE("trace_model: fitting a long generated trace recovers the model") {
  TraceModel truth;
  truth.mean_mbps = 6.0;
  truth.std_mbps = 3.0;
  truth.sigma = std::sqrt(std::log1p(0.25));
  truth.mu = std::log(6.0) - truth.sigma * truth.sigma / 2;
  truth.phi = 0.8;
  std::vector<double> values = generate_bandwidth(truth, 200'000, 42);
  REQUIRE(values.size() == 200'000);
  std::vector<std::int64_t> starts;
  for (std::size_t i = 0; i < values.size(); ++i) {
    starts.push_back(static_cast<std::int64_t>(i) * 1'000'000'000);
    values[i] *= 1e6;
  }
  CapacityTrace trace = CapacityTrace::piecewise(starts, values, 200'000LL * 1'000'000'000);
  TraceModel fit = fit_trace_model(trace, "synthetic");
  CHECK(fit.mean_mbps == Approx(6.0).epsilon(0.02));
  CHECK(fit.std_mbps == Approx(3.0).epsilon(0.04));
  CHECK(fit.phi == Approx(0.8).epsilon(0.02));
  CHECK(fit.mu == Approx(truth.mu).epsilon(0.02));
}

TEST_CASE("trace_model: the same seed gives the same trace") {
  TraceModel m;
  m.mu = 1.0;
  m.sigma = 0.5;
  m.phi = 0.5;
  CHECK(generate_bandwidth(m, 100, 7) == generate_bandwidth(m, 100, 7));
  CHECK(generate_bandwidth(m, 100, 7) != generate_bandwidth(m, 100, 8));
}
