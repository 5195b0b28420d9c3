#pragma once
// Output folders are never overwritten without --force, and appear whole: everything is written into a
// scratch folder beside the target, which replaces it only at the end.

#include <filesystem>
#include <string>

namespace splitsim {

/// UsageError when `dir` exists, is not an empty folder and `force` is not set.
void check_output_dir(const std::string& dir, bool force);

class ScratchDir {
 public:
  /// Checks `dir` (as check_output_dir) and creates an empty scratch folder beside it.
  ScratchDir(const std::string& dir, bool force);
  /// Removes the scratch folder unless committed (an error on the way leaves `dir` untouched).
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return scratch_; }
  /// Replaces `dir` with the scratch folder.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path scratch_;
  bool committed_ = false;
};

}  // namespace splitsim
