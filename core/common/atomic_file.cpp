#include "common/atomic_file.h"

#include <fstream>

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <string_view>
#include <system_error>

#include "common/error.h"

namespace w4rl {
namespace {

std::filesystem::path makeTempPath(const std::filesystem::path& target) {
  // A per-process counter keeps two AtomicFiles for one target apart; it is an id source, not state
  // anybody reads back.
  static std::atomic<unsigned> counter{0};
  std::filesystem::path temp = target;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  return temp;
}

// True when `name` is "<target>.tmp-<pid>-<n>" of a process that no longer runs.
bool isStaleTemp(const std::string& name, const std::string& targetName) {
  const std::string prefix = targetName + ".tmp-";
  if (name.compare(0, prefix.size(), prefix) != 0) return false;
  const std::string_view rest = std::string_view(name).substr(prefix.size());
  const auto dash = rest.find('-');
  if (dash == 0 || dash == std::string_view::npos || dash + 1 == rest.size()) return false;
  long pid = 0;
  for (const char c : rest.substr(0, dash)) {
    if (c < '0' || c > '9' || pid > 4'000'000) return false;
    pid = pid * 10 + (c - '0');
  }
  for (const char c : rest.substr(dash + 1))
    if (c < '0' || c > '9') return false;
  if (pid == ::getpid()) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

// A writer killed before commit() (kill -9, a power cut) leaves its temporary file; the next writer of
// the same file removes it, so a full-size copy of a dataset does not stay beside it for ever. Files of
// processes that still run (another writer) are left alone.
void removeStaleTemps(const std::filesystem::path& target) {
  std::error_code ec;
  const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  const std::string targetName = target.filename().string();
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (isStaleTemp(it->path().filename().string(), targetName)) {
      std::error_code ignored;
      std::filesystem::remove(it->path(), ignored);
    }
  }
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), temp_(makeTempPath(target_)) {
  removeStaleTemps(target_);
}

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : target_(std::move(other.target_)), temp_(std::move(other.temp_)), committed_(other.committed_) {
  other.committed_ = true;  // the moved-from object must not delete the file
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
  }
}

void AtomicFile::commit() {
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) throw Error("cannot write " + target_.string() + ": " + ec.message());
  committed_ = true;
}

void writeTextFileAtomically(const std::filesystem::path& file, const std::string& text) {
  AtomicFile out(file);
  {
    // The stream buffers: a full disk shows only when it is flushed, so close it and check before the
    // rename (which would otherwise replace the file with a truncated one).
    std::ofstream stream(out.tempPath(), std::ios::binary);
    stream << text;
    stream.close();
    if (!stream)
      throw Error("cannot write " + file.string() + " (no space left, or an I/O error); it is unchanged");
  }
  out.commit();
}

}  // namespace w4rl
