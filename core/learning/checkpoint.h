#pragma once
// Self-describing checkpoints: weights, optimiser state, step and the full model config (with the action
// encoding and the dataset facts), so a checkpoint loads without its config file or dataset. Written to
// a temporary file and renamed, so a crash never leaves a half-written checkpoint.
#include <torch/nn.h>
#include <torch/optim.h>

#include <filesystem>
#include <string>

#include "learning/world_model.h"

namespace w4rl::learning {

constexpr const char* kWorldModelKind = "world_model";

struct CheckpointInfo {
  std::string kind;  // "world_model", later "policy", "reward"
  std::int64_t step = 0;
  double bestValidLoss = 0.0;
  std::string configText;  // the model config ("key: value" lines)
  std::string trainText;   // the training settings, for the record
};

// Reads only the header fields; throws w4rl::Error naming the file if it is not a World4RL checkpoint.
CheckpointInfo readCheckpointInfo(const std::filesystem::path& file);

void saveWorldModel(const std::filesystem::path& file, WorldModel& model, torch::optim::Optimizer* optimizer,
                    const CheckpointInfo& info);

struct LoadedWorldModel {
  WorldModel model{nullptr};
  CheckpointInfo info;
};
// Loads onto `device`. Throws w4rl::Error for a foreign, truncated or other-kind file.
LoadedWorldModel loadWorldModel(const std::filesystem::path& file, const torch::Device& device);
// Restores the optimiser state saved with the checkpoint into `optimizer`, which must have been built
// over the loaded model's parameters.
void loadOptimizerState(const std::filesystem::path& file, torch::optim::Optimizer& optimizer,
                        const torch::Device& device);

}  // namespace w4rl::learning
