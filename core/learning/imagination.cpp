#include "learning/imagination.h"

#include <torch/torch.h>

#include "common/error.h"

namespace w4rl::learning {

WorldModelEnv::WorldModelEnv(WorldModel model, const torch::Device& device, std::uint64_t seed)
    : model_(std::move(model)), device_(device), generator_(at::detail::createCPUGenerator(seed)) {
  model_->to(device_);
  model_->eval();
  if (device_.is_cuda()) {
    // Context::defaultGenerator exists in LibTorch 1.13 (Debian) and 2.x alike; the CUDA hooks' own
    // getter was renamed in 2.x.
    generator_ = at::globalContext().defaultGenerator(device_).clone();
    generator_.set_current_seed(seed);
  }
}

void WorldModelEnv::setPrecision(Precision precision) {
  checkPrecision(precision, device_);  // refuses what step() could not do, now rather than later
  precision_ = precision;
}

void WorldModelEnv::reseed(std::uint64_t seed) {
  std::lock_guard<std::mutex> lock(generator_.mutex());
  generator_.set_current_seed(seed);
}

void WorldModelEnv::reset(const torch::Tensor& frames, const torch::Tensor& actions,
                          const torch::Tensor& task) {
  const auto& c = model_->config();
  if (frames.dim() != 5 || frames.size(1) != c.contextFrames || frames.size(2) != c.imageSize ||
      frames.size(3) != c.imageSize || frames.size(4) != 3 || frames.scalar_type() != torch::kUInt8)
    throw Error("reset: expected uint8 frames (B, " + std::to_string(c.contextFrames) + ", " +
                std::to_string(c.imageSize) + ", " + std::to_string(c.imageSize) + ", 3)");
  if (actions.dim() != 3 || actions.size(0) != frames.size(0) || actions.size(1) != c.contextFrames ||
      actions.size(2) != c.actionDim)
    throw Error("reset: expected actions (B, " + std::to_string(c.contextFrames) + ", " +
                std::to_string(c.actionDim) + ")");
  torch::NoGradGuard noGrad;
  context_ = framesToFloat(frames.to(device_));
  actions_ = actions.to(device_, torch::kFloat);
  task_ = task.defined() ? task.to(device_, torch::kLong)
                         : torch::zeros({frames.size(0)}, torch::dtype(torch::kLong).device(device_));
}

torch::Tensor WorldModelEnv::step(const torch::Tensor& actions) {
  return stepSamples(actions, 1)[0];
}

torch::Tensor WorldModelEnv::stepSamples(const torch::Tensor& actions, int samples) {
  if (!context_.defined()) throw Error("step() called before reset()");
  if (actions.dim() != 2 || actions.size(0) != context_.size(0) ||
      actions.size(1) != model_->config().actionDim)
    throw Error("step: expected actions (" + std::to_string(context_.size(0)) + ", " +
                std::to_string(model_->config().actionDim) + ")");
  if (samples < 1) throw Error("step: samples must be at least 1, not " + std::to_string(samples));
  torch::NoGradGuard noGrad;
  // The conditioning actions: those that led into context frames 1..L-1, then the new one.
  const auto newAction = actions.to(device_, torch::kFloat).clamp(-1.0, 1.0).unsqueeze(1);
  const auto conditioning = torch::cat({actions_.slice(1, 1), newAction}, 1);
  // The K samples are one batch of K*B, sample-major, so sample 0 is the first B rows.
  auto repeated = [samples](const torch::Tensor& t) {
    if (samples == 1) return t;
    std::vector<std::int64_t> reps(static_cast<std::size_t>(t.dim()), 1);
    reps[0] = samples;
    return t.repeat(reps);
  };
  torch::Tensor next;
  {
    AutocastScope autocast(precision_, device_);
    next = model_->sample(repeated(context_), repeated(conditioning), repeated(task_), generator_,
                          samplerSteps_);
  }
  const auto b = context_.size(0);
  const auto nextUint8 = framesToUint8(next);
  context_ = torch::cat({context_.slice(1, 1), framesToFloat(nextUint8.slice(0, 0, b)).unsqueeze(1)}, 1);
  actions_ = conditioning;
  return nextUint8.cpu().view({samples, b, nextUint8.size(1), nextUint8.size(2), nextUint8.size(3)});
}

std::pair<torch::Tensor, torch::Tensor> contextAt(const torch::Tensor& frames, const torch::Tensor& actions,
                                                  std::int64_t t, int contextFrames) {
  const auto n = frames.size(0);
  if (t < 0 || t >= n)
    throw Error("context index " + std::to_string(t) + " outside an episode of " + std::to_string(n));
  std::vector<int64_t> frameIdx, actionIdx;
  std::vector<float> actionMask;
  for (std::int64_t i = t - contextFrames + 1; i <= t; ++i) {
    frameIdx.push_back(std::max<std::int64_t>(i, 0));
    // The action that led into frame i is action i-1; none before frame 1.
    actionIdx.push_back(std::max<std::int64_t>(i - 1, 0));
    actionMask.push_back(i >= 1 ? 1.0f : 0.0f);
  }
  const auto fIdx = torch::tensor(frameIdx, torch::kLong), aIdx = torch::tensor(actionIdx, torch::kLong);
  const auto mask = torch::tensor(actionMask).unsqueeze(1);
  return {frames.index_select(0, fIdx), actions.to(torch::kFloat).index_select(0, aIdx) * mask};
}

}  // namespace w4rl::learning
