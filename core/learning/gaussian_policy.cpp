#include "learning/gaussian_policy.h"

#include <torch/torch.h>

#include "common/error.h"
#include "learning/world_model.h"

namespace w4rl::learning {

namespace nn = torch::nn;

GaussianPolicyImpl::GaussianPolicyImpl(const PolicyConfig& config) : config_(config) {
  if (config_.frameStack < 1 || config_.actionDim < 1 || config_.channels.empty())
    throw Error("policy config needs frameStack >= 1, actionDim >= 1 and at least one conv layer");
  if (!(config_.logStdMin < config_.logStdMax)) throw Error("policy config needs logStdMin < logStdMax");
  nn::Sequential encoder;
  int in = 3 * config_.frameStack, size = config_.imageSize;
  for (int c : config_.channels) {
    encoder->push_back(nn::Conv2d(nn::Conv2dOptions(in, c, 4).stride(2).padding(1)));
    encoder->push_back(nn::SiLU());
    in = c;
    size /= 2;
  }
  encoder->push_back(nn::Flatten());
  encoder_ = register_module("encoder", encoder);
  trunk_ = register_module("trunk", nn::Sequential(nn::Linear(in * size * size, config_.hidden), nn::SiLU(),
                                                   nn::Linear(config_.hidden, config_.hidden), nn::SiLU()));
  meanHead_ = register_module("mean", nn::Linear(config_.hidden, config_.actionDim));
  logStdHead_ = register_module("log_std", nn::Linear(config_.hidden, config_.actionDim));
}

PolicyOutput GaussianPolicyImpl::forward(const torch::Tensor& frames) {
  if (frames.dim() != 5 || frames.size(1) != config_.frameStack || frames.size(2) != config_.imageSize)
    throw Error("policy expects uint8 frames (B, " + std::to_string(config_.frameStack) + ", " +
                std::to_string(config_.imageSize) + ", " + std::to_string(config_.imageSize) + ", 3)");
  const auto x = framesToFloat(frames).flatten(1, 2);  // (B, S*3, H, W)
  const auto h = trunk_->forward(encoder_->forward(x));
  return {torch::tanh(meanHead_->forward(h)),
          logStdHead_->forward(h).clamp(config_.logStdMin, config_.logStdMax)};
}

}  // namespace w4rl::learning
