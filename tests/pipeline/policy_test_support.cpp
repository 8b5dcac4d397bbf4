#include "policy_test_support.h"

#include <torch/torch.h>

#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"

namespace w4rl::test {

std::filesystem::path saveTinyPolicy(const std::filesystem::path& file, const TinyPolicy& spec) {
  torch::manual_seed(static_cast<std::uint64_t>(spec.seed));
  learning::PolicyConfig config;
  config.task = spec.task;
  config.imageSize = spec.imageSize;
  config.frameStack = spec.frameStack;
  config.actionDim = spec.actionDim;
  config.channels = {8, 16, 16};
  config.hidden = 32;
  learning::PolicyCheckpoint checkpoint;
  checkpoint.policy = learning::GaussianPolicy(config);
  learning::savePolicy(file, checkpoint);
  return file;
}

std::filesystem::path saveTinyReward(const std::filesystem::path& file, const std::string& task,
                                     int imageSize, double threshold) {
  torch::manual_seed(0);
  learning::SuccessClassifier classifier(learning::RewardConfig{task, imageSize, {8, 16}, 16, threshold});
  learning::saveReward(file, classifier, {});
  return file;
}

std::filesystem::path saveTinyWorldModel(const std::filesystem::path& file, int imageSize, int actionDim) {
  learning::WorldModelConfig config;
  config.imageSize = imageSize;
  config.actionDim = actionDim;
  config.channels = {8, 16};
  config.condDim = 16;
  learning::WorldModel model(config);
  learning::saveWorldModel(file, model, nullptr, {});
  return file;
}

}  // namespace w4rl::test
