#pragma once
// The batched world-model environment used by everything downstream (teleop, rollout comparison, PPO):
//   reset(B contexts of L frames and the L actions that led into them) -> step(B actions) -> B frames.
// Frames are uint8 (B, H, W, 3); each generated frame is quantised to 8 bits before it joins the context,
// exactly like a camera frame. No autograd; deterministic for a seed; runs on the model's device.
#include <torch/types.h>

#include <cstdint>

#include "learning/precision.h"
#include "learning/world_model.h"

namespace w4rl::learning {

class WorldModelEnv {
 public:
  WorldModelEnv(WorldModel model, const torch::Device& device, std::uint64_t seed);

  // frames (B, L, H, W, 3) uint8; actions (B, L, A): actions[:, i] led into frames[:, i] (zero when
  // frames[:, i] is an episode's first frame or padding); task (B) int64 or undefined for task 0.
  void reset(const torch::Tensor& frames, const torch::Tensor& actions, const torch::Tensor& task = {});
  // actions (B, A) in [-1, 1] -> the next frames, (B, H, W, 3) uint8 on the CPU.
  torch::Tensor step(const torch::Tensor& actions);
  // The same step sampled `samples` times from the same context with independent noise: (K, B, H, W, 3)
  // uint8 on the CPU. The context continues with sample 0; the others show how far the model's own
  // prediction spreads there (refinement's pessimistic reward, imagined_rollout.h). samples 1 draws the
  // same noise as step().
  torch::Tensor stepSamples(const torch::Tensor& actions, int samples);

  void setSamplerSteps(int steps) { samplerSteps_ = steps; }
  // bfloat16: every step samples under CPU autocast (precision.h); refused here for a CUDA device.
  void setPrecision(Precision precision);
  void reseed(std::uint64_t seed);
  std::int64_t batchSize() const { return context_.defined() ? context_.size(0) : 0; }
  const WorldModel& model() const { return model_; }
  const torch::Device& device() const { return device_; }

 private:
  WorldModel model_;
  torch::Device device_;
  at::Generator generator_;
  int samplerSteps_ = 0;  // 0: the model config's
  Precision precision_ = Precision::Float32;
  torch::Tensor context_;  // (B, L, 3, H, W) float in [-1, 1]
  torch::Tensor actions_;  // (B, L, A): the actions that led into the context frames
  torch::Tensor task_;
};

// Builds the context for predicting the frame after index `t` of an episode whose frames are
// (N, H, W, 3) uint8 and actions (N, A): frames t-L+1..t and the actions that led into them, padded
// at the start with copies of frame 0 and zero actions. Returns {frames (L,H,W,3), actions (L,A)}.
std::pair<torch::Tensor, torch::Tensor> contextAt(const torch::Tensor& frames, const torch::Tensor& actions,
                                                  std::int64_t t, int contextFrames);

}  // namespace w4rl::learning
