#include <gtest/gtest.h>

#include <cmath>

#include "common/progress_rate.h"

namespace w4rl {

TEST(ProgressRate, UnknownUntilTheCountHasRunASecondAndMoved) {
  ProgressRate r;
  EXPECT_TRUE(std::isnan(r.perSecond()));
  r.observe(1, 100, 10.0);
  EXPECT_TRUE(std::isnan(r.perSecond()));  // one event: no interval yet
  r.observe(2, 100, 10.5);
  EXPECT_TRUE(std::isnan(r.perSecond()));  // under a second
  EXPECT_TRUE(std::isnan(r.secondsLeft()));
  r.observe(1, 100, 11.0);  // backwards: a new count from here
  r.observe(1, 100, 13.0);
  EXPECT_TRUE(std::isnan(r.perSecond()));  // ran, but did not move
  r.observe(5, 100, 14.0);
  EXPECT_DOUBLE_EQ(r.perSecond(), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.secondsLeft(), 95.0 * 3.0 / 4.0);
}

TEST(ProgressRate, AResumedRunIsTimedFromItsFirstEventNotFromZero) {
  ProgressRate r;
  r.observe(5000, 12000, 100.0);  // resumed at step 5000
  r.observe(5030, 12000, 110.0);
  EXPECT_DOUBLE_EQ(r.perSecond(), 3.0);
  EXPECT_DOUBLE_EQ(r.secondsLeft(), 6970.0 / 3.0);
}

TEST(ProgressRate, ANewTotalStartsANewCount) {
  ProgressRate r;
  r.observe(0, 50, 0.0);
  r.observe(50, 50, 5.0);
  EXPECT_DOUBLE_EQ(r.perSecond(), 10.0);
  EXPECT_DOUBLE_EQ(r.secondsLeft(), 0.0);
  r.observe(50, 200, 6.0);  // the next stage, counting from 50 of a new total
  EXPECT_TRUE(std::isnan(r.perSecond()));
  r.observe(60, 200, 8.0);
  EXPECT_DOUBLE_EQ(r.perSecond(), 5.0);
  EXPECT_DOUBLE_EQ(r.secondsLeft(), 28.0);
}

}  // namespace w4rl
