#pragma once
// Where the shipped data (networks/, calibration/, scenarios/) lives.

#include <string>

namespace splitsim {

/// $SPLITSIM_DATA_DIR when set, else the source tree the binary was built from.
std::string data_dir();

}  // namespace splitsim
