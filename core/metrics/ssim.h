#pragma once
// Structural similarity (SSIM) between two RGB uint8 images, defined to equal scikit-image's
//   skimage.metrics.structural_similarity(a, b, channel_axis=2, data_range=255)
// with its defaults: a 7x7 uniform window, K1 = 0.01, K2 = 0.03, sample covariances (factor 49/48), SSIM
// per channel averaged over the window centres at least 3 pixels from every border, then the three
// channel means averaged. Matching the reference lets numbers be compared with papers and Python tools.
#include "metrics/image.h"

namespace w4rl::metrics {

// In [-1, 1]; 1 for identical images. Throws w4rl::Error if the images differ in size or either side
// is smaller than the 7-pixel window (scikit-image refuses those as well).
double ssim(const ImageView& a, const ImageView& b);

}  // namespace w4rl::metrics
