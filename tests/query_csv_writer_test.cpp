#include <catch2/catch.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "core/random.hpp"
#include "output/decimal_digits.hpp"
#include "output/query_csv_writer.hpp"

using namespace splitsim;

namespace {

std::string to_chars_padded(std::uint64_t v, int n) {
  char buf[24];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  const std::string s(buf, end);
  return std::string(static_cast<std::size_t>(std::max(0, n - static_cast<int>(s.size()))), '0') + s;
}

// write_digits' text, checked to stay within its 7 bytes of scratch.
std::string written(std::uint64_t v, int n) {
  char buf[48];
  std::memset(buf, '#', sizeof buf);
  const char* end = decimal::write_digits(buf + 8, v, n);
  for (const char* p = end + 7; p < buf + sizeof buf; ++p) REQUIRE(*p == '#');
  for (const char* p = buf; p < buf + 8; ++p) REQUIRE(*p == '#');
  return std::string(static_cast<const char*>(buf + 8), end);
}

// The reference: a value in units of 10^-decimals with exactly that many decimals, by fmt.
std::string fixed_text(std::int64_t v, int decimals) {
  std::int64_t unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const std::uint64_t m = v < 0 ? static_cast<std::uint64_t>(-v) : static_cast<std::uint64_t>(v);
  return fmt::format("{}{}.{:0{}}", v < 0 ? "-" : "", m / static_cast<std::uint64_t>(unit), m % static_cast<std::uint64_t>(unit),
                     decimals);
}

}  // namespace

TEST_CASE("decimal digits: eight at a time, as std::to_chars writes them") {
  int wrong = 0;
  for (std::uint32_t v = 0; v < 100'000'000; v += 997) {  // a stride prime to every power of ten
    const std::uint64_t word = decimal::eight_digits(v);
    if (std::string(reinterpret_cast<const char*>(&word), 8) != to_chars_padded(v, 8)) ++wrong;
  }
  for (std::uint32_t v : {0u, 9u, 10u, 99u, 100u, 9999u, 10000u, 99999999u, 12345678u, 10000001u}) {
    const std::uint64_t word = decimal::eight_digits(v);
    CHECK(std::string(reinterpret_cast<const char*>(&word), 8) == to_chars_padded(v, 8));
  }
  CHECK(wrong == 0);
}

TEST_CASE("decimal digits: counts at every power of ten, and any width up to twenty, zero-padded") {
  std::uint64_t p = 1;  // 10^(k-1)
  for (int k = 1; k < 20; ++k, p *= 10) {
    CHECK(decimal::digit_count(p) == k);
    CHECK(decimal::digit_count(p * 10 - 1) == k);
  }
  CHECK(decimal::digit_count(0) == 1);
  CHECK(decimal::digit_count(UINT64_MAX) == 20);
  CHECK(written(UINT64_MAX, 20) == "18446744073709551615");
  CHECK(written(0, 1) == "0");
  CHECK(written(7, 9) == "000000007");
  RandomStream rng(2026, 7);
  int wrong = 0;
  for (int k = 0; k < 20000; ++k) {
    const int bits = 1 + static_cast<int>(rng.next() % 64);
    const std::uint64_t v = bits == 64 ? rng.next() : rng.next() & ((std::uint64_t{1} << bits) - 1);
    const int digits = decimal::digit_count(v);
    const int n = std::min(20, digits + static_cast<int>(rng.next() % 4));  // padded to one, two or three more
    if (written(v, n) != to_chars_padded(v, n) || to_chars_padded(v, 0).size() != static_cast<std::size_t>(digits)) ++wrong;
  }
  CHECK(wrong == 0);
}

namespace {

// Writes `rows` random rows to `writer` and returns what they should read: durations drawn from a few values (so that
// columns repeat, row to row) and from anything up to ~11 days; with `no_promotions`, that column is 0 throughout
// (as in a run without tails), so its text is the first row's.
std::string write_random_rows(QueryCsvWriter& writer, int rows, std::uint64_t seed, bool no_promotions = false) {
  static const std::string split_a = "conv1", split_b = "input";
  RandomStream rng(seed, 1);
  std::string expected;
  auto ns = [&](std::int64_t scale) {
    const std::uint64_t pick = rng.next() % 4;
    return pick == 0 ? std::int64_t{0} : pick == 1 ? std::int64_t{25'641'026} : static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(scale));
  };
  for (int k = 0; k < rows; ++k) {
    QueryRecord r;
    r.id = rng.next() >> (rng.next() % 64);
    r.client = static_cast<std::uint32_t>(rng.next() % 100000);
    r.split_after = k % 3 == 0 ? &split_a : &split_b;
    r.split_index = static_cast<int>(rng.next() % 40);
    r.local = rng.next() % 5 == 0;
    r.arrival = SimTime::from_ns(ns(1'000'000'000'000'000));
    r.mobile_start = r.arrival;
    r.mobile_end = r.arrival + Duration::from_ns(ns(1'000'000'000));
    r.upload_end = r.mobile_end + Duration::from_ns(ns(1'000'000'000'000));
    r.server_start = r.upload_end + Duration::from_ns(ns(1'000'000));
    r.server_end = r.server_start + Duration::from_ns(ns(1'000'000'000));
    r.done = r.server_end + Duration::from_ns(ns(10));
    r.upload_bytes = static_cast<std::int64_t>(rng.next() % 3 == 0 ? 18750 : rng.next() % 100'000'000);
    const double energies[] = {0.05, 0.098785167, 0.0, rng.uniform() * 1e3};
    r.mobile_energy_j = energies[rng.next() % 4];
    r.radio_energy_j = energies[rng.next() % 4];
    r.tail_energy_j = energies[rng.next() % 4];
    r.promotion_energy_j = energies[rng.next() % 4];
    if (no_promotions) r.promotion_energy_j = 0;
    writer.on_query(r);

    auto ms = [](Duration d) { return fixed_text(d.ns(), 6); };
    const Duration zero = Duration::zero();
    expected += fmt::format("{},{},neurosurgeon-latency,{},{},{},{},{},{},{},{},{},{}", r.id, r.client, fixed_text(r.arrival.ns(), 9),
                            *r.split_after, r.split_index, ms(r.mobile_end - r.arrival), ms(r.local ? zero : r.upload_end - r.mobile_end),
                            ms(r.local ? zero : r.server_start - r.upload_end), ms(r.local ? zero : r.server_end - r.server_start),
                            ms(r.local ? zero : r.done - r.server_end), ms(r.done - r.arrival), r.upload_bytes);
    std::int64_t total = 0;
    for (double j : {r.mobile_energy_j, r.radio_energy_j, r.tail_energy_j, r.promotion_energy_j}) {
      total += std::llround(j * 1e9);
      expected += "," + fixed_text(std::llround(j * 1e9), 9);
    }
    expected += "," + fixed_text(total, 9) + "\n";
  }
  return expected;
}

}  // namespace

TEST_CASE("query CSV rows: every number as fmt prints it, repeated values included") {
  const std::filesystem::path never = std::filesystem::temp_directory_path() / "splitsim-csv-test-never-written.csv";
  QueryCsvWriter writer(never, "never.csv", "neurosurgeon-latency", false);
  const std::string expected = write_random_rows(writer, 3000, 99);
  REQUIRE_FALSE(writer.on_disk());
  CHECK(std::string(writer.held()) == expected);
  CHECK_FALSE(std::filesystem::exists(never));
}

TEST_CASE("query CSV rows: a column repeated across a full buffer's write reads as before it") {
  // Promotions are 0 in every row: their text, written by the first row, must outlive the buffer's reuse.
  // 12,000 rows of about 170 bytes fill the 1 MiB buffer twice: a repeated column's text must survive the buffer's
  // reuse, whatever keeps it.
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "splitsim-csv-test-flushed.csv";
  std::filesystem::remove(path);
  QueryCsvWriter writer(path, "flushed.csv", "neurosurgeon-latency", true);
  const std::string expected = QueryCsvWriter::header() + write_random_rows(writer, 12000, 7, true);
  REQUIRE(writer.on_disk());
  writer.close();
  std::ifstream in(path, std::ios::binary);
  const std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(got.size() > 2 * (std::size_t{1} << 20));
  CHECK(got == expected);
  std::filesystem::remove(path);
}
