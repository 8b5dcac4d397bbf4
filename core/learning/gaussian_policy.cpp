#include "learning/gaussian_policy.h"

#include <limits>

#include <torch/torch.h>

#include "common/error.h"
#include "learning/config_values.h"
#include "learning/world_model_config.h"

namespace w4rl::learning {

namespace nn = torch::nn;

const SettingTable<PolicyConfig>& PolicyConfig::table() {
  using S = PolicyConfig;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    d.text("task", &S::task, "the task the policy was trained for (evaluation defaults to it)")
        .integer("image_size", &S::imageSize, 1, kMany, "frame height and width")
        .integer("frame_stack", &S::frameStack, 1, 8, "frames the policy sees (the newest last)")
        .integer("action_dim", &S::actionDim, 1, kMany, "action dimensions")
        .positiveList("channels", &S::channels, 1, "stride-2 convolutions of the encoder")
        .integer("hidden", &S::hidden, 8, kMany, "width of the MLP trunk")
        .real("log_std_min", &S::logStdMin, Interval::any(), "lower clamp of the log-std")
        .real("log_std_max", &S::logStdMax, Interval::atMost(0), "upper clamp of the log-std (sigma <= e^0)");
    return d;
  }();
  return t;
}

void PolicyConfig::set(const std::string& key, const std::string& value) {
  if (!table().set(*this, key, value)) throw Error("unknown policy config key '" + key + "'");
}

std::map<std::string, std::string> PolicyConfig::toMap() const {
  return table().values(*this);
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
  try {
    table().check(*this);
  } catch (const Error& e) {
    throw Error(std::string("policy ") + e.what());
  }
  if (!(logStdMin < logStdMax)) throw Error("policy needs log_std_min < log_std_max");
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
