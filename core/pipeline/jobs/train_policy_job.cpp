#include "pipeline/jobs/train_policy_job.h"

#include <torch/torch.h>

#include <cstdio>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "learning/bc_trainer.h"
#include "pipeline/jobs/config_sources.h"
#include "pipeline/jobs/episode_selection.h"
#include "pipeline/jobs/run_record.h"

namespace w4rl::pipeline {
namespace {

std::vector<data::EpisodeSource> parseSources(const std::string& text) {
  std::vector<data::EpisodeSource> out;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const auto source = data::episodeSourceFromString(item);
    if (source == data::EpisodeSource::Unknown)
      throw Error("unknown episode source '" + item + "' (expert, noisy, random, policy, teleop)");
    out.push_back(source);
  }
  return out;
}

}  // namespace

PolicyTraining::PolicyTraining() : settings(learning::defaultBcSettings()) {}

void PolicyTraining::set(const std::string& key, const std::string& value) {
  if (!settings.set(key, value)) config.set(key, value);
}

void PolicyTraining::check() const {
  settings.validate();
  auto probe = config;
  probe.actionDim = 1;  // a data fact, set from the dataset when training
  probe.validate();
}

PolicyTraining resolvePolicyTraining(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides) {
  PolicyTraining t;
  applyConfigSources(configFile, overrides, [&](const std::string& k, const std::string& v) {
    t.set(k, v);
    return true;
  });
  t.check();
  return t;
}

TrainPolicyReport trainPolicy(const TrainPolicyRequest& request, const ProgressCallback& progress,
                              const CancelToken& cancel) {
  auto training = request.training;
  training.settings.validate();
  auto& config = training.config;
  auto& settings = training.settings;
  const auto dataset = openTaskData(request.data, request.task, request.runDir, request.imageKey,
                                    request.flipImages, config.imageSize);
  config.task = request.task;
  config.actionDim = dataset.actionDim();
  const auto sources = parseSources(request.sources);
  const auto trainEps = episodesOf(dataset, request.task, sources, dataset.trainEpisodes());
  const auto validEps = episodesOf(dataset, request.task, sources, dataset.validEpisodes());
  if (trainEps.empty())
    throw Error("no training episodes of task '" + request.task + "' from sources '" + request.sources + "'");
  const auto train = loadDemoSet(dataset, trainEps, config.frameStack);
  const auto valid = loadDemoSet(dataset, validEps, config.frameStack);

  std::filesystem::create_directories(request.runDir);
  if (std::filesystem::exists(request.runDir / "policy.pt"))
    throw Error(request.runDir.string() + " already holds a policy (policy.pt); choose another directory");
  writeTextFileAtomically(request.runDir / "config.yaml", "# policy\n" + config.toText() +
                                                              "# behaviour cloning\n" + settings.toText() +
                                                              "sources: " + request.sources + "\n");
  writeRunRecord(request.runDir, "policy",
                 {{"data", dataPaths(request.data)}, {"task", request.task}, {"sources", request.sources}});
  const auto r = learning::trainBehaviourCloning(
      config, settings, request.runDir, train, valid,
      [&](const learning::SupervisedProgress& p) {
        if (!progress) return;
        progress({p.step, p.totalSteps, formatC("nll %.3f valid %.3f", p.trainLoss, p.validLoss)});
      },
      cancel);
  TrainPolicyReport report;
  report.steps = r.steps;
  report.trainSamples = train.size();
  report.validSamples = valid.size();
  report.trainEpisodes = static_cast<int>(trainEps.size());
  report.validEpisodes = static_cast<int>(validEps.size());
  report.validNll = r.bestValidNll;
  report.validActionMse = r.validActionMse;
  report.seconds = r.seconds;
  report.cancelled = r.cancelled;
  report.device = r.device;
  report.parameters = r.parameters;
  return report;
}

}  // namespace w4rl::pipeline
