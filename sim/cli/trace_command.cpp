// `splitsim trace info|transfer|fit|generate`: inspect, replay, fit and generate bandwidth traces.

#include <filesystem>
#include <optional>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/output_target.hpp"
#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "core/data_dir.hpp"
#include "link/trace_model.hpp"
#include "link/trace_reader.hpp"
#include "server/load_trace_reader.hpp"
#include "link/trace_stats.hpp"

namespace splitsim::cli {
namespace {

struct TraceOptions {
  std::string trace;
  std::string format = "auto";
  std::string convention = "auto";
  std::string kind = "bandwidth";
  double step_s = 300;
  std::string unit = "percent";
  double bytes = 0;
  double at_s = 0;
  std::string out;
  double duration_s = 600;
  std::int64_t seed = 1;
  bool force = false;
};

void add_format_options(CLI::App* cmd, TraceOptions& o) {
  cmd->add_option("--format", o.format, "auto, mahimahi or two-column (auto: one column is Mahimahi)")
      ->capture_default_str();
  cmd->add_option("--convention", o.convention,
                  "two-column traces: a sample covers [t, next) (start) or (previous, t] (end, Pensieve/HSDPA); auto "
                  "chooses by the spacing of the timestamps (docs/links.md)")
      ->capture_default_str();
}

// A file, or a shipped example trace by the name scenarios use (lte, wifi, 3g; server-load with --kind load).
std::string trace_path(const std::string& name, bool load) {
  std::error_code ec;
  if (name.starts_with("constant:") || std::filesystem::exists(name, ec)) return name;  // the reader judges what it is
  return resolve_data_file(name, "scenarios/traces", ".txt", load ? "load trace" : "trace",
                           load ? "server-load" : "wifi, lte, 3g");
}

CapacityTrace read(const TraceOptions& o, TraceReading* how = nullptr) {
  std::string path = trace_path(o.trace, false);
  try {
    return read_bandwidth_trace(path, parse_trace_format(o.format), parse_sample_convention(o.convention), how);
  } catch (const InputError& e) {
    // A load trace read as bandwidth fails on its ordering or its columns: say what it probably is.
    if (o.format != "auto" || path.starts_with("constant:")) throw;
    try {
      read_load_trace(path, o.step_s, parse_load_unit(o.unit));
    } catch (const std::exception&) {
      throw e;
    }
    throw InputError(e.file(), e.place(), e.problem() + "; it reads as a server load trace (one value per step): add --kind load");
  }
}

std::string reading_of(const TraceReading& how) {
  std::string what = std::string(enum_name<TraceFormat>(kTraceFormatNames, how.format));
  if (how.format == TraceFormat::two_column) what += fmt::format(", convention {}", enum_name<SampleConvention>(kSampleConventionNames, how.convention));
  return how.why.empty() ? what : fmt::format("{} (auto: {})", what, how.why);
}

std::string describe(const CapacityTrace& t) {
  if (t.kind() == CapacityTrace::Kind::packets) {
    return fmt::format("Mahimahi packet opportunities (1500 bytes each), {} per period, looping every {:.3f} s",
                       t.times_ns().size(), t.period().seconds());
  }
  if (t.times_ns().size() == 1) return fmt::format("constant {:.6g} Mbps", t.rates_bps()[0] * 1e-6);
  return fmt::format("piecewise-constant, {} samples, looping every {:.3f} s", t.times_ns().size(),
                     t.period().seconds());
}

void run_info(const TraceOptions& o) {
  if (o.kind == "load") {
    LoadTrace t = read_load_trace(trace_path(o.trace, true), o.step_s, parse_load_unit(o.unit));
    TraceStats s = load_stats(t);
    fmt::print("trace: {}\nkind: server load, {} samples, looping every {:.0f} s\n", o.trace, t.values().size(),
               s.duration_s);
    fmt::print("duration_s: {:.3f}\nmean_load_percent: {:.2f}\n", s.duration_s, s.mean * 100);
    fmt::print("p10/p50/p90_load_percent: {:.2f} / {:.2f} / {:.2f}\nmin/max_load_percent: {:.2f} / {:.2f}\n",
               s.p10 * 100, s.p50 * 100, s.p90 * 100, s.min * 100, s.max * 100);
    return;
  }
  if (o.kind != "bandwidth") throw UsageError(fmt::format("unknown trace kind \"{}\" (expected bandwidth or load)", o.kind));
  TraceReading how;
  CapacityTrace t = read(o, &how);
  TraceStats s = capacity_stats(t);
  fmt::print("trace: {}\nkind: bandwidth, {}\n", o.trace, describe(t));
  if (!o.trace.starts_with("constant:")) fmt::print("read as: {}\n", reading_of(how));
  fmt::print("duration_s: {:.3f}\nmean_mbps: {:.4f}\n", s.duration_s, s.mean);
  fmt::print("p10/p50/p90_mbps: {:.3f} / {:.3f} / {:.3f}   (over {} {} bins)\n", s.p10, s.p50, s.p90, s.bins,
             s.bin_s == 1 ? std::string("one-second") : fmt::format("{:g}-second", s.bin_s));
  fmt::print("min/max_mbps: {:.3f} / {:.3f}\nzero_capacity_seconds_percent: {:.2f}\n", s.min, s.max,
             s.zero_fraction * 100);
}

void run_transfer(const TraceOptions& o) {
  if (!(o.bytes > 0 && o.bytes <= limits::kMaxBytes)) throw UsageError(fmt::format("--bytes must be positive and at most {:g}", limits::kMaxBytes));
  if (!(o.at_s >= 0 && o.at_s <= limits::kMaxSeconds)) throw UsageError(fmt::format("--at must be between 0 and {:g} s", limits::kMaxSeconds));
  CapacityTrace t = read(o);
  SimTime start = SimTime::from_seconds(o.at_s);
  SimTime end = t.completion_time(start, o.bytes * 8);
  if (end.ns() >= limits::kNeverNs) {
    throw UsageError(fmt::format("the upload of {:g} bytes at {} s would not complete within {:g} s on {}", o.bytes, o.at_s,
                                 limits::kMaxSeconds, o.trace));
  }
  Duration took = end - start;
  fmt::print("{:.9f}\n", end.seconds());
  fmt::print("start_s: {:.9f}\nbytes: {:.0f}\nduration_s: {:.9f}\nthroughput_mbps: {:.4f}\ntrace: {} ({})\n",
             start.seconds(), o.bytes, took.seconds(), o.bytes * 8 / took.seconds() * 1e-6, o.trace, describe(t));
}

void run_fit(const TraceOptions& o) {
  std::optional<OutputTarget> out;
  if (!o.out.empty()) out.emplace(o.out, OutputTarget::Kind::file, o.force, std::vector<std::string>{o.trace});
  CapacityTrace t = read(o);
  TraceModel m = fit_trace_model(t, o.trace);
  std::string text = dump_json(trace_model_to_json(m));
  if (o.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    out->write_and_commit(text);
    fmt::print("wrote {}: mean {:.3f} Mbps, std {:.3f} Mbps, phi {:.3f}\n", o.out, m.mean_mbps, m.std_mbps, m.phi);
  }
}

void run_generate(const TraceOptions& o) {
  if (!(o.duration_s > 0 && o.duration_s <= limits::kMaxSeconds)) {
    throw UsageError(fmt::format("--duration must be positive and at most {:g} s", limits::kMaxSeconds));
  }
  std::optional<OutputTarget> out;
  if (!o.out.empty()) out.emplace(o.out, OutputTarget::Kind::file, o.force, std::vector<std::string>{o.trace});
  TraceModel m = trace_model_from_json(read_json_file(o.trace), o.trace);
  std::vector<double> values = generate_bandwidth(m, o.duration_s, static_cast<std::uint64_t>(o.seed));
  std::string text = fmt::format(
      "# time_s bandwidth_Mbps; each value holds from its timestamp to the next (convention: start)\n"
      "# generated by: splitsim trace generate {} --duration {} --seed {}\n"
      "# model: log-normal AR(1), mean {:.4f} Mbps, std {:.4f} Mbps, phi {:.4f}, fitted from {}\n",
      o.trace, o.duration_s, o.seed, m.mean_mbps, m.std_mbps, m.phi, m.fitted_from);
  for (std::size_t i = 0; i < values.size(); ++i) {
    text += fmt::format("{:.3f}\t{:.4f}\n", static_cast<double>(i) * m.step_s, values[i]);
  }
  if (o.out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
  } else {
    out->write_and_commit(text);
  }
}

}  // namespace

void register_trace_commands(CLI::App& app, Commands& commands) {
  CLI::App* trace = app.add_subcommand("trace", "Inspect, replay, fit and generate bandwidth and load traces");
  trace->require_subcommand(1);
  auto o = std::make_shared<TraceOptions>();

  CLI::App* info = trace->add_subcommand("info", "Duration, mean and percentiles of a trace's capacity");
  info->add_option("TRACE", o->trace, "A trace file, or constant:<Mbps>")->required();
  add_format_options(info, *o);
  info->add_option("--kind", o->kind, "bandwidth or load")->capture_default_str();
  info->add_option("--step", o->step_s, "load traces with one value per line: seconds per value")->capture_default_str();
  info->add_option("--unit", o->unit, "load traces: percent or fraction")->capture_default_str();
  commands.add(info, [o] { run_info(*o); });

  CLI::App* transfer = trace->add_subcommand(
      "transfer", "Completion time of an upload: a bare number of seconds on the first line, details after");
  transfer->add_option("TRACE", o->trace, "A trace file, or constant:<Mbps>")->required();
  transfer->add_option("--bytes", o->bytes, "Bytes to send")->required();
  transfer->add_option("--at", o->at_s, "Start time, seconds since the trace began")->required();
  add_format_options(transfer, *o);
  commands.add(transfer, [o] { run_transfer(*o); });

  CLI::App* fit = trace->add_subcommand("fit", "Fit the log-normal AR(1) bandwidth model to a trace");
  fit->add_option("TRACE", o->trace, "A bandwidth trace file")->required();
  add_format_options(fit, *o);
  fit->add_option("--out", o->out, "Write the model here (JSON) instead of printing it");
  fit->add_flag("--force", o->force, "Overwrite --out");
  commands.add(fit, [o] { run_fit(*o); });

  CLI::App* generate = trace->add_subcommand("generate", "Generate a two-column trace from a fitted model");
  generate->add_option("MODEL", o->trace, "A model written by `trace fit`")->required();
  generate->add_option("--duration", o->duration_s, "Seconds of trace")->capture_default_str();
  generate->add_option("--seed", o->seed, "Random seed")->capture_default_str()->check(CLI::Range(std::int64_t{0}, std::int64_t{1} << 53));
  generate->add_option("--out", o->out, "Write the trace here instead of printing it");
  generate->add_flag("--force", o->force, "Overwrite --out");
  commands.add(generate, [o] { run_generate(*o); });
}

}  // namespace splitsim::cli
