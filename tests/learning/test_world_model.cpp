#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "common/error.h"
#include "learning/edm.h"
#include "learning/train_settings.h"
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

// The U-Net's output layer starts at zero (its prediction ignores every input): random weights instead,
// so what conditions the network shows in its output.
WorldModel randomWeightModel(const WorldModelConfig& config, std::uint64_t seed) {
  torch::manual_seed(seed);
  WorldModel model(config);
  torch::NoGradGuard noGrad;
  for (auto& p : model->parameters()) p.normal_(0.0, 0.2);
  return model;
}

// One batch of two samples for WorldModelImpl::loss at noise level 0.5.
struct LossBatch {
  torch::Tensor target = torch::rand({2, 3, 16, 16}) * 2 - 1;
  torch::Tensor context = torch::rand({2, 4, 3, 16, 16}) * 2 - 1;
  torch::Tensor actions = torch::zeros({2, 4, 4});
  torch::Tensor task = torch::zeros({2}, torch::kLong);
  torch::Tensor sigma = torch::full({2}, 0.5);
  torch::Tensor noise = torch::randn({2, 3, 16, 16});
};

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

TEST(WorldModel, ContextNoiseIsOffByDefaultAndAddsNoWeights) {
  WorldModel model(tinyConfig());
  auto gen = at::detail::createCPUGenerator(5);
  const auto context = torch::rand({3, 4, 3, 16, 16}) * 2 - 1;
  const auto out = model->augmentContext(context, gen);
  EXPECT_TRUE(torch::equal(out.context, context));
  EXPECT_FALSE(out.step.defined());
  for (const auto& item : model->named_parameters())
    EXPECT_EQ(item.key().find("context_noise"), std::string::npos) << item.key();
}

TEST(WorldModel, ContextNoiseLevelsFollowTheirSteps) {
  auto config = tinyConfig();
  config.contextNoiseMax = 0.3;
  config.contextNoiseBuckets = 4;  // levels 0, 0.1, 0.2, 0.3
  WorldModel model(config);
  auto gen = at::detail::createCPUGenerator(5);
  const auto context = torch::rand({64, 4, 3, 16, 16}) * 2 - 1;
  const auto out = model->augmentContext(context, gen);
  ASSERT_TRUE(out.step.defined());
  ASSERT_EQ(out.step.sizes(), (std::vector<int64_t>{64}));
  EXPECT_GE(out.step.min().item<int64_t>(), 0);
  EXPECT_LE(out.step.max().item<int64_t>(), 3);
  std::vector<int> seen(4, 0);
  for (int64_t i = 0; i < 64; ++i) {
    const auto k = out.step[i].item<int64_t>();
    ++seen[static_cast<std::size_t>(k)];
    const double spread = (out.context[i] - context[i]).std().item<double>();
    EXPECT_NEAR(spread, 0.1 * static_cast<double>(k), 0.01) << "sample " << i << " step " << k;
  }
  for (int k = 0; k < 4; ++k)
    EXPECT_GT(seen[static_cast<std::size_t>(k)], 0) << "step " << k << " never drawn";
  // A second draw from the same generator state gives the same augmentation (runs are reproducible).
  auto again = at::detail::createCPUGenerator(5);
  EXPECT_TRUE(torch::equal(model->augmentContext(context, again).context, out.context));
}

TEST(WorldModel, ContextNoiseStepConditionsTheNetworkAndDefaultsToClean) {
  auto config = tinyConfig();
  config.contextNoiseMax = 0.5;
  auto model = randomWeightModel(config, 2);
  const LossBatch b;
  const auto& [target, context, actions, task, sigma, noise] = b;
  const auto clean =
      model->loss(target, context, actions, task, sigma, noise, torch::zeros({2}, torch::kLong));
  const auto unstated = model->loss(target, context, actions, task, sigma, noise);
  const auto noisy =
      model->loss(target, context, actions, task, sigma, noise, torch::full({2}, 9, torch::kLong));
  EXPECT_TRUE(torch::allclose(clean, unstated));
  EXPECT_FALSE(torch::allclose(clean, noisy));
}

TEST(WorldModel, ContextNoiseSettingsReadBackAndAreChecked) {
  WorldModelConfig c;
  c.set("context_noise_max", "0.25");
  c.set("context_noise_buckets", "8");
  const auto back = WorldModelConfig::fromText(c.toText());
  EXPECT_DOUBLE_EQ(back.contextNoiseMax, 0.25);
  EXPECT_EQ(back.contextNoiseBuckets, 8);
  EXPECT_EQ(back.toText(), c.toText());
  // A config written without these keys (augmentation unknown to it) reads as augmentation off.
  EXPECT_DOUBLE_EQ(WorldModelConfig::fromText("image_size: 64\n").contextNoiseMax, 0.0);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"context_noise_max", "-0.1"},
                                                        {"context_noise_max", "3"},
                                                        {"context_noise_max", "nan"},
                                                        {"context_noise_buckets", "1"},
                                                        {"context_noise_buckets", "101"}}) {
    WorldModelConfig bad;
    try {
      bad.set(key, value);
      bad.validate();
      ADD_FAILURE() << key << "=" << value << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

TEST(WorldModel, MovingPixelWeightsMarkWhatChangedAndItsNeighbours) {
  auto context = torch::zeros({2, 4, 3, 16, 16});
  auto target = torch::zeros({2, 3, 16, 16});
  target.index_put_({0, 1, 5, 7}, 0.5);   // one pixel of one channel changes in the first sample
  target.index_put_({1, 0, 0, 0}, 0.01);  // below the threshold: no motion
  context.index_put_({1, 0}, 0.9);        // only the newest context frame is compared
  const auto w = movingPixelWeights(target, context, 4.0);
  ASSERT_EQ(w.sizes(), (std::vector<int64_t>{2, 1, 16, 16}));
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x) {
      const bool near = std::abs(y - 5) <= 1 && std::abs(x - 7) <= 1;
      EXPECT_DOUBLE_EQ(w[0][0][y][x].item<double>(), near ? 5.0 : 1.0) << y << "," << x;
    }
  EXPECT_TRUE(torch::equal(w[1], torch::ones({1, 16, 16})));
}

TEST(WorldModel, WeightedLossScalesEachPixelsError) {
  auto model = randomWeightModel(tinyConfig(), 3);
  const LossBatch b;
  const auto& [target, context, actions, task, sigma, noise] = b;
  const auto plain = model->loss(target, context, actions, task, sigma, noise);
  const auto ones =
      model->loss(target, context, actions, task, sigma, noise, {}, torch::ones({2, 1, 16, 16}));
  const auto threes =
      model->loss(target, context, actions, task, sigma, noise, {}, torch::full({2, 1, 16, 16}, 3.0));
  EXPECT_TRUE(torch::allclose(plain, ones));
  EXPECT_TRUE(torch::allclose(threes, 3 * plain));
  // All the weight on one half of the frame: that half's error alone, doubled.
  auto half = torch::zeros({2, 1, 16, 16});
  half.slice(3, 0, 8).fill_(2.0);
  const auto left = model->loss(target, context, actions, task, sigma, noise, {}, half);
  auto right = torch::zeros({2, 1, 16, 16});
  right.slice(3, 8, 16).fill_(2.0);
  const auto rest = model->loss(target, context, actions, task, sigma, noise, {}, right);
  EXPECT_TRUE(torch::allclose(left + rest, 2 * plain));
  EXPECT_FALSE(torch::allclose(left, rest));
}

TEST(WorldModel, MovingPixelWeightIsATrainingKeyReadBackAndChecked) {
  TrainSettings s;
  EXPECT_DOUBLE_EQ(s.movingPixelWeight, 0.0);
  EXPECT_TRUE(s.set("moving_pixel_weight", "8"));
  EXPECT_EQ(s.toMap().at("moving_pixel_weight"), "8");
  for (const char* bad : {"-1", "nan", "1e6"}) {
    TrainSettings t;
    t.set("moving_pixel_weight", bad);
    try {
      t.validate();
      ADD_FAILURE() << bad << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("moving_pixel_weight"), std::string::npos) << e.what();
    }
  }
}

}  // namespace w4rl::learning
