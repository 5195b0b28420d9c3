// `splitsim calibrate` and `splitsim predict`: fit a platform from profiles, predict a network on it.

#include <optional>
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "calib/calibration_report.hpp"
#include "calib/network_prediction.hpp"
#include "calib/platform.hpp"
#include "calib/profile_io.hpp"
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

// In-sample network totals against the measured ones (for profiles of whole networks).
void print_totals(const Calibration& c, const std::vector<LayerSample>& samples) {
  if (std::none_of(samples.begin(), samples.end(), [](const LayerSample& s) { return !s.network.empty(); })) return;
  std::vector<double> predicted;
  for (const auto& s : samples) predicted.push_back(c.predict_ms(s));
  fmt::print("\n## Network totals in sample (what the shipped platform predicts)\n\n{}", totals_report(samples, predicted, 0.15));
}

void run_calibrate(const CalibrateOptions& o, const std::string& command_line) {
  if (!o.predictions_out.empty() && o.validate.empty()) throw UsageError("--predictions-out needs --validate");
  Importer importer = parse_importer(o.importer);
  // Every output is checked and reserved before any work: a refused one leaves the others unwritten.
  std::vector<std::string> input_files(o.profiles.begin(), o.profiles.end());
  input_files.insert(input_files.end(), o.totals.begin(), o.totals.end());
  for (const auto* f : {&o.power, &o.validate, &o.device}) input_files.push_back(*f);
  OutputTarget out(o.out, OutputTarget::Kind::file, o.force, input_files);
  std::optional<OutputTarget> lono_out, predictions_out;
  if (!o.lono_out.empty()) lono_out.emplace(o.lono_out, OutputTarget::Kind::file, o.force, input_files);
  if (!o.predictions_out.empty()) predictions_out.emplace(o.predictions_out, OutputTarget::Kind::file, o.force, input_files);
  std::string lono_csv, predictions_csv;
  std::vector<LayerSample> samples;
  Json inputs = Json::array();
  for (const std::string& spec : o.profiles) {
    Importer used = importer;
    auto rows = read_profile(spec, importer, &used);
    inputs.push_back({{"profile", spec}, {"importer", importer_name(used)}, {"rows", rows.size()}});
    samples.insert(samples.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
  }
  CalibrationOptions options;
  for (const auto& g : o.generic) options.generic_types.insert(parse_type_or_fail(g));
  if (!o.form.empty()) {
    options.force_form = parse_form(o.form);
    if (!options.force_form) throw UsageError(fmt::format("unknown model form \"{}\"", o.form));
  }
  options.min_samples = o.min_samples;
  if (!o.device.empty()) options.device = DeviceLimits::from_json(read_json_file(o.device), o.device, "");
  options.physics = !o.no_physics;
  if (!o.totals.empty()) {
    // Per-layer splits of these profiles are unsound; their network totals are spread over the layers in
    // proportion to a roofline model fitted on the profiles (a fixed cost plus the slower of compute and
    // memory traffic, at rates up to the device's peaks): spread by physics.
    CalibrationOptions spread = options;
    spread.force_form = ModelForm::roofline;
    spread.physics = true;
    Calibration first = calibrate(samples, spread);
    for (const std::string& spec : o.totals) {
      Importer used = importer;
      auto rows = read_profile(spec, importer, &used);
      redistribute_totals(rows, first);
      inputs.push_back({{"totals", spec}, {"importer", importer_name(used)}, {"rows", rows.size()}});
      samples.insert(samples.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    }
  }

  Platform platform;
  platform.name = o.name.empty() ? stem(o.out) : o.name;
  platform.description = o.description;
  platform.latency = calibrate(samples, options);
  if (!o.power.empty()) platform.power = PowerModel::from_json(read_json_file(o.power), o.power, "");
  auto fitted_power = fit_power_regressions(samples, o.min_samples);
  if (!fitted_power.empty()) {
    platform.power.per_layer = fitted_power;
    if (!platform.power.default_form) platform.power.default_form = PowerForm::per_layer;
    if (platform.power.source.empty()) platform.power.source = "fitted from the power_w column of the profiles";
  }
  platform.provenance = {{"command", without_output_options(command_line, {"--out", "--force", "--lono-out", "--predictions-out"})},
                         {"command_note", "output options omitted; run from the project root"}, {"inputs", inputs}, {"samples", samples.size()},
                         {"splitsim_version", std::string(kVersion.substr(0, kVersion.find(' ')))}};

  fmt::print("# Fit of {} ({} samples)\n\n{}", platform.name, samples.size(), fit_report(platform.latency));
  fmt::print("\n## Physical limits\n\n{}", physics_report(platform.latency, samples));
  print_totals(platform.latency, samples);
  std::set<LayerType> modelled;
  for (const auto& [t, f] : platform.latency.types) modelled.insert(t);
  std::set<std::string> networks;
  for (const auto& s : samples) {
    if (!s.network.empty()) networks.insert(s.network);
  }
  if (networks.size() >= 2) {
    auto lono = leave_one_network_out(samples, options);
    platform.provenance["leave_one_network_out"] = "see the calibrate report";
    fmt::print("\n{}", accuracy_report(summarize_accuracy(samples, lono),
                                       "## Leave-one-network-out (each network predicted by a fit without it)"));
    if (options.physics) {
      CalibrationOptions raw = options;
      raw.physics = false;
      fmt::print("\n{}", accuracy_report(summarize_accuracy(samples, leave_one_network_out(samples, raw)),
                                         "## Leave-one-network-out without the physics (no roofline bound or form, no "
                                         "monotonicity check, no generic check: the fits of earlier versions)"));
    }
    if (!o.lono_out.empty()) {
      std::string csv = profile_csv_header() + ",predicted_ms\n";
      for (std::size_t i = 0; i < samples.size(); ++i) {
        csv += fmt::format("{},{}\n", profile_csv_row(samples[i]), std::isnan(lono[i]) ? "" : fmt::format("{:.6g}", lono[i]));
      }
      lono_csv = csv;
    }
  }
  if (!o.validate.empty()) {
    Importer vimp = o.validate_importer.empty() ? importer : parse_importer(o.validate_importer);
    auto held_out = read_profile(o.validate, vimp);
    std::vector<double> predicted;
    std::string csv = profile_csv_header() + ",predicted_ms,model\n";
    for (const auto& s : held_out) {
      if (!platform.latency.can_predict(s.type)) {
        throw InputError(s.source, "", fmt::format("platform {} cannot predict layer type {}", platform.name,
                                                   layer_type_name(s.type)));
      }
      double p = platform.latency.predict_ms(s);
      predicted.push_back(p);
      csv += fmt::format("{},{:.6g},{}\n", profile_csv_row(s), p, platform.latency.model_for(s.type));
    }
    fmt::print("\n{}", accuracy_report(summarize_accuracy(held_out, predicted),
                                       fmt::format("## Validation on {} ({} rows)", o.validate, held_out.size())));
    predictions_csv = csv;
  }
  // All outputs at the end, the platform last.
  if (lono_out && !lono_csv.empty()) lono_out->write_and_commit(lono_csv);  // empty: fewer than two networks
  if (predictions_out) predictions_out->write_and_commit(predictions_csv);
  out.write_and_commit(dump_json(platform_to_json(platform)));
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
    if (!form) throw UsageError(fmt::format("unknown power form \"{}\" (expected per-network or per-layer)", o.power));
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
