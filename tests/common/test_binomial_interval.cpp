// The Wilson score interval against values computed independently (Python, the textbook formula) and
// against its defining properties.
#include <gtest/gtest.h>

#include "common/binomial_interval.h"
#include "common/error.h"

namespace w4rl {

TEST(WilsonInterval, MatchesKnownValues) {
  struct Case {
    int successes, trials;
    double low, high;
  };
  // /usr/bin/python3: p=k/n; d=1+z*z/n; c=(p+z*z/(2n))/d; h=z/d*sqrt(p(1-p)/n+z*z/(4n*n)); (c-h, c+h)
  const Case cases[] = {
      {0, 10, 0.0, 0.2775327998628892},  {5, 10, 0.236593090512564, 0.7634069094874361},
      {10, 10, 0.7224672001371107, 1.0}, {34, 50, 0.5418970269185592, 0.7924178373934316},
      {1, 1, 0.20654931437723745, 1.0},  {0, 1, 0.0, 0.7934506856227626},
  };
  for (const auto& c : cases) {
    const auto ci = wilsonInterval(c.successes, c.trials);
    EXPECT_NEAR(ci.low, c.low, 1e-12) << c.successes << "/" << c.trials;
    EXPECT_NEAR(ci.high, c.high, 1e-12) << c.successes << "/" << c.trials;
  }
}

TEST(WilsonInterval, EdgesAreExactAndTheIntervalContainsTheRate) {
  EXPECT_EQ(wilsonInterval(0, 7).low, 0.0);
  EXPECT_EQ(wilsonInterval(7, 7).high, 1.0);
  for (int n = 1; n <= 60; ++n)
    for (int k = 0; k <= n; ++k) {
      const auto ci = wilsonInterval(k, n);
      const double p = static_cast<double>(k) / n;
      ASSERT_LE(ci.low, p) << k << "/" << n;
      ASSERT_GE(ci.high, p) << k << "/" << n;
      ASSERT_GE(ci.low, 0.0);
      ASSERT_LE(ci.high, 1.0);
    }
  // More trials at the same rate narrow the interval.
  const auto small = wilsonInterval(5, 10), large = wilsonInterval(50, 100);
  EXPECT_LT(large.high - large.low, small.high - small.low);
}

TEST(WilsonInterval, NoTrialsIsTheWholeRangeAndBadCountsAreErrors) {
  const auto none = wilsonInterval(0, 0);
  EXPECT_EQ(none.low, 0.0);
  EXPECT_EQ(none.high, 1.0);
  EXPECT_THROW(wilsonInterval(3, 2), Error);
  EXPECT_THROW(wilsonInterval(-1, 2), Error);
  EXPECT_THROW(wilsonInterval(1, 2, 0.0), Error);
}

}  // namespace w4rl
