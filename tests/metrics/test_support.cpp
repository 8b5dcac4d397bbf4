#include "test_support.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>

#include "common/rng.h"

namespace w4rl::metrics::test {

namespace fs = std::filesystem;

namespace {

std::uint8_t clampByte(double v) {
  return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0)));
}

RgbImage blank(int height, int width) {
  RgbImage image;
  image.height = height;
  image.width = width;
  image.pixels.assign(static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * 3, 0);
  return image;
}

}  // namespace

RgbImage constantImage(int height, int width, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  RgbImage image = blank(height, width);
  for (std::size_t i = 0; i < image.pixels.size(); i += 3) {
    image.pixels[i] = r;
    image.pixels[i + 1] = g;
    image.pixels[i + 2] = b;
  }
  return image;
}

RgbImage noiseImage(int height, int width, std::uint64_t seed) {
  RgbImage image = blank(height, width);
  Rng rng(seed);
  for (std::uint8_t& v : image.pixels) v = static_cast<std::uint8_t>(rng.below(256));
  return image;
}

RgbImage gradientImage(int height, int width, double noiseStd, std::uint64_t seed) {
  RgbImage image = blank(height, width);
  Rng rng(seed);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double fy = static_cast<double>(y) / std::max(1, height - 1);
      const double fx = static_cast<double>(x) / std::max(1, width - 1);
      const double base[3] = {255.0 * fx, 255.0 * (fx + fy) / 2.0, 255.0 * (1.0 - fy)};
      for (int c = 0; c < 3; ++c)
        image.pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c] =
            clampByte(base[c] + noiseStd * rng.normal());
    }
  }
  return image;
}

RgbImage blockyImage(int height, int width, int block, std::uint64_t seed) {
  RgbImage image = blank(height, width);
  Rng rng(seed);
  const int blocksX = (width + block - 1) / block;
  const int blocksY = (height + block - 1) / block;
  std::vector<std::uint8_t> colours(static_cast<std::size_t>(blocksX * blocksY * 3));
  for (std::uint8_t& v : colours) v = static_cast<std::uint8_t>(rng.below(256));
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const std::size_t b = static_cast<std::size_t>((y / block) * blocksX + x / block);
      for (int c = 0; c < 3; ++c)
        image.pixels[(static_cast<std::size_t>(y) * width + x) * 3 + c] = colours[b * 3 + c];
    }
  }
  return image;
}

RgbImage addNoise(const RgbImage& image, double noiseStd, std::uint64_t seed) {
  RgbImage out = image;
  Rng rng(seed);
  for (std::uint8_t& v : out.pixels) v = clampByte(v + noiseStd * rng.normal());
  return out;
}

std::uint8_t pixel(const RgbImage& image, int y, int x, int c) {
  return image.pixels[(static_cast<std::size_t>(y) * image.width + x) * 3 + c];
}

double luma(const std::uint8_t* rgb) {
  return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
}

}  // namespace w4rl::metrics::test
