#pragma once
// Output files appear whole or not at all: written to a temporary file beside the target, then renamed.

#include <string>
#include <string_view>

namespace splitsim {

/// Writes `content` to `path` atomically. Refuses an existing `path` unless `overwrite` (UsageError).
void write_file_atomic(const std::string& path, std::string_view content, bool overwrite);

}  // namespace splitsim
