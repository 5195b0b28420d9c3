#include "radio/radio_profile.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/data_dir.hpp"
#include "core/input_error.hpp"

namespace splitsim {

Joules RadioProfile::full_tail_energy() const { return tail_energy(Duration::max()); }

Joules RadioProfile::tail_energy(Duration elapsed) const {
  Joules total;
  Duration left = elapsed;
  for (const TailPhase& p : tail) {
    if (left <= Duration::zero()) break;
    Duration in_phase = std::min(left, p.duration);
    total += p.power * in_phase;
    left -= in_phase;
  }
  return total;
}

Duration RadioProfile::tail_length() const {
  Duration total;
  for (const TailPhase& p : tail) total += p.duration;
  return total;
}

RadioProfile::WakeCost RadioProfile::wake_cost_after(Duration idle) const {
  if (!tails) return {};
  Duration start;
  for (const TailPhase& p : tail) {
    if (idle < start + p.duration) return {p.resume_delay, p.resume_power * p.resume_delay};
    start += p.duration;
  }
  return {promotion_delay, promotion_power * promotion_delay};
}

RadioProfile parse_radio_profile(const Json& doc, const std::string& file) {
  JsonReader r(doc, file, "");
  r.ignore("comment");
  RadioProfile p;
  p.name = r.string("name");
  p.source = r.string_or("source", "");
  JsonReader power = r.object("power_model");
  power.ignore("comment");
  p.alpha_up_mw_per_mbps = power.number("alpha_up_mw_per_mbps", 0.0);
  p.alpha_down_mw_per_mbps = power.number("alpha_down_mw_per_mbps", 0.0);
  p.beta_mw = power.number("beta_mw", 0.0);
  power.finish();
  JsonReader promo = r.object("promotion");
  promo.ignore("comment");
  p.promotion_delay = Duration::from_seconds(promo.number("delay_s", 0.0, 60.0));
  p.promotion_power = Watts{promo.number("power_w", 0.0, 100.0)};
  promo.finish();
  const Json& tail = r.at("tail");
  if (!tail.is_array()) r.fail("tail", "expected an array of tail phases, found " + describe_json(tail));
  for (std::size_t i = 0; i < tail.size(); ++i) {
    JsonReader t(tail[i], file, json_child(r.child("tail"), i));
    t.ignore("comment");
    TailPhase phase;
    phase.name = t.string("name");
    phase.duration = Duration::from_seconds(t.number("duration_s", 0.0, 3600.0));
    phase.power = Watts{t.number("power_w", 0.0, 100.0)};
    phase.resume_delay = Duration::from_seconds(t.number_or("resume_delay_s", 0.0, 0.0, 60.0));
    phase.resume_power = Watts{t.number_or("resume_power_w", 0.0, 0.0, 100.0)};
    t.finish();
    p.tail.push_back(std::move(phase));
  }
  r.finish();
  return p;
}

RadioProfile load_radio_profile(const std::string& name_or_path) {
  std::string path = resolve_data_file(name_or_path, "calibration/radio", ".json", "radio", "lte, 3g, wifi");
  return parse_radio_profile(read_json_file(path), path);
}

}  // namespace splitsim
