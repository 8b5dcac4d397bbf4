// The composed comparison picture and its PNG export.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "common/error.h"
#include "metrics/heatmap.h"
#include "metrics/png.h"
#include "metrics/side_by_side.h"
#include "test_support.h"

namespace w4rl::metrics {
namespace {

namespace fs = std::filesystem;

bool anyNonZero(const RgbImage& image, int rowBegin, int rowEnd) {
  for (int y = rowBegin; y < rowEnd; ++y) {
    for (int x = 0; x < image.width; ++x) {
      for (int c = 0; c < 3; ++c) {
        if (test::pixel(image, y, x, c) != 0) return true;
      }
    }
  }
  return false;
}

TEST(SideBySide, LayoutScalesPanelsByAnIntegerFactor) {
  const SideBySideLayout auto64 = sideBySideLayout(64, 64);
  EXPECT_EQ(auto64.scale, 4);
  EXPECT_EQ(auto64.panelHeight, 256);
  EXPECT_EQ(auto64.panelWidth, 256);
  EXPECT_EQ(auto64.width, 3 * 256);
  EXPECT_EQ(auto64.height, 256 + 2 * auto64.captionHeight);
  EXPECT_GT(auto64.captionHeight, 8);
  EXPECT_EQ(sideBySideLayout(48, 40).scale, 5);
  EXPECT_EQ(sideBySideLayout(300, 20).scale, 1);
  EXPECT_EQ(sideBySideLayout(64, 64, 2).panelWidth, 128);
  EXPECT_THROW(sideBySideLayout(0, 64), Error);
  EXPECT_THROW(sideBySideLayout(64, 64, -1), Error);
}

TEST(SideBySide, PanelsAreNearestNeighbourCopiesAndTheHeatMap) {
  const RgbImage real = test::noiseImage(10, 7, 1);
  const RgbImage imagined = test::noiseImage(10, 7, 2);
  const std::vector<std::uint8_t> heat = absDiffHeatmap(real.view(), imagined.view());
  const RgbImage heatImage{heat, 10, 7};
  for (int scale : {1, 3, 4}) {
    const RgbImage out = composeSideBySide(real.view(), imagined.view(), "", scale);
    const SideBySideLayout layout = sideBySideLayout(10, 7, scale);
    ASSERT_EQ(out.height, layout.height);
    ASSERT_EQ(out.width, layout.width);
    ASSERT_EQ(out.pixels.size(), static_cast<std::size_t>(out.height * out.width * 3));
    const RgbImage* sources[3] = {&real, &imagined, &heatImage};
    for (int panel = 0; panel < 3; ++panel) {
      for (int y = 0; y < 10 * scale; ++y) {
        for (int x = 0; x < 7 * scale; ++x) {
          for (int c = 0; c < 3; ++c) {
            ASSERT_EQ(test::pixel(out, layout.captionHeight + y, panel * layout.panelWidth + x, c),
                      test::pixel(*sources[panel], y / scale, x / scale, c))
                << "scale " << scale << " panel " << panel << " at " << y << "," << x;
          }
        }
      }
    }
  }
}

TEST(SideBySide, SinglePanelIsTheFrameEnlargedUnderItsCaption) {
  const RgbImage frame = test::noiseImage(10, 7, 3);
  const SideBySideLayout layout = sideBySideLayout(10, 7, 3, 1);
  EXPECT_EQ(layout.panels, 1);
  EXPECT_EQ(layout.width, 21);
  EXPECT_EQ(sideBySideLayout(64, 64, 0, 1).width, 256);
  EXPECT_THROW(sideBySideLayout(64, 64, 0, 2), Error);
  const RgbImage out = composeSinglePanel(frame.view(), "camera", "t=1", 3);
  ASSERT_EQ(out.height, layout.height);
  ASSERT_EQ(out.width, layout.width);
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 21; ++x)
      for (int c = 0; c < 3; ++c)
        ASSERT_EQ(test::pixel(out, layout.captionHeight + y, x, c), test::pixel(frame, y / 3, x / 3, c));
  const RgbImage large = composeSinglePanel(test::gradientImage(64, 64, 0.0, 1).view(), "camera");
  EXPECT_TRUE(anyNonZero(large, 0, sideBySideLayout(64, 64, 0, 1).captionHeight));  // the caption
  EXPECT_THROW(composeSinglePanel(ImageView{}, "camera"), Error);
}

TEST(SideBySide, CaptionsAndOptionalText) {
  const RgbImage real = test::gradientImage(64, 64, 0.0, 1);
  const RgbImage imagined = test::addNoise(real, 5.0, 2);
  const RgbImage plain = composeSideBySide(real.view(), imagined.view());
  const SideBySideLayout layout = sideBySideLayout(64, 64);
  EXPECT_TRUE(anyNonZero(plain, 0, layout.captionHeight));  // the panel labels
  const int footer = layout.captionHeight + layout.panelHeight;
  EXPECT_FALSE(anyNonZero(plain, footer, plain.height));
  const RgbImage noted = composeSideBySide(real.view(), imagined.view(), "t=3 PSNR 24.1 dB");
  EXPECT_TRUE(anyNonZero(noted, footer, noted.height));
  EXPECT_EQ(noted.height, plain.height);  // text does not change the layout
  EXPECT_THROW(composeSideBySide(real.view(), test::noiseImage(64, 63, 1).view()), Error);
}

TEST(Png, RoundTripsExactlyAndLeavesNoTemporaryFile) {
  const fs::path dir = test::freshDir();
  const RgbImage image = test::noiseImage(9, 13, 5);
  const fs::path file = dir / "frame.png";
  writePng(file, image.view());
  EXPECT_EQ(test::countEntries(dir), 1u);
  const cv::Mat bgr = cv::imread(file.string(), cv::IMREAD_COLOR);
  ASSERT_EQ(bgr.rows, 9);
  ASSERT_EQ(bgr.cols, 13);
  for (int y = 0; y < 9; ++y) {
    for (int x = 0; x < 13; ++x) {
      const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
      ASSERT_EQ(p[2], test::pixel(image, y, x, 0));  // PNG on disk is RGB; OpenCV reads it as BGR
      ASSERT_EQ(p[1], test::pixel(image, y, x, 1));
      ASSERT_EQ(p[0], test::pixel(image, y, x, 2));
    }
  }
  // Overwriting replaces the file.
  writePng(file, test::constantImage(2, 3, 1, 2, 3).view());
  EXPECT_EQ(cv::imread(file.string()).cols, 3);
  EXPECT_EQ(test::countEntries(dir), 1u);
}

TEST(Png, MissingDirectoryIsAnErrorNamingThePath) {
  const fs::path file = test::freshDir() / "no-such-dir" / "frame.png";
  try {
    writePng(file, test::noiseImage(4, 4, 1).view());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file.parent_path()));
}

}  // namespace
}  // namespace w4rl::metrics
