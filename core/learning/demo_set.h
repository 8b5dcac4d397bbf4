#pragma once
// Samples for supervised training on episodes (behaviour cloning, the success classifier): the frames of
// the episodes laid out one after another, and per sample the indices of its frame stack, so stacked
// frames are never copied.
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "common/rng.h"

namespace w4rl::learning {

struct DemoSet {
  torch::Tensor frames;   // (M, H, W, 3) uint8
  torch::Tensor stacks;   // (N, S) int64 indices into frames, oldest first
  torch::Tensor actions;  // (N, A) float: the action taken at each sample (behaviour cloning)
  torch::Tensor labels;   // (N) float 0/1 (success classification)
  // Samples per episode, in the order the samples are laid out (one sample per frame); empty when the
  // samples do not come from whole episodes.
  std::vector<std::int64_t> episodeLengths;
  std::int64_t size() const { return stacks.defined() ? stacks.size(0) : 0; }
  // Frames of samples `index` (K) as (K, S, H, W, 3).
  torch::Tensor stackedFrames(const torch::Tensor& index) const;
};

// Stack indices for episodes of the given lengths laid out one after another: the S most recent frames
// of every step, padded at an episode's start with its first frame (as the world model's context is).
torch::Tensor frameStackIndices(const std::vector<std::int64_t>& lengths, int stack);

}  // namespace w4rl::learning
