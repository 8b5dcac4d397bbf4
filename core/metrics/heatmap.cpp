#include "metrics/heatmap.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "common/error.h"

namespace w4rl::metrics {

namespace {

std::vector<std::uint8_t> colour(const cv::Mat& level) {
  cv::Mat bgr;
  cv::applyColorMap(level, bgr, cv::COLORMAP_INFERNO);
  std::vector<std::uint8_t> rgb(static_cast<std::size_t>(level.rows) * static_cast<std::size_t>(level.cols) *
                                3);
  cv::Mat rgbMat(level.rows, level.cols, CV_8UC3, rgb.data());
  cv::cvtColor(bgr, rgbMat, cv::COLOR_BGR2RGB);
  return rgb;
}

}  // namespace

SampleSpread sampleSpread(const std::vector<ImageView>& samples) {
  if (samples.size() < 2)
    throw Error("sampleSpread: needs at least 2 samples, got " + std::to_string(samples.size()));
  for (const auto& s : samples) checkSameSize(samples[0], s, "sampleSpread");
  const auto& first = samples[0];
  const std::size_t pixels = static_cast<std::size_t>(first.height) * static_cast<std::size_t>(first.width);
  const double others = static_cast<double>(samples.size() - 1);
  cv::Mat level(first.height, first.width, CV_8UC1);
  auto* out = level.ptr<std::uint8_t>();
  double total = 0.0;
  for (std::size_t p = 0; p < pixels; ++p) {
    int sum = 0;
    for (std::size_t k = 1; k < samples.size(); ++k)
      for (std::size_t c = 0; c < 3; ++c) {
        const int d = int{samples[k].data[p * 3 + c]} - int{first.data[p * 3 + c]};
        sum += d < 0 ? -d : d;
      }
    const double spread = sum / (3.0 * others);  // 0..255
    total += spread;
    out[p] = static_cast<std::uint8_t>(std::min(255.0, std::round(4.0 * spread)));
  }
  return {colour(level), total / (255.0 * static_cast<double>(pixels))};
}

std::vector<std::uint8_t> absDiffHeatmap(const ImageView& a, const ImageView& b) {
  checkSameSize(a, b, "absDiffHeatmap");
  const std::size_t pixels = static_cast<std::size_t>(a.height) * static_cast<std::size_t>(a.width);
  cv::Mat level(a.height, a.width, CV_8UC1);
  auto* out = level.ptr<std::uint8_t>();  // a freshly allocated Mat is continuous
  for (std::size_t p = 0; p < pixels; ++p) {
    int sum = 0;
    for (std::size_t c = 0; c < 3; ++c) {
      const int d = int{a.data[p * 3 + c]} - int{b.data[p * 3 + c]};
      sum += d < 0 ? -d : d;
    }
    out[p] = static_cast<std::uint8_t>((sum + 1) / 3);  // the mean, rounded to nearest
  }
  return colour(level);
}

}  // namespace w4rl::metrics
