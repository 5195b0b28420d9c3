#pragma once
// Paths the tests read from, fixed by the build.

#include <string>

namespace splitsim::test {

inline std::string source_dir() { return SPLITSIM_SOURCE_DIR; }
inline std::string shared_dir() { return SPLITSIM_SHARED_DIR; }
inline std::string network_path(const std::string& name) { return source_dir() + "/networks/" + name + ".json"; }
/// A file of tests/data/unit/ (small scenarios whose results are computed by hand).
inline std::string unit_data(const std::string& name) { return source_dir() + "/tests/data/unit/" + name; }

}  // namespace splitsim::test
