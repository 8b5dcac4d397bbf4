#pragma once
// Per-frame image preparation applied after reading: vertical flip (LIBERO stores frames upside down)
// and resizing to the size a model expects. Kept apart from the HDF5 code so it can be tested on
// plain buffers.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace w4rl::data {

struct FrameTransform {
  bool flipVertical = false;
  int outHeight = 0;  // equal to the input size: no resize
  int outWidth = 0;
};

// `frames` holds `count` RGB frames of height x width, row-major, row 0 at the top. Returns
// count * outHeight * outWidth * 3 bytes. Shrinking uses area averaging (no aliasing), growing bilinear.
std::vector<std::uint8_t> transformFrames(std::vector<std::uint8_t> frames, std::size_t count, int height,
                                          int width, const FrameTransform& transform);

}  // namespace w4rl::data
