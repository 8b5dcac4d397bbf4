#pragma once
// A trained Gaussian image policy (a "policy" checkpoint) acting step by step on camera frames: in the
// real MuJoCo tasks for evaluation (the mean action) and for data collection (sampled actions). It keeps
// the policy's frame stack itself. Torch-free interface, so the CLI and the studio use it without torch.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/action.h"

namespace w4rl::pipeline {

enum class ActionMode {
  Mean,    // the Gaussian's mean: deterministic, for evaluation
  Sample,  // a draw from N(mean, exp(logStd)^2) per dimension, from the runner's own seeded generator
};

class PolicyRunner {
 public:
  // Loads the policy of `checkpoint` onto `device` ("auto", "cpu" or "cuda"). Throws w4rl::Error naming
  // the file when it is missing, not a World4RL checkpoint or another kind of checkpoint (a world model),
  // and when the policy's action dimension is not that of the built-in tasks.
  explicit PolicyRunner(const std::filesystem::path& checkpoint, const std::string& device = "auto",
                        ActionMode mode = ActionMode::Mean);
  ~PolicyRunner();
  PolicyRunner(PolicyRunner&&) noexcept;
  PolicyRunner& operator=(PolicyRunner&&) noexcept;
  PolicyRunner(const PolicyRunner&) = delete;
  PolicyRunner& operator=(const PolicyRunner&) = delete;

  const std::filesystem::path& checkpoint() const;
  const std::string& task() const;  // the task the policy was trained for; may be empty
  int imageSize() const;            // frames must be imageSize() x imageSize()
  int frameStack() const;
  ActionMode mode() const;
  const std::string& deviceDescription() const;  // e.g. "CPU (2 threads)"

  // Starts an episode: the next frame fills the whole frame stack (as the world model's context is padded
  // at an episode's start), and sampling restarts from a generator seeded from `seed`, so an episode's
  // actions depend only on its seed and frames.
  void reset(std::uint64_t seed = 0);
  // The action for the newest camera frame, rgb = height * width * 3 bytes, row 0 at the top; each
  // component clamped to [-1, 1]. Throws w4rl::Error naming both sizes when the frame is not the policy's
  // image size, or when rgb does not hold height * width * 3 bytes.
  sim::Action act(const std::vector<std::uint8_t>& rgb, int height, int width);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace w4rl::pipeline
