#pragma once
// The comparison picture used for PNG export and for every video frame: three panels side by side,
//   real | imagined | |diff| (absDiffHeatmap)
// each enlarged by an integer factor with nearest-neighbour sampling (so individual model pixels stay
// visible), a caption row above naming the panels, and a text row below for per-frame notes such as
// "t=3 PSNR 24.1 dB". Both rows are always present, so every frame of one size has the same layout.
// The same picture with a single panel (composeSinglePanel) shows real camera frames alone, e.g. the
// episodes of a policy evaluation.
#include <string>

#include "metrics/image.h"

namespace w4rl::metrics {

struct SideBySideLayout {
  int panels = 3;       // 3: real | imagined | |diff|; 1: a single panel
  int scale = 1;        // integer enlargement of each panel
  int panelHeight = 0;  // one enlarged panel
  int panelWidth = 0;
  int captionHeight = 0;  // each of the two text rows
  int height = 0;         // the whole picture
  int width = 0;
  double fontScale = 0.5;
};

// The layout for source frames of height x width. scale 0 picks the largest factor that keeps a panel
// within 256 pixels on its longer side (64x64 -> 4, i.e. 256x256; 48x40 -> 5), but at least 1.
// `panels` is 3 (side by side) or 1 (a single panel). Throws w4rl::Error for a non-positive size, a
// negative scale or another number of panels.
SideBySideLayout sideBySideLayout(int height, int width, int scale = 0, int panels = 3);

// Composes the picture (RGB, layout.height x layout.width). Text that does not fit is cut off at the
// right edge. Throws w4rl::Error if the frames are empty or differ in size.
RgbImage composeSideBySide(const ImageView& real, const ImageView& imagined, const std::string& text = "",
                           int scale = 0);
// One panel with `caption` centred above it and `text` below, in the single-panel layout.
RgbImage composeSinglePanel(const ImageView& frame, const std::string& caption, const std::string& text = "",
                            int scale = 0);

}  // namespace w4rl::metrics
