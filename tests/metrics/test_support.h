#pragma once
// Shared helpers for the metrics tests: per-test temporary directories, deterministic synthetic images
// and running the reference scripts with Debian's python.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "metrics/image.h"

namespace w4rl::metrics::test {

// An empty directory unique to the running test and process, under the system temp directory; removed
// when the test passes, kept for inspection when it fails.
std::filesystem::path freshDir();
std::size_t countEntries(const std::filesystem::path& dir);

// Runs tests/scripts/<script> with /usr/bin/python3 and returns its exit status.
int runPython(const std::string& script, const std::vector<std::string>& args);

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
