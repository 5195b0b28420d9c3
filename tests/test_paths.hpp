#pragma once
// Paths the tests read from, fixed by the build.

#include <string>

namespace splitsim::test {

inline std::string source_dir() { return SPLITSIM_SOURCE_DIR; }
inline std::string shared_dir() { return SPLITSIM_SHARED_DIR; }
inline std::string network_path(const std::string& name) { return source_dir() + "/networks/" + name + ".json"; }

}  // namespace splitsim::test
