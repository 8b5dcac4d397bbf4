#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/error.h"
#include "learning/action_encoding.h"

namespace w4rl::learning {

TEST(TwoHot, WeightsArePositiveAdjacentAndSumToOne) {
  const ActionEncoder enc(ActionEncoding::TwoHot, 4, 21);
  torch::manual_seed(0);
  const auto a = torch::rand({64, 4}) * 2 - 1;
  const auto e = enc.encode(a).reshape({64, 4, 21});
  EXPECT_TRUE(torch::allclose(e.sum(-1), torch::ones({64, 4})));
  EXPECT_GE(e.min().item<float>(), 0.0f);
  const auto nonzero = (e > 1e-7).sum(-1);
  EXPECT_LE(nonzero.max().item<int64_t>(), 2);
  // The non-zero bins are neighbours: their index spread is at most 1.
  const auto idx = torch::arange(21).to(torch::kFloat);
  const auto maxIdx = torch::where(e > 1e-7, idx, torch::full_like(e, -1)).amax(-1);
  const auto minIdx = torch::where(e > 1e-7, idx, torch::full_like(e, 99)).amin(-1);
  EXPECT_LE((maxIdx - minIdx).max().item<float>(), 1.0f);
}

TEST(TwoHot, DecodeRecoversTheContinuousAction) {
  const ActionEncoder enc(ActionEncoding::TwoHot, 3, 21);
  const auto a = torch::tensor({{-1.0f, 1.0f, 0.0f}, {0.033f, -0.517f, 0.999f}, {0.1f, 0.15f, -0.95f}});
  EXPECT_TRUE(torch::allclose(enc.decode(enc.encode(a)), a, 1e-5, 1e-6));
}

TEST(TwoHot, WeightIsProportionalToCloseness) {
  const ActionEncoder enc(ActionEncoding::TwoHot, 1, 21);  // bin width 0.1; centres ..., 0.0, 0.1, ...
  const auto e = enc.encode(torch::tensor({{0.025f}})).reshape({21});
  EXPECT_NEAR(e[10].item<float>(), 0.75f, 1e-5);  // 0.025 from the centre 0.0
  EXPECT_NEAR(e[11].item<float>(), 0.25f, 1e-5);  // 0.075 from the centre 0.1
}

TEST(TwoHot, BinCentreIsOneHotAndOutOfRangeIsClamped) {
  const ActionEncoder enc(ActionEncoding::TwoHot, 1, 21);
  const auto atCentre = enc.encode(torch::tensor({{0.3f}})).reshape({21});
  EXPECT_NEAR(atCentre[13].item<float>(), 1.0f, 1e-5);
  const auto beyond = enc.encode(torch::tensor({{7.0f}})).reshape({21});
  EXPECT_NEAR(beyond[20].item<float>(), 1.0f, 1e-6);
}

TEST(OneHot, PicksTheNearestBin) {
  const ActionEncoder enc(ActionEncoding::OneHot, 1, 21);
  const auto e = enc.encode(torch::tensor({{0.26f}})).reshape({21});
  EXPECT_EQ(e.argmax().item<int64_t>(), 13);
  EXPECT_NEAR(e.sum().item<float>(), 1.0f, 1e-6);
  EXPECT_NEAR(enc.decode(e.reshape({1, 21})).item<float>(), 0.3f, 1e-5);
}

TEST(Linear, IsTheIdentity) {
  const ActionEncoder enc(ActionEncoding::Linear, 4, 21);
  EXPECT_EQ(enc.encodedDim(), 4);
  const auto a = torch::tensor({{0.5f, -0.25f, 1.0f, 0.0f}});
  EXPECT_TRUE(torch::equal(enc.encode(a), a));
}

TEST(ActionEncoder, EncodesLeadingDimensionsAndChecksTheLast) {
  const ActionEncoder enc(ActionEncoding::TwoHot, 4, 21);
  EXPECT_EQ(enc.encode(torch::zeros({2, 4, 4})).sizes(), (std::vector<int64_t>{2, 4, 84}));
  EXPECT_THROW(enc.encode(torch::zeros({2, 3})), Error);
  EXPECT_THROW(actionEncodingFromString("three-hot"), Error);
}

}  // namespace w4rl::learning
