#pragma once
// Writes that never leave a half-written file where the user's file is: work on a temporary file in the
// same directory (so the final rename is atomic on POSIX file systems) and publish it with commit().
// A destroyed, uncommitted AtomicFile removes its temporary file and leaves the target untouched; one
// left by a killed process is removed by the next AtomicFile of the same target.
#include <filesystem>
#include <string>

namespace w4rl {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&& other) noexcept;
  AtomicFile& operator=(AtomicFile&& other) = delete;

  const std::filesystem::path& target() const { return target_; }
  // The temporary path to write; unique per process and object.
  const std::filesystem::path& tempPath() const { return temp_; }
  // Renames the temporary file over the target. Throws w4rl::Error if that fails.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  bool committed_ = false;
};

// Writes `text` to `file` through an AtomicFile. Throws w4rl::Error naming the file.
void writeTextFileAtomically(const std::filesystem::path& file, const std::string& text);

}  // namespace w4rl
