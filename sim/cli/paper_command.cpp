// `splitsim paper`: regenerate the Neurosurgeon evaluation (docs/reproduction.md).

#include <chrono>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/data_dir.hpp"
#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "core/output_target.hpp"
#include "paper/paper.hpp"

namespace splitsim::cli {
namespace {

struct PaperOptions {
  std::string out;
  std::string spec;
  bool force = false;
  int threads = 0;
};

void run(const PaperOptions& o) {
  auto t0 = std::chrono::steady_clock::now();
  std::string spec_path = o.spec.empty() ? data_dir() + "/scenarios/paper/paper.json" : o.spec;
  PaperSpec spec = load_paper_spec(spec_path);
  OutputTarget out(o.out, OutputTarget::Kind::folder, o.force, {spec_path});  // checked before the run
  PaperResults results = run_paper(spec, o.threads);
  std::string md = write_paper_outputs(spec, results, out);
  out.commit();
  print_warnings(results.warnings);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}\nwrote {}/ (partitions.csv, latency.csv, energy.csv, breakdown/, server-load.csv, lte-variation.csv, "
             "throughput.csv, margins.csv, *-tails.csv, tails.csv, phone-load.csv, mispredictions.csv, learning.csv, tables.md) in {:.2f} s\n",
             md, o.out, s);
}

}  // namespace

void register_paper_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<PaperOptions>();
  CLI::App* cmd = app.add_subcommand("paper", "Regenerate the Neurosurgeon evaluation: tables (Markdown) and CSV files");
  cmd->add_option("--out", o->out, "Output folder")->required();
  cmd->add_option("--spec", o->spec, "The experiment list (default: scenarios/paper/paper.json)");
  cmd->add_flag("--force", o->force, "Replace an existing output folder");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it")
      ->check(CLI::Range(0, limits::kMaxThreads));
  commands.add(cmd, [o] { run(*o); });
}

}  // namespace splitsim::cli
