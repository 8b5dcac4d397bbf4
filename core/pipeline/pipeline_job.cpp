#include "pipeline/pipeline_job.h"

#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>

#include "collect/collector.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "data/dataset.h"
#include "learning/refine_settings.h"
#include "pipeline/compute_device.h"
#include "pipeline/dream_job.h"
#include "pipeline/eval_policy_job.h"
#include "pipeline/eval_report_json.h"
#include "pipeline/eval_world_model_job.h"
#include "pipeline/pipeline_config.h"
#include "pipeline/policy_actor.h"
#include "pipeline/refine_job.h"
#include "pipeline/run_config.h"
#include "pipeline/superseded_outputs.h"
#include "pipeline/train_policy_job.h"
#include "pipeline/train_reward_job.h"
#include "pipeline/train_world_model_job.h"
#include "sim/task.h"
#include "sim/task_registry.h"

namespace w4rl::pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

class Stages {
 public:
  Stages(fs::path out, const ProgressCallback& progress, const CancelToken& cancel, PipelineReport& report)
      : out_(std::move(out)), progress_(progress), cancel_(cancel), report_(report) {}

  // Runs `work` unless `done` says the stage is complete; records its wall-clock in OUT/stages.jsonl.
  template <typename Work>
  void run(const std::string& name, bool done, Work work) {
    if (done) {
      report_.stagesSkipped.push_back(name);
      return;
    }
    if (cancel_.cancelled()) throw Cancelled();
    const auto start = Clock::now();
    work([this, &name](const ProgressEvent& e) {
      if (progress_) progress_({e.done, e.total, "[" + name + "] " + e.message});
    });
    if (cancel_.cancelled()) throw Cancelled();
    report_.stagesRun.push_back(name);
    std::ofstream log(out_ / "stages.jsonl", std::ios::app);
    log << json{{"stage", name}, {"seconds", std::chrono::duration<double>(Clock::now() - start).count()}}
               .dump()
        << "\n";
  }

 private:
  fs::path out_;
  const ProgressCallback& progress_;
  const CancelToken& cancel_;
  PipelineReport& report_;
};

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

// A stage directory is complete when it holds report.json; an incomplete one is removed and redone,
// except where the stage resumes (world model, refinement).
bool complete(const fs::path& dir) {
  return fs::exists(dir / "report.json");
}
void clearIncomplete(const fs::path& dir) {
  if (fs::exists(dir) && !complete(dir)) fs::remove_all(dir);
}

std::map<data::EpisodeSource, int> episodesBySource(const fs::path& file) {
  std::map<data::EpisodeSource, int> counts;
  if (!fs::exists(file)) return counts;
  for (const auto& e : data::Dataset::open({file}).episodes()) ++counts[e.source];
  return counts;
}

// Collects what `file` still lacks of `wanted` (source -> episodes), appending to it.
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

// The dream stage's request for one task: segments as long as refinement's horizon (so the classifier
// sees dreams as old as those it will judge), then the pipeline's dream.* keys.
DreamRequest dreamRequestFor(const PipelineConfig& config, const fs::path& worldModel,
                             const std::vector<fs::path>& data, const fs::path& out,
                             const std::string& task) {
  DreamRequest d;
  d.worldModel = worldModel;
  d.data = data;
  d.out = out;
  d.task = task;
  learning::RefineSettings refine;
  for (const auto& item : config.refine) {
    const auto eq = item.find('=');
    if (item.compare(0, eq, "horizon") == 0) refine.set("horizon", item.substr(eq + 1));
  }
  d.segment = refine.horizon;
  for (const auto& item : config.dream) {
    const auto eq = item.find('=');
    if (!setDreamOption(d, item.substr(0, eq), item.substr(eq + 1)))
      throw Error("unknown setting dream." + item.substr(0, eq) +
                  " (segment, split, episodes, batch, seed, sampler_steps, device)");
  }
  return d;
}

// The reward audit of an evaluation report: {fired in successes, fired in failures}, -1 for reports
// written before evaluations were audited.
std::pair<int, int> rewardAudit(const json& evaluation) {
  if (!evaluation.contains("reward")) return {-1, -1};
  const auto& r = evaluation.at("reward");
  return {r.at("fired_in_successes").get<int>(), r.at("fired_in_failures").get<int>()};
}

}  // namespace

PipelineReport runPipeline(const PipelineRequest& request, const ProgressCallback& progress,
                           const CancelToken& cancel) {
  if (request.tasks.empty()) throw Error("no tasks given (--tasks)");
  if (request.outDir.empty()) throw Error("no output directory given (--out)");
  for (const auto& t : request.tasks) sim::makeTask(t);  // throws naming an unknown task
  const PipelineConfig config = resolvePipelineConfig(request.configFile, request.overrides);
  const fs::path out = request.outDir;
  fs::create_directories(out / "data");
  fs::create_directories(out / "eval");
  writeTextFileAtomically(out / "config.yaml", config.toText());

  PipelineReport report;
  const auto start = Clock::now();
  Stages stages(out, progress, cancel, report);
  auto expertFile = [&](const std::string& t) { return out / "data" / (t + "_expert.hdf5"); };
  auto rolloutFile = [&](const std::string& t) { return out / "data" / (t + "_rollouts.hdf5"); };
  auto dreamFile = [&](const std::string& t) { return out / "data" / (t + "_dreams.hdf5"); };
  const std::vector<collect::RecipeItem> expertRecipe{{data::EpisodeSource::Expert, config.expertEpisodes}};
  const std::vector<collect::RecipeItem> rolloutRecipe{{data::EpisodeSource::Policy, config.policyEpisodes},
                                                       {data::EpisodeSource::Random, config.randomEpisodes}};

  // 1. Demonstrations, behaviour cloning and BC rollouts, task by task.
  for (const auto& task : request.tasks) {
    stages.run("experts " + task, hasAll(expertFile(task), expertRecipe), [&](const ProgressCallback& p) {
      collectMissing(expertFile(task), task, expertRecipe, config.expertSeed(), nullptr, p, cancel);
    });
    const auto bcDir = out / "bc" / task;
    stages.run("bc " + task, complete(bcDir), [&](const ProgressCallback& p) {
      clearIncomplete(bcDir);
      TrainPolicyRequest r;
      r.data = {expertFile(task)};
      r.task = task;
      r.runDir = bcDir;
      r.overrides = config.bc;
      const auto rep = trainPolicy(r, p, cancel);
      if (rep.cancelled) throw Cancelled();
      writeJson(bcDir / "report.json", {{"steps", rep.steps},
                                        {"valid_nll", rep.validNll},
                                        {"valid_action_mse", rep.validActionMse},
                                        {"seconds", rep.seconds}});
    });
    stages.run("rollouts " + task, hasAll(rolloutFile(task), rolloutRecipe), [&](const ProgressCallback& p) {
      auto runner = std::make_shared<PolicyRunner>(bcDir / "policy.pt", "auto", ActionMode::Sample);
      collectMissing(rolloutFile(task), task, rolloutRecipe, config.rolloutSeed(),
                     std::make_shared<PolicyActor>(runner), p, cancel);
    });
  }

  // 2. One world model on every task's data.
  const auto wmDir = out / "world_model";
  // Done once trained to world_model.steps: raising it trains the finished model further, after moving
  // what was derived from the old one aside (superseded_outputs.h) so that it is redone.
  const auto wmTarget = resolveRunConfig(config.preset, {}, config.worldModel, cudaAvailable()).train.steps;
  const std::int64_t wmStepsBefore =
      complete(wmDir) ? readJson(wmDir / "report.json").at("steps").get<std::int64_t>() : -1;
  stages.run("world model", wmStepsBefore >= wmTarget, [&](const ProgressCallback& p) {
    if (wmStepsBefore >= 0) supersedeWorldModelOutputs(out, wmStepsBefore);
    TrainWorldModelRequest r;
    for (const auto& task : request.tasks) {
      r.data.push_back(expertFile(task));
      r.data.push_back(rolloutFile(task));
    }
    r.runDir = wmDir;
    r.preset = config.preset;
    r.overrides = config.worldModel;
    r.resume = fs::exists(wmDir / "last.pt");
    const auto rep = trainWorldModel(r, p, cancel);
    if (rep.cancelled) throw Cancelled();
    writeJson(wmDir / "report.json", {{"steps", rep.steps},
                                      {"best_valid_loss", rep.bestValidLoss},
                                      {"seconds", rep.seconds},
                                      {"device", rep.device}});
  });

  // 3. Per task: world-model check, reward classifier, BC evaluation, refinement, refined evaluation.
  std::vector<ActionCheck> actionChecks;
  for (const auto& task : request.tasks) {
    const auto rewardDir = out / "reward" / task, refineDir = out / "refine" / task;
    const std::vector<fs::path> taskData{expertFile(task), rolloutFile(task)};
    // Does the world model follow its actions on this task? (eval-world-model's true vs shuffled actions
    // on held-out rollouts.) Listed under the results table, with a warning when it barely does.
    const auto checkFile = wmDir / ("action_check_" + task + ".json");
    stages.run("world model check " + task, fs::exists(checkFile), [&](const ProgressCallback& p) {
      EvalWorldModelRequest e;
      e.checkpoint = wmDir / "best.pt";
      e.data = {rolloutFile(task)};
      e.episodes = 20;
      e.horizon = 10;
      const auto rep = evalWorldModel(e, p, cancel);
      ActionCheck c{task, rep.episodes, rep.horizon, rep.mean.psnr, rep.mean.shuffledPsnr, rep.mean.copyPsnr};
      writeJson(checkFile, {{"task", task},
                            {"episodes", c.episodes},
                            {"horizon", c.horizon},
                            {"true_actions_psnr", c.truePsnr},
                            {"shuffled_actions_psnr", c.shuffledPsnr},
                            {"copy_last_frame_psnr", c.copyPsnr},
                            {"gap_db", c.gap()}});
    });
    const auto check = readJson(checkFile);
    actionChecks.push_back({task, check.at("episodes").get<int>(), check.at("horizon").get<int>(),
                            check.at("true_actions_psnr").get<double>(),
                            check.at("shuffled_actions_psnr").get<double>(),
                            check.at("copy_last_frame_psnr").get<double>()});
    if (config.rewardDreams) {
      stages.run("dream " + task, fs::exists(dreamFile(task)), [&](const ProgressCallback& p) {
        dreamEpisodes(dreamRequestFor(config, wmDir / "best.pt", taskData, dreamFile(task), task), p, cancel);
      });
    }
    if (complete(rewardDir)) {
      // A finished classifier is only reused as it was asked for; retraining it silently would leave the
      // evaluations and refinement that used the old one standing.
      const bool hadDreams = readJson(rewardDir / "report.json").value("dreams", false);
      if (hadDreams != config.rewardDreams)
        throw Error(rewardDir.string() + " was trained " + (hadDreams ? "with" : "without") +
                    " dreams but reward_dreams is " + (config.rewardDreams ? "true" : "false") +
                    "; set it back, or move reward/" + task + ", refine/" + task + " and eval/" + task +
                    "_*.json aside to redo them");
    }
    stages.run("reward " + task, complete(rewardDir), [&](const ProgressCallback& p) {
      clearIncomplete(rewardDir);
      TrainRewardRequest r;
      r.data = taskData;
      if (config.rewardDreams) r.data.push_back(dreamFile(task));
      r.task = task;
      r.runDir = rewardDir;
      r.overrides = config.reward;
      const auto rep = trainReward(r, p, cancel);
      if (rep.cancelled) throw Cancelled();
      writeJson(rewardDir / "report.json", {{"threshold", rep.threshold},
                                            {"valid_accuracy", rep.validAccuracy},
                                            {"valid_balanced_accuracy", rep.validBalancedAccuracy},
                                            {"valid_auc", rep.validAuc},
                                            {"dreams", config.rewardDreams},
                                            {"seconds", rep.seconds}});
    });
    auto evaluate = [&](const fs::path& policy, const fs::path& reportFile, const std::string& name) {
      stages.run(name, fs::exists(reportFile), [&](const ProgressCallback& p) {
        EvalPolicyRequest e;
        e.checkpoint = policy;
        e.task = task;
        e.episodes = config.evalEpisodes;
        e.seed = config.evalSeed;
        e.excludeData = taskData;
        e.reward = rewardDir / "reward.pt";  // audited on the same episodes: is the reward fooled?
        const auto rep = evalPolicy(e, p, cancel);
        if (rep.cancelled) throw Cancelled();
        writeJson(reportFile, evalReportJson(rep, policy, e.seed));
      });
    };
    evaluate(out / "bc" / task / "policy.pt", out / "eval" / (task + "_bc.json"), "evaluate bc " + task);
    stages.run("refine " + task, complete(refineDir), [&](const ProgressCallback& p) {
      RefineRequest r;
      r.policy = out / "bc" / task / "policy.pt";
      r.worldModel = wmDir / "best.pt";
      r.reward = rewardDir / "reward.pt";
      r.data = taskData;
      r.task = task;
      r.runDir = refineDir;
      r.overrides = config.refine;
      r.resume = fs::exists(refineDir / "last.pt");
      const auto rep = refinePolicy(r, p, cancel);
      if (rep.cancelled) throw Cancelled();
      writeJson(refineDir / "report.json", {{"iterations", rep.iterations},
                                            {"imagined_success_first", rep.firstImaginedSuccessRate},
                                            {"imagined_success_last", rep.lastImaginedSuccessRate},
                                            {"real_success_first", rep.firstRealSuccessRate},
                                            {"real_success_last", rep.lastRealSuccessRate},
                                            {"seconds", rep.seconds}});
    });
    evaluate(refineDir / "policy.pt", out / "eval" / (task + "_refined.json"), "evaluate refined " + task);

    const auto bc = readJson(out / "eval" / (task + "_bc.json"));
    const auto refined = readJson(out / "eval" / (task + "_refined.json"));
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
    std::tie(row.bcRewardInSuccesses, row.bcRewardInFailures) = rewardAudit(bc);
    std::tie(row.refinedRewardInSuccesses, row.refinedRewardInFailures) = rewardAudit(refined);
    if (bc.contains("per_episode") && refined.contains("per_episode")) {  // not in reports of older versions
      const auto paired =
          compareEvalReports(bc, "eval/" + task + "_bc.json", refined, "eval/" + task + "_refined.json");
      row.seedsGained = paired.outcomes.gained;
      row.seedsLost = paired.outcomes.lost;
    }
    report.results.push_back(row);
  }
  report.markdown = resultsMarkdown(report.results, config.evalSeed, actionChecks);
  writeTextFileAtomically(out / "results.md", report.markdown);
  writeTextFileAtomically(out / "results.csv", resultsCsv(report.results));
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace w4rl::pipeline
