// `splitsim paper`: regenerate the Neurosurgeon evaluation (SPEC 5).

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/data_dir.hpp"
#include "core/input_error.hpp"
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
  namespace fs = std::filesystem;
  auto t0 = std::chrono::steady_clock::now();
  std::string spec_path = o.spec.empty() ? data_dir() + "/scenarios/paper/paper.json" : o.spec;
  PaperSpec spec = load_paper_spec(spec_path);
  fs::path out(o.out);
  std::error_code ec;
  if (fs::exists(out, ec) && !o.force && !(fs::is_directory(out, ec) && fs::is_empty(out, ec))) {
    throw UsageError(fmt::format("{} exists; use --force to overwrite it", o.out));
  }
  PaperResults results = run_paper(spec, o.threads);
  // Written beside the target and swapped in whole, as `run` does.
  fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  fs::path tmp = parent / fmt::format(".{}.tmp-{}", out.filename().string(), ::getpid());
  fs::remove_all(tmp, ec);
  std::string md = write_paper_outputs(spec, results, tmp.string());
  fs::remove_all(out, ec);
  fs::rename(tmp, out, ec);
  if (ec) throw UsageError(fmt::format("cannot write {}: {}", o.out, ec.message()));
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}\nwrote {}/ (partitions.csv, latency.csv, energy.csv, breakdown/, server-load.csv, lte-variation.csv, "
             "throughput.csv, *-tails.csv, tables.md) in {:.2f} s\n",
             md, o.out, s);
}

}  // namespace

void register_paper_command(CLI::App& app, Commands& commands) {
  auto o = std::make_shared<PaperOptions>();
  CLI::App* cmd = app.add_subcommand("paper", "Regenerate the Neurosurgeon evaluation: tables (Markdown) and CSV files");
  cmd->add_option("--out", o->out, "Output folder")->required();
  cmd->add_option("--spec", o->spec, "The experiment list (default: scenarios/paper/paper.json)");
  cmd->add_flag("--force", o->force, "Replace an existing output folder");
  cmd->add_option("--threads", o->threads, "Threads (default: one per core); results do not depend on it");
  commands.add(cmd, [o] { run(*o); });
}

}  // namespace splitsim::cli
