#pragma once
// The reward of refinement: a binary success classifier on single frames. It outputs a logit; the
// reward is 1 when sigmoid(logit) crosses `threshold`, calibrated on held-out frames at training time and
// stored with the weights, so the reward a checkpoint gives is fully defined by the checkpoint.
#include <torch/nn.h>

#include <map>
#include <string>
#include <vector>

#include "learning/image_encoder.h"
#include "learning/reward_config.h"
#include "learning/setting_table.h"

namespace w4rl::learning {

class SuccessClassifierImpl : public torch::nn::Module {
 public:
  explicit SuccessClassifierImpl(const RewardConfig& config);
  // frames: uint8 (B, H, W, 3) -> logits (B).
  torch::Tensor forward(const torch::Tensor& frames);
  // Probabilities (B) without autograd.
  torch::Tensor probability(const torch::Tensor& frames);
  const RewardConfig& config() const { return config_; }
  void setThreshold(double threshold) { config_.threshold = threshold; }
  void setValidQuality(double accuracy, double auc) {
    config_.validAccuracy = accuracy;
    config_.validAuc = auc;
  }

 private:
  RewardConfig config_;
  ImageEncoder encoder_{nullptr};
  torch::nn::Sequential head_{nullptr};
};
TORCH_MODULE(SuccessClassifier);

// Area under the ROC curve of scores against binary labels (ties counted half); -1 if one class is absent.
double rocAuc(const torch::Tensor& scores, const torch::Tensor& labels);
// The threshold on scores that maximises balanced accuracy ((TPR + TNR) / 2); returns {threshold, value}.
std::pair<double, double> balancedThreshold(const torch::Tensor& scores, const torch::Tensor& labels);

// Per episode of `lengths` consecutive samples: the highest score and whether any label is a success.
// An episode counts as a success when any of its frames crosses the threshold (as in the dream and in
// refinement), so a classifier is judged on episodes by these two.
struct EpisodeScores {
  torch::Tensor maxScore;  // (E) double
  torch::Tensor success;   // (E) double 0/1
};
EpisodeScores episodeScores(const torch::Tensor& scores, const torch::Tensor& labels,
                            const std::vector<std::int64_t>& lengths);
// The threshold that maximises balanced accuracy on episodes: the middle of the range of thresholds that
// reach the best value, so it sits as far from the nearest failed episode's highest frame as the
// successes allow. Returns {threshold, value}; value -1 (threshold 0.5) without episodes of both kinds.
std::pair<double, double> episodeThreshold(const EpisodeScores& episodes);

}  // namespace w4rl::learning
