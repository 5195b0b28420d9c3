#pragma once
// Decimal digits of unsigned integers written eight at a time (the query CSV's numbers, output/query_csv_writer.cpp):
// one 64-bit word holds eight ASCII digits, computed with a few multiplications instead of a division per digit
// (P. Khuong, "How to print integers really fast", 2017). Callers leave 7 bytes of slack after what they write.

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace splitsim::decimal {

static_assert(std::endian::native == std::endian::little, "the digits' byte order assumes a little-endian machine");

inline constexpr std::array<std::uint64_t, 20> kPow10 = [] {
  std::array<std::uint64_t, 20> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}();

/// The decimal digits of `v` (1 for 0).
inline int digit_count(std::uint64_t v) {
  const int t = (static_cast<int>(std::bit_width(v | 1)) * 1233) >> 12;  // floor(log10 v), or one more
  return t + 1 - ((v | 1) < kPow10[static_cast<std::size_t>(t)] ? 1 : 0);
}

/// The eight ASCII digits of `v` < 10^8, zero-padded, the first in the lowest byte. The four-digit halves go into
/// the word's 32-bit lanes, are split into pairs by a multiplication by 10486 / 2^20 (exactly /100 below 10^4),
/// and the pairs into digits by 103 / 2^10 (exactly /10 below 100); no lane carries into the next.
inline std::uint64_t eight_digits(std::uint32_t v) {
  const std::uint64_t merged = (v / 10000) | (static_cast<std::uint64_t>(v % 10000) << 32);
  const std::uint64_t hundreds_hi = ((merged * 10486) >> 20) & ((0x7FULL << 32) | 0x7FULL);
  const std::uint64_t pairs = ((merged - 100 * hundreds_hi) << 16) + hundreds_hi;
  std::uint64_t tens = ((pairs * 103) >> 10) & ((0xFULL << 48) | (0xFULL << 32) | (0xFULL << 16) | 0xFULL);
  tens += (pairs - 10 * tens) << 8;
  return tens | 0x3030303030303030ULL;
}

/// Writes the `n` (1..8) last digits of `v` < 10^8 at `at`, and 8 - n bytes of scratch after them.
inline char* put_chunk(char* at, std::uint64_t v, int n) {
  const std::uint64_t word = eight_digits(static_cast<std::uint32_t>(v)) >> (8 * (8 - n));
  std::memcpy(at, &word, 8);
  return at + n;
}

/// Writes `v` < 10^n as exactly `n` (1..20) digits, zero-padded, at `at`, and up to 7 bytes of scratch after them;
/// returns the end of the digits.
inline char* write_digits(char* at, std::uint64_t v, int n) {
  if (n > 16) {
    at = put_chunk(at, v / kPow10[16], n - 16);
    v %= kPow10[16];
    n = 16;
  }
  if (n > 8) {
    at = put_chunk(at, v / kPow10[8], n - 8);
    v %= kPow10[8];
    n = 8;
  }
  return put_chunk(at, v, n);
}

}  // namespace splitsim::decimal
