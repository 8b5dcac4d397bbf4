#include <gtest/gtest.h>
#include <torch/torch.h>

#include "learning/edm.h"
#include "learning/world_model.h"

namespace w4rl::learning {
namespace {

WorldModelConfig tinyConfig() {
  WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {16, 16};
  c.condDim = 32;
  return c;
}

}  // namespace

TEST(WorldModel, SampleShapeRangeAndDeterminism) {
  torch::manual_seed(0);
  WorldModel model(tinyConfig());
  model->eval();
  const auto context = torch::rand({2, 4, 3, 16, 16}) * 2 - 1;
  const auto actions = torch::rand({2, 4, 4}) * 2 - 1;
  const auto task = torch::zeros({2}, torch::kLong);
  const auto a = model->sample(context, actions, task, at::detail::createCPUGenerator(7));
  const auto b = model->sample(context, actions, task, at::detail::createCPUGenerator(7));
  const auto c = model->sample(context, actions, task, at::detail::createCPUGenerator(8));
  EXPECT_EQ(a.sizes(), (std::vector<int64_t>{2, 3, 16, 16}));
  EXPECT_TRUE(torch::equal(a, b));
  EXPECT_FALSE(torch::equal(a, c));
  EXPECT_LE(a.abs().max().item<float>(), 1.0f);
  const auto heun =
      model->sample(context, actions, task, at::detail::createCPUGenerator(7), 3, SamplerKind::Heun);
  EXPECT_FALSE(torch::equal(a, heun));
}

TEST(WorldModel, FrameConversionRoundTrips) {
  const auto u = torch::randint(0, 256, {2, 8, 8, 3}).to(torch::kUInt8);
  const auto f = framesToFloat(u);
  EXPECT_EQ(f.sizes(), (std::vector<int64_t>{2, 3, 8, 8}));
  EXPECT_GE(f.min().item<float>(), -1.0f);
  EXPECT_LE(f.max().item<float>(), 1.0f);
  EXPECT_TRUE(torch::equal(framesToUint8(f), u));
}

TEST(WorldModel, TinyModelOverfitsAHandfulOfFrames) {
  torch::manual_seed(1);
  WorldModel model(tinyConfig());
  // Four transitions: the target is the last context frame shifted by an amount the action encodes.
  const auto base = torch::rand({4, 1, 3, 16, 16}) * 2 - 1;
  const auto context = base.expand({4, 4, 3, 16, 16}).contiguous();
  const auto actions =
      torch::tensor({-0.9f, -0.3f, 0.3f, 0.9f}).view({4, 1, 1}).expand({4, 4, 4}).contiguous();
  const auto target =
      (base.squeeze(1) + actions.select(1, 3).select(1, 0).view({4, 1, 1, 1}) * 0.5).clamp(-1, 1);
  const auto task = torch::zeros({4}, torch::kLong);
  torch::optim::AdamW opt(model->parameters(), torch::optim::AdamWOptions(3e-3));
  auto gen = at::detail::createCPUGenerator(3);
  auto evalError = [&] {
    model->eval();
    const auto s = model->sample(context, actions, task, at::detail::createCPUGenerator(11), 3);
    model->train();
    return (s - target).pow(2).mean().item<double>();
  };
  const double before = evalError();
  EdmParams p;
  for (int step = 0; step < 300; ++step) {
    const auto sigma = sampleTrainingSigmas(4, p, torch::dtype(torch::kFloat), gen);
    const auto noise = torch::randn({4, 3, 16, 16}, gen);
    const auto loss = model->loss(target, context, actions, task, sigma, noise).mean();
    opt.zero_grad();
    loss.backward();
    opt.step();
  }
  const double after = evalError();
  EXPECT_LT(after, 0.25 * before) << "before " << before << " after " << after;
  EXPECT_LT(after, 0.02);
}

}  // namespace w4rl::learning
