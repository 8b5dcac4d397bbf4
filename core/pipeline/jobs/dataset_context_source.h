#pragma once
// Real starting contexts for imagined rollouts of one task, read from a dataset: the task's episodes
// loaded into a learning::EpisodeContextSource (first frames by default, any step with `anyStep`).
#include <string>
#include <vector>

#include "data/dataset.h"
#include "learning/episode_context_source.h"

namespace w4rl::pipeline {

// The task's episodes as clips: whole episodes with `wholeEpisodes`, else only their first frames.
// `limit` > 0 keeps that many, spread evenly over the task's episodes.
std::vector<learning::EpisodeClip> taskEpisodeClips(const data::Dataset& dataset, const std::string& task,
                                                    bool wholeEpisodes, std::size_t limit = 0);

class DatasetContextSource : public learning::EpisodeContextSource {
 public:
  // taskIndex: the task's index in the world model's task list.
  DatasetContextSource(const data::Dataset& dataset, const std::string& task, int contextFrames,
                       int taskIndex, bool anyStep = false);
};

}  // namespace w4rl::pipeline
