#pragma once
// Shared helpers for the metrics tests: per-test temporary directories, deterministic synthetic images
// and running the reference scripts with Debian's python.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "metrics/image.h"
#include "shared_test_support.h"

namespace w4rl::metrics::test {

// Temporary directories and python, shared by all tests (tests/support).
using w4rl::test::countEntries;
using w4rl::test::freshDir;
using w4rl::test::runPython;

// Synthetic RGB images, each a function of its arguments only.
RgbImage constantImage(int height, int width, std::uint8_t r, std::uint8_t g, std::uint8_t b);
RgbImage noiseImage(int height, int width, std::uint64_t seed);  // uniform in [0, 255]
// A diagonal colour gradient plus Gaussian noise of the given standard deviation, clamped to [0, 255].
RgbImage gradientImage(int height, int width, double noiseStd, std::uint64_t seed);
// Constant-coloured square blocks of side `block` with random colours.
RgbImage blockyImage(int height, int width, int block, std::uint64_t seed);
// `image` plus Gaussian noise, clamped.
RgbImage addNoise(const RgbImage& image, double noiseStd, std::uint64_t seed);

std::uint8_t pixel(const RgbImage& image, int y, int x, int c);
// Rec. 601 luma of an RGB pixel, for "brighter" comparisons.
double luma(const std::uint8_t* rgb);

}  // namespace w4rl::metrics::test
