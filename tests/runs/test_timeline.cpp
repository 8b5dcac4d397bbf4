#include <gtest/gtest.h>

#include "common/error.h"
#include "runs/timeline.h"

namespace w4rl::runs {

TEST(Timeline, PlaysAtItsSpeedStopsAtTheEndAndNotifiesEveryChange) {
  Timeline t;
  std::vector<int> seen;
  t.onFrameChanged([&seen](int f) { seen.push_back(f); });
  t.setFrameCount(10);
  t.setSpeed(4.0);
  t.play();
  EXPECT_FALSE(t.advance(0.2));  // 0.8 of a frame
  EXPECT_TRUE(t.advance(0.1));   // 1.2 frames in all
  EXPECT_EQ(t.frame(), 1);
  EXPECT_TRUE(t.advance(1.0));  // + 4 frames (the 0.2 carried)
  EXPECT_EQ(t.frame(), 5);
  t.advance(10.0);
  EXPECT_EQ(t.frame(), 9);
  EXPECT_FALSE(t.playing());  // stopped at the last frame
  EXPECT_EQ(seen, (std::vector<int>{1, 5, 9}));
  t.play();  // from the start again
  EXPECT_EQ(t.frame(), 0);
}

TEST(Timeline, StepsSeeksAndLoopsWithinRange) {
  Timeline t;
  t.setFrameCount(5);
  t.play();
  t.step(+2);
  EXPECT_FALSE(t.playing());  // a step pauses
  EXPECT_EQ(t.frame(), 2);
  t.step(-7);
  EXPECT_EQ(t.frame(), 0);
  t.seek(99);
  EXPECT_EQ(t.frame(), 4);
  t.setLooping(true);
  t.seek(3);
  t.play();
  t.setSpeed(1.0);
  t.advance(3.0);
  EXPECT_EQ(t.frame(), 1);  // 3 + 3 = 6 -> wraps to 1
  EXPECT_TRUE(t.playing());
  t.setFrameCount(1);
  EXPECT_EQ(t.frame(), 0);
  t.setFrameCount(0);
  EXPECT_FALSE(t.playing());
  EXPECT_THROW(t.setSpeed(0.0), Error);
  EXPECT_THROW(t.setFrameCount(-1), Error);
}

}  // namespace w4rl::runs
