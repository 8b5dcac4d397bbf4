#include "shared_test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

#include <gtest/gtest.h>
#include <unistd.h>

#include <sys/wait.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace w4rl::test {
namespace fs = std::filesystem;
namespace {

fs::path dirFor(const ::testing::TestInfo& info) {
  std::string name = std::string(info.test_suite_name()) + "_" + info.name();
  for (char& c : name)
    if (c == '/') c = '_';  // parameterised test names
  return fs::temp_directory_path() / ("w4rl_" + name + "_" + std::to_string(::getpid()));
}

class TempDirCleaner : public ::testing::EmptyTestEventListener {
  void OnTestEnd(const ::testing::TestInfo& info) override {
    if (info.result() != nullptr && info.result()->Passed()) {
      std::error_code ignored;
      fs::remove_all(dirFor(info), ignored);
    }
  }
};

// Registered once per test executable before main() runs; gtest owns the listener afterwards.
const bool kCleanerRegistered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new TempDirCleaner);
  return true;
}();

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

fs::path testDir() {
  const fs::path dir = dirFor(*::testing::UnitTest::GetInstance()->current_test_info());
  fs::create_directories(dir);
  return dir;
}

fs::path freshDir() {
  const fs::path dir = dirFor(*::testing::UnitTest::GetInstance()->current_test_info());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::size_t countEntries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

fs::path sharedFixture(const std::string& name, const std::function<void(const fs::path& dir)>& make) {
  const fs::path root(W4RL_TEST_FIXTURE_DIR);
  fs::create_directories(root);
  const auto built = static_cast<unsigned long long>(
      fs::last_write_time(fs::read_symlink("/proc/self/exe")).time_since_epoch().count());
  const fs::path dir = root / (name + "_" + std::to_string(built));
  const int fd = ::open((root / (name + ".lock")).c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot open the lock of test fixture " + name);
  struct Unlock {
    int fd;
    ~Unlock() {
      ::flock(fd, LOCK_UN);
      ::close(fd);
    }
  } unlock{fd};
  while (::flock(fd, LOCK_EX) != 0)
    if (errno != EINTR) throw std::runtime_error("cannot lock test fixture " + name);
  if (fs::exists(dir / ".complete")) return dir;
  // What older builds of the executable made is stale.
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_directory() && entry.path().filename().string().rfind(name + "_", 0) == 0)
      fs::remove_all(entry.path());
  fs::create_directories(dir);
  make(dir);
  std::ofstream(dir / ".complete") << "made by " << ::getpid() << "\n";
  return dir;
}

std::string configurationDoc() {
  std::ifstream in(std::string(W4RL_SOURCE_DOCS_DIR) + "/configuration.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string documentedTable(const std::string& heading) {
  std::istringstream in(configurationDoc());
  std::string line, table;
  bool inSection = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) inSection = line == heading;
    if (!inSection) continue;
    if (line.rfind("|", 0) == 0)
      table += line + "\n";
    else if (!table.empty())
      break;
  }
  return table;
}

int runPython(const std::string& script, const std::vector<std::string>& args) {
  std::string cmd = quote(W4RL_TEST_PYTHON) + " " + quote(std::string(W4RL_TEST_SCRIPTS_DIR) + "/" + script);
  for (const auto& a : args) cmd += " " + quote(a);
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

ProgramRun runProgram(const std::string& program, const std::string& args) {
  const fs::path dir = testDir() / "program_output";
  fs::create_directories(dir);
  const std::string cmd = quote(program) + " " + args + " >" + quote((dir / "out").string()) + " 2>" +
                          quote((dir / "err").string());
  const int status = std::system(cmd.c_str());
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  ProgramRun r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read(dir / "out");
  r.err = read(dir / "err");
  return r;
}

}  // namespace w4rl::test

namespace w4rl::test {

CommaLocale::CommaLocale() {
  if (const char* current = std::setlocale(LC_ALL, nullptr)) previous_ = current;
  for (const char* candidate :
       {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "ru_RU.UTF-8", "es_ES.UTF-8", "pt_BR.UTF-8"}) {
    if (std::setlocale(LC_ALL, candidate) == nullptr) continue;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f", 0.5);
    if (std::string(buffer) == "0,5") {
      name_ = candidate;
      return;
    }
  }
  std::setlocale(LC_ALL, previous_.empty() ? "C" : previous_.c_str());
}

CommaLocale::~CommaLocale() {
  std::setlocale(LC_ALL, previous_.empty() ? "C" : previous_.c_str());
}

int spawnSilently(std::vector<std::string> args, const std::filesystem::path& stderrFile) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  if (stderrFile.empty())
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  else
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderrFile.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + args.front());
  return pid;
}

FileSizeLimit::FileSizeLimit(std::size_t bytes) {
  previousHandler_ = std::signal(SIGXFSZ, SIG_IGN);
  rlimit limit{};
  ::getrlimit(RLIMIT_FSIZE, &limit);
  previousSoft_ = limit.rlim_cur;
  limit.rlim_cur = static_cast<rlim_t>(bytes);
  if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) throw std::runtime_error("setrlimit(RLIMIT_FSIZE) failed");
}

FileSizeLimit::~FileSizeLimit() {
  rlimit limit{};
  ::getrlimit(RLIMIT_FSIZE, &limit);
  limit.rlim_cur = static_cast<rlim_t>(previousSoft_);
  ::setrlimit(RLIMIT_FSIZE, &limit);
  std::signal(SIGXFSZ, previousHandler_);
}

}  // namespace w4rl::test
