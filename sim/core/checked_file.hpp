#pragma once
// A file written with every write and the close checked: a full disk or a failed device is an exit-2 error
// naming the path the user asked for (not the scratch path the bytes go to first).

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace splitsim {

class CheckedFile {
 public:
  /// Creates (or truncates, or with `append` extends) `path`; errors name `shown`.
  CheckedFile(const std::filesystem::path& path, std::string shown, bool append = false);
  /// Closes without checking: only reached on the way out of an error, when the file is thrown away.
  ~CheckedFile();
  CheckedFile(const CheckedFile&) = delete;
  CheckedFile& operator=(const CheckedFile&) = delete;

  void write(std::string_view bytes);
  /// Appends the whole content of `path` (a part written earlier).
  void append_file(const std::filesystem::path& path);
  /// Flushes and closes (where a network filesystem reports a full disk); UsageError when any of it fails.
  void close();

 private:
  [[noreturn]] void fail(int error);
  std::FILE* file_ = nullptr;
  std::string shown_;
};

/// Writes `content` to `path` through a CheckedFile.
void write_checked(const std::filesystem::path& path, std::string_view content, const std::string& shown);

}  // namespace splitsim
