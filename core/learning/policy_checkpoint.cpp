#include "learning/policy_checkpoint.h"

#include <torch/torch.h>

namespace w4rl::learning {

void savePolicy(const std::filesystem::path& file, const PolicyCheckpoint& checkpoint) {
  CheckpointContents contents;
  contents.info = checkpoint.info;
  contents.info.kind = kPolicyKind;
  contents.info.configText = checkpoint.policy->config().toText();
  contents.modules = {{"policy", checkpoint.policy.ptr().get()}};
  if (checkpoint.critic) contents.modules.emplace_back("critic", checkpoint.critic.ptr().get());
  if (checkpoint.policyOptimizer)
    contents.optimizers.emplace_back("policy_optimizer", checkpoint.policyOptimizer);
  if (checkpoint.criticOptimizer)
    contents.optimizers.emplace_back("critic_optimizer", checkpoint.criticOptimizer);
  writeCheckpoint(file, contents);
}

LoadedPolicy loadPolicy(const std::filesystem::path& file, const torch::Device& device) {
  CheckpointReader reader(file, device, kPolicyKind);
  LoadedPolicy loaded;
  loaded.info = reader.info();
  const auto config = reader.fromStoredConfig([&] { return PolicyConfig::fromText(loaded.info.configText); });
  loaded.policy = reader.fromStoredConfig([&] { return GaussianPolicy(config); });
  reader.readModule("policy", *loaded.policy);
  if (reader.hasModule("critic")) {
    loaded.critic = ValueNetwork(config);
    reader.readModule("critic", *loaded.critic);
  }
  return loaded;
}

bool loadPolicyOptimizers(const std::filesystem::path& file, const torch::Device& device,
                          torch::optim::Optimizer& policyOptimizer,
                          torch::optim::Optimizer& criticOptimizer) {
  CheckpointReader reader(file, device, kPolicyKind);
  if (!reader.hasOptimizer("policy_optimizer") || !reader.hasOptimizer("critic_optimizer")) return false;
  reader.readOptimizer("policy_optimizer", policyOptimizer);
  reader.readOptimizer("critic_optimizer", criticOptimizer);
  return true;
}

void saveReward(const std::filesystem::path& file, SuccessClassifier& classifier,
                const CheckpointInfo& info) {
  CheckpointContents contents;
  contents.info = info;
  contents.info.kind = kRewardKind;
  contents.info.configText = classifier->config().toText();
  contents.modules = {{"classifier", classifier.ptr().get()}};
  writeCheckpoint(file, contents);
}

LoadedReward loadReward(const std::filesystem::path& file, const torch::Device& device) {
  CheckpointReader reader(file, device, kRewardKind);
  LoadedReward loaded;
  loaded.info = reader.info();
  loaded.classifier = reader.fromStoredConfig(
      [&] { return SuccessClassifier(RewardConfig::fromText(loaded.info.configText)); });
  reader.readModule("classifier", *loaded.classifier);
  return loaded;
}

}  // namespace w4rl::learning
