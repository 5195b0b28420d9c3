#include "core/output_dir.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "core/input_error.hpp"

namespace splitsim {

namespace fs = std::filesystem;

void check_output_dir(const std::string& dir, bool force) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !force && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    throw UsageError(fmt::format("{} exists; use --force to overwrite it", dir));
  }
}

ScratchDir::ScratchDir(const std::string& dir, bool force) : target_(dir) {
  check_output_dir(dir, force);
  fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) throw UsageError(fmt::format("cannot write {}: no directory {}", dir, parent.string()));
  scratch_ = parent / fmt::format(".{}.tmp-{}", target_.filename().string(), ::getpid());
  fs::remove_all(scratch_, ec);
  fs::create_directory(scratch_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  if (!committed_) fs::remove_all(scratch_, ec);
}

void ScratchDir::commit() {
  std::error_code ec;
  fs::remove_all(target_, ec);
  fs::rename(scratch_, target_, ec);
  if (ec) throw UsageError(fmt::format("cannot write {}: {}", target_.string(), ec.message()));
  committed_ = true;
}

}  // namespace splitsim
