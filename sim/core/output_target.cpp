#include "core/output_target.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/checked_file.hpp"
#include "core/input_error.hpp"

namespace splitsim {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kScratchTag = ".splitsim-";

/// True when `outer` is `inner` or one of the folders that hold it (both absolute and normal).
bool holds(const fs::path& outer, const fs::path& inner) {
  auto o = outer.begin(), i = inner.begin();
  for (; o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // the trailing "" of a path ending in a separator
    if (i == inner.end() || *o != *i) return false;
  }
  return true;
}

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path abs = fs::absolute(p, ec);
  fs::path r = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : r;
}

/// The pid of a scratch or lock name ".<name>.splitsim-<pid>.tmp|.old", or 0.
pid_t scratch_pid(const std::string& entry) {
  auto tag = entry.rfind(kScratchTag);
  if (entry.empty() || entry[0] != '.' || tag == std::string::npos) return 0;
  std::string rest = entry.substr(tag + kScratchTag.size());
  auto dot = rest.find('.');
  if (dot == std::string::npos || (rest.substr(dot) != ".tmp" && rest.substr(dot) != ".old")) return 0;
  pid_t pid = 0;
  for (char c : rest.substr(0, dot)) {
    if (c < '0' || c > '9' || pid > 100000000) return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

}  // namespace

OutputTarget::OutputTarget(std::string target, Kind kind, bool force, const std::vector<std::string>& inputs)
    : target_(std::move(target)), kind_(kind), path_(target_) {
  if (target_.empty()) throw UsageError("the output path is empty");
  while (path_.has_parent_path() && path_.filename().empty() && path_ != path_.root_path()) path_ = path_.parent_path();
  parent_ = path_.has_parent_path() ? path_.parent_path() : fs::path(".");
  check(kind, force, inputs);
  try {  // a constructor that throws runs no destructor: undo by hand what was done
    create_parents();
    lock();
    check(kind, force, inputs);  // again under the lock: another process may have written it meanwhile
    remove_dead_scratch();
    std::string name = path_.filename().string();
    scratch_ = parent_ / fmt::format(".{}{}{}.tmp", name, kScratchTag, ::getpid());
    if (kind_ == Kind::folder) {
      std::error_code ec;
      fs::create_directory(scratch_, ec);
      if (ec) throw UsageError(fmt::format("cannot write {}: {}", target_, ec.message()));
    }
  } catch (...) {
    discard();
    throw;
  }
}

OutputTarget::~OutputTarget() {
  if (!committed_) discard();
}

void OutputTarget::discard() {
  std::error_code ec;
  if (!scratch_.empty()) fs::remove_all(scratch_, ec);
  unlock();
  for (auto it = created_.rbegin(); it != created_.rend(); ++it) fs::remove(*it, ec);  // only if still empty
}

std::string OutputTarget::shown(std::string_view name) const {
  std::string base = target_;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return fmt::format("{}/{}", base, name);
}

void OutputTarget::check(Kind kind, bool force, const std::vector<std::string>& inputs) const {
  std::string name = path_.filename().string();
  if (name.empty() || name == "." || name == "..") {
    throw UsageError(fmt::format("cannot write {}: give a new {} name, not a bare folder", target_,
                                 kind == Kind::folder ? "folder" : "file"));
  }
  fs::path abs = resolved(path_);
  std::error_code ec;
  if (holds(abs, resolved(fs::current_path(ec)))) {
    throw UsageError(fmt::format("cannot write {}: it is the working folder or holds it; give a new folder", target_));
  }
  for (const auto& in : inputs) {
    if (in.empty() || !fs::exists(in, ec)) continue;
    fs::path r = resolved(in);
    if (r == abs || (kind == Kind::folder && holds(abs, r))) {
      throw UsageError(fmt::format("cannot write {}: it would replace the input {}", target_, in));
    }
  }
  auto link = fs::symlink_status(path_, ec);
  if (!fs::exists(link)) return;
  auto st = fs::status(path_, ec);
  if (kind == Kind::folder && (link.type() != fs::file_type::directory)) {
    throw UsageError(fmt::format("cannot write {}: it exists and is not a folder", target_));
  }
  if (kind == Kind::file && st.type() == fs::file_type::directory) {
    throw UsageError(fmt::format("cannot write {}: it is a folder; give a file name", target_));
  }
  if (kind == Kind::file && st.type() != fs::file_type::regular) {
    throw UsageError(fmt::format("cannot write {}: it is not a regular file (a device, pipe or socket)", target_));
  }
  bool empty_folder = kind == Kind::folder && fs::is_empty(path_, ec) && !ec;
  if (!force && !empty_folder) throw UsageError(fmt::format("{} exists; use --force to overwrite it", target_));
}

void OutputTarget::create_parents() {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path p = parent_; !p.empty(); p = p.parent_path()) {
    auto st = fs::status(p, ec);
    if (fs::is_directory(st)) break;
    if (fs::exists(st)) throw UsageError(fmt::format("cannot write {}: {} is not a folder", target_, p.string()));
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (!fs::create_directory(*it, ec) && ec) {
      throw UsageError(fmt::format("cannot write {}: cannot create folder {}: {}", target_, it->string(), ec.message()));
    }
    created_.push_back(*it);
  }
}

void OutputTarget::lock() {
  lock_path_ = parent_ / fmt::format(".{}.splitsim.lock", path_.filename().string());
  for (int attempt = 0; attempt < 100; ++attempt) {
    int fd = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw UsageError(fmt::format("cannot write {}: {}", target_, std::strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) {
        throw UsageError(fmt::format("cannot write {}: another splitsim process is writing it", target_));
      }
      throw UsageError(fmt::format("cannot write {}: {}", target_, std::strerror(error)));
    }
    // The previous holder unlinks the file before releasing it: make sure this one is still the file.
    struct stat held {}, named {};
    if (::fstat(fd, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 && held.st_ino == named.st_ino &&
        held.st_dev == named.st_dev) {
      lock_fd_ = fd;
      return;
    }
    ::close(fd);
  }
  throw UsageError(fmt::format("cannot write {}: cannot take its lock {}", target_, lock_path_.string()));
}

void OutputTarget::unlock() {
  if (lock_fd_ < 0) return;
  ::unlink(lock_path_.c_str());
  ::close(lock_fd_);
  lock_fd_ = -1;
}

void OutputTarget::remove_dead_scratch() const {
  std::string mine = fmt::format(".{}{}", path_.filename().string(), kScratchTag);
  std::error_code ec;
  for (fs::directory_iterator it(parent_, ec), end; !ec && it != end; it.increment(ec)) {
    std::string entry = it->path().filename().string();
    pid_t pid = scratch_pid(entry);
    if (pid == 0) continue;
    // Under the lock every scratch of this target is stale; others only when their process is gone.
    bool dead = ::kill(pid, 0) != 0 && errno == ESRCH;
    std::error_code ignored;
    if (entry.rfind(mine, 0) == 0 || dead) fs::remove_all(it->path(), ignored);
  }
}

void OutputTarget::write_and_commit(std::string_view content) {
  write_checked(scratch_, content, target_);
  commit();
}

void OutputTarget::commit() {
  std::error_code ec;
  if (kind_ == Kind::folder && fs::exists(fs::symlink_status(path_, ec))) {
    fs::path old = parent_ / fmt::format(".{}{}{}.old", path_.filename().string(), kScratchTag, ::getpid());
    fs::rename(path_, old, ec);
    if (ec) throw UsageError(fmt::format("cannot write {}: {}", target_, ec.message()));
    fs::rename(scratch_, path_, ec);
    if (ec) {
      std::error_code back;
      fs::rename(old, path_, back);
      throw UsageError(fmt::format("cannot write {}: {}", target_, ec.message()));
    }
    fs::remove_all(old, ec);
  } else {
    fs::rename(scratch_, path_, ec);
    if (ec) throw UsageError(fmt::format("cannot write {}: {}", target_, ec.message()));
  }
  committed_ = true;
  unlock();
}

}  // namespace splitsim
