#pragma once
// A TransitionSource over a robomimic/LIBERO dataset. Episodes are decoded into memory once when they
// fit the memory budget (the usual case: 230 episodes of 64x64 frames take about 140 MB); otherwise each
// sample reads its frame window from disk.
#include <torch/types.h>

#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "learning/transition_source.h"

namespace w4rl::pipeline {

class DatasetTransitionSource : public learning::TransitionSource {
 public:
  DatasetTransitionSource(const data::Dataset& dataset, int contextFrames, std::int64_t memoryBudgetBytes);

  learning::TransitionBatch sample(int batchSize, bool validation, at::Generator& generator) override;
  int imageSize() const override { return imageSize_; }
  int actionDim() const override { return actionDim_; }
  const std::vector<std::string>& tasks() const override { return tasks_; }
  std::int64_t trainTransitions() const override { return train_.total; }
  std::int64_t validTransitions() const override { return valid_.total; }
  bool inMemory() const { return !frames_.empty(); }

 private:
  // Transitions of a set of episodes: episode e has numSamples - 1 targets (frames 1..N-1).
  struct Split {
    std::vector<std::size_t> episodes;
    std::vector<std::int64_t> cumulative;  // transitions before each episode, then the total
    std::int64_t total = 0;
  };
  Split makeSplit(const std::vector<std::size_t>& episodes) const;
  torch::Tensor episodeFrames(std::size_t ep, std::int64_t start, std::int64_t count) const;

  const data::Dataset& dataset_;
  int contextFrames_;
  int imageSize_;
  int actionDim_;
  std::vector<std::string> tasks_;
  std::vector<torch::Tensor> frames_;   // per episode (N, H, W, 3) uint8, when in memory
  std::vector<torch::Tensor> actions_;  // per episode (N, A) float
  Split train_, valid_;
};

}  // namespace w4rl::pipeline
