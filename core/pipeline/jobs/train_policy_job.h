#pragma once
// Behaviour cloning of the Gaussian image policy on the expert episodes of one task: the job behind
// `world4rl train-policy` and the studio's Runs panel. Torch-free interface.
// RUN_DIR/policy.pt, RUN_DIR/metrics.jsonl, RUN_DIR/config.yaml.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"
#include "learning/policy_config.h"
#include "learning/train_settings.h"

namespace w4rl::pipeline {

// Behaviour cloning's settings: the policy's keys (channels, hidden, frame_stack, ...) and the training
// keys (steps, batch_size, lr, augment_shift, ...), given in one config. The task and the action dimension
// are the data's, set when training.
struct PolicyTraining {
  PolicyTraining();  // behaviour cloning's training defaults (learning/bc_trainer.h)
  learning::PolicyConfig config;
  learning::TrainSettings settings;

  // A training key, else a policy key; throws w4rl::Error naming an unknown key or a bad value.
  void set(const std::string& key, const std::string& value);
  // Both checked as far as they can be without data; throws w4rl::Error naming the key.
  void check() const;
};

// The keys of a config file, then key=value overrides, checked as far as they can be without data: throws
// w4rl::Error naming the file or override and the key.
PolicyTraining resolvePolicyTraining(const std::filesystem::path& configFile,
                                     const std::vector<std::string>& overrides);

struct TrainPolicyRequest {
  std::vector<std::filesystem::path> data;
  std::string task;
  std::filesystem::path runDir;
  PolicyTraining training;
  std::string sources = "expert";  // comma-separated episode sources to imitate
  std::string imageKey = "agentview_image";
  bool flipImages = false;
};

struct TrainPolicyReport {
  std::int64_t steps = 0;
  std::int64_t trainSamples = 0, validSamples = 0;
  int trainEpisodes = 0, validEpisodes = 0;
  double validNll = 0.0;
  double validActionMse = -1.0;  // -1 without held-out episodes
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
  std::int64_t parameters = 0;
};

TrainPolicyReport trainPolicy(const TrainPolicyRequest& request, const ProgressCallback& progress,
                              const CancelToken& cancel);

}  // namespace w4rl::pipeline
