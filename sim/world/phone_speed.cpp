#include "world/phone_speed.hpp"

#include <algorithm>
#include <stdexcept>

namespace splitsim {

PhoneSpeed::PhoneSpeed(LoadTrace load, LoadTrace speed) : load_(std::move(load)), speed_(std::move(speed)), active_(true) {
  for (double s : speed_.values()) {
    if (!(s > 0 && s <= 1)) throw std::invalid_argument("speed factors must be in (0, 1]");
  }
}

double PhoneSpeed::load_slowdown(SimTime t) const {
  if (!active_) return 1.0;
  return sharing_slowdown(load_.at(t));
}

double PhoneSpeed::least_slowdown() const {
  if (!active_) return 1.0;
  const std::vector<double>& l = load_.values();
  const std::vector<double>& s = speed_.values();
  // Load and speed change at their own times; the least of each bounds the product from below.
  return sharing_slowdown(*std::min_element(l.begin(), l.end())) / *std::max_element(s.begin(), s.end());
}

}  // namespace splitsim
