#include "learning/ppo_math.h"

#include <torch/torch.h>

#include <cmath>

#include "common/error.h"

namespace w4rl::learning {

Advantages generalisedAdvantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                 const torch::Tensor& dones, const torch::Tensor& nextValue, double gamma,
                                 double lambda) {
  if (rewards.dim() != 2 || values.sizes() != rewards.sizes() || dones.sizes() != rewards.sizes() ||
      nextValue.dim() != 1 || nextValue.size(0) != rewards.size(1))
    throw Error("GAE expects rewards, values and dones of shape (T, B) and nextValue of shape (B)");
  const auto steps = rewards.size(0);
  auto advantages = torch::zeros_like(rewards);
  auto running = torch::zeros_like(nextValue);
  for (auto t = steps - 1; t >= 0; --t) {
    const auto notDone = 1.0 - dones[t];
    const auto following = t + 1 < steps ? values[t + 1] : nextValue;
    const auto delta = rewards[t] + gamma * following * notDone - values[t];
    running = delta + gamma * lambda * notDone * running;
    advantages[t] = running;
  }
  return {advantages, advantages + values};
}

torch::Tensor leaveOneOutAdvantages(const torch::Tensor& rewards, const torch::Tensor& alive, int groupSize,
                                    double gamma) {
  if (rewards.dim() != 2 || alive.sizes() != rewards.sizes())
    throw Error("leave-one-out advantages expect rewards and alive of shape (T, B)");
  const auto steps = rewards.size(0), envs = rewards.size(1);
  if (groupSize < 2 || envs % groupSize != 0)
    throw Error("leave-one-out advantages need groups of at least 2 episodes that divide the batch of " +
                std::to_string(envs) + ", not " + std::to_string(groupSize));
  const auto discount = torch::pow(gamma, torch::arange(steps, rewards.options())).unsqueeze(1);
  const auto groups = (rewards * alive * discount).sum(0).view({envs / groupSize, groupSize});
  const auto others = (groups.sum(1, true) - groups) / (groupSize - 1);
  return (groups - others).reshape({1, envs}).expand({steps, envs}).contiguous();
}

PpoLossTerms ppoLoss(const torch::Tensor& newLogProb, const torch::Tensor& oldLogProb,
                     const torch::Tensor& advantages, const torch::Tensor& newValues,
                     const torch::Tensor& oldValues, const torch::Tensor& returns,
                     const torch::Tensor& entropy, const PpoLossOptions& o) {
  PpoLossTerms terms;
  const auto logRatio = newLogProb - oldLogProb;
  const auto ratio = logRatio.exp();
  {
    torch::NoGradGuard noGrad;
    terms.approxKl = ((ratio - 1) - logRatio).mean();
    terms.clipFraction = ((ratio - 1.0).abs() > o.clip).to(torch::kFloat).mean();
  }
  auto adv = advantages;
  if (o.normaliseAdvantages && adv.numel() > 1) adv = (adv - adv.mean()) / (adv.std() + 1e-8);
  const auto unclipped = -adv * ratio;
  const auto clipped = -adv * ratio.clamp(1.0 - o.clip, 1.0 + o.clip);
  terms.policyLoss = torch::max(unclipped, clipped).mean();
  if (o.clipValue) {
    const auto v = oldValues + (newValues - oldValues).clamp(-o.clip, o.clip);
    terms.valueLoss = 0.5 * torch::max((newValues - returns).pow(2), (v - returns).pow(2)).mean();
  } else {
    terms.valueLoss = 0.5 * (newValues - returns).pow(2).mean();
  }
  terms.entropy = entropy.mean();
  return terms;
}

torch::Tensor gaussianLogProb(const torch::Tensor& x, const torch::Tensor& mean,
                              const torch::Tensor& logStd) {
  const auto z = (x - mean) / logStd.exp();
  return (-0.5 * z.pow(2) - logStd - 0.5 * std::log(2 * M_PI)).sum(-1);
}

torch::Tensor gaussianEntropy(const torch::Tensor& logStd) {
  return (logStd + 0.5 * (1.0 + std::log(2 * M_PI))).sum(-1);
}

torch::Tensor gaussianKl(const torch::Tensor& meanP, const torch::Tensor& logStdP, const torch::Tensor& meanQ,
                         const torch::Tensor& logStdQ) {
  const auto varRatio = (2.0 * (logStdP - logStdQ)).exp();
  const auto meanTerm = (meanP - meanQ).pow(2) / (2.0 * logStdQ).exp();
  return (logStdQ - logStdP + 0.5 * (varRatio + meanTerm - 1.0)).sum(-1);
}

}  // namespace w4rl::learning
