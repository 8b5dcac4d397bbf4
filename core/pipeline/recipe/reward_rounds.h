#pragma once
// Reward correction rounds (pipeline key reward_rounds). PPO in the dream finds the states its success
// classifier wrongly rewards: a refined handle-pull policy learnt to hover the gripper high above the box,
// and the classifier fired in 49 of its 50 failed real episodes. Those episodes are exactly the negatives
// the classifier lacked. Each round k records hard_negative_episodes real episodes of round k-1's refined
// policy (labelled by the simulator, like every rollout; they cost real-environment episodes, as the BC
// rollouts do), dreams them too when reward_dreams is on (the exploit also has to be recognised in the
// dream, where it is rewarded), retrains the classifier with every round's episodes added, and refines the
// BC policy again with it:
//   OUT/rounds/<task>/round<k>/refined_episodes.hdf5  real episodes of round k-1's refined policy
//   OUT/rounds/<task>/round<k>/refined_dreams.hdf5    their dreams (reward_dreams)
//   OUT/rounds/<task>/round<k>/reward/                the classifier
//   OUT/rounds/<task>/round<k>/eval_bc.json           BC on the held-out seeds, auditing that classifier
//   OUT/rounds/<task>/round<k>/refine/                BC refined again
//   OUT/rounds/<task>/round<k>/eval_refined.json      the refined policy on the same held-out seeds
//                                                     (eval_refined_best.json with refined_policy: best)
// Round 0 is the pipeline's own reward/, refine/ and eval/. Everything under rounds/ derives from the world
// model, and is superseded with it.
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/recipe/pipeline_config.h"
#include "pipeline/recipe/pipeline_stages.h"
#include "pipeline/recipe/results_table.h"

namespace w4rl::pipeline {

struct RoundInputs {
  std::string task;
  const PipelineConfig& config;
  std::filesystem::path worldModel;
  std::vector<std::filesystem::path> taskData;  // the task's expert and rollout files
  std::filesystem::path dreams;                 // the task's dreams (reward_dreams), else empty
  std::filesystem::path dir;                    // OUT/rounds/<task>
  std::filesystem::path bcPolicy;               // what every round refines
  std::filesystem::path round0Policy;           // the pipeline's refined policy
};

// Runs rounds 1..config.rewardRounds, each stage skipped when complete; returns their results rows in
// order (round and hardNegativeEpisodes set).
std::vector<TaskResult> runRewardRounds(stages::Stages& stages, const RoundInputs& in);

}  // namespace w4rl::pipeline
