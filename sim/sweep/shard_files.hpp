#pragma once
// What the sweep's writer and merger share: the checksum recorded for each results table and a whole-file read.

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace splitsim {

/// FNV-1a, 64 bits: the identity of a sweep and the checksum of a shard's rows.
inline std::uint64_t fnv1a(const std::string& s, std::uint64_t h = 1469598103934665603ULL) {
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

}  // namespace splitsim
