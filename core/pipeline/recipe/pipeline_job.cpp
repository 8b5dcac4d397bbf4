#include "pipeline/recipe/pipeline_job.h"

#include <chrono>
#include <memory>

#include "collect/collector.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "data/dataset.h"
#include "pipeline/jobs/dream_job.h"
#include "pipeline/jobs/eval_world_model_job.h"
#include "pipeline/jobs/run_config.h"
#include "pipeline/jobs/run_record.h"
#include "pipeline/jobs/train_policy_job.h"
#include "pipeline/jobs/train_world_model_job.h"
#include "pipeline/recipe/pipeline_config.h"
#include "pipeline/recipe/pipeline_stages.h"
#include "pipeline/recipe/reward_rounds.h"
#include "pipeline/recipe/superseded_outputs.h"
#include "pipeline/services/compute_device.h"
#include "pipeline/services/policy_actor.h"
#include "sim/task.h"
#include "sim/task_registry.h"

namespace w4rl::pipeline {

namespace fs = std::filesystem;
using namespace stages;  // the stage runner and the stages' work (pipeline_stages.h)

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
  writeRunRecord(out, "pipeline", {{"tasks", request.tasks}});

  PipelineReport report;
  const auto start = std::chrono::steady_clock::now();
  Stages stages(out, progress, cancel, report);
  auto expertFile = [&](const std::string& t) { return out / "data" / (t + "_expert.hdf5"); };
  auto rolloutFile = [&](const std::string& t) { return out / "data" / (t + "_rollouts.hdf5"); };
  auto dreamFile = [&](const std::string& t) { return out / "data" / (t + "_dreams.hdf5"); };
  const std::vector<collect::RecipeItem> expertRecipe{{data::EpisodeSource::Expert, config.expertEpisodes}};
  // Noisy episodes come last: a rollouts file collected without them keeps its episodes and gains them.
  const std::vector<collect::RecipeItem> rolloutRecipe{{data::EpisodeSource::Policy, config.policyEpisodes},
                                                       {data::EpisodeSource::Random, config.randomEpisodes},
                                                       {data::EpisodeSource::Noisy, config.noisyEpisodes}};

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
      r.training = config.bc;
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
    if (!r.resume) r.initFrom = config.worldModelInitFrom;
    const auto rep = trainWorldModel(r, p, cancel);
    if (rep.cancelled) throw Cancelled();
    writeJson(wmDir / "report.json", {{"steps", rep.steps},
                                      {"best_valid_loss", rep.bestValidLoss},
                                      {"seconds", rep.seconds},
                                      {"device", rep.device}});
  });

  // 3. Per task: world-model check, reward classifier, BC evaluation, the dream against the simulator,
  // refinement, refined evaluation.
  std::vector<ActionCheck> actionChecks;
  std::vector<DreamTruthRow> dreamRows;
  for (const auto& task : request.tasks) {
    const auto rewardDir = out / "reward" / task;
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
    const RewardRecipe recipe{config.rewardDreams, 0};
    if (complete(rewardDir))
      checkRewardRecipe(rewardDir, recipe,
                        "reward/" + task + ", refine/" + task + " and eval/" + task + "_*.json");
    stages.run("reward " + task, complete(rewardDir), [&](const ProgressCallback& p) {
      auto data = taskData;
      if (config.rewardDreams) data.push_back(dreamFile(task));
      trainRewardInto(rewardDir, data, task, config, recipe, p, cancel);
    });
    const auto bcPolicy = out / "bc" / task / "policy.pt";
    const auto bcEval = out / "eval" / (task + "_bc.json");
    stages.run("evaluate bc " + task, fs::exists(bcEval), [&](const ProgressCallback& p) {
      evaluateInto(bcPolicy, bcEval, rewardDir / "reward.pt", task, taskData, config, p, cancel);
    });
    // Does the dream show the BC policy's real outcomes, and does it reward random actions that fail?
    const auto dreamBc = out / "eval" / (task + "_dream_bc.json"),
               dreamRandom = out / "eval" / (task + "_dream_random.json");
    stages.run("dream truth bc " + task, fs::exists(dreamBc), [&](const ProgressCallback& p) {
      dreamTruthInto(bcPolicy, wmDir / "best.pt", rewardDir / "reward.pt", task, dreamBc, config, p, cancel);
    });
    stages.run("dream truth random " + task, fs::exists(dreamRandom), [&](const ProgressCallback& p) {
      dreamTruthInto({}, wmDir / "best.pt", rewardDir / "reward.pt", task, dreamRandom, config, p, cancel);
    });
    dreamRows.push_back({task, "BC", dreamAgreementOf(readJson(dreamBc), dreamBc.string())});
    dreamRows.push_back({task, "random", dreamAgreementOf(readJson(dreamRandom), dreamRandom.string())});
    // One refinement per PPO seed (refine_seeds), or one with refine.seed.
    for (const auto& run : refinementRuns(out, task, config)) {
      const auto refinedEval = refinedEvalFile(out / "eval", run.stem + "_refined", config),
                 dreamRefined = refinedEvalFile(out / "eval", run.stem + "_dream_refined", config);
      stages.run("refine " + run.label, complete(run.dir), [&](const ProgressCallback& p) {
        refineInto(bcPolicy, wmDir / "best.pt", rewardDir / "reward.pt", taskData, task, run.dir, run.config,
                   p, cancel);
        fs::remove(dreamRefined);  // of the policy this refinement replaces
      });
      stages.run("evaluate refined " + run.label, fs::exists(refinedEval), [&](const ProgressCallback& p) {
        evaluateInto(refinedPolicyFile(run.dir, config), refinedEval, rewardDir / "reward.pt", task, taskData,
                     config, p, cancel);
      });
      stages.run("dream truth refined " + run.label, fs::exists(dreamRefined),
                 [&](const ProgressCallback& p) {
                   dreamTruthInto(refinedPolicyFile(run.dir, config), wmDir / "best.pt",
                                  rewardDir / "reward.pt", task, dreamRefined, config, p, cancel);
                 });
      dreamRows.push_back(
          {task, run.ppoSeed < 0 ? "refined" : "refined (PPO seed " + std::to_string(run.ppoSeed) + ")",
           dreamAgreementOf(readJson(dreamRefined), dreamRefined.string())});
      TaskResult row = taskResult(task, bcEval, refinedEval, run.dir, config);
      row.ppoSeed = run.ppoSeed;
      if (config.rewardRounds > 0) {  // never with refine_seeds (checked with the config)
        RoundInputs in{task,
                       config,
                       wmDir / "best.pt",
                       taskData,
                       config.rewardDreams ? dreamFile(task) : fs::path(),
                       out / "rounds" / task,
                       bcPolicy,
                       run.dir / "policy.pt"};
        auto rounds = runRewardRounds(stages, in);
        rounds.insert(rounds.begin(), row);
        row = rounds.back();  // the table shows the last round; every round is listed below it
        report.rounds.insert(report.rounds.end(), rounds.begin(), rounds.end());
      }
      report.results.push_back(row);
    }
  }
  report.markdown = resultsMarkdown(report.results, config.evalSeed, actionChecks, report.rounds) +
                    dreamTruthText(dreamRows);
  writeTextFileAtomically(out / "results.md", report.markdown);
  writeTextFileAtomically(out / "results.csv", resultsCsv(report.results));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace w4rl::pipeline
