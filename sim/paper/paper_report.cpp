// The files of SPEC 5 and the Markdown tables `splitsim paper` prints.

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "core/input_error.hpp"
#include "paper/paper.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

/// Writes `text` to `name` inside the reserved output folder.
void write(const OutputTarget& out, const fs::path& name, const std::string& text) {
  write_checked(out.scratch() / name, text, out.shown(name.string()));
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return v.empty() ? 0 : s / static_cast<double>(v.size());
}

double geomean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += std::log(x);
  return v.empty() ? 0 : std::exp(s / static_cast<double>(v.size()));
}

struct Column {
  std::string mobile, wireless;
  std::string label() const { return mobile + " " + wireless; }
};

std::vector<Column> columns(const PaperSpec& spec) {
  std::vector<Column> out;
  for (const auto& m : spec.mobiles) {
    for (const auto& w : spec.wireless) out.push_back({m.first, w.label});
  }
  return out;
}

const Cell& find(const std::vector<Cell>& cells, const std::string& b, const Column& c) {
  for (const auto& cell : cells) {
    if (cell.benchmark == b && cell.mobile == c.mobile && cell.wireless == c.wireless) return cell;
  }
  throw std::out_of_range("no cell");
}

double speedup(const Cell& c) { return c.status_quo.latency_ms / c.ns_latency.latency_ms; }
double normalised(const Cell& c) { return c.ns_energy.energy_j() / c.status_quo.energy_j(); }

std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// A Markdown table: benchmarks by (mobile, wireless) columns, with mean and geomean rows when asked.
std::string table(const PaperSpec& spec, const std::vector<Cell>& cells, const std::function<std::string(const Cell&)>& cell,
                  const std::function<double(const Cell&)>& value, bool aggregates) {
  auto cols = columns(spec);
  std::string out = "| benchmark |";
  for (const auto& c : cols) out += " " + c.label() + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < cols.size(); ++i) out += "---|";
  out += "\n";
  for (const auto& b : spec.benchmarks) {
    out += "| " + upper(b) + " |";
    for (const auto& c : cols) out += " " + cell(find(cells, b, c)) + " |";
    out += "\n";
  }
  if (aggregates) {
    for (int g = 0; g < 2; ++g) {
      out += g == 0 ? "| mean |" : "| geomean |";
      for (const auto& c : cols) {
        std::vector<double> v;
        for (const auto& b : spec.benchmarks) v.push_back(value(find(cells, b, c)));
        out += fmt::format(" {:.2f} |", g == 0 ? mean(v) : geomean(v));
      }
      out += "\n";
    }
  }
  return out;
}

// One row per cell, then per (mobile, wireless) column and per mobile over all wireless networks the mean and
// geometric mean of `value`, written in the column after `before` empty cells and followed by `after` ones.
std::string cells_csv(const PaperSpec& spec, const std::vector<Cell>& cells, const std::string& header,
                      const std::function<std::string(const Cell&)>& row, const std::function<double(const Cell&)>& value,
                      int before, int after) {
  const std::string lead(static_cast<std::size_t>(before), ','), tail(static_cast<std::size_t>(after), ',');
  auto aggregates = [&](const std::string& mobile, const std::string& wireless, const std::vector<double>& v) {
    return fmt::format("{},{},mean,{}{:.6f}{}\n{},{},geomean,{}{:.6f}{}\n", mobile, wireless, lead, mean(v), tail, mobile,
                       wireless, lead, geomean(v), tail);
  };
  std::string csv = header + "\n";
  std::map<std::string, std::vector<double>> all;
  for (const auto& c : columns(spec)) {
    std::vector<double> v;
    for (const auto& b : spec.benchmarks) {
      const Cell& cell = find(cells, b, c);
      csv += fmt::format("{},{},{},{}\n", c.mobile, c.wireless, b, row(cell));
      v.push_back(value(cell));
      all[c.mobile].push_back(value(cell));
    }
    csv += aggregates(c.mobile, c.wireless, v);
  }
  for (const auto& [m, v] : all) csv += aggregates(m, "all", v);
  return csv;
}

std::string latency_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  return cells_csv(
      spec, cells, "mobile,wireless,benchmark,status_quo_ms,neurosurgeon_ms,local_ms,speedup,speedup_vs_local",
      [](const Cell& c) {
        return fmt::format("{:.6f},{:.6f},{:.6f},{:.6f},{:.6f}", c.status_quo.latency_ms, c.ns_latency.latency_ms,
                           c.local.latency_ms, speedup(c), c.local.latency_ms / c.ns_latency.latency_ms);
      },
      speedup, 3, 1);
}

std::string energy_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  return cells_csv(
      spec, cells,
      "mobile,wireless,benchmark,status_quo_j,neurosurgeon_j,local_j,normalised_energy,local_normalised_energy,tail_j",
      [](const Cell& c) {
        return fmt::format("{:.9f},{:.9f},{:.9f},{:.6f},{:.6f},{:.9f}", c.status_quo.energy_j(), c.ns_energy.energy_j(),
                           c.local.energy_j(), normalised(c), c.local.energy_j() / c.status_quo.energy_j(), c.ns_energy.tail_j);
      },
      normalised, 3, 2);
}

std::string partitions_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  std::string csv = "objective,mobile,wireless,benchmark,split_after\n";
  for (const char* objective : {"latency", "energy"}) {
    for (const auto& c : columns(spec)) {
      for (const auto& b : spec.benchmarks) {
        const Cell& cell = find(cells, b, c);
        csv += fmt::format("{},{},{},{},{}\n", objective, c.mobile, c.wireless, b,
                           std::string(objective) == "latency" ? cell.ns_latency.split : cell.ns_energy.split);
      }
    }
  }
  return csv;
}

}  // namespace

std::string write_paper_outputs(const PaperSpec& spec, const PaperResults& r, const OutputTarget& out) {
  std::error_code ec;
  fs::create_directories(out.scratch() / "breakdown", ec);
  if (ec) throw UsageError(fmt::format("cannot write {}: {}", out.shown("breakdown"), ec.message()));
  write(out, "partitions.csv", partitions_csv(spec, r.cells));
  write(out, "latency.csv", latency_csv(spec, r.cells));
  write(out, "energy.csv", energy_csv(spec, r.cells));
  write(out, "partitions-tails.csv", partitions_csv(spec, r.tail_cells));
  write(out, "latency-tails.csv", latency_csv(spec, r.tail_cells));
  write(out, "energy-tails.csv", energy_csv(spec, r.tail_cells));
  for (const auto& cell : r.cells) {
    std::string csv = "split_index,split_after,mobile_ms,upload_ms,server_ms,latency_ms,mobile_energy_j,radio_energy_j,energy_j\n";
    for (const auto& o : cell.per_split) {
      csv += fmt::format("{},{},{:.6f},{:.6f},{:.6f},{:.6f},{:.9f},{:.9f},{:.9f}\n", o.split_index, o.split, o.mobile_ms, o.upload_ms,
                         o.server_ms, o.latency_ms, o.mobile_j, o.radio_j, o.energy_j());
    }
    write(out, fs::path("breakdown") / fmt::format("{}-{}-{}.csv", cell.benchmark, cell.mobile, cell.wireless), csv);
  }
  std::string load = "server,load_percent,status_quo_split,status_quo_ms,neurosurgeon_split,neurosurgeon_ms,speedup\n";
  for (const auto& p : r.load) {
    load += fmt::format("{},{},{},{:.6f},{},{:.6f},{:.6f}\n", p.server, p.load_percent, p.status_quo.split, p.status_quo.latency_ms,
                        p.neurosurgeon.split, p.neurosurgeon.latency_ms, p.status_quo.latency_ms / p.neurosurgeon.latency_ms);
  }
  write(out, "server-load.csv", load);
  std::string lte = "t_s,bandwidth_mbps,status_quo_ms,neurosurgeon_split,neurosurgeon_ms,oracle_split,oracle_ms\n";
  for (const auto& p : r.lte) {
    lte += fmt::format("{:.3f},{:.4f},{:.6f},{},{:.6f},{},{:.6f}\n", p.t_s, p.bandwidth_mbps, p.status_quo.latency_ms,
                       p.neurosurgeon.split, p.neurosurgeon.latency_ms, p.oracle.split, p.oracle.latency_ms);
  }
  write(out, "lte-variation.csv", lte);
  std::string tp = "wireless,gpu_share_percent,status_quo_qps,neurosurgeon_qps,gain,neurosurgeon_at_search_limit\n";
  for (const auto& p : r.throughput) {
    tp += fmt::format("{},{},{:.3f},{:.3f},{:.4f},{}\n", p.wireless, p.gpu_share_percent, p.status_quo_qps, p.neurosurgeon_qps,
                      p.neurosurgeon_qps / p.status_quo_qps, p.neurosurgeon_unbounded ? "true" : "false");
  }
  write(out, "throughput.csv", tp);

  // The Markdown report.
  std::string md = "# Neurosurgeon, regenerated by splitsim\n\nPaper accounting (no RRC tails, no download), the "
                   "authors' average uplinks, platforms fitted from their 2015 measurements. docs/reproduction.md "
                   "gives the grounds of every setting.\n";
  auto split_cell = [](const Outcome& o) { return o.split; };
  md += "\n## Chosen partition points, latency objective\n\n" +
        table(spec, r.cells, [&](const Cell& c) { return split_cell(c.ns_latency); }, nullptr, false);
  md += "\n## Chosen partition points, energy objective\n\n" +
        table(spec, r.cells, [&](const Cell& c) { return split_cell(c.ns_energy); }, nullptr, false);
  md += "\n## End-to-end latency speedup over the status quo (cloud-only), ×\n\n" +
        table(spec, r.cells, [](const Cell& c) { return fmt::format("{:.2f}", speedup(c)); }, speedup, true);
  md += "\n## Mobile energy of Neurosurgeon (energy objective), normalised to the status quo\n\n" +
        table(spec, r.cells, [](const Cell& c) { return fmt::format("{:.2f}", normalised(c)); }, normalised, true);
  md += "\n## With RRC promotions and tails (what the paper left out)\n\nLatency speedup over the status quo, ×:\n\n" +
        table(spec, r.tail_cells, [](const Cell& c) { return fmt::format("{:.2f}", speedup(c)); }, speedup, true) +
        "\nNormalised mobile energy (tails included in both):\n\n" +
        table(spec, r.tail_cells, [](const Cell& c) { return fmt::format("{:.2f}", normalised(c)); }, normalised, true);
  md += "\n## Server load (AlexNet, mobile CPU, Wi-Fi)\n\n| server | load | status quo ms | Neurosurgeon split | Neurosurgeon ms | speedup |\n|---|---|---|---|---|---|\n";
  for (const auto& p : r.load) {
    md += fmt::format("| {} | {:.0f} % | {:.1f} | {} | {:.1f} | {:.2f} |\n", p.server, p.load_percent, p.status_quo.latency_ms, p.neurosurgeon.split,
                      p.neurosurgeon.latency_ms, p.status_quo.latency_ms / p.neurosurgeon.latency_ms);
  }
  {
    std::map<std::string, int> ns_splits, oracle_splits;
    std::vector<double> sq, ns, oracle, bw;
    int switches = 0;
    for (std::size_t i = 0; i < r.lte.size(); ++i) {
      const auto& p = r.lte[i];
      ++ns_splits[p.neurosurgeon.split];
      ++oracle_splits[p.oracle.split];
      sq.push_back(p.status_quo.latency_ms);
      ns.push_back(p.neurosurgeon.latency_ms);
      oracle.push_back(p.oracle.latency_ms);
      bw.push_back(p.bandwidth_mbps);
      if (i > 0 && p.neurosurgeon.split != r.lte[i - 1].neurosurgeon.split) ++switches;
    }
    auto splits = [](const std::map<std::string, int>& m) {
      std::string s;
      for (const auto& [k, v] : m) s += fmt::format("{}{} ×{}", s.empty() ? "" : ", ", k, v);
      return s;
    };
    md += fmt::format("\n## LTE bandwidth variation (AlexNet, mobile CPU, {} queries, mean uplink {:.2f} Mbps)\n\n"
                      "| | mean latency ms | splits |\n|---|---|---|\n| status quo | {:.1f} | input |\n"
                      "| Neurosurgeon | {:.1f} | {} ({} changes) |\n| oracle | {:.1f} | {} |\n",
                      r.lte.size(), mean(bw), mean(sq), mean(ns), splits(ns_splits), switches, mean(oracle), splits(oracle_splits));
  }
  md += fmt::format("\n## Datacenter throughput (mean server sojourn ≤ {} ms; phones running the eight benchmarks equally)\n\n"
                    "| wireless | GPU phones | status quo q/s | Neurosurgeon q/s | gain |\n|---|---|---|---|---|\n",
                    spec.target_sojourn_ms);
  for (const auto& p : r.throughput) {
    md += fmt::format("| {} | {:.0f} % | {:.1f} | {}{:.1f} | {}{:.2f}× |\n", p.wireless, p.gpu_share_percent, p.status_quo_qps,
                      p.neurosurgeon_unbounded ? "≥ " : "", p.neurosurgeon_qps, p.neurosurgeon_unbounded ? "≥ " : "",
                      p.neurosurgeon_qps / p.status_quo_qps);
  }
  write(out, "tables.md", md);
  return md;
}

}  // namespace splitsim
