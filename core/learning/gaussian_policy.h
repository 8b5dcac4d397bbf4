#pragma once
// The Gaussian image policy refined by World4RL: a CNN encoder on the current frame (optionally a short
// frame stack), MLP heads for the mean (tanh, so in [-1, 1]) and a state-dependent log-std. The log-std
// is clamped to [logStdMin, logStdMax]; logStdMax = 0 is the paper's controlled exploration (sigma <= e^0).
// Sampled actions are not squashed: the environment clamps them to [-1, 1], and log-probabilities are
// those of the unclamped Gaussian sample (as in CleanRL's continuous PPO).
#include <torch/nn.h>

#include <map>
#include <string>
#include <vector>

#include "learning/image_encoder.h"
#include "learning/policy_config.h"
#include "learning/setting_table.h"

namespace w4rl::learning {

struct PolicyOutput {
  torch::Tensor mean;    // (B, A) in [-1, 1]
  torch::Tensor logStd;  // (B, A) in [logStdMin, logStdMax]
};

class GaussianPolicyImpl : public torch::nn::Module {
 public:
  explicit GaussianPolicyImpl(const PolicyConfig& config);
  // frames: uint8 (B, S, H, W, 3) with S = frameStack.
  PolicyOutput forward(const torch::Tensor& frames);
  const PolicyConfig& config() const { return config_; }
  // Narrows the clamp range of the log-std (refinement may raise the floor or lower the ceiling).
  void setLogStdRange(double logStdMin, double logStdMax);

 private:
  PolicyConfig config_;
  ImageEncoder encoder_{nullptr};
  torch::nn::Sequential trunk_{nullptr};
  torch::nn::Linear meanHead_{nullptr}, logStdHead_{nullptr};
};
TORCH_MODULE(GaussianPolicy);

// The critic of PPO: the same encoder shape as the policy, a scalar value head.
class ValueNetworkImpl : public torch::nn::Module {
 public:
  explicit ValueNetworkImpl(const PolicyConfig& config);
  torch::Tensor forward(const torch::Tensor& frames);  // (B, S, H, W, 3) uint8 -> (B)

 private:
  ImageEncoder encoder_{nullptr};
  torch::nn::Sequential head_{nullptr};
};
TORCH_MODULE(ValueNetwork);

}  // namespace w4rl::learning
