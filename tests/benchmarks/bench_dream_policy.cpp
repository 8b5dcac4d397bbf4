// bench_dream_policy --world-model W --reward R --contexts PACK --policy P [--policy P2 ...]
//                    [--starts 256] [--batch 32] [--horizon 15] [--start-from any|first] [--seed 0]
//                    [--dream-samples K] [--consensus]
// Can PPO learn anything in this dream? The same imagined starts are rolled out (closed loop, sampled
// actions, classifier reward, episodes end at success) by each policy given and by random actions
// (learning/dream_check.h: zero-mean Gaussian actions, sigma 1), with identical start contexts,
// world-model noise and action noise, so the differences come from the policies alone. Printed per
// policy: imagined success with a 95% interval, and the starts won / lost against the first policy with
// McNemar's p. If random actions succeed in the dream about as often as the BC policy, while they never
// do in the real task, the dream's outcome does not depend on the actions enough for PPO's advantages to
// carry signal. Refinement runs the same check on its starting policy (refine key dream_check).
// --dream-samples K --consensus judges with refinement's pessimistic reward (reward_consensus): success
// only where the classifier fires on all K samples of a step. A policy that gained in the dream but lost
// in reality should lose that edge under it if its successes were ones the model only sometimes shows.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "common/binomial_interval.h"
#include "common/error.h"
#include "common/paired_test.h"
#include "learning/checkpoint.h"
#include "learning/dream_check.h"
#include "learning/episode_context_source.h"
#include "learning/policy_checkpoint.h"
#include "learning/torch_device.h"

namespace {

using namespace w4rl;
using namespace w4rl::learning;

int usage() {
  std::fprintf(stderr,
               "usage: bench_dream_policy --world-model W --reward R --contexts PACK --policy P [--policy P2 "
               "...] [--starts 256] [--batch 32] [--horizon 15] [--start-from any|first] [--seed 0] "
               "[--dream-samples K] [--consensus]\n");
  return 2;
}

struct Candidate {
  std::string name;
  GaussianPolicy policy{nullptr};
};

int run(int argc, char** argv) {
  std::filesystem::path worldModelFile, rewardFile, pack;
  std::vector<std::filesystem::path> policies;
  int starts = 256, batch = 32, horizon = 15;
  std::string startFrom = "any";
  std::uint64_t seed = 0;
  int dreamSamples = 1;
  bool consensus = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--consensus") {
      consensus = true;
      continue;
    }
    if (i + 1 >= argc) return usage();
    const std::string v = argv[++i];
    if (a == "--world-model")
      worldModelFile = v;
    else if (a == "--reward")
      rewardFile = v;
    else if (a == "--contexts")
      pack = v;
    else if (a == "--policy")
      policies.emplace_back(v);
    else if (a == "--starts")
      starts = std::stoi(v);
    else if (a == "--batch")
      batch = std::stoi(v);
    else if (a == "--horizon")
      horizon = std::stoi(v);
    else if (a == "--start-from")
      startFrom = v;
    else if (a == "--seed")
      seed = std::stoull(v);
    else if (a == "--dream-samples")
      dreamSamples = std::stoi(v);
    else
      return usage();
  }
  if (worldModelFile.empty() || rewardFile.empty() || pack.empty() || policies.empty() || starts < 1 ||
      batch < 1 || horizon < 1 || dreamSamples < 1 || (consensus && dreamSamples < 2) ||
      (startFrom != "any" && startFrom != "first"))
    return usage();
  const torch::Device device = resolveDevice("auto");
  useAllCpuCores();
  auto worldModel = loadWorldModel(worldModelFile, device).model;
  auto reward = loadReward(rewardFile, device).classifier;
  auto [task, episodes] = EpisodeContextSource::loadPack(pack);
  const auto& tasks = worldModel->config().tasks;
  const auto found = std::find(tasks.begin(), tasks.end(), task);
  if (!tasks.empty() && found == tasks.end())
    throw Error(worldModelFile.string() + " was not trained on task '" + task + "'");
  const int taskIndex = found == tasks.end() ? 0 : static_cast<int>(found - tasks.begin());
  EpisodeContextSource contexts(std::move(episodes), worldModel->config().actionDim,
                                worldModel->config().contextFrames, taskIndex, startFrom == "any");

  std::vector<Candidate> candidates;
  for (const auto& p : policies) candidates.push_back({p.string(), loadPolicy(p, device).policy});
  candidates.push_back(
      {"random actions (mean 0, sigma 1)", randomActionPolicy(candidates.front().policy->config(), device)});
  DreamCheckOptions options;
  options.starts = starts;
  options.batch = batch;
  options.horizon = horizon;
  options.seed = seed;
  options.dreamSamples = dreamSamples;
  options.rewardConsensus = consensus;
  std::printf("task %s, %lld starting points (%s), %d starts in batches of %d, horizon %d, %s, on %s\n",
              task.c_str(), static_cast<long long>(contexts.size()), startFrom.c_str(), starts, batch,
              horizon,
              consensus ? ("success on all " + std::to_string(dreamSamples) + " samples of a step").c_str()
                        : "success on the step's frame",
              describeDevice(device).c_str());
  std::vector<std::vector<bool>> success;
  WorldModelEnv env(worldModel, device, seed);
  for (auto& c : candidates) {
    const auto started = std::chrono::steady_clock::now();
    success.push_back(dreamSuccesses(c.policy, reward, env, contexts, options));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto& mine = success.back();
    const int n = static_cast<int>(mine.size());
    const int wins = static_cast<int>(std::count(mine.begin(), mine.end(), true));
    const auto ci = wilsonInterval(wins, n);
    std::printf("%-40s imagined success %5.1f%% [%.0f-%.0f] (%d of %d), %.0f s", c.name.c_str(),
                100.0 * wins / n, 100.0 * ci.low, 100.0 * ci.high, wins, n, seconds);
    if (success.size() > 1) {
      PairedOutcomes paired;
      for (int i = 0; i < n; ++i) {
        paired.gained += mine[i] && !success[0][i];
        paired.lost += !mine[i] && success[0][i];
      }
      std::printf("; vs the first: +%d / -%d (p %.3g)", paired.gained, paired.lost, exactMcNemarP(paired));
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_dream_policy: %s\n", e.what());
    return 1;
  }
}
