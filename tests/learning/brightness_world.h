#pragma once
// A tiny world for testing learning end to end without a simulator: 16x16 frames of one grey level g;
// the first action component moves it, g' = clamp(g + kStep * a0, 0, 1). A world model learns this in
// seconds, a classifier learns "success = g > kGoal", and a policy must learn to push a0 up.
#include <torch/torch.h>

#include <string>
#include <vector>

#include "learning/context_source.h"
#include "learning/imagination.h"
#include "learning/train_settings.h"
#include "learning/transition_source.h"
#include "learning/world_model_config.h"

namespace w4rl::learning::test {

constexpr int kImage = 16;
constexpr double kStep = 0.3;
constexpr double kGoal = 0.7;

inline torch::Tensor greyFrames(const torch::Tensor& g) {  // (N) in [0, 1] -> (N, 16, 16, 3) uint8
  return (g * 255).round().to(torch::kUInt8).view({-1, 1, 1, 1}).expand({-1, kImage, kImage, 3}).contiguous();
}

// Random-action transitions of the brightness world, in the TransitionSource convention, with
// `contextFrames` frames of context (a rollout-training run asks for more than the model's 4).
class BrightnessTransitions : public TransitionSource {
 public:
  explicit BrightnessTransitions(int contextFrames = 4) : contextFrames_(contextFrames) {}
  TransitionBatch sample(int batch, bool, at::Generator& gen) override {
    const int l = contextFrames_;
    auto g = torch::rand({batch}, gen);
    const auto actions = torch::rand({batch, l, 4}, gen) * 2 - 1;
    std::vector<torch::Tensor> frames;
    for (int i = 0; i < l; ++i) {
      frames.push_back(greyFrames(g));
      g = (g + kStep * actions.select(1, i).select(1, 0)).clamp(0, 1);
    }
    return {torch::stack(frames, 1), actions, greyFrames(g), torch::zeros({batch}, torch::kLong)};
  }
  int imageSize() const override { return kImage; }
  int actionDim() const override { return 4; }
  const std::vector<std::string>& tasks() const override { return tasks_; }
  std::int64_t trainTransitions() const override { return 1 << 20; }
  std::int64_t validTransitions() const override { return 0; }

 private:
  int contextFrames_;
  std::vector<std::string> tasks_{"brightness"};
};

// A world model small enough to learn this world in 400 quick steps, and those steps.
inline WorldModelConfig brightnessModel() {
  WorldModelConfig wm;
  wm.imageSize = kImage;
  wm.channels = {16, 32};
  wm.condDim = 32;
  wm.tasks = {"brightness"};
  return wm;
}

inline TrainSettings brightnessModelTraining() {
  TrainSettings s;
  s.steps = 400;
  s.warmupSteps = 50;
  s.lr = 2e-3;
  s.logEvery = 100;
  s.checkpointEvery = 1000;
  s.device = "cpu";
  return s;
}

// The mean grey levels (0-255) after three open-loop steps of `model` from level 0.3: row 0 with a0 = +1
// (a model that learnt the world brightens to the top), row 1 with a0 = -1 (darkens to 0).
inline torch::Tensor openLoopLevels(WorldModel model) {
  WorldModelEnv env(model, torch::kCPU, 3);
  env.reset(greyFrames(torch::full({2}, 0.3)).unsqueeze(1).expand({-1, 4, -1, -1, -1}).contiguous(),
            torch::zeros({2, 4, 4}));
  torch::Tensor last;
  for (int i = 0; i < 3; ++i) last = env.step(torch::tensor({{1.0f, 0.f, 0.f, 0.f}, {-1.0f, 0.f, 0.f, 0.f}}));
  return last.to(torch::kFloat).mean({1, 2, 3});
}

// Episodes start dark: g in [0, 0.2].
class DarkStarts : public ContextSource {
 public:
  ContextBatch sample(int batch, at::Generator& gen) override {
    const auto g = torch::rand({batch}, gen) * 0.2;
    return {greyFrames(g).unsqueeze(1).expand({-1, 4, -1, -1, -1}).contiguous(), torch::zeros({batch, 4, 4}),
            torch::zeros({batch}, torch::kLong)};
  }
};

}  // namespace w4rl::learning::test
