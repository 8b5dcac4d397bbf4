#pragma once
// Open-loop fidelity of a world model on held-out episodes: the job behind `world4rl eval-world-model`.
// For each episode, from a real context at a seeded start step, the model imagines `horizon` frames with
// the episode's real actions; every imagined frame is compared with the real one (PSNR, SSIM). Two
// references on the same frames: copy-last-frame (the newest real context frame as the prediction) and
// shuffled actions (each episode driven by another episode's actions), which must score clearly lower
// than true actions for a model that really uses its action input. Torch-free interface.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/cancel.h"

namespace w4rl::pipeline {

struct EvalWorldModelRequest {
  std::filesystem::path checkpoint;
  std::vector<std::filesystem::path> data;
  int episodes = 20;
  int horizon = 10;
  std::uint64_t seed = 0;
  int samplerSteps = 0;  // 0: the checkpoint's
  std::string device = "auto";
  std::string precision = "float32";  // or bfloat16 (CPU autocast, learning/precision.h)
  std::filesystem::path videoDir;     // empty: no videos
  int videos = 4;                     // episodes rendered to video when videoDir is set
  std::string imageKey = "agentview_image";
  bool flipImages = false;
  // Frames of another size than the checkpoint's are an error unless resizing is asked for.
  bool resize = false;
};

struct FidelityRow {
  int step = 0;  // 1..horizon; 0 for the mean over steps
  double psnr = 0, ssim = 0;
  double copyPsnr = 0, copySsim = 0;
  double shuffledPsnr = 0, shuffledSsim = 0;
};

struct EvalWorldModelReport {
  std::vector<FidelityRow> perStep;
  FidelityRow mean;
  int episodes = 0;
  int horizon = 0;
  std::string split;  // "valid" (the dataset's held-out episodes) or "all"
  double imaginedFramesPerSecond = 0;
  std::string device;
  std::vector<std::string> videos;
};

EvalWorldModelReport evalWorldModel(const EvalWorldModelRequest& request, const ProgressCallback& progress,
                                    const CancelToken& cancel);

}  // namespace w4rl::pipeline
