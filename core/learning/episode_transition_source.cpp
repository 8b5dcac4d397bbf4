#include "learning/episode_transition_source.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"

namespace w4rl::learning {

EpisodeTransitionSource::EpisodeTransitionSource(
    std::vector<std::pair<std::string, std::vector<EpisodeClip>>> tasks, int contextFrames)
    : contextFrames_(contextFrames) {
  if (contextFrames_ < 1) throw Error("transitions need at least one context frame");
  for (auto& [name, clips] : tasks) {
    const auto task = static_cast<std::int64_t>(names_.size());
    names_.push_back(name);
    for (std::size_t e = 0; e < clips.size(); ++e) {
      auto& c = clips[e];
      const std::string where = "task " + name + ", episode " + std::to_string(e);
      if (!c.frames.defined() || c.frames.dim() != 4 || c.frames.size(1) != c.frames.size(2) ||
          c.frames.size(3) != 3 || c.frames.scalar_type() != torch::kUInt8)
        throw Error(where + ": expected square uint8 frames (n, S, S, 3)");
      if (imageSize_ == 0) {
        imageSize_ = static_cast<int>(c.frames.size(1));
        actionDim_ = c.actions.defined() && c.actions.dim() == 2 ? static_cast<int>(c.actions.size(1)) : 0;
      }
      if (c.frames.size(1) != imageSize_)
        throw Error(where + ": " + std::to_string(c.frames.size(1)) + "-pixel frames among " +
                    std::to_string(imageSize_) + "-pixel ones");
      if (!c.actions.defined() || c.actions.dim() != 2 || c.actions.size(0) != c.frames.size(0) ||
          c.actions.size(1) != actionDim_ || actionDim_ == 0)
        throw Error(where + ": expected one " + std::to_string(actionDim_) + "-dimensional action per frame");
      const std::int64_t transitions = c.frames.size(0) - 1;
      if (transitions >= 1) {
        Split& s = c.validation ? valid_ : train_;
        s.episodes.push_back(episodes_.size());
        s.cumulative.push_back(s.total);
        s.total += transitions;
      }
      episodes_.push_back({c.frames, c.actions.to(torch::kFloat), task});
    }
  }
  train_.cumulative.push_back(train_.total);
  valid_.cumulative.push_back(valid_.total);
  if (train_.total == 0) throw Error("no training transitions (no episode longer than one step)");
}

TransitionBatch EpisodeTransitionSource::sample(int batchSize, bool validation, at::Generator& generator) {
  const Split& split = validation ? valid_ : train_;
  if (split.total == 0) throw Error(validation ? "no validation transitions" : "no training transitions");
  const auto picks = torch::randint(0, split.total, {batchSize}, generator, torch::kLong);
  const auto pick = picks.accessor<std::int64_t, 1>();
  std::vector<torch::Tensor> context, actions, target;
  std::vector<std::int64_t> task;
  for (int i = 0; i < batchSize; ++i) {
    const auto k = pick[i];
    const auto pos =
        std::upper_bound(split.cumulative.begin(), split.cumulative.end(), k) - split.cumulative.begin() - 1;
    const auto& ep = episodes_[split.episodes[static_cast<std::size_t>(pos)]];
    const std::int64_t t = k - split.cumulative[static_cast<std::size_t>(pos)];  // target is frame t+1
    std::vector<std::int64_t> idx;
    std::vector<float> mask;
    for (std::int64_t j = t - contextFrames_ + 1; j <= t; ++j) {
      idx.push_back(std::max<std::int64_t>(j, 0));
      mask.push_back(j >= 0 ? 1.0f : 0.0f);
    }
    const auto index = torch::tensor(idx, torch::kLong);
    context.push_back(ep.frames.index_select(0, index));
    actions.push_back(ep.actions.index_select(0, index) * torch::tensor(mask).unsqueeze(1));
    target.push_back(ep.frames[t + 1]);
    task.push_back(ep.task);
  }
  return {torch::stack(context), torch::stack(actions), torch::stack(target),
          torch::tensor(task, torch::kLong)};
}

}  // namespace w4rl::learning
