#pragma once
// Behaviour cloning of the Gaussian image policy on the expert episodes of one task: the job behind
// `world4rl train-policy` and the studio's Runs panel. Torch-free interface.
// RUN_DIR/policy.pt, RUN_DIR/metrics.jsonl, RUN_DIR/config.yaml.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

struct TrainPolicyRequest {
  std::vector<std::filesystem::path> data;
  std::string task;
  std::filesystem::path runDir;
  std::filesystem::path configFile;    // optional: policy keys (channels, hidden, frame_stack, ...) and
  std::vector<std::string> overrides;  // training keys (steps, batch_size, lr, augment_shift, ...)
  std::string sources = "expert";      // comma-separated episode sources to imitate
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
// Reads and checks the settings alone (no data), as trainPolicy does first: throws w4rl::Error naming an
// unknown key or a bad value. The pipeline calls it before its first stage.
void checkPolicyTrainingSettings(const std::filesystem::path& configFile,
                                 const std::vector<std::string>& overrides);

}  // namespace w4rl::pipeline
