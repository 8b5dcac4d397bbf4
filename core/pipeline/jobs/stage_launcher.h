#pragma once
// Any stage of World4RL started from one form (the studio's Runs panel): the same jobs, the same run
// directories and the same settings keys as the command line. Torch-free interface.
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

enum class Stage {
  Collect,
  TrainWorldModel,
  Dream,
  TrainPolicy,
  TrainReward,
  Refine,
  EvaluatePolicy,
  Pipeline
};

struct StageForm {
  Stage stage = Stage::Pipeline;
  std::vector<std::string> data;  // datasets (training stages, refine) or, for collect, unused
  std::string task;  // collect, train-policy, train-reward, refine, evaluate; pipeline: T1,T2,...
  std::string out;   // run directory; collect, dream: the dataset file
  // refine (policy, world model, reward); evaluate (policy, and optionally a reward to audit); dream
  // (world model)
  std::string policy, worldModel, reward;
  std::string recipe = "expert:50,noisy:150,random:30";  // collect
  int episodes = 50;                                     // evaluate
  std::vector<std::string> overrides;                    // key=value settings (dream: its options)
  bool resume = false;                                   // world model, refine
};

std::vector<Stage> allStages();
std::string stageName(Stage stage);  // the CLI command: "collect", "train-world-model", ...

// Runs the stage; returns a short summary of what it did (the CLI's closing lines). Throws w4rl::Error
// for bad input, naming the field or file; throws w4rl::Cancelled when cancelled.
std::string runStage(const StageForm& form, const ProgressCallback& progress, const CancelToken& cancel);

}  // namespace w4rl::pipeline
