#include "profile/layer_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <Eigen/Dense>
#include <fmt/format.h>

namespace splitsim {
namespace {

using Vec = Eigen::VectorXf;
using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapMat = Eigen::Map<Mat>;
using ConstMapMat = Eigen::Map<const Mat>;

struct Buffers {
  Vec in, out, weights, scratch;
};

Vec random_vector(std::int64_t n, unsigned seed) {
  Vec v(n);
  unsigned x = seed * 2654435761u + 1;
  for (std::int64_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    v[i] = static_cast<float>(x >> 8) / static_cast<float>(1u << 24) - 0.5f;
  }
  return v;
}

// Caffe's im2col for one image and one group: rows are (channel, ky, kx), columns output positions.
void im2col(const float* in, std::int64_t c, std::int64_t h, std::int64_t w, std::int64_t k, std::int64_t stride,
            std::int64_t pad, std::int64_t oh, std::int64_t ow, float* col) {
  for (std::int64_t ch = 0; ch < c; ++ch) {
    for (std::int64_t ky = 0; ky < k; ++ky) {
      for (std::int64_t kx = 0; kx < k; ++kx) {
        float* row = col + ((ch * k + ky) * k + kx) * oh * ow;
        for (std::int64_t y = 0; y < oh; ++y) {
          std::int64_t iy = y * stride - pad + ky;
          for (std::int64_t x = 0; x < ow; ++x) {
            std::int64_t ix = x * stride - pad + kx;
            row[y * ow + x] = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? in[(ch * h + iy) * w + ix] : 0.0f;
          }
        }
      }
    }
  }
}

// The padding that makes the sample's output size come out of its input size, kernel and stride.
std::int64_t implied_pad(std::int64_t in, std::int64_t out, std::int64_t k, std::int64_t s) {
  return std::max<std::int64_t>(0, ((out - 1) * s + k - in + 1) / 2);
}

// One kernel per layer type (docs/architecture.md, "A new layer type"): fills the weights and sets run.
void conv_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  const std::int64_t oc = s.out_c, oh = s.out_h, ow = s.out_w, k = s.kernel, st = s.stride;
  const std::int64_t g = s.groups, icg = ic / g, ocg = oc / g, pad = implied_pad(ih, oh, k, st);
  p->weights = random_vector(oc * icg * k * k, 2);
  p->scratch = Vec::Zero(icg * k * k * oh * ow);
  kernel.run = [p, n, ic, ih, iw, oc, oh, ow, k, st, g, icg, ocg, pad] {
    for (std::int64_t img = 0; img < n; ++img) {
      for (std::int64_t grp = 0; grp < g; ++grp) {
        const float* in = p->in.data() + (img * ic + grp * icg) * ih * iw;
        im2col(in, icg, ih, iw, k, st, pad, oh, ow, p->scratch.data());
        ConstMapMat w(p->weights.data() + grp * ocg * icg * k * k, ocg, icg * k * k);
        ConstMapMat col(p->scratch.data(), icg * k * k, oh * ow);
        MapMat out(p->out.data() + (img * oc + grp * ocg) * oh * ow, ocg, oh * ow);
        out.noalias() = w * col;
      }
    }
  };
}

void local_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  const std::int64_t oc = s.out_c, oh = s.out_h, ow = s.out_w, k = s.kernel, st = s.stride;
  const std::int64_t pad = implied_pad(ih, oh, k, st), kk = ic * k * k;
  p->weights = random_vector(oh * ow * oc * kk, 2);
  p->scratch = Vec::Zero(kk * oh * ow);
  kernel.run = [p, n, ic, ih, iw, oc, oh, ow, k, st, pad, kk] {
    for (std::int64_t img = 0; img < n; ++img) {
      im2col(p->in.data() + img * ic * ih * iw, ic, ih, iw, k, st, pad, oh, ow, p->scratch.data());
      ConstMapMat col(p->scratch.data(), kk, oh * ow);
      for (std::int64_t loc = 0; loc < oh * ow; ++loc) {  // unshared weights: one product per location
        ConstMapMat w(p->weights.data() + loc * oc * kk, oc, kk);
        Vec v = w * col.col(loc);
        for (std::int64_t o = 0; o < oc; ++o) p->out[(img * oc + o) * oh * ow + loc] = v[o];
      }
    }
  };
}

void fc_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w, oc = s.out_c, oh = s.out_h, ow = s.out_w;
  const std::int64_t in_f = ic * ih * iw, out_f = oc * oh * ow;
  p->weights = random_vector(out_f * in_f, 2);
  kernel.run = [p, n, in_f, out_f] {
    ConstMapMat x(p->in.data(), n, in_f);
    ConstMapMat w(p->weights.data(), out_f, in_f);
    MapMat y(p->out.data(), n, out_f);
    y.noalias() = x * w.transpose();
  };
}

void pool_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  const std::int64_t oh = s.out_h, ow = s.out_w, k = s.kernel, st = s.stride;
  const bool is_max = s.type == LayerType::maxpool;
  kernel.run = [p, n, ic, ih, iw, oh, ow, k, st, is_max] {
    for (std::int64_t plane = 0; plane < n * ic; ++plane) {
      const float* in = p->in.data() + plane * ih * iw;
      float* out = p->out.data() + plane * oh * ow;
      for (std::int64_t y = 0; y < oh; ++y) {
        for (std::int64_t x = 0; x < ow; ++x) {
          float acc = is_max ? -1e30f : 0.0f;
          for (std::int64_t ky = 0; ky < k && y * st + ky < ih; ++ky) {
            for (std::int64_t kx = 0; kx < k && x * st + kx < iw; ++kx) {
              float v = in[(y * st + ky) * iw + x * st + kx];
              acc = is_max ? std::max(acc, v) : acc + v;
            }
          }
          out[y * ow + x] = is_max ? acc : acc / static_cast<float>(k * k);
        }
      }
    }
  };
}

void global_avgpool_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  kernel.run = [p, n, ic, ih, iw] {
    for (std::int64_t plane = 0; plane < n * ic; ++plane) {
      p->out[plane] = p->in.segment(plane * ih * iw, ih * iw).mean();
    }
  };
}

void relu_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in.cwiseMax(0.0f); };
}

void leaky_relu_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in.array().max(0.01f * p->in.array()).matrix(); };
}

void sigmoid_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = (1.0f + (-p->in.array()).exp()).inverse().matrix(); };
}

void tanh_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in.array().tanh().matrix(); };
}

void htanh_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in.cwiseMax(-1.0f).cwiseMin(1.0f); };
}

void copy_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in.head(p->out.size()); };
}

void batchnorm_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = (p->in.array() * 0.9f + 0.1f).matrix(); };
}

void add_kernel(const LayerSample&, Buffers* p, LayerKernel& kernel) {
  kernel.run = [p] { p->out = p->in + p->in; };
}

void lrn_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w, k = s.kernel;
  const std::int64_t size = k, plane = ih * iw;
  p->scratch = Vec::Zero(ic * plane);
  kernel.run = [p, n, ic, plane, size] {
    const float alpha = 1e-4f, beta = 0.75f;
    for (std::int64_t img = 0; img < n; ++img) {
      const float* in = p->in.data() + img * ic * plane;
      float* out = p->out.data() + img * ic * plane;
      Eigen::Map<const Eigen::ArrayXXf> x(in, plane, ic);
      Eigen::Map<Eigen::ArrayXXf> sq(p->scratch.data(), plane, ic);
      sq = x.square();
      for (std::int64_t c = 0; c < ic; ++c) {
        std::int64_t lo = std::max<std::int64_t>(0, c - size / 2), hi = std::min(ic - 1, c + size / 2);
        Eigen::ArrayXf sum = sq.block(0, lo, plane, hi - lo + 1).rowwise().sum();
        Eigen::Map<Eigen::ArrayXf>(out + c * plane, plane) =
            x.col(c) * (1.0f + alpha / static_cast<float>(size) * sum).pow(-beta);
      }
    }
  };
}

void softmax_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  const std::int64_t f = ic * ih * iw;
  kernel.run = [p, n, f] {
    for (std::int64_t item = 0; item < n; ++item) {
      auto x = p->in.segment(item * f, f).array();
      auto y = p->out.segment(item * f, f).array();
      y = (x - x.maxCoeff()).exp();
      y /= y.sum();
    }
  };
}

void argmax_kernel(const LayerSample& s, Buffers* p, LayerKernel& kernel) {
  const std::int64_t n = s.batch, ic = s.in_c, ih = s.in_h, iw = s.in_w;
  const std::int64_t f = ic * ih * iw;
  kernel.run = [p, n, f] {
    for (std::int64_t item = 0; item < n; ++item) {
      Eigen::Index at = 0;
      p->in.segment(item * f, f).maxCoeff(&at);
      p->out[item] = static_cast<float>(at);
    }
  };
}

using KernelMaker = void (*)(const LayerSample&, Buffers*, LayerKernel&);

// The kernel of each type that has one (not the input).
constexpr std::pair<LayerType, KernelMaker> kKernels[] = {
    {LayerType::conv, conv_kernel},
    {LayerType::local, local_kernel},
    {LayerType::fc, fc_kernel},
    {LayerType::maxpool, pool_kernel},
    {LayerType::avgpool, pool_kernel},
    {LayerType::global_avgpool, global_avgpool_kernel},
    {LayerType::relu, relu_kernel},
    {LayerType::sigmoid, sigmoid_kernel},
    {LayerType::tanh, tanh_kernel},
    {LayerType::htanh, htanh_kernel},
    {LayerType::lrn, lrn_kernel},
    {LayerType::batchnorm, batchnorm_kernel},
    {LayerType::dropout, copy_kernel},
    {LayerType::softmax, softmax_kernel},
    {LayerType::argmax, argmax_kernel},
    {LayerType::flatten, copy_kernel},
    {LayerType::add, add_kernel},
    {LayerType::concat, copy_kernel},
    {LayerType::leaky_relu, leaky_relu_kernel},
};

}  // namespace

double LayerKernel::checksum() const { return sum ? sum() : 0.0; }

LayerKernel make_layer_kernel(const LayerSample& s) {
  auto it = std::find_if(std::begin(kKernels), std::end(kKernels), [&](const auto& k) { return k.first == s.type; });
  if (it == std::end(kKernels)) throw std::invalid_argument(fmt::format("a {} layer has no kernel", layer_type_name(s.type)));
  KernelMaker make = it->second;
  auto b = std::make_shared<Buffers>();
  b->in = random_vector(s.input_elements(), 1);
  b->out = Vec::Zero(s.output_elements());
  LayerKernel kernel;
  kernel.storage = b;
  kernel.sum = [b] { return static_cast<double>(b->out.sum()); };
  make(s, b.get(), kernel);
  return kernel;
}

}  // namespace splitsim
