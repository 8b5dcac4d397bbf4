#pragma once
// The arithmetic of PPO (Schulman et al. 2017) as CleanRL implements it, kept apart from any rollout or
// model code so each term can be tested against hand-computed values.
#include <torch/types.h>

namespace w4rl::learning {

struct Advantages {
  torch::Tensor advantages;  // (T, B)
  torch::Tensor returns;     // advantages + values: the value-function targets
};

// Generalised advantage estimation over a rollout of T steps and B environments.
//   rewards, values, dones: (T, B); dones[t] = 1 when the episode ended at step t (after its reward).
//   nextValue: (B), the value of the state after the last step (ignored where dones[T-1] = 1).
Advantages generalisedAdvantages(const torch::Tensor& rewards, const torch::Tensor& values,
                                 const torch::Tensor& dones, const torch::Tensor& nextValue, double gamma,
                                 double lambda);

// Leave-one-out advantages (RLOO: Kool et al. 2019; Ahmadian et al. 2024) for episodes imagined in groups
// from the same start, episode b in group b / groupSize: the episode's discounted return
// R_b = sum_t gamma^t rewards[t][b] alive[t][b], less the mean return of the other episodes of its group,
// for every step of the episode. What the start decides cancels: a group whose episodes all fail (or all
// succeed) contributes no gradient, where a critic's error on sparse rewards contributes noise.
//   rewards, alive: (T, B) with B a multiple of groupSize, groupSize >= 2. Returns (T, B).
torch::Tensor leaveOneOutAdvantages(const torch::Tensor& rewards, const torch::Tensor& alive, int groupSize,
                                    double gamma);

struct PpoLossTerms {
  torch::Tensor policyLoss;    // clipped surrogate, to minimise
  torch::Tensor valueLoss;     // 0.5 * squared error, optionally clipped around the old values
  torch::Tensor entropy;       // mean entropy (a bonus: subtracted in the total)
  torch::Tensor approxKl;      // ((ratio - 1) - log ratio).mean(), the low-variance estimator
  torch::Tensor clipFraction;  // share of samples whose ratio left [1 - eps, 1 + eps]
};

struct PpoLossOptions {
  double clip = 0.2;
  bool clipValue = true;
  bool normaliseAdvantages = true;
};

PpoLossTerms ppoLoss(const torch::Tensor& newLogProb, const torch::Tensor& oldLogProb,
                     const torch::Tensor& advantages, const torch::Tensor& newValues,
                     const torch::Tensor& oldValues, const torch::Tensor& returns,
                     const torch::Tensor& entropy, const PpoLossOptions& options);

// Log-density of a diagonal Gaussian, summed over the last dimension.
torch::Tensor gaussianLogProb(const torch::Tensor& x, const torch::Tensor& mean, const torch::Tensor& logStd);
// Entropy of a diagonal Gaussian, summed over the last dimension.
torch::Tensor gaussianEntropy(const torch::Tensor& logStd);
// KL(p || q) of two diagonal Gaussians in closed form, summed over the last dimension.
torch::Tensor gaussianKl(const torch::Tensor& meanP, const torch::Tensor& logStdP, const torch::Tensor& meanQ,
                         const torch::Tensor& logStdQ);

}  // namespace w4rl::learning
