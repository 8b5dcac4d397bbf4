#include "pipeline/recipe/reward_rounds.h"

#include <memory>

#include "data/dataset.h"
#include "pipeline/services/policy_actor.h"
#include "pipeline/services/policy_runner.h"

namespace w4rl::pipeline {

namespace fs = std::filesystem;
using namespace stages;

std::vector<TaskResult> runRewardRounds(Stages& stages, const RoundInputs& in) {
  const auto& config = in.config;
  const auto& cancel = stages.cancel();
  const auto& bcPolicy = in.bcPolicy;
  const std::vector<collect::RecipeItem> recipe{{data::EpisodeSource::Policy, config.hardNegativeEpisodes}};
  std::vector<TaskResult> rows;
  std::vector<fs::path> rewardData = in.taskData;  // grows by each round's episodes (and their dreams)
  if (!in.dreams.empty()) rewardData.push_back(in.dreams);
  std::vector<fs::path> realData = in.taskData;  // what the held-out evaluation seeds must not be among
  fs::path previousPolicy = in.round0Policy;
  for (int k = 1; k <= config.rewardRounds; ++k) {
    const auto dir = in.dir / ("round" + std::to_string(k));
    const auto name = " " + in.task + " round " + std::to_string(k);
    const auto episodes = dir / "refined_episodes.hdf5", dreams = dir / "refined_dreams.hdf5";
    const auto rewardDir = dir / "reward", refineDir = dir / "refine";
    const auto bcEval = dir / "eval_bc.json", refinedEval = refinedEvalFile(dir, "eval_refined", config);
    // Checked first: collecting to another hard_negative_episodes would append to a finished round.
    const RewardRecipe rewardRecipe{!in.dreams.empty(), k * config.hardNegativeEpisodes};
    if (complete(rewardDir)) checkRewardRecipe(rewardDir, rewardRecipe, in.dir.string());
    fs::create_directories(dir);
    stages.run("refined episodes" + name, hasAll(episodes, recipe), [&](const ProgressCallback& p) {
      auto runner = std::make_shared<PolicyRunner>(previousPolicy, "auto", ActionMode::Sample);
      collectMissing(episodes, in.task, recipe, config.hardNegativeSeed(k),
                     std::make_shared<PolicyActor>(runner), p, cancel);
    });
    rewardData.push_back(episodes);
    realData.push_back(episodes);
    if (!in.dreams.empty()) {
      stages.run("dream" + name, fs::exists(dreams), [&](const ProgressCallback& p) {
        dreamEpisodes(dreamRequestFor(config, in.worldModel, {episodes}, dreams, in.task), p, cancel);
      });
      rewardData.push_back(dreams);
    }
    stages.run("reward" + name, complete(rewardDir), [&](const ProgressCallback& p) {
      trainRewardInto(rewardDir, rewardData, in.task, config, rewardRecipe, p, cancel);
    });
    const auto reward = rewardDir / "reward.pt";
    stages.run("evaluate bc" + name, fs::exists(bcEval), [&](const ProgressCallback& p) {
      evaluateInto(bcPolicy, bcEval, reward, in.task, realData, config, p, cancel);
    });
    stages.run("refine" + name, complete(refineDir), [&](const ProgressCallback& p) {
      refineInto(bcPolicy, in.worldModel, reward, in.taskData, in.task, refineDir, config, p, cancel);
    });
    stages.run("evaluate refined" + name, fs::exists(refinedEval), [&](const ProgressCallback& p) {
      evaluateInto(refinedPolicyFile(refineDir, config), refinedEval, reward, in.task, realData, config, p,
                   cancel);
    });
    TaskResult row = taskResult(in.task, bcEval, refinedEval, refineDir, config);
    row.round = k;
    row.hardNegativeEpisodes = rewardRecipe.hardNegativeEpisodes;
    rows.push_back(row);
    previousPolicy = refineDir / "policy.pt";
  }
  return rows;
}

}  // namespace w4rl::pipeline
