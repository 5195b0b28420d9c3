#pragma once
// Unit-bearing value types. Simulated time is an integer count of nanoseconds; doubles appear only at the
// edges (model output, printing) and are converted with explicit rounding.

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>

namespace splitsim {

/// Rounds to the nearest integer, halves away from zero, like std::llround but inline (|x| < 2^52).
constexpr std::int64_t round_to_int64(double x) {
  auto i = static_cast<std::int64_t>(x);  // truncates toward zero
  double f = x - static_cast<double>(i);
  // Without branches: a random fraction would mispredict one in two.
  return i + static_cast<std::int64_t>(f >= 0.5) - static_cast<std::int64_t>(f <= -0.5);
}

/// A span of simulated time, in integer nanoseconds. May be negative as an intermediate value.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration from_ns(std::int64_t ns) { return Duration(ns); }
  /// Rounds to the nearest nanosecond.
  static Duration from_seconds(double s) { return Duration(round_to_int64(s * 1e9)); }
  static Duration from_ms(double ms) { return Duration(round_to_int64(ms * 1e6)); }
  static Duration from_us(double us) { return Duration(round_to_int64(us * 1e3)); }
  static constexpr Duration zero() { return Duration(0); }
  static constexpr Duration max() { return Duration(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double seconds() const { return static_cast<double>(ns_) * 1e-9; }
  constexpr double ms() const { return static_cast<double>(ns_) * 1e-6; }

  constexpr Duration operator+(Duration o) const { return Duration(ns_ + o.ns_); }
  constexpr Duration operator-(Duration o) const { return Duration(ns_ - o.ns_); }
  constexpr Duration& operator+=(Duration o) { ns_ += o.ns_; return *this; }
  constexpr Duration& operator-=(Duration o) { ns_ -= o.ns_; return *this; }
  constexpr Duration operator*(std::int64_t k) const { return Duration(ns_ * k); }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

/// A point in simulated time: nanoseconds since the start of the run.
class SimTime {
 public:
  constexpr SimTime() = default;
  static constexpr SimTime from_ns(std::int64_t ns) { return SimTime(ns); }
  static SimTime from_seconds(double s) { return SimTime(round_to_int64(s * 1e9)); }
  static constexpr SimTime zero() { return SimTime(0); }
  static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }
  static constexpr SimTime min() { return SimTime(std::numeric_limits<std::int64_t>::min() / 2); }

  constexpr std::int64_t ns() const { return ns_; }
  constexpr double seconds() const { return static_cast<double>(ns_) * 1e-9; }

  constexpr SimTime operator+(Duration d) const { return SimTime(ns_ + d.ns()); }
  constexpr SimTime operator-(Duration d) const { return SimTime(ns_ - d.ns()); }
  constexpr Duration operator-(SimTime o) const { return Duration::from_ns(ns_ - o.ns_); }
  constexpr SimTime& operator+=(Duration d) { ns_ += d.ns(); return *this; }
  constexpr auto operator<=>(const SimTime&) const = default;

 private:
  constexpr explicit SimTime(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

/// A data size in bytes.
struct Bytes {
  std::int64_t value = 0;
  constexpr double bits() const { return static_cast<double>(value) * 8.0; }
  constexpr auto operator<=>(const Bytes&) const = default;
  constexpr Bytes operator+(Bytes o) const { return Bytes{value + o.value}; }
};

/// A link rate in bits per second.
struct BitsPerSecond {
  double value = 0.0;
  static constexpr BitsPerSecond from_mbps(double mbps) { return BitsPerSecond{mbps * 1e6}; }
  constexpr double mbps() const { return value * 1e-6; }
};

/// Electrical power in watts.
struct Watts {
  double value = 0.0;
};

/// Energy in joules.
struct Joules {
  double value = 0.0;
  constexpr Joules& operator+=(Joules o) { value += o.value; return *this; }
};

/// Energy of drawing `p` for `d`.
inline Joules operator*(Watts p, Duration d) { return Joules{p.value * d.seconds()}; }

}  // namespace splitsim
