#pragma once
// Real starting contexts for imagined rollouts of one task. By default the first frame of every episode
// (the world model's context padded as at an episode's start: copies of the frame, zero actions), so each
// imagined episode begins where a real one did. With `anyStep`, any step of any episode: the context is
// that step's last L frames and the actions that led into them (padded at the start, as in training).
#include <string>
#include <vector>

#include "data/dataset.h"
#include "learning/context_source.h"

namespace w4rl::pipeline {

class DatasetContextSource : public learning::ContextSource {
 public:
  // taskIndex: the task's index in the world model's task list.
  DatasetContextSource(const data::Dataset& dataset, const std::string& task, int contextFrames,
                       int taskIndex, bool anyStep = false);
  learning::ContextBatch sample(int batch, at::Generator& generator) override;
  std::int64_t size() const;  // the starting points: episodes, or all their steps but the last with anyStep

 private:
  torch::Tensor starts_;                                       // (E, H, W, 3) uint8: first frames
  std::vector<torch::Tensor> episodeFrames_, episodeActions_;  // anyStep: (n, H, W, 3), (n, A) per episode
  std::vector<std::pair<std::size_t, std::int64_t>> steps_;    // anyStep: (episode, step) starting points
  int contextFrames_, actionDim_, taskIndex_;
  bool anyStep_;
};

}  // namespace w4rl::pipeline
