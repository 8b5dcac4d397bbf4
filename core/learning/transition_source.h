#pragma once
// Where world-model training gets its transitions. A transition is L context frames, the L actions that
// led into them... plus the next frame:
//   context[i]  = frame t-L+1+i,  actions[i] = action taken at frame t-L+1+i (action L-1 leads to target)
//   target      = frame t+1
// Before an episode's start, frames are copies of its first frame and actions are zero.
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace w4rl::learning {

struct TransitionBatch {
  torch::Tensor context;  // (B, L, H, W, 3) uint8
  torch::Tensor actions;  // (B, L, A) float
  torch::Tensor target;   // (B, H, W, 3) uint8
  torch::Tensor task;     // (B) int64, index into tasks()
};

class TransitionSource {
 public:
  virtual ~TransitionSource() = default;
  // `validation` picks from the held-out episodes. Deterministic for a given generator state.
  virtual TransitionBatch sample(int batchSize, bool validation, at::Generator& generator) = 0;
  virtual int imageSize() const = 0;
  virtual int actionDim() const = 0;
  virtual const std::vector<std::string>& tasks() const = 0;
  virtual std::int64_t trainTransitions() const = 0;
  virtual std::int64_t validTransitions() const = 0;
};

}  // namespace w4rl::learning
