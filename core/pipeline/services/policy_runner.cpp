#include "pipeline/services/policy_runner.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <deque>

#include "common/error.h"
#include "common/rng.h"
#include "learning/policy_checkpoint.h"
#include "learning/torch_device.h"

namespace w4rl::pipeline {
namespace {

// Sampling noise is a stream of its own per episode seed, apart from the scene's and the collector's.
constexpr std::uint64_t kActionNoiseStream = 0x9A55E7;

std::string sizeText(int height, int width) {
  return std::to_string(height) + "x" + std::to_string(width);
}

}  // namespace

struct PolicyRunner::Impl {
  Impl(std::filesystem::path file, const torch::Device& dev, ActionMode actionMode)
      : checkpoint(std::move(file)), device(dev), mode(actionMode) {}

  std::filesystem::path checkpoint;
  torch::Device device;
  ActionMode mode;
  learning::GaussianPolicy policy{nullptr};
  std::string task;
  int imageSize = 0;
  int frameStack = 1;
  std::string deviceDescription;
  std::deque<std::vector<std::uint8_t>> frames;  // oldest first; empty right after reset()
  Rng rng{0};                                    // reseeded by reset()
};

PolicyRunner::PolicyRunner(const std::filesystem::path& checkpoint, const std::string& device,
                           ActionMode mode) {
  // No useAllCpuCores() here: one frame at a time is latency-bound, and intra-op threads that wait on each
  // other at every layer made a step 20x slower (100 ms instead of 5) on 2 cores shared with other work.
  const torch::Device dev = learning::resolveDevice(device);
  impl_ = std::make_unique<Impl>(checkpoint, dev, mode);
  auto loaded = learning::loadPolicy(checkpoint, dev);
  const learning::PolicyConfig& config = loaded.policy->config();
  if (config.actionDim != sim::kActionDim)
    throw Error(checkpoint.string() + ": the policy acts in " + std::to_string(config.actionDim) +
                " dimensions, the built-in tasks take " + std::to_string(sim::kActionDim));
  impl_->policy = loaded.policy;
  impl_->policy->eval();
  impl_->task = config.task;
  impl_->imageSize = config.imageSize;
  impl_->frameStack = config.frameStack;
  impl_->deviceDescription = learning::describeDevice(dev);
  reset(0);
}

PolicyRunner::~PolicyRunner() = default;
PolicyRunner::PolicyRunner(PolicyRunner&&) noexcept = default;
PolicyRunner& PolicyRunner::operator=(PolicyRunner&&) noexcept = default;

const std::filesystem::path& PolicyRunner::checkpoint() const {
  return impl_->checkpoint;
}
const std::string& PolicyRunner::task() const {
  return impl_->task;
}
int PolicyRunner::imageSize() const {
  return impl_->imageSize;
}
int PolicyRunner::frameStack() const {
  return impl_->frameStack;
}
ActionMode PolicyRunner::mode() const {
  return impl_->mode;
}
const std::string& PolicyRunner::deviceDescription() const {
  return impl_->deviceDescription;
}

void PolicyRunner::reset(std::uint64_t seed) {
  impl_->frames.clear();
  impl_->rng = Rng(mixSeed(seed, kActionNoiseStream));
}

sim::Action PolicyRunner::act(const std::vector<std::uint8_t>& rgb, int height, int width) {
  Impl& s = *impl_;
  if (height != s.imageSize || width != s.imageSize)
    throw Error("frame of " + sizeText(height, width) + " pixels, but the policy " + s.checkpoint.string() +
                " takes " + sizeText(s.imageSize, s.imageSize));
  const std::size_t bytes = static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * 3;
  if (rgb.size() != bytes)
    throw Error("frame of " + std::to_string(rgb.size()) + " bytes is not a " + sizeText(height, width) +
                " RGB image (" + std::to_string(bytes) + " bytes)");

  if (s.frames.empty()) {
    s.frames.assign(static_cast<std::size_t>(s.frameStack), rgb);
  } else {
    s.frames.pop_front();
    s.frames.push_back(rgb);
  }
  auto stack = torch::empty({1, s.frameStack, height, width, 3}, torch::kUInt8);
  auto* out = stack.data_ptr<std::uint8_t>();
  for (const auto& frame : s.frames) out = std::copy(frame.begin(), frame.end(), out);

  torch::NoGradGuard noGrad;
  const learning::PolicyOutput output = s.policy->forward(stack.to(s.device));
  const auto mean = output.mean.to(torch::kCPU, torch::kFloat).contiguous();
  const auto logStd = output.logStd.to(torch::kCPU, torch::kFloat).contiguous();
  const float* m = mean.data_ptr<float>();
  const float* l = logStd.data_ptr<float>();
  sim::Action action{};
  for (std::size_t i = 0; i < action.size(); ++i) {
    double a = m[i];
    // Host-side noise from the project's generator: the same draws on CPU and CUDA and on every build.
    if (s.mode == ActionMode::Sample) a += std::exp(static_cast<double>(l[i])) * s.rng.normal();
    action[i] = static_cast<float>(a);
  }
  return sim::clampAction(action);
}

}  // namespace w4rl::pipeline
