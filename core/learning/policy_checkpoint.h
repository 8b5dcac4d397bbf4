#pragma once
// Policy and reward-classifier checkpoints (kinds "policy" and "reward"), on the generic checkpoint
// format. A policy checkpoint written by refinement also holds the critic and both optimisers, so a run
// resumes where it stopped; any policy checkpoint can be evaluated or refined.
#include <filesystem>

#include "learning/checkpoint.h"
#include "learning/gaussian_policy.h"
#include "learning/success_classifier.h"

namespace w4rl::learning {

struct PolicyCheckpoint {
  GaussianPolicy policy{nullptr};
  ValueNetwork critic{nullptr};  // null unless `critic` was saved
  torch::optim::Optimizer* policyOptimizer = nullptr;
  torch::optim::Optimizer* criticOptimizer = nullptr;
  CheckpointInfo info;  // step, bestValidLoss, trainText; kind and config are filled in
};
void savePolicy(const std::filesystem::path& file, const PolicyCheckpoint& checkpoint);

struct LoadedPolicy {
  GaussianPolicy policy{nullptr};
  ValueNetwork critic{nullptr};  // null when the checkpoint holds none
  CheckpointInfo info;
};
// Throws w4rl::Error for a foreign, truncated or other-kind file.
LoadedPolicy loadPolicy(const std::filesystem::path& file, const torch::Device& device);
// Restores "policy_optimizer" / "critic_optimizer" if the file holds them; returns false otherwise.
bool loadPolicyOptimizers(const std::filesystem::path& file, const torch::Device& device,
                          torch::optim::Optimizer& policyOptimizer, torch::optim::Optimizer& criticOptimizer);

void saveReward(const std::filesystem::path& file, SuccessClassifier& classifier, const CheckpointInfo& info);
struct LoadedReward {
  SuccessClassifier classifier{nullptr};
  CheckpointInfo info;
};
LoadedReward loadReward(const std::filesystem::path& file, const torch::Device& device);

}  // namespace w4rl::learning
