#include "pipeline/dataset_context_source.h"

#include <torch/torch.h>

#include "common/error.h"
#include "pipeline/episode_selection.h"

namespace w4rl::pipeline {

DatasetContextSource::DatasetContextSource(const data::Dataset& dataset, const std::string& task,
                                           int contextFrames, int taskIndex)
    : contextFrames_(contextFrames), actionDim_(dataset.actionDim()), taskIndex_(taskIndex) {
  requireTask(dataset, task);
  std::vector<std::size_t> all(dataset.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto episodes = episodesOf(dataset, task, {}, all);
  const auto h = dataset.imageHeight(), w = dataset.imageWidth();
  std::vector<torch::Tensor> starts;
  for (auto ep : episodes) {
    auto bytes = dataset.frames(ep, 0, 1);
    starts.push_back(torch::from_blob(bytes.data(), {1, h, w, 3}, torch::kUInt8).clone());
  }
  starts_ = torch::cat(starts);
}

learning::ContextBatch DatasetContextSource::sample(int batch, at::Generator& generator) {
  const auto index = torch::randint(0, size(), {batch}, generator, torch::kLong);
  learning::ContextBatch b;
  b.frames =
      starts_.index_select(0, index).unsqueeze(1).expand({batch, contextFrames_, -1, -1, -1}).contiguous();
  b.actions = torch::zeros({batch, contextFrames_, actionDim_});
  b.task = torch::full({batch}, taskIndex_, torch::kLong);
  return b;
}

}  // namespace w4rl::pipeline
