#include "common/atomic_file.h"

#include <fstream>

#include <unistd.h>

#include <atomic>
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

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)), temp_(makeTempPath(target_)) {}

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
    std::ofstream stream(out.tempPath());
    stream << text;
    if (!stream) throw Error("cannot write " + file.string());
  }
  out.commit();
}

}  // namespace w4rl
