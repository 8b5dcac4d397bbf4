#pragma once
// The world model and the success classifier behind torch-free interfaces, for the studio's Real vs
// imagined and Teleop panels: frames in and out as RGB bytes (H * W * 3 per frame, row 0 at the top).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace w4rl::pipeline {

using Frames = std::vector<std::uint8_t>;  // count * H * W * 3

// The most samples of one dreamt step a caller may ask for (each costs a full denoising pass).
constexpr int kMaxDreamSamples = 16;

// One dreamt step sampled several times from the same context (ImaginedWorld::stepSampled).
struct SampledStep {
  Frames frame;            // H * W * 3: the first sample, the one the dream goes on with
  Frames spread;           // H * W * 3: metrics::sampleSpread's heat map; empty for one sample
  double meanSpread = -1;  // its mean as a share of the pixel range (0..1); -1 for one sample
};

// A frozen world model stepped one action at a time (teleop) or open-loop over an episode's actions.
class ImaginedWorld {
 public:
  // Throws w4rl::Error naming the file when it is not a world-model checkpoint.
  ImaginedWorld(const std::filesystem::path& checkpoint, const std::string& device = "auto",
                std::uint64_t seed = 0);
  ~ImaginedWorld();
  ImaginedWorld(const ImaginedWorld&) = delete;
  ImaginedWorld& operator=(const ImaginedWorld&) = delete;

  int imageSize() const;
  int actionDim() const;
  int contextFrames() const;
  const std::vector<std::string>& tasks() const;
  std::string deviceDescription() const;
  void setSeed(std::uint64_t seed);
  void setSamplerSteps(int steps);  // 0: the checkpoint's

  // Starts from step `t` of an episode (frames n * H * W * 3, actions n * A): its context is frames
  // t-L+1..t and the actions that led into them, padded at the episode's start. `task` names the task
  // (empty: the model's first). Frames of another size than the model's are an error naming both.
  void resetFromEpisode(const Frames& frames, const std::vector<float>& actions, std::int64_t t,
                        const std::string& task = "");
  // The next frame after `action` (actionDim values in [-1, 1]).
  Frames step(const std::vector<float>& action);
  // The next frame sampled `samples` times with independent noise, so a user sees where the model is
  // unsure: the dream goes on with the first sample. samples 1 is step().
  SampledStep stepSampled(const std::vector<float>& action, int samples);
  // Open loop: from step `start`, imagine `horizon` frames with the episode's own actions start.. .
  Frames imagineOpenLoop(const Frames& frames, const std::vector<float>& actions, std::int64_t start,
                         int horizon, const std::string& task = "");
  // The same, each step sampled `samples` times (stepSampled): one SampledStep per imagined step.
  std::vector<SampledStep> imagineOpenLoopSampled(const Frames& frames, const std::vector<float>& actions,
                                                  std::int64_t start, int horizon, const std::string& task,
                                                  int samples);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A success classifier's probability per frame, and its calibrated threshold.
class SuccessScorer {
 public:
  SuccessScorer(const std::filesystem::path& checkpoint, const std::string& device = "auto");
  ~SuccessScorer();
  SuccessScorer(const SuccessScorer&) = delete;
  SuccessScorer& operator=(const SuccessScorer&) = delete;
  std::vector<float> probabilities(const Frames& frames, int height, int width);
  double threshold() const;
  const std::string& task() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::pipeline
