#pragma once
// A colour picture of where two frames differ, for showing next to them.
#include <cstdint>
#include <vector>

#include "metrics/image.h"

namespace w4rl::metrics {

// RGB heat map (height x width x 3, same size as the inputs) of the per-pixel absolute difference
// averaged over the three channels, coloured with OpenCV's INFERNO map (near black -> purple -> orange ->
// pale yellow). The scale is fixed: a mean difference of 0 maps to the darkest colour and 255 to the
// brightest, with no per-image normalisation, so the same colour means the same error in every frame of
// a video and in every episode. Throws w4rl::Error on empty or differently sized images.
std::vector<std::uint8_t> absDiffHeatmap(const ImageView& a, const ImageView& b);

}  // namespace w4rl::metrics
