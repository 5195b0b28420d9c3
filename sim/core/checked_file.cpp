#include "core/checked_file.hpp"

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include "core/input_error.hpp"

namespace splitsim {

namespace {

std::string describe(int error) { return error != 0 ? std::strerror(error) : "the write did not complete"; }

}  // namespace

CheckedFile::CheckedFile(const std::filesystem::path& path, std::string shown, bool append) : shown_(std::move(shown)) {
  errno = 0;
  file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
  if (file_ == nullptr) fail(errno);
}

CheckedFile::~CheckedFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CheckedFile::fail(int error) {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  throw UsageError(fmt::format("cannot write {}: {}", shown_, describe(error)));
}

void CheckedFile::write(std::string_view bytes) {
  if (bytes.empty()) return;
  errno = 0;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) fail(errno);
}

void CheckedFile::append_file(const std::filesystem::path& path) {
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) fail(errno);
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, in)) > 0) {
    errno = 0;
    if (std::fwrite(buffer, 1, n, file_) != n) {
      int error = errno;
      std::fclose(in);
      fail(error);
    }
  }
  bool bad = std::ferror(in) != 0;
  std::fclose(in);
  if (bad) fail(EIO);
}

void CheckedFile::close() {
  if (file_ == nullptr) return;
  errno = 0;
  if (std::fflush(file_) != 0) fail(errno);
  std::FILE* f = file_;
  file_ = nullptr;
  errno = 0;
  if (std::fclose(f) != 0) {
    int error = errno;
    throw UsageError(fmt::format("cannot write {}: {}", shown_, describe(error)));
  }
}

void write_checked(const std::filesystem::path& path, std::string_view content, const std::string& shown) {
  CheckedFile f(path, shown);
  f.write(content);
  f.close();
}

}  // namespace splitsim
