#pragma once
// Trains the success classifier that serves as refinement's reward: BCE on single frames with balanced
// batches (half success frames, half not; successes are rare in the data), random-shift augmentation.
// At the end the decision threshold is calibrated on the held-out episodes and stored in RUN_DIR/reward.pt
// with the held-out accuracy and ROC AUC; metrics in RUN_DIR/metrics.jsonl. An episode counts as a
// success when any of its frames crosses the threshold (the rule of the dream and of refinement), so the
// threshold maximises balanced accuracy on episodes (episodeThreshold): one calibrated on frames alone
// lets a rare false frame in each of 50 steps turn most failed episodes into successes. Without held-out
// episodes of both kinds it falls back to the frames' balanced-accuracy threshold.
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
  double threshold = 0.5;               // stored with the classifier
  double frameThreshold = 0.5;          // the frames' balanced-accuracy threshold, for comparison
  double validAccuracy = -1.0;          // frames, at the threshold; -1 without held-out data of both classes
  double validBalancedAccuracy = -1.0;  // frames, (TPR + TNR) / 2 at the frame threshold
  double validEpisodeBalancedAccuracy = -1.0;  // episodes, at the threshold
  std::int64_t validSuccessEpisodes = 0, validFailedEpisodes = 0;
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
