#pragma once
// Trains the success classifier of one task on every episode of that task (expert, policy and random
// rollouts; labels from the simulator's success predicate stored as rewards): `world4rl train-reward`.
// Torch-free interface. RUN_DIR/reward.pt, RUN_DIR/metrics.jsonl, RUN_DIR/config.yaml.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

struct TrainRewardRequest {
  std::vector<std::filesystem::path> data;
  std::string task;
  std::filesystem::path runDir;
  std::filesystem::path configFile;  // optional: classifier keys (channels, hidden) and training keys
  std::vector<std::string> overrides;
  std::string imageKey = "agentview_image";
  bool flipImages = false;
};

struct TrainRewardReport {
  std::int64_t steps = 0;
  std::int64_t trainPositives = 0, trainNegatives = 0, validPositives = 0, validNegatives = 0;
  double threshold = 0.5, frameThreshold = 0.5;
  double validAccuracy = -1.0, validBalancedAccuracy = -1.0, validAuc = -1.0;
  double validEpisodeBalancedAccuracy = -1.0;
  std::int64_t validSuccessEpisodes = 0, validFailedEpisodes = 0;
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
};

TrainRewardReport trainReward(const TrainRewardRequest& request, const ProgressCallback& progress,
                              const CancelToken& cancel);
// Reads and checks the settings alone (no data), as trainReward does first: throws w4rl::Error naming an
// unknown key or a bad value. The pipeline calls it before its first stage.
void checkRewardTrainingSettings(const std::filesystem::path& configFile,
                                 const std::vector<std::string>& overrides);

}  // namespace w4rl::pipeline
