#include "metrics/side_by_side.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "common/error.h"
#include "metrics/heatmap.h"

namespace w4rl::metrics {
namespace {

constexpr int kAutoPanelSize = 256;
constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
const cv::Scalar kTextColour(255, 255, 255);  // white is the same in RGB and BGR

// Copies `src` enlarged `scale` times into `dst` at (top, left). Done by hand because cv::resize's
// INTER_NEAREST maps destination to source pixels through a rounded 1/scale and can pick the wrong
// source pixel for factors such as 3.
void blitScaled(const ImageView& src, int scale, cv::Mat& dst, int top, int left) {
  for (int y = 0; y < src.height * scale; ++y) {
    const std::uint8_t* srcRow = src.data + static_cast<std::size_t>(y / scale) * src.width * 3;
    auto* dstRow = dst.ptr<std::uint8_t>(top + y) + static_cast<std::size_t>(left) * 3;
    for (int x = 0; x < src.width * scale; ++x) {
      const std::uint8_t* p = srcRow + static_cast<std::size_t>(x / scale) * 3;
      std::copy(p, p + 3, dstRow + static_cast<std::size_t>(x) * 3);
    }
  }
}

void putCentred(cv::Mat& image, const std::string& text, int centreX, int baselineY, double fontScale) {
  int baseline = 0;
  const cv::Size size = cv::getTextSize(text, kFont, fontScale, 1, &baseline);
  cv::putText(image, text, {centreX - size.width / 2, baselineY}, kFont, fontScale, kTextColour, 1,
              cv::LINE_AA);
}

// Draws layout.panels panels (all of the same size) with their captions above and `text` below.
RgbImage compose(const SideBySideLayout& layout, const ImageView* panels, const std::string* labels,
                 const std::string& text) {
  RgbImage out;
  out.height = layout.height;
  out.width = layout.width;
  out.pixels.assign(static_cast<std::size_t>(out.height) * static_cast<std::size_t>(out.width) * 3, 0);
  cv::Mat canvas(out.height, out.width, CV_8UC3, out.pixels.data());

  int baseline = 0;
  const int textHeight = cv::getTextSize("Ag", kFont, layout.fontScale, 1, &baseline).height;
  // Baseline of text vertically centred in a caption row starting at rowTop.
  const auto baselineIn = [&](int rowTop) { return rowTop + (layout.captionHeight + textHeight) / 2; };
  for (int i = 0; i < layout.panels; ++i) {
    blitScaled(panels[i], layout.scale, canvas, layout.captionHeight, i * layout.panelWidth);
    putCentred(canvas, labels[i], i * layout.panelWidth + layout.panelWidth / 2, baselineIn(0),
               layout.fontScale);
  }
  if (!text.empty()) {
    const int left = std::max(2, textHeight / 2);
    cv::putText(canvas, text, {left, baselineIn(layout.captionHeight + layout.panelHeight)}, kFont,
                layout.fontScale, kTextColour, 1, cv::LINE_AA);
  }
  return out;
}

}  // namespace

SideBySideLayout sideBySideLayout(int height, int width, int scale, int panels) {
  if (height <= 0 || width <= 0)
    throw Error("side-by-side: frame size " + std::to_string(height) + "x" + std::to_string(width) +
                " is not positive");
  if (scale < 0) throw Error("side-by-side: scale " + std::to_string(scale) + " is negative");
  if (panels != 1 && panels != 3)
    throw Error("side-by-side: " + std::to_string(panels) + " panels asked for, only 1 or 3 are laid out");
  SideBySideLayout layout;
  layout.panels = panels;
  layout.scale = scale > 0 ? scale : std::max(1, kAutoPanelSize / std::max(height, width));
  layout.panelHeight = height * layout.scale;
  layout.panelWidth = width * layout.scale;
  // Text grows with the panels (0.64 for 256-pixel panels) but stays readable on small ones.
  layout.fontScale = std::clamp(layout.panelWidth / 400.0, 0.3, 0.7);
  int baseline = 0;
  const cv::Size text = cv::getTextSize("|diff| Ag", kFont, layout.fontScale, 1, &baseline);
  const int rowHeight = text.height + baseline + 2 * std::max(2, text.height / 3);
  layout.captionHeight = rowHeight + rowHeight % 2;  // even sizes keep H.264's 4:2:0 chroma happy
  layout.height = layout.panelHeight + 2 * layout.captionHeight;
  layout.width = panels * layout.panelWidth;
  return layout;
}

RgbImage composeSideBySide(const ImageView& real, const ImageView& imagined, const std::string& text,
                           int scale) {
  checkSameSize(real, imagined, "composeSideBySide");
  const std::vector<std::uint8_t> heat = absDiffHeatmap(real, imagined);
  const ImageView panels[3] = {real, imagined, {heat.data(), real.height, real.width}};
  const std::string labels[3] = {"real", "imagined", "|diff|"};
  return compose(sideBySideLayout(real.height, real.width, scale), panels, labels, text);
}

RgbImage composeSinglePanel(const ImageView& frame, const std::string& caption, const std::string& text,
                            int scale) {
  checkImage(frame, "composeSinglePanel");
  return compose(sideBySideLayout(frame.height, frame.width, scale, 1), &frame, &caption, text);
}

}  // namespace w4rl::metrics
