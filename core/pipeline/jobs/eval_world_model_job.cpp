#include "pipeline/jobs/eval_world_model_job.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "common/error.h"
#include "common/number_text.h"
#include "common/rng.h"
#include "data/dataset.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/torch_device.h"
#include "metrics/psnr.h"
#include "metrics/ssim.h"
#include "metrics/video_writer.h"

namespace w4rl::pipeline {
namespace {

struct Episode {
  std::size_t index;
  std::string demo;
  torch::Tensor frames;   // (N, H, W, 3) uint8
  torch::Tensor actions;  // (N, A)
  std::int64_t start;     // the context ends at this frame
  std::int64_t task;
};

metrics::ImageView view(const torch::Tensor& frame) {
  return {frame.data_ptr<std::uint8_t>(), static_cast<int>(frame.size(0)), static_cast<int>(frame.size(1))};
}

// Imagines `horizon` frames for every episode with the given per-episode action sequences (E, H, A).
std::vector<torch::Tensor> imagine(learning::WorldModelEnv& env, const std::vector<Episode>& eps,
                                   const torch::Tensor& actionSeq, int contextFrames, int horizon) {
  std::vector<torch::Tensor> frames, actions;
  std::vector<std::int64_t> tasks;
  for (const auto& e : eps) {
    auto [f, a] = learning::contextAt(e.frames, e.actions, e.start, contextFrames);
    frames.push_back(f);
    actions.push_back(a);
    tasks.push_back(e.task);
  }
  env.reset(torch::stack(frames), torch::stack(actions), torch::tensor(tasks, torch::kLong));
  std::vector<torch::Tensor> out;
  for (int k = 0; k < horizon; ++k) out.push_back(env.step(actionSeq.select(1, k)));
  return out;  // horizon x (E, H, W, 3)
}

}  // namespace

EvalWorldModelReport evalWorldModel(const EvalWorldModelRequest& request, const ProgressCallback& progress,
                                    const CancelToken& cancel) {
  if (request.episodes < 2)
    throw Error("--episodes must be at least 2 (shuffled actions need another episode)");
  if (request.horizon < 1 || request.horizon > 1000) throw Error("--horizon must be from 1 to 1000");
  const torch::Device device = learning::resolveDevice(request.device);
  learning::useAllCpuCores();
  auto loaded = learning::loadWorldModel(request.checkpoint, device);
  const auto& cfg = loaded.model->config();

  data::ReadOptions read;
  read.imageKey = request.imageKey;
  read.flipVertical = request.flipImages;
  if (!request.resize) {
    const data::Dataset native = data::Dataset::open(request.data, read);  // metadata only
    if (native.imageHeight() != cfg.imageSize || native.imageWidth() != cfg.imageSize)
      throw Error("the data's images are " + std::to_string(native.imageHeight()) + "x" +
                  std::to_string(native.imageWidth()) + " but " + request.checkpoint.string() + " expects " +
                  std::to_string(cfg.imageSize) + "x" + std::to_string(cfg.imageSize) +
                  " (pass --resize to resize them)");
  }
  read.imageSize = cfg.imageSize;
  const data::Dataset dataset = data::Dataset::open(request.data, read);
  if (dataset.actionDim() != cfg.actionDim)
    throw Error("the data's actions have dimension " + std::to_string(dataset.actionDim()) +
                ", the model's " + std::to_string(cfg.actionDim));
  std::map<std::string, std::int64_t> taskIndex;
  for (std::size_t i = 0; i < cfg.tasks.size(); ++i) taskIndex[cfg.tasks[i]] = static_cast<std::int64_t>(i);

  EvalWorldModelReport report;
  report.horizon = request.horizon;
  report.device = learning::describeDevice(device);
  std::vector<std::size_t> candidates = dataset.validEpisodes();
  report.split = "valid";
  if (candidates.empty()) {
    candidates.resize(dataset.episodes().size());
    for (std::size_t i = 0; i < candidates.size(); ++i) candidates[i] = i;
    report.split = "all";
  }
  Rng rng(request.seed);
  std::vector<Episode> eps;
  for (std::size_t idx : candidates) {
    if (static_cast<int>(eps.size()) == request.episodes) break;
    const auto& info = dataset.episodes()[idx];
    if (info.numSamples < request.horizon + 1) continue;
    auto it = taskIndex.find(info.task);
    if (it == taskIndex.end() && cfg.tasks.size() > 1)
      throw Error("episode " + info.demo + " is of task '" + info.task +
                  "', which the model was not trained on");
    auto bytes = dataset.frames(idx, 0, info.numSamples);
    auto actions = dataset.actions(idx);
    Episode e;
    e.index = idx;
    e.demo = info.demo;
    e.frames =
        torch::from_blob(bytes.data(), {info.numSamples, cfg.imageSize, cfg.imageSize, 3}, torch::kUInt8)
            .clone();
    e.actions = torch::from_blob(actions.data(), {info.numSamples, cfg.actionDim}, torch::kFloat).clone();
    const std::int64_t last = info.numSamples - 1 - request.horizon;
    const std::int64_t first = std::min<std::int64_t>(cfg.contextFrames - 1, last);
    e.start = first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(last - first + 1)));
    e.task = it == taskIndex.end() ? 0 : it->second;
    eps.push_back(std::move(e));
  }
  if (eps.size() < 2)
    throw Error("need at least 2 episodes with more than " + std::to_string(request.horizon) +
                " steps, found " + std::to_string(eps.size()));
  report.episodes = static_cast<int>(eps.size());
  const auto n = static_cast<std::int64_t>(eps.size());

  std::vector<torch::Tensor> trueSeq, shuffledSeq;
  for (std::int64_t i = 0; i < n; ++i) {
    const auto& e = eps[static_cast<std::size_t>(i)];
    const auto& other = eps[static_cast<std::size_t>((i + 1) % n)];
    trueSeq.push_back(e.actions.slice(0, e.start, e.start + request.horizon));
    shuffledSeq.push_back(other.actions.slice(0, other.start, other.start + request.horizon));
  }
  learning::WorldModelEnv env(loaded.model, device, request.seed);
  env.setSamplerSteps(request.samplerSteps);
  env.setPrecision(learning::parsePrecision(request.precision));
  if (progress) progress({0, 2, "imagining with true actions"});
  const auto t0 = std::chrono::steady_clock::now();
  const auto imagined = imagine(env, eps, torch::stack(trueSeq), cfg.contextFrames, request.horizon);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report.imaginedFramesPerSecond = static_cast<double>(n * request.horizon) / seconds;
  if (cancel.cancelled()) throw Cancelled();
  if (progress) progress({1, 2, "imagining with shuffled actions"});
  env.reseed(request.seed);
  const auto shuffled = imagine(env, eps, torch::stack(shuffledSeq), cfg.contextFrames, request.horizon);
  if (progress) progress({2, 2, "scoring"});

  for (int k = 0; k < request.horizon; ++k) {
    FidelityRow row;
    row.step = k + 1;
    for (std::int64_t i = 0; i < n; ++i) {
      const auto& e = eps[static_cast<std::size_t>(i)];
      const auto real = e.frames[e.start + k + 1].contiguous();
      const auto copy = e.frames[e.start].contiguous();
      const auto im = imagined[static_cast<std::size_t>(k)][i].contiguous();
      const auto sh = shuffled[static_cast<std::size_t>(k)][i].contiguous();
      row.psnr += metrics::psnrCapped(view(real), view(im));
      row.ssim += metrics::ssim(view(real), view(im));
      row.copyPsnr += metrics::psnrCapped(view(real), view(copy));
      row.copySsim += metrics::ssim(view(real), view(copy));
      row.shuffledPsnr += metrics::psnrCapped(view(real), view(sh));
      row.shuffledSsim += metrics::ssim(view(real), view(sh));
    }
    for (double* v :
         {&row.psnr, &row.ssim, &row.copyPsnr, &row.copySsim, &row.shuffledPsnr, &row.shuffledSsim})
      *v /= static_cast<double>(n);
    report.perStep.push_back(row);
  }
  for (const auto& r : report.perStep) {
    report.mean.psnr += r.psnr / request.horizon;
    report.mean.ssim += r.ssim / request.horizon;
    report.mean.copyPsnr += r.copyPsnr / request.horizon;
    report.mean.copySsim += r.copySsim / request.horizon;
    report.mean.shuffledPsnr += r.shuffledPsnr / request.horizon;
    report.mean.shuffledSsim += r.shuffledSsim / request.horizon;
  }

  if (!request.videoDir.empty()) {
    std::filesystem::create_directories(request.videoDir);
    for (std::int64_t i = 0; i < std::min<std::int64_t>(n, request.videos); ++i) {
      const auto& e = eps[static_cast<std::size_t>(i)];
      const auto file = request.videoDir / (e.demo + ".mp4");
      metrics::SideBySideVideoWriter video(file, cfg.imageSize, cfg.imageSize);
      for (int k = 0; k < request.horizon; ++k) {
        const auto real = e.frames[e.start + k + 1].contiguous();
        const auto im = imagined[static_cast<std::size_t>(k)][i].contiguous();
        video.addFrame(view(real), view(im),
                       formatC("t+%d  PSNR %.1f dB", k + 1, metrics::psnrCapped(view(real), view(im))));
      }
      video.close();
      report.videos.push_back(file.string());
    }
  }
  return report;
}

}  // namespace w4rl::pipeline
