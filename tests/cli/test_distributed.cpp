// Data-parallel world-model training as users start it: `--nproc N` on one machine, and the torchrun
// variables (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT) set by hand for each rank. The weights are
// compared with the ones one process trains; ranks are killed and started wrongly on purpose.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "learning/checkpoint.h"
#include "learning/world_model.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kTolerance = 2e-3;

w4rl::test::ProgramRun runCli(const std::string& args) {
  return w4rl::test::runProgram(W4RL_CLI_BINARY, args);
}

// The CLI with extra environment variables ("NAME=value ...").
w4rl::test::ProgramRun runCliWith(const std::string& environment, const std::string& args) {
  return w4rl::test::runProgram("/usr/bin/env", environment + " " + W4RL_CLI_BINARY + " " + args);
}

// A small dataset in this test's directory (testDir() is per test); its 11th episode is the validation split.
fs::path dataset() {
  const fs::path f = w4rl::test::testDir() / "d.hdf5";
  if (!fs::exists(f)) {
    const auto r =
        runCli("collect --task hammer --recipe random:8,expert:3 --image-size 16 --episode-length 12 --out " +
               f.string());
    if (r.exitCode != 0) throw std::runtime_error("collect failed: " + r.err);
  }
  return f;
}

std::string tiny(int steps, const std::string& extra = "") {
  return "--preset cpu channels=[8,8] cond_dim=16 batch_size=4 checkpoint_every=2 log_every=1 valid_every=2 "
         "valid_batches=3 warmup_steps=2 device=cpu steps=" +
         std::to_string(steps) + " " + extra;
}

std::string train(const fs::path& run, const std::string& settings) {
  return "train-world-model --data " + dataset().string() + " --out " + run.string() + " " + settings;
}

// The largest absolute difference between the weights of two world-model checkpoints.
double weightDifference(const fs::path& a, const fs::path& b) {
  const auto ma = w4rl::learning::loadWorldModel(a, torch::kCPU).model;
  const auto mb = w4rl::learning::loadWorldModel(b, torch::kCPU).model;
  const auto pa = ma->parameters(), pb = mb->parameters();
  EXPECT_EQ(pa.size(), pb.size());
  double most = 0;
  for (std::size_t i = 0; i < pa.size() && i < pb.size(); ++i)
    most = std::max(most, (pa[i] - pb[i]).abs().max().item<double>());
  return most;
}

std::vector<nlohmann::json> records(const fs::path& metrics) {
  std::vector<nlohmann::json> out;
  std::ifstream in(metrics);
  for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
  return out;
}

double lastValue(const fs::path& metrics, const std::string& key) {
  double v = -1;
  for (const auto& r : records(metrics))
    if (r.contains(key)) v = r[key].get<double>();
  return v;
}

// A port nothing listens on now.
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

// A rank started by hand: the CLI with its variables, stderr to a file.
struct StartedRank {
  pid_t pid = -1;
  fs::path err;
};

StartedRank startRank(const std::vector<std::string>& variables, const std::string& args,
                      const fs::path& err) {
  std::vector<std::string> words{"/usr/bin/env"};
  words.insert(words.end(), variables.begin(), variables.end());
  words.emplace_back(W4RL_CLI_BINARY);
  std::istringstream split(args);
  for (std::string w; split >> w;) words.push_back(w);
  return {w4rl::test::spawnSilently(words, err), err};
}

// Waits up to `limit` for the process; returns its wait status, or -1 (after killing it) when it did not end.
int waitFor(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  int status = 0;
  while (Clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

std::string readFile(const fs::path& f) {
  std::ifstream in(f);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool waitForFile(const fs::path& f, std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    if (fs::exists(f)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST(Distributed, TwoRanksTrainTheWeightsOneProcessTrains) {
  const fs::path dir = w4rl::test::freshDir();
  const auto one = runCli(train(dir / "one", tiny(4)));
  ASSERT_EQ(one.exitCode, 0) << one.err;
  const auto two = runCli(train(dir / "two", tiny(4)) + " --nproc 2");
  ASSERT_EQ(two.exitCode, 0) << two.err;
  EXPECT_NE(two.out.find("2 ranks"), std::string::npos) << two.out;
  // Float tolerance through Adam: a parameter whose gradient is almost zero moves by about the learning
  // rate (2e-4) in a direction that summation order can flip, so a few steps differ by a few lr.
  EXPECT_LT(weightDifference(dir / "one" / "last.pt", dir / "two" / "last.pt"), kTolerance);
  // The comparison can tell runs apart: another seed trains other weights.
  ASSERT_EQ(runCli(train(dir / "seed1", tiny(4, "seed=1"))).exitCode, 0);
  EXPECT_GT(weightDifference(dir / "one" / "last.pt", dir / "seed1" / "last.pt"), 10 * kTolerance);
  // The validation loss, split over the ranks and summed, is the one process's; so is the training loss.
  ASSERT_GT(lastValue(dir / "one" / "metrics.jsonl", "valid/loss"), 0.0) << "the data has a validation split";
  EXPECT_NEAR(lastValue(dir / "two" / "metrics.jsonl", "valid/loss"),
              lastValue(dir / "one" / "metrics.jsonl", "valid/loss"), 1e-5);
  EXPECT_NEAR(lastValue(dir / "two" / "metrics.jsonl", "train/loss"),
              lastValue(dir / "one" / "metrics.jsonl", "train/loss"), 1e-5);
  EXPECT_GE(lastValue(dir / "two" / "metrics.jsonl", "perf/allreduce_s"), 0.0);
  EXPECT_LT(lastValue(dir / "one" / "metrics.jsonl", "perf/allreduce_s"), 0.0)
      << "one process reduces nothing";
  // One writer: each step logged once.
  int losses = 0;
  for (const auto& r : records(dir / "two" / "metrics.jsonl")) losses += r.contains("train/loss") ? 1 : 0;
  EXPECT_EQ(losses, 4);
}

TEST(Distributed, AResumedRunEqualsAnUninterruptedOneWithTheSameOrAnotherNumberOfRanks) {
  const fs::path dir = w4rl::test::freshDir();
  const auto whole = runCli(train(dir / "whole", tiny(6)) + " --nproc 2");
  ASSERT_EQ(whole.exitCode, 0) << whole.err;
  for (const std::string resumedWith : {"--nproc 2", "--nproc 1"}) {
    const fs::path run = dir / ("part" + resumedWith.substr(resumedWith.size() - 1));
    const auto part = runCli(train(run, tiny(2)) + " --nproc 2");
    ASSERT_EQ(part.exitCode, 0) << part.err;
    const auto resumed = runCli(train(run, tiny(6)) + " --resume " + resumedWith);
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_LT(weightDifference(dir / "whole" / "last.pt", run / "last.pt"), kTolerance) << resumedWith;
    EXPECT_EQ(w4rl::learning::readCheckpointInfo(run / "last.pt").step, 6);
  }
}

TEST(Distributed, AKilledRankStopsTheOthersAndTheLastCheckpointStays) {
  const fs::path dir = w4rl::test::freshDir();
  // Started by hand, as torchrun or srun would.
  const std::string port = "MASTER_PORT=" + std::to_string(freePort());
  const std::string args = train(dir / "run", tiny(100000)) + " --dist-timeout 60";
  auto rank0 = startRank({"RANK=0", "WORLD_SIZE=2", "MASTER_ADDR=127.0.0.1", port}, args, dir / "err0");
  auto rank1 = startRank({"RANK=1", "WORLD_SIZE=2", "MASTER_ADDR=127.0.0.1", port}, args, dir / "err1");
  ASSERT_TRUE(waitForFile(dir / "run" / "last.pt", std::chrono::seconds(120))) << readFile(rank0.err);
  ::kill(rank1.pid, SIGKILL);
  ::waitpid(rank1.pid, nullptr, 0);
  const auto killedAt = Clock::now();
  const int status = waitFor(rank0.pid, std::chrono::seconds(90));
  ASSERT_NE(status, -1) << "rank 0 did not stop after its peer died";
  EXPECT_LT(Clock::now() - killedAt, std::chrono::seconds(70));
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 1);
  const auto err = readFile(rank0.err);
  EXPECT_NE(err.find("rank 0 of 2"), std::string::npos) << err;
  EXPECT_NE(err.find("Connection"), std::string::npos) << "Gloo's own reason: " << err;
  EXPECT_GT(w4rl::learning::loadWorldModel(dir / "run" / "last.pt", torch::kCPU).info.step, 0);

  // Through --nproc: the launcher names the rank that died and stops the other.
  const auto launcher = startRank({}, train(dir / "local", tiny(100000)) + " --nproc 2", dir / "err");
  ASSERT_TRUE(waitForFile(dir / "local" / "last.pt", std::chrono::seconds(120))) << readFile(dir / "err");
  std::ifstream childrenFile("/proc/" + std::to_string(launcher.pid) + "/task/" +
                             std::to_string(launcher.pid) + "/children");
  std::vector<pid_t> children;
  for (pid_t c = 0; childrenFile >> c;) children.push_back(c);
  // The launcher is /usr/bin/env exec'ing world4rl: the same process, whose children are the ranks.
  ASSERT_EQ(children.size(), 2u);
  ::kill(children[1], SIGKILL);  // the ranks are forked in order: rank 1 is the second child
  const int launched = waitFor(launcher.pid, std::chrono::seconds(90));
  ASSERT_NE(launched, -1);
  EXPECT_TRUE(WIFEXITED(launched) && WEXITSTATUS(launched) == 1);
  const auto said = readFile(dir / "err");
  EXPECT_NE(said.find("rank 1 of 2 was killed by signal 9"), std::string::npos) << said;
  EXPECT_GT(w4rl::learning::loadWorldModel(dir / "local" / "last.pt", torch::kCPU).info.step, 0);
}

TEST(Distributed, WrongLaunchesGiveErrorsNamingWhatIsWrong) {
  const fs::path dir = w4rl::test::freshDir();
  const std::string args = train(dir / "run", tiny(2)) + " --dist-timeout 3";
  const std::map<std::string, std::string> cases{
      {"WORLD_SIZE=two RANK=0", "WORLD_SIZE must be a whole number"},
      {"WORLD_SIZE=2", "RANK is not"},
      {"WORLD_SIZE=2 RANK=2", "RANK must be from 0 to 1"},
      {"WORLD_SIZE=2 RANK=0 MASTER_PORT=70000", "MASTER_PORT must be from 1 to 65535"},
      {"WORLD_SIZE=2 RANK=1 MASTER_PORT=" + std::to_string(freePort()), "cannot reach rank 0"},
      {"WORLD_SIZE=2 RANK=0 MASTER_PORT=" + std::to_string(freePort()), "not every rank joined"},
      {"WORLD_SIZE=2 RANK=0", "--nproc starts the ranks itself"},
  };
  for (const auto& [variables, expected] : cases) {
    const std::string extra = expected.rfind("--nproc", 0) == 0 ? " --nproc 2" : "";
    const auto r = runCliWith(variables, args + extra);
    EXPECT_EQ(r.exitCode, 1) << variables;
    EXPECT_NE(r.err.find(expected), std::string::npos) << variables << ": " << r.err;
  }
  // A port another program listens on.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::listen(fd, 1);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const auto busy =
      runCliWith("WORLD_SIZE=2 RANK=0 MASTER_PORT=" + std::to_string(ntohs(addr.sin_port)), args);
  ::close(fd);
  EXPECT_EQ(busy.exitCode, 1);
  EXPECT_NE(busy.err.find("cannot listen on MASTER_ADDR:MASTER_PORT"), std::string::npos) << busy.err;
  // Ranks that disagree on WORLD_SIZE.
  const std::string port = "MASTER_PORT=" + std::to_string(freePort());
  auto a = startRank({"RANK=0", "WORLD_SIZE=2", port}, args, dir / "a");
  auto b = startRank({"RANK=1", "WORLD_SIZE=3", port}, args, dir / "b");
  EXPECT_NE(waitFor(a.pid, std::chrono::seconds(30)), -1);
  EXPECT_NE(waitFor(b.pid, std::chrono::seconds(30)), -1);
  EXPECT_NE(readFile(dir / "b").find("WORLD_SIZE is 3 on rank 1 but 2 on rank 0"), std::string::npos)
      << readFile(dir / "b");
  // A global batch that does not split over the ranks.
  const auto uneven = runCli(train(dir / "uneven", tiny(2, "batch_size=5")) + " --nproc 2");
  EXPECT_EQ(uneven.exitCode, 1);
  EXPECT_NE(uneven.err.find("batch_size 5 does not split evenly over 2 ranks"), std::string::npos)
      << uneven.err;
}
