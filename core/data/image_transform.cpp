#include "data/image_transform.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace w4rl::data {

std::vector<std::uint8_t> transformFrames(std::vector<std::uint8_t> frames, std::size_t count, int height,
                                          int width, const FrameTransform& transform) {
  const std::size_t inBytes = static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * 3;
  if (transform.flipVertical) {
    for (std::size_t f = 0; f < count; ++f) {
      cv::Mat frame(height, width, CV_8UC3, frames.data() + f * inBytes);
      cv::flip(frame, frame, 0);
    }
  }
  const bool resize = transform.outHeight != height || transform.outWidth != width;
  if (!resize) return frames;

  const std::size_t outBytes =
      static_cast<std::size_t>(transform.outHeight) * static_cast<std::size_t>(transform.outWidth) * 3;
  const bool shrinking = transform.outHeight <= height && transform.outWidth <= width;
  const int interpolation = shrinking ? cv::INTER_AREA : cv::INTER_LINEAR;
  std::vector<std::uint8_t> out(count * outBytes);
  for (std::size_t f = 0; f < count; ++f) {
    const cv::Mat src(height, width, CV_8UC3, frames.data() + f * inBytes);
    cv::Mat dst(transform.outHeight, transform.outWidth, CV_8UC3, out.data() + f * outBytes);
    // dst wraps `out`, so resize writes in place as long as the size and type already match.
    cv::resize(src, dst, dst.size(), 0, 0, interpolation);
  }
  return out;
}

}  // namespace w4rl::data
