#include <stdexcept>

#include <fmt/format.h>

#include "partition/policy.hpp"

namespace splitsim {

// Each policy's traits, defined in its own file.
extern const PolicyTraits kCloudOnly, kLocalOnly, kNeurosurgeonLatency, kNeurosurgeonEnergy, kMinCutLatency,
    kMinCutEnergy, kMinUpload, kRadioLatency, kRadioEnergy, kSloEnergy, kOracle, kOptimumLatency, kOptimumEnergy, kFixedSplit;

const std::vector<const PolicyTraits*>& policies() {
  static const std::vector<const PolicyTraits*> registry{
      &kCloudOnly, &kLocalOnly, &kNeurosurgeonLatency, &kNeurosurgeonEnergy,
      &kMinCutLatency, &kMinCutEnergy, &kMinUpload, &kRadioLatency, &kRadioEnergy, &kSloEnergy, &kOracle,
      &kOptimumLatency, &kOptimumEnergy, &kFixedSplit,
  };
  return registry;
}

namespace {

std::string written_name(const PolicyTraits& t) {
  return t.takes_layer ? fmt::format("{}:<layer>", t.name) : std::string(t.name);
}

std::string expected_names() {
  std::vector<std::string> names;
  for (const PolicyTraits* t : policies()) names.push_back(written_name(*t));
  std::string last = names.back();
  names.pop_back();
  return fmt::format("{} or {}", fmt::join(names, ", "), last);
}

}  // namespace

namespace {

// The policy part of a name without its modifiers; sets them on `p`.
std::string strip_modifiers(const std::string& name, Partitioner& p) {
  std::string base = name;
  for (;;) {
    if (base.ends_with("+learn") && !p.learns) {
      p.learns = true;
      base.resize(base.size() - 6);
    } else if (base.ends_with("+phone") && !p.knows_phone_load) {
      p.knows_phone_load = true;
      base.resize(base.size() - 6);
    } else {
      return base;
    }
  }
}

}  // namespace

Partitioner parse_partitioner(const std::string& name, const Network& net) {
  Partitioner p;
  p.name = name;
  const std::string base = strip_modifiers(name, p);
  for (const PolicyTraits* t : policies()) {
    std::string prefix = fmt::format("{}:", t->name);
    if (!t->takes_layer && base == t->name) {
      p.policy = t;
    } else if (t->takes_layer && base.starts_with(prefix)) {
      std::string layer = base.substr(prefix.size());
      p.fixed_index = net.find(layer);
      if (p.fixed_index < 0) throw std::invalid_argument(fmt::format("network {} has no layer \"{}\"", net.abbrev, layer));
      p.policy = t;
    } else {
      continue;
    }
    if ((p.learns || p.knows_phone_load) && !t->uses_beliefs) {
      throw std::invalid_argument(fmt::format("{} does not decide on beliefs, so +phone and +learn do not apply to it "
                                              "(they change what a policy believes the layers cost)", t->name));
    }
    return p;
  }
  if (name == "oracle") {
    throw std::invalid_argument("partitioner \"oracle\" is now \"greedy-oracle\": it chooses per query with hindsight of the "
                                "link, and is not a lower bound over a run");
  }
  throw std::invalid_argument(fmt::format("unknown partitioner \"{}\" (expected {})", name, expected_names()));
}

std::string policy_refusal(const Partitioner& p, const CostTable& costs, const std::string& mobile_platform, bool has_slo) {
  if (p.policy->needs_power_model && !costs.has_mobile_power) {
    return fmt::format("{} needs a mobile power model, and platform {} has none", p.name, mobile_platform);
  }
  if (p.policy->needs_slo && !has_slo) {
    return fmt::format("{} needs a latency deadline: set the client group's slo_ms", p.name);
  }
  return {};
}

std::string policy_table_markdown() {
  std::string out = "| name | split | minimises |\n|---|---|---|\n";
  for (const PolicyTraits* t : policies()) {
    out += fmt::format("| `{}` | {} | {} |\n", written_name(*t), t->description, t->optimises);
  }
  return out;
}

std::string policy_name_pattern() {
  std::vector<std::string> alternatives;
  for (const PolicyTraits* t : policies()) {
    alternatives.push_back(t->takes_layer ? fmt::format("{}:.+", t->name) : std::string(t->name));
  }
  return fmt::format("^({})(\\+phone|\\+learn)*$", fmt::join(alternatives, "|"));
}

}  // namespace splitsim
