#pragma once
// `splitsim profile`: times the real layer kernels on this machine over a grid of configurations (or over
// the layers of given networks) and returns a tool-neutral profile.

#include <functional>
#include <string>
#include <vector>

#include "calib/layer_sample.hpp"

namespace splitsim {

/// The configuration grid: a few seconds' worth when `quick`, a few minutes otherwise. Every layer type with
/// a kernel appears at least three times.
std::vector<LayerSample> profile_grid(bool quick);

struct TimingOptions {
  int warmup = 1;
  int repetitions = 5;           ///< timed runs; the median is kept
  double min_measure_ms = 1.0;   ///< fast kernels are looped until one measurement lasts this long
};

/// Median wall time of one run of the layer, in ms.
double time_layer_ms(const LayerSample& s, const TimingOptions& options);

/// Times every sample, filling latency_ms; `progress(i, n)` is called after each.
void time_samples(std::vector<LayerSample>& samples, const TimingOptions& options,
                  const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace splitsim
