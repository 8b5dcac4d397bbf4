#pragma once
// Shared by the fuzz targets: the loaders under test read files, so each input is written to a file of
// its own (removed again when the input is done), and a loader's only allowed way to refuse an input is a
// w4rl::Error. Any other exception escaping a loader is a finding: the user would see a library's raw
// message ("[json.exception.type_error.316] ...") instead of one naming the file, so it aborts the run.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "common/error.h"

namespace w4rl::fuzz {

class InputFile {
 public:
  InputFile(const std::uint8_t* data, std::size_t size, const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() / ("w4rl-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    path_ = dir_ / name;
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ~InputFile() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_, path_;
};

// Runs `body`; a w4rl::Error is a clean refusal, anything else aborts with its message.
template <class Body>
void expectCleanRefusal(const char* target, Body&& body) {
  try {
    body();
  } catch (const w4rl::Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: a loader let a %s escape: %s\n", target, typeid(e).name(), e.what());
    std::abort();
  }
}

}  // namespace w4rl::fuzz
