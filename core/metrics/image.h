#pragma once
// The image types the metrics work on: RGB, uint8, height x width x 3, row-major, row 0 at the top (the
// layout of dataset frames and renderer output). ImageView borrows pixels; RgbImage owns them.
#include <cstdint>
#include <string>
#include <vector>

namespace w4rl::metrics {

struct ImageView {
  const std::uint8_t* data = nullptr;  // height * width * 3 bytes
  int height = 0;
  int width = 0;
};

struct RgbImage {
  std::vector<std::uint8_t> pixels;  // height * width * 3 bytes
  int height = 0;
  int width = 0;

  ImageView view() const { return {pixels.data(), height, width}; }
};

// Throws w4rl::Error, prefixed with `what` (the calling function), if the view has no data or a
// non-positive size.
void checkImage(const ImageView& image, const std::string& what);
// As checkImage for both, and throws if their sizes differ.
void checkSameSize(const ImageView& a, const ImageView& b, const std::string& what);

std::string sizeString(const ImageView& image);  // "HxW", for messages

}  // namespace w4rl::metrics
