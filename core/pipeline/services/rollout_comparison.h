#pragma once
// Real versus imagined, step by step: from a start step of a real episode the world model imagines
// open-loop with the episode's own actions; each imagined frame is compared with the real one (PSNR,
// SSIM, |difference| heat map) and, with a success classifier, both are scored. Export as the
// real | imagined | |diff| mp4 and PNG. Torch-free interface (the studio's Real vs imagined panel).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "pipeline/services/imagination_service.h"

namespace w4rl::pipeline {

struct ComparisonRequest {
  Frames frames;               // the episode: n * H * W * 3
  std::vector<float> actions;  // n * A
  std::string task;
  std::int64_t start = 0;
  int horizon = 10;
  std::uint64_t seed = 0;
  int samplerSteps = 0;   // 0: the checkpoint's
  int spreadSamples = 1;  // >= 2: each step dreamt that many times, their spread shown (sampleSpread)
};

struct Comparison {
  int height = 0, width = 0;
  int steps = 0;                   // frames compared (the horizon, cut at the episode's end)
  Frames real, imagined, heat;     // steps frames each: real frame start+1+k, its imagination, heat map
  std::vector<double> psnr, ssim;  // per step
  // With spreadSamples >= 2: per step the heat map of the samples' spread and its mean (0..1 of the
  // pixel range); empty otherwise.
  Frames spread;
  std::vector<double> meanSpread;
  std::vector<float> realSuccess, imaginedSuccess;  // classifier probabilities; empty without one
  double successThreshold = -1.0;
};

// `scorer` may be null. Throws w4rl::Error for frames of another size than the world model's.
Comparison compareRollout(ImaginedWorld& world, SuccessScorer* scorer, const ComparisonRequest& request);
// Atomic writes; errors name the file.
void exportComparisonVideo(const Comparison& c, const std::filesystem::path& mp4, double fps = 10.0);
void exportComparisonPng(const Comparison& c, int step, const std::filesystem::path& png);

}  // namespace w4rl::pipeline
