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

// How far K samples of the same dreamt frame spread: per pixel, the absolute difference of each other
// sample from sample 0 (the one the dream goes on with), averaged over the other samples and the three
// channels. `heat` colours it as absDiffHeatmap does, on a fixed scale four times as sensitive (a spread
// of 64 levels or more is the brightest colour), because samples differ far less than a dream differs
// from reality; `mean` is its average over the pixels as a share of the pixel range (0..1), the measure
// of refinement's charts/dream_disagreement. Throws w4rl::Error for fewer than 2 samples or images of
// different sizes.
struct SampleSpread {
  std::vector<std::uint8_t> heat;  // height x width x 3
  double mean = 0.0;
};
SampleSpread sampleSpread(const std::vector<ImageView>& samples);

}  // namespace w4rl::metrics
