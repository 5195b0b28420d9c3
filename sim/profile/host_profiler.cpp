#include "profile/host_profiler.hpp"

#include <algorithm>
#include <chrono>

#include "profile/layer_kernels.hpp"

namespace splitsim {
namespace {

LayerSample config(LayerType t, std::int64_t c, std::int64_t h, std::int64_t w, std::int64_t oc, std::int64_t oh,
                   std::int64_t ow, std::int64_t k = 1, std::int64_t s = 1, std::int64_t batch = 1,
                   std::int64_t groups = 1) {
  LayerSample x;
  x.type = t;
  x.in_c = c, x.in_h = h, x.in_w = w;
  x.out_c = oc, x.out_h = oh, x.out_w = ow;
  x.kernel = k, x.stride = s, x.batch = batch, x.groups = groups;
  x.source = "splitsim profile";
  return x;
}

// Output size of a window with "same"-style padding (k/2) as most modern networks use.
std::int64_t same_out(std::int64_t in, std::int64_t k, std::int64_t s) { return (in + 2 * (k / 2) - k) / s + 1; }

void add_spatial(std::vector<LayerSample>& out, LayerType t, std::int64_t c, std::int64_t hw, std::int64_t oc,
                 std::int64_t k, std::int64_t s, std::int64_t batch = 1, std::int64_t groups = 1) {
  std::int64_t o = same_out(hw, k, s);
  out.push_back(config(t, c, hw, hw, oc, o, o, k, s, batch, groups));
}

// Convolutions over real feature-map sizes: 1x1 to 5x5, large first-layer kernels, grouped.
void add_conv_grid(std::vector<LayerSample>& g, bool quick) {
  // (channels, size) pairs of real feature maps, from early to late layers.
  const std::vector<std::pair<std::int64_t, std::int64_t>> maps =
      quick ? std::vector<std::pair<std::int64_t, std::int64_t>>{{3, 32}, {16, 16}, {32, 8}}
            : std::vector<std::pair<std::int64_t, std::int64_t>>{{3, 224}, {3, 64}, {32, 56}, {64, 56},
                                                                 {128, 28}, {256, 14}, {512, 7}, {16, 32}};
  const std::vector<std::int64_t> filters = quick ? std::vector<std::int64_t>{8, 32} : std::vector<std::int64_t>{16, 64, 256};
  for (auto [c, hw] : maps) {
    for (std::int64_t oc : filters) {
      for (std::int64_t k : {1, 3, 5}) {
        for (std::int64_t s : {1, 2}) {
          double flops = 2.0 * static_cast<double>(c * k * k * oc) * static_cast<double>(same_out(hw, k, s) * same_out(hw, k, s));
          if (flops > (quick ? 2e7 : 2e9)) continue;
          add_spatial(g, LayerType::conv, c, hw, oc, k, s);
        }
      }
    }
  }
  // Large kernels, as in the first layers of older networks.
  for (auto [c, hw] : quick ? std::vector<std::pair<std::int64_t, std::int64_t>>{}
                            : std::vector<std::pair<std::int64_t, std::int64_t>>{{3, 224}, {3, 128}, {16, 64}, {32, 48}}) {
    for (std::int64_t k : {7, 11}) {
      for (std::int64_t s : {1, 4}) add_spatial(g, LayerType::conv, c, hw, 32, k, s);
    }
  }
  for (auto [c, hw] : quick ? std::vector<std::pair<std::int64_t, std::int64_t>>{{16, 16}, {32, 8}, {16, 8}}
                            : std::vector<std::pair<std::int64_t, std::int64_t>>{{96, 27}, {256, 13}, {64, 28}, {384, 13}}) {
    add_spatial(g, LayerType::conv, c, hw, c, 3, 1, 1, 2);  // grouped
  }
}

// Fully and locally connected layers (GEMMs over the batch, unshared weights).
void add_dense_grid(std::vector<LayerSample>& g, bool quick) {
  for (std::int64_t batch : quick ? std::vector<std::int64_t>{1, 8} : std::vector<std::int64_t>{1, 16, 128}) {
    for (std::int64_t in : quick ? std::vector<std::int64_t>{64, 256} : std::vector<std::int64_t>{256, 1024, 4096, 9216}) {
      for (std::int64_t out : quick ? std::vector<std::int64_t>{32, 128} : std::vector<std::int64_t>{64, 1024, 4096}) {
        if (!quick && static_cast<double>(in) * static_cast<double>(out) * static_cast<double>(batch) > 2e9) continue;
        g.push_back(config(LayerType::fc, in, 1, 1, out, 1, 1, 1, 1, batch));
      }
    }
  }
  for (auto [c, hw, k] : quick ? std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>{{8, 12, 3}, {8, 16, 5}, {16, 10, 3}}
                               : std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>{
                                     {16, 63, 9}, {16, 55, 7}, {16, 25, 5}, {32, 32, 3}, {64, 16, 3}, {16, 40, 5}}) {
    g.push_back(config(LayerType::local, c, hw, hw, 16, hw - k + 1, hw - k + 1, k, 1));
  }
}

// Pooling, elementwise, normalisation and output layers.
void add_other_grid(std::vector<LayerSample>& g, bool quick) {
  for (LayerType t : {LayerType::maxpool, LayerType::avgpool}) {
    for (auto [c, hw] : quick ? std::vector<std::pair<std::int64_t, std::int64_t>>{{8, 16}, {16, 8}, {4, 32}}
                              : std::vector<std::pair<std::int64_t, std::int64_t>>{{64, 112}, {96, 55}, {256, 27}, {512, 14}, {16, 24}}) {
      for (std::int64_t k : {2, 3}) g.push_back(config(t, c, hw, hw, c, (hw - k) / 2 + 1, (hw - k) / 2 + 1, k, 2));
    }
  }
  const std::vector<std::int64_t> sizes = quick ? std::vector<std::int64_t>{1000, 10000, 50000}
                                                : std::vector<std::int64_t>{1000, 10000, 100000, 1000000, 4000000};
  for (LayerType t : {LayerType::relu, LayerType::sigmoid, LayerType::tanh, LayerType::htanh, LayerType::dropout,
                      LayerType::batchnorm, LayerType::add, LayerType::flatten, LayerType::concat, LayerType::leaky_relu}) {
    for (std::int64_t n : sizes) g.push_back(config(t, n, 1, 1, n, 1, 1));
  }
  for (auto [c, hw] : quick ? std::vector<std::pair<std::int64_t, std::int64_t>>{{16, 8}, {32, 8}, {8, 16}}
                            : std::vector<std::pair<std::int64_t, std::int64_t>>{{96, 27}, {256, 13}, {64, 56}, {32, 28}}) {
    for (std::int64_t size : {3, 5}) g.push_back(config(LayerType::lrn, c, hw, hw, c, hw, hw, size));
    g.push_back(config(LayerType::global_avgpool, c, hw, hw, c, 1, 1));
  }
  for (std::int64_t batch : {1, 32}) {
    for (std::int64_t f : quick ? std::vector<std::int64_t>{10, 100} : std::vector<std::int64_t>{10, 100, 1000, 10000}) {
      g.push_back(config(LayerType::softmax, f, 1, 1, f, 1, 1, 1, 1, batch));
      g.push_back(config(LayerType::argmax, f, 1, 1, 1, 1, 1, 1, 1, batch));
    }
  }
}

}  // namespace

std::vector<LayerSample> profile_grid(bool quick) {
  std::vector<LayerSample> g;
  add_conv_grid(g, quick);
  add_dense_grid(g, quick);
  add_other_grid(g, quick);
  return g;
}

double time_layer_ms(const LayerSample& s, const TimingOptions& options) {
  LayerKernel kernel = make_layer_kernel(s);
  using Clock = std::chrono::steady_clock;
  auto once = [&](int loops) {
    auto t0 = Clock::now();
    for (int i = 0; i < loops; ++i) kernel.run();
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  };
  for (int i = 0; i < options.warmup; ++i) once(1);
  // Loop fast kernels so that one measurement is long enough to time reliably.
  int loops = 1;
  double first = once(1);
  if (first < options.min_measure_ms) loops = static_cast<int>(std::min(10000.0, options.min_measure_ms / std::max(first, 1e-4)) + 1);
  std::vector<double> times;
  for (int r = 0; r < options.repetitions; ++r) times.push_back(once(loops) / loops);
  std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2), times.end());
  volatile double sink = kernel.checksum();
  (void)sink;
  return times[times.size() / 2];
}

void time_samples(std::vector<LayerSample>& samples, const TimingOptions& options,
                  const std::function<void(std::size_t, std::size_t)>& progress) {
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i].latency_ms = time_layer_ms(samples[i], options);
    if (progress) progress(i + 1, samples.size());
  }
}

}  // namespace splitsim
