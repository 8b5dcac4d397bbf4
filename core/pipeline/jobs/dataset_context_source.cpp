#include "pipeline/jobs/dataset_context_source.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"
#include "pipeline/jobs/episode_selection.h"

namespace w4rl::pipeline {

std::vector<learning::EpisodeClip> taskEpisodeClips(const data::Dataset& dataset, const std::string& task,
                                                    bool wholeEpisodes, std::size_t limit) {
  requireTask(dataset, task);
  std::vector<std::size_t> all(dataset.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  auto episodes = episodesOf(dataset, task, {}, all);
  if (limit > 0 && limit < episodes.size()) {
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < limit; ++i) kept.push_back(episodes[i * episodes.size() / limit]);
    episodes = kept;
  }
  const auto h = dataset.imageHeight(), w = dataset.imageWidth();
  const auto a = static_cast<std::int64_t>(dataset.actionDim());
  std::vector<learning::EpisodeClip> clips;
  for (auto ep : episodes) {
    const auto n = wholeEpisodes ? static_cast<std::int64_t>(dataset.episodes()[ep].numSamples) : 1;
    auto bytes = dataset.frames(ep, 0, static_cast<std::size_t>(n));
    learning::EpisodeClip clip;
    const auto& valid = dataset.validEpisodes();
    clip.validation = std::find(valid.begin(), valid.end(), ep) != valid.end();
    clip.frames = torch::from_blob(bytes.data(), {n, h, w, 3}, torch::kUInt8).clone();
    if (wholeEpisodes) {
      auto actions = dataset.actions(ep);
      clip.actions = torch::from_blob(actions.data(), {n, a}, torch::kFloat).clone();
      // Success as the dataset layer reads it (demo_scan): the first step with a positive reward.
      const auto rewards = dataset.rewards(ep);
      const auto hit = std::find_if(rewards.begin(), rewards.end(), [](float r) { return r > 0.0f; });
      if (hit != rewards.end()) clip.firstSuccessFrame = (hit - rewards.begin()) + 1;
    }
    clips.push_back(std::move(clip));
  }
  if (clips.empty()) throw Error("no episodes of task " + task);
  return clips;
}

DatasetContextSource::DatasetContextSource(const data::Dataset& dataset, const std::string& task,
                                           int contextFrames, int taskIndex, bool anyStep)
    : EpisodeContextSource(taskEpisodeClips(dataset, task, anyStep), static_cast<int>(dataset.actionDim()),
                           contextFrames, taskIndex, anyStep) {}

}  // namespace w4rl::pipeline
