#include "pipeline/jobs/stage_launcher.h"

#include <cstdio>
#include <sstream>

#include "collect/collector.h"
#include "collect/recipe.h"
#include "common/error.h"
#include "common/number_text.h"
#include "pipeline/jobs/config_sources.h"
#include "pipeline/jobs/dream_job.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/jobs/refine_job.h"
#include "pipeline/jobs/train_policy_job.h"
#include "pipeline/jobs/train_reward_job.h"
#include "pipeline/jobs/train_world_model_job.h"
#include "pipeline/recipe/pipeline_job.h"

namespace w4rl::pipeline {
namespace {

std::vector<std::filesystem::path> paths(const std::vector<std::string>& files) {
  return {files.begin(), files.end()};
}

void require(const std::string& value, const char* field) {
  if (value.empty()) throw Error(std::string("no ") + field + " given");
}

std::vector<std::string> splitTasks(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string t; std::getline(s, t, ',');)
    if (!t.empty()) out.push_back(t);
  return out;
}

}  // namespace

std::vector<Stage> allStages() {
  return {Stage::Collect,     Stage::TrainWorldModel, Stage::Dream,          Stage::TrainPolicy,
          Stage::TrainReward, Stage::Refine,          Stage::EvaluatePolicy, Stage::Pipeline};
}

std::string stageName(Stage stage) {
  switch (stage) {
    case Stage::Collect:
      return "collect";
    case Stage::TrainWorldModel:
      return "train-world-model";
    case Stage::Dream:
      return "dream";
    case Stage::TrainPolicy:
      return "train-policy";
    case Stage::TrainReward:
      return "train-reward";
    case Stage::Refine:
      return "refine";
    case Stage::EvaluatePolicy:
      return "eval-policy";
    case Stage::Pipeline:
      return "pipeline";
  }
  return "?";
}

std::string runStage(const StageForm& f, const ProgressCallback& progress, const CancelToken& cancel) {
  switch (f.stage) {
    case Stage::Collect: {
      require(f.task, "task");
      require(f.out, "output file");
      collect::CollectConfig c;
      c.task = f.task;
      c.recipe = collect::parseRecipe(f.recipe);
      c.out = f.out;
      const auto r = collect::collect(c, progress, cancel);
      if (r.cancelled) throw Cancelled();
      return std::to_string(r.episodes) + " episodes collected into " + f.out +
             formatC(" in %.0f s", r.seconds);
    }
    case Stage::TrainWorldModel: {
      TrainWorldModelRequest r;
      r.data = paths(f.data);
      r.runDir = f.out;
      r.overrides = f.overrides;
      r.resume = f.resume;
      const auto rep = trainWorldModel(r, progress, cancel);
      if (rep.cancelled) throw Cancelled();
      return "world model trained for " + std::to_string(rep.steps) + " steps" +
             formatC(", best validation loss %.5f, %.0f s", rep.bestValidLoss, rep.seconds);
    }
    case Stage::Dream: {
      DreamRequest r;
      r.worldModel = f.worldModel;
      r.data = paths(f.data);
      r.out = f.out;
      r.task = f.task;
      applyConfigSources({}, f.overrides, [&r](const std::string& k, const std::string& v) {
        return setDreamOption(r, k, v);
      });
      const auto rep = dreamEpisodes(r, progress, cancel);
      return std::to_string(rep.episodes) + " episodes dreamed into " + f.out +
             formatC(" (%.0f frames, %.0f labelled success), mean PSNR %.2f dB against the real frames",
                     static_cast<double>(rep.frames), static_cast<double>(rep.successFrames), rep.meanPsnr);
    }
    case Stage::TrainPolicy: {
      TrainPolicyRequest r;
      r.data = paths(f.data);
      r.task = f.task;
      r.runDir = f.out;
      r.training = resolvePolicyTraining({}, f.overrides);
      const auto rep = trainPolicy(r, progress, cancel);
      if (rep.cancelled) throw Cancelled();
      return "policy cloned for " + std::to_string(rep.steps) + " steps" +
             formatC(", held-out action MSE %.4f, %.0f s", rep.validActionMse, rep.seconds);
    }
    case Stage::TrainReward: {
      TrainRewardRequest r;
      r.data = paths(f.data);
      r.task = f.task;
      r.runDir = f.out;
      r.training = resolveRewardTraining({}, f.overrides);
      const auto rep = trainReward(r, progress, cancel);
      if (rep.cancelled) throw Cancelled();
      return "success classifier trained" + formatC(": held-out accuracy %.3f, ROC AUC %.3f, threshold %.3f",
                                                    rep.validAccuracy, rep.validAuc, rep.threshold);
    }
    case Stage::Refine: {
      RefineRequest r;
      r.policy = f.policy;
      r.worldModel = f.worldModel;
      r.reward = f.reward;
      r.data = paths(f.data);
      r.task = f.task;
      r.runDir = f.out;
      r.settings = resolveRefineSettings({}, f.overrides);
      r.resume = f.resume;
      require(f.worldModel, "world model");
      require(f.reward, "reward classifier");
      const auto rep = refinePolicy(r, progress, cancel);
      if (rep.cancelled) throw Cancelled();
      return "refined for " + std::to_string(rep.iterations) + " iterations" +
             formatC(": imagined success %.0f%% -> %.0f%%", 100 * rep.firstImaginedSuccessRate,
                     100 * rep.lastImaginedSuccessRate) +
             formatC(", real %.0f%% -> %.0f%%", 100 * rep.firstRealSuccessRate,
                     100 * rep.lastRealSuccessRate) +
             (rep.bestIteration >= 0 ? formatC(", best %.0f%% at iteration ", 100 * rep.bestRealSuccessRate) +
                                           std::to_string(rep.bestIteration) + " (best.pt)"
                                     : std::string()) +
             (rep.stopReason.empty() ? std::string() : "; stopped early: " + rep.stopReason);
    }
    case Stage::EvaluatePolicy: {
      require(f.policy, "policy");
      EvalPolicyRequest r;
      r.checkpoint = f.policy;
      r.task = f.task;
      r.episodes = f.episodes;
      r.reward = f.reward;  // optional: the classifier audited on the same episodes
      const auto rep = evalPolicy(r, progress, cancel);
      if (rep.cancelled) throw Cancelled();
      std::string text = "success " + std::to_string(rep.successes) + "/" + std::to_string(rep.episodes) +
                         " on " + rep.task +
                         formatC(" = %.1f%% (95%% CI %.1f-%.1f%%)", 100 * rep.successRate, 100 * rep.ciLow,
                                 100 * rep.ciHigh);
      if (rep.rewardScored)
        text += "; the reward fires in " + std::to_string(rep.reward.firedInSuccesses) + " of " +
                std::to_string(rep.successes) + " successful and " +
                std::to_string(rep.reward.firedInFailures) + " of " +
                std::to_string(rep.episodes - rep.successes) + " failed episodes";
      return text;
    }
    case Stage::Pipeline: {
      PipelineRequest r;
      r.tasks = splitTasks(f.task);
      r.outDir = f.out;
      r.overrides = f.overrides;
      const auto rep = runPipeline(r, progress, cancel);
      return rep.markdown;
    }
  }
  throw Error("unknown stage");
}

}  // namespace w4rl::pipeline
