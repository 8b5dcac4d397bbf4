#pragma once
// Does the dream reward the policy's actions? Before refinement spends its imagined steps, the starting
// policy and random actions are rolled out from the same imagined starts, with the same world-model and
// action noise, and the success classifier judges both. PPO learns from the difference between what its
// actions earn and what the critic expected; when random actions earn as much imagined success as the
// policy (which succeeds far more often in the real task), the dream's outcome is set by the start and
// not by the actions, and refinement there learns from noise. Measured on the 3-task CPU world model:
// hammer's dream tells the BC policy from random actions (27.7% vs 18.8% of 256 starts, p 1.5e-5),
// soccer's and coffee-pull's do not (3.1% vs 6.2%, 4.7% vs 3.1%), and hammer is the task whose
// refinement gained on its best evaluations.
#include <torch/types.h>

#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/cancel.h"
#include "learning/context_source.h"
#include "learning/dream_check_result.h"
#include "learning/gaussian_policy.h"
#include "learning/imagination.h"
#include "learning/success_classifier.h"

namespace w4rl::learning {

struct DreamCheckOptions {
  int starts = 128;  // imagined starts per policy, drawn with replacement from the context source
  int batch = 32;    // starts imagined together (the last batch takes what is left)
  int horizon = 15;
  std::uint64_t seed = 0;  // the starts drawn, the world model's noise and the actions' noise
  // The refinement's reward (imagined_rollout.h): with rewardConsensus, success only where every one of
  // dreamSamples samples of a step is rewarded.
  int dreamSamples = 1;
  bool rewardConsensus = false;
};

// Zero-mean Gaussian actions with sigma 1 (the paper's exploration ceiling), clamped to [-1, 1] by the
// environment like every policy's: a policy of the given shape whose output ignores the frames, whatever
// log-std range `config` has.
GaussianPolicy randomActionPolicy(const PolicyConfig& config, const torch::Device& device);

// Whether each of options.starts imagined episodes reached a rewarded frame within options.horizon steps.
// The starts and all noise depend on options.seed alone, so two policies given the same options face the
// same starts. `env` is reseeded per batch. Comes back shorter when `cancel` is set.
std::vector<bool> dreamSuccesses(GaussianPolicy& policy, SuccessClassifier& reward, WorldModelEnv& env,
                                 ContextSource& contexts, const DreamCheckOptions& options,
                                 const CancelToken* cancel = nullptr);

// The starting policy against random actions on the same starts. `env` is only used for this check (it
// is reset and reseeded), so a refinement's own rollouts are the same with or without it.
DreamCheck checkDream(GaussianPolicy& policy, SuccessClassifier& reward, WorldModelEnv& env,
                      ContextSource& contexts, const DreamCheckOptions& options,
                      const CancelToken* cancel = nullptr);

// RUN_DIR/dream_check.yaml: a refinement's check, kept so a resumed run reports it without running it
// again. Written to a temporary file and renamed; load throws w4rl::Error naming the file and key.
void saveDreamCheck(const std::filesystem::path& file, const DreamCheck& check);
DreamCheck loadDreamCheck(const std::filesystem::path& file);

}  // namespace w4rl::learning
