#include "metrics/ssim.h"

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/error.h"

namespace w4rl::metrics {
namespace {

constexpr int kWindow = 7;
constexpr int kPad = (kWindow - 1) / 2;
constexpr std::int64_t kNp = kWindow * kWindow;

// Summed-area table of one per-pixel quantity, (h+1) x (w+1), in exact integer arithmetic.
// scikit-image filters in float64 (scipy's uniform_filter, whose 'reflect' border handling never
// matters here: the border strip it affects is cropped before averaging). Exact window sums differ from
// its running float sums only by rounding, far below the 1e-6 agreement we promise.
class WindowSums {
 public:
  WindowSums(int height, int width)
      : w1_(width + 1), table_((static_cast<std::size_t>(height) + 1) * w1_, 0) {}

  void set(int y, int x, std::int64_t value) {
    table_[index(y + 1, x + 1)] =
        value + table_[index(y, x + 1)] + table_[index(y + 1, x)] - table_[index(y, x)];
  }
  // Sum over the kWindow x kWindow window whose top-left pixel is (y, x).
  std::int64_t window(int y, int x) const {
    return table_[index(y + kWindow, x + kWindow)] - table_[index(y, x + kWindow)] -
           table_[index(y + kWindow, x)] + table_[index(y, x)];
  }

 private:
  std::size_t index(int y, int x) const { return static_cast<std::size_t>(y) * w1_ + x; }
  int w1_;
  std::vector<std::int64_t> table_;
};

double channelMeanSsim(const ImageView& a, const ImageView& b, int channel) {
  const int h = a.height;
  const int w = a.width;
  WindowSums sx(h, w), sy(h, w), sxx(h, w), syy(h, w), sxy(h, w);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x) * 3 + channel;
      const std::int64_t va = a.data[i];
      const std::int64_t vb = b.data[i];
      sx.set(y, x, va);
      sy.set(y, x, vb);
      sxx.set(y, x, va * va);
      syy.set(y, x, vb * vb);
      sxy.set(y, x, va * vb);
    }
  }

  constexpr double kRange = 255.0;
  constexpr double c1 = (0.01 * kRange) * (0.01 * kRange);
  constexpr double c2 = (0.03 * kRange) * (0.03 * kRange);
  const double np = static_cast<double>(kNp);
  // The sample (co)variance NP/(NP-1) * (E[xy] - E[x]E[y]) equals (NP*Sxy - Sx*Sy) / (NP*(NP-1)); the
  // numerator is computed in integers, so there is no cancellation error.
  const double covScale = 1.0 / (np * (np - 1.0));

  // Window centres run over [kPad, h - kPad), i.e. top-left corners over [0, h - kWindow].
  double sum = 0.0;
  for (int y = 0; y + kWindow <= h; ++y) {
    for (int x = 0; x + kWindow <= w; ++x) {
      const std::int64_t wx = sx.window(y, x);
      const std::int64_t wy = sy.window(y, x);
      const double ux = static_cast<double>(wx) / np;
      const double uy = static_cast<double>(wy) / np;
      const double vx = static_cast<double>(kNp * sxx.window(y, x) - wx * wx) * covScale;
      const double vy = static_cast<double>(kNp * syy.window(y, x) - wy * wy) * covScale;
      const double vxy = static_cast<double>(kNp * sxy.window(y, x) - wx * wy) * covScale;
      const double numerator = (2.0 * ux * uy + c1) * (2.0 * vxy + c2);
      const double denominator = (ux * ux + uy * uy + c1) * (vx + vy + c2);
      sum += numerator / denominator;
    }
  }
  const double count = static_cast<double>(h - 2 * kPad) * static_cast<double>(w - 2 * kPad);
  return sum / count;
}

}  // namespace

double ssim(const ImageView& a, const ImageView& b) {
  checkSameSize(a, b, "ssim");
  if (a.height < kWindow || a.width < kWindow)
    throw Error("ssim: image size " + sizeString(a) + " is smaller than the " + std::to_string(kWindow) +
                "x" + std::to_string(kWindow) + " window");
  double total = 0.0;
  for (int c = 0; c < 3; ++c) total += channelMeanSsim(a, b, c);
  return total / 3.0;
}

}  // namespace w4rl::metrics
