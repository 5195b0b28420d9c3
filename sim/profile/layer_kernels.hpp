#pragma once
// Real implementations of the layer types, written with Eigen, for timing on the machine at hand
// (`splitsim profile`). They compute what a Caffe-style CPU framework computes: conv as im2col + GEMM per
// image and group, locally connected layers as one matrix-vector product per output location, fc as one
// GEMM over the batch. Single-threaded.

#include <functional>
#include <memory>

#include "calib/layer_sample.hpp"

namespace splitsim {

/// A runnable layer with its buffers allocated and filled; calling it computes the layer once.
struct LayerKernel {
  std::function<void()> run;
  std::shared_ptr<void> storage;  ///< keeps the buffers alive
  double checksum() const;        ///< reads the output, so that the work cannot be optimised away
  std::function<double()> sum;
};

/// A kernel for the configuration in `s` (type, input and output shapes, kernel, stride, groups, batch).
/// Types without a kernel (none today) throw std::invalid_argument.
LayerKernel make_layer_kernel(const LayerSample& s);

}  // namespace splitsim
