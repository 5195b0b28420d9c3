#pragma once
// Every output a command writes (a folder or a file) goes through one mechanism, in this order, before any
// work is done:
//   1. the target is checked: not empty, not ".", "..", the working folder or a folder holding it, not an
//      input or a folder holding one, not a thing of the other kind or a special file; an existing one is
//      replaced only with --force;
//   2. missing parent folders are created (and removed again if the command fails);
//   3. a lock beside the target makes a second splitsim writing the same target fail at once;
//   4. scratch left beside it by processes that died is removed.
// Then everything is written into a scratch sibling with every write checked, and the scratch replaces the
// target in one rename at the end: a failed or killed command leaves the previous output as it was.
// docs/outputs.md states these rules.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace splitsim {

class OutputTarget {
 public:
  enum class Kind { folder, file };

  /// Reserves `target` (steps 1-4 above); UsageError naming it when it cannot be written. `inputs` are the
  /// files and folders the command reads.
  OutputTarget(std::string target, Kind kind, bool force, const std::vector<std::string>& inputs = {});
  /// Unless committed: removes the scratch, the lock, and the parent folders this reservation created.
  ~OutputTarget();
  OutputTarget(const OutputTarget&) = delete;
  OutputTarget& operator=(const OutputTarget&) = delete;

  /// The scratch folder (Kind::folder) or scratch file (Kind::file) to write into.
  const std::filesystem::path& scratch() const { return scratch_; }
  /// The target as the user gave it.
  const std::string& target() const { return target_; }
  /// How a file inside the folder is named in messages: "<target>/<name>".
  std::string shown(std::string_view name) const;

  /// Kind::file: writes `content` to the scratch file (checked) and commits.
  void write_and_commit(std::string_view content);
  /// Replaces the target by the scratch, then releases the lock.
  void commit();

 private:
  void check(Kind kind, bool force, const std::vector<std::string>& inputs) const;
  void create_parents();
  void lock();
  void unlock();
  void remove_dead_scratch() const;
  /// Removes the scratch, the lock and the parent folders created (those still empty).
  void discard();

  std::string target_;
  Kind kind_;
  std::filesystem::path path_;    ///< target as a path
  std::filesystem::path parent_;  ///< the folder it lives in
  std::filesystem::path scratch_;
  std::filesystem::path lock_path_;
  std::vector<std::filesystem::path> created_;  ///< parent folders created by this reservation, outermost first
  int lock_fd_ = -1;
  bool committed_ = false;
};

}  // namespace splitsim
