// Policy checkpoints, behaviour cloning and the success classifier on the brightness world
// (brightness_world.h): real networks, real training.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "brightness_world.h"
#include "common/error.h"
#include "learning/bc_trainer.h"
#include "learning/policy_checkpoint.h"
#include "learning/reward_trainer.h"
#include "learning_fixtures.h"
#include "shared_test_support.h"

namespace w4rl::learning {

using namespace w4rl::learning::test;

TEST(PolicyCheckpoint, RoundTripsPolicyCriticAndOptimisersAndRefusesOtherKinds) {
  const auto dir = w4rl::test::freshDir();
  torch::manual_seed(1);
  GaussianPolicy policy(tinyPolicy());
  ValueNetwork critic(tinyPolicy());
  torch::optim::Adam a(policy->parameters()), b(critic->parameters());
  PolicyCheckpoint c{policy, critic, &a, &b, {}};
  c.info.step = 7;
  savePolicy(dir / "p.pt", c);
  auto loaded = loadPolicy(dir / "p.pt", torch::kCPU);
  EXPECT_EQ(loaded.info.kind, "policy");
  EXPECT_EQ(loaded.info.step, 7);
  EXPECT_EQ(loaded.policy->config().task, "brightness");
  ASSERT_TRUE(loaded.critic);
  const auto frames = greyFrames(torch::rand({3})).unsqueeze(1);
  EXPECT_TRUE(torch::allclose(loaded.policy->forward(frames).mean, policy->forward(frames).mean));
  EXPECT_TRUE(torch::allclose(loaded.critic->forward(frames), critic->forward(frames)));
  torch::optim::Adam a2(loaded.policy->parameters()), b2(loaded.critic->parameters());
  EXPECT_TRUE(loadPolicyOptimizers(dir / "p.pt", torch::kCPU, a2, b2));

  SuccessClassifier classifier(RewardConfig{"brightness", kImage, {8, 16}, 16, 0.4});
  saveReward(dir / "r.pt", classifier, {});
  EXPECT_DOUBLE_EQ(loadReward(dir / "r.pt", torch::kCPU).classifier->config().threshold, 0.4);
  try {
    loadPolicy(dir / "r.pt", torch::kCPU);
    FAIL() << "a reward checkpoint loaded as a policy";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("a reward classifier checkpoint, not a policy"), std::string::npos);
  }
  EXPECT_THROW(loadReward(dir / "p.pt", torch::kCPU), Error);
}

TEST(SuccessMetrics, RocAucAndBalancedThresholdOnAHandCase) {
  // Scores of positives 0.9, 0.6, 0.4; negatives 0.5, 0.2, 0.1: 8 of 9 pairs ordered -> AUC 8/9.
  const auto scores = torch::tensor({0.9, 0.6, 0.4, 0.5, 0.2, 0.1});
  const auto labels = torch::tensor({1.0, 1.0, 1.0, 0.0, 0.0, 0.0});
  EXPECT_NEAR(rocAuc(scores, labels), 8.0 / 9.0, 1e-12);
  EXPECT_NEAR(rocAuc(torch::tensor({0.5, 0.5}), torch::tensor({1.0, 0.0})), 0.5, 1e-12);  // a tie counts half
  EXPECT_EQ(rocAuc(scores, torch::ones({6})), -1.0);
  // Best balanced accuracy 5/6: one positive missed or one negative accepted, never more errors.
  const auto [threshold, value] = balancedThreshold(scores, labels);
  EXPECT_NEAR(value, 5.0 / 6.0, 1e-12);
  const auto predicted = scores > threshold;
  EXPECT_EQ(predicted.sum().item<int>() - (predicted & (labels > 0.5)).sum().item<int>() +
                ((~predicted) & (labels > 0.5)).sum().item<int>(),
            1)
      << "one error at the chosen threshold " << threshold;
}

TEST(SuccessMetrics, EpisodeThresholdSeparatesEpisodesWhereTheFramesThresholdDoesNot) {
  // Three failed episodes (lengths 4, 4, 4), one of them with a single high frame (0.7), and two
  // successes whose success frames score 0.9 and 0.85. An episode succeeds when any frame crosses.
  const auto scores = torch::tensor({0.1, 0.1, 0.1, 0.1, 0.1, 0.7, 0.1,  0.1, 0.2, 0.1, 0.1, 0.1,  //
                                     0.1, 0.2, 0.9, 0.9, 0.1, 0.1, 0.85, 0.6},
                                    torch::kDouble);
  const auto labels = torch::tensor({0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,  //
                                     0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0});
  const std::vector<std::int64_t> lengths{4, 4, 4, 4, 4};
  const auto episodes = episodeScores(scores, labels, lengths);
  ASSERT_EQ(episodes.maxScore.numel(), 5);
  EXPECT_NEAR(episodes.maxScore[1].item<double>(), 0.7, 1e-12);
  EXPECT_NEAR(episodes.maxScore[4].item<double>(), 0.85, 1e-12);
  EXPECT_EQ(episodes.success.sum().item<double>(), 2.0);
  // On frames, missing the 0.6 success frame costs more than accepting the one 0.7 failure frame among
  // 16, so the frames' threshold lies below 0.6 and the second episode would count as a success.
  const auto [frame, frameValue] = balancedThreshold(scores, labels);
  EXPECT_LT(frame, 0.6);
  const auto [threshold, value] = episodeThreshold(episodes);
  EXPECT_DOUBLE_EQ(value, 1.0);
  EXPECT_NEAR(threshold, 0.775, 1e-12) << "the middle between the failures' 0.7 and the successes' 0.85";
  // Episodes of one kind only, and lengths that do not cover the scores, are not calibrated on.
  EXPECT_EQ(episodeThreshold(episodeScores(scores.slice(0, 0, 12), labels.slice(0, 0, 12), {4, 4, 4})).second,
            -1.0);
  EXPECT_THROW(episodeScores(scores, labels, {4, 4}), Error);
  EXPECT_THROW(episodeScores(scores, labels, {20, 0}), Error);
}

TEST(BehaviourCloning, LearnsTheDemonstratedActionAndKeepsTheBestCheckpoint) {
  const auto dir = w4rl::test::freshDir();
  const auto train = levels(512, 1), valid = levels(128, 2);
  const auto r = trainBehaviourCloning(tinyPolicy(), quick(500), dir, train, valid, nullptr, CancelToken());
  EXPECT_EQ(r.steps, 500);
  // The demonstrated action's first component is 2g - 1 (variance 1/3 over g ~ U(0, 1), the others 0):
  // an untrained policy's mean-square error is about 1/12 per dimension; a cloned one is far below.
  EXPECT_LT(r.validActionMse, 0.02);
  auto loaded = loadPolicy(dir / "policy.pt", torch::kCPU);
  EXPECT_FALSE(loaded.critic);
  const auto mean = loaded.policy->forward(greyFrames(torch::tensor({0.1, 0.9})).unsqueeze(1)).mean;
  EXPECT_NEAR(mean[0][0].item<double>(), -0.8, 0.25);
  EXPECT_NEAR(mean[1][0].item<double>(), 0.8, 0.25);
  EXPECT_FALSE(metricSeries(dir / "metrics.jsonl", "valid/nll").empty());
  // A second run into the same directory would overwrite the policy: refused.
  EXPECT_THROW(trainBehaviourCloning(tinyPolicy(), quick(1), dir, train, valid, nullptr, CancelToken()),
               Error);
}

TEST(BehaviourCloning, RefusesBfloat16WhichOnlyTheWorldModelHas) {
  auto settings = quick(5);
  settings.set("precision", "bfloat16");
  try {
    trainBehaviourCloning(tinyPolicy(), settings, w4rl::test::freshDir(), levels(16, 1), levels(8, 2),
                          nullptr, CancelToken());
    FAIL() << "bfloat16 behaviour cloning was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("precision bfloat16"), std::string::npos) << e.what();
  }
}

TEST(BehaviourCloning, RefusesTheWorldModelsMovingPixelWeight) {
  auto settings = quick(5);
  settings.set("moving_pixel_weight", "4");
  try {
    trainBehaviourCloning(tinyPolicy(), settings, w4rl::test::freshDir(), levels(16, 1), levels(8, 2),
                          nullptr, CancelToken());
    FAIL() << "moving_pixel_weight was accepted by behaviour cloning";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("moving_pixel_weight"), std::string::npos) << e.what();
  }
}

TEST(SuccessClassifier, LearnsBalancedFromRareSuccessesAndCalibratesItsThreshold) {
  const auto dir = w4rl::test::freshDir();
  auto train = levels(600, 3), valid = levels(300, 4);
  RewardConfig config{"brightness", kImage, {8, 16}, 16};
  const auto r = trainSuccessClassifier(config, quick(300), dir, train, valid, nullptr, CancelToken());
  EXPECT_GT(r.trainPositives, 0);
  EXPECT_GT(r.validAuc, 0.98);
  EXPECT_GT(r.validBalancedAccuracy, 0.93);
  // Without episodes the frames' threshold is the one stored.
  EXPECT_DOUBLE_EQ(r.threshold, r.frameThreshold);
  EXPECT_EQ(r.validEpisodeBalancedAccuracy, -1.0);
  auto loaded = loadReward(dir / "reward.pt", torch::kCPU);
  EXPECT_DOUBLE_EQ(loaded.classifier->config().threshold, r.threshold);
  EXPECT_NEAR(loaded.classifier->config().validAuc, r.validAuc, 1e-9);
  const auto p = loaded.classifier->probability(greyFrames(torch::tensor({0.2, 0.95})));
  EXPECT_LT(p[0].item<double>(), r.threshold);
  EXPECT_GT(p[1].item<double>(), r.threshold);
  // Only one class: a clear error instead of a classifier that always says no.
  train.labels.zero_();
  EXPECT_THROW(trainSuccessClassifier(config, quick(1), w4rl::test::freshDir() / "x", train, valid, nullptr,
                                      CancelToken()),
               Error);
}

TEST(SuccessClassifier, CalibratesItsThresholdOnHeldOutEpisodes) {
  // Held-out frames in episodes of 3: an episode succeeds when any of its frames is past the goal.
  auto train = levels(600, 3), valid = levels(300, 4);
  valid.episodeLengths.assign(100, 3);
  RewardConfig config{"brightness", kImage, {8, 16}, 16};
  const auto dir = w4rl::test::freshDir();
  const auto r = trainSuccessClassifier(config, quick(300), dir, train, valid, nullptr, CancelToken());
  EXPECT_GT(r.validSuccessEpisodes, 40);
  EXPECT_GT(r.validFailedEpisodes, 15);
  EXPECT_EQ(r.validSuccessEpisodes + r.validFailedEpisodes, 100);
  EXPECT_GT(r.validEpisodeBalancedAccuracy, 0.9);
  auto loaded = loadReward(dir / "reward.pt", torch::kCPU);
  EXPECT_DOUBLE_EQ(loaded.classifier->config().threshold, r.threshold);
  // The stored threshold is the episodes' own: it reproduces their balanced accuracy.
  const auto p = loaded.classifier->probability(valid.frames);
  const auto episodes = episodeScores(p, valid.labels, valid.episodeLengths);
  const auto predicted = episodes.maxScore > r.threshold, actual = episodes.success > 0.5;
  const double tpr = (predicted & actual).sum().item<double>() / actual.sum().item<double>();
  const double tnr = (~predicted & ~actual).sum().item<double>() / (~actual).sum().item<double>();
  EXPECT_NEAR(0.5 * (tpr + tnr), r.validEpisodeBalancedAccuracy, 1e-9);
  // Lengths that do not match the held-out samples are an error, not a silently wrong threshold.
  valid.episodeLengths.assign(99, 3);
  EXPECT_THROW(
      trainSuccessClassifier(config, quick(1), w4rl::test::freshDir(), train, valid, nullptr, CancelToken()),
      Error);
}

}  // namespace w4rl::learning
