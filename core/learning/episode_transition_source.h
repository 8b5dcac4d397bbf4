#pragma once
// A TransitionSource over episodes held in memory, grouped by task (the world model's task list is the
// groups' names in order). Windows are those of the dataset's transition source: context frames
// t-L+1..t (copies of frame 0 before the start), the actions taken at them (zero before the start), and
// frame t+1 as the target. Episodes marked `validation` form the validation split. All frames live in one
// tensor and a batch is cut with a few vectorised gathers (no per-sample work).
#include <string>
#include <utility>
#include <vector>

#include "learning/episode_context_source.h"
#include "learning/transition_source.h"

namespace w4rl::learning {

class EpisodeTransitionSource : public TransitionSource {
 public:
  // Throws w4rl::Error when the episodes' frames or actions disagree in shape.
  EpisodeTransitionSource(std::vector<std::pair<std::string, std::vector<EpisodeClip>>> tasks,
                          int contextFrames);

  TransitionBatch sample(int batchSize, bool validation, at::Generator& generator) override;
  int imageSize() const override { return imageSize_; }
  int actionDim() const override { return actionDim_; }
  const std::vector<std::string>& tasks() const override { return names_; }
  std::int64_t trainTransitions() const override { return train_.total; }
  std::int64_t validTransitions() const override { return valid_.total; }

 private:
  // Transitions of a split, in episode order then step order: per transition the global index of its
  // target frame, of its episode's first frame, and its task.
  struct Split {
    torch::Tensor target, episodeStart, task;  // (T) int64
    std::int64_t total = 0;
  };
  std::vector<std::string> names_;
  torch::Tensor frames_;   // (M, S, S, 3) uint8: every episode's frames, one after another
  torch::Tensor actions_;  // (M, A) float
  Split train_, valid_;
  int contextFrames_, imageSize_ = 0, actionDim_ = 0;
};

}  // namespace w4rl::learning
