#include "pipeline/services/imagination_service.h"

#include <torch/torch.h>

#include <algorithm>

#include "common/error.h"
#include "learning/checkpoint.h"
#include "learning/imagination.h"
#include "learning/policy_checkpoint.h"
#include "learning/torch_device.h"
#include "metrics/heatmap.h"

namespace w4rl::pipeline {
namespace {

torch::Tensor toTensor(const Frames& frames, std::int64_t count, int h, int w) {
  return torch::from_blob(const_cast<std::uint8_t*>(frames.data()), {count, h, w, 3}, torch::kUInt8).clone();
}

Frames toBytes(const torch::Tensor& frames) {
  const auto c = frames.contiguous().cpu();
  return Frames(c.data_ptr<std::uint8_t>(), c.data_ptr<std::uint8_t>() + c.numel());
}

}  // namespace

struct ImaginedWorld::Impl {
  learning::WorldModel model{nullptr};
  torch::Device device{torch::kCPU};
  std::unique_ptr<learning::WorldModelEnv> env;

  std::int64_t frameCount(const Frames& frames) const {
    const int s = model->config().imageSize;
    const auto perFrame = static_cast<std::size_t>(s) * static_cast<std::size_t>(s) * 3;
    if (frames.empty() || frames.size() % perFrame != 0)
      throw Error("frames are not " + std::to_string(s) + "x" + std::to_string(s) +
                  " RGB images, the world model's size (" + std::to_string(frames.size()) + " bytes)");
    return static_cast<std::int64_t>(frames.size() / perFrame);
  }
  std::int64_t taskIndex(const std::string& task) const {
    const auto& tasks = model->config().tasks;
    if (task.empty()) return 0;
    const auto it = std::find(tasks.begin(), tasks.end(), task);
    if (it == tasks.end()) {
      if (tasks.size() <= 1) return 0;  // a single-task model imagines any task's frames as its own
      throw Error("the world model was not trained on task '" + task + "'");
    }
    return it - tasks.begin();
  }
};

ImaginedWorld::ImaginedWorld(const std::filesystem::path& checkpoint, const std::string& device,
                             std::uint64_t seed)
    : impl_(std::make_unique<Impl>()) {
  impl_->device = learning::resolveDevice(device);
  learning::useAllCpuCores();
  impl_->model = learning::loadWorldModel(checkpoint, impl_->device).model;
  impl_->env = std::make_unique<learning::WorldModelEnv>(impl_->model, impl_->device, seed);
}

ImaginedWorld::~ImaginedWorld() = default;

int ImaginedWorld::imageSize() const {
  return impl_->model->config().imageSize;
}
int ImaginedWorld::actionDim() const {
  return impl_->model->config().actionDim;
}
int ImaginedWorld::contextFrames() const {
  return impl_->model->config().contextFrames;
}
const std::vector<std::string>& ImaginedWorld::tasks() const {
  return impl_->model->config().tasks;
}
std::string ImaginedWorld::deviceDescription() const {
  return learning::describeDevice(impl_->device);
}
void ImaginedWorld::setSeed(std::uint64_t seed) {
  impl_->env->reseed(seed);
}
void ImaginedWorld::setSamplerSteps(int steps) {
  impl_->env->setSamplerSteps(steps);
}

void ImaginedWorld::resetFromEpisode(const Frames& frames, const std::vector<float>& actions, std::int64_t t,
                                     const std::string& task) {
  const auto n = impl_->frameCount(frames);
  const int a = actionDim(), s = imageSize();
  if (actions.size() != static_cast<std::size_t>(n * a))
    throw Error("the episode has " + std::to_string(n) + " frames but " + std::to_string(actions.size()) +
                " action values (action dimension " + std::to_string(a) + ")");
  const auto f = toTensor(frames, n, s, s);
  const auto act = torch::from_blob(const_cast<float*>(actions.data()), {n, a}, torch::kFloat).clone();
  auto [cf, ca] = learning::contextAt(f, act, t, contextFrames());
  impl_->env->reset(cf.unsqueeze(0), ca.unsqueeze(0), torch::full({1}, impl_->taskIndex(task), torch::kLong));
}

Frames ImaginedWorld::step(const std::vector<float>& action) {
  return stepSampled(action, 1).frame;
}

SampledStep ImaginedWorld::stepSampled(const std::vector<float>& action, int samples) {
  if (samples < 1 || samples > kMaxDreamSamples)
    throw Error("dream samples must be from 1 to " + std::to_string(kMaxDreamSamples) + ", not " +
                std::to_string(samples));
  learning::useAllCpuCores();  // the thread count is per calling thread (OpenMP): set it on this one
  if (action.size() != static_cast<std::size_t>(actionDim()))
    throw Error("an action has " + std::to_string(actionDim()) + " values, got " +
                std::to_string(action.size()));
  const auto a = torch::from_blob(const_cast<float*>(action.data()), {1, actionDim()}, torch::kFloat).clone();
  if (samples == 1) return {toBytes(impl_->env->step(a)[0]), {}, -1.0};
  const auto all = impl_->env->stepSamples(a, samples).contiguous();  // (K, 1, H, W, 3)
  const int s = imageSize();
  std::vector<metrics::ImageView> views;
  for (int k = 0; k < samples; ++k) views.push_back({all[k][0].data_ptr<std::uint8_t>(), s, s});
  auto spread = metrics::sampleSpread(views);
  return {toBytes(all[0][0]), std::move(spread.heat), spread.mean};
}

Frames ImaginedWorld::imagineOpenLoop(const Frames& frames, const std::vector<float>& actions,
                                      std::int64_t start, int horizon, const std::string& task) {
  Frames out;
  for (const auto& s : imagineOpenLoopSampled(frames, actions, start, horizon, task, 1))
    out.insert(out.end(), s.frame.begin(), s.frame.end());
  return out;
}

std::vector<SampledStep> ImaginedWorld::imagineOpenLoopSampled(const Frames& frames,
                                                               const std::vector<float>& actions,
                                                               std::int64_t start, int horizon,
                                                               const std::string& task, int samples) {
  resetFromEpisode(frames, actions, start, task);
  const auto n = impl_->frameCount(frames);
  const int a = actionDim();
  std::vector<SampledStep> out;
  for (int k = 0; k < horizon && start + k < n - 1; ++k) {
    const auto first = actions.begin() + (start + k) * a;
    out.push_back(stepSampled(std::vector<float>(first, first + a), samples));
  }
  return out;
}

struct SuccessScorer::Impl {
  learning::SuccessClassifier classifier{nullptr};
  torch::Device device{torch::kCPU};
};

SuccessScorer::SuccessScorer(const std::filesystem::path& checkpoint, const std::string& device)
    : impl_(std::make_unique<Impl>()) {
  impl_->device = learning::resolveDevice(device);
  impl_->classifier = learning::loadReward(checkpoint, impl_->device).classifier;
  impl_->classifier->eval();
}

SuccessScorer::~SuccessScorer() = default;

std::vector<float> SuccessScorer::probabilities(const Frames& frames, int height, int width) {
  const int s = impl_->classifier->config().imageSize;
  if (height != s || width != s)
    throw Error("the classifier scores " + std::to_string(s) + "x" + std::to_string(s) + " frames, not " +
                std::to_string(height) + "x" + std::to_string(width));
  const auto count = static_cast<std::int64_t>(frames.size() / (static_cast<std::size_t>(s) * s * 3));
  if (count == 0) return {};
  const auto p =
      impl_->classifier->probability(toTensor(frames, count, s, s).to(impl_->device)).cpu().contiguous();
  return std::vector<float>(p.data_ptr<float>(), p.data_ptr<float>() + count);
}

double SuccessScorer::threshold() const {
  return impl_->classifier->config().threshold;
}
const std::string& SuccessScorer::task() const {
  return impl_->classifier->config().task;
}

}  // namespace w4rl::pipeline
