#pragma once
// Helpers shared by every test executable: per-test temporary directories and Debian's python.
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace w4rl::test {

// The running test's own directory under the system temp directory (unique per test and process),
// created if needed. Removed when the test passes; a failed test's files stay for inspection.
std::filesystem::path testDir();
// testDir(), emptied first.
std::filesystem::path freshDir();
std::size_t countEntries(const std::filesystem::path& dir);
// A directory of expensive inputs that a suite's tests share (a trained model, a finished run), made once
// per build of the test executable: ctest runs every test in a process of its own, so the first process
// to ask makes it with `make(dir)` under a file lock while the others wait, and later ones reuse it. A
// rebuilt executable makes it afresh; a `make` that throws leaves nothing reused. Tests must not change
// it (copy what they change).
std::filesystem::path sharedFixture(const std::string& name,
                                    const std::function<void(const std::filesystem::path& dir)>& make);
// docs/configuration.md of the source tree, whole.
std::string configurationDoc();
// The markdown table (its "|" lines) that follows the "## " heading `heading` in docs/configuration.md, or
// "" when there is none.
std::string documentedTable(const std::string& heading);
// Runs tests/scripts/<script> with /usr/bin/python3 (which has h5py, numpy, scikit-image) and returns
// its exit status; its output goes to the test log.
int runPython(const std::string& script, const std::vector<std::string>& args);

// A program run through the shell as a user runs it (`args` is pasted after it unquoted), its stdout and
// stderr captured through files in testDir().
struct ProgramRun {
  int exitCode = -1;  // -1 when it did not exit normally
  std::string out, err;
};
ProgramRun runProgram(const std::string& program, const std::string& args);

// Starts `args` (the program first) with stdout and stderr to /dev/null (stderr to `stderrFile` when
// given) and returns its process id, for tests that signal or kill a running program. Throws
// std::runtime_error when it cannot start.
int spawnSilently(std::vector<std::string> args, const std::filesystem::path& stderrFile = {});

// A full disk for the scope: files this process writes cannot grow past `bytes` (RLIMIT_FSIZE; writes
// past it fail with EFBIG, SIGXFSZ ignored meanwhile), as writes fail on a disk with that much free.
// Needs no root and no mount.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(std::size_t bytes);
  ~FileSizeLimit();
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  unsigned long long previousSoft_ = 0;
  void (*previousHandler_)(int) = nullptr;
};

}  // namespace w4rl::test

namespace w4rl::test {

// Switches this process's C library locale to one that writes decimals with a comma (de_DE.UTF-8, or
// fr_FR / ru_RU / es_ES / pt_BR where that is missing) for the scope, then restores the previous one.
// available() is false when the machine has none of them (CI generates de_DE.UTF-8 with localedef).
class CommaLocale {
 public:
  CommaLocale();
  ~CommaLocale();
  CommaLocale(const CommaLocale&) = delete;
  CommaLocale& operator=(const CommaLocale&) = delete;
  bool available() const { return !name_.empty(); }
  const std::string& name() const { return name_; }

 private:
  std::string previous_, name_;
};

}  // namespace w4rl::test

// In a test body: skips the test where no comma-decimal locale is installed, and fails it under CI, which
// generates de_DE.UTF-8 (so the locale tests can never pass there by being skipped).
#define W4RL_REQUIRE_COMMA_LOCALE(loc)                                                             \
  if (!(loc).available()) {                                                                        \
    if (std::getenv("CI")) FAIL() << "no comma-decimal locale; CI generates de_DE.UTF-8";          \
    GTEST_SKIP() << "no comma-decimal locale installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)"; \
  }
