#include "learning/refine_settings.h"

#include <limits>

#include "common/error.h"
#include "learning/config_values.h"

namespace w4rl::learning {

const SettingTable<RefineSettings>& RefineSettings::table() {
  using S = RefineSettings;
  constexpr int kMany = std::numeric_limits<int>::max();
  static const SettingTable<S> t = [] {
    SettingTable<S> d;
    d.integer("iterations", &S::iterations, 1, kMany, "PPO iterations")
        .integer("num_envs", &S::numEnvs, 1, 4096, "imagined episodes per iteration")
        .integer("horizon", &S::horizon, 1, 10000, "imagined steps per episode")
        .choice("start_from", &S::startFrom, {"first", "any"},
                "`first` or `any`: where imagined episodes start (below)")
        .flag("terminate_on_success", &S::terminateOnSuccess,
              "the classifier's first reward ends the imagined episode")
        .integer("sampler_steps", &S::samplerSteps, 0, kMany,
                 "the world model's denoising steps while imagining (0: the checkpoint's)")
        .choice("imagine_precision", &S::imaginePrecision, {"float32", "bfloat16"},
                "`bfloat16` imagines under CPU autocast, as the world model's `precision` trains")
        .real("gamma", &S::gamma, Interval::leftOpen(0, 1), "GAE's discount")
        .real("gae_lambda", &S::gaeLambda, Interval::closed(0, 1), "GAE's lambda")
        .choice("advantage", &S::advantage, {"gae", "rloo"},
                "`gae` or `rloo` (leave-one-out advantages, below)")
        .integer("group_size", &S::groupSize, 1, kMany,
                 "episodes imagined from each start; divides `num_envs` (below)")
        .integer("update_epochs", &S::updateEpochs, 1, kMany,
                 "passes of the clipped objective over each iteration's data")
        .integer("num_minibatches", &S::minibatches, 1, kMany, "minibatches of each pass")
        .real("clip_coef", &S::clip, Interval::open(0, 1), "PPO's clipping of the probability ratio")
        .flag("clip_vloss", &S::clipValue, "clipped value loss")
        .real("ent_coef", &S::entropyCoef, Interval::atLeast(0), "entropy bonus")
        .real("max_grad_norm", &S::maxGradNorm, Interval::above(0), "gradient clipping")
        .real("target_kl", &S::targetKl, Interval::atLeast(0),
              "KL early stopping of an iteration's updates (0: never)")
        .real("bc_kl_coef", &S::bcKlCoef, Interval::atLeast(0),
              "weight of KL(policy \\|\\| starting policy) in the actor's loss (below)")
        .real("policy_lr", &S::policyLr, Interval::open(0, 1), "the actor's learning rate (fine-tuning)")
        .real("critic_lr", &S::criticLr, Interval::open(0, 1), "the critic's learning rate")
        .integer("critic_warmup", &S::criticWarmup, 0, kMany, "first iterations that train the critic only")
        .real("log_std_min", &S::logStdMin, Interval::any(),
              "the policy's log sigma is clipped to [`log_std_min`, `log_std_max`]: sigma in [0.1, 1]")
        .real("log_std_max", &S::logStdMax, Interval::atMost(0), "at most 0: the paper's sigma <= e^0")
        .flag("freeze_encoder", &S::freezeEncoder,
              "keep the policy's image encoder at its behaviour-cloned weights (below)")
        .integer("dream_samples", &S::dreamSamples, 1, 16, "samples of every imagined step (below)")
        .flag("reward_consensus", &S::rewardConsensus,
              "count a success only where the classifier fires on every sample")
        .real("uncertainty_coef", &S::uncertaintyCoef, Interval::atLeast(0),
              "reward penalty per unit of the samples' disagreement")
        .integer("eval_every", &S::evalEvery, 0, kMany,
                 "iterations between real evaluations (one also runs before the first; 0: never)")
        .integer("eval_episodes", &S::evalEpisodes, 1, kMany, "episodes of each real evaluation")
        .flag("eval_dream", &S::evalDream, "each real evaluation also runs eval-dream on the same seeds")
        .integer("checkpoint_every", &S::checkpointEvery, 1, kMany, "iterations between writes of `last.pt`")
        .integer("snapshot_every", &S::snapshotEvery, 0, kMany,
                 "write `policy_<N>.pt` every N iterations (0: none)")
        .flag("stop_on_real_loss", &S::stopOnRealLoss,
              "stop at an evaluation significantly worse than the start policy's (below)")
        .integer("early_stop_patience", &S::earlyStopPatience, 0, kMany,
                 "stop after that many evaluations in a row without a new best (0: never)")
        .integer("dream_check", &S::dreamCheckStarts, 0, 100000,
                 "starts of the dream check before the first iteration (0 skips it)")
        .flag("require_dream_signal", &S::requireDreamSignal,
              "stop before the first iteration where the dream check finds no signal (below)")
        .seed("seed", &S::seed, "seeds the dream's noise, the starts, the action samples and the minibatches")
        .choice("device", &S::device, {"auto", "cpu", "cuda"},
                "`auto` uses CUDA when available, else the CPU");
    return d;
  }();
  return t;
}

bool RefineSettings::set(const std::string& key, const std::string& value) {
  return table().set(*this, key, value);
}

std::map<std::string, std::string> RefineSettings::toMap() const {
  return table().values(*this);
}

std::string RefineSettings::toText() const {
  return config::mapText(toMap());
}

void RefineSettings::validate() const {
  table().check(*this);
  if (numEnvs % groupSize != 0)
    throw Error("group_size must divide num_envs (" + std::to_string(numEnvs) + "), not " +
                std::to_string(groupSize));
  if (advantage == "rloo" && groupSize < 2)
    throw Error(
        "advantage rloo needs group_size of at least 2: the baseline is the other episodes of the group");
  if (dreamSamples < 2 && (rewardConsensus || uncertaintyCoef > 0))
    throw Error("reward_consensus and uncertainty_coef need dream_samples of at least 2, not " +
                std::to_string(dreamSamples));
  if (!(logStdMin < logStdMax)) throw Error("log_std_min must be below log_std_max");
  if (requireDreamSignal && dreamCheckStarts == 0)
    throw Error("require_dream_signal needs the dream check before refinement (dream_check > 0)");
  if (earlyStopPatience > 0 && evalEvery == 0)
    throw Error("early_stop_patience needs real evaluations during refinement (eval_every > 0)");
}

}  // namespace w4rl::learning
