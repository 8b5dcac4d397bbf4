#include "metrics/psnr.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace w4rl::metrics {

double psnr(const ImageView& a, const ImageView& b) {
  checkSameSize(a, b, "psnr");
  const std::size_t n = static_cast<std::size_t>(a.height) * static_cast<std::size_t>(a.width) * 3;
  // Integer sum of squares: exact for any image that fits in memory, so identical images are detected
  // exactly rather than through a rounding-dependent tiny MSE.
  std::uint64_t sumSq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int d = int{a.data[i]} - int{b.data[i]};
    sumSq += static_cast<std::uint64_t>(d * d);
  }
  if (sumSq == 0) return std::numeric_limits<double>::infinity();
  const double mse = static_cast<double>(sumSq) / static_cast<double>(n);
  return 10.0 * std::log10(255.0 * 255.0 / mse);
}

double psnrCapped(const ImageView& a, const ImageView& b, double cap) {
  return std::min(psnr(a, b), cap);
}

}  // namespace w4rl::metrics
