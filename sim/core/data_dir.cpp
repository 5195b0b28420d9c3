#include "core/data_dir.hpp"

#include <cstdlib>

#ifndef SPLITSIM_SOURCE_DIR
#error "SPLITSIM_SOURCE_DIR must be defined by the build"
#endif

namespace splitsim {

std::string data_dir() {
  const char* env = std::getenv("SPLITSIM_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
  return SPLITSIM_SOURCE_DIR;
}

}  // namespace splitsim
