// Every scenario setting, once: key, binding, default (the structs'), range or choices and help.
#include <filesystem>
#include <set>

#include "core/input_error.hpp"
#include "core/limits.hpp"
#include "network/dtype.hpp"
#include "network/layer.hpp"
#include "partition/policy.hpp"
#include "scenario/scenario.hpp"

namespace splitsim {
namespace {

using namespace setting;

constexpr EnumName<bool> kServiceTimeNames[] = {{false, "deterministic"}, {true, "exponential"}};
constexpr EnumName<bool> kLoadModelNames[] = {{true, "processor-sharing"}, {false, "none"}};
constexpr EnumName<bool> kInputNames[] = {{false, "tensor"}, {true, "raw"}};

// Where in the trace the client starts: seconds, or "random" (uniform over the trace, per client).
Setting<UplinkSpec> offset_setting() {
  auto schema = [] { return Json{{"oneOf", Json::array({range_schema("number", 0, limits::kMaxSeconds), Json{{"const", "random"}}})}}; };
  return {"offset_s", "where in the trace the client starts; `\"random\"`: uniform over the trace, per client", "",
          [](JsonReader& r, UplinkSpec& u) {
            const Json* v = r.find("offset_s");
            if (!v) return;
            if (v->is_string() && v->get<std::string>() == "random") {
              u.offset_s.reset();
            } else {
              u.offset_s = json_number(*v, r.file(), r.child("offset_s"), 0.0, limits::kMaxSeconds);
            }
          },
          [](const UplinkSpec& u) { return u.offset_s ? Json(*u.offset_s) : Json("random"); }, schema, nullptr};
}

const SettingTable<UplinkSpec>& uplink_settings() {
  static const SettingTable<UplinkSpec> t{
      text<UplinkSpec>("trace", &UplinkSpec::trace, "trace file, shipped name, or `constant:<Mbps>` ([links.md](links.md))"),
      choice<UplinkSpec, TraceFormat>("format", &UplinkSpec::format, kTraceFormatNames, "as in [links.md](links.md)"),
      choice<UplinkSpec, SampleConvention>("convention", &UplinkSpec::convention, kSampleConventionNames,
                                           "as in [links.md](links.md)"),
      optional_number<UplinkSpec>("scale_mean_mbps", &UplinkSpec::scale_mean_mbps, limits::kMinPositiveMbps,
                                  limits::kMaxMbps, "none", "rescale the trace to this mean"),
      offset_setting(),
  };
  return t;
}

bool is(const ArrivalSpec& a, ArrivalSpec::Kind k) { return a.kind == k; }

const SettingTable<ArrivalSpec>& arrival_settings() {
  using K = ArrivalSpec::Kind;
  auto when = [](K k) { return [k](const ArrivalSpec& a) { return is(a, k); }; };
  Setting<ArrivalSpec> path{"path", "`trace` only: one arrival time in seconds per line", "required",
                            [](JsonReader& r, ArrivalSpec& a) { a.path = r.string("path"); },
                            [](const ArrivalSpec& a) { return Json(a.path); }, [] { return Json{{"type", "string"}}; }, when(K::trace)};
  static const SettingTable<ArrivalSpec> t{
      choice<ArrivalSpec, K>("process", &ArrivalSpec::kind, ArrivalSpec::kNames,
                             "`poisson`, `periodic` or `trace`; the keys below apply to one process each"),
      [&] { auto s = number<ArrivalSpec>("rate_per_s", &ArrivalSpec::rate_per_s, 1e-9, limits::kMaxArrivalRate,
                                         "`poisson` only: queries per second");
            s.applies = when(K::poisson); return s; }(),
      [&] { auto s = number<ArrivalSpec>("period_s", &ArrivalSpec::period_s, 1.0 / limits::kMaxArrivalRate,
                                         limits::kMaxSeconds, "`periodic` only: seconds between queries");
            s.applies = when(K::periodic); return s; }(),
      [&] { auto s = number<ArrivalSpec>("phase_s", &ArrivalSpec::phase_s, 0.0, limits::kMaxSeconds,
                                         "`periodic` only: the first arrival");
            s.applies = when(K::periodic); return s; }(),
      path,
  };
  return t;
}

// Estimator keys bind into the group: the probe period belongs to the world, the rest to the estimator.
const SettingTable<ClientGroup>& estimator_settings() {
  static const SettingTable<ClientGroup> t{
      choice<ClientGroup, EstimatorKind>("kind", [](auto& c) -> auto& { return c.estimator.kind; }, kEstimatorKindNames,
                                         "`last`, `ewma` (`alpha`) or `harmonic` (`window`)"),
      number<ClientGroup>("initial_mbps", [](auto& c) -> auto& { return c.estimator.initial_mbps; },
                          limits::kMinPositiveMbps, limits::kMaxMbps, "belief before the first transfer"),
      number<ClientGroup>("alpha", [](auto& c) -> auto& { return c.estimator.ewma_alpha; }, 1e-6, 1.0,
                          "`ewma`: weight of the newest sample"),
      integer<ClientGroup>("window", [](auto& c) -> auto& { return c.estimator.window; }, 1, 1000,
                           "`harmonic`: transfers averaged"),
      optional_number<ClientGroup>(
          "probe_period_s", &ClientGroup::probe_period_s, 1e-3, limits::kMaxSeconds, "none",
          "a passive probe: at a decision, if the last probe is older than this, the estimator also observes the "
          "capacity the link offered over the last period (no traffic, no energy) — keeps the estimate alive while "
          "the client computes locally"),
  };
  return t;
}

template <class T, class Ref, class Check>
Setting<T> optional_text(std::string key, Ref ref, std::string none, std::string help, Check check) {
  return {key, std::move(help), std::move(none),
          [=](JsonReader& r, T& t) {
            const Json* v = r.find(key);
            if (!v || v->is_null()) return;
            std::string s = json_string(*v, r.file(), r.child(key));
            check(r, s);
            at(ref, t) = s;
          },
          [=](const T& t) { return at(ref, t) ? Json(*at(ref, t)) : Json(nullptr); },
          [] { return Json{{"type", Json::array({"string", "null"})}}; }, nullptr};
}

Setting<ClientGroup> mobile_power_setting() {
  return {"mobile_power", "`per-network` or `per-layer`", "the platform's default",
          [](JsonReader& r, ClientGroup& c) {
            const Json* v = r.find("mobile_power");
            if (!v || v->is_null()) return;
            std::string f = json_string(*v, r.file(), r.child("mobile_power"));
            c.mobile_power = parse_power_form(f);
            if (!c.mobile_power) r.fail("mobile_power", fmt::format("unknown power form \"{}\" (expected {})", f,
                                                 enum_alternatives<PowerForm>(kPowerFormNames)));
          },
          [](const ClientGroup& c) { return c.mobile_power ? Json(power_form_name(*c.mobile_power)) : Json(nullptr); },
          [] { Json s = enum_schema<PowerForm>(kPowerFormNames); s["enum"].push_back(nullptr); return s; }, nullptr};
}

Setting<ClientGroup> partitioner_setting() {
  return {"partitioner", "pin this group to one partitioner in every replica", "none",
          [](JsonReader& r, ClientGroup& c) {
            if (const Json* v = r.find("partitioner"); v && !v->is_null()) c.partitioner = json_string(*v, r.file(), r.child("partitioner"));
          },
          [](const ClientGroup& c) { return c.partitioner.empty() ? Json(nullptr) : Json(c.partitioner); },
          [] { return Json{{"oneOf", Json::array({Json{{"type", "string"}, {"pattern", policy_name_pattern()}}, Json{{"type", "null"}}})}}; },
          nullptr};
}

template <class T, class Sub, class Ref>
Setting<T> sub_object(std::string key, Ref ref, const SettingTable<Sub>& table, std::string help) {
  return {key, std::move(help), "",
          [=, &table](JsonReader& r, T& t) {
            if (!r.has(key)) return;
            JsonReader sub = r.object(key);
            read_settings(table, sub, at(ref, t));
          },
          [=, &table](const T& t) { return write_settings(table, at(ref, t)); }, [&table] { return settings_schema(table); },
          nullptr, nullptr,
          [=, &table](const T& t, const std::string& prefix) { return settings_rows(table, at(ref, t), prefix); }};
}

const SettingTable<PhoneSpec>& phone_settings() {
  static const SettingTable<PhoneSpec> t{
      number<PhoneSpec>("load_level", &PhoneSpec::load_level, 0.0, 0.99,
                        "background utilisation of the phone's processor in [0, 0.99] (other apps): its time x 1/(1 − load)"),
      text<PhoneSpec>("load_trace", &PhoneSpec::load_trace,
                      "a phone load trace instead of `load_level` (the server's forms, [links.md](links.md); setting both is an error)"),
      number<PhoneSpec>("load_step_s", &PhoneSpec::load_step_s, limits::kMinPeriodSeconds, limits::kMaxSeconds,
                        "seconds per sample of a one-column load trace"),
      choice<PhoneSpec, LoadUnit>("load_unit", &PhoneSpec::load_unit, kLoadUnitNames, "the load trace's unit"),
      text<PhoneSpec>("speed_trace", &PhoneSpec::speed_trace,
                      "the processor's speed factor in (0, 1] over time (thermal throttling: time x 1/speed), as a "
                      "fraction, in the load trace's forms; no policy sees it"),
      number<PhoneSpec>("speed_step_s", &PhoneSpec::speed_step_s, limits::kMinPeriodSeconds, limits::kMaxSeconds,
                        "seconds per sample of a one-column speed trace"),
  };
  return t;
}

Setting<BeliefSpec> layer_error_setting() {
  auto schema = [] { return Json{{"type", "object"}, {"additionalProperties", range_schema("number", 1e-6, 1e6)}}; };
  return {"layer_error", "believed time x this, by layer type (`{\"conv\": 1.5}`), on top of `error`", "`{}`",
          [](JsonReader& r, BeliefSpec& b) {
            const Json* v = r.find("layer_error");
            if (!v || v->is_null()) return;
            const std::string ptr = r.child("layer_error");
            if (!v->is_object()) throw InputError(r.file(), ptr, "expected an object of layer type: factor, found " + describe_json(*v));
            b.layer_error.clear();
            for (const auto& [type, factor] : v->items()) {
              if (!parse_layer_type(type)) {
                throw InputError(r.file(), json_child(ptr, type), fmt::format("unknown layer type \"{}\" (expected one of: {})", type, layer_type_choices()));
              }
              b.layer_error[type] = json_number(factor, r.file(), json_child(ptr, type), 1e-6, 1e6);
            }
          },
          [](const BeliefSpec& b) {
            Json j = Json::object();
            for (const auto& [type, factor] : b.layer_error) j[type] = factor;
            return j;
          },
          schema, nullptr};
}

const SettingTable<BeliefSpec>& belief_settings() {
  static const SettingTable<BeliefSpec> t{
      text<BeliefSpec>("platform", &BeliefSpec::platform,
                       "the platform the policies predict with (file or shipped name); empty: the true one"),
      number<BeliefSpec>("error", &BeliefSpec::error, 1e-6, 1e6, "every layer's believed time x this"),
      layer_error_setting(),
      number<BeliefSpec>("random_sigma", &BeliefSpec::random_sigma, 0.0, 5.0,
                         "each layer's believed time x exp(sigma z), z standard normal, drawn once per run from `random_seed`"),
      integer<BeliefSpec>("random_seed", &BeliefSpec::random_seed, 0, std::int64_t{1} << 53, "the seed of those draws"),
  };
  return t;
}

const SettingTable<ClientGroup>& client_settings() {
  static const SettingTable<ClientGroup> t{
      text<ClientGroup>("name", &ClientGroup::name, "shown in outputs"),
      integer<ClientGroup>("count", &ClientGroup::count, 1, 10'000'000, "clients in the group"),
      text<ClientGroup>("network", &ClientGroup::network, "network file or shipped name"),
      optional_text<ClientGroup>("input_dtype", &ClientGroup::input_dtype, "the network's",
                                 "e.g. `uint8` to send raw 8-bit pixels rather than the fp32 input tensor",
                                 [](JsonReader& r, const std::string& s) {
                                   if (!parse_dtype(s)) r.fail("input_dtype", fmt::format("unknown element type \"{}\"", s));
                                 }),
      choice<ClientGroup, bool>("input", &ClientGroup::raw_input, kInputNames,
                                "what a query sends when nothing runs on the phone: `tensor`, the network's input "
                                "tensor, or `raw`, what the application captures (the network's `input.raw`: 8-bit "
                                "pixels, 16-bit audio), preprocessed where the first layer runs ([networks.md](networks.md))"),
      text<ClientGroup>("mobile_platform", &ClientGroup::mobile_platform, "platform file or shipped name"),
      number<ClientGroup>("phone_work_ms", &ClientGroup::phone_work_ms, 0.0, limits::kMaxSeconds * 1e3,
                          "work on the phone per query outside the network's layers (the application's own "
                          "preprocessing and post-processing: tokenising, feature lookups, tagging), charged to every "
                          "split at the power of the network's first layer, before anything is sent"),
      optional_number<ClientGroup>("slo_ms", &ClientGroup::slo_ms, 1e-6, limits::kMaxSeconds * 1e3, "none",
                                   "a latency deadline per query: the bound of `slo-energy`; summary.json and sweep rows "
                                   "report the share of each partitioner's queries that miss it"),
      mobile_power_setting(),
      sub_object<ClientGroup, UplinkSpec>("uplink", &ClientGroup::uplink, uplink_settings(), "the client's uplink"),
      number<ClientGroup>("downlink_mbps", &ClientGroup::downlink_mbps, limits::kMinPositiveMbps, limits::kMaxMbps,
                          "the result download (constant)"),
      text<ClientGroup>("radio", &ClientGroup::radio, "radio profile file or shipped name ([links.md](links.md))"),
      flag<ClientGroup>("tails", &ClientGroup::tails, "RRC promotions and tails; false is the paper's accounting"),
      flag<ClientGroup>("download", &ClientGroup::download, "download the result (the paper ignores it)"),
      flag<ClientGroup>("open_population", &ClientGroup::open_population,
                        "each query comes from a phone of its own (a large population of rare users): no queueing "
                        "behind the client's other queries on its processor or link; used by the throughput experiment"),
      sub_object<ClientGroup, ArrivalSpec>("arrival", &ClientGroup::arrival, arrival_settings(), "the arrival process"),
      object<ClientGroup>("estimator", estimator_settings(), "the bandwidth estimator"),
      sub_object<ClientGroup, PhoneSpec>("phone", &ClientGroup::phone, phone_settings(),
                                         "the phone's own load and speed ([scenarios.md](scenarios.md#a-loaded-phone))"),
      sub_object<ClientGroup, BeliefSpec>("belief", &ClientGroup::belief, belief_settings(),
                                          "what the policies believe the mobile platform costs, when it is not the truth "
                                          "([scenarios.md](scenarios.md#truth-and-belief))"),
      number<ClientGroup>("learning_weight", &ClientGroup::learning_weight, 1e-6, 1.0,
                          "`+learn` partitioners: the weight of the newest observed/believed time ratio in the "
                          "correction c <- (1 - w) c + w x observed/believed (exponential forgetting)"),
      partitioner_setting(),
  };
  return t;
}

const SettingTable<Scenario>& server_settings() {
  static const SettingTable<Scenario> t{
      text<Scenario>("platform", [](auto& s) -> auto& { return s.server.platform; }, "the server's platform"),
      integer<Scenario>("workers", [](auto& s) -> auto& { return s.server.workers; }, 1, 100000, "slots serving the FIFO queue"),
      integer<Scenario>("max_batch", [](auto& s) -> auto& { return s.server.max_batch; }, 1, 1024,
                        "a free worker takes up to this many queued queries with the same network and split, served "
                        "together at the batched latency"),
      choice<Scenario, bool>("service_time", [](auto& s) -> auto& { return s.server.exponential_service; },
                             kServiceTimeNames,
                             "`exponential`: each query's service is exponential around the model's mean (the draw is "
                             "the query's own, identical across replicas)"),
      number<Scenario>("load_level", [](auto& s) -> auto& { return s.server.load_level; }, 0.0, 0.99,
                       "background utilisation in [0, 0.99]"),
      text<Scenario>("load_trace", [](auto& s) -> auto& { return s.server.load_trace; },
                     "a background load trace instead of `load_level` (setting both is an error; [links.md](links.md))"),
      number<Scenario>("load_step_s", [](auto& s) -> auto& { return s.server.load_step_s; }, limits::kMinPeriodSeconds,
                       limits::kMaxSeconds, "seconds per sample of a one-column load trace"),
      choice<Scenario, LoadUnit>("load_unit", [](auto& s) -> auto& { return s.server.load_unit; }, kLoadUnitNames,
                                 "the load trace's unit"),
      choice<Scenario, bool>("load_model", [](auto& s) -> auto& { return s.server.load_slowdown; }, kLoadModelNames,
                             "`processor-sharing`: service time × 1/(1 − load), the background work shares the "
                             "processor; `none` ignores the load"),
      number<Scenario>("probe_period_s", [](auto& s) -> auto& { return s.server.probe_period_s; },
                       limits::kMinPeriodSeconds, limits::kMaxSeconds,
                       "clients learn the load and the backlog only as a ping every this many seconds would report them"),
      sub_object<Scenario, BeliefSpec>("belief", [](auto& s) -> auto& { return s.server.belief; }, belief_settings(),
                                       "what the policies believe the server platform costs, when it is not the truth"),
  };
  return t;
}

const SettingTable<Scenario>& output_settings() {
  static const SettingTable<Scenario> t{
      flag<Scenario>("queries_csv", &Scenario::queries_csv, "write `queries.csv`"),
      flag<Scenario>("trace_json", &Scenario::trace_json, "write `trace.json` (also `--trace`)"),
      flag<Scenario>("regret", &Scenario::regret,
                     "measure every partitioner against the run's yardstick: the offline optimum with one client, a "
                     "lower bound per query with several (`regret` and `yardstick` in summary.json, docs/optimum.md)"),
      integer<Scenario>("trace_max_queries", &Scenario::trace_max_queries, 1, std::numeric_limits<std::int64_t>::max(),
                        "queries per replica in `trace.json`"),
  };
  return t;
}

Setting<Scenario> partitioners_setting() {
  auto schema = [] {
    return Json{{"type", "array"}, {"minItems", 1}, {"uniqueItems", true}, {"items", {{"type", "string"}, {"pattern", policy_name_pattern()}}}};
  };
  return {"partitioners", "the policies compared, one replica each (below)", "",
          [](JsonReader& r, Scenario& s) {
            const Json* v = r.find("partitioners");
            if (!v) return;
            const std::string& file = r.file();
            std::string ptr = r.child("partitioners");
            if (!v->is_array() || v->empty()) throw InputError(file, ptr, "expected a non-empty array of partitioner names");
            std::vector<std::string> out;
            std::set<std::string> seen;
            for (std::size_t i = 0; i < v->size(); ++i) {
              std::string name = json_string((*v)[i], file, json_child(ptr, i));
              if (!seen.insert(name).second) throw InputError(file, json_child(ptr, i), fmt::format("partitioner \"{}\" is listed twice", name));
              out.push_back(name);
            }
            s.partitioners = out;
          },
          [](const Scenario& s) { return Json(s.partitioners); }, schema, nullptr};
}

Setting<Scenario> clients_setting() {
  auto schema = [] { return Json{{"type", "array"}, {"minItems", 1}, {"items", settings_schema(client_settings())}}; };
  return {"clients", "groups of identical clients (below); required in the merged scenario (a file may take them from an include)", "required",
          [](JsonReader& r, Scenario& s) {
            const Json& clients = r.at("clients");
            if (!clients.is_array() || clients.empty()) {
              r.fail("clients", "expected a non-empty array of client groups, found " + describe_json(clients));
            }
            for (std::size_t i = 0; i < clients.size(); ++i) {
              JsonReader c(clients[i], r.file(), json_child("/clients", i));
              ClientGroup group;
              read_settings(client_settings(), c, group);
              s.clients.push_back(group);
            }
          },
          [](const Scenario& s) {
            Json cs = Json::array();
            for (const ClientGroup& c : s.clients) cs.push_back(write_settings(client_settings(), c));
            return cs;
          },
          schema, nullptr};
}

}  // namespace

const SettingTable<Scenario>& scenario_settings() {
  static const SettingTable<Scenario> t{
      {"name", "shown in outputs", "file name",
       [](JsonReader& r, Scenario& s) { s.name = r.string_or("name", std::filesystem::path(r.file()).stem().string()); },
       [](const Scenario& s) { return Json(s.name); }, [] { return Json{{"type", "string"}}; }, nullptr},
      text<Scenario>("description", &Scenario::description, "free text"),
      integer<Scenario>("seed", &Scenario::seed, 0, std::int64_t{1} << 53,
                        "all randomness derives from it and the client's index (or the query's id)"),
      number<Scenario>("horizon_s", &Scenario::horizon_s, 1e-9, limits::kMaxSeconds,
                       "no arrivals after it; queries in flight finish (tails included)"),
      number<Scenario>("warmup_s", &Scenario::warmup_s, 0.0, limits::kMaxSeconds,
                       "statistics (summary.json, sweep rows, the terminal table) leave out queries arriving before it, "
                       "so that they describe the steady state; queries.csv keeps every query; below `horizon_s`"),
      integer<Scenario>("replications", &Scenario::replications, 1, 10000,
                        "independent runs, each with every partitioner, replication k seeded from `seed` and k (k = 0: "
                        "`seed` itself); summary.json, the table and sweep rows give means over them with 95 % "
                        "confidence intervals (Student t); queries.csv and trace.json hold the first"),
      integer<Scenario>("max_queries", &Scenario::max_queries, 0, std::numeric_limits<std::int64_t>::max(),
                        "stop arrivals after this many queries per replica (0: no limit)"),
      partitioners_setting(),
      clients_setting(),
      object<Scenario>("server", server_settings(), "the shared server"),
      object<Scenario>("output", output_settings(), "what `run` writes"),
  };
  return t;
}

std::string scenario_settings_markdown() {
  const std::string head = "| key | default | meaning |\n|---|---|---|\n";
  Scenario defaults;
  std::string top;
  for (const auto& s : scenario_settings()) {
    if (s.key == "server" || s.key == "clients") {
      top += fmt::format("| `{}` | {} | {} |\n", s.key, s.key == "clients" ? "required" : "below", s.help);
    } else {
      top += settings_rows(SettingTable<Scenario>{s}, defaults);
    }
  }
  ClientGroup group;
  return fmt::format("{}{}\nClient groups (`clients[i]`):\n\n{}{}\nServer (`server`):\n\n{}{}", head, top, head,
                     settings_rows(client_settings(), group), head, settings_rows(server_settings(), defaults));
}

Json scenario_schema() {
  Json s = settings_schema(scenario_settings());
  Json one_file{{"type", "string"}};
  Json files{{"type", "array"}, {"items", one_file}};
  s["properties"]["include"] = {{"oneOf", Json::array({one_file, files})},
                                {"description", "files merged first, relative to this file"}};
  Json out{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
           {"$id", "https://splitsim.invalid/scenario.schema.json"},
           {"title", "splitsim scenario"},
           {"description", "A splitsim scenario file (docs/scenarios.md). splitsim itself rejects unknown keys, as this "
                           "schema does. Generated by `splitsim describe schema` from the settings table."}};
  out.update(s);
  return out;
}

}  // namespace splitsim
