#pragma once
// One batch of imagined episodes for PPO: the policy samples, the frozen world model steps, the frozen
// success classifier rewards (1 when its probability crosses its threshold, which may end the episode).
// All B episodes start together from real contexts and run for `horizon` steps; steps after an episode
// ended are kept in the buffer but marked not alive, so they never enter the loss.
#include <torch/types.h>

#include "common/cancel.h"
#include "learning/context_source.h"
#include "learning/gaussian_policy.h"
#include "learning/imagination.h"
#include "learning/success_classifier.h"

namespace w4rl::learning {

struct RolloutBuffer {
  torch::Tensor obs;         // (T, B, S, H, W, 3) uint8: the policy's input at each step
  torch::Tensor actions;     // (T, B, A): the unclamped Gaussian samples
  torch::Tensor logProbs;    // (T, B)
  torch::Tensor values;      // (T, B)
  torch::Tensor rewards;     // (T, B)
  torch::Tensor dones;       // (T, B): 1 where the episode ended at this step (success) or after it
  torch::Tensor alive;       // (T, B): 1 where the step belongs to a running episode
  torch::Tensor nextValue;   // (B): value after the last step, for bootstrapping
  torch::Tensor succeeded;   // (B) bool: the episode reached a rewarded frame (before any penalty)
  double successRate = 0.0;  // share of episodes that reached a rewarded frame
  double meanReturn = 0.0;
  double meanLength = 0.0;
  std::int64_t frames = 0;  // imagined steps taken (each one dreamSamples frames)
  double seconds = 0.0;
  // With dreamSamples >= 2: the mean absolute difference (0..1 of the pixel range) between sample 0 and
  // the other samples of each step, over the steps of running episodes; and the share of the steps where
  // the classifier fired on sample 0 that not every sample was rewarded (-1 when none fired).
  double meanDisagreement = 0.0;
  double disputedRewardShare = -1.0;
};

struct RolloutOptions {
  int horizon = 50;
  bool terminateOnSuccess = true;
  // Checked before every imagined step: a large batch on a CPU takes minutes, and a cancel request should
  // not wait for it. A cancelled batch comes back unfinished (frames counts the steps taken): discard it.
  const CancelToken* cancel = nullptr;
  // Pessimism about the world model's own errors (model-based offline RL: MOPO's uncertainty penalty;
  // here the spread of the diffusion model's samples stands in for an ensemble's disagreement). Every
  // step is imagined dreamSamples times from the same context (WorldModelEnv::stepSamples); the episode
  // goes on with sample 0. rewardConsensus: success only where the classifier fires on every sample, so
  // a success that only some of the model's samples show, the kind PPO can steer into, earns nothing.
  // uncertaintyCoef: minus that weight times the samples' mean absolute pixel difference (0..1) at every
  // step. Both need dreamSamples >= 2.
  int dreamSamples = 1;
  bool rewardConsensus = false;
  double uncertaintyCoef = 0.0;
};

// Policy, critic and classifier live on `device` (the world model's). No autograd.
RolloutBuffer imagineRollouts(GaussianPolicy& policy, ValueNetwork& critic, SuccessClassifier& reward,
                              WorldModelEnv& env, const ContextBatch& start, const RolloutOptions& options,
                              at::Generator& generator);

// The policy's frame stack from a world-model context: the last S of its L frames (the first repeated
// when S > L). frames (B, L, H, W, 3) -> (B, S, H, W, 3).
torch::Tensor stackFromContext(const torch::Tensor& frames, int stack);

}  // namespace w4rl::learning
