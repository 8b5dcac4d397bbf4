// The torch-free imagination services the studio uses, on real (small, untrained) checkpoints.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/policy_checkpoint.h"
#include "pipeline/imagination_service.h"
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

}  // namespace w4rl::pipeline
