#include "learning/gaussian_policy.h"

#include <torch/torch.h>

#include "common/error.h"
#include "learning/config_values.h"
#include "learning/world_model_config.h"

namespace w4rl::learning {

namespace nn = torch::nn;

void PolicyConfig::set(const std::string& key, const std::string& raw) {
  using namespace config;
  const std::string v = unquote(trim(raw));
  if (key == "task")
    task = v;
  else if (key == "image_size")
    imageSize = static_cast<int>(toInt(key, v));
  else if (key == "frame_stack")
    frameStack = static_cast<int>(toInt(key, v));
  else if (key == "action_dim")
    actionDim = static_cast<int>(toInt(key, v));
  else if (key == "channels")
    channels = toIntList(key, v);
  else if (key == "hidden")
    hidden = static_cast<int>(toInt(key, v));
  else if (key == "log_std_min")
    logStdMin = toDouble(key, v);
  else if (key == "log_std_max")
    logStdMax = toDouble(key, v);
  else
    throw Error("unknown policy config key '" + key + "'");
}

std::map<std::string, std::string> PolicyConfig::toMap() const {
  using namespace config;
  return {{"task", task},
          {"image_size", std::to_string(imageSize)},
          {"frame_stack", std::to_string(frameStack)},
          {"action_dim", std::to_string(actionDim)},
          {"channels", listText(channels)},
          {"hidden", std::to_string(hidden)},
          {"log_std_min", numberText(logStdMin)},
          {"log_std_max", numberText(logStdMax)}};
}

std::string PolicyConfig::toText() const {
  return config::mapText(toMap());
}

PolicyConfig PolicyConfig::fromText(const std::string& text) {
  PolicyConfig c;
  for (const auto& [k, v] : parseFlatConfig(text, "policy config")) c.set(k, v);
  c.validate();
  return c;
}

void PolicyConfig::validate() const {
  if (frameStack < 1 || frameStack > 8) throw Error("policy frame_stack must be from 1 to 8");
  if (actionDim < 1) throw Error("policy action_dim must be at least 1");
  if (channels.empty()) throw Error("policy channels must list at least one conv layer");
  if (hidden < 8) throw Error("policy hidden must be at least 8");
  if (!(logStdMin < logStdMax)) throw Error("policy needs log_std_min < log_std_max");
  if (logStdMax > 0.0) throw Error("policy log_std_max must be <= 0 (sigma <= e^0, the paper's clip)");
}

GaussianPolicyImpl::GaussianPolicyImpl(const PolicyConfig& config) : config_(config) {
  config_.validate();
  encoder_ =
      register_module("encoder", ImageEncoder(config_.frameStack, config_.imageSize, config_.channels));
  trunk_ =
      register_module("trunk", nn::Sequential(nn::Linear(encoder_->outFeatures(), config_.hidden), nn::SiLU(),
                                              nn::Linear(config_.hidden, config_.hidden), nn::SiLU()));
  meanHead_ = register_module("mean", nn::Linear(config_.hidden, config_.actionDim));
  logStdHead_ = register_module("log_std", nn::Linear(config_.hidden, config_.actionDim));
}

PolicyOutput GaussianPolicyImpl::forward(const torch::Tensor& frames) {
  const auto h = trunk_->forward(encoder_->forward(frames));
  return {torch::tanh(meanHead_->forward(h)),
          logStdHead_->forward(h).clamp(config_.logStdMin, config_.logStdMax)};
}

void GaussianPolicyImpl::setLogStdRange(double logStdMin, double logStdMax) {
  PolicyConfig c = config_;
  c.logStdMin = logStdMin;
  c.logStdMax = logStdMax;
  c.validate();
  config_ = c;
}

ValueNetworkImpl::ValueNetworkImpl(const PolicyConfig& config) {
  config.validate();
  encoder_ = register_module("encoder", ImageEncoder(config.frameStack, config.imageSize, config.channels));
  head_ = register_module("head", nn::Sequential(nn::Linear(encoder_->outFeatures(), config.hidden),
                                                 nn::SiLU(), nn::Linear(config.hidden, config.hidden),
                                                 nn::SiLU(), nn::Linear(config.hidden, 1)));
}

torch::Tensor ValueNetworkImpl::forward(const torch::Tensor& frames) {
  return head_->forward(encoder_->forward(frames)).squeeze(-1);
}

}  // namespace w4rl::learning
