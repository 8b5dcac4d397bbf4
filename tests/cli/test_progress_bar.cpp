#include <gtest/gtest.h>

#include "cli/progress_bar.h"

namespace w4rl::cli {

TEST(ProgressBar, FormatsDurations) {
  EXPECT_EQ(ProgressBar::formatDuration(0), "0:00");
  EXPECT_EQ(ProgressBar::formatDuration(65), "1:05");
  EXPECT_EQ(ProgressBar::formatDuration(3725), "1:02:05");
  EXPECT_EQ(ProgressBar::formatDuration(-1), "?");
}

}  // namespace w4rl::cli
