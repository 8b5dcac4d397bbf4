#include "cli/local_ranks.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"

namespace w4rl::cli {
namespace {

using Clock = std::chrono::steady_clock;

// This process's own arguments (argv[0] included) as the kernel keeps them.
std::vector<std::string> ownArguments() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  std::size_t begin = 0;
  while (begin < all.size()) {
    const auto end = all.find('\0', begin);
    args.push_back(all.substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  if (args.empty()) throw Error("cannot read this command's arguments from /proc/self/cmdline");
  return args;
}

std::vector<std::string> withoutOption(const std::vector<std::string>& args, const std::string& option) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == option) {
      ++i;  // and its value
      continue;
    }
    if (args[i].rfind(option + "=", 0) == 0) continue;
    out.push_back(args[i]);
  }
  return out;
}

// A port no one listens on now, from the kernel (bound to port 0 and released).
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error(std::string("cannot open a socket to find a free port: ") + std::strerror(errno));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  ::close(fd);
  if (!ok) throw Error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(errno));
  return ntohs(addr.sin_port);
}

std::string describeStatus(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* name = sigdescr_np(sig);
    return "was killed by signal " + std::to_string(sig) +
           (name != nullptr ? std::string(" (") + name + ")" : "");
  }
  return "exited with code " + std::to_string(WEXITSTATUS(status));
}

struct Rank {
  pid_t pid = -1;
  bool running = true;
  int status = 0;
  // 130: stopped by an interrupt, after saving, as every rank is when the user presses Ctrl-C.
  bool failed() const {
    return !running && !(WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 130));
  }
};

}  // namespace

int runLocalRanks(int ranks) {
  if (ranks < 1 || ranks > 64) throw Error("--nproc must be from 1 to 64, not " + std::to_string(ranks));
  const auto args = withoutOption(ownArguments(), "--nproc");
  const char* portSet = std::getenv("MASTER_PORT");
  const std::string port = portSet != nullptr && *portSet != '\0' ? portSet : std::to_string(freePort());
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const std::string threads = std::to_string(std::max(1, cores / ranks));
  const bool threadsSet = std::getenv("OMP_NUM_THREADS") != nullptr;

  std::vector<char*> argv;
  std::vector<std::string> copies = args;
  for (auto& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);

  std::vector<Rank> started(static_cast<std::size_t>(ranks));
  for (int r = 0; r < ranks; ++r) {
    const pid_t pid = ::fork();
    if (pid < 0) {
      for (const auto& s : started)
        if (s.pid > 0) ::kill(s.pid, SIGKILL);
      throw Error(std::string("cannot start rank ") + std::to_string(r) + ": " + std::strerror(errno));
    }
    if (pid == 0) {
      ::setenv("RANK", std::to_string(r).c_str(), 1);
      ::setenv("LOCAL_RANK", std::to_string(r).c_str(), 1);
      ::setenv("WORLD_SIZE", std::to_string(ranks).c_str(), 1);
      ::setenv("LOCAL_WORLD_SIZE", std::to_string(ranks).c_str(), 1);
      ::setenv("MASTER_ADDR", "127.0.0.1", 1);
      ::setenv("MASTER_PORT", port.c_str(), 1);
      if (!threadsSet) ::setenv("OMP_NUM_THREADS", threads.c_str(), 1);
      ::execv("/proc/self/exe", argv.data());
      std::_Exit(127);
    }
    started[static_cast<std::size_t>(r)].pid = pid;
  }

  // Signals to this process go to the ranks; they are taken with sigtimedwait, which also paces the loop.
  sigset_t watched, previous;
  sigemptyset(&watched);
  sigaddset(&watched, SIGINT);
  sigaddset(&watched, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &watched, &previous);
  bool stopping = false;
  Clock::time_point killAt{};
  int running = ranks;
  while (running > 0) {
    const timespec tick{0, 50'000'000};
    const int sig = sigtimedwait(&watched, nullptr, &tick);
    if (sig > 0)
      for (const auto& s : started)
        if (s.running) ::kill(s.pid, sig);
    for (auto& s : started) {
      if (!s.running) continue;
      if (::waitpid(s.pid, &s.status, WNOHANG) == s.pid) {
        s.running = false;
        --running;
      }
    }
    const bool anyFailed =
        std::any_of(started.begin(), started.end(), [](const Rank& s) { return s.failed(); });
    if (anyFailed && !stopping) {
      stopping = true;
      killAt = Clock::now() + std::chrono::seconds(30);
      for (const auto& s : started)
        if (s.running) ::kill(s.pid, SIGTERM);
    }
    if (stopping && Clock::now() > killAt)
      for (const auto& s : started)
        if (s.running) ::kill(s.pid, SIGKILL);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);

  // The cause first: a rank that died of a signal, then one that failed on its own.
  const Rank* cause = nullptr;
  for (const auto& s : started)
    if (s.failed() && WIFSIGNALED(s.status) && (cause == nullptr || !WIFSIGNALED(cause->status))) cause = &s;
  for (const auto& s : started)
    if (cause == nullptr && s.failed()) cause = &s;
  if (cause != nullptr) {
    const auto index = cause - started.data();
    throw Error("rank " + std::to_string(index) + " of " + std::to_string(ranks) + " " +
                describeStatus(cause->status) + "; the other ranks were stopped");
  }
  return WEXITSTATUS(started.front().status);
}

}  // namespace w4rl::cli
