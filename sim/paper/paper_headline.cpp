// The paper's published aggregates beside splitsim's: the abstract's averages and maxima, the speedup figure's
// bars above 20×, and the per-benchmark bars. The published numbers are printed, never used.
#include <algorithm>

#include <fmt/format.h>

#include "paper/paper_math.hpp"

namespace splitsim {
namespace {

std::string label(const Cell& c) { return fmt::format("{}, {}, {}", c.benchmark, c.mobile, c.wireless); }

// `unit` is "×" or "%" (a fraction shown in percent).
std::string row(const std::string& what, const std::string& ours, double published, double value, std::string_view unit) {
  if (published <= 0) return fmt::format("| {} | {} | – | – |\n", what, ours);
  std::string theirs = unit == "%" ? fmt::format("{:.3g} %", published * 100) : fmt::format("{:.3g}{}", published, unit);
  return fmt::format("| {} | {} | {} | {:.2f} |\n", what, ours, theirs, value / published);
}

std::string latency_rows(const std::vector<Cell>& cells, const PaperSpec::Published& p) {
  std::vector<double> v;
  for (const Cell& c : cells) v.push_back(speedup(c));
  const Cell& top = *std::max_element(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return speedup(a) < speedup(b); });
  return row(fmt::format("latency speedup, geometric mean of the {} cells", v.size()), fmt::format("{:.2f}×", geomean(v)),
             p.speedup_mean, geomean(v), "×") +
         row("latency speedup, arithmetic mean", fmt::format("{:.2f}×", mean(v)), p.speedup_mean, mean(v), "×") +
         row(fmt::format("latency speedup, maximum ({})", label(top)), fmt::format("{:.2f}×", speedup(top)), p.speedup_max,
             speedup(top), "×");
}

std::string energy_rows(const std::vector<Cell>& cells, const PaperSpec::Published& p) {
  std::vector<double> v;
  for (const Cell& c : cells) v.push_back(normalised(c));
  const Cell& best = *std::min_element(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return normalised(a) < normalised(b); });
  double geo = 1 - geomean(v), arith = 1 - mean(v), max = 1 - normalised(best);
  return row("mobile energy reduction, 1 − geometric mean of the normalised energy", fmt::format("{:.1f} %", geo * 100),
             p.energy_reduction_mean, geo, "%") +
         row("mobile energy reduction, 1 − arithmetic mean", fmt::format("{:.1f} %", arith * 100), p.energy_reduction_mean, arith, "%") +
         row(fmt::format("mobile energy reduction, maximum ({})", label(best)), fmt::format("{:.1f} %", max * 100),
             p.energy_reduction_max, max, "%");
}

// `mode` "static" (BigHouse's method, as the paper) or "load-aware".
std::string throughput_rows(const std::vector<ThroughputPoint>& points, const PaperSpec::Published& p, bool load_aware) {
  const char* mode = load_aware ? "load-aware" : "static";
  std::vector<double> v;
  const ThroughputPoint* top = nullptr;
  double top_gain = 0;
  for (const ThroughputPoint& t : points) {
    bool finite = load_aware ? !t.neurosurgeon_unbounded && !t.neurosurgeon_unreachable : !t.static_at_limit;
    if (t.status_quo_qps <= 0 || !finite) continue;
    v.push_back((load_aware ? t.neurosurgeon_qps : t.static_qps) / t.status_quo_qps);
    if (top == nullptr || v.back() > top_gain) top = &t, top_gain = v.back();
  }
  if (v.empty()) return fmt::format("| throughput gain, {} | no finite gain | – | – |\n", mode);
  std::string left_out = v.size() == points.size() ? "" : fmt::format("; {} without a ratio left out", points.size() - v.size());
  return row(fmt::format("throughput gain, {}, geometric mean of {} points{}", mode, v.size(), left_out),
             fmt::format("{:.2f}×", geomean(v)), p.throughput_mean, geomean(v), "×") +
         row(fmt::format("throughput gain, {}, arithmetic mean", mode), fmt::format("{:.2f}×", mean(v)), p.throughput_mean, mean(v), "×") +
         row(fmt::format("throughput gain, {}, maximum ({}, {:.0f} % GPU phones)", mode, top->wireless, top->gpu_share_percent),
             fmt::format("{:.2f}×", top_gain), p.throughput_max, top_gain, "×");
}

// Per mobile: the bars above 20× and the figure's labelled ones; per benchmark: the geometric mean over networks.
std::string bars(const PaperSpec& spec, const std::vector<Cell>& cells, const PaperSpec::Published& p) {
  std::string out = "\n| mobile | bars above 20× in splitsim | labelled above 20× in the paper's figure |\n|---|---|---|\n";
  for (const auto& [mobile, platform] : spec.mobiles) {
    std::vector<std::string> above;
    for (const Cell& c : cells) {
      if (c.mobile == mobile && speedup(c) > 20) above.push_back(fmt::format("{} {} {:.1f}×", c.benchmark, c.wireless, speedup(c)));
    }
    std::vector<std::string> published;
    if (auto it = p.labels_above_20.find(mobile); it != p.labels_above_20.end()) {
      for (double v : it->second) published.push_back(fmt::format("{:.1f}×", v));
    }
    out += fmt::format("| {} | {}: {} | {}: {} |\n", mobile, above.size(), above.empty() ? "–" : fmt::format("{}", fmt::join(above, ", ")),
                       published.size(), published.empty() ? "–" : fmt::format("{}", fmt::join(published, ", ")));
  }
  out += "\nPer benchmark, the geometric mean of its speedups over the wireless networks:\n\n| benchmark |";
  for (const auto& m : spec.mobiles) out += fmt::format(" {} |", m.first);
  out += "\n|---|";
  for (std::size_t i = 0; i < spec.mobiles.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& b : spec.benchmarks) {
    out += fmt::format("| {} |", b);
    for (const auto& m : spec.mobiles) {
      std::vector<double> v;
      for (const Cell& c : cells) {
        if (c.benchmark == b && c.mobile == m.first) v.push_back(speedup(c));
      }
      out += fmt::format(" {:.2f}× |", geomean(v));
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string headline_markdown(const PaperSpec& spec, const PaperResults& r) {
  PaperSpec::Published p = spec.published.value_or(PaperSpec::Published{});
  std::string md = "\n## Headline aggregates beside the paper's abstract\n\n"
                   "The abstract does not say which mean its averages are; both are shown. Ratios are splitsim / paper.\n\n"
                   "| aggregate | splitsim | paper | ratio |\n|---|---|---|---|\n";
  md += latency_rows(r.cells, p) + energy_rows(r.cells, p) + throughput_rows(r.throughput, p, false) +
        throughput_rows(r.throughput, p, true);
  return md + bars(spec, r.cells, p);
}

}  // namespace splitsim
