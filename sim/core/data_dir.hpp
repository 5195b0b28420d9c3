#pragma once
// Where the shipped data (networks/, calibration/, scenarios/) lives.

#include <string>

namespace splitsim {

/// $SPLITSIM_DATA_DIR when set, else the source tree the binary was built from.
std::string data_dir();

/// The file a setting names: `name_or_path` itself when it is a file, else the shipped
/// <data_dir>/<folder>/<name><extension>. Neither: an InputError when the value looks like a path, else a
/// UsageError "unknown <what> ... (<choices>)".
std::string resolve_data_file(const std::string& name_or_path, const std::string& folder, const std::string& extension,
                              const std::string& what, const std::string& choices);

}  // namespace splitsim
