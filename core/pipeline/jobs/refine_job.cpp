#include "pipeline/jobs/refine_job.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/number_text.h"
#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"
#include "learning/ppo_refiner.h"
#include "learning/torch_device.h"
#include "pipeline/jobs/config_sources.h"
#include "pipeline/jobs/dataset_context_source.h"
#include "pipeline/jobs/eval_dream_job.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/jobs/eval_report_json.h"
#include "pipeline/jobs/run_record.h"

namespace w4rl::pipeline {

learning::RefineSettings resolveRefineSettings(const std::filesystem::path& configFile,
                                               const std::vector<std::string>& overrides) {
  learning::RefineSettings settings;
  applyConfigSources(configFile, overrides,
                     [&](const std::string& k, const std::string& v) { return settings.set(k, v); });
  settings.validate();
  return settings;
}

RefineReport refinePolicy(const RefineRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel) {
  if (request.data.empty()) throw Error("no dataset given (--data)");
  if (request.runDir.empty()) throw Error("no run directory given (--out)");
  if (!request.resume && request.policy.empty()) throw Error("no policy given (--policy)");
  const learning::RefineSettings& settings = request.settings;
  settings.validate();
  const torch::Device device = learning::resolveDevice(settings.device);

  const auto startPolicy = request.resume ? request.runDir / "last.pt" : request.policy;
  const auto startInfo = learning::CheckpointReader(startPolicy, torch::kCPU, learning::kPolicyKind).info();
  const auto policyConfig = learning::PolicyConfig::fromText(startInfo.configText);
  const std::string task = request.task.empty() ? policyConfig.task : request.task;
  if (task.empty()) throw Error(startPolicy.string() + " names no task; pass --task");
  auto worldModel = learning::loadWorldModel(request.worldModel, device).model;
  const auto& wmTasks = worldModel->config().tasks;
  const auto found = std::find(wmTasks.begin(), wmTasks.end(), task);
  if (!wmTasks.empty() && found == wmTasks.end())
    throw Error(request.worldModel.string() + " was not trained on task '" + task + "'");
  const int taskIndex = found == wmTasks.end() ? 0 : static_cast<int>(found - wmTasks.begin());
  auto reward = learning::loadReward(request.reward, device).classifier;
  if (!reward->config().task.empty() && reward->config().task != task)
    throw Error(request.reward.string() + " classifies task '" + reward->config().task + "', not '" + task +
                "'");

  data::ReadOptions read;
  read.imageKey = request.imageKey;
  read.flipVertical = request.flipImages;
  read.imageSize = worldModel->config().imageSize;
  const auto dataset = data::Dataset::open(request.data, read);
  DatasetContextSource contexts(dataset, task, worldModel->config().contextFrames, taskIndex,
                                settings.startFrom == "any");

  std::filesystem::create_directories(request.runDir);
  if (!request.resume && std::filesystem::exists(request.runDir / "last.pt"))
    throw Error(request.runDir.string() +
                " already holds a refinement run (last.pt); pass --resume or choose another directory");
  // A resumed run keeps the policy the run started from, not its own last.pt.
  const std::string startedFrom = request.resume
                                      ? readRunRecord(request.runDir, "refinement").value("start_policy", "")
                                      : startPolicy.string();
  writeTextFileAtomically(request.runDir / "config.yaml",
                          "# refinement of " + startedFrom + " on " + task +
                              "\n# world model: " + request.worldModel.string() +
                              "\n# reward: " + request.reward.string() + "\n" + settings.toText());
  writeRunRecord(request.runDir, "refinement",
                 {{"start_policy", startedFrom},
                  {"task", task},
                  {"world_model", request.worldModel.string()},
                  {"reward", request.reward.string()},
                  {"data", dataPaths(request.data)}});

  // Every real evaluation runs on the same seeds, so each is paired with the start policy's (the first
  // evaluation of a fresh run, kept in the run directory for resumed ones): seeds gained and lost and the
  // exact McNemar p say whether the real change is more than the noise of eval_episodes episodes.
  const auto startEvalFile = request.runDir / "real_eval_start.json";
  // A resumed run still at iteration 0 whose start evaluation was cut short evaluates the start again.
  bool isStartEvaluation =
      !request.resume || (!std::filesystem::exists(startEvalFile) && startInfo.step == 0);
  std::optional<nlohmann::json> startEval;
  if (request.resume && std::filesystem::exists(startEvalFile)) {
    std::ifstream in(startEvalFile);
    startEval = nlohmann::json::parse(in, nullptr, false);
    if (startEval->is_discarded())
      throw Error(startEvalFile.string() + ": not JSON; delete it to resume unpaired");
  }
  const learning::RealEvaluation evaluate = [&](const std::filesystem::path& policyFile) {
    EvalPolicyRequest e;
    e.checkpoint = policyFile;
    e.task = task;
    e.episodes = settings.evalEpisodes;
    e.seed = request.evalSeed;
    e.device = settings.device;
    // The reward classifier audited on the same real episodes: reward hacking shows as false positives.
    e.reward = request.reward;
    // The real task's own episode length (EvalPolicyRequest's default), whatever the imagined horizon.
    const auto r = evalPolicy(e, nullptr, cancel);
    std::vector<std::pair<std::string, double>> m{{"eval/real_success_rate", r.successRate},
                                                  {"eval/real_ci_low", r.ciLow},
                                                  {"eval/real_ci_high", r.ciHigh},
                                                  {"eval/real_episodes", static_cast<double>(r.episodes)}};
    const int failures = r.episodes - r.successes;
    if (failures > 0)
      m.emplace_back("eval/reward_false_positive_rate",
                     static_cast<double>(r.reward.firedInFailures) / failures);
    if (r.successes > 0)
      m.emplace_back("eval/reward_recall", static_cast<double>(r.reward.firedInSuccesses) / r.successes);
    if (r.cancelled) return m;
    const auto report = evalReportJson(r, policyFile, e.seed);
    if (isStartEvaluation) {
      writeTextFileAtomically(startEvalFile, report.dump(2) + "\n");
      startEval = report;
      isStartEvaluation = false;
    } else if (startEval) {
      const auto c = compareEvalReports(*startEval, startEvalFile.string(), report, policyFile.string());
      m.emplace_back("eval/seeds_gained", c.outcomes.gained);
      m.emplace_back("eval/seeds_lost", c.outcomes.lost);
      m.emplace_back("eval/mcnemar_p", c.pValue);
    }
    if (settings.evalDream) {
      // The same seeds' starts dreamt over the real episode length, the dream's actions replayed.
      EvalDreamRequest d;
      d.worldModel = request.worldModel;
      d.reward = request.reward;
      d.policy = policyFile;
      d.task = task;
      d.episodes = settings.evalEpisodes;
      d.seed = request.evalSeed;
      d.horizon = e.episodeLength;
      d.samplerSteps = settings.samplerSteps;
      d.device = settings.device;
      const auto dream = evalDream(d, nullptr, cancel);
      if (!dream.cancelled)
        for (const auto& [key, value] : dreamMetrics(dream.table, dream.meanPsnr)) m.emplace_back(key, value);
    }
    return m;
  };
  learning::PpoRefiner refiner(settings, request.runDir);
  const auto r = refiner.run(
      request.policy, worldModel, reward, contexts, request.resume, evaluate,
      [&](const learning::RefineProgress& p) {
        if (!progress) return;
        const std::string real = p.realSuccessRate < 0 ? "-" : formatC("%.0f%%", 100.0 * p.realSuccessRate);
        progress({p.iteration, p.iterations,
                  !p.message.empty()
                      ? p.message
                      : formatC("imagined success %.0f%% real %s %.0f frames/s",
                                100.0 * p.imaginedSuccessRate, real.c_str(), p.framesPerSecond)});
      },
      cancel);
  RefineReport report;
  report.iterations = r.iterations;
  report.firstImaginedSuccessRate = r.firstImaginedSuccessRate;
  report.lastImaginedSuccessRate = r.lastImaginedSuccessRate;
  report.firstRealSuccessRate = r.firstRealSuccessRate;
  report.lastRealSuccessRate = r.lastRealSuccessRate;
  report.bestIteration = r.bestIteration;
  report.bestRealSuccessRate = r.bestRealSuccessRate;
  report.stopReason = r.stopReason;
  report.dreamCheck = r.dreamCheck;
  report.startContexts = contexts.size();
  report.seconds = r.seconds;
  report.cancelled = r.cancelled;
  report.device = r.device;
  report.task = task;
  return report;
}

}  // namespace w4rl::pipeline
