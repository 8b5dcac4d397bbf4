#pragma once
// Picking and loading the episodes a stage trains on: those of one task, optionally of some sources
// (expert demonstrations for behaviour cloning; everything for the reward classifier), in the dataset's
// train or held-out split. Internal to the pipeline (uses torch).
#include <string>
#include <vector>

#include "data/dataset.h"
#include "learning/demo_set.h"

namespace w4rl::pipeline {

// Episodes of `task` among `split` whose source is in `sources` (empty: any source).
std::vector<std::size_t> episodesOf(const data::Dataset& dataset, const std::string& task,
                                    const std::vector<data::EpisodeSource>& sources,
                                    const std::vector<std::size_t>& split);

// Throws w4rl::Error listing the dataset's tasks when `task` is not among them.
void requireTask(const data::Dataset& dataset, const std::string& task);

// The datasets of a one-task training stage, frames resized to `imageSize`; checks the request's
// required fields (data, task, run directory) first and that the data holds the task.
data::Dataset openTaskData(const std::vector<std::filesystem::path>& files, const std::string& task,
                           const std::filesystem::path& runDir, const std::string& imageKey, bool flipImages,
                           int imageSize);

// Loads the episodes into one DemoSet: frames, stacks of `frameStack`, the action of every step and the
// success label of every frame (frame t shows the state after action t-1, so its label is reward t-1;
// the first frame's is 0).
learning::DemoSet loadDemoSet(const data::Dataset& dataset, const std::vector<std::size_t>& episodes,
                              int frameStack);

}  // namespace w4rl::pipeline
