// `splitsim profile`: time real layer kernels on this machine and write a tool-neutral profile.

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

#include <fmt/format.h>

#include "calib/profile_io.hpp"
#include "cli/commands.hpp"
#include "core/output_target.hpp"
#include "core/input_error.hpp"
#include "network/network_catalog.hpp"
#include "profile/host_limits.hpp"
#include "profile/host_profiler.hpp"

namespace splitsim::cli {
namespace {

struct ProfileOptions {
  std::string out;
  bool quick = false;
  std::vector<std::string> networks;
  int repetitions = 0;
  std::string device_out;
  bool force = false;
};

void run_profile(const ProfileOptions& o) {
  OutputTarget out(o.out, OutputTarget::Kind::file, o.force);  // checked before the (long) timing
  std::optional<OutputTarget> device_out;
  if (!o.device_out.empty()) device_out.emplace(o.device_out, OutputTarget::Kind::file, o.force);
  std::vector<LayerSample> samples;
  if (o.networks.empty()) {
    samples = profile_grid(o.quick);
  } else {
    for (const auto& name : o.networks) {
      Network net = load_network(name);
      for (std::size_t i = 1; i < net.layers.size(); ++i) samples.push_back(sample_of_layer(net, i));
    }
  }
  TimingOptions timing;
  timing.repetitions = o.repetitions > 0 ? o.repetitions : (o.quick ? 3 : 5);
  if (o.quick) timing.min_measure_ms = 0.2;
  bool tty = isatty(fileno(stderr)) != 0;
  auto t0 = std::chrono::steady_clock::now();
  time_samples(samples, timing, [&](std::size_t i, std::size_t n) {
    if (tty) fmt::print(stderr, "\rprofiling {}/{} layers", i, n);
  });
  if (tty) fmt::print(stderr, "\n");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::string csv = profile_csv_header() + "\n";
  for (const auto& s : samples) csv += profile_csv_row(s) + "\n";
  if (device_out) {
    DeviceLimits limits = measure_host_limits();
    device_out->write_and_commit(dump_json(limits.to_json()));
    fmt::print("this machine, one thread: {:.1f} GFLOPS, {:.1f} GB/s; wrote {}\n", limits.peak_gflops, limits.memory_gbps,
               o.device_out);
  }
  out.write_and_commit(csv);
  fmt::print("profiled {} layers in {:.1f} s (median of {} runs each, single thread); wrote {}\n", samples.size(),
             seconds, timing.repetitions, o.out);
}

}  // namespace

void register_profile_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<ProfileOptions>();
  CLI::App* cmd = app.add_subcommand("profile", "Time real layer kernels (Eigen) on this machine; write a profile");
  cmd->add_option("--out", o->out, "Profile CSV to write (tool-neutral format)")->required();
  cmd->add_flag("--quick", o->quick, "A small grid that runs in seconds");
  cmd->add_option("--network", o->networks, "Time the layers of these networks instead of the grid");
  cmd->add_option("--repetitions", o->repetitions, "Timed runs per layer (median kept); default 5, 3 with --quick");
  cmd->add_option("--device-out", o->device_out, "Also measure this machine's limits (matrix-product GFLOPS, "
                                                 "streaming GB/s) into a device file for calibrate --device");
  cmd->add_flag("--force", o->force, "Overwrite --out (and --device-out)");
  commands.add(cmd, [o] { run_profile(*o); });
}

}  // namespace splitsim::cli
