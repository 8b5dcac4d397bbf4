#pragma once
// Behaviour cloning of the Gaussian image policy on demonstration steps (the mean by least squares, the
// log-std by likelihood around it), with random-shift augmentation (few demonstrations, images). Writes
// RUN_DIR/policy.pt (the checkpoint whose mean has the lowest held-out action MSE; the last one when there
// is no held-out data) and RUN_DIR/metrics.jsonl (train/nll, train/action_mse, valid/nll, valid/action_mse).
#include <filesystem>
#include <functional>
#include <string>

#include "common/cancel.h"
#include "learning/demo_set.h"
#include "learning/gaussian_policy.h"
#include "learning/train_settings.h"

namespace w4rl::learning {

// Settings suited to behaviour cloning (TrainSettings' defaults are the world model's).
TrainSettings defaultBcSettings();

struct SupervisedProgress {
  std::int64_t step = 0, totalSteps = 0;
  double trainLoss = 0.0;   // mean over the last log interval
  double validLoss = -1.0;  // latest held-out loss, -1 before the first
};

struct BcResult {
  std::int64_t steps = 0;
  double bestValidNll = 0.0;     // at the kept checkpoint; meaningful when validActionMse >= 0
  double validActionMse = -1.0;  // at the best checkpoint
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
  std::int64_t parameters = 0;
};

// A run directory that already holds policy.pt is refused. Cancelling keeps the best checkpoint so far.
BcResult trainBehaviourCloning(const PolicyConfig& config, const TrainSettings& settings,
                               const std::filesystem::path& runDir, const DemoSet& train,
                               const DemoSet& valid,
                               const std::function<void(const SupervisedProgress&)>& progress,
                               const CancelToken& cancel);

}  // namespace w4rl::learning
