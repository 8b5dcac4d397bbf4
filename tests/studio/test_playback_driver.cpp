// The play button and timer that play a timeline in real time (episode view, Real vs imagined).
#include <gtest/gtest.h>

#include <QPushButton>
#include <QTest>

#include "playback_driver.h"
#include "runs/timeline.h"

namespace w4rl::studio {

TEST(PlaybackDriver, PlaysToTheEndAtTheChosenSpeedAndPausesOnASecondClick) {
  runs::Timeline timeline;
  timeline.setFrameCount(20);
  timeline.setSpeed(100.0);  // frames per second: 20 frames in about 0.2 s
  QPushButton play("Play");
  PlaybackDriver driver(timeline, &play, nullptr);
  play.click();
  EXPECT_TRUE(timeline.playing());
  EXPECT_EQ(play.text(), "Pause");
  QTRY_VERIFY_WITH_TIMEOUT(!timeline.playing(), 5000);  // stopped at the last frame
  EXPECT_EQ(timeline.frame(), 19);
  EXPECT_EQ(play.text(), "Play");

  timeline.seek(0);
  timeline.setSpeed(1.0);
  play.click();
  QTest::qWait(100);
  play.click();  // pause
  EXPECT_FALSE(timeline.playing());
  EXPECT_EQ(play.text(), "Play");
  EXPECT_LE(timeline.frame(), 1);
}

}  // namespace w4rl::studio
