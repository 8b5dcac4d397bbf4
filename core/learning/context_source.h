#pragma once
// Where imagined rollouts start: batches of real contexts (the last L frames and the actions that led
// into them, plus the task index), drawn from a dataset by the pipeline or made by tests.
#include <torch/types.h>

namespace w4rl::learning {

struct ContextBatch {
  torch::Tensor frames;   // (B, L, H, W, 3) uint8
  torch::Tensor actions;  // (B, L, A) float
  torch::Tensor task;     // (B) int64: the world model's task index
};

// Each context `times` times in a row (b -> b * times ... b * times + times - 1): groups of imagined
// episodes from the same start, whose outcomes differ only by the actions and the world model's noise.
inline ContextBatch repeatEach(const ContextBatch& batch, int times) {
  return {batch.frames.repeat_interleave(times, 0), batch.actions.repeat_interleave(times, 0),
          batch.task.repeat_interleave(times, 0)};
}

class ContextSource {
 public:
  virtual ~ContextSource() = default;
  virtual ContextBatch sample(int batch, at::Generator& generator) = 0;
};

}  // namespace w4rl::learning
