#include "pipeline/jobs/dataset_transition_source.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"

namespace w4rl::pipeline {

DatasetTransitionSource::DatasetTransitionSource(const data::Dataset& dataset, int contextFrames,
                                                 std::int64_t memoryBudgetBytes)
    : dataset_(dataset),
      contextFrames_(contextFrames),
      imageSize_(dataset.imageHeight()),
      actionDim_(dataset.actionDim()),
      tasks_(dataset.tasks()) {
  if (dataset.imageHeight() != dataset.imageWidth())
    throw Error("world models need square images; the dataset's are " +
                std::to_string(dataset.imageHeight()) + "x" + std::to_string(dataset.imageWidth()) +
                " (set image_size to resize)");
  const std::size_t n = dataset.episodes().size();
  actions_.reserve(n);
  for (std::size_t ep = 0; ep < n; ++ep) {
    auto a = dataset.actions(ep);
    actions_.push_back(torch::from_blob(a.data(),
                                        {static_cast<std::int64_t>(a.size()) / actionDim_, actionDim_},
                                        torch::kFloat)
                           .clone());
  }
  const std::int64_t bytes = dataset.totalSamples() * imageSize_ * imageSize_ * 3;
  if (bytes <= memoryBudgetBytes) {
    frames_.reserve(n);
    for (std::size_t ep = 0; ep < n; ++ep)
      frames_.push_back(episodeFrames(ep, 0, dataset.episodes()[ep].numSamples));
  }
  train_ = makeSplit(dataset.trainEpisodes());
  valid_ = makeSplit(dataset.validEpisodes());
}

DatasetTransitionSource::Split DatasetTransitionSource::makeSplit(
    const std::vector<std::size_t>& episodes) const {
  Split s;
  for (std::size_t ep : episodes) {
    const std::int64_t transitions = dataset_.episodes()[ep].numSamples - 1;
    if (transitions < 1) continue;
    s.episodes.push_back(ep);
    s.cumulative.push_back(s.total);
    s.total += transitions;
  }
  s.cumulative.push_back(s.total);
  return s;
}

torch::Tensor DatasetTransitionSource::episodeFrames(std::size_t ep, std::int64_t start,
                                                     std::int64_t count) const {
  auto bytes = dataset_.frames(ep, start, count);
  return torch::from_blob(bytes.data(), {count, imageSize_, imageSize_, 3}, torch::kUInt8).clone();
}

learning::TransitionBatch DatasetTransitionSource::sample(int batchSize, bool validation,
                                                          at::Generator& generator) {
  const Split& split = validation ? valid_ : train_;
  if (split.total == 0) throw Error(validation ? "no validation transitions" : "no training transitions");
  const auto picks = torch::randint(0, split.total, {batchSize}, generator, torch::kLong);
  std::vector<torch::Tensor> context, actions, target;
  std::vector<int64_t> task;
  for (int i = 0; i < batchSize; ++i) {
    const std::int64_t k = picks[i].item<std::int64_t>();
    const auto pos =
        std::upper_bound(split.cumulative.begin(), split.cumulative.end(), k) - split.cumulative.begin() - 1;
    const std::size_t ep = split.episodes[static_cast<std::size_t>(pos)];
    const std::int64_t t =
        k - split.cumulative[static_cast<std::size_t>(pos)];  // context ends at frame t, target t+1
    torch::Tensor frames;
    std::int64_t offset = 0;
    if (inMemory()) {
      frames = frames_[ep];
    } else {
      offset = std::max<std::int64_t>(0, t - contextFrames_ + 1);
      frames = episodeFrames(ep, offset, t + 2 - offset);
    }
    // Frames t-L+1..t (copies of frame 0 before the episode's start) and the actions taken at them
    // (zero before the start). `frames` begins at episode frame `offset`.
    std::vector<int64_t> frameIdx, actionIdx;
    std::vector<float> mask;
    for (std::int64_t j = t - contextFrames_ + 1; j <= t; ++j) {
      frameIdx.push_back(std::max<std::int64_t>(j, 0) - offset);
      actionIdx.push_back(std::max<std::int64_t>(j, 0));
      mask.push_back(j >= 0 ? 1.0f : 0.0f);
    }
    const auto ctxFrames = frames.index_select(0, torch::tensor(frameIdx, torch::kLong));
    const auto idx = torch::tensor(actionIdx, torch::kLong);
    actions.push_back(actions_[ep].index_select(0, idx) * torch::tensor(mask).unsqueeze(1));
    context.push_back(ctxFrames);
    target.push_back(frames[t + 1 - offset]);
    task.push_back(dataset_.episodes()[ep].taskIndex);
  }
  return {torch::stack(context), torch::stack(actions), torch::stack(target),
          torch::tensor(task, torch::kLong)};
}

}  // namespace w4rl::pipeline
