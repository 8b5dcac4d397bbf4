#include "pipeline/dataset_context_source.h"

#include <torch/torch.h>

#include "common/error.h"
#include "learning/imagination.h"
#include "pipeline/episode_selection.h"

namespace w4rl::pipeline {

DatasetContextSource::DatasetContextSource(const data::Dataset& dataset, const std::string& task,
                                           int contextFrames, int taskIndex, bool anyStep)
    : contextFrames_(contextFrames),
      actionDim_(dataset.actionDim()),
      taskIndex_(taskIndex),
      anyStep_(anyStep) {
  requireTask(dataset, task);
  std::vector<std::size_t> all(dataset.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto episodes = episodesOf(dataset, task, {}, all);
  const auto h = dataset.imageHeight(), w = dataset.imageWidth();
  std::vector<torch::Tensor> starts;
  for (auto ep : episodes) {
    if (anyStep_) {
      const auto n = static_cast<std::int64_t>(dataset.episodes()[ep].numSamples);
      auto bytes = dataset.frames(ep, 0, static_cast<std::size_t>(n));
      auto actions = dataset.actions(ep);
      episodeFrames_.push_back(torch::from_blob(bytes.data(), {n, h, w, 3}, torch::kUInt8).clone());
      episodeActions_.push_back(torch::from_blob(actions.data(), {n, actionDim_}, torch::kFloat).clone());
      for (std::int64_t t = 0; t + 1 < n; ++t) steps_.emplace_back(episodeFrames_.size() - 1, t);
      continue;
    }
    auto bytes = dataset.frames(ep, 0, 1);
    starts.push_back(torch::from_blob(bytes.data(), {1, h, w, 3}, torch::kUInt8).clone());
  }
  if (!anyStep_) starts_ = torch::cat(starts);
  if (size() == 0) throw Error("no starting frames for task " + task);
}

std::int64_t DatasetContextSource::size() const {
  return anyStep_ ? static_cast<std::int64_t>(steps_.size()) : starts_.size(0);
}

learning::ContextBatch DatasetContextSource::sample(int batch, at::Generator& generator) {
  const auto index = torch::randint(0, size(), {batch}, generator, torch::kLong);
  learning::ContextBatch b;
  if (anyStep_) {
    std::vector<torch::Tensor> frames, actions;
    for (int i = 0; i < batch; ++i) {
      const auto [ep, t] = steps_[static_cast<std::size_t>(index[i].item<std::int64_t>())];
      auto [f, a] = learning::contextAt(episodeFrames_[ep], episodeActions_[ep], t, contextFrames_);
      frames.push_back(f);
      actions.push_back(a);
    }
    b.frames = torch::stack(frames).contiguous();
    b.actions = torch::stack(actions).contiguous();
    b.task = torch::full({batch}, taskIndex_, torch::kLong);
    return b;
  }
  b.frames =
      starts_.index_select(0, index).unsqueeze(1).expand({batch, contextFrames_, -1, -1, -1}).contiguous();
  b.actions = torch::zeros({batch, contextFrames_, actionDim_});
  b.task = torch::full({batch}, taskIndex_, torch::kLong);
  return b;
}

}  // namespace w4rl::pipeline
