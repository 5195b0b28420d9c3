// `splitsim calibrate` and `splitsim predict`: fit a platform from profiles, predict a network on it.

#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "calib/calibration_workflow.hpp"
#include "calib/network_prediction.hpp"
#include "cli/commands.hpp"
#include "core/output_target.hpp"
#include "core/input_error.hpp"
#include "network/network_catalog.hpp"
#include "version.hpp"

namespace splitsim::cli {
namespace {

struct CalibrateOptions {
  std::vector<std::string> profiles;
  std::vector<std::string> totals;
  std::string importer = "neutral";
  std::string out;
  std::string name;
  std::string description;
  std::vector<std::string> generic;
  std::string form;
  int min_samples = 3;
  std::string power;
  std::string device;
  bool no_physics = false;
  std::string validate;
  std::string validate_importer;
  std::string predictions_out;
  std::string lono_out;
  bool force = false;
};

LayerType parse_type_or_fail(const std::string& name) {
  auto t = parse_layer_type(name);
  if (!t || *t == LayerType::input) throw UsageError(fmt::format("unknown layer type \"{}\" in --generic", name));
  return *t;
}

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.rfind('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

CalibrationRequest request_of(const CalibrateOptions& o, const std::string& command_line) {
  CalibrationRequest r;
  r.profiles = o.profiles;
  r.totals = o.totals;
  r.importer = parse_importer(o.importer);
  r.name = o.name.empty() ? stem(o.out) : o.name;
  r.description = o.description;
  for (const auto& g : o.generic) r.options.generic_types.insert(parse_type_or_fail(g));
  if (!o.form.empty()) {
    r.options.force_form = parse_form(o.form);
    if (!r.options.force_form) throw UsageError(fmt::format("unknown model form \"{}\"", o.form));
  }
  r.options.min_samples = o.min_samples;
  if (!o.device.empty()) r.options.device = DeviceLimits::from_json(read_json_file(o.device), o.device, "");
  r.options.physics = !o.no_physics;
  r.power = o.power;
  r.validate = o.validate;
  if (!o.validate_importer.empty()) r.validate_importer = parse_importer(o.validate_importer);
  r.provenance = {{"command", without_output_options(command_line, {"--out", "--force", "--lono-out", "--predictions-out"})},
                  {"command_note", "output options omitted; run from the project root"},
                  {"splitsim_version", std::string(kVersion.substr(0, kVersion.find(' ')))}};
  return r;
}

void run_calibrate(const CalibrateOptions& o, const std::string& command_line) {
  if (!o.predictions_out.empty() && o.validate.empty()) throw UsageError("--predictions-out needs --validate");
  // Every output is checked and reserved before any work: a refused one leaves the others unwritten.
  std::vector<std::string> input_files(o.profiles.begin(), o.profiles.end());
  input_files.insert(input_files.end(), o.totals.begin(), o.totals.end());
  for (const auto* f : {&o.power, &o.validate, &o.device}) input_files.push_back(*f);
  OutputTarget out(o.out, OutputTarget::Kind::file, o.force, input_files);
  std::optional<OutputTarget> lono_out, predictions_out;
  if (!o.lono_out.empty()) lono_out.emplace(o.lono_out, OutputTarget::Kind::file, o.force, input_files);
  if (!o.predictions_out.empty()) predictions_out.emplace(o.predictions_out, OutputTarget::Kind::file, o.force, input_files);
  CalibrationResult result = run_calibration(request_of(o, command_line));
  fmt::print("{}", result.report);
  // All outputs at the end, the platform last.
  if (lono_out && !result.lono_csv.empty()) lono_out->write_and_commit(result.lono_csv);  // empty: fewer than two networks
  if (predictions_out) predictions_out->write_and_commit(result.predictions_csv);
  out.write_and_commit(dump_json(platform_to_json(result.platform)));
  fmt::print("\nwrote {}\n", o.out);
}

struct PredictOptions {
  std::string platform;
  std::string network;
  std::string format = "table";
  std::string power;
};

void run_predict(const PredictOptions& o) {
  Platform platform = load_platform(o.platform);
  Network net = load_network(o.network);
  std::optional<PowerForm> form;
  if (!o.power.empty()) {
    form = parse_power_form(o.power);
    if (!form) throw UsageError(fmt::format("unknown power form \"{}\" (expected {})", o.power,
                                         enum_alternatives<PowerForm>(kPowerFormNames)));
  }
  NetworkPrediction p = predict_network(net, platform, form);
  auto cell = [](double v, const char* f) { return std::isnan(v) ? std::string("") : fmt::format(fmt::runtime(f), v); };
  if (o.format == "csv") {
    fmt::print("index,name,type,model,bound,latency_ms,power_w,energy_mj\n");
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const auto& l = p.layers[i];
      fmt::print("{},{},{},{},{},{:.6f},{},{}\n", i, net.layers[i].name, layer_type_name(net.layers[i].type), l.model,
                 l.bound, l.latency_ms, cell(l.power_w, "{:.4f}"), cell(l.latency_ms * l.power_w, "{:.6f}"));
    }
    fmt::print("total,,,,,{:.6f},,{}\n", p.total_ms, cell(p.energy_j * 1e3, "{:.6f}"));
    print_warnings(p.warnings);
    return;
  }
  fmt::print("{} on {} ({} layers, batch {})\n", net.abbrev, platform.name, net.layers.size() - 1, net.batch);
  fmt::print("{:>5}  {:<10} {:<14} {:<8} {:<8} {:>12} {:>9} {:>12}\n", "index", "name", "type", "model", "bound",
             "latency_ms", "power_w", "energy_mj");
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const auto& l = p.layers[i];
    fmt::print("{:>5}  {:<10} {:<14} {:<8} {:<8} {:>12.4f} {:>9} {:>12}\n", i, net.layers[i].name,
               layer_type_name(net.layers[i].type), l.model, l.bound, l.latency_ms, cell(l.power_w, "{:.3f}"),
               cell(l.latency_ms * l.power_w, "{:.3f}"));
  }
  fmt::print("{:>5}  {:<10} {:<14} {:<8} {:<8} {:>12.4f} {:>9} {:>12}\n", "", "total", "", "", "", p.total_ms, "",
             cell(p.energy_j * 1e3, "{:.3f}"));
  print_warnings(p.warnings);
}

}  // namespace

void register_calibration_commands(CLI::App& app, Commands& commands) {
  auto c = std::make_shared<CalibrateOptions>();
  CLI::App* cal = app.add_subcommand("calibrate", "Fit per-layer-type latency (and power) models into a platform file");
  cal->add_option("--profile", c->profiles, "Profile CSV(s); IMPORTER:PATH overrides --importer for one file")
      ->required();
  cal->add_option("--totals", c->totals,
                  "Profile(s) whose network totals are sound but per-layer split is not: each total is spread over its "
                  "layers by a first fit on --profile, then fitted with them");
  cal->add_option("--importer", c->importer, "neutral, djinn-sweep or djinn-layers")->capture_default_str();
  cal->add_option("--out", c->out, "Platform JSON to write")->required();
  cal->add_option("--name", c->name, "Platform name (default: the --out file name)");
  cal->add_option("--description", c->description, "Free text stored in the platform");
  cal->add_option("--generic", c->generic, "Layer types predicted by the generic model only");
  cal->add_option("--form", c->form, "Force one model form for every type");
  cal->add_option("--min-samples", c->min_samples, "Samples needed per layer type")
      ->check(CLI::Range(2, 1000000))
      ->capture_default_str();
  cal->add_option("--power", c->power, "A power model (JSON) to store in the platform");
  cal->add_option("--device", c->device, "The device's physical limits (JSON: peak GFLOPS, memory GB/s, launch floor); "
                                         "no prediction beats their roofline");
  cal->add_flag("--no-physics", c->no_physics, "Fit as earlier versions did: no roofline form or bound, no monotonicity "
                                               "or generic check (for comparison)");
  cal->add_option("--validate", c->validate, "A held-out profile to predict and score");
  cal->add_option("--validate-importer", c->validate_importer, "Importer of --validate (default: --importer)");
  cal->add_option("--predictions-out", c->predictions_out, "Write the --validate rows with predicted_ms here");
  cal->add_option("--lono-out", c->lono_out, "Write every profile row with its leave-one-network-out prediction here");
  cal->add_flag("--force", c->force, "Overwrite existing output files");
  commands.add(cal, [c, &commands] { run_calibrate(*c, commands.command_line); });

  auto p = std::make_shared<PredictOptions>();
  CLI::App* pred = app.add_subcommand("predict", "Per-layer predicted latency and power of a network on a platform");
  pred->add_option("--platform", p->platform, "A platform file or a shipped name")->required();
  pred->add_option("--network", p->network, "A network file or a shipped name")->required();
  pred->add_option("--format", p->format, "table or csv")->check(CLI::IsMember({"table", "csv"}))->capture_default_str();
  pred->add_option("--power", p->power, "per-network or per-layer (default: the platform's)");
  commands.add(pred, [p] { run_predict(*p); });
}

}  // namespace splitsim::cli
