#include "calib/device_limits.hpp"

#include <algorithm>

namespace splitsim {

std::string_view bound_name(Bound b) {
  switch (b) {
    case Bound::compute: return "compute";
    case Bound::memory: return "memory";
    case Bound::launch: return "launch";
  }
  return "?";
}

namespace {

double compute_ms(const DeviceLimits& d, const LayerSample& s) { return static_cast<double>(s.flops()) / (d.peak_gflops * 1e6); }
double memory_ms(const DeviceLimits& d, const LayerSample& s) { return s.bytes_moved() / (d.memory_gbps * 1e6); }

}  // namespace

double DeviceLimits::bound_ms(const LayerSample& s) const {
  return std::max({compute_ms(*this, s), memory_ms(*this, s), launch_floor_ms});
}

Bound DeviceLimits::binding(const LayerSample& s) const {
  double c = compute_ms(*this, s), m = memory_ms(*this, s);
  if (launch_floor_ms >= c && launch_floor_ms >= m) return Bound::launch;
  return c >= m ? Bound::compute : Bound::memory;
}

Json DeviceLimits::to_json() const {
  return {{"device", device},
          {"peak_gflops", peak_gflops},
          {"memory_gbps", memory_gbps},
          {"launch_floor_ms", launch_floor_ms},
          {"sources", sources}};
}

DeviceLimits DeviceLimits::from_json(const Json& j, const std::string& file, const std::string& pointer) {
  JsonReader r(j, file, pointer);
  r.ignore("comment");
  DeviceLimits d;
  d.device = r.string("device");
  d.peak_gflops = r.number("peak_gflops", 1e-3, 1e9);
  d.memory_gbps = r.number("memory_gbps", 1e-3, 1e9);
  d.launch_floor_ms = r.number_or("launch_floor_ms", 0.0, 0.0, 1e3);
  d.sources = r.string("sources");
  r.finish();
  return d;
}

}  // namespace splitsim
