#pragma once
// `world4rl pipeline`: the paper's recipe end to end, for several tasks into one directory.
//   OUT/data/<task>_expert.hdf5      expert demonstrations (expert_episodes)
//   OUT/bc/<task>/                   behaviour-cloned policy
//   OUT/data/<task>_rollouts.hdf5    BC-policy rollouts (policy_episodes) + random actions (random_episodes)
//                                    + perturbed expert episodes (noisy_episodes)
//   OUT/world_model/                 one multi-task world model on every data file
//   OUT/reward/<task>/               success classifier
//   OUT/refine/<task>/               PPO refinement in the frozen world model
//   OUT/eval/<task>_{bc,refined}.json  real success over eval_episodes held-out seeds
//   OUT/rounds/<task>/round<k>/      reward correction rounds (reward_rounds, see reward_rounds.h)
//   OUT/results.md, OUT/results.csv  BC vs refined per task and on average
// Every stage is skipped when its output is complete (a stage directory is complete once its
// report.json exists; data files once they hold the recipe's episodes), resumed where it can be
// (collection appends, world-model training and refinement continue from last.pt) and redone otherwise,
// so an interrupted pipeline run continues with the same command. A larger world_model.steps trains a
// finished world model further and redoes its dependents (OUT/superseded/, see superseded_outputs.h).
// Torch-free interface.
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "pipeline/recipe/results_table.h"

namespace w4rl::pipeline {

struct PipelineRequest {
  std::vector<std::string> tasks;
  std::filesystem::path outDir;
  std::filesystem::path configFile;
  std::vector<std::string> overrides;
};

struct PipelineReport {
  std::vector<TaskResult> results;  // per task; with reward_rounds, its last round's
  std::vector<TaskResult> rounds;   // with reward_rounds: every round of every task, round 0 first
  std::vector<std::string> stagesRun, stagesSkipped;
  std::string markdown;
  double seconds = 0.0;
  bool cancelled = false;
};

// Progress messages start with the stage ("[bc pick-place] nll -3.2 ..."); done/total are the stage's.
PipelineReport runPipeline(const PipelineRequest& request, const ProgressCallback& progress,
                           const CancelToken& cancel);

}  // namespace w4rl::pipeline
