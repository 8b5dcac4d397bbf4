// Faults a user's machine has: `kill -9` (or a power cut) at an arbitrary point of a training, a
// refinement or a collection, Ctrl-C, a full disk. Whatever the moment, every file left is complete and
// loads, a resume continues having lost at most one checkpoint interval, its metrics.jsonl holds each step
// once, and the temporary files of the killed writer are gone after the next run on the same files.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"
#include "policy_test_support.h"

#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// Starts the CLI with `args` (output to /dev/null), kills it with SIGKILL after `delay` unless it ended;
// returns true when it was killed, false when it had already finished.
bool runAndKill(std::vector<std::string> args, std::chrono::milliseconds delay) {
  args.insert(args.begin(), W4RL_CLI_BINARY);
  const pid_t pid = w4rl::test::spawnSilently(args);
  const auto deadline = Clock::now() + delay;
  int status = 0;
  while (Clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status);
}

std::vector<fs::path> tempsIn(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".tmp-") != std::string::npos) out.push_back(e.path());
  return out;
}

// The "step" of every training record ("train/loss") of a metrics.jsonl, in file order.
std::vector<long> trainingSteps(const fs::path& file) {
  std::vector<long> steps;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);  // throws on a damaged line: the test fails
    if (j.contains("train/loss")) steps.push_back(j["step"].get<long>());
  }
  return steps;
}

// The "iteration" of every refinement record of a metrics.jsonl, in file order.
std::vector<long> refinementIterations(const fs::path& file) {
  std::vector<long> iterations;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line);
    if (j.contains("charts/imagined_success_rate")) iterations.push_back(j["iteration"].get<long>());
  }
  return iterations;
}

template <typename T>
void expectStrictlyIncreasing(const std::vector<T>& values, const std::string& what) {
  for (std::size_t i = 1; i < values.size(); ++i)
    EXPECT_LT(values[i - 1], values[i]) << what << " " << values[i] << " logged twice or out of order";
}

// Loads the checkpoint as every command does (archive CRCs, every tensor's shape) and returns its step;
// throws, failing the test, when it does not load.
long checkpointStep(const fs::path& checkpoint) {
  return static_cast<long>(w4rl::learning::loadWorldModel(checkpoint, torch::kCPU).info.step);
}

w4rl::test::ProgramRun runCli(const std::string& args) {
  return w4rl::test::runProgram(W4RL_CLI_BINARY, args);
}

}  // namespace

TEST(Faults, WorldModelTrainingKilledAtRandomPointsResumesLosingAtMostOneCheckpointInterval) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = dir / "d.hdf5";
  ASSERT_EQ(runCli("collect --task hammer --recipe random:4 --image-size 16 "
                   "--episode-length 12 --out " +
                   data.string())
                .exitCode,
            0);
  const fs::path run = dir / "run";
  const int every = 20;
  const std::vector<std::string> settings{"--preset",
                                          "cpu",
                                          "channels=[8,8]",
                                          "cond_dim=16",
                                          "steps=1000",
                                          "batch_size=4",
                                          "checkpoint_every=20",
                                          "log_every=5",
                                          "valid_every=20",
                                          "valid_batches=1",
                                          "warmup_steps=0",
                                          "device=cpu"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> delayMs(1500, 5000);
  int kills = 0;
  for (int round = 0; round < 6 && kills < 3; ++round) {
    std::vector<std::string> args{"train-world-model", "--data", data.string(), "--out", run.string()};
    if (fs::exists(run / "last.pt")) args.push_back("--resume");
    args.insert(args.end(), settings.begin(), settings.end());
    if (!runAndKill(args, std::chrono::milliseconds(delayMs(rng)))) break;  // it finished
    ++kills;
    if (!fs::exists(run / "last.pt")) continue;  // killed before its first checkpoint
    const long saved = checkpointStep(run / "last.pt");
    if (fs::exists(run / "best.pt")) checkpointStep(run / "best.pt");
    const auto logged = trainingSteps(run / "metrics.jsonl");
    ASSERT_FALSE(logged.empty());
    EXPECT_LE(logged.back() - saved, every)
        << "kill " << kills << ": logged " << logged.back() << ", checkpoint at " << saved;
  }
  EXPECT_GE(kills, 1) << "the training ended before any kill: make it longer";
  // A last uninterrupted resume completes the run.
  std::string finish = "train-world-model --data " + data.string() + " --out " + run.string();
  if (fs::exists(run / "last.pt")) finish += " --resume";
  for (const auto& s : settings) finish += " " + s;
  const auto r = runCli(finish);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(checkpointStep(run / "last.pt"), 1000);
  const auto steps = trainingSteps(run / "metrics.jsonl");
  ASSERT_FALSE(steps.empty());
  expectStrictlyIncreasing(steps, "step");
  EXPECT_EQ(steps.back(), 1000);
  EXPECT_TRUE(tempsIn(run).empty()) << tempsIn(run).front();
}

TEST(Faults, CollectionKilledLeavesAValidFileAndTheNextCollectionRemovesItsTemporaryCopy) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "d.hdf5";
  // A first collection, then one killed while its episodes are written to the temporary copy (it would
  // commit only at its end).
  ASSERT_EQ(runCli("collect --task soccer --recipe random:2 --image-size 16 "
                   "--out " +
                   file.string())
                .exitCode,
            0);
  ASSERT_TRUE(runAndKill({"collect", "--task", "soccer", "--recipe", "random:400", "--image-size", "16",
                          "--commit-every", "400", "--out", file.string()},
                         std::chrono::milliseconds(2500)));
  const auto before = w4rl::data::Dataset::open({file});
  EXPECT_EQ(before.size(), 2u);  // the killed run committed nothing
  EXPECT_FALSE(tempsIn(dir).empty()) << "the kill came too late to leave a temporary copy";
  const auto r = runCli(
      "collect --task soccer --recipe random:1 --image-size 16 "
      "--out " +
      file.string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(w4rl::data::Dataset::open({file}).size(), before.size() + 1);
  EXPECT_TRUE(tempsIn(dir).empty()) << tempsIn(dir).front();
}

TEST(Faults, AFullDiskEndsCollectionAndExportWithAOneLineErrorKeepingThePreviousFiles) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path file = dir / "d.hdf5";
  ASSERT_EQ(runCli("collect --task hammer --recipe random:2 --out " + file.string()).exitCode, 0);
  const auto size = fs::file_size(file);
  // The shell's file-size limit stands in for a disk with 64 KB free (ignoring SIGXFSZ, so writes fail
  // with an error as on a full disk instead of killing the program).
  auto onFullDisk = [&](const std::string& args) {
    return w4rl::test::runProgram("/bin/sh", "-c \"trap '' XFSZ; ulimit -f " +
                                                 std::to_string(size / 1024 + 64) + "; exec '" +
                                                 W4RL_CLI_BINARY + "' " + args + "\"");
  };
  const auto collect = onFullDisk("collect --task hammer --recipe random:20 --out " + file.string());
  EXPECT_EQ(collect.exitCode, 1) << collect.err;  // no crash in HDF5's exit handler after the error
  const auto errorLine = collect.err.substr(collect.err.rfind("world4rl: error: "));
  EXPECT_NE(errorLine.find(file.string()), std::string::npos) << collect.err;
  EXPECT_EQ(fs::file_size(file), size);
  EXPECT_EQ(w4rl::data::Dataset::open({file}).size(), 2u);
  EXPECT_TRUE(tempsIn(dir).empty()) << tempsIn(dir).front();

  const fs::path model = fs::path(W4RL_SOURCE_RESOURCES) / "demo" / "world_model.pt";
  const auto exported = onFullDisk("export-checkpoint " + model.string() + " " + (dir / "wm.pt").string());
  EXPECT_EQ(exported.exitCode, 1) << exported.err;  // not the abort (134) of LibTorch's own writer
  EXPECT_NE(exported.err.find("world4rl: error: cannot write checkpoint " + (dir / "wm.pt").string()),
            std::string::npos)
      << exported.err;
  EXPECT_FALSE(fs::exists(dir / "wm.pt"));
  EXPECT_TRUE(tempsIn(dir).empty()) << tempsIn(dir).front();
}

TEST(Faults, WorldModelTrainingStoppedWithCtrlCExits130HavingSavedItsLastStep) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = dir / "d.hdf5";
  ASSERT_EQ(runCli("collect --task hammer --recipe random:3 --image-size 16 --episode-length 12 --out " +
                   data.string())
                .exitCode,
            0);
  const fs::path run = dir / "run";
  const std::string settings =
      " --preset cpu channels=[8,8] cond_dim=16 batch_size=4 checkpoint_every=100000 log_every=5 "
      "valid_every=100000 warmup_steps=0 device=cpu";
  const pid_t pid = w4rl::test::spawnSilently(
      {W4RL_CLI_BINARY, "train-world-model", "--data", data.string(), "--out", run.string(), "--preset",
       "cpu", "channels=[8,8]", "cond_dim=16", "steps=100000", "batch_size=4", "checkpoint_every=100000",
       "log_every=5", "valid_every=100000", "warmup_steps=0", "device=cpu"});
  // Ctrl-C once training steps are logged (no checkpoint is due before step 100000).
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < deadline &&
         (!fs::exists(run / "metrics.jsonl") || trainingSteps(run / "metrics.jsonl").size() < 2))
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const long saved = checkpointStep(run / "last.pt");
  const auto logged = trainingSteps(run / "metrics.jsonl");
  ASSERT_GE(logged.size(), 2u);
  EXPECT_GE(saved, logged.back()) << "the interrupted step is saved, not only the last interval";
  EXPECT_LT(saved, 100000);
  EXPECT_TRUE(tempsIn(run).empty()) << tempsIn(run).front();
  // The resume goes on from there.
  const auto r = runCli("train-world-model --data " + data.string() + " --out " + run.string() +
                        " --resume steps=" + std::to_string(saved + 10) + settings);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(checkpointStep(run / "last.pt"), saved + 10);
  expectStrictlyIncreasing(trainingSteps(run / "metrics.jsonl"), "step");
}

TEST(Faults, PolicyTrainingKilledLeavesALoadablePolicyAndAReadableLog) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = dir / "d.hdf5";
  ASSERT_EQ(runCli("collect --task hammer --recipe expert:10 --image-size 16 --episode-length 12 --out " +
                   data.string())
                .exitCode,
            0);
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> delayMs(1500, 6000);
  int kills = 0, withPolicy = 0;
  for (int round = 0; round < 4; ++round) {
    const fs::path run = dir / ("run" + std::to_string(round));
    // A held-out improvement saves policy.pt (demo_9 is held out); checks every 10 steps make saves
    // frequent.
    if (!runAndKill({"train-policy", "--data", data.string(), "--task", "hammer", "--out", run.string(),
                     "image_size=16", "channels=[8,16]", "hidden=32", "steps=100000", "batch_size=8",
                     "valid_every=10", "log_every=10", "device=cpu"},
                    std::chrono::milliseconds(delayMs(rng))))
      continue;
    ++kills;
    if (fs::exists(run / "metrics.jsonl")) {
      std::ifstream in(run / "metrics.jsonl");
      for (std::string line; std::getline(in, line);) EXPECT_TRUE(nlohmann::json::accept(line)) << line;
    }
    if (!fs::exists(run / "policy.pt")) continue;
    ++withPolicy;
    const auto loaded = w4rl::learning::loadPolicy(run / "policy.pt", torch::kCPU);  // throws if damaged
    EXPECT_GT(loaded.info.step, 0);
  }
  EXPECT_GE(kills, 3) << "the trainings ended before their kills";
  EXPECT_GE(withPolicy, 1) << "every kill came before the first policy.pt: kill later";
}

TEST(Faults, RefinementKilledAtRandomPointsResumesLosingAtMostOneCheckpointInterval) {
  const fs::path dir = w4rl::test::freshDir();
  const fs::path data = dir / "d.hdf5";
  ASSERT_EQ(runCli("collect --task hammer --recipe random:2 --image-size 16 --episode-length 12 --out " +
                   data.string())
                .exitCode,
            0);
  w4rl::test::TinyPolicy spec;
  spec.task = "hammer";
  spec.imageSize = 16;
  const auto policy = w4rl::test::saveTinyPolicy(dir / "bc.pt", spec);
  const auto reward = w4rl::test::saveTinyReward(dir / "reward.pt", "hammer", 16, 0.5);
  const auto worldModel = w4rl::test::saveTinyWorldModel(dir / "wm.pt", 16, 4);
  const fs::path run = dir / "run";
  const int every = 2, iterations = 400;
  const std::vector<std::string> settings{"iterations=" + std::to_string(iterations),
                                          "num_envs=4",
                                          "group_size=2",
                                          "horizon=3",
                                          "update_epochs=1",
                                          "num_minibatches=1",
                                          "sampler_steps=1",
                                          "eval_every=0",
                                          "dream_check=0",
                                          "checkpoint_every=" + std::to_string(every),
                                          "device=cpu"};
  auto args = [&] {
    std::vector<std::string> a{
        "refine",   "--data",        data.string(), "--world-model", worldModel.string(),
        "--reward", reward.string(), "--out",       run.string()};
    if (fs::exists(run / "last.pt"))
      a.push_back("--resume");
    else
      a.insert(a.end(), {"--policy", policy.string()});
    a.insert(a.end(), settings.begin(), settings.end());
    return a;
  };
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> delayMs(1500, 5000);
  int kills = 0, checked = 0;
  for (int round = 0; round < 6 && kills < 3; ++round) {
    if (!runAndKill(args(), std::chrono::milliseconds(delayMs(rng)))) break;
    ++kills;
    if (!fs::exists(run / "last.pt")) continue;
    ++checked;
    const auto saved = w4rl::learning::loadPolicy(run / "last.pt", torch::kCPU).info.step;
    const auto logged = refinementIterations(run / "metrics.jsonl");
    ASSERT_FALSE(logged.empty());
    EXPECT_LE(logged.back() - saved, every)
        << "kill " << kills << ": logged " << logged.back() << ", checkpoint at " << saved;
  }
  EXPECT_GE(kills, 1) << "the refinement ended before any kill: make it longer";
  EXPECT_GE(checked, 1) << "every kill came before the first checkpoint: kill later";
  // Finish it, fewer iterations to go: the resume counts on from the last checkpoint.
  std::string finish;
  for (const auto& a : args()) finish += " " + a;
  const long saved =
      fs::exists(run / "last.pt")
          ? static_cast<long>(w4rl::learning::loadPolicy(run / "last.pt", torch::kCPU).info.step)
          : 0;
  finish += " iterations=" + std::to_string(saved + 2);
  const auto r = runCli(finish);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(w4rl::learning::loadPolicy(run / "policy.pt", torch::kCPU).info.step, saved + 2);
  const auto logged = refinementIterations(run / "metrics.jsonl");
  expectStrictlyIncreasing(logged, "iteration");
  ASSERT_FALSE(logged.empty());
  EXPECT_EQ(logged.back(), saved + 2);
  EXPECT_TRUE(tempsIn(run).empty()) << tempsIn(run).front();
  // A run directory missing the policy it started from is refused on resume, naming the file.
  fs::remove(run / "start_policy.pt");
  const auto damaged = runCli(finish + " iterations=" + std::to_string(saved + 4));
  EXPECT_EQ(damaged.exitCode, 1);
  EXPECT_NE(damaged.err.find((run / "start_policy.pt").string()), std::string::npos) << damaged.err;
}
