#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "common/error.h"
#include "metrics/psnr.h"
#include "test_support.h"

namespace w4rl::metrics {
namespace {

TEST(Psnr, ConstantOffsetGivesTheTextbookValue) {
  // Values kept below 246 so adding 10 never clips: MSE is exactly 100.
  RgbImage a = test::noiseImage(16, 12, 1);
  for (std::uint8_t& v : a.pixels) v = static_cast<std::uint8_t>(v % 246);
  RgbImage b = a;
  for (std::uint8_t& v : b.pixels) v = static_cast<std::uint8_t>(v + 10);
  EXPECT_NEAR(psnr(a.view(), b.view()), 20.0 * std::log10(255.0 / 10.0), 1e-12);
  EXPECT_NEAR(psnr(b.view(), a.view()), 20.0 * std::log10(255.0 / 10.0), 1e-12);
}

TEST(Psnr, AveragesOverAllPixelsAndChannels) {
  // One channel of one pixel off by 30 in a 4x5 image: MSE = 900 / 60 = 15.
  const RgbImage a = test::constantImage(4, 5, 100, 100, 100);
  RgbImage b = a;
  b.pixels[(2 * 5 + 3) * 3 + 1] = 130;
  EXPECT_NEAR(psnr(a.view(), b.view()), 10.0 * std::log10(255.0 * 255.0 / 15.0), 1e-12);
  // Black against white is the worst case: 0 dB.
  EXPECT_NEAR(
      psnr(test::constantImage(3, 3, 0, 0, 0).view(), test::constantImage(3, 3, 255, 255, 255).view()), 0.0,
      1e-12);
}

TEST(Psnr, IdenticalImagesAreInfiniteAndCappedOnRequest) {
  const RgbImage a = test::gradientImage(8, 8, 5.0, 3);
  EXPECT_EQ(psnr(a.view(), a.view()), std::numeric_limits<double>::infinity());
  EXPECT_EQ(psnrCapped(a.view(), a.view()), 100.0);
  EXPECT_EQ(psnrCapped(a.view(), a.view(), 60.0), 60.0);
  // The cap leaves finite values alone.
  RgbImage b = a;
  b.pixels[0] = static_cast<std::uint8_t>(b.pixels[0] ^ 1);
  const double finite = psnr(a.view(), b.view());
  EXPECT_TRUE(std::isfinite(finite));
  EXPECT_EQ(psnrCapped(a.view(), b.view()), finite);
}

TEST(Psnr, RefusesMismatchedOrEmptyImages) {
  const RgbImage a = test::noiseImage(8, 8, 1);
  const RgbImage b = test::noiseImage(8, 9, 2);
  try {
    psnr(a.view(), b.view());
    FAIL() << "no error for mismatched sizes";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("8x8 vs 8x9"), std::string::npos) << e.what();
  }
  EXPECT_THROW(psnr(ImageView{nullptr, 8, 8}, a.view()), Error);
  EXPECT_THROW(psnr(ImageView{a.pixels.data(), 0, 8}, ImageView{a.pixels.data(), 0, 8}), Error);
}

}  // namespace
}  // namespace w4rl::metrics
