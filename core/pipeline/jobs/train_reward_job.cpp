#include "pipeline/jobs/train_reward_job.h"

#include <torch/torch.h>

#include <cstdio>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "learning/reward_trainer.h"
#include "pipeline/jobs/config_sources.h"
#include "pipeline/jobs/episode_selection.h"
#include "pipeline/jobs/run_record.h"

namespace w4rl::pipeline {

RewardTraining::RewardTraining() : settings(learning::defaultRewardSettings()) {}

void RewardTraining::set(const std::string& key, const std::string& value) {
  if (!settings.set(key, value)) config.set(key, value);
}

void RewardTraining::check() const {
  settings.validate();
  config.validate();
}

RewardTraining resolveRewardTraining(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides) {
  RewardTraining t;
  applyConfigSources(configFile, overrides, [&](const std::string& k, const std::string& v) {
    t.set(k, v);
    return true;
  });
  t.check();
  return t;
}

TrainRewardReport trainReward(const TrainRewardRequest& request, const ProgressCallback& progress,
                              const CancelToken& cancel) {
  auto training = request.training;
  training.settings.validate();
  auto& config = training.config;
  auto& settings = training.settings;
  const auto dataset = openTaskData(request.data, request.task, request.runDir, request.imageKey,
                                    request.flipImages, config.imageSize);
  config.task = request.task;
  const auto train = loadDemoSet(dataset, episodesOf(dataset, request.task, {}, dataset.trainEpisodes()), 1);
  const auto valid = loadDemoSet(dataset, episodesOf(dataset, request.task, {}, dataset.validEpisodes()), 1);

  std::filesystem::create_directories(request.runDir);
  if (std::filesystem::exists(request.runDir / "reward.pt"))
    throw Error(request.runDir.string() +
                " already holds a reward classifier (reward.pt); choose another directory");
  writeTextFileAtomically(request.runDir / "config.yaml",
                          "# success classifier\n" + config.toText() + "# training\n" + settings.toText());
  writeRunRecord(request.runDir, "reward", {{"data", dataPaths(request.data)}, {"task", request.task}});
  const auto r = learning::trainSuccessClassifier(
      config, settings, request.runDir, train, valid,
      [&](const learning::SupervisedProgress& p) {
        if (!progress) return;
        progress({p.step, p.totalSteps, formatC("bce %.3f valid %.3f", p.trainLoss, p.validLoss)});
      },
      cancel);
  TrainRewardReport report;
  report.steps = r.steps;
  report.trainPositives = r.trainPositives;
  report.trainNegatives = r.trainNegatives;
  report.validPositives = r.validPositives;
  report.validNegatives = r.validNegatives;
  report.threshold = r.threshold;
  report.frameThreshold = r.frameThreshold;
  report.validEpisodeBalancedAccuracy = r.validEpisodeBalancedAccuracy;
  report.validSuccessEpisodes = r.validSuccessEpisodes;
  report.validFailedEpisodes = r.validFailedEpisodes;
  report.validAccuracy = r.validAccuracy;
  report.validBalancedAccuracy = r.validBalancedAccuracy;
  report.validAuc = r.validAuc;
  report.seconds = r.seconds;
  report.cancelled = r.cancelled;
  report.device = r.device;
  return report;
}

}  // namespace w4rl::pipeline
