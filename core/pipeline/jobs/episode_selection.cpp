#include "pipeline/jobs/episode_selection.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"

namespace w4rl::pipeline {

std::vector<std::size_t> episodesOf(const data::Dataset& dataset, const std::string& task,
                                    const std::vector<data::EpisodeSource>& sources,
                                    const std::vector<std::size_t>& split) {
  std::vector<std::size_t> out;
  for (auto ep : split) {
    const auto& info = dataset.episodes()[ep];
    if (info.task != task) continue;
    if (!sources.empty() && std::find(sources.begin(), sources.end(), info.source) == sources.end()) continue;
    out.push_back(ep);
  }
  return out;
}

void requireTask(const data::Dataset& dataset, const std::string& task) {
  const auto& tasks = dataset.tasks();
  if (std::find(tasks.begin(), tasks.end(), task) != tasks.end()) return;
  std::string list;
  for (const auto& t : tasks) list += (list.empty() ? "" : ", ") + t;
  throw Error("the data holds no episodes of task '" + task + "' (its tasks: " + list + ")");
}

data::Dataset openTaskData(const std::vector<std::filesystem::path>& files, const std::string& task,
                           const std::filesystem::path& runDir, const std::string& imageKey, bool flipImages,
                           int imageSize) {
  if (files.empty()) throw Error("no dataset given (--data)");
  if (task.empty()) throw Error("no task given (--task)");
  if (runDir.empty()) throw Error("no run directory given (--out)");
  data::ReadOptions read;
  read.imageKey = imageKey;
  read.flipVertical = flipImages;
  read.imageSize = imageSize;
  auto dataset = data::Dataset::open(files, read);
  requireTask(dataset, task);
  return dataset;
}

learning::DemoSet loadDemoSet(const data::Dataset& dataset, const std::vector<std::size_t>& episodes,
                              int frameStack) {
  learning::DemoSet set;
  const auto h = dataset.imageHeight(), w = dataset.imageWidth();
  const auto a = dataset.actionDim();
  std::vector<torch::Tensor> frames, actions, labels;
  std::vector<std::int64_t> lengths;
  for (auto ep : episodes) {
    const auto n = dataset.episodes()[ep].numSamples;
    auto bytes = dataset.frames(ep, 0, n);
    frames.push_back(torch::from_blob(bytes.data(), {n, h, w, 3}, torch::kUInt8).clone());
    auto act = dataset.actions(ep);
    actions.push_back(torch::from_blob(act.data(), {n, a}, torch::kFloat).clone());
    auto rewards = dataset.rewards(ep);
    auto label = torch::zeros({n});
    for (std::int64_t t = 1; t < n; ++t)
      label[t] = rewards[static_cast<std::size_t>(t - 1)] > 0.5f ? 1.0 : 0.0;
    labels.push_back(label);
    lengths.push_back(n);
  }
  if (lengths.empty()) {
    set.frames = torch::empty({0, h, w, 3}, torch::kUInt8);
    set.actions = torch::empty({0, a});
    set.labels = torch::empty({0});
    set.stacks = torch::empty({0, frameStack}, torch::kLong);
    return set;
  }
  set.frames = torch::cat(frames);
  set.actions = torch::cat(actions);
  set.labels = torch::cat(labels);
  set.stacks = learning::frameStackIndices(lengths, frameStack);
  set.episodeLengths = lengths;
  return set;
}

}  // namespace w4rl::pipeline
