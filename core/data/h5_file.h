#pragma once
// An open HDF5 file plus the name that error messages use for it. Every helper in h5_read.h and
// h5_write.h takes a File and an absolute path inside it, so each error can say
// "<file>: <path inside>: <what was expected vs found>" without the callers assembling it.
#include <filesystem>
#include <string>

#include "data/h5_handle.h"

namespace w4rl::data::h5 {

class File {
 public:
  // Throws w4rl::Error naming the file if it is missing, not HDF5, or truncated.
  static File openReadOnly(const std::filesystem::path& path);
  // `displayName` is what errors call the file: the writer edits a temporary copy but reports the
  // user's file name.
  static File openReadWrite(const std::filesystem::path& path, std::string displayName);
  static File create(const std::filesystem::path& path, std::string displayName);

  hid_t id() const { return handle_.get(); }
  const std::string& name() const { return name_; }

  // Throws w4rl::Error "<file>: <path>: <message>".
  [[noreturn]] void fail(const std::string& path, const std::string& message) const;
  // Flushes and closes; throws if HDF5 reports a failure (e.g. an object inside is still open).
  void close();

 private:
  File(Handle handle, std::string name) : handle_(std::move(handle)), name_(std::move(name)) {}

  Handle handle_;
  std::string name_;
};

// Stops HDF5 from printing its error stack to stderr; failures surface as our own w4rl::Error
// messages instead. This is HDF5 library state, set the same way every time, not state of ours.
void silenceErrorStack();

}  // namespace w4rl::data::h5
