#pragma once
// Settings of PPO refinement in the frozen world model. Their config keys, ranges and one-line meanings
// are declared once, in refine_settings.cpp; the comments here say what a member does where one line
// cannot.
// Defaults follow CleanRL's continuous PPO with a fine-tuning learning rate and the paper's sigma <= e^0.
#include <cstdint>
#include <map>
#include <string>

#include "learning/setting_table.h"

namespace w4rl::learning {

struct RefineSettings {
  int iterations = 40;
  int numEnvs = 32;  // num_envs: imagined rollouts per iteration (the world model's batch)
  int horizon = 50;  // horizon: steps per imagined rollout (the task's episode length)
  // start_from: where imagined rollouts start. "first": the first frame of a real episode (the paper's
  // setting). "any": any step of a real episode (its last L frames and actions as context), so a short
  // horizon that the world model holds still reaches the task's later stages.
  std::string startFrom = "first";
  // group_size: each iteration imagines num_envs / group_size starts, each group_size times (1: every
  // rollout its own start). advantage: "gae" (the critic's generalised advantage estimate) or "rloo"
  // (leave-one-out within each group, ppo_math.h; needs group_size >= 2): the outcome of the other
  // episodes from the same start is the baseline, so start-decided outcomes give no gradient. The critic
  // still trains (losses/value_loss, losses/explained_variance) but no longer sets the advantages.
  int groupSize = 1;
  std::string advantage = "gae";
  double gamma = 0.99;
  double gaeLambda = 0.95;
  double policyLr = 3e-5;  // policy_lr: fine-tuning, an order below training from scratch
  double criticLr = 3e-4;
  int updateEpochs = 4;
  int minibatches = 4;
  double clip = 0.2;
  bool clipValue = true;
  double entropyCoef = 0.0;
  double maxGradNorm = 0.5;
  double targetKl = 0.05;  // target_kl: stop the epochs of an iteration beyond it (0: never)
  // bc_kl_coef: weight of KL(policy || starting policy) in the actor's loss, a trust region around the
  // behaviour-cloned policy. The approx-KL early stop bounds one iteration's step only; noisy advantages
  // from sparse imagined rewards otherwise let the mean action drift over many iterations.
  double bcKlCoef = 0.0;
  // dream_samples, reward_consensus, uncertainty_coef: pessimism about the world model's errors
  // (imagined_rollout.h). Each step is sampled dream_samples times; reward_consensus rewards success
  // only where every sample shows it; uncertainty_coef subtracts that weight times the samples' mean
  // absolute pixel difference (0..1) from every step's reward. Imagination costs dream_samples times more.
  int dreamSamples = 1;
  bool rewardConsensus = false;
  double uncertaintyCoef = 0.0;
  int criticWarmup = 2;     // critic_warmup: first iterations train the critic only
  double logStdMin = -2.3;  // log_std_min: exploration floor during refinement (sigma >= 0.1)
  double logStdMax = 0.0;   // log_std_max: the paper's sigma <= e^0
  bool terminateOnSuccess = true;
  // freeze_encoder: PPO updates the policy's trunk and heads only, so dream frames (blurrier than real
  // ones) cannot reshape the image features the policy uses on real frames.
  bool freezeEncoder = false;
  int samplerSteps = 0;  // sampler_steps: world-model denoising steps (0: the checkpoint's)
  // imagine_precision: float32 or bfloat16, the world model's arithmetic while it imagines
  // (learning/precision.h; bfloat16 on CPU devices only).
  std::string imaginePrecision = "float32";
  // dream_check: before the first iteration, the starting policy and random actions imagine this many
  // episodes from the same starts (dream_check.h), logged as dream_check/... at iteration 0 (0: skip).
  // Random actions doing as well as the policy in the dream means refinement has no signal there.
  int dreamCheckStarts = 128;
  // require_dream_signal: stop before the first iteration, keeping the starting policy as policy.pt, when
  // the check does not find the policy significantly ahead of random actions: such a dream's outcomes are
  // set by the starts and the world model's noise, and PPO would follow that noise (needs dream_check > 0).
  bool requireDreamSignal = false;
  int evalEvery = 5;  // eval_every: real-simulator evaluation every N iterations (0: never)
  int evalEpisodes = 20;
  // eval_dream: at every real evaluation the policy also acts in the dream from the same seeds' first
  // frames, and its actions are replayed in the real task (eval-dream), logged as dream/agreement,
  // dream/imagined_success_precision, ...: reward hacking shows as falling precision. A diagnostic only:
  // the replays never feed PPO.
  bool evalDream = true;
  int checkpointEvery = 1;
  // snapshot_every: also keep the policy of every Nth iteration as policy_<N>.pt (0: never), so the real
  // success of a long run can be read along it, not only at its end.
  int snapshotEvery = 0;
  // early_stop_patience: stop after this many real evaluations in a row without a new best real success
  // (0: never); stop_on_real_loss: stop at a real evaluation significantly worse than the start policy's
  // on the same seeds. The policy with the best real success is kept as best.pt (real_selection.h).
  // Off by default: on hammer, runs that lost significantly at iteration 3 reached their best at 12.
  int earlyStopPatience = 0;
  bool stopOnRealLoss = false;
  std::uint64_t seed = 0;
  std::string device = "auto";

  // Every key, declared once (refine_settings.cpp).
  static const SettingTable<RefineSettings>& table();
  // Returns false when `key` is not a refinement key.
  bool set(const std::string& key, const std::string& value);
  std::map<std::string, std::string> toMap() const;
  std::string toText() const;
  void validate() const;  // throws w4rl::Error naming the key
};

}  // namespace w4rl::learning
