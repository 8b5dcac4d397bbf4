#include <gtest/gtest.h>

#include <cmath>

#include "cli/progress_bar.h"

namespace w4rl::cli {

TEST(ProgressBar, FormatsDurations) {
  EXPECT_EQ(ProgressBar::formatDuration(0), "0:00");
  EXPECT_EQ(ProgressBar::formatDuration(65), "1:05");
  EXPECT_EQ(ProgressBar::formatDuration(3725), "1:02:05");
  EXPECT_EQ(ProgressBar::formatDuration(-1), "?");
}

TEST(ProgressBar, FormatsRates) {
  EXPECT_EQ(ProgressBar::formatRate(3.254), "3.25");
  EXPECT_EQ(ProgressBar::formatRate(42.14), "42.1");
  EXPECT_EQ(ProgressBar::formatRate(1250.4), "1250");
  EXPECT_EQ(ProgressBar::formatRate(std::nan("")), "?");
}

}  // namespace w4rl::cli
