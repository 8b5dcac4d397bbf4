// world4rl-refine-packs: PPO refinement in the frozen world model, timed, on whatever device LibTorch has. It
// links the learning library alone, so it runs on a CUDA machine without HDF5 or MuJoCo: the starting
// contexts come from a context pack (made by world4rl-pack-contexts from a dataset) and there is no
// evaluation in the simulator during the run (evaluate RUN_DIR/policy.pt afterwards with `world4rl
// eval-policy`). It writes the same run directory as `world4rl refine` (metrics.jsonl, last.pt, policy.pt).
// Usage: world4rl-refine-packs --policy P --world-model W --reward R --contexts PACK --out RUN_DIR [key=value
// ...]
#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "common/atomic_file.h"
#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/episode_context_source.h"
#include "learning/policy_checkpoint.h"
#include "learning/ppo_refiner.h"
#include "learning/torch_device.h"

namespace {

using namespace w4rl;
using namespace w4rl::learning;

int usage() {
  std::fprintf(
      stderr,
      "usage: world4rl-refine-packs --policy P --world-model W --reward R --contexts PACK --out RUN_DIR "
      "[key=value ...]\n");
  return 2;
}

int run(int argc, char** argv) {
  std::filesystem::path policy, worldModelFile, rewardFile, pack, out;
  RefineSettings settings;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::filesystem::path {
      if (i + 1 >= argc) throw Error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--policy")
      policy = next();
    else if (a == "--world-model")
      worldModelFile = next();
    else if (a == "--reward")
      rewardFile = next();
    else if (a == "--contexts")
      pack = next();
    else if (a == "--out")
      out = next();
    else if (const auto eq = a.find('='); eq != std::string::npos) {
      if (!settings.set(a.substr(0, eq), a.substr(eq + 1))) throw Error("unknown refinement key: " + a);
    } else {
      return usage();
    }
  }
  if (policy.empty() || worldModelFile.empty() || rewardFile.empty() || pack.empty() || out.empty())
    return usage();
  settings.evalEvery = 0;  // no simulator here, whatever the keys say
  settings.validate();
  const torch::Device device = resolveDevice(settings.device);
  auto worldModel = loadWorldModel(worldModelFile, device).model;
  auto reward = loadReward(rewardFile, device).classifier;
  auto [task, episodes] = EpisodeContextSource::loadPack(pack);
  const auto& tasks = worldModel->config().tasks;
  const auto found = std::find(tasks.begin(), tasks.end(), task);
  if (!tasks.empty() && found == tasks.end())
    throw Error(worldModelFile.string() + " was not trained on task '" + task + "'");
  const int taskIndex = found == tasks.end() ? 0 : static_cast<int>(found - tasks.begin());
  EpisodeContextSource contexts(std::move(episodes), worldModel->config().actionDim,
                                worldModel->config().contextFrames, taskIndex, settings.startFrom == "any");
  std::filesystem::create_directories(out);
  writeTextFileAtomically(
      out / "config.yaml",
      "# refinement of " + policy.string() + " on " + task + "\n# world model: " + worldModelFile.string() +
          "\n# reward: " + rewardFile.string() + "\n# contexts: " + pack.string() + "\n" + settings.toText());
  // The kind alone (this tool links no JSON library; the inputs are in config.yaml's heading).
  writeTextFileAtomically(out / "run.json", "{\"kind\": \"refinement\"}\n");
  std::printf("task %s on %s: %lld starting contexts from %zu episodes, %d envs x %d steps\n", task.c_str(),
              describeDevice(device).c_str(), static_cast<long long>(contexts.size()), contexts.episodes(),
              settings.numEnvs, settings.horizon);
  PpoRefiner refiner(settings, out);
  const auto r = refiner.run(
      policy, worldModel, reward, contexts, false, {},
      [](const RefineProgress& p) {
        if (p.message.empty())
          std::printf("iteration %d/%d imagined success %.3f return %.3f %.0f frames/s\n", p.iteration,
                      p.iterations, p.imaginedSuccessRate, p.imaginedReturn, p.framesPerSecond);
        std::fflush(stdout);
      },
      CancelToken{});
  std::printf("done: %d iterations in %.1f s on %s; imagined success %.3f -> %.3f\n", r.iterations, r.seconds,
              r.device.c_str(), r.firstImaginedSuccessRate, r.lastImaginedSuccessRate);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "world4rl-refine-packs: %s\n", e.what());
    return 1;
  }
}
