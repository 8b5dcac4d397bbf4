#pragma once
// Trains the success classifier of one task on every episode of that task (expert, policy and random
// rollouts; labels from the simulator's success predicate stored as rewards): `world4rl train-reward`.
// Torch-free interface. RUN_DIR/reward.pt, RUN_DIR/metrics.jsonl, RUN_DIR/config.yaml.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "learning/reward_config.h"
#include "learning/train_settings.h"

namespace w4rl::pipeline {

// The success classifier's settings: its keys (channels, hidden) and the training keys, given in one
// config. The task is the data's, set when training.
struct RewardTraining {
  RewardTraining();  // the classifier's training defaults (learning/reward_trainer.h)
  learning::RewardConfig config;
  learning::TrainSettings settings;

  // A training key, else a classifier key; throws w4rl::Error naming an unknown key or a bad value.
  void set(const std::string& key, const std::string& value);
  // Both checked; throws w4rl::Error naming the key.
  void check() const;
};

// The keys of a config file, then key=value overrides, checked: throws w4rl::Error naming the file or
// override and the key.
RewardTraining resolveRewardTraining(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides);

struct TrainRewardRequest {
  std::vector<std::filesystem::path> data;
  std::string task;
  std::filesystem::path runDir;
  RewardTraining training;
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

}  // namespace w4rl::pipeline
