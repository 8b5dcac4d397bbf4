#include "learning/imagined_rollout.h"

#include <torch/torch.h>

#include <chrono>

#include "common/error.h"
#include "learning/ppo_math.h"

namespace w4rl::learning {

torch::Tensor stackFromContext(const torch::Tensor& frames, int stack) {
  const auto l = frames.size(1);
  std::vector<std::int64_t> index;
  for (std::int64_t s = 0; s < stack; ++s) index.push_back(std::max<std::int64_t>(0, l - stack + s));
  return frames.index_select(1, torch::tensor(index, torch::kLong));
}

RolloutBuffer imagineRollouts(GaussianPolicy& policy, ValueNetwork& critic, SuccessClassifier& reward,
                              WorldModelEnv& env, const ContextBatch& start, const RolloutOptions& options,
                              at::Generator& generator) {
  torch::NoGradGuard noGrad;
  const auto started = std::chrono::steady_clock::now();
  const auto& pc = policy->config();
  const auto device = env.device();
  const auto b = start.frames.size(0);
  const int t = options.horizon;
  if (start.frames.size(2) != pc.imageSize)
    throw Error("the world model's frames are " + std::to_string(start.frames.size(2)) +
                " pixels but the policy's are " + std::to_string(pc.imageSize));
  const double threshold = reward->config().threshold;
  const int k = options.dreamSamples;
  if (k < 1) throw Error("dream samples must be at least 1, not " + std::to_string(k));
  if (k < 2 && (options.rewardConsensus || options.uncertaintyCoef != 0.0))
    throw Error("a consensus reward or an uncertainty penalty needs at least 2 dream samples");
  env.reset(start.frames, start.actions, start.task);

  auto stack = stackFromContext(start.frames, pc.frameStack).to(device);  // (B, S, H, W, 3)
  RolloutBuffer buf;
  buf.obs = torch::empty({t, b, pc.frameStack, pc.imageSize, pc.imageSize, 3}, torch::kUInt8);
  buf.actions = torch::zeros({t, b, pc.actionDim});
  buf.logProbs = torch::zeros({t, b});
  buf.values = torch::zeros({t, b});
  buf.rewards = torch::zeros({t, b});
  buf.dones = torch::zeros({t, b});
  buf.alive = torch::zeros({t, b});
  auto alive = torch::ones({b});
  auto episodeReturn = torch::zeros({b}), length = torch::zeros({b}), succeeded = torch::zeros({b});
  double disagreementSum = 0.0, aliveSteps = 0.0, firedSteps = 0.0, disputedSteps = 0.0;
  for (int step = 0; step < t; ++step) {
    if (options.cancel && options.cancel->cancelled()) break;
    const auto out = policy->forward(stack);
    const auto noise = torch::randn(out.mean.sizes(), generator).to(device);
    const auto action = out.mean + out.logStd.exp() * noise;
    buf.obs[step] = stack.cpu();
    buf.actions[step] = action.cpu();
    buf.logProbs[step] = gaussianLogProb(action, out.mean, out.logStd).cpu();
    buf.values[step] = critic->forward(stack).cpu() * alive;
    buf.alive[step] = alive;
    const auto samples = env.stepSamples(action.clamp(-1.0, 1.0), k);  // (K, B, H, W, 3) uint8, CPU
    const auto next = samples[0];
    const auto fired = (reward->probability(samples.flatten(0, 1).to(device)).cpu() > threshold)
                           .to(torch::kFloat)
                           .view({k, b});
    const auto firedFirst = fired[0] * alive;
    const auto success = options.rewardConsensus ? std::get<0>(fired.min(0)) * alive : firedFirst;
    auto r = success;
    if (k > 1) {
      const auto first = next.to(torch::kFloat).unsqueeze(0);
      const auto spread = (samples.slice(0, 1).to(torch::kFloat) - first).abs().mean({0, 2, 3, 4}) / 255.0;
      disagreementSum += (spread * alive).sum().item<double>();
      aliveSteps += alive.sum().item<double>();
      firedSteps += firedFirst.sum().item<double>();
      disputedSteps += (firedFirst * (1.0 - std::get<0>(fired.min(0)))).sum().item<double>();
      if (options.uncertaintyCoef != 0.0) r = r - options.uncertaintyCoef * spread * alive;
    }
    buf.rewards[step] = r;
    episodeReturn += r;
    length += alive;
    succeeded = torch::maximum(succeeded, success);
    if (options.terminateOnSuccess) alive = alive * (1.0 - success);
    // Dones cut the bootstrap: where an episode ended (or had ended), nothing flows back across.
    buf.dones[step] = 1.0 - alive;
    stack = torch::cat({stack.slice(1, 1), next.to(device).unsqueeze(1)}, 1);
    buf.frames += b;
  }
  buf.nextValue = critic->forward(stack).cpu() * alive;
  buf.succeeded = succeeded > 0;
  buf.successRate = succeeded.mean().item<double>();
  buf.meanReturn = episodeReturn.mean().item<double>();
  buf.meanLength = length.mean().item<double>();
  if (aliveSteps > 0) buf.meanDisagreement = disagreementSum / aliveSteps;
  if (firedSteps > 0) buf.disputedRewardShare = disputedSteps / firedSteps;
  buf.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return buf;
}

}  // namespace w4rl::learning
