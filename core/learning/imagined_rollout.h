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
  double successRate = 0.0;  // share of episodes that reached a rewarded frame
  double meanReturn = 0.0;
  double meanLength = 0.0;
  std::int64_t frames = 0;  // imagined frames generated
  double seconds = 0.0;
};

struct RolloutOptions {
  int horizon = 50;
  bool terminateOnSuccess = true;
  // Checked before every imagined step: a large batch on a CPU takes minutes, and a cancel request should
  // not wait for it. A cancelled batch comes back unfinished (frames counts the steps taken): discard it.
  const CancelToken* cancel = nullptr;
};

// Policy, critic and classifier live on `device` (the world model's). No autograd.
RolloutBuffer imagineRollouts(GaussianPolicy& policy, ValueNetwork& critic, SuccessClassifier& reward,
                              WorldModelEnv& env, const ContextBatch& start, const RolloutOptions& options,
                              at::Generator& generator);

// The policy's frame stack from a world-model context: the last S of its L frames (the first repeated
// when S > L). frames (B, L, H, W, 3) -> (B, S, H, W, 3).
torch::Tensor stackFromContext(const torch::Tensor& frames, int stack);

}  // namespace w4rl::learning
