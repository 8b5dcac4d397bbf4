#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "common/rng.h"

namespace w4rl {

TEST(Rng, SameSeedSameStream) {
  Rng a(42), b(42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.nextU64(), b.nextU64());
}

TEST(Rng, DifferentSeedsDiffer) {
  Rng a(1), b(2);
  int equal = 0;
  for (int i = 0; i < 100; ++i) equal += a.nextU64() == b.nextU64();
  EXPECT_EQ(equal, 0);
}

TEST(Rng, UniformInRangeWithPlausibleMoments) {
  Rng r(7);
  double sum = 0, sumSq = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform(-2.0, 3.0);
    ASSERT_GE(u, -2.0);
    ASSERT_LT(u, 3.0);
    sum += u;
    sumSq += u * u;
  }
  const double mean = sum / n, var = sumSq / n - mean * mean;
  EXPECT_NEAR(mean, 0.5, 0.05);
  EXPECT_NEAR(var, 25.0 / 12.0, 0.1);
}

TEST(Rng, NormalMoments) {
  Rng r(9);
  double sum = 0, sumSq = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double x = r.normal();
    ASSERT_TRUE(std::isfinite(x));
    sum += x;
    sumSq += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.03);
  EXPECT_NEAR(sumSq / n, 1.0, 0.05);
}

TEST(Rng, BelowCoversRange) {
  Rng r(3);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const auto v = r.below(7);
    ASSERT_LT(v, 7u);
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 7u);
}

TEST(Rng, MixSeedSeparatesStreams) {
  EXPECT_NE(mixSeed(5, 0), mixSeed(5, 1));
  EXPECT_NE(mixSeed(5, 1), mixSeed(6, 1));
  EXPECT_EQ(mixSeed(5, 1), mixSeed(5, 1));
}

}  // namespace w4rl
