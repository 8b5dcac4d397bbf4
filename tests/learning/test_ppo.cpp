#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "common/error.h"
#include "learning/context_source.h"
#include "learning/gaussian_policy.h"
#include "learning/ppo_math.h"

namespace w4rl::learning {

TEST(Gae, MatchesAHandComputedRollout) {
  // One environment, three steps, episode ends after step 1; gamma 0.9, lambda 0.8.
  const auto r = torch::tensor({1.0, 0.0, 2.0}, torch::kDouble).view({3, 1});
  const auto v = torch::tensor({0.5, 0.4, 0.3}, torch::kDouble).view({3, 1});
  const auto d = torch::tensor({0.0, 1.0, 0.0}, torch::kDouble).view({3, 1});
  const auto next = torch::tensor({0.6}, torch::kDouble);
  const auto out = generalisedAdvantages(r, v, d, next, 0.9, 0.8);
  // delta2 = 2 + 0.9*0.6 - 0.3 = 2.24; A2 = 2.24
  // delta1 = 0 + 0 - 0.4 = -0.4 (done); A1 = -0.4
  // delta0 = 1 + 0.9*0.4 - 0.5 = 0.86; A0 = 0.86 + 0.9*0.8*(-0.4) = 0.572
  EXPECT_NEAR(out.advantages[2][0].item<double>(), 2.24, 1e-12);
  EXPECT_NEAR(out.advantages[1][0].item<double>(), -0.4, 1e-12);
  EXPECT_NEAR(out.advantages[0][0].item<double>(), 0.572, 1e-12);
  EXPECT_NEAR(out.returns[0][0].item<double>(), 1.072, 1e-12);
}

TEST(LeaveOneOut, EachEpisodeAgainstTheOthersOfItsGroup) {
  // Four episodes of three steps in two groups of two; gamma 0.5. A reward after an episode ended
  // (episode 0 at step 2, not alive) does not count.
  const auto r =
      torch::tensor({{0.0, 0.0, 1.0, 0.0}, {1.0, 0.0, 0.0, 0.0}, {1.0, 0.0, 0.0, 1.0}}, torch::kDouble);
  const auto alive =
      torch::tensor({{1.0, 1.0, 1.0, 1.0}, {1.0, 1.0, 0.0, 1.0}, {0.0, 1.0, 0.0, 1.0}}, torch::kDouble);
  const auto a = leaveOneOutAdvantages(r, alive, 2, 0.5);
  ASSERT_EQ(a.sizes(), r.sizes());
  // Returns 0.5, 0 | 1, 0.25: each less the other's of its group, at every step.
  const double expected[] = {0.5, -0.5, 0.75, -0.75};
  for (int t = 0; t < 3; ++t)
    for (int b = 0; b < 4; ++b) EXPECT_NEAR(a[t][b].item<double>(), expected[b], 1e-12) << t << "," << b;
  // Groups of four: each episode against the mean of the other three.
  const auto four = leaveOneOutAdvantages(r, alive, 4, 0.5);
  EXPECT_NEAR(four[0][0].item<double>(), 0.5 - (0.0 + 1.0 + 0.25) / 3, 1e-12);
  EXPECT_NEAR(four[0][2].item<double>(), 1.0 - (0.5 + 0.0 + 0.25) / 3, 1e-12);
  // A group whose episodes all end alike gives no advantage at all.
  const auto same = leaveOneOutAdvantages(torch::zeros({3, 4}, torch::kDouble), alive, 2, 0.5);
  EXPECT_EQ(same.abs().sum().item<double>(), 0.0);
  EXPECT_THROW(leaveOneOutAdvantages(r, alive, 1, 0.5), Error);
  EXPECT_THROW(leaveOneOutAdvantages(r, alive, 3, 0.5), Error);
  EXPECT_THROW(leaveOneOutAdvantages(r, alive.slice(0, 0, 2), 2, 0.5), Error);
}

TEST(ContextBatch, RepeatEachKeepsEveryStartsCopiesTogether) {
  ContextBatch b{torch::arange(2, torch::kFloat).view({2, 1}).to(torch::kUInt8),
                 torch::tensor({{0.5f}, {-0.5f}}), torch::tensor({3, 7}, torch::kLong)};
  const auto g = repeatEach(b, 3);
  EXPECT_TRUE(torch::equal(g.task, torch::tensor({3, 3, 3, 7, 7, 7}, torch::kLong)));
  EXPECT_TRUE(torch::equal(g.frames.flatten(), torch::tensor({0, 0, 0, 1, 1, 1}, torch::kUInt8)));
  EXPECT_FLOAT_EQ(g.actions[2][0].item<float>(), 0.5f);
  EXPECT_FLOAT_EQ(g.actions[3][0].item<float>(), -0.5f);
}

TEST(PpoLoss, ClippedSurrogateValueLossKlAndClipFraction) {
  const auto oldLp = torch::zeros({4}, torch::kDouble);
  // Ratios e^0.5 ~ 1.65 (clipped to 1.2 for a positive advantage), 1, e^-0.5 ~ 0.61 (negative advantage:
  // clipped to 0.8 gives the larger loss), 1.1 (inside the clip range).
  const auto newLp = torch::tensor({0.5, 0.0, -0.5, std::log(1.1)}, torch::kDouble);
  const auto adv = torch::tensor({1.0, 1.0, -1.0, -1.0}, torch::kDouble);
  const auto values = torch::tensor({1.0, 2.0, 3.0, 4.0}, torch::kDouble);
  PpoLossOptions o;
  o.normaliseAdvantages = false;
  o.clipValue = false;
  const auto t =
      ppoLoss(newLp, oldLp, adv, values, values, values + 1.0, torch::ones({4}, torch::kDouble), o);
  const double expected = (-1.2 + -1.0 + 0.8 + 1.1) / 4.0;
  EXPECT_NEAR(t.policyLoss.item<double>(), expected, 1e-12);
  EXPECT_NEAR(t.valueLoss.item<double>(), 0.5, 1e-12);  // 0.5 * mean(1^2)
  EXPECT_NEAR(t.clipFraction.item<double>(), 0.5, 1e-12);
  double kl = 0;
  for (double lr : {0.5, 0.0, -0.5, std::log(1.1)}) kl += (std::exp(lr) - 1) - lr;
  EXPECT_NEAR(t.approxKl.item<double>(), kl / 4, 1e-12);
  EXPECT_NEAR(t.entropy.item<double>(), 1.0, 1e-12);
}

TEST(PpoLoss, ValueClippingLimitsTheUpdate) {
  const auto lp = torch::zeros({1}, torch::kDouble);
  PpoLossOptions o;
  o.normaliseAdvantages = false;
  // Old value 0, new value 1, return 1: the clipped value 0.2 has error 0.8, which is the max.
  const auto t = ppoLoss(lp, lp, torch::ones({1}, torch::kDouble), torch::ones({1}, torch::kDouble),
                         torch::zeros({1}, torch::kDouble), torch::ones({1}, torch::kDouble),
                         torch::zeros({1}, torch::kDouble), o);
  EXPECT_NEAR(t.valueLoss.item<double>(), 0.5 * 0.64, 1e-12);
}

TEST(Gaussian, LogProbAndEntropyMatchClosedForm) {
  const auto x = torch::tensor({{0.3, -0.2}}, torch::kDouble);
  const auto mean = torch::tensor({{0.1, 0.0}}, torch::kDouble);
  const auto logStd = torch::tensor({{-1.0, 0.0}}, torch::kDouble);
  double expected = 0;
  const double xs[2] = {0.3, -0.2}, ms[2] = {0.1, 0.0}, ls[2] = {-1.0, 0.0};
  for (int i = 0; i < 2; ++i) {
    const double s = std::exp(ls[i]);
    expected += -std::log(s * std::sqrt(2 * M_PI)) - (xs[i] - ms[i]) * (xs[i] - ms[i]) / (2 * s * s);
  }
  EXPECT_NEAR(gaussianLogProb(x, mean, logStd).item<double>(), expected, 1e-12);
  EXPECT_NEAR(gaussianEntropy(logStd).item<double>(), -1.0 + 0.0 + 1.0 + std::log(2 * M_PI), 1e-12);
}

TEST(Gaussian, KlMatchesClosedFormAndASampledEstimate) {
  // p = N((0.5, -0.2), diag(e^-1, e^0.3)^2), q = N((0, 0.1), diag(1, e^-0.2)^2).
  const auto mp = torch::tensor({{0.5, -0.2}}, torch::kDouble),
             lp = torch::tensor({{-1.0, 0.3}}, torch::kDouble);
  const auto mq = torch::tensor({{0.0, 0.1}}, torch::kDouble),
             lq = torch::tensor({{0.0, -0.2}}, torch::kDouble);
  // Per dimension: log(sq / sp) + (sp^2 + (mp - mq)^2) / (2 sq^2) - 1/2.
  const double sp[2] = {std::exp(-1.0), std::exp(0.3)}, sq[2] = {1.0, std::exp(-0.2)};
  const double dm[2] = {0.5, -0.3};
  double expected = 0;
  for (int i = 0; i < 2; ++i)
    expected += std::log(sq[i] / sp[i]) + (sp[i] * sp[i] + dm[i] * dm[i]) / (2 * sq[i] * sq[i]) - 0.5;
  EXPECT_NEAR(gaussianKl(mp, lp, mq, lq).item<double>(), expected, 1e-12);
  EXPECT_NEAR(gaussianKl(mp, lp, mp, lp).item<double>(), 0.0, 1e-12);
  // The Monte Carlo estimate E_p[log p(x) - log q(x)] agrees.
  torch::manual_seed(0);
  const auto x = mp + lp.exp() * torch::randn({200000, 2}, torch::kDouble);
  const double sampled = (gaussianLogProb(x, mp, lp) - gaussianLogProb(x, mq, lq)).mean().item<double>();
  EXPECT_NEAR(sampled, expected, 0.02);
}

TEST(GaussianPolicy, SigmaIsClippedAtEToTheZeroAndMeanIsBounded) {
  torch::manual_seed(0);
  PolicyConfig c;
  c.imageSize = 16;
  c.channels = {8, 8};
  c.hidden = 16;
  GaussianPolicy policy(c);
  // Push the log-std head far up and the mean head far out: the outputs must stay in bounds.
  torch::NoGradGuard noGrad;
  for (auto& p : policy->named_parameters())
    if (p.key().rfind("log_std", 0) == 0 || p.key().rfind("mean", 0) == 0) p.value().fill_(5.0);
  const auto frames = torch::randint(0, 256, {3, 1, 16, 16, 3}).to(torch::kUInt8);
  const auto out = policy->forward(frames);
  EXPECT_EQ(out.mean.sizes(), (std::vector<int64_t>{3, 4}));
  EXPECT_LE(out.logStd.max().item<float>(), 0.0f);  // sigma <= e^0 = 1
  EXPECT_LE(out.logStd.exp().max().item<float>(), 1.0f);
  EXPECT_LE(out.mean.abs().max().item<float>(), 1.0f);
  EXPECT_GT(out.mean.abs().max().item<float>(), 0.99f);  // saturated, not cut to zero
}

}  // namespace w4rl::learning
