#include "learning/episode_context_source.h"

#include <algorithm>

#include <torch/serialize.h>
#include <torch/torch.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"

namespace w4rl::learning {
namespace {

constexpr const char* kPackMagic = "world4rl-context-pack-v1";

}  // namespace

EpisodeContextSource::EpisodeContextSource(std::vector<EpisodeClip> episodes, int actionDim,
                                           int contextFrames, int taskIndex, bool anyStep)
    : episodes_(std::move(episodes)),
      actionDim_(actionDim),
      contextFrames_(contextFrames),
      taskIndex_(taskIndex),
      anyStep_(anyStep) {
  if (contextFrames_ < 1) throw Error("contexts need at least one frame");
  for (std::size_t e = 0; e < episodes_.size(); ++e) {
    const auto& ep = episodes_[e];
    const std::string where = "episode " + std::to_string(e) + " of the starting contexts";
    if (!ep.frames.defined() || ep.frames.dim() != 4 || ep.frames.size(0) < 1 || ep.frames.size(3) != 3 ||
        ep.frames.scalar_type() != torch::kUInt8)
      throw Error(where + ": expected uint8 frames (n, H, W, 3)");
    if (!anyStep_) continue;
    if (!ep.actions.defined() || ep.actions.dim() != 2 || ep.actions.size(0) != ep.frames.size(0) ||
        ep.actions.size(1) != actionDim_)
      throw Error(where + ": expected one " + std::to_string(actionDim_) + "-dimensional action per frame");
    auto end = ep.frames.size(0) - 1;  // the last frame has no next frame to imagine toward
    if (ep.firstSuccessFrame >= 0) end = std::min(end, ep.firstSuccessFrame);
    for (std::int64_t t = 0; t < end; ++t) steps_.emplace_back(e, t);
  }
  if (size() == 0) throw Error("no starting contexts (no episodes, or none longer than one step)");
}

std::int64_t EpisodeContextSource::size() const {
  return anyStep_ ? static_cast<std::int64_t>(steps_.size()) : static_cast<std::int64_t>(episodes_.size());
}

ContextBatch EpisodeContextSource::sample(int batch, at::Generator& generator) {
  const auto index = torch::randint(0, size(), {batch}, generator, torch::kLong);
  const auto picks = index.accessor<std::int64_t, 1>();
  std::vector<torch::Tensor> frames, actions;
  for (int i = 0; i < batch; ++i) {
    const auto k = static_cast<std::size_t>(picks[i]);
    if (anyStep_) {
      const auto [ep, t] = steps_[k];
      auto [f, a] = contextAt(episodes_[ep].frames, episodes_[ep].actions, t, contextFrames_);
      frames.push_back(f);
      actions.push_back(a);
    } else {
      frames.push_back(episodes_[k].frames[0].unsqueeze(0).expand({contextFrames_, -1, -1, -1}));
    }
  }
  ContextBatch b;
  b.frames = torch::stack(frames).contiguous();
  b.actions =
      anyStep_ ? torch::stack(actions).contiguous() : torch::zeros({batch, contextFrames_, actionDim_});
  b.task = torch::full({batch}, taskIndex_, torch::kLong);
  return b;
}

void EpisodeContextSource::savePack(const std::filesystem::path& file, const std::string& task,
                                    const std::vector<EpisodeClip>& episodes) {
  torch::serialize::OutputArchive archive;
  archive.write("magic", c10::IValue(std::string(kPackMagic)));
  archive.write("task", c10::IValue(task));
  archive.write("episodes", torch::tensor(static_cast<std::int64_t>(episodes.size())));
  std::vector<std::int64_t> validation;
  for (const auto& e : episodes) validation.push_back(e.validation ? 1 : 0);
  archive.write("validation", torch::tensor(validation, torch::kLong));
  std::vector<std::int64_t> success;
  for (const auto& e : episodes) success.push_back(e.firstSuccessFrame);
  archive.write("first_success_frames", torch::tensor(success, torch::kLong));
  for (std::size_t e = 0; e < episodes.size(); ++e) {
    archive.write("frames_" + std::to_string(e), episodes[e].frames.contiguous());
    archive.write("actions_" + std::to_string(e), episodes[e].actions.to(torch::kFloat).contiguous());
  }
  saveArchiveAtomically(archive, file, "context pack");
}

std::pair<std::string, std::vector<EpisodeClip>> EpisodeContextSource::loadPack(
    const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw Error(file.string() + ": no such context pack");
  torch::serialize::InputArchive archive;
  try {
    archive.load_from(file.string());
  } catch (const c10::Error& e) {
    throw Error(file.string() +
                ": not a readable context pack: " + std::string(e.what_without_backtrace()).substr(0, 200));
  }
  c10::IValue magic, task;
  if (!archive.try_read("magic", magic) || !magic.isString() || magic.toStringRef() != kPackMagic ||
      !archive.try_read("task", task) || !task.isString())
    throw Error(file.string() + ": not a World4RL context pack");
  torch::Tensor count;
  if (!archive.try_read("episodes", count) || count.numel() != 1)
    throw Error(file.string() + ": context pack without an episode count");
  std::vector<EpisodeClip> episodes(static_cast<std::size_t>(count.item<std::int64_t>()));
  for (std::size_t e = 0; e < episodes.size(); ++e)
    if (!archive.try_read("frames_" + std::to_string(e), episodes[e].frames) ||
        !archive.try_read("actions_" + std::to_string(e), episodes[e].actions))
      throw Error(file.string() + ": context pack is missing episode " + std::to_string(e));
  torch::Tensor validation;
  if (archive.try_read("validation", validation) && validation.numel() == count.item<std::int64_t>())
    for (std::size_t e = 0; e < episodes.size(); ++e)
      episodes[e].validation = validation[static_cast<std::int64_t>(e)].item<std::int64_t>() != 0;
  torch::Tensor success;  // absent from packs written before it was recorded: unknown (-1)
  if (archive.try_read("first_success_frames", success) && success.numel() == count.item<std::int64_t>())
    for (std::size_t e = 0; e < episodes.size(); ++e)
      episodes[e].firstSuccessFrame = success[static_cast<std::int64_t>(e)].item<std::int64_t>();
  return {task.toStringRef(), std::move(episodes)};
}

}  // namespace w4rl::learning
