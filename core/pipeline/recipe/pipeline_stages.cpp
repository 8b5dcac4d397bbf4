#include "pipeline/recipe/pipeline_stages.h"

#include <map>
#include <tuple>

#include "common/atomic_file.h"
#include "common/error.h"
#include "data/dataset.h"
#include "learning/refine_settings.h"
#include "pipeline/jobs/eval_dream_job.h"
#include "pipeline/jobs/eval_policy_job.h"
#include "pipeline/jobs/eval_report_json.h"
#include "pipeline/jobs/refine_job.h"
#include "pipeline/jobs/train_reward_job.h"

namespace w4rl::pipeline::stages {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::map<data::EpisodeSource, int> episodesBySource(const fs::path& file) {
  std::map<data::EpisodeSource, int> counts;
  if (!fs::exists(file)) return counts;
  for (const auto& e : data::Dataset::open({file}).episodes()) ++counts[e.source];
  return counts;
}

// The reward audit of an evaluation report: {fired in successes, fired in failures}, -1 for reports
// written before evaluations were audited.
std::pair<int, int> rewardAudit(const json& evaluation) {
  if (!evaluation.contains("reward")) return {-1, -1};
  const auto& r = evaluation.at("reward");
  return {r.at("fired_in_successes").get<int>(), r.at("fired_in_failures").get<int>()};
}

}  // namespace

void Stages::logStage(const std::string& name, double seconds) {
  std::ofstream log(out_ / "stages.jsonl", std::ios::app);
  log << json{{"stage", name}, {"seconds", seconds}}.dump() << "\n";
}

void writeJson(const fs::path& file, const json& j) {
  writeTextFileAtomically(file, j.dump(2) + "\n");
}

json readJson(const fs::path& file) {
  std::ifstream in(file);
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw Error(file.string() + ": unreadable report (" + e.what() + "); delete it to redo the stage");
  }
}

bool complete(const fs::path& dir) {
  return fs::exists(dir / "report.json");
}

void clearIncomplete(const fs::path& dir) {
  if (fs::exists(dir) && !complete(dir)) fs::remove_all(dir);
}

bool hasAll(const fs::path& file, const std::vector<collect::RecipeItem>& wanted) {
  const auto have = episodesBySource(file);
  for (const auto& item : wanted) {
    const auto it = have.find(item.source);
    if ((it == have.end() ? 0 : it->second) < item.episodes) return false;
  }
  return true;
}

void collectMissing(const fs::path& file, const std::string& task,
                    const std::vector<collect::RecipeItem>& wanted, std::uint64_t seed,
                    std::shared_ptr<collect::EpisodeActor> policy, const ProgressCallback& progress,
                    const CancelToken& cancel) {
  const auto have = episodesBySource(file);
  collect::CollectConfig config;
  config.task = task;
  config.out = file;
  config.seed = seed;
  config.policy = std::move(policy);
  for (const auto& item : wanted) {
    const auto it = have.find(item.source);
    const int missing = item.episodes - (it == have.end() ? 0 : it->second);
    if (missing > 0) config.recipe.push_back({item.source, missing});
  }
  if (config.recipe.empty()) return;
  const auto r = collect::collect(config, progress, cancel);
  if (r.cancelled) throw Cancelled();
}

DreamRequest dreamRequestFor(const PipelineConfig& config, const fs::path& worldModel,
                             const std::vector<fs::path>& data, const fs::path& out,
                             const std::string& task) {
  DreamRequest d;
  d.worldModel = worldModel;
  d.data = data;
  d.out = out;
  d.task = task;
  d.segment = config.refine.horizon;  // dreams as long as refinement's imagined episodes
  for (const auto& item : config.dream) {
    const auto eq = item.find('=');
    if (!setDreamOption(d, item.substr(0, eq), item.substr(eq + 1)))
      throw Error("unknown setting dream." + item.substr(0, eq) +
                  " (segment, split, episodes, batch, seed, sampler_steps, device)");
  }
  return d;
}

void checkRewardRecipe(const fs::path& rewardDir, const RewardRecipe& wanted, const std::string& dependents) {
  const auto report = readJson(rewardDir / "report.json");
  const bool dreams = report.value("dreams", false);
  const int hardNegatives = report.value("hard_negative_episodes", 0);
  auto redo = "; set it back, or move " + dependents + " aside to redo them";
  if (dreams != wanted.dreams)
    throw Error(rewardDir.string() + " was trained " + (dreams ? "with" : "without") +
                " dreams but reward_dreams is " + (wanted.dreams ? "true" : "false") + redo);
  if (hardNegatives != wanted.hardNegativeEpisodes)
    throw Error(rewardDir.string() + " was trained with " + std::to_string(hardNegatives) +
                " real episodes of refined policies, not " + std::to_string(wanted.hardNegativeEpisodes) +
                " (hard_negative_episodes per round)" + redo);
}

void trainRewardInto(const fs::path& rewardDir, const std::vector<fs::path>& data, const std::string& task,
                     const PipelineConfig& config, const RewardRecipe& recipe,
                     const ProgressCallback& progress, const CancelToken& cancel) {
  clearIncomplete(rewardDir);
  TrainRewardRequest r;
  r.data = data;
  r.task = task;
  r.runDir = rewardDir;
  r.training = config.reward;
  const auto rep = trainReward(r, progress, cancel);
  if (rep.cancelled) throw Cancelled();
  writeJson(rewardDir / "report.json", {{"threshold", rep.threshold},
                                        {"frame_threshold", rep.frameThreshold},
                                        {"valid_episode_balanced_accuracy", rep.validEpisodeBalancedAccuracy},
                                        {"valid_success_episodes", rep.validSuccessEpisodes},
                                        {"valid_failed_episodes", rep.validFailedEpisodes},
                                        {"valid_accuracy", rep.validAccuracy},
                                        {"valid_balanced_accuracy", rep.validBalancedAccuracy},
                                        {"valid_auc", rep.validAuc},
                                        {"dreams", recipe.dreams},
                                        {"hard_negative_episodes", recipe.hardNegativeEpisodes},
                                        {"train_positives", rep.trainPositives},
                                        {"train_negatives", rep.trainNegatives},
                                        {"seconds", rep.seconds}});
}

void evaluateInto(const fs::path& policy, const fs::path& reportFile, const fs::path& reward,
                  const std::string& task, const std::vector<fs::path>& excludeData,
                  const PipelineConfig& config, const ProgressCallback& progress, const CancelToken& cancel) {
  EvalPolicyRequest e;
  e.checkpoint = policy;
  e.task = task;
  e.episodes = config.evalEpisodes;
  e.seed = config.evalSeed;
  e.excludeData = excludeData;
  e.reward = reward;  // audited on the same episodes: is the reward fooled?
  const auto rep = evalPolicy(e, progress, cancel);
  if (rep.cancelled) throw Cancelled();
  writeJson(reportFile, evalReportJson(rep, policy, e.seed));
}

void dreamTruthInto(const fs::path& policy, const fs::path& worldModel, const fs::path& reward,
                    const std::string& task, const fs::path& reportFile, const PipelineConfig& config,
                    const ProgressCallback& progress, const CancelToken& cancel) {
  EvalDreamRequest d;
  d.worldModel = worldModel;
  d.reward = reward;
  d.policy = policy;
  d.randomActions = policy.empty();
  d.task = task;
  d.episodes = config.evalEpisodes;
  d.seed = config.evalSeed;  // the held-out seeds: start k is the BC and refined evaluations' episode k
  const auto rep = evalDream(d, progress, cancel);
  if (rep.cancelled) throw Cancelled();
  writeJson(reportFile, evalDreamJson(rep, d));
}

void refineInto(const fs::path& policy, const fs::path& worldModel, const fs::path& reward,
                const std::vector<fs::path>& data, const std::string& task, const fs::path& refineDir,
                const PipelineConfig& config, const ProgressCallback& progress, const CancelToken& cancel) {
  RefineRequest r;
  r.policy = policy;
  r.worldModel = worldModel;
  r.reward = reward;
  r.data = data;
  r.task = task;
  r.runDir = refineDir;
  r.settings = config.refine;
  r.evalSeed = config.refineEvalSeed();
  r.resume = fs::exists(refineDir / "last.pt");
  const auto rep = refinePolicy(r, progress, cancel);
  if (rep.cancelled) throw Cancelled();
  nlohmann::json report{{"iterations", rep.iterations},
                        {"imagined_success_first", rep.firstImaginedSuccessRate},
                        {"imagined_success_last", rep.lastImaginedSuccessRate},
                        {"real_success_first", rep.firstRealSuccessRate},
                        {"real_success_last", rep.lastRealSuccessRate},
                        {"best_iteration", rep.bestIteration},
                        {"real_success_best", rep.bestRealSuccessRate},
                        {"stop_reason", rep.stopReason},
                        {"seconds", rep.seconds}};
  if (const auto& d = rep.dreamCheck; d.starts > 0)
    report["dream_check"] = {{"starts", d.starts},
                             {"horizon", d.horizon},
                             {"policy_successes", d.policySuccesses},
                             {"random_successes", d.randomSuccesses},
                             {"policy_gained", d.policyOverRandom.gained},
                             {"policy_lost", d.policyOverRandom.lost},
                             {"seconds", d.seconds}};
  writeJson(refineDir / "report.json", report);
}

std::vector<RefinementRun> refinementRuns(const fs::path& out, const std::string& task,
                                          const PipelineConfig& config) {
  const auto taskDir = out / "refine" / task;
  if (config.refineSeeds.empty()) return {{task, task, taskDir, -1, config}};
  std::vector<RefinementRun> runs;
  for (const auto seed : config.refineSeeds) {
    RefinementRun run{task + " seed " + std::to_string(seed), task + "_seed" + std::to_string(seed),
                      taskDir / ("seed" + std::to_string(seed)), static_cast<long long>(seed), config};
    run.config.refine.seed = seed;
    runs.push_back(std::move(run));
  }
  return runs;
}

fs::path refinedPolicyFile(const fs::path& refineDir, const PipelineConfig& config) {
  if (config.refinedPolicy != "best") return refineDir / "policy.pt";
  const auto best = refineDir / "best.pt";
  if (!fs::exists(best))
    throw Error(best.string() +
                " does not exist: the refinement made no real evaluations (refine.eval_every 0); move " +
                refineDir.string() + " aside to refine again with refine.eval_every > 0");
  return best;
}

fs::path refinedEvalFile(const fs::path& dir, const std::string& stem, const PipelineConfig& config) {
  return dir / (stem + (config.refinedPolicy == "best" ? "_best" : "") + ".json");
}

TaskResult taskResult(const std::string& task, const fs::path& bcEval, const fs::path& refinedEval,
                      const fs::path& refineDir, const PipelineConfig& config) {
  const auto bc = readJson(bcEval);
  const auto refined = readJson(refinedEval);
  const auto refineReport = readJson(refineDir / "report.json");
  TaskResult row;
  row.task = task;
  row.episodes = bc.at("episodes").get<int>();
  row.bcSuccesses = bc.at("successes").get<int>();
  row.bcCiLow = bc.at("ci_low").get<double>();
  row.bcCiHigh = bc.at("ci_high").get<double>();
  row.refinedSuccesses = refined.at("successes").get<int>();
  row.refinedCiLow = refined.at("ci_low").get<double>();
  row.refinedCiHigh = refined.at("ci_high").get<double>();
  row.imaginedSuccessFirst = refineReport.at("imagined_success_first").get<double>();
  row.imaginedSuccessLast = refineReport.at("imagined_success_last").get<double>();
  row.refinedIsBest = config.refinedPolicy == "best";
  row.refineIterations = refineReport.at("iterations").get<int>();
  row.refinedIteration =
      row.refinedIsBest ? refineReport.at("best_iteration").get<int>() : row.refineIterations;
  // -1 where the refinement made no real evaluations.
  row.refinedValidationRate =
      refineReport.at(row.refinedIsBest ? "real_success_best" : "real_success_last").get<double>();
  row.stopReason = refineReport.at("stop_reason").get<std::string>();
  if (const auto d = refineReport.find("dream_check"); d != refineReport.end()) {
    row.dreamCheck.starts = d->at("starts").get<int>();
    row.dreamCheck.horizon = d->at("horizon").get<int>();
    row.dreamCheck.policySuccesses = d->at("policy_successes").get<int>();
    row.dreamCheck.randomSuccesses = d->at("random_successes").get<int>();
    row.dreamCheck.policyOverRandom = {d->at("policy_gained").get<int>(), d->at("policy_lost").get<int>()};
  }
  std::tie(row.bcRewardInSuccesses, row.bcRewardInFailures) = rewardAudit(bc);
  std::tie(row.refinedRewardInSuccesses, row.refinedRewardInFailures) = rewardAudit(refined);
  const auto paired = compareEvalReports(bc, bcEval.string(), refined, refinedEval.string());
  row.seedsGained = paired.outcomes.gained;
  row.seedsLost = paired.outcomes.lost;
  return row;
}

}  // namespace w4rl::pipeline::stages
