#pragma once
// Trains a world model from datasets into a run directory: the job behind `world4rl train-world-model`
// and the studio's Runs panel. Torch-free interface: plain data in, plain data out, progress through a
// callback, cancellation through a token.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "common/launch_env.h"

namespace w4rl::pipeline {

struct TrainWorldModelRequest {
  std::vector<std::filesystem::path> data;
  std::filesystem::path runDir;
  std::filesystem::path configFile;    // optional YAML ("key: value" lines)
  std::vector<std::string> overrides;  // key=value, applied after the file
  std::string preset = "auto";         // cpu | gpu | auto
  bool resume = false;
  // A world-model checkpoint whose weights (not optimiser or step) start a fresh run: a long training
  // continued from a weights-only file, or a shipped model fine-tuned on one's own data. Its model config
  // is the run's; the data must have its tasks, in its order.
  std::filesystem::path initFrom;
  std::string imageKey = "agentview_image";
  bool flipImages = false;
  std::int64_t memoryBudgetBytes = std::int64_t{8} << 30;
  // This process's place in a data-parallel training (launchEnvFromVariables); alone by default. Rank 0
  // writes the run directory, the other ranks only train.
  LaunchEnv launch;
};

struct TrainWorldModelReport {
  std::int64_t steps = 0;
  double bestValidLoss = -1;
  double lastValidLoss = -1;
  double seconds = 0;
  bool cancelled = false;
  std::string device;
  std::int64_t parameters = 0;
  std::int64_t trainTransitions = 0;
  std::int64_t validTransitions = 0;
  std::vector<std::string> tasks;
};

// Progress messages read like "loss 0.0412 valid 0.0398 118 samples/s".
TrainWorldModelReport trainWorldModel(const TrainWorldModelRequest& request, const ProgressCallback& progress,
                                      const CancelToken& cancel);

}  // namespace w4rl::pipeline
