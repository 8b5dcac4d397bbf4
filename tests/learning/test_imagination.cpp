#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/error.h"
#include "learning/imagination.h"

namespace w4rl::learning {
namespace {

WorldModel tinyModel() {
  WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {8, 16};
  c.condDim = 16;
  torch::manual_seed(0);
  return WorldModel(c);
}

}  // namespace

TEST(Imagination, StepsReturnUint8FramesAndAreDeterministicPerSeed) {
  const auto frames = torch::randint(0, 256, {3, 4, 16, 16, 3}).to(torch::kUInt8);
  const auto actions = torch::zeros({3, 4, 4});
  auto model = tinyModel();
  WorldModelEnv a(model, torch::kCPU, 5), b(model, torch::kCPU, 5), c(model, torch::kCPU, 6);
  for (auto* env : {&a, &b, &c}) env->reset(frames, actions);
  const auto act = torch::rand({3, 4}) * 2 - 1;
  std::vector<torch::Tensor> fa, fb, fc;
  for (int t = 0; t < 3; ++t) {
    fa.push_back(a.step(act));
    fb.push_back(b.step(act));
    fc.push_back(c.step(act));
  }
  EXPECT_EQ(fa[0].scalar_type(), torch::kUInt8);
  EXPECT_EQ(fa[0].sizes(), (std::vector<int64_t>{3, 16, 16, 3}));
  for (int t = 0; t < 3; ++t) EXPECT_TRUE(torch::equal(fa[t], fb[t]));
  EXPECT_FALSE(torch::equal(fa[2], fc[2]));
  a.reseed(5);
  a.reset(frames, actions);
  EXPECT_TRUE(torch::equal(a.step(act), fb[0]));
}

TEST(Imagination, StepSamplesDrawsIndependentSamplesOfOneStepAndOneIsAPlainStep) {
  const auto frames = torch::randint(0, 256, {2, 4, 16, 16, 3}).to(torch::kUInt8);
  const auto actions = torch::zeros({2, 4, 4});
  auto model = tinyModel();
  WorldModelEnv a(model, torch::kCPU, 5), b(model, torch::kCPU, 5), c(model, torch::kCPU, 5);
  for (auto* env : {&a, &b, &c}) env->reset(frames, actions);
  const auto act = torch::rand({2, 4}) * 2 - 1;
  // One sample is step() itself, noise included.
  for (int t = 0; t < 2; ++t) EXPECT_TRUE(torch::equal(a.step(act), b.stepSamples(act, 1)[0]));
  const auto three = c.stepSamples(act, 3);
  EXPECT_EQ(three.sizes(), (std::vector<int64_t>{3, 2, 16, 16, 3}));
  EXPECT_EQ(three.scalar_type(), torch::kUInt8);
  EXPECT_FALSE(torch::equal(three[0], three[1]));  // each sample its own noise
  EXPECT_FALSE(torch::equal(three[1], three[2]));
  EXPECT_EQ(c.stepSamples(act, 2).sizes(), (std::vector<int64_t>{2, 2, 16, 16, 3}));  // steps on
  EXPECT_THROW(c.stepSamples(act, 0), Error);
}

TEST(Imagination, RejectsWrongShapesAndStepBeforeReset) {
  WorldModelEnv env(tinyModel(), torch::kCPU, 0);
  EXPECT_THROW(env.step(torch::zeros({1, 4})), Error);
  EXPECT_THROW(env.reset(torch::zeros({1, 3, 16, 16, 3}, torch::kUInt8), torch::zeros({1, 3, 4})), Error);
  EXPECT_THROW(env.reset(torch::zeros({1, 4, 16, 16, 3}), torch::zeros({1, 4, 4})), Error);  // not uint8
  env.reset(torch::zeros({2, 4, 16, 16, 3}, torch::kUInt8), torch::zeros({2, 4, 4}));
  EXPECT_THROW(env.step(torch::zeros({3, 4})), Error);
}

TEST(Imagination, ContextAtPadsEpisodeStartWithFirstFrameAndZeroActions) {
  // Frame i is filled with value i; action i with value i + 1.
  const auto frames = torch::arange(6).to(torch::kUInt8).view({6, 1, 1, 1}).expand({6, 2, 2, 3}).contiguous();
  const auto actions = (torch::arange(6).to(torch::kFloat) + 1).view({6, 1}).expand({6, 4}).contiguous();
  auto [f, a] = contextAt(frames, actions, 1, 4);
  // Frames -2, -1, 0, 1 -> 0, 0, 0, 1; actions leading into them: none, none, none, action 0.
  using torch::indexing::Slice;
  auto values = [](const torch::Tensor& fr) { return fr.index({Slice(), 0, 0, 0}).to(torch::kLong); };
  EXPECT_TRUE(torch::equal(values(f), torch::tensor({0, 0, 0, 1})));
  EXPECT_TRUE(torch::equal(a.select(1, 0), torch::tensor({0.0f, 0.0f, 0.0f, 1.0f})));
  auto [f2, a2] = contextAt(frames, actions, 5, 4);
  EXPECT_TRUE(torch::equal(values(f2), torch::tensor({2, 3, 4, 5})));
  EXPECT_TRUE(torch::equal(a2.select(1, 0), torch::tensor({2.0f, 3.0f, 4.0f, 5.0f})));
  EXPECT_THROW(contextAt(frames, actions, 6, 4), Error);
}

}  // namespace w4rl::learning
