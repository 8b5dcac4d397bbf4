#pragma once
// Real starting contexts for imagined rollouts of one task, from episodes held in memory. By default the
// first frame of every episode (the world model's context padded as at an episode's start: copies of the
// frame, zero actions), so each imagined episode begins where a real one did. With `anyStep`, any step
// of any episode but its last, and before the episode first shows the task solved: the context is that
// step's last L frames and the actions that led into them (padded at the start, as in training).
// Recorded episodes run on after success; a rollout started there is rewarded at once whatever the
// policy does, which adds nothing to learn from but noise (it was about a third of hammer's starts).
//
// A set of such episodes can be saved as a context pack (a LibTorch archive), so refinement can run where
// the dataset layer is not built (a CUDA machine with LibTorch alone).
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "learning/context_source.h"

namespace w4rl::learning {

struct EpisodeClip {
  torch::Tensor frames;     // (n, H, W, 3) uint8; with first-frame starts only frame 0 is needed
  torch::Tensor actions;    // (n, A) float: the action taken at each frame
  bool validation = false;  // held out from training (the dataset's validation split)
  // The first frame that shows the task solved (the frame after the first step rewarded with success);
  // -1 when the episode never succeeds or this is unknown. anyStep starts only before it.
  std::int64_t firstSuccessFrame = -1;
};

class EpisodeContextSource : public ContextSource {
 public:
  // taskIndex: the task's index in the world model's task list. Throws w4rl::Error on empty or
  // inconsistent episodes.
  EpisodeContextSource(std::vector<EpisodeClip> episodes, int actionDim, int contextFrames, int taskIndex,
                       bool anyStep);
  ContextBatch sample(int batch, at::Generator& generator) override;
  // The starting points: episodes, or with anyStep their steps but the last and those from success on.
  std::int64_t size() const;
  std::size_t episodes() const { return episodes_.size(); }

  // Context pack: the task's name and the episodes (with their split). Written to a temporary file and
  // renamed.
  static void savePack(const std::filesystem::path& file, const std::string& task,
                       const std::vector<EpisodeClip>& episodes);
  // Returns the task's name and the episodes; throws w4rl::Error naming the file when it is not a pack.
  static std::pair<std::string, std::vector<EpisodeClip>> loadPack(const std::filesystem::path& file);

 private:
  std::vector<EpisodeClip> episodes_;
  std::vector<std::pair<std::size_t, std::int64_t>> steps_;  // anyStep: (episode, step) starting points
  int actionDim_, contextFrames_, taskIndex_;
  bool anyStep_;
};

}  // namespace w4rl::learning
