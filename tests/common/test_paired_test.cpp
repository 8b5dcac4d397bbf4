#include "common/paired_test.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace w4rl {
namespace {

TEST(ExactMcNemar, MatchesHandComputedBinomialTails) {
  // 7 gained, 2 lost: 2 * (C(9,0) + C(9,1) + C(9,2)) / 2^9 = 2 * 46 / 512.
  EXPECT_NEAR(exactMcNemarP({7, 2}), 92.0 / 512.0, 1e-12);
  // 10 gained, none lost: 2 / 2^10.
  EXPECT_NEAR(exactMcNemarP({10, 0}), 2.0 / 1024.0, 1e-12);
  // 2 gained, 10 lost (a measured coffee-pull refinement): 2 * (1 + 12 + 66) / 4096.
  EXPECT_NEAR(exactMcNemarP({2, 10}), 158.0 / 4096.0, 1e-12);
}

TEST(ExactMcNemar, IsSymmetricAndOneWithoutEvidence) {
  EXPECT_DOUBLE_EQ(exactMcNemarP({3, 11}), exactMcNemarP({11, 3}));
  EXPECT_EQ(exactMcNemarP({0, 0}), 1.0);
  EXPECT_EQ(exactMcNemarP({1, 0}), 1.0);  // 2 * 1/2: one seed proves nothing
  EXPECT_EQ(exactMcNemarP({5, 5}), 1.0);  // the doubled tail is capped at 1
}

TEST(ExactMcNemar, StaysFiniteForLargeCounts) {
  const double balanced = exactMcNemarP({1000, 1000});
  EXPECT_EQ(balanced, 1.0);
  const double lopsided = exactMcNemarP({1500, 500});
  EXPECT_GE(lopsided, 0.0);
  EXPECT_LT(lopsided, 1e-100);
  const double close = exactMcNemarP({1040, 960});
  EXPECT_GT(close, 0.05);  // z = 80 / sqrt(2000) = 1.79: not significant
  EXPECT_LT(close, 0.1);
}

TEST(ExactMcNemar, RejectsNegativeCounts) {
  EXPECT_THROW(exactMcNemarP({-1, 3}), Error);
  EXPECT_THROW(exactMcNemarP({3, -1}), Error);
}

}  // namespace
}  // namespace w4rl
