#include "run/replications.hpp"

#include <string_view>

#include "core/confidence.hpp"

namespace splitsim {
namespace {

// Sets `out` to the joined value of `values` (one per replication, at the place named `key`) and `ci` to its
// interval's half-width where it has one.
void join(const std::vector<const Json*>& values, std::string_view key, Json& out, Json& ci) {
  const Json& first = *values.front();
  if (key == "splits") {  // counts per split, over every split any replication chose
    out = Json::object();
    for (const Json* e : values) {
      for (const auto& [k, v] : e->items()) out[k] = out.value(k, std::int64_t{0}) + v.get<std::int64_t>();
    }
    return;
  }
  if (first.is_object()) {
    out = Json::object();
    ci = Json::object();
    for (const auto& [k, v] : first.items()) {
      std::vector<const Json*> children;
      for (const Json* e : values) children.push_back(&e->at(k));  // the same keys in every replication
      Json child_ci;
      join(children, k, out[k], child_ci);
      if (!child_ci.is_null() && !(child_ci.is_object() && child_ci.empty())) ci[k] = child_ci;
    }
    return;
  }
  if (first.is_boolean()) {
    bool all = true;
    for (const Json* v : values) all = all && v->get<bool>();
    out = all;
  } else if (!first.is_number() || key.ends_with("_client")) {
    out = first;
  } else if (key == "count") {
    std::int64_t total = 0;
    for (const Json* v : values) total += v->get<std::int64_t>();
    out = total;
  } else {
    std::vector<double> xs;
    for (const Json* v : values) xs.push_back(v->get<double>());
    MeanInterval m = mean_ci95(xs);
    out = m.mean;
    ci = m.half_width;
  }
}

}  // namespace

Json join_replications(const std::vector<Json>& entries) {
  if (entries.size() == 1) return entries.front();
  std::vector<const Json*> values;
  for (const Json& e : entries) values.push_back(&e);
  Json out, ci;
  join(values, "", out, ci);
  out["replications"] = entries.size();
  out["ci95_half_width"] = ci;
  return out;
}

}  // namespace splitsim
