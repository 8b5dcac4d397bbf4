// The torch-free imagination services the studio uses, on real (small, untrained) checkpoints.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"
#include "pipeline/services/imagination_service.h"
#include "pipeline/services/rollout_comparison.h"
#include "shared_test_support.h"

namespace fs = std::filesystem;

namespace w4rl::pipeline {
namespace {

fs::path tinyWorldModel(const fs::path& dir) {
  learning::WorldModelConfig c;
  c.imageSize = 16;
  c.channels = {8, 16};
  c.condDim = 16;
  c.tasks = {"door-lock", "hammer"};
  torch::manual_seed(0);
  learning::WorldModel model(c);
  saveWorldModel(dir / "wm.pt", model, nullptr, {});
  return dir / "wm.pt";
}

Frames randomEpisode(int n) {
  torch::manual_seed(1);
  const auto f = torch::randint(0, 256, {n, 16, 16, 3}).to(torch::kUInt8).contiguous();
  return Frames(f.data_ptr<std::uint8_t>(), f.data_ptr<std::uint8_t>() + f.numel());
}

}  // namespace

TEST(ImaginationService, ImaginesOpenLoopDeterministicallyAndStepsLive) {
  const auto dir = w4rl::test::freshDir();
  ImaginedWorld world(tinyWorldModel(dir), "cpu", 3);
  EXPECT_EQ(world.imageSize(), 16);
  EXPECT_EQ(world.tasks(), (std::vector<std::string>{"door-lock", "hammer"}));
  const auto frames = randomEpisode(10);
  const std::vector<float> actions(40, 0.5f);
  const auto a = world.imagineOpenLoop(frames, actions, 2, 5, "hammer");
  EXPECT_EQ(a.size(), 5u * 16 * 16 * 3);
  world.setSeed(3);
  EXPECT_EQ(world.imagineOpenLoop(frames, actions, 2, 5, "hammer"), a);
  // The horizon stops at the episode's last frame.
  EXPECT_EQ(world.imagineOpenLoop(frames, actions, 7, 5).size(), 2u * 16 * 16 * 3);
  world.resetFromEpisode(frames, actions, 0, "door-lock");
  EXPECT_EQ(world.step({1, 0, 0, -1}).size(), 16u * 16 * 3);
  EXPECT_THROW(world.step({1, 0}), Error);
  EXPECT_THROW(world.resetFromEpisode(frames, actions, 0, "soccer"), Error);
  EXPECT_THROW(world.resetFromEpisode(Frames(100, 0), actions, 0), Error);
  EXPECT_THROW(world.resetFromEpisode(frames, std::vector<float>(3), 0), Error);
}

TEST(ImaginationService, ScoresFramesAndRefusesOtherKindsAndSizes) {
  const auto dir = w4rl::test::freshDir();
  learning::SuccessClassifier classifier(learning::RewardConfig{"hammer", 16, {8, 16}, 16, 0.3});
  saveReward(dir / "r.pt", classifier, {});
  SuccessScorer scorer(dir / "r.pt", "cpu");
  EXPECT_DOUBLE_EQ(scorer.threshold(), 0.3);
  EXPECT_EQ(scorer.task(), "hammer");
  const auto p = scorer.probabilities(randomEpisode(4), 16, 16);
  ASSERT_EQ(p.size(), 4u);
  for (float x : p) EXPECT_TRUE(x >= 0.0f && x <= 1.0f);
  EXPECT_THROW(scorer.probabilities(randomEpisode(4), 32, 32), Error);
  EXPECT_THROW(ImaginedWorld(dir / "r.pt", "cpu"), Error);
  EXPECT_THROW(SuccessScorer(tinyWorldModel(dir), "cpu"), Error);
}

TEST(RolloutComparison, ComparesEachImaginedStepWithTheRealOneAndExports) {
  const auto dir = w4rl::test::freshDir();
  ImaginedWorld world(tinyWorldModel(dir), "cpu", 0);
  learning::SuccessClassifier classifier(learning::RewardConfig{"hammer", 16, {8, 16}, 16, 0.3});
  saveReward(dir / "r.pt", classifier, {});
  SuccessScorer scorer(dir / "r.pt", "cpu");
  ComparisonRequest r;
  r.frames = randomEpisode(12);
  r.actions.assign(48, -0.25f);
  r.task = "hammer";
  r.start = 3;
  r.horizon = 6;
  r.seed = 9;
  const auto c = compareRollout(world, &scorer, r);
  EXPECT_EQ(c.steps, 6);
  EXPECT_EQ(c.real.size(), 6u * 16 * 16 * 3);
  // The real side is frames 4..9 of the episode, exactly.
  EXPECT_TRUE(std::equal(c.real.begin(), c.real.end(), r.frames.begin() + 4 * 16 * 16 * 3));
  EXPECT_EQ(c.heat.size(), c.real.size());
  ASSERT_EQ(c.psnr.size(), 6u);
  EXPECT_EQ(c.realSuccess.size(), 6u);
  EXPECT_DOUBLE_EQ(c.successThreshold, 0.3);
  EXPECT_EQ(compareRollout(world, nullptr, r).imagined, c.imagined);  // same seed, same dream
  r.seed = 10;
  EXPECT_NE(compareRollout(world, nullptr, r).imagined, c.imagined);
  exportComparisonVideo(c, dir / "cmp.mp4");
  exportComparisonPng(c, 2, dir / "cmp.png");
  EXPECT_GT(fs::file_size(dir / "cmp.mp4"), 0u);
  EXPECT_GT(fs::file_size(dir / "cmp.png"), 0u);
  EXPECT_THROW(exportComparisonPng(c, 6, dir / "x.png"), Error);
  r.start = 11;
  EXPECT_THROW(compareRollout(world, nullptr, r), Error);
}

TEST(RolloutComparison, ShowsHowFarTheSamplesOfEachStepSpread) {
  const auto dir = w4rl::test::freshDir();
  ImaginedWorld world(tinyWorldModel(dir), "cpu", 0);
  ComparisonRequest r;
  r.frames = randomEpisode(8);
  r.actions.assign(32, 0.5f);
  r.start = 1;
  r.horizon = 4;
  r.seed = 3;
  const auto one = compareRollout(world, nullptr, r);
  EXPECT_TRUE(one.spread.empty());
  EXPECT_TRUE(one.meanSpread.empty());
  r.spreadSamples = 3;
  const auto three = compareRollout(world, nullptr, r);
  ASSERT_EQ(three.steps, 4);
  EXPECT_EQ(three.spread.size(), three.imagined.size());
  ASSERT_EQ(three.meanSpread.size(), 4u);
  // An untrained model's samples differ: noise in, noise out.
  for (double m : three.meanSpread) EXPECT_TRUE(m > 0.0 && m < 1.0) << m;
  EXPECT_EQ(compareRollout(world, nullptr, r).meanSpread, three.meanSpread) << "same seed, same samples";
  r.spreadSamples = 17;
  EXPECT_THROW(compareRollout(world, nullptr, r), Error);
}

}  // namespace w4rl::pipeline
