// The files of docs/reproduction.md and the Markdown tables `splitsim paper` prints.

#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/checked_file.hpp"
#include "core/columns.hpp"
#include "core/input_error.hpp"
#include "paper/paper.hpp"
#include "paper/paper_math.hpp"

namespace splitsim {
namespace {

namespace fs = std::filesystem;

/// Writes `text` to `name` inside the reserved output folder.
void write(const OutputTarget& out, const fs::path& name, const std::string& text) {
  write_checked(out.scratch() / name, text, out.shown(name.string()));
}

// A (mobile, wireless) column of the paper's tables.
struct MobileWireless {
  std::string mobile, wireless;
  std::string label() const { return mobile + " " + wireless; }
};

std::vector<MobileWireless> columns_of(const PaperSpec& spec) {
  std::vector<MobileWireless> out;
  for (const auto& m : spec.mobiles) {
    for (const auto& w : spec.wireless) out.push_back({m.first, w.label});
  }
  return out;
}

const Cell& find(const std::vector<Cell>& cells, const std::string& b, const MobileWireless& c) {
  for (const auto& cell : cells) {
    if (cell.benchmark == b && cell.mobile == c.mobile && cell.wireless == c.wireless) return cell;
  }
  throw std::out_of_range("no cell");
}

// Which aggregate rows paper.json's `aggregate` setting asks for.
bool shows(const PaperSpec& spec, bool arithmetic) {
  const std::string& a = spec.settings.aggregate;
  return a == "both" || a == (arithmetic ? "arithmetic" : "geometric");
}


std::string upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// A Markdown table: benchmarks by (mobile, wireless) columns, with mean and geomean rows when asked.
std::string table(const PaperSpec& spec, const std::vector<Cell>& cells, const std::function<std::string(const Cell&)>& cell,
                  const std::function<double(const Cell&)>& value, bool aggregates) {
  auto cols = columns_of(spec);
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
      if (!shows(spec, g == 0)) continue;
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
// geometric mean of the column named `aggregated` (the other columns of those rows are empty).
std::string cells_csv(const PaperSpec& spec, const std::vector<Cell>& cells, const Columns<Cell>& columns,
                      const std::string& aggregated, const std::function<double(const Cell&)>& value) {
  const std::size_t at = column_index(columns, aggregated);
  const std::string lead(at, ','), tail(columns.size() - at - 1, ',');
  auto aggregates = [&](const std::string& mobile, const std::string& wireless, const std::vector<double>& v) {
    std::string rows;
    if (shows(spec, true)) rows += fmt::format("{},{},mean,{}{:.6f}{}\n", mobile, wireless, lead, mean(v), tail);
    if (shows(spec, false)) rows += fmt::format("{},{},geomean,{}{:.6f}{}\n", mobile, wireless, lead, geomean(v), tail);
    return rows;
  };
  std::string csv = "mobile,wireless,benchmark," + csv_header(columns) + "\n";
  std::map<std::string, std::vector<double>> all;
  for (const auto& c : columns_of(spec)) {
    std::vector<double> v;
    for (const auto& b : spec.benchmarks) {
      const Cell& cell = find(cells, b, c);
      csv += fmt::format("{},{},{},{}\n", c.mobile, c.wireless, b, csv_row(columns, cell));
      v.push_back(value(cell));
      all[c.mobile].push_back(value(cell));
    }
    csv += aggregates(c.mobile, c.wireless, v);
  }
  for (const auto& [m, v] : all) csv += aggregates(m, "all", v);
  return csv;
}

std::string latency_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  static const Columns<Cell> columns{
      column<Cell>("status_quo_ms", "{:.6f}", [](const Cell& c) { return c.status_quo.latency_ms; }),
      column<Cell>("neurosurgeon_ms", "{:.6f}", [](const Cell& c) { return c.ns_latency.latency_ms; }),
      column<Cell>("local_ms", "{:.6f}", [](const Cell& c) { return c.local.latency_ms; }),
      column<Cell>("speedup", "{:.6f}", [](const Cell& c) { return speedup(c); }),
      column<Cell>("speedup_vs_local", "{:.6f}", [](const Cell& c) { return c.local.latency_ms / c.ns_latency.latency_ms; }),
  };
  return cells_csv(spec, cells, columns, "speedup", speedup);
}

std::string energy_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  static const Columns<Cell> columns{
      column<Cell>("status_quo_j", "{:.9f}", [](const Cell& c) { return c.status_quo.energy_j(); }),
      column<Cell>("neurosurgeon_j", "{:.9f}", [](const Cell& c) { return c.ns_energy.energy_j(); }),
      column<Cell>("local_j", "{:.9f}", [](const Cell& c) { return c.local.energy_j(); }),
      column<Cell>("normalised_energy", "{:.6f}", [](const Cell& c) { return normalised(c); }),
      column<Cell>("local_normalised_energy", "{:.6f}", [](const Cell& c) { return c.local.energy_j() / c.status_quo.energy_j(); }),
      column<Cell>("tail_j", "{:.9f}", [](const Cell& c) { return c.ns_energy.tail_j; }),
  };
  return cells_csv(spec, cells, columns, "normalised_energy", normalised);
}

std::string partitions_csv(const PaperSpec& spec, const std::vector<Cell>& cells) {
  std::string csv = "objective,mobile,wireless,benchmark,split_after\n";
  for (const char* objective : {"latency", "energy"}) {
    for (const auto& c : columns_of(spec)) {
      for (const auto& b : spec.benchmarks) {
        const Cell& cell = find(cells, b, c);
        csv += fmt::format("{},{},{},{},{}\n", objective, c.mobile, c.wireless, b,
                           std::string(objective) == "latency" ? cell.ns_latency.split : cell.ns_energy.split);
      }
    }
  }
  return csv;
}

std::string breakdown_csv(const Cell& cell) {
  using O = Outcome;
  static const Columns<O> columns{
      column<O>("split_index", "{}", [](const O& o) { return o.split_index; }),
      column<O>("split_after", "{}", [](const O& o) { return o.split; }),
      column<O>("mobile_ms", "{:.6f}", [](const O& o) { return o.mobile_ms; }),
      column<O>("upload_ms", "{:.6f}", [](const O& o) { return o.upload_ms; }),
      column<O>("server_ms", "{:.6f}", [](const O& o) { return o.server_ms; }),
      column<O>("latency_ms", "{:.6f}", [](const O& o) { return o.latency_ms; }),
      column<O>("compute_energy_j", "{:.9f}", [](const O& o) { return o.mobile_j; }),
      column<O>("radio_energy_j", "{:.9f}", [](const O& o) { return o.radio_j; }),
      column<O>("total_energy_j", "{:.9f}", [](const O& o) { return o.energy_j(); }),
  };
  return csv_table(columns, cell.per_split);
}

std::string load_csv(const std::vector<LoadPoint>& points) {
  using P = LoadPoint;
  static const Columns<P> columns{
      column<P>("server", "{}", [](const P& p) { return p.server; }),
      column<P>("load_percent", "{}", [](const P& p) { return p.load_percent; }),
      column<P>("status_quo_split", "{}", [](const P& p) { return p.status_quo.split; }),
      column<P>("status_quo_ms", "{:.6f}", [](const P& p) { return p.status_quo.latency_ms; }),
      column<P>("neurosurgeon_split", "{}", [](const P& p) { return p.neurosurgeon.split; }),
      column<P>("neurosurgeon_ms", "{:.6f}", [](const P& p) { return p.neurosurgeon.latency_ms; }),
      column<P>("speedup", "{:.6f}", [](const P& p) { return p.status_quo.latency_ms / p.neurosurgeon.latency_ms; }),
  };
  return csv_table(columns, points);
}

std::string lte_csv(const std::vector<LtePoint>& points) {
  using P = LtePoint;
  static const Columns<P> columns{
      column<P>("t_s", "{:.3f}", [](const P& p) { return p.t_s; }),
      column<P>("bandwidth_mbps", "{:.4f}", [](const P& p) { return p.bandwidth_mbps; }),
      column<P>("status_quo_ms", "{:.6f}", [](const P& p) { return p.status_quo.latency_ms; }),
      column<P>("neurosurgeon_split", "{}", [](const P& p) { return p.neurosurgeon.split; }),
      column<P>("neurosurgeon_ms", "{:.6f}", [](const P& p) { return p.neurosurgeon.latency_ms; }),
      column<P>("greedy_oracle_split", "{}", [](const P& p) { return p.oracle.split; }),
      column<P>("greedy_oracle_ms", "{:.6f}", [](const P& p) { return p.oracle.latency_ms; }),
  };
  return csv_table(columns, points);
}

std::string throughput_csv(const std::vector<ThroughputPoint>& points) {
  using P = ThroughputPoint;
  static const Columns<P> columns{
      column<P>("wireless", "{}", [](const P& p) { return p.wireless; }),
      column<P>("gpu_share_percent", "{}", [](const P& p) { return p.gpu_share_percent; }),
      column<P>("status_quo_qps", "{:.3f}", [](const P& p) { return p.status_quo_qps; }),
      column<P>("neurosurgeon_qps", "{:.3f}", [](const P& p) { return p.neurosurgeon_qps; }),
      {"gain", [](const P& p) {  // empty when the status quo meets the target at no rate
         return p.status_quo_qps > 0 ? fmt::format("{:.4f}", p.neurosurgeon_qps / p.status_quo_qps) : std::string();
       }},
      column<P>("neurosurgeon_at_search_limit", "{}", [](const P& p) { return p.neurosurgeon_unbounded ? "true" : "false"; }),
      column<P>("static_qps", "{:.3f}", [](const P& p) { return p.static_qps; }),
      {"static_gain", [](const P& p) {
         return p.status_quo_qps > 0 ? fmt::format("{:.4f}", p.static_qps / p.status_quo_qps) : std::string();
       }},
      column<P>("static_at_search_limit", "{}", [](const P& p) { return p.static_at_limit ? "true" : "false"; }),
      column<P>("neurosurgeon_offloaded_share", "{:.4f}", [](const P& p) { return p.neurosurgeon_offloaded_share; }),
      column<P>("static_offloaded_share", "{:.4f}", [](const P& p) { return p.static_offloaded_share; }),
  };
  return csv_table(columns, points);
}

std::string cells_markdown(const PaperSpec& spec, const PaperResults& r) {
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
  return md;
}

std::string load_markdown(const PaperResults& r) {
  std::string md;
  md += "\n## Server load (AlexNet, mobile CPU, Wi-Fi)\n\n| server | load | status quo ms | Neurosurgeon split | Neurosurgeon ms | speedup |\n|---|---|---|---|---|---|\n";
  for (const auto& p : r.load) {
    md += fmt::format("| {} | {:.0f} % | {:.1f} | {} | {:.1f} | {:.2f} |\n", p.server, p.load_percent, p.status_quo.latency_ms, p.neurosurgeon.split,
                      p.neurosurgeon.latency_ms, p.status_quo.latency_ms / p.neurosurgeon.latency_ms);
  }
  return md;
}

std::string lte_markdown(const PaperResults& r) {
  std::string md;
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
                    "| Neurosurgeon | {:.1f} | {} ({} changes) |\n| greedy oracle | {:.1f} | {} |\n",
                    r.lte.size(), mean(bw), mean(sq), mean(ns), splits(ns_splits), switches, mean(oracle), splits(oracle_splits));
  return md;
}

std::string throughput_markdown(const PaperSpec& spec, const PaperResults& r) {
  std::string md;
  md += fmt::format("\n## Datacenter throughput (mean server sojourn ≤ {} ms; phones running the eight benchmarks equally)\n\n"
                    "Static: each benchmark, device and network keeps the split chosen at the idle server (BigHouse's "
                    "method); load-aware: Neurosurgeon probes the server and moves work to the phones as the backlog grows.\n\n"
                    "| wireless | GPU phones | status quo q/s | static q/s | static gain | load-aware q/s | load-aware gain |\n"
                    "|---|---|---|---|---|---|---|\n",
                    spec.target_sojourn_ms);
  auto rate = [&](double qps, bool unreachable, bool at_limit, double share) {
    if (share == 0 && at_limit) return std::string("nothing reaches the server: every query runs on its phone");
    if (unreachable) return fmt::format("target not met at any rate (one query's service alone exceeds {} ms)", spec.target_sojourn_ms);
    if (at_limit) return fmt::format("no limit found up to {:.0f} q/s: almost nothing reaches the server", qps);
    return fmt::format("{:.1f}", qps);
  };
  for (const auto& p : r.throughput) {
    auto gain = [&](double qps, bool finite) {
      return finite && p.status_quo_qps > 0 ? fmt::format("{:.2f}×", qps / p.status_quo_qps) : std::string("–");
    };
    md += fmt::format("| {} | {:.0f} % | {} | {} | {} | {} | {} |\n", p.wireless, p.gpu_share_percent,
                      rate(p.status_quo_qps, p.status_quo_unreachable, false, 1),
                      rate(p.static_qps, false, p.static_at_limit, p.static_offloaded_share),
                      gain(p.static_qps, !p.static_at_limit), rate(p.neurosurgeon_qps, p.neurosurgeon_unreachable, p.neurosurgeon_unbounded, p.neurosurgeon_offloaded_share),
                      gain(p.neurosurgeon_qps, !p.neurosurgeon_unbounded && !p.neurosurgeon_unreachable));
  }
  return md;
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
    write(out, fs::path("breakdown") / fmt::format("{}-{}-{}.csv", cell.benchmark, cell.mobile, cell.wireless), breakdown_csv(cell));
  }
  write(out, "server-load.csv", load_csv(r.load));
  write(out, "lte-variation.csv", lte_csv(r.lte));
  write(out, "throughput.csv", throughput_csv(r.throughput));
  if (spec.tails) write(out, "tails.csv", tails_csv(r.tails));
  if (spec.phone_load) write(out, "phone-load.csv", phone_load_csv(r.phone_load));
  if (spec.misprediction) write(out, "mispredictions.csv", mispredictions_csv(r.mispredictions));
  if (spec.learning) write(out, "learning.csv", learning_csv(r.learning));

  // The Markdown report.
  write(out, "margins.csv", margins_csv(r.cells));
  std::string md = cells_markdown(spec, r) + headline_markdown(spec, r) + margins_markdown(r.cells) + load_markdown(r) +
                   lte_markdown(r) + throughput_markdown(spec, r) + tails_markdown(r.tails) +
                   (spec.phone_load ? phone_load_markdown(r.phone_load) : "") +
                   (spec.misprediction ? mispredictions_markdown(spec, r.mispredictions) : "") +
                   (spec.learning ? learning_markdown(r.learning) : "");
  write(out, "tables.md", md);
  return md;
}

}  // namespace splitsim
