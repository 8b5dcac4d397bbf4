#pragma once
// A TransitionSource over episodes held in memory, grouped by task (the world model's task list is the
// groups' names in order). Windows are those of the dataset's transition source: context frames
// t-L+1..t (copies of frame 0 before the start), the actions taken at them (zero before the start), and
// frame t+1 as the target. Episodes marked `validation` form the validation split.
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
  struct Episode {
    torch::Tensor frames, actions;
    std::int64_t task;
  };
  struct Split {
    std::vector<std::size_t> episodes;
    std::vector<std::int64_t> cumulative;  // transitions before each episode, then the total
    std::int64_t total = 0;
  };
  std::vector<std::string> names_;
  std::vector<Episode> episodes_;
  Split train_, valid_;
  int contextFrames_, imageSize_ = 0, actionDim_ = 0;
};

}  // namespace w4rl::learning
