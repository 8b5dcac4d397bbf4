#pragma once
// Real starting contexts for imagined rollouts: the first frame of every episode of one task (the
// world model's context padded as at an episode's start: copies of the frame, zero actions), so each
// imagined episode begins where a real one did.
#include <string>
#include <vector>

#include "data/dataset.h"
#include "learning/context_source.h"

namespace w4rl::pipeline {

class DatasetContextSource : public learning::ContextSource {
 public:
  // taskIndex: the task's index in the world model's task list.
  DatasetContextSource(const data::Dataset& dataset, const std::string& task, int contextFrames,
                       int taskIndex);
  learning::ContextBatch sample(int batch, at::Generator& generator) override;
  std::int64_t size() const { return starts_.size(0); }

 private:
  torch::Tensor starts_;  // (E, H, W, 3) uint8: first frames
  int contextFrames_, actionDim_, taskIndex_;
};

}  // namespace w4rl::pipeline
