#pragma once
// Peak signal-to-noise ratio between two RGB uint8 images, in dB with a data range of 255, over all
// pixels and channels: 10 * log10(255^2 / MSE).
#include "metrics/image.h"

namespace w4rl::metrics {

// Identical images have MSE 0 and give +infinity: that is the mathematically right value and lets
// callers tell "identical" apart from "very close". One +infinity makes an average infinite, so code that
// averages PSNR over frames should use psnrCapped (or average MSE first). Throws w4rl::Error on empty or
// differently sized images.
double psnr(const ImageView& a, const ImageView& b);

// min(psnr(a, b), cap). 100 dB is above any finite PSNR of 8-bit images with fewer than 2^17 samples
// (one level off in one sample of a 64x64x3 image is 89 dB), so capping there only replaces infinity.
double psnrCapped(const ImageView& a, const ImageView& b, double cap = 100.0);

}  // namespace w4rl::metrics
