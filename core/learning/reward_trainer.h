#pragma once
// Trains the success classifier that serves as refinement's reward: BCE on single frames with balanced
// batches (half success frames, half not; successes are rare in the data), random-shift augmentation.
// At the end the decision threshold is calibrated on the held-out frames (maximum balanced accuracy)
// and stored in RUN_DIR/reward.pt with the held-out accuracy and ROC AUC; metrics in RUN_DIR/metrics.jsonl.
#include <filesystem>
#include <functional>
#include <string>

#include "common/cancel.h"
#include "learning/bc_trainer.h"
#include "learning/demo_set.h"
#include "learning/success_classifier.h"
#include "learning/train_settings.h"

namespace w4rl::learning {

TrainSettings defaultRewardSettings();

struct RewardResult {
  std::int64_t steps = 0;
  double threshold = 0.5;
  double validAccuracy = -1.0;          // at the threshold; -1 without held-out data of both classes
  double validBalancedAccuracy = -1.0;  // (TPR + TNR) / 2
  double validAuc = -1.0;
  std::int64_t trainPositives = 0, trainNegatives = 0, validPositives = 0, validNegatives = 0;
  double seconds = 0.0;
  bool cancelled = false;
  std::string device;
};

// Uses train.labels and valid.labels (stacks of one frame). A run directory holding reward.pt is refused.
RewardResult trainSuccessClassifier(const RewardConfig& config, const TrainSettings& settings,
                                    const std::filesystem::path& runDir, const DemoSet& train,
                                    const DemoSet& valid,
                                    const std::function<void(const SupervisedProgress&)>& progress,
                                    const CancelToken& cancel);

}  // namespace w4rl::learning
