#include <gtest/gtest.h>

#include "common/error.h"
#include "metrics/heatmap.h"
#include "test_support.h"

namespace w4rl::metrics {
namespace {

// The heat-map colour of a uniform difference of `level` in every channel.
std::vector<std::uint8_t> colourOf(int level) {
  const RgbImage a = test::constantImage(2, 2, 0, 0, 0);
  const auto v = static_cast<std::uint8_t>(level);
  const RgbImage b = test::constantImage(2, 2, v, v, v);
  const std::vector<std::uint8_t> heat = absDiffHeatmap(a.view(), b.view());
  return {heat[0], heat[1], heat[2]};
}

TEST(Heatmap, HasTheInputSize) {
  const RgbImage a = test::noiseImage(12, 17, 1);
  const RgbImage b = test::noiseImage(12, 17, 2);
  EXPECT_EQ(absDiffHeatmap(a.view(), b.view()).size(), 12u * 17u * 3u);
}

TEST(Heatmap, BiggerDifferencesAreBrighter) {
  double previous = -1.0;
  for (int level = 0; level <= 255; ++level) {
    const std::vector<std::uint8_t> c = colourOf(level);
    const double l = test::luma(c.data());
    EXPECT_GE(l, previous) << "level " << level;
    previous = l;
  }
  for (int level = 0; level + 32 <= 255; level += 32) {
    EXPECT_GT(test::luma(colourOf(level + 32).data()), test::luma(colourOf(level).data()) + 5.0) << level;
  }
  EXPECT_LT(test::luma(colourOf(0).data()), 10.0);     // no difference: dark
  EXPECT_GT(test::luma(colourOf(255).data()), 200.0);  // the largest difference: bright
}

TEST(Heatmap, ScaleIsFixedNotPerImage) {
  // A small difference has the same colour whether or not the image also holds a large one.
  const RgbImage a = test::constantImage(1, 2, 100, 100, 100);
  const RgbImage b = test::constantImage(1, 2, 140, 140, 140);
  RgbImage c = b;
  c.pixels[3] = c.pixels[4] = c.pixels[5] = 0;  // second pixel now differs by 100
  const std::vector<std::uint8_t> small = absDiffHeatmap(a.view(), b.view());
  const std::vector<std::uint8_t> mixed = absDiffHeatmap(a.view(), c.view());
  EXPECT_EQ(std::vector<std::uint8_t>(small.begin(), small.begin() + 3), colourOf(40));
  EXPECT_EQ(std::vector<std::uint8_t>(mixed.begin(), mixed.begin() + 3), colourOf(40));
  EXPECT_EQ(std::vector<std::uint8_t>(mixed.begin() + 3, mixed.end()), colourOf(100));
  EXPECT_NE(colourOf(40), colourOf(100));
}

TEST(Heatmap, AveragesAbsoluteDifferencesOverChannels) {
  const RgbImage a = test::constantImage(1, 1, 50, 50, 50);
  // |+60| + |-30| + 0 = 90 over three channels: the colour of a mean difference of 30.
  const RgbImage b = test::constantImage(1, 1, 110, 20, 50);
  EXPECT_EQ(absDiffHeatmap(a.view(), b.view()), colourOf(30));
  EXPECT_EQ(absDiffHeatmap(b.view(), a.view()), colourOf(30));
}

TEST(Heatmap, RefusesMismatchedSizes) {
  const RgbImage a = test::noiseImage(4, 4, 1);
  const RgbImage b = test::noiseImage(5, 4, 1);
  EXPECT_THROW(absDiffHeatmap(a.view(), b.view()), Error);
}

}  // namespace
TEST(SampleSpread, IsTheMeanDifferenceFromTheFirstSample) {
  const RgbImage first = test::constantImage(3, 4, 100, 100, 100);
  const RgbImage same = test::constantImage(3, 4, 100, 100, 100);
  const RgbImage off = test::constantImage(3, 4, 130, 130, 130);  // 30 levels from the first
  const auto none = sampleSpread({first.view(), same.view(), same.view()});
  EXPECT_DOUBLE_EQ(none.mean, 0.0);
  ASSERT_EQ(none.heat.size(), 3u * 4u * 3u);
  EXPECT_LT(test::luma(none.heat.data()), 10.0) << "identical samples: dark";
  // One of two other samples 30 levels off: 15 levels on average, 15/255 of the range.
  const auto half = sampleSpread({first.view(), same.view(), off.view()});
  EXPECT_NEAR(half.mean, 15.0 / 255.0, 1e-12);
  const auto full = sampleSpread({first.view(), off.view(), off.view()});
  EXPECT_NEAR(full.mean, 30.0 / 255.0, 1e-12);
  EXPECT_GT(test::luma(full.heat.data()), test::luma(half.heat.data()) + 5.0) << "more spread: brighter";
  // Four times as sensitive as the |difference| map: a spread of 30 looks like a difference of 120.
  const auto diff = absDiffHeatmap(first.view(), test::constantImage(3, 4, 220, 220, 220).view());
  EXPECT_EQ(std::vector<std::uint8_t>(full.heat.begin(), full.heat.begin() + 3),
            std::vector<std::uint8_t>(diff.begin(), diff.begin() + 3));
}

TEST(SampleSpread, RefusesOneSampleAndMixedSizes) {
  const RgbImage a = test::constantImage(3, 4, 1, 2, 3);
  const RgbImage b = test::constantImage(4, 4, 1, 2, 3);
  EXPECT_THROW(sampleSpread({a.view()}), Error);
  EXPECT_THROW(sampleSpread({a.view(), b.view()}), Error);
}

}  // namespace w4rl::metrics
