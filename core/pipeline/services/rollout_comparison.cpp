#include "pipeline/services/rollout_comparison.h"

#include <cstdio>

#include "common/error.h"
#include "common/number_text.h"
#include "metrics/heatmap.h"
#include "metrics/png.h"
#include "metrics/psnr.h"
#include "metrics/side_by_side.h"
#include "metrics/ssim.h"
#include "metrics/video_writer.h"

namespace w4rl::pipeline {
namespace {

metrics::ImageView view(const Frames& frames, int k, int h, int w) {
  return {frames.data() + static_cast<std::size_t>(k) * static_cast<std::size_t>(h * w * 3), h, w};
}

std::string stepText(const Comparison& c, int k) {
  return formatC("step %d  PSNR %.1f dB  SSIM %.3f", k + 1, c.psnr[static_cast<std::size_t>(k)],
                 c.ssim[static_cast<std::size_t>(k)]);
}

}  // namespace

Comparison compareRollout(ImaginedWorld& world, SuccessScorer* scorer, const ComparisonRequest& r) {
  const int s = world.imageSize();
  const auto perFrame = static_cast<std::size_t>(s) * static_cast<std::size_t>(s) * 3;
  const auto n = static_cast<std::int64_t>(r.frames.size() / perFrame);
  if (r.start < 0 || r.start >= n - 1)
    throw Error("start step " + std::to_string(r.start) + " leaves nothing to imagine in an episode of " +
                std::to_string(n) + " steps");
  if (r.horizon < 1) throw Error("the horizon must be at least 1 step");
  world.setSeed(r.seed);
  world.setSamplerSteps(r.samplerSteps);
  Comparison c;
  c.height = c.width = s;
  for (const auto& step :
       world.imagineOpenLoopSampled(r.frames, r.actions, r.start, r.horizon, r.task, r.spreadSamples)) {
    c.imagined.insert(c.imagined.end(), step.frame.begin(), step.frame.end());
    if (step.meanSpread < 0) continue;  // one sample: no spread
    c.spread.insert(c.spread.end(), step.spread.begin(), step.spread.end());
    c.meanSpread.push_back(step.meanSpread);
  }
  c.steps = static_cast<int>(c.imagined.size() / perFrame);
  const auto first =
      r.frames.begin() + static_cast<std::ptrdiff_t>((r.start + 1) * static_cast<std::int64_t>(perFrame));
  c.real.assign(first, first + static_cast<std::ptrdiff_t>(c.steps * perFrame));
  for (int k = 0; k < c.steps; ++k) {
    const auto a = view(c.real, k, s, s), b = view(c.imagined, k, s, s);
    c.psnr.push_back(metrics::psnrCapped(a, b));
    c.ssim.push_back(metrics::ssim(a, b));
    const auto heat = metrics::absDiffHeatmap(a, b);
    c.heat.insert(c.heat.end(), heat.begin(), heat.end());
  }
  if (scorer) {
    c.realSuccess = scorer->probabilities(c.real, s, s);
    c.imaginedSuccess = scorer->probabilities(c.imagined, s, s);
    c.successThreshold = scorer->threshold();
  }
  return c;
}

void exportComparisonVideo(const Comparison& c, const std::filesystem::path& mp4, double fps) {
  metrics::VideoOptions options;
  options.fps = fps;
  metrics::SideBySideVideoWriter writer(mp4, c.height, c.width, options);
  for (int k = 0; k < c.steps; ++k)
    writer.addFrame(view(c.real, k, c.height, c.width), view(c.imagined, k, c.height, c.width),
                    stepText(c, k));
  writer.close();
}

void exportComparisonPng(const Comparison& c, int step, const std::filesystem::path& png) {
  if (step < 0 || step >= c.steps) throw Error("no step " + std::to_string(step) + " in this comparison");
  const auto picture = metrics::composeSideBySide(
      view(c.real, step, c.height, c.width), view(c.imagined, step, c.height, c.width), stepText(c, step));
  metrics::writePng(png, picture.view());
}

}  // namespace w4rl::pipeline
