#include "metrics/heatmap.h"

#include <cstddef>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace w4rl::metrics {

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
  cv::Mat bgr;
  cv::applyColorMap(level, bgr, cv::COLORMAP_INFERNO);
  std::vector<std::uint8_t> rgb(pixels * 3);
  cv::Mat rgbMat(a.height, a.width, CV_8UC3, rgb.data());
  cv::cvtColor(bgr, rgbMat, cv::COLOR_BGR2RGB);
  return rgb;
}

}  // namespace w4rl::metrics
