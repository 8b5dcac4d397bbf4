#include "pipeline/jobs/dream_job.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "data/dataset.h"
#include "data/dataset_writer.h"
#include "learning/checkpoint.h"
#include "learning/config_values.h"
#include "learning/imagination.h"
#include "learning/torch_device.h"
#include "metrics/psnr.h"
#include "pipeline/jobs/episode_selection.h"

namespace w4rl::pipeline {
namespace {

// A recorded episode being dreamed: its real frames and actions, and the dream filling in.
struct Source {
  std::size_t index = 0;  // into the dataset's episodes
  torch::Tensor frames;   // (N, H, W, 3) uint8, real
  torch::Tensor actions;  // (N, A)
  torch::Tensor dream;    // (N - 1, H, W, 3) uint8: dream[i] is the dream of frames[i + 1]
  std::int64_t task = 0;  // the model's task index
};

// Frames start + 1 .. start + length of one source, imagined from the real context ending at `start`.
struct Segment {
  std::size_t source = 0;  // into the chunk's sources
  std::int64_t start = 0;
  std::int64_t length = 0;
};

void validate(const DreamRequest& r) {
  if (r.worldModel.empty()) throw Error("no world model given (--world-model)");
  if (r.data.empty()) throw Error("no datasets given (--data)");
  if (r.out.empty()) throw Error("no output file given (--out)");
  if (r.split != "train" && r.split != "valid" && r.split != "all")
    throw Error("--split is train, valid or all, not '" + r.split + "'");
  if (r.segment < 1 || r.segment > 1000) throw Error("--segment must be from 1 to 1000");
  if (r.batch < 1 || r.batch > 4096) throw Error("--batch must be from 1 to 4096");
  if (r.maxEpisodes < 0) throw Error("--episodes must be 0 (all) or more");
  if (std::filesystem::exists(r.out))
    throw Error(r.out.string() + " already exists; dreams are written to a new file");
}

std::vector<std::size_t> splitOf(const data::Dataset& dataset, const std::string& split) {
  if (split == "train") return dataset.trainEpisodes();
  if (split == "valid") return dataset.validEpisodes();
  std::vector<std::size_t> all(dataset.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

// Imagines the segments side by side; each segment's frames land in its source's dream.
double imagineSegments(learning::WorldModelEnv& env, std::vector<Source>& sources,
                       const std::vector<Segment>& segments, int contextFrames, const CancelToken& cancel) {
  std::vector<torch::Tensor> frames, actions;
  std::vector<std::int64_t> tasks;
  std::int64_t longest = 0;
  for (const auto& s : segments) {
    const auto& src = sources[s.source];
    auto [f, a] = learning::contextAt(src.frames, src.actions, s.start, contextFrames);
    frames.push_back(f);
    actions.push_back(a);
    tasks.push_back(src.task);
    longest = std::max(longest, s.length);
  }
  const auto t0 = std::chrono::steady_clock::now();
  env.reset(torch::stack(frames), torch::stack(actions), torch::tensor(tasks, torch::kLong));
  const std::int64_t actionDim = sources.front().actions.size(1);
  for (std::int64_t k = 0; k < longest; ++k) {
    if (cancel.cancelled()) throw Cancelled();
    // A finished (shorter) segment is stepped with zero actions and its frames dropped.
    auto step = torch::zeros({static_cast<std::int64_t>(segments.size()), actionDim});
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (k < segments[i].length)
        step[static_cast<std::int64_t>(i)] = sources[segments[i].source].actions[segments[i].start + k];
    const auto next = env.step(step);
    for (std::size_t i = 0; i < segments.size(); ++i)
      if (k < segments[i].length)
        sources[segments[i].source].dream[segments[i].start + k] = next[static_cast<std::int64_t>(i)];
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The source episode without its first frame, the dream in place of its images.
data::Episode dreamEpisode(const data::Dataset& dataset, const Source& src) {
  const auto& info = dataset.episodes()[src.index];
  data::Episode ep;
  ep.task = info.task;
  ep.source = data::EpisodeSource::Dream;
  ep.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(info.seed, 0));
  ep.actionDim = dataset.actionDim();
  const auto dim = static_cast<std::size_t>(ep.actionDim);
  const auto actions = dataset.actions(src.index);
  ep.actions.assign(actions.begin() + static_cast<std::ptrdiff_t>(dim), actions.end());
  const auto rewards = dataset.rewards(src.index);
  ep.rewards.assign(rewards.begin() + 1, rewards.end());
  const auto dones = dataset.dones(src.index);
  ep.dones.assign(dones.begin() + 1, dones.end());
  ep.dones.back() = 1;
  ep.success = std::any_of(ep.rewards.begin(), ep.rewards.end(), [](float r) { return r > 0.0f; });
  ep.stateDim = dataset.stateDim(src.index);
  const auto states = dataset.states(src.index);
  if (ep.stateDim > 0) ep.states.assign(states.begin() + ep.stateDim, states.end());
  for (const auto& key : dataset.lowDimKeys(src.index)) {
    if (key == "agentview_image") continue;
    data::LowDimStream stream;
    stream.dim = dataset.lowDimSize(src.index, key);
    const auto values = dataset.lowDim(src.index, key);
    stream.values.assign(values.begin() + stream.dim, values.end());
    ep.lowDim[key] = std::move(stream);
  }
  ep.imageHeight = static_cast<int>(src.dream.size(1));
  ep.imageWidth = static_cast<int>(src.dream.size(2));
  const auto dream = src.dream.contiguous();
  ep.images.assign(dream.data_ptr<std::uint8_t>(), dream.data_ptr<std::uint8_t>() + dream.numel());
  return ep;
}

int toInt(const std::string& key, const std::string& value) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(value, &used);
    if (used == value.size() && v >= INT32_MIN && v <= INT32_MAX) return static_cast<int>(v);
  } catch (const std::exception&) {
  }
  throw Error("setting " + key + ": '" + value + "' is not an integer");
}

}  // namespace

bool setDreamOption(DreamRequest& r, const std::string& key, const std::string& value) {
  if (key == "segment")
    r.segment = toInt(key, value);
  else if (key == "split")
    r.split = value;
  else if (key == "episodes")
    r.maxEpisodes = toInt(key, value);
  else if (key == "batch")
    r.batch = toInt(key, value);
  else if (key == "seed")
    r.seed = learning::config::toSeed(key, value);
  else if (key == "sampler_steps")
    r.samplerSteps = toInt(key, value);
  else if (key == "device")
    r.device = value;
  else
    return false;
  return true;
}

DreamReport dreamEpisodes(const DreamRequest& request, const ProgressCallback& progress,
                          const CancelToken& cancel) {
  validate(request);
  const torch::Device device = learning::resolveDevice(request.device);
  learning::useAllCpuCores();
  auto loaded = learning::loadWorldModel(request.worldModel, device);
  const auto& cfg = loaded.model->config();

  data::ReadOptions read;
  read.imageKey = request.imageKey;
  read.flipVertical = request.flipImages;
  read.imageSize = cfg.imageSize;
  const data::Dataset dataset = data::Dataset::open(request.data, read);
  if (dataset.actionDim() != cfg.actionDim)
    throw Error("the data's actions have dimension " + std::to_string(dataset.actionDim()) + ", " +
                request.worldModel.string() + " expects " + std::to_string(cfg.actionDim));
  if (!request.task.empty()) requireTask(dataset, request.task);
  std::map<std::string, std::int64_t> taskIndex;
  for (std::size_t i = 0; i < cfg.tasks.size(); ++i) taskIndex[cfg.tasks[i]] = static_cast<std::int64_t>(i);
  if (!request.task.empty() && cfg.tasks.size() > 1 && !taskIndex.count(request.task))
    throw Error(request.worldModel.string() + " was not trained on task '" + request.task + "'");

  std::vector<std::size_t> selected;
  for (std::size_t idx : splitOf(dataset, request.split)) {
    const auto& info = dataset.episodes()[idx];
    if (!request.task.empty() && info.task != request.task) continue;
    if (cfg.tasks.size() > 1 && !taskIndex.count(info.task)) continue;
    if (info.numSamples < 2) continue;  // nothing to dream after its only frame
    selected.push_back(idx);
    if (request.maxEpisodes > 0 && static_cast<int>(selected.size()) == request.maxEpisodes) break;
  }
  if (selected.empty())
    throw Error(
        "no episodes to dream: the " + request.split + " split of the data holds no episode of " +
        (request.task.empty() ? std::string("a task the world model knows") : "task " + request.task) +
        " with 2 or more steps");

  nlohmann::json dreamInfo{{"world_model", request.worldModel.string()},
                           {"segment", request.segment},
                           {"seed", request.seed},
                           {"sampler_steps", request.samplerSteps},
                           {"split", request.split}};
  for (std::size_t idx : selected) {
    const auto& info = dataset.episodes()[idx];
    dreamInfo["sources"].push_back(info.file + ":" + info.demo);
  }
  data::DatasetWriter writer(request.out, nlohmann::json{{"dream", dreamInfo}});

  learning::WorldModelEnv env(loaded.model, device, request.seed);
  env.setSamplerSteps(request.samplerSteps);
  DreamReport report;
  report.split = request.split;
  report.device = learning::describeDevice(device);
  const auto t0 = std::chrono::steady_clock::now();
  double imagineSeconds = 0.0, psnrSum = 0.0;
  const auto size = static_cast<int>(cfg.imageSize);
  std::size_t next = 0;
  while (next < selected.size()) {
    // A chunk: whole episodes until their segments fill a batch, so memory stays bounded.
    std::vector<Source> sources;
    std::vector<Segment> segments;
    while (next < selected.size() && static_cast<int>(segments.size()) < request.batch) {
      const std::size_t idx = selected[next++];
      const auto& info = dataset.episodes()[idx];
      auto bytes = dataset.frames(idx, 0, info.numSamples);
      auto actions = dataset.actions(idx);
      Source src;
      src.index = idx;
      src.frames = torch::from_blob(bytes.data(), {info.numSamples, size, size, 3}, torch::kUInt8).clone();
      src.actions = torch::from_blob(actions.data(), {info.numSamples, cfg.actionDim}, torch::kFloat).clone();
      src.dream = torch::zeros({info.numSamples - 1, size, size, 3}, torch::kUInt8);
      const auto it = taskIndex.find(info.task);
      src.task = it == taskIndex.end() ? 0 : it->second;
      for (std::int64_t s = 0; s < info.numSamples - 1; s += request.segment)
        segments.push_back(
            {sources.size(), s, std::min<std::int64_t>(request.segment, info.numSamples - 1 - s)});
      sources.push_back(std::move(src));
    }
    for (std::size_t b = 0; b < segments.size(); b += static_cast<std::size_t>(request.batch)) {
      const std::vector<Segment> part(
          segments.begin() + static_cast<std::ptrdiff_t>(b),
          segments.begin() + static_cast<std::ptrdiff_t>(std::min(segments.size(), b + request.batch)));
      imagineSeconds += imagineSegments(env, sources, part, cfg.contextFrames, cancel);
    }
    for (const auto& src : sources) {
      const auto episode = dreamEpisode(dataset, src);
      writer.append(episode);
      const std::int64_t count = src.dream.size(0);
      for (std::int64_t i = 0; i < count; ++i) {
        const auto real = src.frames[i + 1].contiguous();
        const auto dreamed = src.dream[i].contiguous();
        psnrSum += metrics::psnrCapped({real.data_ptr<std::uint8_t>(), size, size},
                                       {dreamed.data_ptr<std::uint8_t>(), size, size});
      }
      report.frames += count;
      report.successFrames +=
          std::count_if(episode.rewards.begin(), episode.rewards.end(), [](float r) { return r > 0.0f; });
      ++report.episodes;
    }
    if (progress)
      progress({report.episodes, static_cast<std::int64_t>(selected.size()),
                "dreamed " + std::to_string(report.episodes) + "/" + std::to_string(selected.size()) +
                    " episodes"});
  }
  writer.commit();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report.framesPerSecond = imagineSeconds > 0 ? static_cast<double>(report.frames) / imagineSeconds : 0.0;
  report.meanPsnr = report.frames ? psnrSum / static_cast<double>(report.frames) : 0.0;
  return report;
}

}  // namespace w4rl::pipeline
