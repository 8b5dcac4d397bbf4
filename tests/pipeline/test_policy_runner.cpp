// PolicyRunner: a policy checkpoint acting on camera frames, with its own frame stack and seeded sampling.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/rng.h"
#include "learning/policy_checkpoint.h"
#include "pipeline/services/policy_runner.h"

#include "policy_test_support.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

std::vector<std::uint8_t> noiseFrame(int size, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<std::uint8_t> frame(static_cast<std::size_t>(size) * static_cast<std::size_t>(size) * 3);
  for (auto& v : frame) v = static_cast<std::uint8_t>(rng.below(256));
  return frame;
}

// The policy's mean for a stack of frames (oldest first), computed with the model directly.
sim::Action meanOf(const fs::path& checkpoint, const std::vector<std::vector<std::uint8_t>>& stack,
                   int size) {
  auto loaded = learning::loadPolicy(checkpoint, torch::kCPU);
  loaded.policy->eval();
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> frames;
  for (const auto& f : stack)
    frames.push_back(torch::from_blob(const_cast<std::uint8_t*>(f.data()), {size, size, 3}, torch::kUInt8));
  const auto mean = loaded.policy->forward(torch::stack(frames).unsqueeze(0)).mean.contiguous();
  sim::Action a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = mean[0][static_cast<std::int64_t>(i)].item<float>();
  return a;
}

void expectErrorMentioning(const std::function<void()>& f, const std::vector<std::string>& parts) {
  try {
    f();
    FAIL() << "expected a w4rl::Error";
  } catch (const Error& e) {
    for (const auto& part : parts) EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(PolicyRunner, ReportsTheCheckpointsSettings) {
  const fs::path file = test::saveTinyPolicy(test::freshDir() / "p.pt", {"hammer", 32, 3});
  const PolicyRunner runner(file, "cpu");
  EXPECT_EQ(runner.task(), "hammer");
  EXPECT_EQ(runner.imageSize(), 32);
  EXPECT_EQ(runner.frameStack(), 3);
  EXPECT_EQ(runner.mode(), ActionMode::Mean);
  EXPECT_EQ(runner.checkpoint(), file);
  EXPECT_NE(runner.deviceDescription().find("CPU"), std::string::npos) << runner.deviceDescription();
}

TEST(PolicyRunner, MeanActionsUseAFrameStackStartedWithCopiesOfTheFirstFrame) {
  const fs::path file = test::saveTinyPolicy(test::freshDir() / "p.pt", {"soccer", 16, 2});
  PolicyRunner runner(file, "cpu");
  const auto f0 = noiseFrame(16, 1), f1 = noiseFrame(16, 2), f2 = noiseFrame(16, 3);
  runner.reset(0);
  const sim::Action a0 = runner.act(f0, 16, 16);
  const sim::Action a1 = runner.act(f1, 16, 16);
  const sim::Action a2 = runner.act(f2, 16, 16);
  const sim::Action e0 = meanOf(file, {f0, f0}, 16), e1 = meanOf(file, {f0, f1}, 16),
                    e2 = meanOf(file, {f1, f2}, 16);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_FLOAT_EQ(a0[i], e0[i]);
    EXPECT_FLOAT_EQ(a1[i], e1[i]);
    EXPECT_FLOAT_EQ(a2[i], e2[i]);
    EXPECT_LE(std::abs(a0[i]), 1.0f);
  }
  // reset() starts a new stack: the same first frame gives the same action, whatever came before.
  runner.reset(7);
  EXPECT_EQ(runner.act(f0, 16, 16), a0);
}

TEST(PolicyRunner, SampledActionsAreSeededPerEpisodeAndDifferFromTheMean) {
  const fs::path file = test::saveTinyPolicy(test::freshDir() / "p.pt", {"soccer", 16});
  PolicyRunner sampler(file, "cpu", ActionMode::Sample);
  PolicyRunner mean(file, "cpu");
  const auto frame = noiseFrame(16, 4);
  auto episode = [&](PolicyRunner& runner, std::uint64_t seed) {
    runner.reset(seed);
    std::vector<sim::Action> actions;
    for (int t = 0; t < 5; ++t) actions.push_back(runner.act(frame, 16, 16));
    return actions;
  };
  const auto a = episode(sampler, 5);
  EXPECT_EQ(episode(sampler, 5), a);
  EXPECT_NE(episode(sampler, 6), a);
  const auto m = episode(mean, 5);
  EXPECT_NE(m, a);
  EXPECT_EQ(m[0], m[4]);  // the same frames: the same mean
  EXPECT_NE(a[0], a[1]);  // but fresh noise every step
  for (const auto& action : a)
    for (float v : action) {
      EXPECT_GE(v, -1.0f);
      EXPECT_LE(v, 1.0f);
    }
}

TEST(PolicyRunner, FramesOfAnotherSizeAreAnErrorNamingBothSizes) {
  PolicyRunner runner(test::saveTinyPolicy(test::freshDir() / "p.pt", {"soccer", 16}), "cpu");
  expectErrorMentioning([&] { runner.act(noiseFrame(24, 1), 24, 24); }, {"24x24", "16x16"});
  expectErrorMentioning([&] { runner.act(std::vector<std::uint8_t>(10), 16, 16); }, {"10 bytes", "16x16"});
}

TEST(PolicyRunner, BadCheckpointsAreErrorsNamingTheFile) {
  const fs::path dir = test::freshDir();
  expectErrorMentioning([&] { PolicyRunner(dir / "missing.pt", "cpu"); }, {(dir / "missing.pt").string()});
  const fs::path worldModel = test::saveTinyWorldModel(dir / "wm.pt");
  expectErrorMentioning([&] { PolicyRunner(worldModel, "cpu"); },
                        {worldModel.string(), "world model checkpoint, not a policy"});
  const fs::path text = dir / "notes.pt";
  std::ofstream(text) << "not a checkpoint";
  expectErrorMentioning([&] { PolicyRunner(text, "cpu"); }, {text.string()});
  const fs::path threeD = test::saveTinyPolicy(dir / "3d.pt", {"soccer", 16, 1, 3});
  expectErrorMentioning([&] { PolicyRunner(threeD, "cpu"); }, {threeD.string(), "3 dimensions"});
  expectErrorMentioning([&] { PolicyRunner(threeD, "tpu"); }, {"tpu"});
}

}  // namespace w4rl::pipeline
