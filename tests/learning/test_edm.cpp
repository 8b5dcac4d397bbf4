#include <gtest/gtest.h>
#include <torch/torch.h>

#include "learning/edm.h"

namespace w4rl::learning {

TEST(Edm, PreconditioningIdentities) {
  const double sd = 0.5;
  const auto sigma = torch::tensor({0.002, 0.1, 0.5, 1.0, 5.0, 80.0}, torch::kDouble);
  const auto s = edmScalings(sigma, sd);
  // cIn normalises the input: cIn^2 (sigma^2 + sd^2) = 1.
  EXPECT_TRUE(torch::allclose(s.cIn.pow(2) * (sigma.pow(2) + sd * sd), torch::ones_like(sigma)));
  // The loss weight makes the effective target's weight one: lambda * cOut^2 = 1.
  EXPECT_TRUE(torch::allclose(edmLossWeight(sigma, sd) * s.cOut.pow(2), torch::ones_like(sigma)));
  // cSkip^2 sigma^2 + ... : the effective training target (x0 - cSkip (x0 + sigma n)) / cOut has unit
  // variance when x0 has variance sd^2: ((1 - cSkip)^2 sd^2 + cSkip^2 sigma^2) / cOut^2 = 1.
  const auto var = ((1 - s.cSkip).pow(2) * sd * sd + s.cSkip.pow(2) * sigma.pow(2)) / s.cOut.pow(2);
  EXPECT_TRUE(torch::allclose(var, torch::ones_like(sigma)));
  // Limits: no noise -> skip everything; cNoise = ln(sigma) / 4.
  EXPECT_NEAR(s.cSkip[0].item<double>(), 1.0, 1e-4);
  EXPECT_NEAR(s.cNoise[3].item<double>(), 0.0, 1e-12);
}

TEST(Edm, KarrasScheduleRunsFromMaxToMinThenZero) {
  EdmParams p;
  const auto s = karrasSigmas(3, p, torch::dtype(torch::kDouble));
  ASSERT_EQ(s.size(0), 4);
  EXPECT_NEAR(s[0].item<double>(), 5.0, 1e-9);
  EXPECT_NEAR(s[2].item<double>(), 2e-3, 1e-9);
  EXPECT_EQ(s[3].item<double>(), 0.0);
  EXPECT_TRUE((s.slice(0, 0, 3) > s.slice(0, 1, 4)).all().item<bool>());
  // rho = 7: the middle value is ((max^(1/7) + min^(1/7)) / 2)^7.
  const double mid = std::pow((std::pow(5.0, 1 / 7.0) + std::pow(2e-3, 1 / 7.0)) / 2, 7);
  EXPECT_NEAR(s[1].item<double>(), mid, 1e-9);
}

TEST(Edm, TrainingSigmasAreLogNormal) {
  EdmParams p;
  auto gen = at::detail::createCPUGenerator(1);
  const auto s = sampleTrainingSigmas(50000, p, torch::dtype(torch::kDouble), gen);
  EXPECT_NEAR(s.log().mean().item<double>(), -0.4, 0.03);
  EXPECT_NEAR(s.log().std().item<double>(), 1.2, 0.03);
}

}  // namespace w4rl::learning
